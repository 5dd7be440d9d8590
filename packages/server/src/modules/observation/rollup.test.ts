import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../../test/databases.js';
import { hashString, randomStream } from '../../db/seeders/random.js';

/** The roll-ups as they should be: a direct GROUP BY over the approved observations and the region closure. */
const EXPECTED = `select o.indicator_id, a.ancestor_code as region_code, to_char(o.period, 'YYYY-MM') as period, sum(o.value) as value, count(*) as n
  from observation o join region_ancestor a on a.region_code = o.region_code
  where o.status = 'approved'
  group by 1, 2, 3 order by 1, 2, 3`;
const STATUSES = ['approved', 'approved', 'draft', 'submitted', 'returned'];
const ACTUAL = `select indicator_id, region_code, to_char(period, 'YYYY-MM') as period, value, n from rollup order by 1, 2, 3`;

type Row = { indicator_id: number; region_code: string; period: string; value: number; n: number };
const normal = (rows: Row[]) => rows.map((r) => `${r.indicator_id} ${r.region_code} ${r.period} ${Number(r.value)} ${Number(r.n)}`);

describe.each(vendors)('roll-ups maintained on write on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let counties: string[];
  const random = randomStream(hashString('rollup-test'));
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const months = ['2024-01-01', '2024-02-01', '2024-03-01'];
  const sql = <T = unknown>(text: string, params: unknown[] = []) => rawQuery<T>(db, text, params);
  const expectConsistent = async () => expect(normal(await sql<Row>(ACTUAL))).toEqual(normal(await sql<Row>(EXPECTED)));

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    // two provinces' counties keep the test quick; jobs_posted (id 2) and mediation_organizations (id 10)
    counties = (
      await sql<{ code: string }>(`select code from region where level = 'COUNTY' and code like any (array['51%', '22%']) order by code`)
    ).map((r) => r.code);
  });
  afterAll(() => db?.close());

  it('matches a direct GROUP BY after random inserts, updates and deletes', async () => {
    for (let round = 0; round < 40; round++) {
      const op = pick(['insert', 'insert', 'update', 'delete', 'bulk', 'status']);
      const indicator = pick([2, 10]);
      if (op === 'insert') {
        await sql(
          `insert into observation (indicator_id, region_code, period, value, status) values (?, ?, ?, ?, ?) on conflict do nothing`,
          [indicator, pick(counties), pick(months), Math.floor(random() * 1000), pick(STATUSES)],
        );
      } else if (op === 'status') {
        // approving or unapproving a report flips its values' status: they enter or leave the roll-ups
        await sql(`update observation set status = ? where region_code like ? and period = ?`, [
          pick(STATUSES),
          `${pick(counties).slice(0, 5)}%`,
          pick(months),
        ]);
      } else if (op === 'bulk') {
        const keys = new Set(Array.from({ length: 25 }, () => `${indicator}, '${pick(counties)}', '${pick(months)}'`));
        const values = [...keys].map((key) => `(${key}, ${Math.floor(random() * 1000)})`);
        await sql(`insert into observation (indicator_id, region_code, period, value) values ${values.join(', ')}
          on conflict (indicator_id, region_code, period) do update set value = excluded.value`);
      } else if (op === 'update') {
        await sql(`update observation set value = value + ? where region_code like ? and indicator_id = ?`, [
          Math.floor(random() * 50) - 25,
          `${pick(counties).slice(0, 4)}%`,
          indicator,
        ]);
      } else {
        await sql(
          `delete from observation where region_code = (select region_code from observation order by region_code limit 1 offset ?)`,
          [Math.floor(random() * 5)],
        );
      }
      await expectConsistent();
    }
    const [{ n }] = await sql<{ n: string }>('select count(*) as n from observation');
    expect(Number(n)).toBeGreaterThan(20);
  });

  it('drops a roll-up row when its last observation goes, and moves values when a key changes', async () => {
    await sql(`insert into observation (indicator_id, region_code, period, value) values (2, ?, '2023-06-01', 7)`, [counties[0]]);
    await sql(`update observation set region_code = ?, period = '2023-07-01' where region_code = ? and period = '2023-06-01'`, [
      counties[counties.length - 1],
      counties[0],
    ]);
    await expectConsistent();
    await sql(`delete from observation where period = '2023-07-01'`);
    expect(await sql(`select * from rollup where period in ('2023-06-01', '2023-07-01')`)).toEqual([]);
    await expectConsistent();
  });

  it('leaves the data as it was when a write fails', async () => {
    const before = normal(await sql<Row>(ACTUAL));
    await expect(
      sql(
        `insert into observation (indicator_id, region_code, period, value) values (2, ?, '2024-01-01', 1), (2, '999999', '2024-01-01', 1)`,
        [counties[3]],
      ),
    ).rejects.toThrow();
    expect(normal(await sql<Row>(ACTUAL))).toEqual(before);
  });

  it('rebuilds to the same table, and every write bumps the data version', async () => {
    const before = normal(await sql<Row>(ACTUAL));
    const [{ data_version: v1 }] = await sql<{ data_version: string }>('select data_version from hexie_meta');
    await sql('select hexie_rollup_rebuild()');
    expect(normal(await sql<Row>(ACTUAL))).toEqual(before);
    await sql(`insert into observation (indicator_id, region_code, period, value) values (10, ?, '2022-01-01', 3)`, [counties[1]]);
    const [{ data_version: v2 }] = await sql<{ data_version: string }>('select data_version from hexie_meta');
    expect(Number(v2)).toBeGreaterThan(Number(v1));
  });
});
