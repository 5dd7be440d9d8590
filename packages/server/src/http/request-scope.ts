import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyBaseLogger } from 'fastify';

/** What code deep in a request (error formatting) may know about it. */
export interface RequestScope {
  /** The request's logger: pino with the request id. */
  log: FastifyBaseLogger;
}

const scope = new AsyncLocalStorage<RequestScope>();

export const runInRequest = <T>(store: RequestScope, fn: () => T): T => scope.run(store, fn);
export const currentRequest = (): RequestScope | undefined => scope.getStore();
