import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { passwordProblem } from './auth/password.js';
import { parseEmbedKeys, type EmbedKey } from './modules/embed/embed.keys.js';

/** The repository root, found from this file's place in packages/server/{src,dist}. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; undefined → embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PostgreSQL streaming replicas that serve GraphQL queries (DATABASE_READ_URLS); empty → the primary serves all. */
  databaseReadUrls: string[];
  /** After a mutation, that user's reads go to the primary for this long, so they see their own write (replicas lag). */
  readPinMs: number;
  /** Redis shared by the server replicas (live events, response cache, read pins); undefined → in-process. */
  redisUrl?: string;
  dataDir: string;
  demo: boolean;
  webDist: string;
  /** The first admin, created when no user exists yet. */
  adminEmail?: string;
  adminPassword?: string;
  /** Behind a reverse proxy: its addresses (or true: any), whose X-Forwarded-For/-Proto give the client's IP and https. */
  trustProxy: boolean | string[];
  /** Keys that sign embed tokens (HEXIE_EMBED_KEYS); undefined → generated into the data folder. */
  embedKeys?: EmbedKey[];
  /** Alert webhooks may go to loopback and private addresses (HEXIE_WEBHOOK_ALLOW_PRIVATE=1). */
  webhookAllowPrivate: boolean;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError with every problem found. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const portText = env.PORT ?? '4000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    problems.push(`PORT must be a whole number from 1 to 65535, got "${portText}"`);
  }

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`);
  }

  const readUrls = (env.DATABASE_READ_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const url of readUrls.filter((u) => !/^postgres(ql)?:\/\//.test(u))) {
    problems.push(`DATABASE_READ_URLS must be comma-separated postgres:// or postgresql:// URLs, got "${url}"`);
  }
  if (readUrls.length && !databaseUrl) {
    problems.push('DATABASE_READ_URLS needs DATABASE_URL: read replicas follow a PostgreSQL primary (the embedded database has none)');
  }

  const pinText = env.DATABASE_READ_PIN_SECONDS?.trim() || '5';
  const pinSeconds = Number(pinText);
  if (!/^\d+(\.\d+)?$/.test(pinText) || pinSeconds > 3600) {
    problems.push(`DATABASE_READ_PIN_SECONDS must be a number of seconds from 0 to 3600, got "${env.DATABASE_READ_PIN_SECONDS}"`);
  }

  const demoText = (env.HEXIE_DEMO ?? '1').trim().toLowerCase();
  if (!['0', '1', 'true', 'false'].includes(demoText)) {
    problems.push(`HEXIE_DEMO must be 1 (load demo data into an empty database) or 0 (start empty), got "${env.HEXIE_DEMO}"`);
  }

  const adminEmail = env.HEXIE_ADMIN_EMAIL?.trim() || undefined;
  const adminPassword = env.HEXIE_ADMIN_PASSWORD || undefined;
  if (!!adminEmail !== !!adminPassword)
    problems.push('HEXIE_ADMIN_EMAIL and HEXIE_ADMIN_PASSWORD go together: set both (the first admin) or neither');
  const passwordTrouble = adminPassword && passwordProblem(adminPassword);
  if (passwordTrouble) problems.push(`HEXIE_ADMIN_PASSWORD: ${passwordTrouble}`);

  const proxyText = env.HEXIE_TRUST_PROXY?.trim() ?? '';
  let trustProxy: boolean | string[] = false;
  if (proxyText === 'true') trustProxy = true;
  else if (proxyText && /^[0-9a-fA-F.:/,\s]+$/.test(proxyText))
    trustProxy = proxyText
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
  else if (proxyText) {
    problems.push(
      `HEXIE_TRUST_PROXY must be the reverse proxies' addresses (e.g. 10.0.0.1,10.0.0.0/24) or true (any: only when nothing else can reach the port), got "${proxyText}"`,
    );
  }

  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    problems.push(`REDIS_URL must start with redis:// or rediss:// (redis://127.0.0.1:6379), got "${redisUrl}"`);
  }

  let embedKeys: EmbedKey[] | undefined;
  if (env.HEXIE_EMBED_KEYS?.trim()) {
    const parsed = parseEmbedKeys(env.HEXIE_EMBED_KEYS.trim());
    problems.push(...parsed.problems);
    embedKeys = parsed.keys;
  }

  const privateText = (env.HEXIE_WEBHOOK_ALLOW_PRIVATE ?? '0').trim().toLowerCase();
  if (!['0', '1', 'true', 'false'].includes(privateText)) {
    problems.push(
      `HEXIE_WEBHOOK_ALLOW_PRIVATE must be 1 (alert webhooks may go to loopback and private addresses) or 0, got "${env.HEXIE_WEBHOOK_ALLOW_PRIVATE}"`,
    );
  }

  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    databaseReadUrls: readUrls,
    readPinMs: pinSeconds * 1000,
    redisUrl,
    dataDir: path.resolve(repoRoot, env.HEXIE_DATA_DIR?.trim() || '.data'),
    demo: demoText === '1' || demoText === 'true',
    webDist: path.resolve(repoRoot, 'packages/web/dist'),
    adminEmail,
    adminPassword,
    trustProxy,
    embedKeys,
    webhookAllowPrivate: privateText === '1' || privateText === 'true',
  };
}
