import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.js';
import { explorerSecurityHeaders } from './security.js';

/** Vite names every built asset by its content's hash: it never changes under its name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: always revalidated. */
export const REVALIDATE = 'no-cache';

/**
 * The built dashboard: hashed /assets/* cached for a year, index.html revalidated, and the SPA
 * fallback (index.html for the dashboard's own routes); an unknown /assets/* file is a 404.
 */
export async function registerDashboard(app: FastifyInstance, webDist: string | undefined): Promise<void> {
  if (!webDist || !existsSync(path.join(webDist, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/html')
        .header('cache-control', REVALIDATE)
        .send(
          '<h1>Hexie</h1><p>The API is at <a href="/graphql">/graphql</a>. The dashboard is not built: run <code>pnpm build</code>.</p>',
        ),
    );
    app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('Not found', 'NOT_FOUND')));
    return;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false, // a route per file found at start: anything else is not found
    cacheControl: false,
    setHeaders: (response, file) => {
      const underAssets = path.relative(path.join(webDist, 'assets'), file);
      const hashed = !underAssets.startsWith('..') && !path.isAbsolute(underAssets);
      response.setHeader('cache-control', hashed ? IMMUTABLE : REVALIDATE);
    },
  });
  // the GraphQL explorer: its own page (GraphiQL with Monaco); its CSP allows inline styles (security.ts)
  if (existsSync(path.join(webDist, 'explorer.html'))) {
    app.get('/explorer', { helmet: explorerSecurityHeaders() }, (_request, reply) =>
      reply.header('cache-control', REVALIDATE).sendFile('explorer.html'),
    );
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0];
    const page = request.method === 'GET' && !url.startsWith('/assets/') && !url.startsWith('/graphql') && !path.extname(url);
    if (page) return reply.header('cache-control', REVALIDATE).sendFile('index.html');
    return reply.code(404).send(errorBody(`Not found: ${request.method} ${url.slice(0, 100)}`, 'NOT_FOUND'));
  });
}
