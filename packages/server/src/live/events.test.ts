import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.js';
import { createTestDatabase, vendors, type TestDatabase } from '../test/databases.js';
import { multipart } from '../test/multipart.js';
import { EventBus, SUBSCRIBER_BUFFER, type DataChanged, type ReportChanged } from './events.js';

const XINDU = '510114'; // a county of 成都市
const NATION = '100000';

const pending = new WeakMap<AsyncIterator<unknown>, Promise<IteratorResult<unknown>>>();

/** The next event of `iterator`, or 'none' when none comes within `ms` (a later call still gets that event). */
const next = async <T>(iterator: AsyncIterator<T>, ms = 500): Promise<T | 'none'> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'none'>((resolve) => (timer = setTimeout(() => resolve('none'), ms)));
  const promise = (pending.get(iterator) ?? iterator.next()) as Promise<IteratorResult<T>>;
  pending.set(iterator, promise);
  const result = await Promise.race([promise, timeout]);
  clearTimeout(timer);
  if (result === 'none') return result;
  pending.delete(iterator);
  return result.done ? 'none' : result.value;
};

describe('the event bus', () => {
  it('delivers what is published after subscribing, filtered, and unsubscribes on return()', async () => {
    const bus = new EventBus();
    const all = bus.subscribe('reportChanged');
    const xindu = bus.subscribe('reportChanged', { filter: (e) => e.region === XINDU });
    const event = (region: string): ReportChanged => ({
      region,
      period: '2024-03',
      status: 'APPROVED',
      previousStatus: 'SUBMITTED',
      at: 'now',
    });
    bus.publish('reportChanged', event('510104'));
    bus.publish('reportChanged', event(XINDU));
    expect(await next(all)).toEqual(event('510104'));
    expect(await next(all)).toEqual(event(XINDU));
    expect(await next(xindu)).toEqual(event(XINDU));
    expect(await next(xindu, 50)).toBe('none');
    expect(bus.listeners('reportChanged')).toBe(2);
    await all.return!();
    await xindu.return!();
    expect(bus.listeners('reportChanged')).toBe(0);
  });

  it('ends a waiting subscriber on return() and on abort, and keeps at most SUBSCRIBER_BUFFER events', async () => {
    const bus = new EventBus();
    const waiting = bus.subscribe('dataChanged');
    const pending = waiting.next();
    await waiting.return!();
    expect(await pending).toEqual({ value: undefined, done: true });

    const abort = new AbortController();
    const aborted = bus.subscribe('dataChanged', { signal: abort.signal });
    abort.abort();
    expect(await aborted.next()).toEqual({ value: undefined, done: true });

    const slow = bus.subscribe('dataChanged');
    for (let i = 0; i < SUBSCRIBER_BUFFER + 5; i++)
      bus.publish('dataChanged', { region: NATION, period: String(i), indicators: [], at: '' });
    expect(((await slow.next()).value as DataChanged).period).toBe('5');
    await bus.close();
    expect(await slow.next()).toEqual({ value: undefined, done: true });
    expect(bus.listeners('dataChanged')).toBe(0);
  });
});

describe.each(vendors)('report events on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let reporter: string;
  let approver: string;
  const ok = async (source: string, variables: Record<string, unknown>, token: string) => {
    const result = await db.query(source, variables, { token });
    if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('\n'));
    return result.data;
  };
  const move = (mutation: string, period: string, token: string, reason?: string) =>
    ok(
      `mutation ($r: String!, $p: String!${reason ? ', $why: String!' : ''}) { ${mutation}(region: $r, period: $p${reason ? ', reason: $why' : ''}) { status } }`,
      { r: XINDU, p: period, ...(reason ? { why: reason } : {}) },
      token,
    );

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    reporter = await db.signIn('REPORTER', XINDU);
    approver = await db.signIn('APPROVER', NATION);
  });
  afterAll(() => db?.close());

  it('publishes each status change after it commits, and data changes when approved values come or go', async () => {
    const reports = db.events.subscribe('reportChanged');
    const data = db.events.subscribe('dataChanged');
    const period = '2024-05';
    await ok(
      `mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`,
      {
        v: [
          { region: XINDU, indicator: 'jobs_posted', period, value: 10 },
          { region: XINDU, indicator: 'mediation_cases', period, value: 4 },
        ],
      },
      reporter,
    );
    expect(await next(reports, 50)).toBe('none'); // a draft is no status change

    await move('submitReport', period, reporter);
    expect(await next(reports)).toMatchObject({ region: XINDU, period, status: 'SUBMITTED', previousStatus: 'DRAFT' });
    expect(await next(data, 50)).toBe('none'); // pending values are not public data

    await move('approveReport', period, approver);
    expect(await next(reports)).toMatchObject({ region: XINDU, period, status: 'APPROVED', previousStatus: 'SUBMITTED' });
    const approved = await next(data);
    expect(approved).toMatchObject({ region: XINDU, period });
    // the two values written, and the ratio computed from mediation_cases (its denominator)
    expect((approved as DataChanged).indicators.sort()).toEqual(['jobs_posted', 'mediation_cases', 'mediation_success_rate']);

    await move('unapproveReport', period, approver, 'figures to check');
    expect(await next(reports)).toMatchObject({ status: 'RETURNED', previousStatus: 'APPROVED' });
    expect(await next(data)).toMatchObject({ region: XINDU, period });

    // a refused transition (approving a RETURNED report) publishes nothing
    await expect(move('approveReport', period, approver)).rejects.toThrow(/RETURNED/);
    expect(await next(reports, 50)).toBe('none');
    await reports.return!();
    await data.return!();
  });

  it('publishes the submissions of an import after it commits, and accepted figures as data changes', async () => {
    const app = await buildApp({ orm: db.orm, events: db.events });
    try {
      const reports = db.events.subscribe('reportChanged');
      const body = multipart(
        { dryRun: 'false', submit: 'true' },
        { name: 'june.csv', bytes: `region,indicator,period,value\n${XINDU},jobs_posted,2024-06,5\n` },
      );
      const res = await app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...body.headers, authorization: `Bearer ${reporter}` },
        payload: body.payload,
      });
      expect(res.statusCode).toBe(200);
      expect(await next(reports)).toMatchObject({ region: XINDU, period: '2024-06', status: 'SUBMITTED', previousStatus: 'DRAFT' });
      await reports.return!();
    } finally {
      await app.close();
    }

    const analyst = await db.signIn('ANALYST', NATION);
    const data = db.events.subscribe('dataChanged');
    const text = '2024年1至6月，新都区新增发布岗位1234个。';
    await ok(
      `mutation ($input: AcceptFiguresInput!) { acceptFigures(input: $input) { publishedFigures { id } } }`,
      {
        input: {
          source: { text, title: '新都区半年报', date: '2024-07-10' },
          figures: [
            {
              indicator: 'jobs_posted',
              region: XINDU,
              periodStart: '2024-01',
              periodEnd: '2024-06',
              value: 1234,
              qualifier: 'EXACT',
              kind: 'ACTUAL',
              quote: '新增发布岗位1234个',
            },
          ],
        },
      },
      analyst,
    );
    expect(await next(data)).toMatchObject({ region: XINDU, period: '2024-06', indicators: ['jobs_posted'] });
    await data.return!();
  });
});
