import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, vendors, type TestDatabase } from '../test/databases.js';
import { regionTree } from '../modules/region/region.tree.js';
import { UserService } from '../modules/user/user.service.js';
import { buildApp } from './app.js';
import { SIGN_IN_LIMITS } from './auth.js';

const PASSWORD = 'correct horse battery';
const LOGIN = `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt user { email role } } }`;

describe.each(vendors)('sign-in over HTTP on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const post = (body: object, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    app = await buildApp({ orm: db.orm });
    const em = db.orm.em.fork() as never;
    const users = new UserService(em, await regionTree(em));
    await users.create({ email: 'li@test.cn', name: '李华', password: PASSWORD, role: 'ANALYST', region: '510100' }, null);
    await users.create({ email: 'zhao@test.cn', name: '赵磊', password: PASSWORD, role: 'VIEWER', region: '510000' }, null);
    await users.create({ email: 'wang@test.cn', name: '王芳', password: PASSWORD, role: 'VIEWER', region: '510000' }, null);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('sets an HttpOnly SameSite cookie that signs the dashboard in, and a bearer token for scripts', async () => {
    const login = await post({ query: LOGIN, variables: { e: 'LI@test.cn ', p: PASSWORD } });
    expect(login.statusCode).toBe(200);
    const { token, user } = login.json().data.login;
    expect(user).toEqual({ email: 'li@test.cn', role: 'ANALYST' });
    const cookie = login.cookies.find((c) => c.name === 'hexie_session')!;
    expect(cookie).toMatchObject({ value: token, httpOnly: true, sameSite: 'Strict', path: '/' });

    const viaCookie = await post({ query: '{ me { email } }' }, { cookie: `hexie_session=${cookie.value}` });
    expect(viaCookie.json().data.me).toEqual({ email: 'li@test.cn' });
    const viaBearer = await post({ query: '{ me { email } }' }, { authorization: `Bearer ${token}` });
    expect(viaBearer.json().data.me).toEqual({ email: 'li@test.cn' });

    // a stale cookie reads as anonymous; a bad bearer token is refused
    expect((await post({ query: '{ me { email } }' }, { cookie: 'hexie_session=stale' })).json().data.me).toBeNull();
    const bad = await post({ query: '{ me { email } }' }, { authorization: 'Bearer nope' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post({ query: '{ me { email } }' }, { authorization: 'Basic abc' })).statusCode).toBe(401);

    const logout = await post({ query: 'mutation { logout }' }, { cookie: `hexie_session=${cookie.value}` });
    expect(logout.cookies.find((c) => c.name === 'hexie_session')?.value).toBe('');
    expect((await post({ query: '{ me { email } }' }, { authorization: `Bearer ${token}` })).statusCode).toBe(401);
  });

  it('never answers one caller from what was cached for another', async () => {
    const token = (await post({ query: LOGIN, variables: { e: 'wang@test.cn', p: PASSWORD } })).json().data.login.token;
    const query = { query: '{ me { email } categories { code } }' };
    expect((await post(query, { authorization: `Bearer ${token}` })).json().data.me).toEqual({ email: 'wang@test.cn' });
    const again = await post(query, { authorization: `Bearer ${token}` });
    expect(again.headers['x-hexie-cache']).toBe('hit');
    const anonymous = await post(query);
    expect(anonymous.headers['x-hexie-cache']).toBe('miss');
    expect(anonymous.json().data.me).toBeNull();
  });

  it('limits failed sign-ins per email and per IP (successes do not count), with one answer for wrong passwords and unknown emails', async () => {
    const attempt = (email: string, ip: string) =>
      app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json' },
        remoteAddress: ip,
        payload: JSON.stringify({ query: LOGIN, variables: { e: email, p: 'wrong password!' } }),
      });
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      const wrong = await attempt('zhao@test.cn', `10.0.0.${i}`);
      expect(wrong.json().errors[0]).toMatchObject({ message: 'Wrong email or password.', extensions: { code: 'UNAUTHENTICATED' } });
    }
    const limited = await attempt('zhao@test.cn', '10.0.1.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().errors[0]).toMatchObject({
      extensions: { code: 'TOO_MANY_REQUESTS' },
      message: expect.stringMatching(/try again in \d+ minute/),
    });
    // per IP too, whatever the emails
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) await attempt(`nobody${i}@test.cn`, '10.0.2.1');
    expect((await attempt('someone@test.cn', '10.0.2.1')).statusCode).toBe(429);
    // many successful sign-ins from one address are no attack
    for (let i = 0; i < SIGN_IN_LIMITS.perIp + 5; i++) {
      const ok = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json' },
        remoteAddress: '10.0.3.1',
        payload: JSON.stringify({ query: LOGIN, variables: { e: 'li@test.cn', p: PASSWORD } }),
      });
      expect(ok.statusCode).toBe(200);
    }
  });

  it('behind a trusted proxy, marks the cookie Secure when the client came over https', async () => {
    const proxied = await buildApp({ orm: db.orm, trustProxy: ['127.0.0.1'] });
    try {
      const login = await proxied.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
        payload: JSON.stringify({ query: LOGIN, variables: { e: 'li@test.cn', p: PASSWORD } }),
      });
      expect(login.cookies.find((c) => c.name === 'hexie_session')).toMatchObject({ secure: true, httpOnly: true });
    } finally {
      await proxied.close();
    }
  });
});
