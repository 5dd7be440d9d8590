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
export function lockDataDir(dataDir: string, who: 'server' | 'cli'): () => void {
  const file = lockFile(dataDir);
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      // created exclusively: of two processes starting at once, one wins
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && alive(pid)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by another Hexie process (pid ${pid}); PGlite admits one process at a time. ` +
            `Stop that process first${who === 'cli' ? ', or create users through the running server (the createUser mutation or the 用户管理 page)' : ''}.`,
          { cause: error },
        );
      }
      rmSync(file, { force: true }); // left by a process that is gone
    }
  }
  return () => {
    if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
  };
}
