// The warehouse's staging layer as a Parquet lake: one folder per staging model, hive-partitioned
// by data date and branch where the rows carry them (stg_hstd__loans/data_date=2026-10-31/
// branch_code=051/data_0.parquet). Staging rows are typed, renamed and hold no personal column, so
// the lake can leave the machine that ingests. DuckDB reads it today; Spark, Trino or any engine
// that reads hive-partitioned Parquet can read it tomorrow, and the models from the intermediate
// layer on run unchanged on top of it (attachLake).
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { readModels } from "../models/runner.js";
import type { Warehouse } from "../warehouse/connection.js";

const PARTITIONS = ["data_date", "branch_code"];
const quote = (path: string) => `'${path.replace(/'/g, "''")}'`;

export interface LakeTable {
  name: string;
  rows: number;
  partitionedBy: string[];
}

/** Writes every staging model of the warehouse into outDir, replacing what was there. */
export async function exportLake(db: Warehouse, outDir: string): Promise<LakeTable[]> {
  mkdirSync(outDir, { recursive: true });
  const out: LakeTable[] = [];
  for (const m of readModels().filter((m) => m.layer === "staging")) {
    const columns = (await db.all<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${m.name}'`)).map((c) => c.name);
    const partitionedBy = PARTITIONS.filter((p) => columns.includes(p));
    const target = join(outDir, m.name);
    // Either form may be left from the last export (a table empty then was written as one file).
    rmSync(target, { recursive: true, force: true });
    rmSync(`${target}.parquet`, { force: true });
    const rows = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${m.name}`)).n;
    const partition = partitionedBy.length ? `, PARTITION_BY (${partitionedBy.join(", ")})` : "";
    // A table with no rows still gets its file, so its columns are known to whoever reads the lake.
    await db.run(`COPY ${m.name} TO ${quote(partitionedBy.length && rows ? target : `${target}.parquet`)} (FORMAT parquet, COMPRESSION zstd${rows ? partition : ""})`);
    out.push({ name: m.name, rows, partitionedBy });
  }
  return out;
}

/** The partition columns of a table's folder, from its first path of key=value folders. */
function partitionKeys(dir: string): string[] {
  const keys: string[] = [];
  for (let d = dir; ; ) {
    const sub = readdirSync(d, { withFileTypes: true }).find((e) => e.isDirectory() && e.name.includes("="));
    if (!sub) return keys;
    keys.push(sub.name.split("=")[0]!);
    d = join(d, sub.name);
  }
}

/**
 * Views named like the staging models over a lake's files, so the rest of the models can run.
 * Partition values are read as text (a branch code keeps its leading zero) and dates cast back.
 */
export async function attachLake(db: Warehouse, lakeDir: string): Promise<void> {
  for (const entry of readdirSync(lakeDir, { withFileTypes: true })) {
    const name = entry.name.replace(/\.parquet$/, "");
    if (!entry.isDirectory()) {
      await db.run(`CREATE OR REPLACE VIEW ${name} AS SELECT * FROM read_parquet(${quote(join(lakeDir, entry.name))})`);
      continue;
    }
    const files = quote(join(lakeDir, entry.name, "**", "*.parquet"));
    const dated = partitionKeys(join(lakeDir, entry.name)).includes("data_date");
    await db.run(`CREATE OR REPLACE VIEW ${name} AS SELECT *${dated ? " REPLACE (data_date::DATE AS data_date)" : ""}
      FROM read_parquet(${files}, hive_partitioning = true, hive_types_autocast = false)`);
  }
}
