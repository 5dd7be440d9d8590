import type { Em } from '../../db/orm.js';

export interface Actor {
  /** The signed-in user, when a person made the change. */
  userId?: number | null;
  /** Who in words: "李华 <li@example.org>", "demo load", "import #3 (file.xlsx, sha256 …)". */
  label: string;
  reason?: string | null;
  importId?: number | null;
}

/**
 * Names the actor of the current transaction for the audit triggers. Must run inside the
 * transaction that makes the change (the settings are transaction-local).
 */
export async function setActor(tx: Em, actor: Actor): Promise<void> {
  await tx.execute(
    `select set_config('hexie.user_id', ?, true), set_config('hexie.actor', ?, true), set_config('hexie.reason', ?, true), set_config('hexie.import_id', ?, true)`,
    [
      actor.userId == null ? '' : String(actor.userId),
      actor.label,
      actor.reason ?? '',
      actor.importId == null ? '' : String(actor.importId),
    ],
  );
}

/** How the audit trail names a user. */
export const userLabel = (user: { name: string; email: string }): string => `${user.name} <${user.email}>`;
