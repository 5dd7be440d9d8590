import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '../../auth/viewer.js';
import type { Orm } from '../../db/orm.js';
import { regionTree } from '../region/region.tree.js';
import { User } from './user.entity.js';
import { UserService } from './user.service.js';

/** One account per role, so a newcomer can try the whole workflow on the demo data. */
export const DEMO_ACCOUNTS: { role: Role; email: string; name: string; region: string }[] = [
  { role: 'ADMIN', email: 'admin@hexie.example', name: '演示管理员', region: '100000' },
  { role: 'APPROVER', email: 'approver.chengdu@hexie.example', name: '成都市审核员', region: '510100' },
  { role: 'REPORTER', email: 'reporter.xindu@hexie.example', name: '新都区填报员', region: '510114' },
  { role: 'ANALYST', email: 'analyst.sichuan@hexie.example', name: '四川省分析员', region: '510000' },
  { role: 'VIEWER', email: 'viewer@hexie.example', name: '演示访客', region: '100000' },
];

export const DEMO_ACCOUNTS_FILE = 'demo-accounts.txt';

const services = async (orm: Orm) => {
  const em = orm.em.fork();
  return { em, users: new UserService(em as never, await regionTree(em as never)) };
};

/** Creates the first admin from HEXIE_ADMIN_EMAIL / HEXIE_ADMIN_PASSWORD when nobody can sign in yet. */
export async function ensureFirstAdmin(orm: Orm, email: string | undefined, password: string | undefined): Promise<string | null> {
  if (!email || !password) return null;
  const { em, users } = await services(orm);
  if (await em.count(User, { system: false })) return null;
  await users.create({ email, name: 'Administrator', password, role: 'ADMIN', region: '100000' }, null);
  return email.trim().toLowerCase();
}

/**
 * Creates the demo accounts (once, with the demo data) with random passwords, writes them to
 * `<dataDir>/demo-accounts.txt` (readable by the owner only) and returns the table to print.
 */
export async function createDemoAccounts(orm: Orm, dataDir: string): Promise<string> {
  const { users } = await services(orm);
  const lines = [
    '# Hexie demo accounts, created with the demo data. Deactivate them before real use.',
    `# Sign in at /login. This file: ${path.join(dataDir, DEMO_ACCOUNTS_FILE)}`,
    ['role', 'email', 'password', 'region'].join('\t'),
  ];
  for (const account of DEMO_ACCOUNTS) {
    const password = randomBytes(12).toString('base64url');
    await users.create({ ...account, password }, null);
    lines.push([account.role, account.email, password, account.region].join('\t'));
  }
  const text = lines.join('\n') + '\n';
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DEMO_ACCOUNTS_FILE);
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
  return text;
}
