import type { Grain } from '@/app/period';
import type { WidgetIndicator, WidgetPoint, WidgetRow } from '@/widgets/define-widget';

/** What /api/embed/data answers: the embed's stored definition and its numbers (approved only). */
export interface EmbedData {
  widget: string;
  params: { indicator: string; region: string; from: string; to: string; grain: Grain };
  indicator: WidgetIndicator;
  region: { code: string; name: string; nameEn?: string | null; level: string };
  total?: number | null;
  totalYoy?: number | null;
  note?: string | null;
  points?: WidgetPoint[];
  rows?: { code: string; name: string; nameEn?: string | null; value: number | null; note: string | null }[];
}

export interface EmbedRequest {
  hub: string;
  widget: string;
  embed?: string;
  token?: string;
  params: Partial<Record<'indicator' | 'region' | 'from' | 'to' | 'grain', string>>;
}

/** The header a signed embed's token travels in: never in a URL (URLs end up in logs and referrers). */
export const EMBED_TOKEN_HEADER = 'x-hexie-embed-token';

export class EmbedRefusal extends Error {}

/** The URL of an embed's data (CSV with `format=csv`): locked parameters are sent so the server can check them. */
export function embedDataUrl(request: EmbedRequest, format?: 'csv'): string {
  const query = new URLSearchParams();
  if (request.embed) query.set('embed', request.embed);
  query.set('widget', request.widget);
  for (const [k, v] of Object.entries(request.params)) if (v) query.set(k, v);
  if (format) query.set('format', format);
  return `${request.hub}/api/embed/data?${query}`;
}

export async function fetchEmbedData(request: EmbedRequest, signal?: AbortSignal): Promise<EmbedData> {
  const response = await fetch(embedDataUrl(request), {
    headers: request.token ? { [EMBED_TOKEN_HEADER]: request.token } : {},
    credentials: 'omit',
    signal,
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new EmbedRefusal(body?.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body as EmbedData;
}

/** The rows of a children widget in the dashboard's RegionValue shape. */
export const toRows = (data: EmbedData, level = ''): WidgetRow[] =>
  (data.rows ?? []).map((r) => ({ value: r.value, note: r.note, region: { code: r.code, name: r.name, nameEn: r.nameEn, level } }));
