// Framework re-runs a data loader only when the loader file is newer than its cached output, so a
// new warehouse would otherwise be published stale. Instead, whenever the warehouse's data or models
// or the publishing code changed, every publication is written into the cache by one process
// (publishAll), and the routes of the parameterized pages are recorded for observablehq.config.ts.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { publishAll } from "../../data-loaders/publish/publish.js";
import { modelsFingerprint, readModels } from "../../data-loaders/models/runner.js";
import { projectRoot, UserError, Warehouse } from "../../data-loaders/warehouse/connection.js";
import { readSettings } from "../../data-loaders/warehouse/schema.js";
import { frameworkCache } from "./offline.js";

const publishDir = join(projectRoot, "data-loaders/publish");
/** The parameterized pages' routes (/hoi/02, /pgd/005101, /xa/021000 …), read by the config. */
export const routesFile = join(frameworkCache, "routes.json");

export async function warehouseFingerprint(warehouse: string): Promise<string> {
  const db = await Warehouse.open(warehouse, { readOnly: true });
  try {
    const meta = await db.all<{ key: string; value: string }>(`SELECT key, value FROM meta ORDER BY key`);
    const h = createHash("sha256").update(warehouse);
    for (const m of meta) h.update(`${m.key}=${m.value}`);
    for (const f of readdirSync(publishDir).sort()) h.update(readFileSync(join(publishDir, f)));
    return h.digest("hex");
  } finally {
    db.close();
  }
}

export interface CacheRefresh {
  /** Files rewritten because their content changed; null when the warehouse had not changed. */
  written: number | null;
  unchanged: number;
}

/**
 * The site is built from marts the current models made: a warehouse modelled by older SQL (or
 * loaded with --no-models) would publish figures and columns the pages no longer expect.
 */
async function checkModelsCurrent(warehouse: string): Promise<void> {
  const db = await Warehouse.open(warehouse, { readOnly: true });
  try {
    const stored = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'models_fingerprint'`);
    if (stored[0]?.value !== modelsFingerprint(readModels(), readSettings())) {
      throw new UserError(
        `Các mô hình SQL của kho dữ liệu ${warehouse} chưa được dựng lại theo mã hiện tại: chạy lại lệnh nạp ` +
          "(npm run warehouse -- --exports <thư mục tệp xuất>; tệp đã nạp được bỏ qua, chỉ các mô hình được dựng lại) rồi dựng trang.",
      );
    }
  } finally {
    db.close();
  }
}

export async function refreshLoaderCache(warehouse: string): Promise<CacheRefresh> {
  await checkModelsCurrent(warehouse);
  const marker = join(frameworkCache, "warehouse.fingerprint");
  const current = await warehouseFingerprint(warehouse);
  if (existsSync(marker) && existsSync(routesFile) && readFileSync(marker, "utf8") === current) return { written: null, unchanged: 0 };
  const result = await publishAll(warehouse, frameworkCache);
  writeFileSync(routesFile, `${JSON.stringify(result.routes)}\n`);
  writeFileSync(marker, current);
  return { written: result.written, unchanged: result.unchanged };
}
