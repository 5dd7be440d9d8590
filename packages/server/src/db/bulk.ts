import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import copyStreams from 'pg-copy-streams';
import { isPglite, type Orm } from './orm.js';

/**
 * A raw session for bulk loads with COPY, outside the ORM's unit of work: PGlite's own instance
 * (`COPY … FROM '/dev/blob'`), or a dedicated `pg` client (pg-copy-streams) for a PostgreSQL server.
 */
export interface BulkSession {
  exec(sql: string): Promise<void>;
  /** Runs `COPY table (columns) FROM STDIN (FORMAT csv)` with the given CSV text. */
  copyCsv(table: string, columns: string[], csv: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBulkSession(orm: Orm, databaseUrl?: string): Promise<BulkSession> {
  if (isPglite(orm)) {
    const connection = orm.em.getConnection() as unknown as { getNativeClient(): Promise<PGlite> };
    const pglite = await connection.getNativeClient();
    return {
      exec: async (sql) => void (await pglite.exec(sql)),
      copyCsv: async (table, columns, csv) =>
        void (await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
          blob: new Blob([csv]),
        })),
      close: async () => {},
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    copyCsv: async (table, columns, csv) => {
      const stream = client.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
      await pipeline(Readable.from([csv]), stream);
    },
    close: () => client.end(),
  };
}
