import DataLoader from 'dataloader';
import type { Em } from './db/orm.js';
import { authenticate, type Credentials } from './auth/authenticate.js';
import { Viewer } from './auth/viewer.js';
import type { EventBus } from './live/events.js';
import { AggregateService } from './modules/aggregate/aggregate.service.js';
import { indicatorCatalog, type Catalog } from './modules/indicator/indicator.catalog.js';
import { regionTree, type RegionTree } from './modules/region/region.tree.js';
import { User } from './modules/user/user.entity.js';

/** Per-request batched lookups of what is not reference data (regions and the catalog are in memory). */
export function createLoaders(em: Em) {
  return {
    user: new DataLoader<number, User | null>(async (ids) => {
      const found = await em.find(User, { id: { $in: [...ids] } });
      return ids.map((id) => found.find((u) => u.id === id) ?? null);
    }),
    /** Stored values (any status) of a region at a period's first day, by indicator id; key "510114|2024-03-01". */
    cells: new DataLoader<string, Map<number, { value: number; note: string | null }>>(async (keys) => {
      const pairs = keys.map((key) => key.split('|'));
      const rows = await em.execute<{ region_code: string; period: string; indicator_id: number; value: number; note: string | null }[]>(
        `select o.region_code, to_char(o.period, 'YYYY-MM-DD') as period, o.indicator_id, o.value, o.note
         from observation o join (values ${pairs.map(() => '(?, ?::date)').join(', ')}) k (region_code, period)
           on o.region_code = k.region_code and o.period = k.period`,
        pairs.flat(),
      );
      const byKey = new Map(keys.map((key) => [key, new Map<number, { value: number; note: string | null }>()]));
      for (const r of rows)
        byKey.get(`${r.region_code}|${r.period}`)!.set(Number(r.indicator_id), { value: Number(r.value), note: r.note });
      return keys.map((key) => byKey.get(key)!);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

/** What the HTTP layer offers resolvers (absent when the schema is run in-process). */
export interface HttpHooks {
  ip: string;
  /** The hub's own origin as the request reached it (https://hub.example), for links it hands out. */
  origin?: string;
  userAgent?: string;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  /** Runs a sign-in attempt, refused (TOO_MANY_REQUESTS) when this IP or this email has failed too often; failures are counted. */
  limitSignIn<T>(email: string, attempt: () => Promise<T>): Promise<T>;
}

export interface Context {
  em: Em;
  viewer: Viewer;
  regions: RegionTree;
  catalog: Catalog;
  loaders: Loaders;
  aggregate: AggregateService;
  /** The server's event bus: publish changes after they commit; subscriptions read it. */
  events: EventBus;
  http?: HttpHooks;
}

/** A request's context: its own EntityManager fork, who is asking, the reference data, and batched loaders. */
export async function createContext(em: Em, options: { events: EventBus; credentials?: Credentials; http?: HttpHooks }): Promise<Context> {
  const [regions, catalog] = await Promise.all([regionTree(em), indicatorCatalog(em)]);
  const viewer = options.credentials ? await authenticate(em, regions, options.credentials) : Viewer.anonymous(regions);
  return {
    em,
    viewer,
    regions,
    catalog,
    loaders: createLoaders(em),
    aggregate: new AggregateService(em, regions, catalog),
    events: options.events,
    http: options.http,
  };
}
