// Real warehouses for tests: a fresh DuckDB file in a temp directory, loaded by the real ingest.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingestFolder, type IngestReport } from "../../data-loaders/ingest/ingest.js";
import { Warehouse } from "../../data-loaders/warehouse/connection.js";

export const fixtures = join(import.meta.dirname, "../fixtures");

export interface TempDir {
  path: string;
  remove(): void;
}

export function tempDir(prefix = "tdcs-"): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A copy of a fixture folder, so a test can add or change files. */
export function copyFixture(name: string, to: string): string {
  const dir = join(to, name);
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

export async function load(exportsDir: string, warehouse: string): Promise<IngestReport> {
  return ingestFolder({ exportsDir, warehouse });
}

export async function query<T = Record<string, unknown>>(warehouse: string, sql: string): Promise<T[]> {
  const db = await Warehouse.open(warehouse, { readOnly: true });
  try {
    return await db.all<T>(sql);
  } finally {
    db.close();
  }
}
