/**
 * W: a month of data for every county imported in one statement, with the roll-ups maintained by
 * the server's trigger in the same transaction, against the same insert with the trigger off and
 * against a full `hexie_rollup_rebuild()`. Interleaved rounds; the imported month is deleted again
 * (through the trigger, also timed) so the dataset ends as it began.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { monthDate, monthIndex, ValueModel, type IndicatorRow } from './dataset.ts';
import { median } from './load.ts';

export interface WriteReport {
  rows: number;
  month: string;
  insertWithTriggerMs: number;
  insertWithoutTriggerMs: number;
  deleteWithTriggerMs: number;
  rebuildMs: number;
  ratioToRebuild: number;
  consistent: boolean;
  runs: Array<Record<string, number>>;
}

export async function measureWrites(connectionString: string, rounds = 3, log = console.log): Promise<WriteReport> {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    const [ds] = (await c.query('select last_month from bench_dataset')).rows;
    const last = monthIndex(Number(ds.last_month.slice(0, 4)), Number(ds.last_month.slice(5, 7)));
    const month = monthDate(last + 1);
    const indicators = (
      await c.query<IndicatorRow>(
        'select id, code, aggregation, frequency, reporting_level, numerator_id, denominator_id from indicator order by id',
      )
    ).rows;
    const model = new ValueModel(indicators);
    const monthly = model.indicatorsAt('COUNTY', 'monthly');
    const allCounties = (await c.query<{ code: string }>(`select code from region where level = 'COUNTY' order by code`)).rows.map(
      (r) => r.code,
    );
    const present = new Set(
      (
        await c.query<{ region_code: string }>('select distinct region_code from observation where indicator_id = $1 and period = $2', [
          monthly[0].id,
          monthDate(last),
        ])
      ).rows.map((r) => r.region_code),
    );
    await c.query('delete from observation where period = $1', [month]); // a previous run that stopped half-way
    await c.query(
      'create temp table w_stage (indicator_id smallint, region_code varchar(6), period date, value double precision, synthetic boolean)',
    );
    const out = new Map<string, number>();
    const lines: string[] = [];
    allCounties.forEach((code, r) => {
      if (!present.has(code)) return;
      model.values(r, last + 1, monthly, out);
      for (const ind of monthly) lines.push(`${ind.id}\t${code}\t${month}\t${out.get(ind.code)}\tt\n`);
    });
    await pipeline(Readable.from([lines.join('')]), c.query(copyFrom('copy w_stage from stdin')));
    await c.query('analyze w_stage');
    const insert = `insert into observation (indicator_id, region_code, period, value, synthetic) select indicator_id, region_code, period, value, synthetic from w_stage`;
    log(
      `\nW: importing ${month.slice(0, 7)} for ${present.size} counties × ${monthly.length} indicators = ${lines.length.toLocaleString('en')} rows, ${rounds} rounds`,
    );

    const time = async (sql: string, params: unknown[] = []) => {
      const t0 = performance.now();
      await c.query(sql, params);
      return performance.now() - t0;
    };
    const runs: Array<Record<string, number>> = [];
    let consistent = true;
    for (let r = 0; r < rounds; r++) {
      const run: Record<string, number> = {};
      const steps: Array<[string, () => Promise<void>]> = [
        [
          'with trigger',
          async () => {
            await c.query('begin');
            run.insertWithTriggerMs = await time(insert);
            await c.query('commit');
            const check = await c.query(
              `select bool_and(abs(r.value - o.total) < 1e-6) as ok from (select indicator_id, sum(value) as total from observation where period = $1 group by 1) o
               join rollup r on r.indicator_id = o.indicator_id and r.region_code = '100000' and r.period = $1`,
              [month],
            );
            consistent &&= check.rows[0].ok === true;
            run.deleteWithTriggerMs = await time('delete from observation where period = $1', [month]);
            await c.query('vacuum analyze observation');
            await c.query('vacuum analyze rollup');
          },
        ],
        [
          'without trigger',
          async () => {
            await c.query('begin');
            await c.query('alter table observation disable trigger user');
            run.insertWithoutTriggerMs = await time(insert);
            await c.query('rollback');
            await c.query('vacuum analyze observation');
          },
        ],
        [
          'full rebuild',
          async () => {
            run.rebuildMs = await time('select hexie_rollup_rebuild()');
            await c.query('vacuum analyze rollup');
          },
        ],
      ];
      for (let k = 0; k < steps.length; k++) await steps[(k + r) % steps.length][1]();
      runs.push(run);
      log(
        `  round ${r + 1}: insert+rollups ${run.insertWithTriggerMs.toFixed(0)} ms, insert alone ${run.insertWithoutTriggerMs.toFixed(0)} ms, delete+rollups ${run.deleteWithTriggerMs.toFixed(0)} ms, full rebuild ${run.rebuildMs.toFixed(0)} ms`,
      );
    }
    const m = (k: string) => median(runs.map((x) => x[k]));
    const report: WriteReport = {
      rows: lines.length,
      month: month.slice(0, 7),
      insertWithTriggerMs: m('insertWithTriggerMs'),
      insertWithoutTriggerMs: m('insertWithoutTriggerMs'),
      deleteWithTriggerMs: m('deleteWithTriggerMs'),
      rebuildMs: m('rebuildMs'),
      ratioToRebuild: m('insertWithTriggerMs') / m('rebuildMs'),
      consistent,
      runs,
    };
    log(
      `  medians: W = ${report.insertWithTriggerMs.toFixed(0)} ms (insert alone ${report.insertWithoutTriggerMs.toFixed(0)} ms), full rebuild ${report.rebuildMs.toFixed(0)} ms → W ÷ rebuild = ${report.ratioToRebuild.toFixed(3)}; roll-ups consistent after import: ${consistent}`,
    );
    return report;
  } finally {
    await c.end();
  }
}
