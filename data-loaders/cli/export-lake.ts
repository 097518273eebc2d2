// npm run lake -- [--warehouse FILE] [--out DIR]
// Writes the warehouse's staging layer as hive-partitioned Parquet (data/lake by default): the
// layout another engine can take over (docs/scaling.md).
import { resolve } from "node:path";
import { exportLake } from "../lake/lake.js";
import { projectRoot, Warehouse, warehousePath } from "../warehouse/connection.js";
import { cliOptions, runCli } from "./run-cli.js";

const values = cliOptions("Ghi lớp staging của kho ra Parquet chia thư mục (data/lake).\nnpm run lake -- [--warehouse TỆP] [--out THƯ_MỤC]", {
  warehouse: { type: "string" },
  out: { type: "string", default: resolve(projectRoot, "data/lake") },
});

await runCli(async () => {
  const db = await Warehouse.open(values.warehouse ?? warehousePath(), { readOnly: true });
  try {
    const started = Date.now();
    const tables = await exportLake(db, values.out!);
    for (const t of tables) console.error(`  ${t.name}: ${t.rows.toLocaleString("vi-VN")} dòng${t.partitionedBy.length ? `, chia theo ${t.partitionedBy.join(", ")}` : ""}`);
    console.error(`Đã ghi ${tables.length} bảng Parquet vào ${values.out} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  } finally {
    db.close();
  }
});
