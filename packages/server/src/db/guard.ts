import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A check run before every SQL statement of the current async context (the ORM's `onQuery` and the
 * Kysely helper call it): a request that has given up (out of time) throws instead of querying on.
 */
const guards = new AsyncLocalStorage<() => void>();

export const runGuarded = <T>(guard: () => void, fn: () => T): T => guards.run(guard, fn);
export const checkStatement = (): void => guards.getStore()?.();
