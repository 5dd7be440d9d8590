import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { bootstrapDatabase } from './db/bootstrap.js';
import { lockDataDir } from './db/lock.js';
import { buildApp } from './http/app.js';
import { loadEmbedKeys, useEmbedKeys } from './modules/embed/embed.keys.js';
import { webhookSettings } from './modules/alert/alert.webhook.js';

const hidePassword = (url: string) => url.replace(/\/\/[^@]*@/, '//');

/** A progress line that rewrites itself on a terminal and prints plainly elsewhere. */
function progress(line: string, final = false) {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
  else console.log(line);
}

async function main() {
  const started = Date.now();
  const config = loadConfig();
  console.log(
    `Hexie: ${config.databaseUrl ? `PostgreSQL at ${hidePassword(config.databaseUrl)}` : `embedded PGlite in ${config.dataDir}`}` +
      (config.databaseReadUrls.length ? `, reads from ${config.databaseReadUrls.map(hidePassword).join(', ')}` : '') +
      (config.redisUrl ? `, shared state in Redis at ${hidePassword(config.redisUrl)}` : ''),
  );
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir, 'server');
  const orm = await bootstrapDatabase(config, progress);
  useEmbedKeys(loadEmbedKeys(config.embedKeys, config.dataDir));
  webhookSettings.allowPrivate = config.webhookAllowPrivate;
  const app = await buildApp({
    orm,
    webDist: config.webDist,
    logger: { level: process.env.LOG_LEVEL?.trim() || 'warn' },
    trustProxy: config.trustProxy,
    redisUrl: config.redisUrl,
    readPinMs: config.readPinMs,
  });
  await app.listen({ port: config.port, host: config.host });
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`Hexie is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://${host}:${config.port}/ (GraphQL at /graphql)`);

  const stop = async () => {
    await app.close();
    await orm.close();
    unlock();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Hexie could not start:', error);
  process.exit(1);
});
