import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

/** How long a Redis command may take before the server goes on without it. */
export const REDIS_COMMAND_MS = 500;

/**
 * The Redis that server replicas share (REDIS_URL) for the response cache and read pins. It speeds
 * the cluster up and keeps replicas consistent, but a request never depends on it: while Redis is
 * away or slow, `run` answers undefined and callers use their in-process fallback. One warning when
 * it goes, one line when it is back; ioredis reconnects by itself.
 */
export class SharedRedis {
  readonly client: Redis;
  private away = false;

  constructor(
    url: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.client = new Redis(url, {
      enableOfflineQueue: false, // fail at once while disconnected instead of queueing
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_MS,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(200 * attempt, 2_000),
    });
    this.client.on('error', (error) => this.lost(error));
    this.client.on('ready', () => {
      if (!this.away) return;
      this.away = false;
      this.log.info('Redis is back: the response cache and read pins are shared by the replicas again');
    });
  }

  /** Resolves once connected, or after `timeoutMs` (serving starts either way; without Redis it starts in-process). */
  async connected(timeoutMs = 2_000): Promise<void> {
    if (this.client.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise((resolve) => this.client.once('ready', resolve)),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  /** The command's answer, or undefined when Redis is away or the command failed. */
  async run<T>(command: (redis: Redis) => Promise<T>): Promise<T | undefined> {
    if (this.client.status !== 'ready') {
      if (this.client.status !== 'connecting' && this.client.status !== 'connect') this.lost();
      return undefined;
    }
    try {
      return await command(this.client);
    } catch (error) {
      this.lost(error);
      return undefined;
    }
  }

  close(): void {
    this.client.disconnect();
  }

  private lost(error?: unknown) {
    if (this.away) return;
    this.away = true;
    this.log.warn(
      { err: error },
      'Redis is unavailable: this replica uses its in-process response cache and read pins until Redis is back',
    );
  }
}
