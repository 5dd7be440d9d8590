import type { Kysely } from 'kysely';
import type { Em } from './orm.js';

export { sql } from 'kysely';

/** The request's Kysely instance (shares the EntityManager's connection and transaction). */
export const db = (em: Em): Kysely<any> => em.getKysely() as unknown as Kysely<any>;
