import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { Context } from '../context.js';
import type { GraphQLFormattedError } from 'graphql';
import type { Orm } from '../db/orm.js';
import type { SharedRedis } from '../redis.js';

/** How much response text is kept (least recently used go first): bounds the server's memory. */
export const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;

type Body = GraphQLResponse['body'];

/** Where answers are kept, by cache key and the data version they were made under. */
export interface ResponseStore {
  get(key: string, version: string): Promise<Body | undefined>;
  set(key: string, version: string, body: Body, bytes: number): Promise<void>;
}

/** This process's memory, least recently used out first beyond `maxBytes`. */
export function memoryResponseStore(maxBytes = RESPONSE_CACHE_BYTES): ResponseStore {
  const entries = new Map<string, { version: string; body: Body; bytes: number }>();
  let bytes = 0;
  return {
    async get(key, version) {
      const entry = entries.get(key);
      if (!entry || entry.version !== version) return undefined;
      entries.delete(key);
      entries.set(key, entry); // most recently used last
      return entry.body;
    },
    async set(key, version, body, size) {
      if (size > maxBytes / 4) return;
      const previous = entries.get(key);
      if (previous) {
        bytes -= previous.bytes;
        entries.delete(key);
      }
      entries.set(key, { version, body, bytes: size });
      bytes += size;
      for (const [oldest, entry] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(oldest);
        bytes -= entry.bytes;
      }
    },
  };
}

/** How long Redis keeps an answer; answers of older data versions are never asked for again. */
export const REDIS_RESPONSE_TTL_MS = 10 * 60_000;

/**
 * Redis shared by the server replicas (REDIS_URL): an answer made on one is a hit on all, and a write
 * through any of them moves the data version every replica reads, so no one is served an old answer.
 * While Redis is away, `fallback` (this process's memory) serves.
 */
export function redisResponseStore(redis: SharedRedis, fallback: ResponseStore, ttlMs = REDIS_RESPONSE_TTL_MS): ResponseStore {
  const redisKey = (key: string, version: string) => `hexie:response:${version}:${key}`;
  return {
    async get(key, version) {
      const text = await redis.run((r) => r.get(redisKey(key, version)));
      if (text === undefined) return fallback.get(key, version);
      return text === null ? undefined : (JSON.parse(text) as Body);
    },
    async set(key, version, body, bytes) {
      const stored = await redis.run((r) => r.set(redisKey(key, version), JSON.stringify(body), 'PX', ttlMs));
      if (stored === undefined) await fallback.set(key, version, body, bytes);
    },
  };
}

export function responseCachePlugin(
  orm: Orm,
  store: ResponseStore = memoryResponseStore(),
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError = (formatted) => formatted,
): ApolloServerPlugin<Context> {
  const dataVersion = async () => {
    const [{ data_version }] = await orm.em
      .fork()
      .getConnection('read') // the server that answers the request (db/replicas.ts)
      .execute<{ data_version: string }[]>('select data_version from hexie_meta');
    return String(data_version);
  };
  return {
    async requestDidStart({ request, contextValue }) {
      if (!request.query || /^\s*mutation\b/.test(request.query)) return {};
      const key = createHash('sha256')
        .update(JSON.stringify([contextValue.viewer.cacheScope, request.query, request.operationName ?? null, request.variables ?? {}]))
        .digest('base64url');
      let version: string | undefined;
      let hit = false;
      return {
        async responseForOperation({ operation }) {
          if (operation?.operation !== 'query') return null;
          try {
            version = await dataVersion();
          } catch (error) {
            // Apollo answers an error thrown by this hook as a bare 500: answer it as a GraphQL error
            // (the database away is a 503: see errors.ts)
            const formatted = formatError({ message: 'The response cache could not read the data version.' }, error);
            return {
              http: { status: undefined, headers: new HeaderMap() },
              body: { kind: 'single', singleResult: { errors: [formatted] } },
            };
          }
          const body = await store.get(key, version);
          if (!body) return null;
          hit = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body };
        },
        async willSendResponse({ response }) {
          response.http.headers.set('x-hexie-cache', hit ? 'hit' : 'miss');
          if (hit || version === undefined || response.body.kind !== 'single' || response.body.singleResult.errors) return;
          const size = 2 * JSON.stringify(response.body.singleResult.data ?? null).length; // UTF-16
          await store.set(key, version, response.body, size);
        },
      };
    },
  };
}
