import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Context } from '../context.js';
import { registerAuth } from './auth.js';
import type { Orm } from '../db/orm.js';
import { buildHexieSchema } from '../schema.js';
import { hexieCostModel, loadCardinalities } from './cost.js';
import { BurstLog, graphqlErrorFormatter, httpErrorHandler, unavailableStatusPlugin } from './errors.js';
import { graphqlRoute } from './graphql-route.js';
import { registerExport } from './export.js';
import { registerHealth } from './health.js';
import { armorLimits, parseOptions, queryCostPlugin } from './limits.js';
import { RESPONSE_CACHE_BYTES, responseCachePlugin } from './response-cache.js';
import { registerSecurity } from './security.js';
import { registerDashboard } from './static.js';

/** Largest accepted request body (a GraphQL query with its variables). */
export const BODY_LIMIT = 256 * 1024;

export interface AppOptions {
  orm: Orm;
  /** Folder of the built dashboard; served with an SPA fallback when it exists. */
  webDist?: string;
  /** Fastify's pino logger options (false: silent, as in tests). */
  logger?: FastifyServerOptions['logger'];
  /** Overrides of the ceilings, for tests: the request deadline, the response size, the cost budget. */
  limits?: { timeoutMs?: number; maxBytes?: number; maxCost?: number };
}

/** The one HTTP server: /graphql, health checks and the dashboard on one port. */
export async function buildApp({ orm, webDist, logger = false, limits = {} }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: BODY_LIMIT, requestTimeout: 30_000 });
  const burst = new BurstLog();
  app.setErrorHandler(httpErrorHandler(BODY_LIMIT, burst));
  await registerSecurity(app);

  const schema = await buildHexieSchema();
  const costModel = hexieCostModel(schema, await loadCardinalities(orm.em.fork() as never));
  const armor = armorLimits();
  const formatError = graphqlErrorFormatter({ log: app.log, burst, schema });
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    logger: app.log,
    parseOptions,
    validationRules: armor.validationRules,
    formatError,
    plugins: [
      fastifyApolloDrainPlugin(app),
      // its default loads from a CDN that intranets block: browsers go to /explorer (graphql-route.ts)
      ApolloServerPluginLandingPageDisabled(),
      ...armor.plugins,
      queryCostPlugin<Context>(() => costModel, limits.maxCost),
      unavailableStatusPlugin<Context>(),
      responseCachePlugin(orm, RESPONSE_CACHE_BYTES, formatError),
    ],
  });
  await apollo.start();
  const context = await registerAuth(app, orm);
  const graphql = fastifyApolloHandler(apollo, { context });
  graphqlRoute(app, graphql as Parameters<typeof graphqlRoute>[1], { burst, timeoutMs: limits.timeoutMs, maxBytes: limits.maxBytes });

  registerExport(app, context);
  registerHealth(app, orm, burst);
  await registerDashboard(app, webDist);
  return app;
}
