import type { Em } from '../../db/orm.js';
import type { RegionLevel } from './region.entity.js';

export interface RegionInfo {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly level: RegionLevel;
  readonly parentCode: string | null;
}

/**
 * The region tree as plain immutable objects, read once per database: reference data is loaded into
 * empty tables at start and not changed while the server runs. Scope checks walk it in memory.
 */
export class RegionTree {
  private readonly byCode: ReadonlyMap<string, RegionInfo>;

  constructor(regions: RegionInfo[]) {
    this.byCode = new Map(regions.map((r) => [r.code, Object.freeze({ ...r })]));
  }

  get(code: string): RegionInfo | undefined {
    return this.byCode.get(code);
  }

  /** Every region, in no particular order. */
  all(): Iterable<RegionInfo> {
    return this.byCode.values();
  }

  /** True when `code` is `ancestor` or lies below it. */
  isWithin(code: string, ancestor: string): boolean {
    for (let r = this.byCode.get(code); r; r = r.parentCode ? this.byCode.get(r.parentCode) : undefined) {
      if (r.code === ancestor) return true;
    }
    return false;
  }

  /** "成都市 (510100)": how messages name a region. */
  label(code: string): string {
    const region = this.byCode.get(code);
    return region ? `${region.name} (${code})` : code;
  }
}

const trees = new WeakMap<object, Promise<RegionTree>>();

/** The region tree of the database behind `em` (read on first use). */
export function regionTree(em: Em): Promise<RegionTree> {
  let tree = trees.get(em.config);
  if (!tree) {
    tree = em
      .getConnection()
      .execute<{ code: string; name: string; name_en: string | null; level: RegionLevel; parent_code: string | null }[]>(
        'select code, name, name_en, level, parent_code from region',
      )
      .then(
        (rows) =>
          new RegionTree(rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, level: r.level, parentCode: r.parent_code }))),
      );
    tree.catch(() => trees.delete(em.config));
    trees.set(em.config, tree);
  }
  return tree;
}
