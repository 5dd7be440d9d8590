// Live updates: GraphQL subscriptions over WebSocket (graphql-ws) at /graphql. The WebSocket client
// is loaded only when a page first subscribes (it is not part of the first load), connects lazily,
// reconnects with graphql-ws's randomised exponential backoff for as long as the page is open, and
// shows nothing while it is away: the charts keep what they show. After a reconnect every live chart
// refetches once (it may have missed changes meanwhile).
import type { Client } from 'graphql-ws';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@apollo/client';
import {
  getCurrentInstance,
  getCurrentScope,
  inject,
  onScopeDispose,
  provide,
  toValue,
  watch,
  type ComponentInternalInstance,
  type InjectionKey,
  type MaybeRefOrGetter,
} from 'vue';
import { graphql } from '@/gql';

const DataChangedSubscription = graphql(`
  subscription DataChanged($region: String!) {
    dataChanged(region: $region) {
      region {
        code
      }
      period
      indicators {
        code
      }
    }
  }
`);

const ReportsChangedSubscription = graphql(`
  subscription ReportsChanged($region: String!) {
    reportsChanged(region: $region) {
      region {
        code
      }
      period
      status
      previousStatus
    }
  }
`);

let client: Promise<Client> | undefined;
const reconnected = new Set<() => void>();
/** Closes the open socket so that the next one signs in again (the cookie changed: sign-in, sign-out). */
let restart: () => void = () => {};
let restartRequested = false;

function liveClient(): Promise<Client> {
  client ??= import('graphql-ws').then(({ createClient }) =>
    createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      lazy: true,
      lazyCloseTimeout: 5000,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      on: {
        opened: (socket) => {
          const ws = socket as WebSocket;
          restart = () => {
            if (ws.readyState === WebSocket.OPEN) ws.close(4205, 'Client Restart');
            else restartRequested = true;
          };
          if (restartRequested) {
            restartRequested = false;
            restart();
          }
        },
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) for (const notify of reconnected) notify();
        },
      },
    }),
  );
  return client;
}

/** Signs the live connection in again with the current cookie (after sign-in or sign-out). */
export function restartLive(): void {
  if (client) restart();
}

/**
 * Runs `document` as a subscription while the calling scope lives (or until the returned function is
 * called); `onNext` gets each event's data, `onReconnect` runs after the connection came back.
 */
export function subscribe<TData, TVars extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  onNext: (data: TData) => void,
  onReconnect?: () => void,
): () => void {
  let dispose: (() => void) | undefined;
  let stopped = false;
  if (onReconnect) reconnected.add(onReconnect);
  void liveClient().then((c) => {
    if (stopped) return;
    dispose = c.subscribe<TData>(
      { query: print(document), variables },
      {
        next: (result) => result.data && onNext(result.data as TData),
        // a refused subscription (bad arguments) says so in the console; the page shows what it has
        error: (error) => console.warn('live updates:', error),
        complete: () => {},
      },
    );
  });
  return () => {
    stopped = true;
    if (onReconnect) reconnected.delete(onReconnect);
    dispose?.();
  };
}

interface LiveListener {
  indicators: () => readonly string[];
  refetch: () => void;
}
interface LiveData {
  listen(listener: LiveListener): () => void;
}
const LiveDataKey: InjectionKey<LiveData> = Symbol('live-data');
/** The page's own registry: `inject` sees only what ancestors provide, and the page's own queries listen too. */
const pages = new WeakMap<ComponentInternalInstance, LiveData>();

/** How long changes are gathered before a chart refetches (an import approves many reports at once). */
const SETTLE_MS = 50;

/**
 * A page's live data: subscribes to `dataChanged` for the page's region (its whole subtree) and
 * refetches those charts below it whose indicators changed (`useLiveRefetch`). Call it in the page.
 */
export function provideLiveData(region: MaybeRefOrGetter<string | null | undefined>): void {
  const listeners = new Set<LiveListener>();
  const pending = new Map<LiveListener, ReturnType<typeof setTimeout>>();
  const refetch = (listener: LiveListener) => {
    if (pending.has(listener)) return;
    pending.set(
      listener,
      setTimeout(() => {
        pending.delete(listener);
        listener.refetch();
      }, SETTLE_MS),
    );
  };
  const live: LiveData = {
    listen(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        clearTimeout(pending.get(listener));
        pending.delete(listener);
      };
    },
  };
  provide(LiveDataKey, live);
  const instance = getCurrentInstance();
  if (instance) pages.set(instance, live);
  let stop: (() => void) | undefined;
  watch(
    () => toValue(region),
    (code) => {
      stop?.();
      stop = code
        ? subscribe(
            DataChangedSubscription,
            { region: code },
            (data) => {
              const changed = new Set(data.dataChanged.indicators.map((i) => i.code));
              for (const l of listeners) if (l.indicators().some((c) => changed.has(c))) refetch(l);
            },
            () => listeners.forEach(refetch),
          )
        : undefined;
    },
    { immediate: true },
  );
  onScopeDispose(() => stop?.());
}

/** Refetches (with `refetch`) when the page's live data says one of `indicators` changed; nothing outside a live page. */
export function useLiveRefetch(indicators: MaybeRefOrGetter<readonly string[]>, refetch: () => void): void {
  const instance = getCurrentInstance();
  const live = (instance && pages.get(instance)) ?? (instance ? inject(LiveDataKey, null) : null);
  if (!live || !getCurrentScope()) return;
  onScopeDispose(live.listen({ indicators: () => toValue(indicators), refetch }));
}

/** Calls `onChange` when a report in the subtree of `region` changes status (the approval queue). */
export function useReportsChanged(region: MaybeRefOrGetter<string | null | undefined>, onChange: () => void): void {
  let stop: (() => void) | undefined;
  watch(
    () => toValue(region),
    (code) => {
      stop?.();
      stop = code ? subscribe(ReportsChangedSubscription, { region: code }, onChange, onChange) : undefined;
    },
    { immediate: true },
  );
  onScopeDispose(() => stop?.());
}
