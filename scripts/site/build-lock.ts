// One site build at a time: every build writes Framework's cache (src/.observablehq/cache), so two
// at once (two terminals, or two test files) would publish each other's data. A lock folder holds
// the builder's PID; a lock left by a process that no longer runs is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { UserError } from "../../data-loaders/warehouse/connection.js";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The PID in the lock; 0 while it is being written or once it is gone. */
function ownerOf(lock: string): number {
  try {
    return Number(readFileSync(join(lock, "pid"), "utf8")) || 0;
  } catch {
    return 0;
  }
}

export async function withBuildLock<T>(cacheDir: string, work: () => Promise<T>, waitMs = 15 * 60_000): Promise<T> {
  const lock = join(cacheDir, "..", "build.lock");
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch {
      const owner = ownerOf(lock);
      if (owner && !alive(owner)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() - started > waitMs) throw new UserError(`Một lần dựng trang khác đang chạy (PID ${owner}); hãy chờ nó xong rồi chạy lại.`);
      else await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
