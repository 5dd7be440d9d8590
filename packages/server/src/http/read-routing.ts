import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context.js';
import { readFromReplica } from '../db/replicas.js';
import type { SharedRedis } from '../redis.js';

/**
 * Read-your-writes with lagging replicas: after a mutation its user is pinned to the primary for
 * `pinMs`. Pins live in Redis when there is one, so they hold on every server replica behind the
 * load balancer, and in this process's memory (all there is while Redis is away).
 */
export class ReadPins {
  private readonly local: LRUCache<number, true>;

  constructor(
    private readonly pinMs: number,
    private readonly redis?: SharedRedis,
  ) {
    this.local = new LRUCache({ max: 100_000, ttl: Math.max(pinMs, 1) });
  }

  async pin(userId: number): Promise<void> {
    if (this.pinMs <= 0) return;
    this.local.set(userId, true);
    await this.redis?.run((r) => r.set(`hexie:pin:${userId}`, '1', 'PX', this.pinMs));
  }

  async pinned(userId: number): Promise<boolean> {
    if (this.pinMs <= 0) return false;
    if (this.local.has(userId)) return true;
    return (await this.redis?.run((r) => r.exists(`hexie:pin:${userId}`))) === 1;
  }
}

/**
 * Where each GraphQL operation reads (the one place that decides it): a query goes to a read
 * replica unless its viewer is pinned; mutations, and everything outside /graphql, use the primary.
 */
export function readRoutingPlugin(pins: ReadPins): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const user = contextValue.viewer.user;
          if (operation?.operation === 'query' && !(user && (await pins.pinned(user.id)))) readFromReplica();
        },
        async willSendResponse({ operation, contextValue }) {
          const user = contextValue.viewer.user;
          if (operation?.operation === 'mutation' && user) await pins.pin(user.id);
        },
      };
    },
  };
}
