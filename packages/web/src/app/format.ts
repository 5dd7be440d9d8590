// Number formatting for the dashboard. Exact values use grouping; the big screen uses 万/亿 (or K/M).

/** Exact, grouped, at most 2 decimals: 1,893,600 · 93.21 */
export function formatValue(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toLocaleString(locale, { maximumFractionDigits: 2 });
}

/** Compact, for wall displays: 189.36万 / 10.6亿 (zh) or 1.89M (en). */
export function formatCompact(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (locale.startsWith('zh')) {
    const abs = Math.abs(value);
    if (abs >= 1e8) return `${trim(value / 1e8)}亿`;
    if (abs >= 1e4) return `${trim(value / 1e4)}万`;
    return formatValue(value, locale);
  }
  return value.toLocaleString('en', { notation: 'compact', maximumFractionDigits: 2 });
}

function trim(n: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 2, useGrouping: false });
}

/** +12.3% / −4.0% */
export function formatChange(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || Number.isNaN(pct)) return '—';
  const rounded = Math.round(pct * 10) / 10;
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${sign}${Math.abs(rounded).toFixed(1)}%`;
}

/** 2026/11/22 10:05 (zh) · 22 Nov 2026, 10:05 (en), in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
