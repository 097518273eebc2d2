// Runs one step of the benchmark as a child process and reports its wall time and its peak memory:
// the resident set of the child and every process under it (DuckDB, Framework, Chromium), sampled
// every 50 ms from /proc (Linux).
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface Measured {
  seconds: number;
  peakMiB: number;
  stdout: string;
}

function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses: the fields after its last ")" are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parent) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

function residentKiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export function measure(command: string, args: string[], env: Record<string, string> = {}): Promise<Measured> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  let peak = 0;
  const sample = setInterval(() => {
    peak = Math.max(peak, processTree(child.pid!).reduce((sum, pid) => sum + residentKiB(pid), 0));
  }, 50);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(sample);
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited with code ${code}`));
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMiB: peak / 1024, stdout });
    });
  });
}
