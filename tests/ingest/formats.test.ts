// The same three loans (and two scored groups) in every form users drop in: UTF-8 with BOM and
// semicolons and Vietnamese number formats, UTF-16 (LE with BOM and tabs, BE without), Windows-1258,
// TCVN3, VISCII, decomposed Unicode, lines ended by CR alone (Excel for Mac's «CSV (Macintosh)»), and Excel workbooks with title rows, merged cells, the header
// on row 10, codes stored as numbers, dates as date cells or as serial numbers, a totals row, a
// notes sheet and an empty one. Each file must give exactly the hand-written rows below.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestReport } from "../../data-loaders/ingest/ingest.js";
import { fixtures, load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

const loans = [
  { loan_id: "L1", branch_code: "051", pgd_code: "051101", commune_code: "021000", group_code: "0100001", union_code: "01", customer_id: "K1",
    customer_name: "Nguyễn Thị Hằng", programme_code: "01", interest_rate: 6.6, disbursed_on: "2024-03-15",
    balance_performing: 45_000_000, balance_overdue: 0, balance_frozen: 0, balance_total: 45_000_000 },
  { loan_id: "L2", branch_code: "051", pgd_code: "051101", commune_code: "021000", group_code: "0100002", union_code: "02", customer_id: "K2",
    customer_name: "Trần Văn Đức", programme_code: "03", interest_rate: 8.25, disbursed_on: "2023-07-01",
    balance_performing: 20_000_000, balance_overdue: 5_000_000, balance_frozen: 0, balance_total: 25_000_000 },
  { loan_id: "L3", branch_code: "051", pgd_code: "051102", commune_code: "021007", group_code: "0000000", union_code: null, customer_id: "K3",
    customer_name: "Lê Thị Ánh", programme_code: "01", interest_rate: 6.6, disbursed_on: "2025-02-28",
    balance_performing: 1_234_567, balance_overdue: 0, balance_frozen: 0, balance_total: 1_234_567 },
];

const files: [string, string, string][] = [
  ["HSTD_051_20250131_utf8-bom-cham-phay.csv", "2025-01-31", "UTF-8"],
  ["HSTD_051_20250228_utf16.csv", "2025-02-28", "UTF-16 LE"],
  ["HSTD_051_20250331_utf16be.csv", "2025-03-31", "UTF-16 BE"],
  ["HSTD_051_20250430_windows-1258.csv", "2025-04-30", "Windows-1258"],
  ["HSTD_051_20250531_tcvn3.csv", "2025-05-31", "TCVN3 (TCVN 5712)"],
  ["HSTD_051_20250630_viscii.csv", "2025-06-30", "VISCII"],
  ["HSTD_051_20250731_nfd.csv", "2025-07-31", "UTF-8 (NFD → NFC)"],
  ["HSTD_051_20250831_excel.xlsx › Sao kê", "2025-08-31", "Excel"],
  ["HSTD_051_20250930_excel-so-ngay.xlsx › Sao kê", "2025-09-30", "Excel"],
  ["HSTD_051_20251031_mac-cr.csv", "2025-10-31", "UTF-8 (dòng kết thúc bằng CR, kiểu Mac cũ)"],
  ["HSTD_051_20251130_windows-1258-mac-cr.csv", "2025-11-30", "Windows-1258 (dòng kết thúc bằng CR, kiểu Mac cũ)"],
];

let dir: TempDir;
let warehouse: string;
let report: IngestReport;
beforeAll(async () => {
  dir = tempDir();
  warehouse = join(dir.path, "formats.duckdb");
  report = await load(join(fixtures, "formats"), warehouse);
});
afterAll(() => dir.remove());

describe("exports in every format", () => {
  it("reads each file in its encoding, and notes the sheets that are not exports", () => {
    const got = report.files.map((f) => [f.name, f.status, f.encoding ?? null, f.rowsRead, f.rowsLoaded, f.rowsRejected]);
    expect(got).toEqual([
      ["CDTOTKVV_051_20250630_excel.xlsx › CDTOTKVV", "loaded", "Excel", 2, 2, 0],
      ...files.flatMap(([name, , encoding]) => [
        [name, "loaded", encoding, 3, 3, 0],
        ...(name.endsWith("› Sao kê") ? [[name.replace("Sao kê", "Ghi chú"), "ignored", null, 0, 0, 0]] : []),
      ]),
    ]);
    expect(report.files.find((f) => f.status === "ignored")!.message).toContain("không nhận ra loại tệp");
  });

  for (const [name, date] of files) {
    it(`${name} gives the three loans`, async () => {
      const rows = await query(
        warehouse,
        `SELECT loan_id, branch_code, pgd_code, commune_code, group_code, union_code, customer_id, customer_name, programme_code,
           interest_rate, disbursed_on, balance_performing, balance_overdue, balance_frozen, balance_total
         FROM raw_hstd WHERE data_date = '${date}' ORDER BY loan_id`,
      );
      expect(rows).toEqual(loans);
    });
  }

  it("checks a workbook's totals row against the loaded rows, and keeps it out of the data", async () => {
    const f = await query(warehouse, `SELECT rows_read, totals_match, message FROM ingest_files WHERE file_name = 'HSTD_051_20250831_excel.xlsx › Sao kê'`);
    expect(f).toEqual([{ rows_read: 3, totals_match: true, message: "dòng tổng cộng (dòng 14) khớp với các dòng đã nạp" }]);
  });

  it("reads the bank's group-scoring sheet with its header on row 10", async () => {
    const rows = await query(
      warehouse,
      `SELECT data_date, pgd_code, commune_code, group_code, union_code, balance_total, score_total, rating_class FROM raw_cdtotkvv ORDER BY group_code`,
    );
    expect(rows).toEqual([
      { data_date: "2025-06-30", pgd_code: "051101", commune_code: "021000", group_code: "0100001", union_code: "01", balance_total: 65_000_000, score_total: 100, rating_class: "Tốt" },
      { data_date: "2025-06-30", pgd_code: "051101", commune_code: "021000", group_code: "0100002", union_code: "02", balance_total: 20_000_000, score_total: 75, rating_class: "Khá" },
    ]);
    expect(await query(warehouse, `SELECT * FROM quarantine`)).toEqual([]);
  });
});
