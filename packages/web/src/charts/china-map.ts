// Loads a region's GeoJSON (see china-map-files.ts) and registers it with ECharts.
import { registerMap, getMap } from 'echarts/core';

import { mapUrl } from './china-map-files';

interface Feature {
  properties: { adcode?: number | string; name?: string; label?: string; center?: number[]; centroid?: number[] };
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
      .then((geo: { features: Feature[] }) => {
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
