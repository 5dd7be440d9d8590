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
import { SavedQueryResolver } from './modules/saved-query/saved-query.resolver.js';
import { UserResolver } from './modules/user/user.resolver.js';
import { EmbedResolver } from './modules/embed/embed.resolver.js';
import { LiveResolver } from './live/live.resolver.js';

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
  EmbedResolver,
  SavedQueryResolver,
  LiveResolver,
] as const satisfies NonEmptyArray<Function>;

export const schemaFile = path.join(repoRoot, 'packages/schema/schema.graphql');

/** Builds the executable schema; needs no database. */
export async function buildHexieSchema(options: { emit?: boolean } = {}) {
  const schema = await buildSchema({
    resolvers,
    validate: false,
    // type-graphql insists on one; every subscription subscribes to the context's event bus instead (live/)
    pubSub: {
      publish: () => {
        throw new Error('Publish through ctx.events (live/events.ts)');
      },
      subscribe: () => {
        throw new Error('Subscriptions subscribe through ctx.events (live/events.ts)');
      },
    },
    emitSchemaFile: options.emit ? { path: schemaFile, sortedSchema: true } : false,
  });
  schema.getQueryType()!.description =
    'Reading: approved data for everyone; pending values, history and administration for signed-in users in their scope. Region codes are six-digit GB/T 2260 codes; periods are YYYY-MM (YYYY for annual indicators).';
  schema.getMutationType()!.description =
    'Writing: sign-in, data entry and approval, users, accepted report figures and saved queries — each for the roles named in its description, inside the user’s region scope.';
  schema.getSubscriptionType()!.description =
    'Live changes over WebSocket (graphql-ws protocol at /graphql): sign in with the session cookie (this hub’s pages only) or `{ "authorization": "Bearer <token>" }` in the connection parameters; the same permissions as queries.';
  return schema;
}
