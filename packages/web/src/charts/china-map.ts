// Loads a region's GeoJSON (see china-map-files.ts) and registers it with ECharts.
import { registerMap, getMap } from 'echarts/core';

import { mapUrl } from './china-map-files';

interface Feature {
  type?: 'Feature';
  properties: { adcode?: number | string; name?: string; label?: string; center?: number[]; centroid?: number[] };
  geometry?: { type: string; coordinates: unknown };
}
type Ring = [number, number][];

/** Where the South China Sea islands go on the national map: the standard inset, lower right. */
export const SOUTH_CHINA_SEA_INSET = {
  /** Polygons of 海南省 entirely south of this latitude are the islands (海南岛 begins at 18.1° N). */
  southOf: 17.5,
  /** Their bounding box in the source, and where its lower-left corner goes, at this scale. */
  source: { west: 109.4, south: 3.8 },
  origin: { lon: 129, lat: 18.6 },
  scale: 0.6,
  /** The inset's frame, drawn under the islands (west, south, east, north). */
  frame: [128.4, 18.1, 134.6, 27.1] as const,
};

/**
 * The national map with 南海诸岛 as the standard inset: the islands (129 polygons of 海南省 down to
 * 曾母暗沙) are moved, at 0.6 scale, into a framed box east of Taiwan, so the mainland fills the view
 * and the islands stay visible at every size. They remain part of 海南省's feature (same colour and
 * value); the frame is a feature of its own, `nanhai`, with no data. Other maps pass through unchanged.
 */
export function withSouthChinaSeaInset<G extends { features: Feature[] }>(geo: G): G {
  const { southOf, source, origin, scale, frame } = SOUTH_CHINA_SEA_INSET;
  const hainan = geo.features.find((f) => String(f.properties.adcode) === '460000');
  if (!hainan?.geometry || hainan.geometry.type !== 'MultiPolygon') return geo;
  const move = ([lon, lat]: [number, number]): [number, number] => [
    origin.lon + (lon - source.west) * scale,
    origin.lat + (lat - source.south) * scale,
  ];
  const polygons = hainan.geometry.coordinates as Ring[][];
  const moved = polygons.map((rings) => (rings[0].every(([, lat]) => lat < southOf) ? rings.map((ring) => ring.map(move)) : rings));
  const [w, s, e, n] = frame;
  const box: Feature = {
    type: 'Feature',
    properties: { adcode: 'nanhai', name: '南海诸岛' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
  };
  return {
    ...geo,
    features: [box, ...geo.features.map((f) => (f === hainan ? { ...f, geometry: { type: 'MultiPolygon', coordinates: moved } } : f))],
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
