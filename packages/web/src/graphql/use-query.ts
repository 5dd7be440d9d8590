import type { ApolloClient, OperationVariables, TypedDocumentNode, WatchQueryFetchPolicy } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { getCurrentScope, inject, onScopeDispose, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { ClientKey } from './client';
import { useLiveRefetch } from './live';

export interface UseQueryOptions {
  /** re-fetch from the network every `pollInterval` ms (big-screen auto-refresh) */
  pollInterval?: number;
  /** 'cache-and-network' for data other people change (reports, users, history) */
  fetchPolicy?: WatchQueryFetchPolicy;
  client?: ApolloClient;
  /** indicator codes the answer depends on: refetched when their approved values change (on a page with `provideLiveData`) */
  live?: MaybeRefOrGetter<readonly string[]>;
}

/** The server's own words: GraphQL error messages (BAD_USER_INPUT explains what is allowed). */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join('; ');
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * A thin Vue composable over Apollo Client 4's `watchQuery` (@vue/apollo-composable supports only
 * Apollo 3). Variables are reactive; `null` variables mean "not ready, do not query".
 * `data` is a shallowRef: results are read-only cache objects and may be large.
 */
export function useQuery<TData, TVars extends OperationVariables>(
  document: TypedDocumentNode<TData, TVars>,
  variables: MaybeRefOrGetter<TVars | null>,
  options: UseQueryOptions = {},
) {
  const client = options.client ?? inject(ClientKey);
  if (!client) throw new Error('useQuery: no Apollo client provided (app.provide(ClientKey, client))');
  const data = shallowRef<TData | undefined>();
  const error = shallowRef<string | undefined>();
  const loading = shallowRef(false);
  let current: ReturnType<ApolloClient['watchQuery']> | undefined;
  let subscription: { unsubscribe(): void } | undefined;

  function stop() {
    subscription?.unsubscribe();
    subscription = undefined;
    current = undefined;
  }

  function start(vars: TVars | null) {
    stop();
    data.value = undefined;
    error.value = undefined;
    if (!vars) {
      loading.value = false;
      return;
    }
    loading.value = true;
    const observable = client!.watchQuery<TData, TVars>({
      query: document,
      variables: vars,
      pollInterval: options.pollInterval,
      fetchPolicy: options.fetchPolicy,
      notifyOnNetworkStatusChange: false,
    } as never);
    current = observable as never;
    subscription = observable.subscribe({
      next(result) {
        loading.value = result.loading;
        if (result.error) {
          error.value = errorMessage(result.error);
          data.value = undefined;
        } else if (result.data !== undefined && !result.partial) {
          error.value = undefined;
          data.value = result.data as TData;
        }
      },
      error(e) {
        loading.value = false;
        error.value = errorMessage(e);
      },
    });
  }

  watch(
    () => JSON.stringify(toValue(variables)),
    () => start(toValue(variables)),
    { immediate: true },
  );
  if (getCurrentScope()) onScopeDispose(stop);
  if (options.live) useLiveRefetch(options.live, () => void current?.refetch());

  return {
    data,
    error,
    loading,
    refetch: () => current?.refetch(),
  };
}
