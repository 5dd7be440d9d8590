import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Context } from '../context.js';
import { EventBus } from '../live/events.js';
import { redisTransport } from '../live/redis.js';
import { registerSubscriptions, type WS_LIMITS } from '../live/websocket.js';
import type { ValidationRule } from 'graphql';
import { registerAuth } from './auth.js';
import { registerImports } from './imports.js';
import { dataVersionOf, isPglite, type Orm } from '../db/orm.js';
import { buildHexieSchema } from '../schema.js';
import { hexieCostModel, loadCardinalities } from './cost.js';
import { BurstLog, graphqlErrorFormatter, httpErrorHandler, unavailableStatusPlugin } from './errors.js';
import { graphqlRoute } from './graphql-route.js';
import { registerExport } from './export.js';
import { registerHealth } from './health.js';
import { armorLimits, parseOptions, queryCostPlugin } from './limits.js';
import { memoryStore, redisStore, responseCache, type ResponseStore } from './response-cache.js';
import { ReadPins, readRoutingPlugin } from './read-routing.js';
import { SharedRedis } from '../redis.js';
import { registerSecurity } from './security.js';
import { registerDashboard } from './static.js';
import { registerEmbed, requestSerializer } from './embed.js';
import { alertLog } from '../modules/alert/alert.engine.js';
import { startAlertScheduler } from '../modules/alert/alert.scheduler.js';

const FIGURE_COUNT = 'select (select count(*) from published_figure) + (select count(*) from target) as n';
/** How often the count of published figures and targets is checked for re-pricing. */
export const REPRICE_MS = 2000;

/** Largest accepted request body (a GraphQL query with its variables). */
export const BODY_LIMIT = 256 * 1024;

export interface AppOptions {
  orm: Orm;
  /** Folder of the built dashboard; served with an SPA fallback when it exists. */
  webDist?: string;
  /** Fastify's pino logger options (false: silent, as in tests). */
  logger?: FastifyServerOptions['logger'];
  /** Run the periodic alert checks and webhook deliveries (default true; tests that do not need them turn them off). */
  alerts?: boolean;
  /** Overrides of the ceilings, for tests: the request deadline, the response size, the cost budget. */
  limits?: { timeoutMs?: number; maxBytes?: number; maxCost?: number; repriceMs?: number; live?: Partial<typeof WS_LIMITS> };
  /** Behind a reverse proxy: whose X-Forwarded-For/-Proto to believe (Fastify's trustProxy). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** The event bus (a new one by default); `app.events` is it. */
  events?: EventBus;
  /** Redis shared by the server replicas (REDIS_URL): live events fan out through it; the response cache and read pins live there. */
  redisUrl?: string;
  /** Where the response cache keeps answers (default: 64 MB of this process's memory; Redis with `redisUrl`). */
  responseStore?: ResponseStore;
  /** With read replicas: how long a user's reads stay on the primary after a mutation. */
  readPinMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Changes for subscribers: modules publish after their transaction commits. */
    events: EventBus;
  }
}

/** The one HTTP server: /graphql, health checks and the dashboard on one port. */
export async function buildApp({
  orm,
  webDist,
  logger = false,
  limits = {},
  trustProxy = false,
  alerts = true,
  events = new EventBus(),
  redisUrl,
  responseStore = memoryStore(),
  readPinMs = 5_000,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: redactedLogger(logger), bodyLimit: BODY_LIMIT, requestTimeout: 30_000, trustProxy });
  app.decorate('events', events);
  if (redisUrl) events.connect(redisTransport(redisUrl, events, app.log));
  app.addHook('onClose', () => events.close());
  const burst = new BurstLog();
  app.setErrorHandler(httpErrorHandler(BODY_LIMIT, burst));
  await registerSecurity(app);

  const schema = await buildHexieSchema();
  let costModel = hexieCostModel(schema, await loadCardinalities(orm.em.fork() as never));
  // published figures and targets are added while serving (accepted from reports): re-price when their count changes
  const figureCount = async () => String((await orm.em.fork().getConnection().execute<{ n: string }[]>(FIGURE_COUNT))[0].n);
  let figures = await figureCount();
  const repricing = setInterval(async () => {
    try {
      const now = await figureCount();
      if (now !== figures) [costModel, figures] = [hexieCostModel(schema, await loadCardinalities(orm.em.fork() as never)), now];
    } catch {
      // the database is away: requests say so; the prices stay as they were
    }
  }, limits.repriceMs ?? REPRICE_MS);
  repricing.unref();
  app.addHook('onClose', async () => clearInterval(repricing));
  const redis = redisUrl ? new SharedRedis(redisUrl, app.log) : undefined;
  if (redis) {
    app.addHook('onClose', async () => redis.close());
    await redis.connected();
  }
  const replicated = orm.config.get('replicas', []).length > 0;
  const armor = armorLimits();
  const formatError = graphqlErrorFormatter({ log: app.log, burst, schema });
  const versions = dataVersionOf(orm);
  if (!isPglite(orm)) {
    // other processes' writes (a failure to listen is retried; until then nothing is served from the cache)
    const onLost = (error: Error) =>
      app.log.warn({ err: error }, 'Not listening for writes: the response cache is off until listening again');
    await versions.listen(orm.config.get('clientUrl')!, onLost).catch(() => {});
    app.addHook('onClose', () => versions.close());
  }
  // with read replicas the version is read from the server that answers (it may lag the primary)
  const answeringVersion = async () =>
    String(
      (await orm.em.fork().getConnection('read').execute<{ data_version: string }[]>('select data_version from hexie_meta'))[0]
        .data_version,
    );
  const cache = responseCache(
    versions,
    redis ? redisStore(redis, responseStore) : responseStore,
    replicated ? answeringVersion : undefined,
  );
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    logger: app.log,
    parseOptions,
    validationRules: armor.validationRules,
    formatError,
    stringifyResult: cache.stringifyResult,
    plugins: [
      fastifyApolloDrainPlugin(app),
      // its default loads from a CDN that intranets block: browsers go to /explorer (graphql-route.ts)
      ApolloServerPluginLandingPageDisabled(),
      // no cache hints are used (the response cache is ours): without it Apollo does not wrap every resolver
      ApolloServerPluginCacheControlDisabled(),
      ...armor.plugins,
      queryCostPlugin<Context>(() => costModel, limits.maxCost),
      unavailableStatusPlugin<Context>(),
      ...(replicated ? [readRoutingPlugin(new ReadPins(readPinMs, redis))] : []),
      cache.plugin,
    ],
  });
  await apollo.start();
  const context = await registerAuth(app, orm, events);
  const graphql = fastifyApolloHandler(apollo, { context });
  const subscriptions = await registerSubscriptions(app, {
    orm,
    events,
    schema,
    validationRules: armor.validationRules as ValidationRule[],
    costModel: () => costModel,
    maxCost: limits.maxCost,
    formatError,
    limits: limits.live,
  });
  graphqlRoute(app, graphql as Parameters<typeof graphqlRoute>[1], {
    burst,
    timeoutMs: limits.timeoutMs,
    maxBytes: limits.maxBytes,
    wsHandler: subscriptions,
  });
  await registerImports(app, context);

  registerExport(app, context);
  registerHealth(app, orm, burst);
  registerEmbed(app, orm, webDist);
  await registerDashboard(app, webDist);
  if (alerts) {
    alertLog.current = app.log;
    const stop = startAlertScheduler(orm, events);
    app.addHook('onClose', stop);
  }
  return app;
}

/** The logger with request URLs redacted: an embed page's URL carries its token. */
function redactedLogger(logger: AppOptions['logger']): AppOptions['logger'] {
  if (!logger) return logger;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, req: requestSerializer as never } };
}
