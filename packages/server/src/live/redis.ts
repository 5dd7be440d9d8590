import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { TOPICS, type EventBus, type EventTransport, type LiveEvents, type Topic } from './events.js';

/** The one Redis pub/sub channel every replica publishes to and listens on. */
export const LIVE_CHANNEL = 'hexie:live';

const topics: ReadonlySet<string> = new Set(TOPICS);

/** Reconnection delay after the n-th failed attempt: quick at first, then every 2 s for as long as it takes. */
const retry = (attempt: number) => Math.min(100 * attempt, 2000);

/**
 * Fans the bus's events out to the other server replicas through Redis pub/sub, and delivers theirs
 * to this replica's subscribers. Local subscribers are reached by the bus itself, so while Redis is
 * away nothing changes for them: the bridge logs one warning, drops what it cannot send (other
 * replicas miss those events), and reconnects in the background (ioredis's retry), logging when Redis
 * is back.
 */
export function redisTransport(url: string, bus: EventBus, log: FastifyBaseLogger): EventTransport {
  const origin = randomUUID();
  // no offline queue: an event is live or not at all (a queue would deliver stale changes in a burst)
  const options = { retryStrategy: retry, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false } as const;
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
  let up = true;
  let closing = false;

  const down = (error?: Error) => {
    if (!up || closing) return;
    up = false;
    log.warn(
      { err: error, redis: redacted(url) },
      'Redis is unreachable: live events reach only the subscribers of this server replica until it is back (reconnecting)',
    );
  };
  const check = () => {
    if (!up && publisher.status === 'ready' && subscriber.status === 'ready') {
      up = true;
      log.info({ redis: redacted(url) }, 'Redis is back: live events reach every server replica again');
    }
  };
  for (const client of [publisher, subscriber]) {
    client.on('error', down);
    client.on('close', () => down());
    client.on('ready', check);
  }
  void subscriber.subscribe(LIVE_CHANNEL).catch(down);
  subscriber.on('message', (channel: string, text: string) => {
    if (channel !== LIVE_CHANNEL) return;
    let message: { origin?: unknown; topic?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      return log.warn({ channel }, 'A message on the live channel is not JSON: ignored');
    }
    if (message.origin === origin) return; // this replica's own event, already delivered
    if (typeof message.topic !== 'string' || !topics.has(message.topic) || typeof message.payload !== 'object' || !message.payload) {
      return log.warn({ channel, topic: String(message.topic).slice(0, 40) }, 'A message on the live channel has no known topic: ignored');
    }
    bus.deliver(message.topic as Topic, message.payload as LiveEvents[Topic]);
  });

  return {
    send(topic, payload) {
      if (publisher.status !== 'ready') return down();
      publisher.publish(LIVE_CHANNEL, JSON.stringify({ origin, topic, payload })).catch(down);
    },
    async close() {
      closing = true;
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

/** The URL without its password, for logs. */
const redacted = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');
