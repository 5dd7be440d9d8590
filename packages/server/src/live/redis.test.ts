import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, type DataChanged } from './events.js';
import { LIVE_CHANNEL, redisTransport } from './redis.js';
import { TestRedis } from '../test/redis-server.js';

const until = async (condition: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** A pino logger whose lines the test reads. */
function capturedLog() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: Fastify({ logger: { level: 'info', stream } }).log, lines };
}

const event = (period: string): DataChanged => ({ region: '510114', period, indicators: ['jobs_posted'], at: '2024-01-01T00:00:00Z' });

describe('live events through Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => (redis = await TestRedis.start()));
  afterAll(() => redis?.close());

  it('fans events out between replicas, keeps delivering locally while Redis is away (one warning), and reconnects', async () => {
    const url = redis.url;
    const a = { bus: new EventBus(), ...capturedLog() };
    const b = { bus: new EventBus(), ...capturedLog() };
    a.bus.connect(redisTransport(url, a.bus, a.log));
    b.bus.connect(redisTransport(url, b.bus, b.log));
    const seenByA: string[] = [];
    const seenByB: string[] = [];
    const collect = async (bus: EventBus, seen: string[]) => {
      for await (const e of bus.subscribe('dataChanged')) seen.push(e.period);
    };
    void collect(a.bus, seenByA);
    void collect(b.bus, seenByB);

    // both bridges subscribed: Redis counts two subscribers on the channel
    for (let i = 0; (await redis.subscribers(LIVE_CHANNEL)) < 2; i++) {
      if (i > 100) throw new Error('the bridges did not subscribe');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    a.bus.publish('dataChanged', event('2024-01'));
    b.bus.publish('dataChanged', event('2024-02'));
    await until(() => seenByA.length === 2 && seenByB.length === 2);
    // each replica hears its own event once (not echoed back) and the other's once
    expect(seenByA.sort()).toEqual(['2024-01', '2024-02']);
    expect(seenByB.sort()).toEqual(['2024-01', '2024-02']);

    await redis.stop();
    await until(() => a.lines.some((l) => l.level === 40));
    a.bus.publish('dataChanged', event('2024-03'));
    a.bus.publish('dataChanged', event('2024-04'));
    await until(() => seenByA.length === 4);
    expect(seenByA.slice(2)).toEqual(['2024-03', '2024-04']); // local subscribers: no outage
    await new Promise((resolve) => setTimeout(resolve, 500)); // reconnect attempts keep failing meanwhile
    expect(seenByB).toHaveLength(2); // the other replica could not be told
    const warnings = a.lines.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toMatch(/Redis is unreachable: live events reach only the subscribers of this server replica/);

    await redis.start();
    await until(() => a.lines.some((l) => /Redis is back/.test(l.msg)) && b.lines.some((l) => /Redis is back/.test(l.msg)), 10_000);
    a.bus.publish('dataChanged', event('2024-05'));
    await until(() => seenByB.length === 3);
    expect(seenByB[2]).toBe('2024-05');
    expect(a.lines.filter((l) => l.level === 40)).toHaveLength(1);

    await a.bus.close();
    await b.bus.close();
  }, 30_000);
});
