// Loads a region's GeoJSON (see china-map-files.ts) and registers it with ECharts.
import { registerMap, getMap } from 'echarts/core';

import { mapUrl } from './china-map-files';
// the map series and visual map; ECharts' registerMap does nothing until they are installed
import './parts/map';

interface Feature {
  type?: 'Feature';
  properties: { adcode?: number | string; name?: string; label?: string; center?: number[]; centroid?: number[] };
  geometry?: { type: string; coordinates: unknown };
}
type Ring = [number, number][];

/**
 * The standard 南海诸岛 inset, as Apache ECharts draws it on its own China map (echarts 6.1.0,
 * lib/coord/geo/fix/nanhai.js, Apache-2.0): in inset units (x east, y south) from its top-left
 * corner, the frame, the south China coast and the ten dashes of the line. The islands are placed
 * into it (placeIsland) so that they lie inside the dashes, as on standard maps.
 */
const NANHAI = {
  /** the inset's top-left corner (lon, lat) and units per degree (ECharts' 10.5, and 0.75 for latitude) */
  corner: [126, 25] as const,
  perDegree: 10.5,
  aspect: 0.75,
  coast: [
    [0, 3.5],
    [7, 11.2],
    [15, 11.9],
    [30, 7],
    [42, 0.7],
    [52, 0.7],
    [56, 7.7],
    [59, 0.7],
    [64, 0.7],
    [64, 0],
    [5, 0],
    [0, 3.5],
  ],
  dashes: [
    [
      [13, 16.1],
      [19, 14.7],
      [16, 21.7],
      [11, 23.1],
      [13, 16.1],
    ],
    [
      [12, 32.2],
      [14, 38.5],
      [15, 38.5],
      [13, 32.2],
      [12, 32.2],
    ],
    [
      [16, 47.6],
      [12, 53.2],
      [13, 53.2],
      [18, 47.6],
      [16, 47.6],
    ],
    [
      [6, 64.4],
      [8, 70],
      [9, 70],
      [8, 64.4],
      [6, 64.4],
    ],
    [
      [23, 82.6],
      [29, 79.8],
      [30, 79.8],
      [25, 82.6],
      [23, 82.6],
    ],
    [
      [37, 70.7],
      [43, 62.3],
      [44, 62.3],
      [39, 70.7],
      [37, 70.7],
    ],
    [
      [48, 51.1],
      [51, 45.5],
      [53, 45.5],
      [50, 51.1],
      [48, 51.1],
    ],
    [
      [51, 35],
      [51, 28.7],
      [53, 28.7],
      [53, 35],
      [51, 35],
    ],
    [
      [52, 22.4],
      [55, 17.5],
      [56, 17.5],
      [53, 22.4],
      [52, 22.4],
    ],
    [
      [58, 12.6],
      [62, 7],
      [63, 7],
      [60, 12.6],
      [58, 12.6],
    ],
  ],
  frame: [
    [0, 3.5],
    [0, 93.1],
    [64, 93.1],
    [64, 0],
    [63, 0],
    [63, 92.4],
    [1, 92.4],
    [1, 3.5],
    [0, 3.5],
  ],
  /**
   * Where a real position (lon, lat) falls in inset units: fitted so that the islands, from 西沙 and
   * 黄岩岛 to 曾母暗沙, lie inside the dashes (the test checks every one).
   */
  island: { lon0: 107, lat0: 22.5, xPerDegree: 4.4, yPerDegree: 4.1 },
  /** 海南省's polygons entirely south of this latitude are the islands (海南岛 begins at 18.1° N) */
  southOf: 17.5,
};

type Point = [number, number];
/** inset units → the map's (lon, lat) */
const toMap = ([x, y]: number[]): Point => [
  NANHAI.corner[0] + x / NANHAI.perDegree,
  NANHAI.corner[1] - (y * NANHAI.aspect) / NANHAI.perDegree,
];
/** a real island position → inset units */
export const placeIsland = ([lon, lat]: Point): Point => {
  const { lon0, lat0, xPerDegree, yPerDegree } = NANHAI.island;
  return [(lon - lon0) * xPerDegree, (lat0 - lat) * yPerDegree];
};
/** The inset's outline in inset units (for tests): the coast and the dashes, in order west to east. */
export const NANHAI_OUTLINE = { coast: NANHAI.coast, dashes: NANHAI.dashes, frame: NANHAI.frame };

/**
 * The national map with the 南海诸岛 inset: the islands (the 129 polygons of 海南省 down to 曾母暗沙)
 * are moved into the inset east of Taiwan, inside its dashed line, so the mainland fills the view
 * and the islands and the line show at every size. The islands remain part of 海南省's feature
 * (same colour and value); the inset's frame, coast and dashes are a feature of their own, `nanhai`
 * (南海诸岛), with no data. Other maps pass through unchanged.
 */
export function withSouthChinaSeaInset<G extends { features: Feature[] }>(geo: G): G {
  const hainan = geo.features.find((f) => String(f.properties.adcode) === '460000');
  if (!hainan?.geometry || hainan.geometry.type !== 'MultiPolygon') return geo;
  const move = (p: Point) => toMap(placeIsland(p));
  const polygons = hainan.geometry.coordinates as Ring[][];
  const moved = polygons.map((rings) => (rings[0].every(([, lat]) => lat < NANHAI.southOf) ? rings.map((ring) => ring.map(move)) : rings));
  const outline: Feature = {
    type: 'Feature',
    properties: { adcode: 'nanhai', name: '南海诸岛' },
    geometry: { type: 'MultiPolygon', coordinates: [NANHAI.frame, NANHAI.coast, ...NANHAI.dashes].map((ring) => [ring.map(toMap)]) },
  };
  return {
    ...geo,
    features: [...geo.features.map((f) => (f === hainan ? { ...f, geometry: { type: 'MultiPolygon', coordinates: moved } } : f)), outline],
  };
}

const loading = new Map<string, Promise<string>>();

/** Loads and registers the map of `code`'s children under the ECharts map name `cn-<code>`. */
export function loadMap(code: string): Promise<string> {
  const name = `cn-${code}`;
  if (getMap(name)) return Promise.resolve(name);
  let pending = loading.get(code);
  if (!pending) {
    const url = mapUrl(code);
    if (!url) return Promise.reject(new Error(`no map for ${code}`));
    pending = fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`map ${code}: HTTP ${r.status}`);
        return r.json();
      })
      .then((raw: { features: Feature[] }) => {
        const geo = code === '100000' ? withSouthChinaSeaInset(raw) : raw;
        // Match data by code, not by name: names differ between sources, codes do not.
        for (const f of geo.features) {
          f.properties.label = f.properties.name;
          f.properties.name = String(f.properties.adcode);
        }
        registerMap(name, geo as never);
        return name;
      });
    pending.catch(() => loading.delete(code));
    loading.set(code, pending);
  }
  return pending;
}

/** The geographic centre of a child region in a registered map, e.g. to place a label. */
export function featureCenter(code: string, child: string): number[] | undefined {
  const map = getMap(`cn-${code}`) as { geoJSON?: { features: Feature[] } } | undefined;
  const f = map?.geoJSON?.features.find((x) => x.properties.name === child);
  return f?.properties.centroid ?? f?.properties.center;
}
