import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyBaseLogger } from 'fastify';

/** What code deep in a request (error formatting, the database driver) may know about it. */
export interface RequestScope {
  /** The request's logger: pino with the request id. */
  log: FastifyBaseLogger;
  /** Its reads may go to a read replica (db/replicas.ts); set once the operation is known. */
  readFromReplica?: boolean;
  /** The replica connection its reads use, chosen on the first read. */
  replica?: unknown;
}

const scope = new AsyncLocalStorage<RequestScope>();

export const runInRequest = <T>(store: RequestScope, fn: () => T): T => scope.run(store, fn);
export const currentRequest = (): RequestScope | undefined => scope.getStore();
