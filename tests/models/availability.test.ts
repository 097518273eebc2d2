// A figure whose input columns were not in the files is «không có số liệu» (NULL, with the reason),
// never 0 or a partial sum; a year-to-date figure needs every month of the year so far. The
// listings are written here; every expected value is counted from them by hand.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFolder } from "../../data-loaders/ingest/ingest.js";
import { writeListing, type Loan } from "../helpers/listing.js";
import { query, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
let warehouse: string;
let batch = 0;
const A = "051101";
const B = "051102";
const flows = ["Lãi tồn TH", "Giải ngân trong tháng"];

const loan = (pgd: string, id: string, arrears: number | "", disbursed: number | ""): Loan => ({
  pgd,
  loan: id,
  extra: { "Lãi tồn TH": arrears, "Giải ngân trong tháng": disbursed },
});

async function loadFiles(files: { name: string; date: string; loans: Loan[]; headers: string[] }[]) {
  const folder = join(dir.path, `batch${++batch}`);
  for (const f of files) writeListing(join(folder, f.name), f.date, f.loans, { extraHeaders: f.headers });
  return ingestFolder({ exportsDir: folder, warehouse });
}

const metric = async (date: string, code: string) =>
  (
    await query<{ value: number | null; reason: string | null }>(
      warehouse,
      `SELECT value, unavailable_reason AS reason FROM fct_metric_values WHERE slice = 'province' AND metric_code = '${code}' AND data_date = DATE '${date}'`,
    )
  )[0];

beforeAll(async () => {
  dir = tempDir();
  warehouse = join(dir.path, "w.duckdb");
  await loadFiles([
    { name: "HSTD_051_31012026.csv", date: "31/01/2026", headers: flows, loans: [loan(A, "A1", 100_000, 5_000_000), loan(B, "B1", 200_000, 3_000_000)] },
    // February comes PGD by PGD; B's file has neither column.
    { name: `HSTD_${A}_28022026.csv`, date: "28/02/2026", headers: ["Giải ngân trong tháng"], loans: [loan(A, "A1", "", 1_000_000)] },
    { name: `HSTD_${B}_28022026.csv`, date: "28/02/2026", headers: [], loans: [loan(B, "B1", "", "")] },
    { name: "HSTD_051_31032026.csv", date: "31/03/2026", headers: flows, loans: [loan(A, "A1", 0, 2_000_000), loan(B, "B1", 50_000, 4_000_000)] },
  ]);
});
afterAll(() => dir.remove());

describe("a figure whose inputs are not in the files", () => {
  it("is there when every file of the date had its column", async () => {
    expect(await metric("2026-01-31", "DS_CHO_VAY")).toEqual({ value: 8_000_000, reason: null });
    expect(await metric("2026-01-31", "LAI_TON_TH")).toEqual({ value: 300_000, reason: null });
    expect(await metric("2026-01-31", "DS_CHO_VAY_LK")).toEqual({ value: 8_000_000, reason: null });
    expect(await metric("2026-02-28", "DU_NO")).toEqual({ value: 20_000_000, reason: null });
  });

  it("is «–» with the missing column named when a file lacked it, never a partial sum or 0", async () => {
    expect(await metric("2026-02-28", "DS_CHO_VAY")).toEqual({ value: null, reason: "thiếu cột «Giải ngân trong tháng» trong sao kê ngày 28/02/2026" });
    expect(await metric("2026-02-28", "LAI_TON_TH")).toEqual({ value: null, reason: "thiếu cột «Lãi tồn TH» trong sao kê ngày 28/02/2026" });
    // Loans newly overdue compare with the month before, which was never loaded.
    expect(await metric("2026-01-31", "SO_MON_QH_MOI")).toEqual({ value: null, reason: "cần số liệu tháng trước (12/2025) để so sánh, chưa nạp" });
    // The month's collections need three columns, none in any file: one reason names them all.
    expect((await metric("2026-02-28", "DS_THU_NO"))!.reason).toBe("thiếu cột «Thu nợ QH tháng», «Thu nợ TH tháng», «Thu nợ khoanh tháng» trong sao kê ngày 28/02/2026");
    // The wide series the analysts' page reads says the same: NULL, not 1 000 000 (A alone).
    const series = await query<{ disbursed: number | null }>(warehouse, `SELECT disbursed FROM fct_balances WHERE slice = 'province' AND data_date = DATE '2026-02-28'`);
    expect(series).toEqual([{ disbursed: null }]);
  });

  it("is «–» for the year so far until every month of the year has its column, with the months named", async () => {
    expect(await metric("2026-03-31", "DS_CHO_VAY")).toEqual({ value: 6_000_000, reason: null });
    const ytd = await metric("2026-03-31", "DS_CHO_VAY_LK");
    expect(ytd!.value).toBeNull();
    expect(ytd!.reason).toBe("số từ đầu năm chưa đủ: thiếu số liệu tháng 02/2026 (cột «Giải ngân trong tháng» của sao kê)");
    // No file has the three collection columns: the months are one range, the columns one list.
    expect((await metric("2026-03-31", "DS_THU_NO_LK"))!.reason).toBe(
      "số từ đầu năm chưa đủ: thiếu số liệu tháng 01–03/2026 (cột «Thu nợ QH tháng», «Thu nợ TH tháng», «Thu nợ khoanh tháng» của sao kê)",
    );
    // B re-sends February with the column: the year so far is January + February + March.
    await loadFiles([{ name: `HSTD_${B}_28022026_lan2.csv`, date: "28/02/2026", headers: flows, loans: [loan(B, "B1", 10_000, 7_000_000)] }]);
    expect(await metric("2026-02-28", "DS_CHO_VAY")).toEqual({ value: 8_000_000, reason: null });
    expect(await metric("2026-03-31", "DS_CHO_VAY_LK")).toEqual({ value: 8_000_000 + 8_000_000 + 6_000_000, reason: null });
  });
});
