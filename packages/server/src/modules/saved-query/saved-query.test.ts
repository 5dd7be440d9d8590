import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app.js';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../../test/databases.js';

const SAVE = `mutation ($input: SavedQueryInput!) { saveQuery(input: $input) { id name query variables shared mine link ownerName } }`;
const LIST = `{ savedQueries { id name shared } }`;
const ONE = `query ($id: String!) { savedQuery(id: $id) { id name query variables mine ownerName } }`;
const DELETE = `mutation ($id: String!) { deleteQuery(id: $id) }`;
const QUERY = '{ indicators { code } }';

describe.each(vendors)('saved queries on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let sichuan: string; // ANALYST, 四川省
  let chengdu: string; // VIEWER, 成都市 (inside 四川)
  let nation: string; // ANALYST, 全国 (above 四川)
  let guangdong: string; // ANALYST, 广东省 (elsewhere)

  const run = async (source: string, variables: Record<string, unknown>, token?: string) => {
    const result = await db.query(source, variables, { token });
    return result as { data?: any; errors?: readonly { message: string; extensions?: any }[] };
  };
  const codeOf = (result: { errors?: readonly { extensions?: any }[] }) =>
    result.errors?.length ? result.errors[0].extensions?.code : 'ok';

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    sichuan = await db.signIn('ANALYST', '510000');
    chengdu = await db.signIn('VIEWER', '510100');
    nation = await db.signIn('ANALYST', '100000');
    guangdong = await db.signIn('ANALYST', '440000');
  });
  afterAll(() => db?.close());

  it('saves, lists, changes and deletes a query of your own, and stores it in the database', async () => {
    const saved = await run(SAVE, { input: { name: ' 四川招聘 ', query: QUERY, variables: '{"region":"510000"}' } }, sichuan);
    expect(saved.errors).toBeUndefined();
    const { id } = saved.data.saveQuery;
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(saved.data.saveQuery).toMatchObject({
      name: '四川招聘',
      query: QUERY,
      shared: false,
      mine: true,
      link: `/explorer?saved=${id}`,
    });
    const [row] = await rawQuery<{ name: string; query: string; variables: string }>(
      db,
      'select name, query, variables from saved_query where id = ?',
      [id],
    );
    expect(row).toEqual({ name: '四川招聘', query: QUERY, variables: '{"region":"510000"}' });

    expect((await run(LIST, {}, sichuan)).data.savedQueries).toEqual([{ id, name: '四川招聘', shared: false }]);
    expect((await run(LIST, {}, guangdong)).data.savedQueries).toEqual([]);

    const changed = await run(SAVE, { input: { id, name: '改名', query: '{ regions { code } }' } }, sichuan);
    expect(changed.data.saveQuery).toMatchObject({ id, name: '改名', variables: null });
    expect(await rawQuery(db, 'select count(*)::int as n from saved_query where id = ?', [id])).toEqual([{ n: 1 }]);

    expect((await run(DELETE, { id }, sichuan)).data.deleteQuery).toBe(true);
    expect((await run(DELETE, { id }, sichuan)).data.deleteQuery).toBe(false);
    expect(await rawQuery(db, 'select count(*)::int as n from saved_query where id = ?', [id])).toEqual([{ n: 0 }]);
  });

  it('opens a shared query by link for users whose scope overlaps the owner’s, and no one else', async () => {
    const { id } = (await run(SAVE, { input: { name: '共享', query: QUERY, shared: true } }, sichuan)).data.saveQuery;
    for (const reader of [chengdu, nation]) {
      const opened = await run(ONE, { id }, reader);
      expect(opened.errors).toBeUndefined();
      expect(opened.data.savedQuery).toMatchObject({ id, query: QUERY, mine: false });
    }
    expect(codeOf(await run(ONE, { id }, guangdong))).toBe('FORBIDDEN');
    expect(codeOf(await run(ONE, { id }))).toBe('UNAUTHENTICATED');
    // others may open it but neither change nor delete it
    expect(codeOf(await run(SAVE, { input: { id, name: 'mine now', query: QUERY } }, nation))).toBe('FORBIDDEN');
    expect(codeOf(await run(DELETE, { id }, chengdu))).toBe('FORBIDDEN');
    expect((await run(ONE, { id }, sichuan)).data.savedQuery.name).toBe('共享');
    // a shared one not shared any more is private again
    await run(SAVE, { input: { id, name: '共享', query: QUERY, shared: false } }, sichuan);
    expect(codeOf(await run(ONE, { id }, chengdu))).toBe('FORBIDDEN');
    // a private one is not in anyone else's list either
    expect((await run(LIST, {}, chengdu)).data.savedQueries).toEqual([]);
  });

  it('refuses anonymous callers, unknown ids, and queries or variables that are not valid', async () => {
    expect(codeOf(await run(LIST, {}))).toBe('UNAUTHENTICATED');
    expect(codeOf(await run(SAVE, { input: { name: 'x', query: QUERY } }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await run(ONE, { id: 'nope' }, sichuan))).toBe('NOT_FOUND');
    const broken = await run(SAVE, { input: { name: 'x', query: '{ indicators { code }' } }, sichuan);
    expect(codeOf(broken)).toBe('BAD_USER_INPUT');
    expect(broken.errors![0].message).toMatch(/does not parse/);
    expect(codeOf(await run(SAVE, { input: { name: '  ', query: QUERY } }, sichuan))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(SAVE, { input: { name: 'x', query: QUERY, variables: '[1]' } }, sichuan))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(SAVE, { input: { name: 'x', query: QUERY, variables: '{oops' } }, sichuan))).toBe('BAD_USER_INPUT');
  });

  it('is never answered from the response cache after a change (over HTTP)', async () => {
    const app = await buildApp({ orm: db.orm });
    try {
      const post = async (query: string, variables: Record<string, unknown> = {}) =>
        (
          await app.inject({
            method: 'POST',
            url: '/graphql',
            headers: { authorization: `Bearer ${guangdong}` },
            payload: { query, variables },
          })
        ).json();
      expect((await post(LIST)).data.savedQueries).toEqual([]);
      const { id } = (await post(SAVE, { input: { name: '广东', query: QUERY } })).data.saveQuery;
      expect((await post(LIST)).data.savedQueries).toEqual([{ id, name: '广东', shared: false }]);
      await post(DELETE, { id });
      expect((await post(LIST)).data.savedQueries).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
