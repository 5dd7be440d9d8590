import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app.js';
import { EMBED_RATE, EMBED_TOKEN_HEADER } from '../../http/embed.js';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../../test/databases.js';
import { embedKeys, generateKey, parseEmbedKeys } from './embed.keys.js';

const CREATE = `mutation ($input: EmbedInput!) { createEmbed(input: $input) {
  id kind widget token iframeUrl snippet origins expiresAt params { indicator region from to grain } } }`;
const PORTAL = 'https://portal.example';
const CITY = '510100'; // 成都市: its counties report jobs_posted themselves

interface Created {
  id: string;
  kind: string;
  token: string | null;
  iframeUrl: string;
  snippet: string;
  expiresAt: string | null;
}

describe.each(vendors)('embeds on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let analyst: string;
  const logs: string[] = [];
  let counties: string[];
  /** What the test wrote: approved values per county and month (pending values are kept apart). */
  const approved = new Map<string, Map<string, number>>();

  const create = async (input: Record<string, unknown>, token = analyst) => {
    const result = await db.query<{ createEmbed: Created }>(CREATE, { input }, { token });
    return result;
  };
  const created = async (input: Record<string, unknown>) => {
    const result = await create(input);
    expect(result.errors).toBeUndefined();
    return result.data!.createEmbed;
  };
  const trend = (extra: Record<string, unknown> = {}) => ({
    widget: 'trend',
    kind: 'SIGNED',
    params: { indicator: 'jobs_posted', region: counties[1], from: '2024-01', to: '2024-03', grain: 'MONTH' },
    origins: [PORTAL],
    expiresIn: 3600,
    ...extra,
  });
  const data = (query: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `/api/embed/data?${query}`, headers });
  const withToken = (token: string, query = '', origin = PORTAL) =>
    data(query, { [EMBED_TOKEN_HEADER]: token, ...(origin ? { origin } : {}) });
  const refused = async (response: Awaited<ReturnType<typeof data>>, message: RegExp) => {
    expect(response.statusCode).toBe(403);
    const body = response.json();
    expect(body.errors[0].message).toMatch(message);
    expect(JSON.stringify(body)).not.toMatch(/points|rows/);
  };

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    counties = (await rawQuery<{ code: string }>(db, 'select code from region where parent_code = ? order by code', [CITY])).map(
      (r) => r.code,
    );
    const [{ id }] = await rawQuery<{ id: number }>(db, `select id from indicator where code = 'jobs_posted'`);
    // approved values for three counties; a pending (submitted) value that must never be shown
    for (const [i, county] of counties.slice(0, 3).entries()) {
      const months = new Map<string, number>();
      for (const month of [1, 2, 3]) {
        if (i === 1 && month === 2) continue;
        const value = (i + 1) * 100 + month;
        months.set(`2024-0${month}`, value);
        await rawQuery(db, `insert into observation (indicator_id, region_code, period, value, status) values (?, ?, ?, ?, 'approved')`, [
          id,
          county,
          `2024-0${month}-01`,
          value,
        ]);
      }
      approved.set(county, months);
    }
    await rawQuery(
      db,
      `insert into observation (indicator_id, region_code, period, value, status) values (?, ?, '2024-02-01', 99999, 'submitted')`,
      [id, counties[1]],
    );
    analyst = await db.signIn('ANALYST', '510000');
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    app = await buildApp({ orm: db.orm, logger: { level: 'info', stream } as never });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lets ANALYST and ADMIN create embeds in their scope only', async () => {
    const viewer = await db.signIn('VIEWER', '510000');
    expect((await create(trend(), viewer)).errors?.[0].message).toMatch(/embeds .* is for ADMIN or ANALYST; you are VIEWER/);
    expect((await create(trend(), 'no-such-token')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const elsewhere = await db.signIn('ANALYST', '220000');
    expect((await create(trend(), elsewhere)).errors?.[0].message).toMatch(/outside your scope/);
    const admin = await db.signIn('ADMIN', '100000');
    expect((await create(trend(), admin)).errors).toBeUndefined();
    const anonymous = await db.query(`{ embeds { id } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses bad definitions: widget, origins, expiry, range', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [trend({ widget: 'graphql' }), /Unknown widget/],
      [trend({ origins: ['*'] }), /not an origin/],
      [trend({ origins: ['https://portal.example/path'] }), /not an origin/],
      [trend({ origins: ['javascript:alert(1)'] }), /not an origin/],
      [trend({ origins: [] }), /names the origins/],
      [trend({ expiresIn: null }), /expires/],
      [trend({ expiresIn: 10 }), /expires/],
      [trend({ kind: 'PUBLIC', expiresIn: 60 }), /does not expire/],
      [trend({ params: { indicator: 'nope', region: CITY, from: '2024-01', to: '2024-03' } }), /Unknown indicator/],
      [trend({ params: { indicator: 'jobs_posted', region: CITY, from: '2000-01', to: '2024-03' } }), /at most 10 years/],
    ];
    for (const [input, message] of cases) expect((await create(input)).errors?.[0].message, JSON.stringify(input)).toMatch(message);
  });

  it('answers a signed trend with approved values only, numbers computed from what was written', async () => {
    const embed = await created(trend());
    expect(embed.token).toBeTruthy();
    expect(embed.iframeUrl).toBe(`/embed/trend?token=${encodeURIComponent(embed.token!)}`);
    expect(embed.snippet).toContain(`<hexie-chart widget="trend" indicator="jobs_posted" region="${counties[1]}"`);
    const claims = decodeJwt(embed.token!);
    expect(claims).toMatchObject({ sub: embed.id, aud: 'hexie-embed', iss: 'hexie', widget: 'trend', origins: [PORTAL] });
    expect(claims.jti).toBeTruthy();
    expect(claims.exp! - claims.iat!).toBe(3600);

    const response = await withToken(embed.token!, `widget=trend&region=${counties[1]}&indicator=jobs_posted`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(PORTAL);
    const months = approved.get(counties[1])!;
    const body = response.json();
    expect(body.points.map((p: { period: string; value: number | null }) => [p.period, p.value])).toEqual([
      ['2024-01', months.get('2024-01')],
      ['2024-02', null], // only a submitted value: never shown
      ['2024-03', months.get('2024-03')],
    ]);
    expect(body.total).toBe(months.get('2024-01')! + months.get('2024-03')!);

    const csv = await withToken(embed.token!, 'format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toBe(
      `\uFEFFperiod,value,yoy\r\n2024-01,${months.get('2024-01')},\r\n2024-02,,\r\n2024-03,${months.get('2024-03')},\r\n`,
    );
  });

  it('answers a public ranking by its id; a ranking lists the children, approved only', async () => {
    const embed = await created({
      ...trend({ widget: 'ranking', kind: 'PUBLIC', expiresIn: null, origins: [] }),
      params: { indicator: 'jobs_posted', region: CITY, from: '2024-01', to: '2024-03' },
    });
    expect(embed.token).toBeNull();
    const response = await data(`embed=${embed.id}`, { origin: 'https://anyone.example' });
    expect(response.statusCode).toBe(200);
    const rows = response.json().rows as { code: string; value: number | null }[];
    expect(rows.map((r) => r.code)).toEqual(counties);
    for (const row of rows) {
      const months = approved.get(row.code);
      expect(row.value, row.code).toBe(months ? [...months.values()].reduce((a, b) => a + b, 0) : null);
    }
  });

  it('refuses every tampered, foreign, expired or revoked token with 403 and no data', async () => {
    const embed = await created(trend());
    const token = embed.token!;
    const [header, payload, signature] = token.split('.');
    const claims = decodeJwt(token);
    const reencode = (changes: Record<string, unknown>) =>
      `${header}.${Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url')}.${signature}`;

    await refused(await withToken(reencode({ params: { ...(claims.params as object), region: CITY } })), /signature does not match/);
    await refused(await withToken(reencode({ exp: claims.exp! + 86400 * 365 })), /signature does not match/);
    await refused(await withToken(`${header}.${payload}.${signature.slice(0, -4)}AAAA`), /signature does not match/);
    await refused(await withToken(new UnsecuredJWT(claims).encode()), /algorithm must be HS256/);
    const { kid, secret } = embedKeys().signing;
    const forge = (key: Uint8Array, alg = 'HS256', k = kid) => new SignJWT(claims).setProtectedHeader({ alg, kid: k }).sign(key);
    await refused(await withToken(await forge(generateKey().secret)), /signature does not match/);
    await refused(await withToken(await forge(generateKey().secret, 'HS256', 'other')), /key this hub does not know/);
    await refused(await withToken(await forge(secret, 'HS512')), /algorithm must be HS256/);
    // correctly signed, but for another audience, or a jti the hub never issued
    await refused(
      await withToken(
        await forge(secret).then(() => new SignJWT({ ...claims, aud: 'other' }).setProtectedHeader({ alg: 'HS256', kid }).sign(secret)),
      ),
      /"aud" claim/,
    );
    await refused(
      await withToken(await new SignJWT({ ...claims, jti: 'made-up' }).setProtectedHeader({ alg: 'HS256', kid }).sign(secret)),
      /no embed was issued/,
    );
    // expired: signed by the hub's key with a past expiry
    await refused(
      await withToken(
        await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }).setProtectedHeader({ alg: 'HS256', kid }).sign(secret),
      ),
      /expired/,
    );
    await rawQuery(db, `update embed set expires_at = now() - interval '1 second' where id = ?`, [embed.id]);
    await refused(await withToken(token), /expired/);
    await refused(await withToken('not a token'), /not a JWT/);
    // the id of a signed embed does not open it
    await refused(await data(`embed=${embed.id}`), /only with its token/);
    await refused(await data(`embed=nope`), /There is no embed/);
    await refused(await data(''), /no credential/);
  });

  it('refuses a changed locked parameter, another widget, and an origin not allowed', async () => {
    const { token } = await created(trend());
    await refused(await withToken(token!, `region=${CITY}`), /locked to region/);
    await refused(await withToken(token!, 'indicator=average_wage'), /locked to indicator/);
    await refused(await withToken(token!, 'from=2020-01'), /locked to from/);
    await refused(await withToken(token!, 'grain=YEAR'), /locked to grain/);
    await refused(await withToken(token!, 'widget=ranking'), /locked to widget/);
    const foreign = await withToken(token!, '', 'https://evil.example');
    await refused(foreign, /may not be shown on https:\/\/evil.example/);
    // CSV obeys the same binding
    await refused(await withToken(token!, `format=csv&region=${CITY}`), /locked to region/);
    await refused(await withToken(token!, 'format=csv', 'https://evil.example'), /may not be shown/);
  });

  it('stops a revoked embed at once, cached answer or not', async () => {
    const embed = await created(trend());
    expect((await withToken(embed.token!)).statusCode).toBe(200);
    const other = await db.signIn('ANALYST', '220000');
    expect(
      (await db.query(`mutation ($id: String!) { revokeEmbed(id: $id) { id } }`, { id: embed.id }, { token: other })).errors?.[0].message,
    ).toMatch(/outside your scope/);
    const revoked = await db.query(`mutation ($id: String!) { revokeEmbed(id: $id) { revokedAt } }`, { id: embed.id }, { token: analyst });
    expect(revoked.errors).toBeUndefined();
    await refused(await withToken(embed.token!), /revoked/);
    const listed = await db.query<{ embeds: { id: string; revokedAt: string | null; token: string | null }[] }>(
      `{ embeds { id revokedAt token } }`,
      {},
      { token: analyst },
    );
    const mine = listed.data!.embeds.find((e) => e.id === embed.id)!;
    expect(mine.revokedAt).toBeTruthy();
    expect(mine.token).toBe(embed.token); // re-signed deterministically, never stored
  });

  it('lists a new or revoked embed on the very next read, through the response cache', async () => {
    const list = async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
        payload: { query: '{ embeds { id revokedAt } }' },
      });
      return {
        cache: response.headers['x-hexie-cache'],
        embeds: response.json().data.embeds as { id: string; revokedAt: string | null }[],
      };
    };
    await list();
    expect((await list()).cache).toBe('hit');
    const embed = await created(trend());
    const afterCreate = await list();
    expect(afterCreate.cache).toBe('miss');
    expect(afterCreate.embeds[0]).toEqual({ id: embed.id, revokedAt: null });
    expect(
      (await db.query(`mutation ($id: String!) { revokeEmbed(id: $id) { id } }`, { id: embed.id }, { token: analyst })).errors,
    ).toBeUndefined();
    const afterRevoke = await list();
    expect(afterRevoke.cache).toBe('miss');
    expect(afterRevoke.embeds.find((e) => e.id === embed.id)?.revokedAt).toBeTruthy();
  });

  it('keeps one embed’s cached answer from another', async () => {
    const a = await created(trend());
    const b = await created(
      trend({ params: { indicator: 'jobs_posted', region: counties[0], from: '2024-01', to: '2024-03', grain: 'MONTH' } }),
    );
    const first = (await withToken(a.token!)).json();
    const second = (await withToken(b.token!)).json();
    expect(first.region.code).toBe(counties[1]);
    expect(second.region.code).toBe(counties[0]);
    expect(second.total).toBe([...approved.get(counties[0])!.values()].reduce((x, y) => x + y, 0));
  });

  it('serves the iframe page framed only by the allowed origins, and refuses others', async () => {
    const embed = await created(
      trend({ widget: 'map', params: { indicator: 'jobs_posted', region: CITY, from: '2024-01', to: '2024-03' } }),
    );
    const page = await app.inject({ url: `/embed/map?token=${encodeURIComponent(embed.token!)}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(`frame-ancestors ${PORTAL}`);
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(page.body).toContain('<hexie-chart widget="map"');
    const wrong = await app.inject({ url: `/embed/trend?token=${encodeURIComponent(embed.token!)}` });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toMatch(/locked to widget &quot;map&quot;/);
    const publicOne = await created({ ...trend({ kind: 'PUBLIC', expiresIn: null, origins: [] }) });
    expect((await app.inject({ url: `/embed/trend?embed=${publicOne.id}` })).headers['content-security-policy']).toMatch(
      'frame-ancestors *',
    );
    // the dashboard itself still refuses framing
    expect((await app.inject({ url: '/' })).headers['x-frame-options']).toBe('DENY');
  });

  it('never writes a token into the logs', async () => {
    const embed = await created(trend());
    await app.inject({ url: `/embed/trend?token=${encodeURIComponent(embed.token!)}` });
    await withToken(embed.token!);
    await app.inject({ url: `/embed/trend?token=${embed.token!.slice(0, -3)}xyz` });
    const text = logs.join('');
    expect(text).toContain('/embed/trend?token=[redacted]');
    expect(text).not.toContain(embed.token!.split('.')[2]);
    expect(text).not.toContain(embed.token!.split('.')[1]);
  });

  it('limits each client to EMBED_RATE requests a minute', async () => {
    const limited = await buildApp({ orm: db.orm });
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= EMBED_RATE.max; i++) statuses.push((await limited.inject({ url: '/api/embed/data?embed=nope' })).statusCode);
      expect(statuses.slice(0, EMBED_RATE.max).every((s) => s === 403)).toBe(true);
      expect(statuses[EMBED_RATE.max]).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('answers a CORS preflight for the token header', async () => {
    const response = await app.inject({
      method: 'OPTIONS',
      url: '/api/embed/data',
      headers: { origin: PORTAL, 'access-control-request-headers': EMBED_TOKEN_HEADER },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-headers']).toBe(EMBED_TOKEN_HEADER);
  });
});

describe('HEXIE_EMBED_KEYS', () => {
  it('takes kid=secret pairs of at least 32 bytes and names every problem', () => {
    const secret = Buffer.alloc(32, 7).toString('base64url');
    expect(parseEmbedKeys(`a=${secret},b=${secret}`).keys?.map((k) => k.kid)).toEqual(['a', 'b']);
    expect(parseEmbedKeys('a=short').problems[0]).toMatch(/at least 32 bytes/);
    expect(parseEmbedKeys(`a=${secret},a=${secret}`).problems[0]).toMatch(/listed twice/);
    expect(parseEmbedKeys('nokey').problems[0]).toMatch(/kid=secret/);
  });
});
