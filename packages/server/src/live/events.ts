import { EventEmitter } from 'node:events';
import type { ReportStatus } from '../modules/report/report.entity.js';

/** A report moved from one status to another (published once its transaction has committed). */
export interface ReportChanged {
  /** The report's region code. */
  region: string;
  /** The report's period ("2024-03", or "2024" for annual indicators). */
  period: string;
  status: ReportStatus;
  /** The status it had before; null when not known. */
  previousStatus: ReportStatus | null;
  /** When the change committed (ISO 8601). */
  at: string;
}

/**
 * Public (approved) data changed: a report's values entered or left the roll-ups, or figures were
 * accepted as published figures or targets. Every aggregate of `region` and of the regions above it
 * may have changed for the indicators named (ratio indicators computed from them included).
 */
export interface DataChanged {
  region: string;
  /** The report period ("2024-03" or "2024"), or for accepted figures the month their span ends in. */
  period: string;
  /** Indicator codes whose values changed. */
  indicators: string[];
  at: string;
}

/** Every topic of the bus and its payload. Add a topic here (one line) to publish a new kind of event. */
export interface LiveEvents {
  reportChanged: ReportChanged;
  dataChanged: DataChanged;
}
export type Topic = keyof LiveEvents;

const topicNames: Record<Topic, true> = { reportChanged: true, dataChanged: true };
/** Every topic at run time (the type check fails while one of LiveEvents is missing above). */
export const TOPICS = Object.keys(topicNames) as Topic[];

/** How many events wait for a slow subscriber; beyond it the oldest are dropped (it asked for live, not history). */
export const SUBSCRIBER_BUFFER = 1000;

/** Carries events to other server replicas (redis.ts); the bus delivers to its own subscribers itself. */
export interface EventTransport {
  send(topic: Topic, payload: unknown): void;
  close(): Promise<void>;
}

/**
 * In-process publish/subscribe of typed events, for GraphQL subscriptions and any module that reacts
 * to changes. `publish` delivers to this process's subscribers at once and, with a transport (Redis),
 * to the other replicas; events arriving from the transport are delivered through `deliver`.
 * Publish only after the change committed: a subscriber may read the database when told.
 */
export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly open = new Set<() => Promise<unknown>>();
  private transport?: EventTransport;

  /** Sends events to other replicas too (and delivers theirs here through `deliver`). */
  connect(transport: EventTransport): void {
    this.transport = transport;
  }

  publish<T extends Topic>(topic: T, payload: LiveEvents[T]): void {
    this.deliver(topic, payload);
    this.transport?.send(topic, payload);
  }

  /** Hands an event to this process's subscribers only. */
  deliver<T extends Topic>(topic: T, payload: LiveEvents[T]): void {
    this.emitter.emit(topic, payload);
  }

  /** Subscribers of `topic` in this process. */
  listeners(topic: Topic): number {
    return this.emitter.listenerCount(topic);
  }

  /**
   * The events of `topic` published from now on (those `filter` keeps), as an async iterator that
   * unsubscribes when `return()` is called (graphql-ws does so when the client completes) or when
   * `signal` aborts.
   */
  subscribe<T extends Topic>(
    topic: T,
    { filter, signal }: { filter?: (payload: LiveEvents[T]) => boolean; signal?: AbortSignal } = {},
  ): AsyncIterableIterator<LiveEvents[T]> {
    const queue: LiveEvents[T][] = [];
    let waiting: ((result: IteratorResult<LiveEvents[T]>) => void) | undefined;
    let done = false;
    const listener = (payload: LiveEvents[T]) => {
      if (filter && !filter(payload)) return;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: payload, done: false });
      } else {
        queue.push(payload);
        if (queue.length > SUBSCRIBER_BUFFER) queue.shift();
      }
    };
    const finish = async (): Promise<IteratorResult<LiveEvents[T]>> => {
      if (!done) {
        done = true;
        this.emitter.off(topic, listener);
        this.open.delete(finish);
        signal?.removeEventListener('abort', finish);
        queue.length = 0;
        waiting?.({ value: undefined, done: true });
        waiting = undefined;
      }
      return { value: undefined, done: true };
    };
    this.emitter.on(topic, listener);
    this.open.add(finish);
    signal?.addEventListener('abort', finish, { once: true });
    if (signal?.aborted) void finish();
    return {
      next: () => {
        if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: finish,
      throw: async (error?: unknown) => {
        await finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Ends every subscription and disconnects the transport. */
  async close(): Promise<void> {
    await Promise.all([...this.open].map((finish) => finish()));
    await this.transport?.close();
    this.transport = undefined;
  }
}
