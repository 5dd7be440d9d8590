import { mkdirSync } from 'node:fs';
import type pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { MikroORM } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Indicator } from '../modules/indicator/indicator.entity.js';
import { Observation, Rollup } from '../modules/observation/observation.entity.js';
import { PublishedFigure, SourceDocument, Target } from '../modules/published/published.entity.js';
import { Region, RegionAncestor } from '../modules/region/region.entity.js';
import { Migration20261121000000_initial } from './migrations/Migration20261121000000_initial.js';
import { Migration20261122000000_governance } from './migrations/Migration20261122000000_governance.js';
import { AuditEntry } from '../modules/audit/audit.entity.js';
import { Report } from '../modules/report/report.entity.js';
import { Session, User } from '../modules/user/user.entity.js';
import { Migration20261122010000_source_text } from './migrations/Migration20261122010000_source_text.js';
import { Migration20261122030000_embeds } from './migrations/Migration20261122030000_embeds.js';
import { Embed } from '../modules/embed/embed.entity.js';
import { Migration20261122040000_saved_queries } from './migrations/Migration20261122040000_saved_queries.js';
import { SavedQuery } from '../modules/saved-query/saved-query.entity.js';
import { checkStatement } from './guard.js';
import { Migration20261123000000_import } from './migrations/Migration20261123000000_import.js';
import { Migration20261123010000_report_trigger } from './migrations/Migration20261123010000_report_trigger.js';
import { Import } from '../modules/import/import.entity.js';
import { Migration20261124000000_alerts } from './migrations/Migration20261124000000_alerts.js';
import { Alert, AlertRule } from '../modules/alert/alert.entity.js';
import { kyselyObservers } from './sql.js';
import { DataVersion } from './data-version.js';
import { Migration20261124010000_data_version_notify } from './migrations/Migration20261124010000_data_version_notify.js';

export const entities = [
  Region,
  RegionAncestor,
  Indicator,
  Observation,
  Rollup,
  SourceDocument,
  PublishedFigure,
  Target,
  User,
  Session,
  Report,
  AuditEntry,
  Embed,
  SavedQuery,
  Import,
  AlertRule,
  Alert,
];

export type Orm = MikroORM;
export type Em = SqlEntityManager;

export interface DatabaseOptions {
  /** A PostgreSQL server; without it, embedded PGlite in `dataDir` (or in memory when dataDir is `memory://`). */
  databaseUrl?: string;
  /** PostgreSQL streaming replicas of `databaseUrl` for requests' reads (see replicas.ts). */
  databaseReadUrls?: string[];
  dataDir: string;
  /** Log every SQL statement through this callback (tests count statements with it). */
  onQuery?: (sql: string) => void;
  /**
   * Statement time limits for serving requests (PostgreSQL only: PGlite runs in-process, and its
   * statement_timeout never fires). Left out for migrations, loads and repairs, which may run long.
   */
  timeouts?: DatabaseTimeouts;
}

export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool (node-postgres `connectionTimeoutMillis`). */
  connectMs: number;
  /** Server-side `statement_timeout`; the client gives up 1 s later (`query_timeout`) on a frozen server. */
  statementMs: number;
}

/** A database that does not answer in time is answered as unavailable (503) or TIMEOUT, not waited for. */
export const DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 3_000, statementMs: 5_000 };

const common = (options: DatabaseOptions) => ({
  entities,
  extensions: [Migrator],
  migrations: {
    migrationsList: [
      Migration20261121000000_initial,
      Migration20261122000000_governance,
      Migration20261122010000_source_text,
      Migration20261122030000_embeds,
      Migration20261122040000_saved_queries,
      Migration20261123000000_import,
      Migration20261123010000_report_trigger,
      Migration20261124000000_alerts,
      Migration20261124010000_data_version_notify,
    ],
    snapshot: false,
    transactional: true,
    silent: true,
  },
  discovery: { warnWhenNoEntities: false },
  debug: options.onQuery ? (['query'] as const) : false,
  logger: options.onQuery ? (message: string) => options.onQuery!(message) : undefined,
  allowGlobalContext: false,
  // a request that has given up stops querying (timeouts.ts)
  onQuery: (sql: string) => (checkStatement(), sql),
});

const dataVersions = new WeakMap<Orm, DataVersion>();

/** What the process knows of the database's data version (data-version.ts); on PostgreSQL someone must `listen` for other processes' writes. */
export const dataVersionOf = (orm: Orm): DataVersion => dataVersions.get(orm)!;

/** Opens the database (PostgreSQL when a URL is given, else embedded PGlite) and migrates it. */
export async function openDatabase(options: DatabaseOptions): Promise<Orm> {
  let orm: Orm;
  const versions = new DataVersion();
  if (options.databaseUrl) {
    const timeouts = options.timeouts;
    const { MikroORM } = await import('@mikro-orm/postgresql');
    const readUrls = options.databaseReadUrls ?? [];
    orm = await MikroORM.init({
      ...common(options),
      clientUrl: options.databaseUrl,
      ...(readUrls.length && {
        driver: (await import('./replicas.js')).ReplicaRoutingDriver,
        replicas: readUrls.map((clientUrl, i) => ({ name: `replica-${i + 1}`, clientUrl })),
      }),
      pool: { min: 0, max: 10 },
      driverOptions: {
        connectionTimeoutMillis: timeouts?.connectMs ?? DATABASE_TIMEOUTS.connectMs,
        ...(timeouts && { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + 1_000 }),
        onPoolCreated: (pool: pg.Pool) => pool.on('connect', (client) => versions.attach(client)),
      },
    } as never);
  } else {
    const { MikroORM } = await import('@mikro-orm/pglite');
    if (!options.dataDir.startsWith('memory:')) mkdirSync(options.dataDir, { recursive: true });
    orm = await MikroORM.init({ ...common(options), dbName: 'hexie', driverOptions: { dataDir: options.dataDir } } as never);
  }
  if (options.onQuery) kyselyObservers.set(orm.config, options.onQuery);
  await orm.migrator.up();
  if (!options.databaseUrl) {
    const pglite = (await (orm.em.getConnection() as unknown as { getNativeClient(): Promise<PGlite> }).getNativeClient()) as PGlite;
    await versions.attachSingle(
      (channel, onPayload) => pglite.listen(channel, onPayload),
      async () => String((await orm.em.getConnection().execute<{ v: string }[]>('select data_version::text as v from hexie_meta'))[0].v),
    );
  }
  dataVersions.set(orm, versions);
  return orm;
}

export const isPglite = (orm: Orm): boolean => orm.config.get('driver')?.name === 'PgliteDriver';
