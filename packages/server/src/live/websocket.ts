import fastifyWebsocket, { type WebsocketHandler } from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { makeHandler } from 'graphql-ws/use/@fastify/websocket';
import { authenticate, bearerToken, SESSION_COOKIE, type Credentials } from '../auth/authenticate.js';
import { createContext, type Context } from '../context.js';
import type { Orm } from '../db/orm.js';
import { operationCost, SQL_COST, type CostModel } from '../http/cost.js';
import { classify } from '../http/errors.js';
import { checkArguments } from '../http/input.js';
import { MAX_COST, parseOptions } from '../http/limits.js';
import type { EventBus } from './events.js';

/** The ceilings of live connections (one hostile client must not hurt the hub). */
export const WS_LIMITS = {
  /** Open WebSocket connections from one client IP address. */
  connectionsPerIp: 20,
  /** Subscriptions running at once on one connection. */
  subscriptionsPerConnection: 20,
  /** The largest message a client may send (ws closes the connection with 1009 above it). */
  maxMessageBytes: 64 * 1024,
  /** How long a client has to send connection_init after connecting. */
  initTimeoutMs: 3000,
  /** How often a signed-in connection's session is checked again (logout or deactivation ends it). */
  sessionCheckMs: 60_000,
};

/** Close codes of our own (4xxx, as graphql-ws's): what was refused, with a reason the client can show. */
export const CLOSE = { unauthorized: CloseCode.Unauthorized, forbidden: CloseCode.Forbidden, tooMany: 4429, unavailable: 4503 } as const;

export interface SubscriptionOptions {
  orm: Orm;
  events: EventBus;
  schema: GraphQLSchema;
  /** Extra validation rules of queries (graphql-armor's depth, aliases, directives). */
  validationRules: readonly ValidationRule[];
  /** The current cost model (re-priced while serving) and the budget per answer. */
  costModel: () => CostModel;
  maxCost?: number;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  limits?: Partial<typeof WS_LIMITS>;
}

type ConnectionParams = Record<string, unknown>;

const refusal = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions } });

/** The hub's own origin as this request reached it (a reverse proxy's forwarded host and scheme when trusted). */
const ownOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * GraphQL subscriptions over WebSocket (graphql-ws protocol) on /graphql: registers @fastify/websocket
 * and returns the handler for the /graphql route's upgrades. A connection signs in once, when it
 * opens — with a bearer token in the connection parameters (`{ authorization: "Bearer …" }`) or the
 * dashboard's session cookie, which counts only when the page's Origin is the hub itself (a page
 * of another site must not ride a user's cookie: cross-site WebSocket hijacking). Every
 * subscription is parsed, validated and priced like a query (depth, aliases, string arguments, cost);
 * the permissions are the queries' (LiveService, auth/viewer.ts).
 */
export async function registerSubscriptions(app: FastifyInstance, options: SubscriptionOptions): Promise<WebsocketHandler> {
  const limits = { ...WS_LIMITS, ...options.limits };
  const { schema, orm, events, formatError } = options;
  const maxCost = options.maxCost ?? MAX_COST;
  const rules = [...specifiedRules, ...options.validationRules];
  await app.register(fastifyWebsocket, { options: { maxPayload: limits.maxMessageBytes } });

  /** Each connection's context (its viewer, refreshed while it lasts), by the socket. */
  const contexts = new WeakMap<object, { context: Context; timer?: NodeJS.Timeout }>();
  const format = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e));

  const graphqlWs = makeHandler<ConnectionParams>(
    {
      schema,
      connectionInitWaitTimeout: limits.initTimeoutMs,
      onConnect: async ({ extra: { socket, request }, connectionParams }) => {
        const refuse = (code: number, reason: string) => {
          socket.close(code, reason.slice(0, 120));
          return false;
        };
        const credentials: Credentials = {};
        const authorization = connectionParams?.authorization ?? connectionParams?.Authorization;
        if (authorization !== undefined) {
          if (typeof authorization !== 'string')
            return refuse(CLOSE.unauthorized, 'connectionParams.authorization must be "Bearer <token>"');
          try {
            credentials.bearer = bearerToken(authorization);
          } catch {
            return refuse(CLOSE.unauthorized, 'connectionParams.authorization must be "Bearer <token>" (the login token)');
          }
        } else if (request.cookies[SESSION_COOKIE]) {
          if (request.headers.origin !== ownOrigin(request)) {
            return refuse(CLOSE.forbidden, 'The session cookie counts only from this hub’s pages; send a bearer token in connectionParams');
          }
          credentials.cookie = request.cookies[SESSION_COOKIE];
        }
        let context: Context;
        try {
          context = await createContext(orm.em.fork() as never, { events, credentials });
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') {
            return refuse(CLOSE.unauthorized, 'The bearer token is invalid, expired or revoked: sign in again');
          }
          if (classify(error) === 'unavailable' || classify(error) === 'timeout') {
            request.log.warn({ err: error }, 'A live connection was refused: the database is not available');
            return refuse(CLOSE.unavailable, 'The database is not available right now; try again in a moment');
          }
          throw error;
        }
        const state: { context: Context; timer?: NodeJS.Timeout } = { context };
        const user = context.viewer.user;
        if (user) {
          // a session ended meanwhile (logout, deactivation, expiry) ends the connection
          state.timer = setInterval(async () => {
            try {
              const viewer = await authenticate(orm.em.fork() as never, context.regions, credentials);
              if (viewer.user?.id !== user.id) socket.close(CLOSE.unauthorized, 'Your session has ended: sign in again');
              else context.viewer = viewer;
            } catch (error) {
              if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED')
                socket.close(CLOSE.unauthorized, 'Your session has ended: sign in again');
              // the database away: keep the connection and its last known viewer; check again later
            }
          }, limits.sessionCheckMs);
          state.timer.unref();
        }
        contexts.set(socket, state);
        return { signedIn: !!user };
      },
      onSubscribe: async ({ extra: { socket }, subscriptions }, _id, payload) => {
        const state = contexts.get(socket);
        if (!state) return [refusal('UNAUTHENTICATED', 'The connection was not initialised.')];
        if (Object.keys(subscriptions).length > limits.subscriptionsPerConnection) {
          return [
            refusal(
              'TOO_MANY_SUBSCRIPTIONS',
              `This connection already runs ${limits.subscriptionsPerConnection} subscriptions, the most allowed: complete one first.`,
              { maxSubscriptions: limits.subscriptionsPerConnection },
            ),
          ];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, parseOptions);
        } catch (error) {
          return format([error as GraphQLError]).map((f) => refusal(String(f.extensions?.code ?? 'GRAPHQL_PARSE_FAILED'), f.message));
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length) return invalid.map((e) => (e.extensions.code ? e : refusal('GRAPHQL_VALIDATION_FAILED', e.message)));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [refusal('BAD_REQUEST', 'Name the operation to run (operationName): the document has several, or none.')];
        if (operation.operation !== 'subscription') {
          return [refusal('BAD_REQUEST', 'Only subscriptions run over WebSocket: send queries and mutations as HTTP POST /graphql.')];
        }
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 5 });
        if (coerced.errors) return coerced.errors.map((e) => refusal('BAD_USER_INPUT', e.message));
        const fragments = Object.fromEntries(
          document.definitions
            .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
            .map((f) => [f.name.value, f]),
        );
        let cost: number;
        try {
          cost = operationCost({
            schema,
            operation,
            fragments,
            variables: coerced.coerced,
            model: options.costModel(),
            onArguments: checkArguments,
          });
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        if (cost > maxCost) {
          return [
            refusal(
              'QUERY_TOO_COMPLEX',
              `Each answer would cost ${Math.round(cost)}; at most ${maxCost} is allowed (each field counts 1 and each SQL statement ${SQL_COST} more). Ask for fewer fields.`,
              { cost: Math.round(cost), maxCost },
            ),
          ];
        }
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: state.context };
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => format(errors) as never,
      onClose: ({ extra: { socket } }) => {
        clearInterval(contexts.get(socket)?.timer);
        contexts.delete(socket);
      },
    },
    12_000,
  );

  const open = new Map<string, number>();
  return function (this: FastifyInstance, socket, request) {
    const count = open.get(request.ip) ?? 0;
    if (count >= limits.connectionsPerIp) {
      socket.close(CLOSE.tooMany, `Too many live connections from your address: at most ${limits.connectionsPerIp}`);
      return;
    }
    open.set(request.ip, count + 1);
    socket.once('close', () => {
      const left = (open.get(request.ip) ?? 1) - 1;
      if (left > 0) open.set(request.ip, left);
      else open.delete(request.ip);
    });
    graphqlWs.call(this, socket, request);
    // graphql-ws prints socket errors to the console; they are the client's (a message over the size
    // limit, a broken frame), and ws has already closed the connection with the matching code
    socket.removeAllListeners('error');
    socket.on('error', (error) => request.log.info({ err: error }, 'A live connection was closed for a protocol error'));
  };
}
