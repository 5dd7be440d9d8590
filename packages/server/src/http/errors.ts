import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, isEnumType, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { MAX_ECHO } from './input.js';
import { currentRequest } from './request-scope.js';

/** What went wrong, as far as the caller is concerned. */
export type Fault = 'client' | 'unavailable' | 'timeout' | 'internal';

/** Thrown when a request has run out of time (timeouts.ts). */
export class RequestTimeout extends Error {
  constructor(readonly limitMs: number) {
    super(`The request took longer than ${limitMs / 1000} s, the most one may take; it was stopped. Ask for less or split the query.`);
  }
}

// Connection exceptions (08), insufficient resources (53: too many connections, out of memory or disk),
// operator intervention (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/;
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
const UNAVAILABLE_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end|the database system is (starting up|shutting down)|sorry, too many clients/i;

/** The chain of causes of an error (GraphQL's originalError, Error.cause). */
function* causes(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  for (let e = error; e && !seen.has(e); e = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause) {
    seen.add(e);
    yield e;
  }
}

/** Classifies an error by its cause: the database being away or slow is not the server's bug. */
export function classify(error: unknown): Fault {
  for (const e of causes(error)) {
    if (e instanceof RequestTimeout) return 'timeout';
    const code = String((e as { code?: unknown }).code ?? '');
    if (code === '57014') return 'timeout'; // query_canceled: statement_timeout
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code)) return 'unavailable';
    if (e instanceof Error && UNAVAILABLE_MESSAGE.test(e.message)) return 'unavailable';
  }
  for (const e of causes(error)) {
    if (e instanceof GraphQLError && e.extensions?.code && e.extensions.code !== 'INTERNAL_SERVER_ERROR' && !e.originalError)
      return 'client';
  }
  return 'internal';
}

export const UNAVAILABLE_MESSAGE_TEXT = 'The database is not available right now; try again in a moment.';

/**
 * Logs faults that come in bursts (the database away: every request fails the same way) once per
 * window, with the count of those left out, instead of once per request.
 */
export class BurstLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();
  constructor(private readonly windowMs = 10_000) {}

  report(log: FastifyBaseLogger, kind: string, error: unknown, message: string): void {
    const now = Date.now();
    const entry = this.last.get(kind);
    if (entry && now - entry.at < this.windowMs) {
      entry.suppressed++;
      return;
    }
    this.last.set(kind, { at: now, suppressed: 0 });
    const cause =
      error instanceof Error ? { type: error.name, message: error.message.slice(0, 300), code: (error as { code?: unknown }).code } : {};
    log.error({ fault: kind, cause, suppressedSinceLast: entry?.suppressed ?? 0 }, message);
  }
}

/** Cuts long quoted input in a message ("Value \"xxxx…\"") and the message itself. */
export function trimEchoes(message: string): string {
  const cut = message.replace(
    /"((?:[^"\\]|\\.){60,})"/g,
    (_m, inner: string) => `"${inner.slice(0, MAX_ECHO)}…" (${inner.length} characters)`,
  );
  return cut.length > 1000 ? `${cut.slice(0, 1000)}…` : cut;
}

/** Adds the allowed values to graphql-js's "Value X does not exist in Y enum" messages. */
export function withEnumValues(message: string, schema: GraphQLSchema | undefined): string {
  const match = /does not exist in "(\w+)" enum/.exec(message);
  const type = match && schema?.getType(match[1]);
  if (!type || !isEnumType(type)) return message;
  const allowed = type
    .getValues()
    .map((v) => v.name)
    .join(', ');
  return `${message.replace(/\s*Did you mean[^?]*\?/, '')} Allowed values: ${allowed}.`;
}

export interface ErrorFormatting {
  log: FastifyBaseLogger;
  burst: BurstLog;
  schema?: GraphQLSchema;
}

/**
 * The one place GraphQL errors are shaped: client mistakes keep their message (echoes cut short)
 * and code; the database away is SERVICE_UNAVAILABLE, out of time is TIMEOUT; anything else is
 * INTERNAL_SERVER_ERROR, logged with the request id, its details kept out of the answer.
 */
export function graphqlErrorFormatter({ log, burst, schema }: ErrorFormatting) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const fault = classify(error);
    const requestLog = currentRequest()?.log ?? log;
    if (fault === 'unavailable') {
      burst.report(requestLog, 'database-unavailable', [...causes(error)].at(-1), 'The database is not available');
      return { message: UNAVAILABLE_MESSAGE_TEXT, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    if (fault === 'timeout') {
      const timeout = [...causes(error)].find((e) => e instanceof RequestTimeout);
      burst.report(requestLog, 'timeout', error, 'A request ran out of time');
      return {
        message:
          timeout?.message ??
          'A database statement took longer than the most one may take; it was stopped. Ask for less or split the query.',
        extensions: { code: 'TIMEOUT', ...(timeout ? { limitMs: timeout.limitMs } : {}) },
      };
    }
    // Limits reported during validation (graphql-armor) are wrapped by Apollo as GRAPHQL_VALIDATION_FAILED.
    const limit = [...causes(error)].find(
      (e): e is GraphQLError => e instanceof GraphQLError && /^QUERY_TOO_/.test(String(e.extensions?.code)),
    );
    const tokens = /Document contains more that (\d+) tokens/.exec(formatted.message);
    if (tokens) {
      return {
        message: `The query has more than ${tokens[1]} tokens (names, values, punctuation), the most allowed; parsing stopped there. Split it into several queries.`,
        extensions: { code: 'QUERY_TOO_COMPLEX', maxTokens: Number(tokens[1]) },
      };
    }
    if (formatted.message === 'Maximum introspection depth exceeded') {
      // graphql-js's own rule against introspection nested to multiply lists
      return {
        message: 'The introspection query nests lists of types too deeply; ask for less at once.',
        extensions: { code: 'QUERY_TOO_DEEP' },
      };
    }
    const code = String(limit?.extensions.code ?? formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (fault === 'internal' && (code === 'INTERNAL_SERVER_ERROR' || code === 'undefined')) {
      requestLog.error({ err: [...causes(error)].at(-1) }, 'Internal error in a GraphQL request');
      return {
        message: 'Internal server error: the request could not be completed. It has been logged.',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    const { stacktrace: _stacktrace, http: _http, ...extensions } = { ...formatted.extensions, ...limit?.extensions };
    return { ...formatted, message: trimEchoes(withEnumValues(formatted.message, schema)), extensions: { ...extensions, code } };
  };
}

/** SERVICE_UNAVAILABLE and TIMEOUT answer 503 (with Retry-After), whatever else the answer holds. */
export function unavailableStatusPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const codes = (response.body.singleResult.errors ?? []).map((e) => e.extensions?.code);
          if (codes.includes('SERVICE_UNAVAILABLE') || codes.includes('TIMEOUT')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '5');
          }
        },
      };
    },
  };
}

/** The GraphQL-shaped body of an error answered outside GraphQL. */
export const errorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * Errors Fastify meets before or outside GraphQL: the body (too large, not JSON, wrong type) is the
 * caller's mistake, answered in GraphQL's error shape with a code; anything else is logged once.
 */
export function httpErrorHandler(bodyLimit: number, burst: BurstLog) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply
        .code(413)
        .send(errorBody(`The request body is larger than ${bodyLimit / 1024} KB, the most a query may send.`, 'PAYLOAD_TOO_LARGE'));
    }
    if (status === 415) {
      return reply.code(415).send(errorBody('Send the query as application/json.', 'UNSUPPORTED_MEDIA_TYPE'));
    }
    if (status < 500) {
      const message =
        error instanceof SyntaxError || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? `The request body is not valid JSON: ${trimEchoes(error.message)}`
          : trimEchoes(error.message);
      return reply.code(status).send(errorBody(message, 'BAD_REQUEST'));
    }
    const fault = classify(error);
    if (fault === 'unavailable') {
      burst.report(request.log, 'database-unavailable', error, 'The database is not available');
      return reply.code(503).header('retry-after', '5').send(errorBody(UNAVAILABLE_MESSAGE_TEXT, 'SERVICE_UNAVAILABLE'));
    }
    burst.report(request.log, `http-${error.code ?? error.name}`, error, 'Internal error');
    return reply.code(500).send(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
  };
}
