// The Parquet lake is a layout another engine can take over: the staging layer written as
// hive-partitioned Parquet, read back by a separate DuckDB that has nothing else, gives every mart
// exactly as the warehouse has it.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachLake, exportLake, type LakeTable } from "../../data-loaders/lake/lake.js";
import { readModels, runModels } from "../../data-loaders/models/runner.js";
import { Warehouse } from "../../data-loaders/warehouse/connection.js";
import { loadReferenceData, readSettings } from "../../data-loaders/warehouse/schema.js";
import { copyFixture, load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
let warehouse: string;
let lakeDir: string;
let lakeDb: string;
let tables: LakeTable[];
const marts = readModels().filter((m) => m.layer === "marts" && !m.name.startsWith("rpt_"));

beforeAll(async () => {
  dir = tempDir();
  warehouse = join(dir.path, "wh.duckdb");
  await load(copyFixture("province-small", dir.path), warehouse);
  lakeDir = join(dir.path, "lake");
  const db = await Warehouse.open(warehouse, { readOnly: true });
  tables = await exportLake(db, lakeDir);
  db.close();

  // Another engine: a DuckDB with only the lake, the reference lists and the models.
  lakeDb = join(dir.path, "from-lake.duckdb");
  const other = await Warehouse.open(lakeDb);
  await loadReferenceData(other, readSettings());
  await attachLake(other, lakeDir);
  await runModels(other, readModels().filter((m) => m.layer !== "staging" && !m.name.startsWith("rpt_")));
  other.close();
});
afterAll(() => dir.remove());

/** A table's rows as sorted JSON (column order may differ: hive partition columns come last). */
async function rowsOf(path: string, table: string): Promise<string[]> {
  const rows = await query<Record<string, unknown>>(path, `SELECT * FROM ${table}`);
  return rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))))).sort();
}

describe("the Parquet lake", () => {
  it("partitions the loan listing by data date and branch, and holds no personal column", async () => {
    const loans = tables.find((t) => t.name === "stg_hstd__loans")!;
    expect(loans.partitionedBy).toEqual(["data_date", "branch_code"]);
    expect(loans.rows).toBe(8 + 9 + 6); // the fixture's three listings
    expect(readdirSync(join(lakeDir, "stg_hstd__loans")).sort()).toEqual(["data_date=2025-12-31", "data_date=2026-01-31", "data_date=2026-02-28"]);
    expect(existsSync(join(lakeDir, "stg_hstd__loans", "data_date=2026-02-28", "branch_code=051"))).toBe(true);
    const columns = await query<{ name: string }>(
      warehouse,
      `SELECT name FROM parquet_schema('${join(lakeDir, "stg_hstd__loans", "**", "*.parquet")}')`,
    );
    for (const personal of ["customer_name", "national_id", "birth_date", "address", "phone", "group_leader_name"]) {
      expect(columns.map((c) => c.name)).not.toContain(personal);
    }
  });

  it("gives every mart, modelled from the lake alone, exactly as the warehouse has it", async () => {
    expect(marts.length).toBeGreaterThan(20);
    for (const m of marts) expect(await rowsOf(lakeDb, m.name), m.name).toEqual(await rowsOf(warehouse, m.name));
  });
});
