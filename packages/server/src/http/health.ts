import type { FastifyInstance } from 'fastify';
import type { Orm } from '../db/orm.js';
import { classify, type BurstLog } from './errors.js';

/** How long /readyz waits for the database. */
export const READY_TIMEOUT_MS = 2_000;

/**
 * `/healthz`: the process answers. `/readyz`: the database answers `select 1` within
 * READY_TIMEOUT_MS — ready or not, and never why (no address, no driver message: those are logged).
 */
export function registerHealth(app: FastifyInstance, orm: Orm, burst: BurstLog): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        orm.em.fork().getConnection().execute('select 1'),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`connection timeout: no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
        }),
      ]);
      return { status: 'ready' };
    } catch (error) {
      burst.report(
        request.log,
        classify(error) === 'internal' ? 'readyz' : 'database-unavailable',
        error,
        'Not ready: the database does not answer',
      );
      return reply.code(503).header('retry-after', '5').send({ status: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
}
