import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { graphql, GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Role } from '../auth/viewer.js';
import { createContext } from '../context.js';
import { EventBus } from '../live/events.js';
import { regionTree } from '../modules/region/region.tree.js';
import { SessionService } from '../modules/session/session.service.js';
import { UserService } from '../modules/user/user.service.js';
import { openDatabase, type Orm } from '../db/orm.js';
import { loadReferenceData } from '../db/reference.js';
import { buildHexieSchema } from '../schema.js';

/** Every integration suite runs on embedded PGlite, and on PostgreSQL when TEST_DATABASE_URL is set. */
export const vendors: { vendor: 'pglite' | 'postgresql' }[] = [
  { vendor: 'pglite' },
  ...(process.env.TEST_DATABASE_URL ? [{ vendor: 'postgresql' as const }] : []),
];

export interface TestDatabase {
  orm: Orm;
  /** The event bus of this database's contexts (what `query` publishes). */
  events: EventBus;
  /** The PostgreSQL URL of this test's own database (undefined on PGlite). */
  databaseUrl?: string;
  /** Runs a GraphQL operation in-process against the schema, with a fresh context (signed in with `token`). */
  query<T = any>(source: string, variables?: Record<string, unknown>, options?: { token?: string }): Promise<ExecutionResult<T>>;
  /** Creates a user with this role and region, signs them in, and returns their bearer token. */
  signIn(role: Role, region: string, email?: string): Promise<string>;
  close(): Promise<void>;
}

let signedIn = 0;

let schema: Promise<GraphQLSchema> | undefined;

/** A fresh, migrated database with the reference data: its own PGlite folder or PostgreSQL database. */
export async function createTestDatabase(
  vendor: 'pglite' | 'postgresql',
  options: { onQuery?: (sql: string) => void } = {},
): Promise<TestDatabase> {
  let databaseUrl: string | undefined;
  let cleanup: () => Promise<void>;
  let dataDir = '';
  if (vendor === 'postgresql') {
    const admin = new URL(process.env.TEST_DATABASE_URL!);
    const name = `hexie_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const own = new URL(admin.toString());
    own.pathname = `/${name}`;
    databaseUrl = own.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'hexie-test-'));
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  const orm = await openDatabase({ databaseUrl, dataDir, onQuery: options.onQuery });
  await loadReferenceData(orm.em.fork() as never);
  schema ??= buildHexieSchema();
  const built = await schema;
  const events = new EventBus();
  return {
    orm,
    events,
    databaseUrl,
    query: async (source, variables, options = {}) => {
      const em = orm.em.fork() as never;
      let contextValue;
      try {
        contextValue = await createContext(em, { events, ...(options.token ? { credentials: { bearer: options.token } } : {}) });
      } catch (error) {
        // as over HTTP: a refused credential is the request's only error
        if (error instanceof GraphQLError) return { errors: [error] } as never;
        throw error;
      }
      return graphql({ schema: built, source, variableValues: variables, contextValue }) as never;
    },
    signIn: async (role, region, email = `${role.toLowerCase()}${++signedIn}@test.hexie`) => {
      const em = orm.em.fork() as never;
      const password = 'a test password';
      await new UserService(em, await regionTree(em)).create({ email, name: email.split('@')[0], password, role, region }, null);
      return (await new SessionService(em).signIn(email, password)).token;
    },
    close: async () => {
      await events.close();
      await orm.close(true);
      await cleanup();
    },
  };
}

/** Raw SQL on the test database, independent of the code under test. */
export async function rawQuery<T>(db: TestDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
  return db.orm.em.fork().getConnection().execute<T[]>(sql, params);
}
