import { loadRegionTree, type RegionRow } from '../region/region.reference.js';

/** A place named in the text: a region of the tree, or a relative term (全省, 我市) to resolve later. */
export interface PlaceMention {
  start: number;
  end: number;
  /** Candidate regions for the name (more than one when ambiguous, e.g. 朝阳区). */
  codes: string[];
  /** For relative terms: the level they point at, from the document's own region. */
  relative?: 'PROVINCE' | 'CITY' | 'COUNTY';
}

/** Short names that are everyday words far more often than places. */
const SHORT_NAME_STOPLIST = new Set([
  '来宾',
  '长治',
  '大同',
  '安康',
  '三明',
  '白山',
  '东方',
  '中山',
  '太平',
  '永安',
  '阿里',
  '海东',
  '通化',
  '吉安',
  '和平',
]);

/** Relative place terms: the document's own province, city or county. */
const RELATIVE_TERMS: [string, PlaceMention['relative']][] = [
  ...[
    '全省',
    '我省',
    '本省',
    '省内',
    '省委',
    '省政府',
    '省人社厅',
    '省总工会',
    '省总',
    '省财政',
    '省人民政府',
    '省企联',
    '省工商联',
    '全区各地',
    '自治区',
  ].map((t) => [t, 'PROVINCE'] as [string, PlaceMention['relative']]),
  ...['全市', '我市', '本市', '市委', '市政府', '市人社局', '市总工会', '市总', '市人民政府'].map(
    (t) => [t, 'CITY'] as [string, PlaceMention['relative']],
  ),
  ...['全县', '我县', '本县', '县委', '县政府'].map((t) => [t, 'COUNTY'] as [string, PlaceMention['relative']]),
];

export interface Gazetteer {
  regions: Map<string, RegionRow>;
  /** Every name (full and short) → the regions it may mean. */
  names: Map<string, string[]>;
  /** English names of the provinces. */
  english: Map<string, string>;
  longest: number;
}

let cached: Gazetteer | undefined;

const shortName = (r: RegionRow): string | null => {
  const n = r.name;
  let s: string;
  if (r.level === 'PROVINCE') s = n.replace(/(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$/, '');
  else if (r.level === 'CITY') s = n.replace(/((?:[\u4e00-\u9fa5]{1,6}?族)+自治州|自治州|地区|盟|市)$/, '');
  else return null;
  return s.length >= 2 && s !== n && !SHORT_NAME_STOPLIST.has(s) ? s : null;
};

/** The region names of the GB/T 2260 tree, loaded once. */
export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const tree = loadRegionTree().filter((r) => r.level !== 'NATION');
  const names = new Map<string, string[]>();
  const add = (name: string, code: string) => {
    const list = names.get(name) ?? [];
    if (!list.includes(code)) list.push(code);
    names.set(name, list);
  };
  for (const r of tree) {
    if (/市辖区|辖县|直辖县级/.test(r.name)) continue;
    add(r.name, r.code);
    const s = shortName(r);
    if (s) add(s, r.code);
  }
  // a province's short name wins over a city of the same short name (吉林 → 吉林省)
  for (const [name, codes] of names) {
    const provinces = codes.filter((c) => c.endsWith('0000'));
    if (provinces.length && codes.length > 1) names.set(name, provinces);
  }
  const english = new Map(tree.filter((r) => r.nameEn).map((r) => [r.nameEn!.toLowerCase(), r.code]));
  const longest = Math.max(...[...names.keys()].map((n) => n.length));
  cached = { regions: new Map(tree.map((r) => [r.code, r])), names, english, longest };
  return cached;
}

/** Place names in the text, longest first, not overlapping; relative terms where no name is. */
export function findPlaces(text: string): PlaceMention[] {
  const g = gazetteer();
  const found: PlaceMention[] = [];
  const taken = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    for (let len = Math.min(g.longest, text.length - i); len >= 2; len--) {
      const codes = g.names.get(text.slice(i, i + len));
      if (!codes) continue;
      found.push({ start: i, end: i + len, codes });
      taken.fill(1, i, i + len);
      i += len - 1;
      break;
    }
  }
  for (const [term, level] of RELATIVE_TERMS) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      if (taken.subarray(at, at + term.length).some((b) => b)) continue;
      found.push({ start: at, end: at + term.length, codes: [], relative: level });
      taken.fill(1, at, at + term.length);
    }
  }
  const englishRe = /\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?: Province| Autonomous Region| Municipality)?\b/g;
  for (let m; (m = englishRe.exec(text));) {
    const code = g.english.get(m[1].toLowerCase()) ?? g.english.get(m[1].split(' ')[0].toLowerCase());
    if (code && !taken[m.index]) found.push({ start: m.index, end: m.index + m[0].length, codes: [code] });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The province, city and county a region code sits in (itself included). */
export function lineage(code: string): { PROVINCE?: string; CITY?: string; COUNTY?: string } {
  const g = gazetteer();
  const out: { PROVINCE?: string; CITY?: string; COUNTY?: string } = {};
  for (let r = g.regions.get(code); r; r = r.parentCode ? g.regions.get(r.parentCode) : undefined) {
    if (r.level !== 'NATION') out[r.level] = r.code;
  }
  return out;
}

/**
 * Picks one region for an ambiguous name: the candidate inside a region named elsewhere in the
 * same context (朝阳区 with 北京 nearby → 110105); null when nothing decides.
 */
export function disambiguate(codes: string[], context: string[]): string | null {
  if (codes.length === 1) return codes[0];
  const inside = codes.filter((c) => {
    const l = lineage(c);
    return context.some((k) => k !== c && (l.PROVINCE === k || l.CITY === k));
  });
  return inside.length === 1 ? inside[0] : null;
}

/** The most specific region among names (a county over its city over its province). */
export function mostSpecific(codes: string[]): string | null {
  const level = (c: string) => (c.endsWith('0000') ? 0 : c.endsWith('00') ? 1 : 2);
  return [...codes].sort((a, b) => level(b) - level(a))[0] ?? null;
}
