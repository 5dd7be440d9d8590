import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';
import type { Grain } from '../modules/aggregate/period.js';
import type { SeriesResult } from '../modules/aggregate/aggregate.service.js';
import { errorBody } from './errors.js';

/** The columns of an export, the same in CSV and XLSX (and as the dashboard's trend download). */
export const EXPORT_COLUMNS = [
  'indicator',
  'indicator_name',
  'region',
  'region_name',
  'period',
  'value',
  'previous',
  'yoy_percent',
  'unit',
] as const;

const GRAINS: readonly Grain[] = ['MONTH', 'QUARTER', 'YEAR'];
const FORMATS = ['csv', 'xlsx'] as const;
const REQUIRED = ['indicator', 'region', 'from', 'to'] as const;

type Row = (string | number | null)[];

export function exportRows(series: SeriesResult): Row[] {
  return series.points.map((p) => [
    series.indicator.code,
    series.indicator.name,
    series.region.code,
    series.region.name,
    p.period,
    p.value,
    p.previous,
    p.yoy === null ? null : Math.round(p.yoy * 100) / 100,
    series.indicator.unit,
  ]);
}

const csvCell = (value: string | number | null) => {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180, UTF-8 with a byte-order mark (Excel then reads Chinese correctly). */
export const toCsv = (rows: Row[]) => '\uFEFF' + [[...EXPORT_COLUMNS], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

async function toXlsx(rows: Row[], sheet: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet.slice(0, 31));
  ws.addRow([...EXPORT_COLUMNS]);
  for (const row of rows) ws.addRow(row);
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

const bad = (reply: FastifyReply, message: string, status = 400) =>
  reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(errorBody(message, status === 400 ? 'BAD_USER_INPUT' : 'UNAUTHENTICATED'));

/**
 * `GET /api/export?indicator=…&region=…&from=YYYY-MM&to=YYYY-MM&grain=MONTH|QUARTER|YEAR&format=csv|xlsx`:
 * one indicator's series for one region, as the dashboard shows it — approved data, read through the
 * same context (bearer token or session cookie) and the same aggregate service as `series` in GraphQL.
 */
export function registerExport(app: FastifyInstance, context: (request: FastifyRequest, reply: FastifyReply) => Promise<Context>): void {
  app.get('/api/export', async (request, reply) => {
    const query = request.query as Record<string, string | string[] | undefined>;
    const one = (name: string) => (Array.isArray(query[name]) ? undefined : (query[name] as string | undefined)?.trim());
    for (const name of Object.keys(query)) {
      if (![...REQUIRED, 'grain', 'format'].includes(name))
        return bad(reply, `Unknown parameter "${name.slice(0, 40)}": use indicator, region, from, to, grain and format.`);
      if (Array.isArray(query[name])) return bad(reply, `Give "${name}" once.`);
    }
    const missing = REQUIRED.filter((name) => !one(name));
    if (missing.length)
      return bad(
        reply,
        `Missing ${missing.join(', ')}: e.g. /api/export?indicator=jobs_posted&region=510000&from=2024-01&to=2024-12&grain=MONTH&format=csv`,
      );
    const grain = (one('grain') ?? 'MONTH').toUpperCase() as Grain;
    if (!GRAINS.includes(grain)) return bad(reply, `grain must be ${GRAINS.join(', ')}; got "${one('grain')!.slice(0, 20)}".`);
    const format = (one('format') ?? 'csv').toLowerCase() as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) return bad(reply, `format must be csv or xlsx; got "${one('format')!.slice(0, 20)}".`);

    let series: SeriesResult;
    try {
      const ctx = await context(request, reply);
      series = await ctx.aggregate.series(one('indicator')!, one('region')!, one('from')!, one('to')!, grain);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions?.code && !error.originalError) {
        const status = error.extensions.code === 'UNAUTHENTICATED' ? 401 : error.extensions.code === 'FORBIDDEN' ? 403 : 400;
        return reply
          .code(status)
          .type('application/json; charset=utf-8')
          .send(errorBody(error.message, String(error.extensions.code)));
      }
      throw error;
    }
    const rows = exportRows(series);
    const name = `${series.indicator.code}_${series.region.code}_${series.from}_${series.to}_${grain}`;
    reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}.${format}"`);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(rows, series.indicator.code));
  });
}
