// Builds the static site from the warehouse: fonts embedded, Framework kept off the network,
// loader cache refreshed when the warehouse changed, then `observable build` into dist/.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot, UserError } from "../../data-loaders/warehouse/connection.js";
import { withBuildLock } from "./build-lock.js";
import { writeFontsCss } from "./fonts.js";
import { refreshLoaderCache } from "./loader-cache.js";
import { frameworkCache, seedNpmVersionCache } from "./offline.js";

export interface SiteBuild {
  seconds: number;
  /** Data files rewritten for the pages; null when the warehouse had not changed since the last build. */
  filesWritten: number | null;
  /** Of which writing the pages' data files took. */
  publishSeconds: number;
}

export interface SiteOptions {
  /** Where the site is written (default dist/). */
  outDir?: string;
  log?: (message: string) => void;
}

export async function buildSite(warehouse: string, options: SiteOptions = {}): Promise<SiteBuild> {
  mkdirSync(frameworkCache, { recursive: true });
  return withBuildLock(frameworkCache, () => build(warehouse, options));
}

async function build(warehouse: string, { outDir, log = console.error }: SiteOptions): Promise<SiteBuild> {
  const started = Date.now();
  writeFontsCss();
  seedNpmVersionCache();
  const cache = await refreshLoaderCache(warehouse);
  const publishSeconds = (Date.now() - started) / 1000;
  log(
    cache.written === null
      ? "Kho dữ liệu không đổi: dùng lại các tệp số liệu của trang."
      : `Xuất số liệu cho trang: ${cache.written} tệp mới hoặc thay đổi, ${cache.unchanged} tệp giữ nguyên.`,
  );
  const guard = pathToFileURL(join(projectRoot, "scripts/site/offline-guard.mjs")).href;
  let output = "";
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(join(projectRoot, "node_modules/.bin/observable"), ["build"], {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        WAREHOUSE_PATH: warehouse,
        ...(outDir ? { SITE_OUTPUT_DIR: outDir } : {}),
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${guard}`.trim(),
        OBSERVABLE_TELEMETRY_DISABLE: "true",
      },
    });
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (c) => {
      if (c !== 0) log(output.split("\n").slice(-40).join("\n"));
      resolve(c ?? 1);
    });
  });
  if (code !== 0) throw new UserError(`Dựng trang (observable build) thất bại, mã thoát ${code}.`);
  // Framework logs a failed loader and builds on without its file: a page would then break in the browser.
  const failed = output.split("\n").filter((l) => /\bload\b.*\berror\b/.test(stripAnsi(l)));
  if (failed.length) throw new UserError(`Dựng trang thất bại: ${failed.length} data loader lỗi:\n${failed.map(stripAnsi).join("\n")}`);
  return { seconds: (Date.now() - started) / 1000, filesWritten: cache.written, publishSeconds };
}

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");
