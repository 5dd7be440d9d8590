import type { WebsocketHandler } from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { runGuarded } from '../db/guard.js';
import { errorBody, RequestTimeout, type BurstLog } from './errors.js';
import { runInRequest } from './request-scope.js';

/** The most one GraphQL request may take before it is answered TIMEOUT (503). */
export const REQUEST_TIMEOUT_MS = 10_000;
/** The largest GraphQL answer sent (the cost limit keeps honest answers far below: see cost.ts). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

const EXPIRED = Symbol('expired');

/**
 * The /graphql route, under two hard ceilings on top of the cost estimate. Size: an answer over
 * MAX_RESPONSE_BYTES is replaced by RESPONSE_TOO_LARGE. Time: under a deadline. When the deadline passes the caller is answered TIMEOUT at once,
 * and the work left behind stops at its next SQL statement (the statement guard throws): the server
 * does not keep querying for a caller that is gone. One statement in flight ends by itself — on
 * PostgreSQL at `statement_timeout`; on PGlite, which runs on this thread and has no working
 * statement_timeout, when it is done (the cost limit is what keeps statements short there).
 */
export function graphqlRoute(
  app: FastifyInstance,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  {
    timeoutMs = REQUEST_TIMEOUT_MS,
    maxBytes = MAX_RESPONSE_BYTES,
    burst,
    wsHandler,
  }: {
    timeoutMs?: number;
    maxBytes?: number;
    burst: BurstLog;
    /** Subscriptions: WebSocket upgrades of GET /graphql. */
    wsHandler?: WebsocketHandler;
  },
): void {
  const route = (request: FastifyRequest, reply: FastifyReply) => {
    // a person opening /graphql in a browser gets the explorer (Apollo's landing page is off)
    if (request.method === 'GET' && /text\/html/.test(request.headers.accept ?? '')) {
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return reply.redirect(`/explorer${search.startsWith('?saved=') ? search : ''}`, 302);
    }
    let expired = false;
    const guard = () => {
      if (expired) throw new RequestTimeout(timeoutMs);
    };
    return runInRequest({ log: request.log }, () =>
      runGuarded(guard, async () => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<typeof EXPIRED>((resolve) => {
          timer = setTimeout(() => {
            expired = true;
            resolve(EXPIRED);
          }, timeoutMs);
        });
        try {
          const result = await Promise.race([handler(request, reply), deadline]);
          if (typeof result === 'string' && Buffer.byteLength(result) > maxBytes) {
            const size = Buffer.byteLength(result);
            return reply
              .code(400)
              .type('application/json; charset=utf-8')
              .send({
                errors: [
                  {
                    message: `The answer would be ${(size / 1048576).toFixed(1)} MB; at most ${+(maxBytes / 1048576).toFixed(3)} MB are sent. Ask for fewer regions, periods or fields.`,
                    extensions: { code: 'RESPONSE_TOO_LARGE', bytes: size, maxBytes },
                  },
                ],
              });
          }
          if (result !== EXPIRED) return result;
          const timeout = new RequestTimeout(timeoutMs);
          burst.report(request.log, 'timeout', timeout, 'A request ran out of time');
          return reply
            .code(503)
            .header('retry-after', '5')
            .type('application/json; charset=utf-8')
            .send({
              errors: [{ ...errorBody(timeout.message, 'TIMEOUT').errors[0], extensions: { code: 'TIMEOUT', limitMs: timeoutMs } }],
            });
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  };
  // @fastify/websocket takes upgrades on a GET route only
  app.route({ method: 'GET', url: '/graphql', handler: route, wsHandler });
  app.route({ method: ['POST', 'OPTIONS'], url: '/graphql', handler: route });
}
