// Builds the static site from the warehouse: fonts embedded, Framework kept off the network,
// loader cache refreshed when the warehouse changed, then `observable build` into dist/.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot, UserError } from "../../data-loaders/warehouse/connection.js";
import { writeFontsCss } from "./fonts.js";
import { refreshLoaderCache } from "./loader-cache.js";
import { frameworkCache, seedNpmVersionCache } from "./offline.js";

export interface SiteBuild {
  seconds: number;
  loadersRefreshed: boolean;
}

export interface SiteOptions {
  /** Where the site is written (default dist/). */
  outDir?: string;
  log?: (message: string) => void;
}

export async function buildSite(warehouse: string, { outDir, log = console.error }: SiteOptions = {}): Promise<SiteBuild> {
  const started = Date.now();
  writeFontsCss();
  mkdirSync(frameworkCache, { recursive: true });
  seedNpmVersionCache();
  const loadersRefreshed = await refreshLoaderCache(warehouse);
  log(loadersRefreshed ? "Kho dữ liệu đã thay đổi: chạy lại các data loader." : "Kho dữ liệu không đổi: dùng lại kết quả data loader.");
  const guard = pathToFileURL(join(projectRoot, "scripts/site/offline-guard.mjs")).href;
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
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (c) => {
      if (c !== 0) log(output.split("\n").slice(-40).join("\n"));
      resolve(c ?? 1);
    });
  });
  if (code !== 0) throw new UserError(`Dựng trang (observable build) thất bại, mã thoát ${code}.`);
  return { seconds: (Date.now() - started) / 1000, loadersRefreshed };
}
