import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** Argon2id with the library's defaults (19 MiB, t=2, p=1: OWASP's recommended minimum). */
export const hashPassword = (password: string): Promise<string> => hash(password);

/** A hash of nothing anyone knows: unknown emails are verified against it so they take as long as known ones. */
let decoy: Promise<string> | undefined;

/** Checks a password against a stored hash (or, with none, wastes the same time and fails). */
export async function checkPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hash('hexie-decoy-password-for-timing');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** Why a new password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password may have at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}
