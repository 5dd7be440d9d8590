import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** PGlite admits one process per data folder: whoever opens it holds this file while it runs. */
export const lockFile = (dataDir: string) => path.join(dataDir, 'hexie.pid');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the data folder for this process, or explains who holds it. Returns the release function. */
export function lockDataDir(dataDir: string, who: string): () => void {
  const file = lockFile(dataDir);
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && alive(pid)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by another Hexie process (pid ${pid}); PGlite admits one process at a time. ` +
          `Stop that process first${who === 'cli' ? ', or create users through the running server (the createUser mutation or the 用户管理 page)' : ''}.`,
      );
    }
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, String(process.pid));
  return () => {
    if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
  };
}
