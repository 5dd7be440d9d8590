import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir, lockFile } from './lock.js';

describe('the embedded database admits one process', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hexie-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first lives, and names it', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(lockFile(dir), String(other.pid));
      expect(() => lockDataDir(dir, 'cli')).toThrow(
        new RegExp(`in use by another Hexie process \\(pid ${other.pid}\\).*createUser mutation`),
      );
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that is gone, and releases it', async () => {
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.on('exit', resolve));
    writeFileSync(lockFile(dir), String(gone.pid));
    const release = lockDataDir(dir, 'server');
    expect(() => lockDataDir(dir, 'cli')).not.toThrow(); // the same process may reopen it
    release();
    expect(() => lockDataDir(dir, 'server')()).not.toThrow();
  });
});
