import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from './auth/viewer.js';
import { ConfigError, loadConfig } from './config.js';
import { lockDataDir } from './db/lock.js';
import { openDatabase } from './db/orm.js';
import { loadReferenceData } from './db/reference.js';
import { regionTree } from './modules/region/region.tree.js';
import { UserService } from './modules/user/user.service.js';

const USAGE = `Usage: pnpm hexie users:add --email EMAIL --role ROLE --region CODE [--name NAME]  (the password is read from standard input)
  ROLE: ${ROLES.join(', ')}; CODE: the six-digit region whose subtree the user works in (100000 = the nation).
  Example: echo 'a long password' | pnpm hexie users:add --email li@example.org --role REPORTER --region 510114 --name 李华
With the embedded database (no DATABASE_URL), stop the server first: PGlite admits one process.`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter, Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main() {
  const [command, ...rest] = process.argv.slice(2).filter((a) => a !== '--');
  if (command !== 'users:add') throw new ConfigError(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, role: { type: 'string' }, region: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.email || !values.role || !values.region) throw new ConfigError(`--email, --role and --region are required.\n${USAGE}`);
  const role = values.role.toUpperCase() as Role;
  if (!ROLES.includes(role)) throw new ConfigError(`Unknown role "${values.role}": use one of ${ROLES.join(', ')}.`);
  const password = await readStdin();

  const config = loadConfig();
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir, 'cli');
  const orm = await openDatabase(config);
  try {
    const em = orm.em.fork();
    await loadReferenceData(em as never);
    const users = new UserService(em as never, await regionTree(em as never));
    const user = await users.create(
      { email: values.email, name: values.name ?? values.email.split('@')[0], password, role, region: values.region },
      null,
    );
    console.log(`Created ${user.role} ${user.email} for ${values.region}.`);
  } finally {
    await orm.close();
    unlock();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError || (error as { extensions?: unknown }).extensions ? (error as Error).message : error);
  process.exit(1);
});
