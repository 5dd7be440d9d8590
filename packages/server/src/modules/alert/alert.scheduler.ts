import type { Orm } from '../../db/orm.js';
import { indicatorCatalog } from '../indicator/indicator.catalog.js';
import { regionTree } from '../region/region.tree.js';
import type { EventBus } from '../../live/events.js';
import { AlertEngine, alertLog } from './alert.engine.js';
import { deadlinePassed } from '../completeness/completeness.service.js';
import { bumpDataVersion } from '../../db/sql.js';

/** How often due webhooks are delivered, and how often passed deadlines are checked. */
export const DELIVERY_TICK_MS = 5_000;
export const DEADLINE_TICK_MS = 60_000;

/**
 * The server's periodic alert work: deadlines that passed (every minute) and webhooks due (every
 * 5 s, and right after an alert is raised). Safe on several replicas: alerts are unique per rule ×
 * region × period and deliveries are claimed under a lease. Returns a stop function (it waits for the work under way).
 */
export function startAlertScheduler(
  orm: Orm,
  events: EventBus,
  options: { deliveryMs?: number; deadlineMs?: number } = {},
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let deadlinesCheckedAt = new Date();
  const run = (what: 'deliveries' | 'deadlines') => {
    running = running
      .then(async () => {
        const em = orm.em.fork() as never;
        const catalog = await indicatorCatalog(em);
        const e = new AlertEngine(em, await regionTree(em), catalog, events);
        if (what === 'deadlines') {
          const now = new Date();
          await e.deadlinesPassed(now);
          // completeness answers (who is late) change when a deadline passes: cached ones must go
          if (deadlinePassed(catalog, deadlinesCheckedAt, now)) await bumpDataVersion(em);
          deadlinesCheckedAt = now;
        }
        await e.deliverDue();
      })
      .catch((error) => alertLog.current.error({ err: error }, `alert ${what} check failed`));
  };
  const deliveries = setInterval(() => run('deliveries'), options.deliveryMs ?? DELIVERY_TICK_MS);
  const deadlines = setInterval(() => run('deadlines'), options.deadlineMs ?? DEADLINE_TICK_MS);
  deliveries.unref();
  deadlines.unref();
  // a new alert with a webhook is posted at once (on every replica that hears of it: the claim decides who)
  const raised = events.subscribe('alertRaised', { filter: (alert) => alert.webhook });
  void (async () => {
    for await (const _ of raised) run('deliveries');
  })();
  return async () => {
    clearInterval(deliveries);
    clearInterval(deadlines);
    await raised.return?.();
    await running;
  };
}
