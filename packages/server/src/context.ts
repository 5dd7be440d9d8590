import DataLoader from 'dataloader';
import type { Em } from './db/orm.js';
import { authenticate, type Credentials } from './auth/authenticate.js';
import { Viewer } from './auth/viewer.js';
import { AggregateService } from './modules/aggregate/aggregate.service.js';
import { Indicator } from './modules/indicator/indicator.entity.js';
import { Region } from './modules/region/region.entity.js';
import { regionTree, type RegionTree } from './modules/region/region.tree.js';
import { User } from './modules/user/user.entity.js';

/** Per-request batched lookups: list fields resolve their regions and indicators in one query each. */
export function createLoaders(em: Em) {
  let all: Promise<Indicator[]> | undefined;
  const allIndicators = () => (all ??= em.find(Indicator, {}, { orderBy: { position: 'asc' } }));
  return {
    region: new DataLoader<string, Region | null>(async (codes) => {
      const found = await em.find(Region, { code: { $in: [...codes] } });
      const byCode = new Map(found.map((r) => [r.code, r]));
      return codes.map((c) => byCode.get(c) ?? null);
    }),
    children: new DataLoader<string, Region[]>(async (codes) => {
      const found = await em.find(Region, { parentCode: { $in: [...codes] } }, { orderBy: { code: 'asc' } });
      return codes.map((c) => found.filter((r) => r.parentCode === c));
    }),
    indicator: new DataLoader<string, Indicator | null>(async (codes) => {
      const byCode = new Map((await allIndicators()).map((i) => [i.code, i]));
      return codes.map((c) => byCode.get(c) ?? null);
    }),
    indicatorById: new DataLoader<number, Indicator | null>(async (ids) => {
      const byId = new Map((await allIndicators()).map((i) => [i.id, i]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    user: new DataLoader<number, User | null>(async (ids) => {
      const found = await em.find(User, { id: { $in: [...ids] } });
      return ids.map((id) => found.find((u) => u.id === id) ?? null);
    }),
    allIndicators,
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

/** What the HTTP layer offers resolvers (absent when the schema is run in-process). */
export interface HttpHooks {
  ip: string;
  userAgent?: string;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  /** Throws TOO_MANY_REQUESTS when this IP or this email has tried to sign in too often. */
  limitSignIn(email: string): Promise<void>;
}

export interface Context {
  em: Em;
  viewer: Viewer;
  regions: RegionTree;
  loaders: Loaders;
  aggregate: AggregateService;
  http?: HttpHooks;
}

/** A request's context: its own EntityManager fork, who is asking, and batched loaders. */
export async function createContext(em: Em, options: { credentials?: Credentials; http?: HttpHooks } = {}): Promise<Context> {
  const regions = await regionTree(em);
  const viewer = options.credentials ? await authenticate(em, regions, options.credentials) : Viewer.anonymous(regions);
  const loaders = createLoaders(em);
  return { em, viewer, regions, loaders, aggregate: new AggregateService(em, loaders), http: options.http };
}
