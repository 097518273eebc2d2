// The units target files write (sql/macros/units.sql), spelled as people type them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { moneyUnitOf } from "../../data-loaders/contract/units.js";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";

async function units(spellings: (string | null)[]): Promise<{ u: string | null; kind: string | null; factor: number | null }[]> {
  const db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(readFileSync(join(projectRoot, "sql/macros/units.sql"), "utf8"));
  const values = spellings.map((s) => (s === null ? "(NULL::VARCHAR)" : `('${s}')`)).join(", ");
  const out = await db.runAndReadAll(`SELECT u, unit_kind(u) AS kind, money_unit_factor(u)::INTEGER AS factor FROM (VALUES ${values}) v(u)`);
  return out.getRowObjectsJS() as { u: string | null; kind: string | null; factor: number | null }[];
}

describe("units of targets", () => {
  it("tell money (with its factor to đồng), percent and counts apart, however written", async () => {
    expect(await units(["đồng", "Nghìn đồng", "1.000 đ", "triệu đồng", "Tr.đ", "Tỷ đồng", "%", "Tỷ lệ", "Tổ", "hộ", "Khế ước", "Tổ viên", "lít", "  ", null])).toEqual([
      { u: "đồng", kind: "money", factor: 1 },
      { u: "Nghìn đồng", kind: "money", factor: 1000 },
      { u: "1.000 đ", kind: "money", factor: 1000 },
      { u: "triệu đồng", kind: "money", factor: 1_000_000 },
      { u: "Tr.đ", kind: "money", factor: 1_000_000 },
      { u: "Tỷ đồng", kind: "money", factor: 1_000_000_000 },
      { u: "%", kind: "percent", factor: null },
      { u: "Tỷ lệ", kind: "percent", factor: null },
      { u: "Tổ", kind: "count", factor: null },
      { u: "hộ", kind: "count", factor: null },
      { u: "Khế ước", kind: "count", factor: null },
      { u: "Tổ viên", kind: "count", factor: null },
      { u: "lít", kind: "unknown", factor: null },
      { u: "  ", kind: null, factor: null },
      { u: null, kind: null, factor: null },
    ]);
  });

  it("are read as the listings' title rows read them («Đơn vị tính: 1.000.000 đồng»)", async () => {
    const spellings = ["đồng", "VNĐ", "1.000 đồng", "nghìn đ", "Ngàn đồng", "triệu", "Trđ", "1.000.000 đồng", "1.000.000 đ", "tỷ", "1.000.000.000 đồng"];
    const got = await units(spellings);
    expect(got.map((r) => [r.u, r.factor])).toEqual(spellings.map((s) => [s, moneyUnitOf(s)?.factor ?? null]));
    expect(got.every((r) => r.factor !== null)).toBe(true);
  });
});
