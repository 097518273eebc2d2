// A 200,000-row sheet, as the core system's Excel export of a province would be: streamed into the
// warehouse, every row loaded, sums equal to the hand-computed ones and to its totals row.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestReport } from "../../data-loaders/ingest/ingest.js";
import { load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

const ROWS = 200_000;
// Σ over i < 200,000 of 1,000,000 + (i mod 1000)·1,000 = 2·10¹¹ + 200·1,000·499,500;
// 2,000 rows (i mod 100 = 0) also owe 500,000 overdue.
const PERFORMING = 299_900_000_000;
const OVERDUE = 1_000_000_000;

let dir: TempDir;
let warehouse: string;
let report: IngestReport;

beforeAll(async () => {
  dir = tempDir();
  const exportsDir = join(dir.path, "exports");
  mkdirSync(exportsDir);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(exportsDir, "BC31_051_31012026.xlsx"), useSharedStrings: true, useStyles: true });
  const ws = book.addWorksheet("Báo cáo 31");
  ws.addRow(["NGÂN HÀNG CHÍNH SÁCH XÃ HỘI – SAO KÊ CHI TIẾT DƯ NỢ"]).commit();
  ws.addRow([]).commit();
  ws.addRow(["Ngày số liệu", "Mã CN", "Mã PGD", "Mã xã", "Mã tổ", "Mã ĐVUT", "Mã KH", "Tên KH", "Số khế ước", "Mã chương trình",
    "Dư nợ trong hạn", "Dư nợ quá hạn", "Dư nợ khoanh", "Tổng dư nợ"]).commit();
  const dataDate = new Date(Date.UTC(2026, 0, 31));
  for (let i = 0; i < ROWS; i++) {
    const performing = 1_000_000 + (i % 1000) * 1000;
    const overdue = i % 100 === 0 ? 500_000 : 0;
    const row = ws.addRow([dataDate, "051", "051101", "021000", `0100${String(i % 500).padStart(3, "0")}`, ["01", "02", "03", "04"][i % 4],
      `K${i}`, `Khách hàng ${i}`, `L${i}`, "01", performing, overdue, 0, performing + overdue]);
    row.getCell(1).numFmt = "dd/mm/yyyy";
    row.commit();
  }
  ws.addRow(["Tổng cộng", null, null, null, null, null, null, null, null, null, PERFORMING, OVERDUE, 0, PERFORMING + OVERDUE]).commit();
  ws.commit();
  await book.commit();
  warehouse = join(dir.path, "large.duckdb");
  report = await load(exportsDir, warehouse);
});
afterAll(() => dir.remove());

describe("a 200,000-row workbook", () => {
  it("loads every row, and its totals row matches", async () => {
    expect(report.files.map((f) => [f.name, f.status, f.rowsRead, f.rowsLoaded, f.rowsRejected])).toEqual([
      ["BC31_051_31012026.xlsx › Báo cáo 31", "loaded", ROWS, ROWS, 0],
    ]);
    const sums = await query(warehouse, `SELECT count(*)::INT AS n, count(DISTINCT group_code)::INT AS groups, sum(balance_performing)::DOUBLE AS performing,
      sum(balance_overdue)::DOUBLE AS overdue, min(data_date) AS first, max(data_date) AS last FROM raw_hstd`);
    expect(sums).toEqual([{ n: ROWS, groups: 500, performing: PERFORMING, overdue: OVERDUE, first: "2026-01-31", last: "2026-01-31" }]);
    expect(await query(warehouse, `SELECT totals_match, message FROM ingest_files`)).toEqual([
      { totals_match: true, message: `dòng tổng cộng (dòng ${ROWS + 4}) khớp với các dòng đã nạp` },
    ]);
  });
});
