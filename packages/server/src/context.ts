import DataLoader from 'dataloader';
import type { Em } from './db/orm.js';
import { AggregateService } from './modules/aggregate/aggregate.service.js';
import { Indicator } from './modules/indicator/indicator.entity.js';
import { Region } from './modules/region/region.entity.js';

/** Who is asking. Until governance lands every caller is an anonymous reader. */
export interface Viewer {
  id: string | null;
  roles: string[];
}

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
    allIndicators,
  };
}
export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  em: Em;
  viewer: Viewer;
  loaders: Loaders;
  aggregate: AggregateService;
}

export function createContext(em: Em, viewer: Viewer = { id: null, roles: [] }): Context {
  const loaders = createLoaders(em);
  return { em, viewer, loaders, aggregate: new AggregateService(em, loaders) };
}
