import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to port 4000 and the embedded database with demo data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', databaseUrl: undefined, demo: true });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db/hexie',
      HEXIE_DATA_DIR: '/tmp/x',
      HEXIE_DEMO: '0',
    });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', databaseUrl: 'postgres://u@db/hexie', dataDir: '/tmp/x', demo: false });
  });

  it('names every bad setting and what is allowed', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', HEXIE_DEMO: 'maybe' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', HEXIE_DEMO: 'maybe' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT must be a whole number from 1 to 65535, got "70000"/);
      expect(message).toMatch(/DATABASE_URL must start with postgres:\/\//);
      expect(message).toMatch(/HEXIE_DEMO must be 1 .* or 0/);
    }
  });

  it('reads REDIS_URL (live events across replicas) and refuses another scheme', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.5:6379/0' }).redisUrl).toBe('redis://10.0.0.5:6379/0');
    expect(() => loadConfig({ REDIS_URL: 'http://10.0.0.5' })).toThrow(/REDIS_URL must start with redis:\/\/ or rediss:\/\//);
  });

  it('refuses private webhook addresses unless HEXIE_WEBHOOK_ALLOW_PRIVATE=1', () => {
    expect(loadConfig({}).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ HEXIE_WEBHOOK_ALLOW_PRIVATE: '1' }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ HEXIE_WEBHOOK_ALLOW_PRIVATE: 'false' }).webhookAllowPrivate).toBe(false);
    expect(() => loadConfig({ HEXIE_WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/HEXIE_WEBHOOK_ALLOW_PRIVATE must be 1 .* or 0, got "yes"/);
  });

  it('reads the proxies to trust and the first admin, and refuses what does not fit', () => {
    expect(loadConfig({ HEXIE_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ HEXIE_TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).trustProxy).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ HEXIE_TRUST_PROXY: 'everyone' })).toThrow(/HEXIE_TRUST_PROXY must be the reverse proxies' addresses/);
    expect(() => loadConfig({ HEXIE_ADMIN_EMAIL: 'a@b.cn' })).toThrow(/HEXIE_ADMIN_EMAIL and HEXIE_ADMIN_PASSWORD go together/);
    expect(() => loadConfig({ HEXIE_ADMIN_EMAIL: 'a@b.cn', HEXIE_ADMIN_PASSWORD: 'short' })).toThrow(/at least 10 characters/);
  });

  it('reads the read replicas, the read pin and Redis, and refuses what does not fit', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@primary/hexie',
      DATABASE_READ_URLS: 'postgres://u@standby1/hexie, postgresql://u@standby2/hexie',
      DATABASE_READ_PIN_SECONDS: '2.5',
      REDIS_URL: 'redis://cache:6379/0',
    });
    expect(config).toMatchObject({
      databaseReadUrls: ['postgres://u@standby1/hexie', 'postgresql://u@standby2/hexie'],
      readPinMs: 2500,
      redisUrl: 'redis://cache:6379/0',
    });
    expect(loadConfig({})).toMatchObject({ databaseReadUrls: [], readPinMs: 5000, redisUrl: undefined });
    expect(() => loadConfig({ DATABASE_READ_URLS: 'postgres://u@standby/hexie' })).toThrow(/DATABASE_READ_URLS needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://p/h', DATABASE_READ_URLS: 'standby:5432' })).toThrow(
      /DATABASE_READ_URLS must be comma-separated postgres:\/\/ or postgresql:\/\/ URLs, got "standby:5432"/,
    );
    expect(() => loadConfig({ DATABASE_READ_PIN_SECONDS: 'soon' })).toThrow(
      /DATABASE_READ_PIN_SECONDS must be a number of seconds from 0 to 3600/,
    );
    expect(() => loadConfig({ REDIS_URL: 'cache:6379' })).toThrow(/REDIS_URL must start with redis:\/\/ or rediss:\/\//);
  });
});
