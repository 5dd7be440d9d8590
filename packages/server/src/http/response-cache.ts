import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { Context } from '../context.js';
import type { GraphQLFormattedError } from 'graphql';
import type { Orm } from '../db/orm.js';

/** How much response text is kept (least recently used go first): bounds the server's memory. */
export const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;

interface Entry {
  version: string;
  body: GraphQLResponse['body'];
  bytes: number;
}

/**
 * Serves identical queries from memory until the data changes. Every write bumps
 * `hexie_meta.data_version` in its own transaction (see the initial migration), and every request
 * reads that version first: an entry made under another version is never served, so a committed
 * write is visible to the very next read. Responses with errors are not cached.
 * Anonymous answers (approved data only) are shared; a signed-in user's answers are theirs alone.
 * The `x-hexie-cache` response header says `hit` or `miss`.
 */
export function responseCachePlugin(
  orm: Orm,
  maxBytes = RESPONSE_CACHE_BYTES,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError = (formatted) => formatted,
): ApolloServerPlugin<Context> {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const dataVersion = async () => {
    const [{ data_version }] = await orm.em
      .fork()
      .getConnection()
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
          const entry = entries.get(key);
          if (!entry || entry.version !== version) return null;
          entries.delete(key);
          entries.set(key, entry); // most recently used last
          hit = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body: entry.body };
        },
        async willSendResponse({ response }) {
          response.http.headers.set('x-hexie-cache', hit ? 'hit' : 'miss');
          if (hit || version === undefined || response.body.kind !== 'single' || response.body.singleResult.errors) return;
          const size = 2 * JSON.stringify(response.body.singleResult.data ?? null).length; // UTF-16
          if (size > maxBytes / 4) return;
          const previous = entries.get(key);
          if (previous) {
            bytes -= previous.bytes;
            entries.delete(key);
          }
          entries.set(key, { version, body: response.body, bytes: size });
          bytes += size;
          for (const [oldest, entry] of entries) {
            if (bytes <= maxBytes) break;
            entries.delete(oldest);
            bytes -= entry.bytes;
          }
        },
      };
    },
  };
}
