import { mkdirSync } from 'node:fs';
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
import { Migration20261123000000_import } from './migrations/Migration20261123000000_import.js';
import { Import } from '../modules/import/import.entity.js';
import { kyselyObservers } from './sql.js';

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
  Import,
];

export type Orm = MikroORM;
export type Em = SqlEntityManager;

export interface DatabaseOptions {
  /** A PostgreSQL server; without it, embedded PGlite in `dataDir` (or in memory when dataDir is `memory://`). */
  databaseUrl?: string;
  dataDir: string;
  /** Log every SQL statement through this callback (tests count statements with it). */
  onQuery?: (sql: string) => void;
}

const common = (options: DatabaseOptions) => ({
  entities,
  extensions: [Migrator],
  migrations: {
    migrationsList: [
      Migration20261121000000_initial,
      Migration20261122000000_governance,
      Migration20261122010000_source_text,
      Migration20261123000000_import,
    ],
    snapshot: false,
    transactional: true,
    silent: true,
  },
  discovery: { warnWhenNoEntities: false },
  debug: options.onQuery ? (['query'] as const) : false,
  logger: options.onQuery ? (message: string) => options.onQuery!(message) : undefined,
  allowGlobalContext: false,
});

/** Opens the database (PostgreSQL when a URL is given, else embedded PGlite) and migrates it. */
export async function openDatabase(options: DatabaseOptions): Promise<Orm> {
  let orm: Orm;
  if (options.databaseUrl) {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    orm = await MikroORM.init({ ...common(options), clientUrl: options.databaseUrl, pool: { min: 0, max: 10 } } as never);
  } else {
    const { MikroORM } = await import('@mikro-orm/pglite');
    if (!options.dataDir.startsWith('memory:')) mkdirSync(options.dataDir, { recursive: true });
    orm = await MikroORM.init({ ...common(options), dbName: 'hexie', driverOptions: { dataDir: options.dataDir } } as never);
  }
  if (options.onQuery) kyselyObservers.set(orm.config, options.onQuery);
  await orm.migrator.up();
  return orm;
}

export const isPglite = (orm: Orm): boolean => orm.config.get('driver')?.name === 'PgliteDriver';
