import { existsSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import type { Context } from '../context.js';
import { registerAuth } from './auth.js';
import { registerImports } from './imports.js';
import type { Orm } from '../db/orm.js';
import { buildHexieSchema } from '../schema.js';
import { queryLimitsPlugin } from './limits.js';
import { responseCachePlugin } from './response-cache.js';

/** Largest accepted request body (a GraphQL query with its variables). */
export const BODY_LIMIT = 256 * 1024;

export interface AppOptions {
  orm: Orm;
  /** Folder of the built dashboard; served with an SPA fallback when it exists. */
  webDist?: string;
  logger?: boolean;
}

/** Hides internal errors (their details go to the log); client errors keep their message and code. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
    console.error(error);
    return {
      message: 'Internal server error: the request could not be completed. It has been logged.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}

/** The one HTTP server: /graphql, health checks and the dashboard on one port. */
export async function buildApp({ orm, webDist, logger = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: BODY_LIMIT });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.code(413).send({
        errors: [
          {
            message: `The request body is larger than ${BODY_LIMIT / 1024} KB, the most a query may send.`,
            extensions: { code: 'PAYLOAD_TOO_LARGE' },
          },
        ],
      });
    }
    if (status >= 500) console.error(error);
    return reply.code(status).send({ errors: [{ message: status >= 500 ? 'Internal server error' : error.message }] });
  });

  const apollo = new ApolloServer<Context>({
    schema: await buildHexieSchema(),
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [fastifyApolloDrainPlugin(app), queryLimitsPlugin<Context>(), responseCachePlugin(orm)],
  });
  await apollo.start();
  const context = await registerAuth(app, orm);
  await app.register(fastifyApollo(apollo), { context });
  await registerImports(app, context);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await orm.em.fork().getConnection().execute('select 1');
      return { status: 'ready' };
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', error: (error as Error).message });
    }
  });

  if (webDist && existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/graphql')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: 'Not found' });
    });
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/html')
        .send(
          '<h1>Hexie</h1><p>The API is at <a href="/graphql">/graphql</a>. The dashboard is not built: run <code>pnpm build</code>.</p>',
        ),
    );
  }
  return app;
}
