import 'reflect-metadata';
import path from 'node:path';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { AggregateResolver } from './modules/aggregate/aggregate.resolver.js';
import { ExtractResolver, IndicatorAlternativeResolver } from './modules/extract/extract.resolver.js';
import { CategoryResolver, IndicatorResolver } from './modules/indicator/indicator.resolver.js';
import { figureFieldsResolver, PublishedFigureResolver, TargetResolver } from './modules/published/published.resolver.js';
import { PublishedFigureNode, TargetNode } from './modules/published/published.types.js';
import { RegionResolver } from './modules/region/region.resolver.js';
import { repoRoot } from './config.js';
import { AuditResolver } from './modules/audit/audit.resolver.js';
import { ObservationResolver } from './modules/observation/observation.resolver.js';
import { ImportResolver } from './modules/import/import.resolver.js';
import { ReportResolver } from './modules/report/report.resolver.js';
import { SessionResolver } from './modules/session/session.resolver.js';
import { UserResolver } from './modules/user/user.resolver.js';

/** The one list of resolvers: used by the server and by the schema emitter. */
export const resolvers = [
  RegionResolver,
  IndicatorResolver,
  CategoryResolver,
  AggregateResolver,
  PublishedFigureResolver,
  TargetResolver,
  figureFieldsResolver(PublishedFigureNode),
  figureFieldsResolver(TargetNode),
  UserResolver,
  SessionResolver,
  ReportResolver,
  ObservationResolver,
  AuditResolver,
  ImportResolver,
  ExtractResolver,
  IndicatorAlternativeResolver,
] as const satisfies NonEmptyArray<Function>;

export const schemaFile = path.join(repoRoot, 'packages/schema/schema.graphql');

/** Builds the executable schema; needs no database. */
export function buildHexieSchema(options: { emit?: boolean } = {}) {
  return buildSchema({
    resolvers,
    validate: false,
    emitSchemaFile: options.emit ? { path: schemaFile, sortedSchema: true } : false,
  });
}
