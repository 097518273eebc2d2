// Framework re-runs a data loader only when the loader file is newer than its cached output, so a
// new warehouse would otherwise be published stale. The cache is kept while the warehouse's data
// and models and the publishing code are unchanged, and cleared when any of them changes.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot, Warehouse } from "../../data-loaders/warehouse/connection.js";
import { frameworkCache } from "./offline.js";

const publishDir = join(projectRoot, "data-loaders/publish");

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

/** Returns true when the cached loader outputs were dropped. */
export async function refreshLoaderCache(warehouse: string): Promise<boolean> {
  const marker = join(frameworkCache, "warehouse.fingerprint");
  const current = await warehouseFingerprint(warehouse);
  if (existsSync(marker) && readFileSync(marker, "utf8") === current) return false;
  rmSync(join(frameworkCache, "data"), { recursive: true, force: true });
  writeFileSync(marker, current);
  return true;
}
