import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One HMAC key: its id (the JWT header's `kid`) and its secret (at least 32 bytes). */
export interface EmbedKey {
  kid: string;
  secret: Uint8Array;
}

/** The first key signs new tokens; every key verifies (keep the old one listed while rotating). */
export interface EmbedKeyring {
  signing: EmbedKey;
  byKid: ReadonlyMap<string, EmbedKey>;
}

const KID = /^[A-Za-z0-9_-]{1,32}$/;
const MIN_SECRET_BYTES = 32;

/**
 * Parses `HEXIE_EMBED_KEYS`: `kid=secret` pairs separated by commas, secrets in base64url of at least
 * 32 bytes (`openssl rand -base64 48 | tr '+/' '-_'`). Returns the problems instead of throwing.
 */
export function parseEmbedKeys(text: string): { keys?: EmbedKey[]; problems: string[] } {
  const problems: string[] = [];
  const keys: EmbedKey[] = [];
  for (const [i, part] of text.split(',').entries()) {
    const [kid, secret, ...rest] = part.trim().split('=');
    const where = `HEXIE_EMBED_KEYS entry ${i + 1}`;
    if (!kid || secret === undefined || rest.some((r) => r !== '')) {
      problems.push(`${where} must be kid=secret (e.g. k2026=…base64url…)`);
      continue;
    }
    if (!KID.test(kid)) problems.push(`${where}: the key id "${kid.slice(0, 40)}" may use letters, digits, - and _ (at most 32)`);
    const bytes = Buffer.from(secret + rest.join('='), 'base64url');
    if (bytes.length < MIN_SECRET_BYTES)
      problems.push(`${where} (${kid}): the secret must be at least ${MIN_SECRET_BYTES} bytes of base64url, got ${bytes.length}`);
    if (keys.some((k) => k.kid === kid)) problems.push(`${where}: the key id "${kid}" is listed twice`);
    keys.push({ kid, secret: new Uint8Array(bytes) });
  }
  return problems.length ? { problems } : { keys, problems };
}

export const keyring = (keys: EmbedKey[]): EmbedKeyring => ({ signing: keys[0], byKid: new Map(keys.map((k) => [k.kid, k])) });

export const EMBED_KEYS_FILE = 'embed-keys.json';

/** The keys from configuration, or those generated into the data folder on first start (mode 0600). */
export function loadEmbedKeys(configured: EmbedKey[] | undefined, dataDir: string): EmbedKeyring {
  if (configured?.length) return keyring(configured);
  const file = path.join(dataDir, EMBED_KEYS_FILE);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { kid: string; secret: string }[];
    return keyring(stored.map((k) => ({ kid: k.kid, secret: new Uint8Array(Buffer.from(k.secret, 'base64url')) })));
  }
  const key = generateKey();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify([{ kid: key.kid, secret: Buffer.from(key.secret).toString('base64url') }], null, 2), { mode: 0o600 });
  return keyring([key]);
}

export const generateKey = (): EmbedKey => ({ kid: `k${randomBytes(4).toString('hex')}`, secret: new Uint8Array(randomBytes(48)) });

let current: EmbedKeyring | undefined;

/** Set once at start (main.ts); tests and tools without a data folder get an in-memory key. */
export function useEmbedKeys(ring: EmbedKeyring): void {
  current = ring;
}

export function embedKeys(): EmbedKeyring {
  current ??= keyring([generateKey()]);
  return current;
}
