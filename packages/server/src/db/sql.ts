import { sql, type Kysely, type KyselyPlugin } from 'kysely';
import { checkStatement } from './guard.js';
import type { Em } from './orm.js';

export { sql } from 'kysely';

/** Per-ORM observers of the statements run through Kysely (the ORM's own logger does not see them). */
export const kyselyObservers = new WeakMap<object, (statement: string) => void>();

const observing = (observer: (statement: string) => void): KyselyPlugin => ({
  transformQuery: ({ node }) => (observer(node.kind), node),
  transformResult: async ({ result }) => result,
});

/** Runs the statement guard (guard.ts) before each Kysely statement, as the ORM's onQuery does. */
const guarded: KyselyPlugin = {
  transformQuery: ({ node }) => (checkStatement(), node),
  transformResult: async ({ result }) => result,
};

/**
 * The request's Kysely instance (shares the EntityManager's connection and transaction). Outside a
 * transaction it reads from a read replica when the request may (db/replicas.ts), else the primary.
 */
export const db = (em: Em): Kysely<any> => {
  const kysely = (em.getKysely({ type: 'read' }) as unknown as Kysely<any>).withPlugin(guarded);
  const observer = kyselyObservers.get(em.config);
  return observer ? kysely.withPlugin(observing(observer)) : kysely;
};

/**
 * Moves `hexie_meta.data_version` for a change no trigger sees (users, embeds, an import recorded, a
 * reporting deadline passed): every response cache drops what it holds (db/data-version.ts).
 */
export const bumpDataVersion = (em: Em) => sql`update hexie_meta set data_version = data_version + 1`.execute(db(em));
