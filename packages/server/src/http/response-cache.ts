import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { FormattedExecutionResult } from 'graphql';
import type { Context } from '../context.js';
import type { DataVersion } from '../db/data-version.js';
import type { SharedRedis } from '../redis.js';

/** How much response text is kept (least recently used go first): bounds the server's memory. */
export const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;

/** A response as stored: its JSON text and the data version it was computed under. */
export interface CachedResponse {
  version: string;
  text: string;
}

/** Where responses are kept: in this process's memory (memoryStore), or a store shared by several processes. */
export interface ResponseStore {
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, value: CachedResponse): Promise<void>;
}

/** Least recently used go first once the texts pass `maxBytes`; a text over a quarter of it is not kept. */
export function memoryStore(maxBytes = RESPONSE_CACHE_BYTES): ResponseStore {
  const lru = new LRUCache<string, CachedResponse>({
    maxSize: maxBytes,
    maxEntrySize: maxBytes / 4,
    sizeCalculation: (value) => 2 * value.text.length + 200, // UTF-16, and the entry around it
  });
  return {
    get: async (key) => lru.get(key),
    set: async (key, value) => void lru.set(key, value),
  };
}

/** How long Redis keeps an answer; answers of older data versions are never asked for again. */
export const REDIS_RESPONSE_TTL_MS = 10 * 60_000;

/**
 * Redis shared by the server replicas (REDIS_URL): an answer made on one is a hit on all (data
 * versions are the database's, the same in every process). While Redis is away, `fallback` serves.
 */
export function redisStore(redis: SharedRedis, fallback: ResponseStore, ttlMs = REDIS_RESPONSE_TTL_MS): ResponseStore {
  const redisKey = (key: string) => `hexie:response:${key}`;
  return {
    async get(key) {
      const stored = await redis.run((r) => r.get(redisKey(key)));
      if (stored === undefined) return fallback.get(key);
      if (stored === null) return undefined;
      const newline = stored.indexOf('\n');
      return { version: stored.slice(0, newline), text: stored.slice(newline + 1) };
    },
    async set(key, value) {
      const done = await redis.run((r) => r.set(redisKey(key), `${value.version}\n${value.text}`, 'PX', ttlMs));
      if (done === undefined) await fallback.set(key, value);
    },
  };
}

/**
 * Serves identical queries from memory until the data changes. Every write bumps
 * `hexie_meta.data_version`, and the process learns of it without asking (db/data-version.ts): its
 * own writes before they return, other processes' through LISTEN. An entry made under another version
 * is never served, so a committed write is visible to the very next read; while the process cannot
 * know (its listening connection is down) nothing is served from or kept in the cache. Responses with
 * errors are not cached. Anonymous answers (approved data only) are shared; a signed-in user's answers
 * are theirs alone. The `x-hexie-cache` response header says `hit` or `miss`.
 *
 * The response text is what is stored: Apollo serialises a response after every plugin has seen it,
 * so `stringifyResult` (given to ApolloServer) takes the text of a miss from there, and answers a hit
 * with the stored text as it is — a response is serialised once.
 *
 * With read replicas the process's version may be ahead of the standby that answers, so the version
 * is read per request from the server that answers it (`answeringVersion`, db/replicas.ts).
 */
export function responseCache(versions: DataVersion, store: ResponseStore = memoryStore(), answeringVersion?: () => Promise<string>) {
  /** Result data objects of misses to keep, and the placeholders of hits, by the object Apollo serialises. */
  const toStore = new WeakMap<object, (text: string) => void>();
  const stored = new WeakMap<object, string>();

  const plugin: ApolloServerPlugin<Context> = {
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
          version = answeringVersion ? await answeringVersion().catch(() => undefined) : versions.token;
          if (version === undefined) return null;
          const entry = await store.get(key);
          if (entry?.version !== version) return null;
          hit = true;
          const placeholder = {};
          stored.set(placeholder, entry.text);
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: placeholder } } };
        },
        async willSendResponse({ response }) {
          response.http.headers.set('x-hexie-cache', hit ? 'hit' : 'miss');
          if (hit || version === undefined || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (errors || !data) return;
          const at = version;
          toStore.set(data, (text) => void store.set(key, { version: at, text }).catch(() => {}));
        },
      };
    },
  };

  /** ApolloServer's `stringifyResult`. */
  const stringifyResult = (result: FormattedExecutionResult): string => {
    const data = result.data as object | null | undefined;
    if (!data) return JSON.stringify(result);
    const text = stored.get(data);
    if (text !== undefined) return text;
    const fresh = JSON.stringify(result);
    toStore.get(data)?.(fresh);
    return fresh;
  };

  return { plugin, stringifyResult };
}
