// A file replaces exactly what it covers (a data date × PGD area for loan listings): PGD files sent
// on different days add up, a PGD that re-sends its file replaces only itself, a re-sent file's
// rejected row keeps the good row it was meant to replace, a file that would shrink a PGD's month
// is refused with the numbers unless confirmed, every load says what it replaced, and `--undo`
// brings the previous state back. Every figure below is counted from the files as written here.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFolder } from "../../data-loaders/ingest/ingest.js";
import { undoLoad } from "../../data-loaders/ingest/undo.js";
import { loansOf, writeListing, type Loan } from "../helpers/listing.js";
import { query, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
let warehouse: string;
let batch = 0;
const A = "051101";
const B = "051102";

/** Loads a folder holding only the given listings. */
async function loadListings(files: { name: string; date: string; loans: Loan[] }[], options: { allowShrink?: boolean } = {}) {
  const folder = join(dir.path, `batch${++batch}`);
  for (const f of files) writeListing(join(folder, f.name), f.date, f.loans);
  return ingestFolder({ exportsDir: folder, warehouse, allowShrink: options.allowShrink });
}

const rowsOf = (date: string) =>
  query<{ pgd_code: string; loan_id: string; balance_total: number }>(
    warehouse,
    `SELECT pgd_code, loan_id, balance_total FROM raw_hstd WHERE data_date = DATE '${date}' ORDER BY pgd_code, loan_id`,
  );
const province = async (date: string) =>
  (await query<{ v: number }>(warehouse, `SELECT balance_total AS v FROM fct_balances WHERE slice = 'province' AND data_date = DATE '${date}'`))[0]?.v;
const missing = async (date: string) =>
  (await query<{ m: string | null }>(warehouse, `SELECT missing_pgd_names AS m FROM dim_data_dates WHERE data_date = DATE '${date}'`))[0]?.m;

beforeAll(() => {
  dir = tempDir();
  warehouse = join(dir.path, "w.duckdb");
});
afterAll(() => dir.remove());

describe("loan listings sent PGD by PGD", () => {
  it("add up across loads, and a date missing a PGD its neighbours have says so", async () => {
    // November: both PGDs in one file. December: B first, A a day later.
    await loadListings([{ name: "HSTD_051_30112025.csv", date: "30/11/2025", loans: [...loansOf(A, "A", 30), ...loansOf(B, "B", 25, 20_000_000)] }]);
    await loadListings([{ name: `HSTD_${B}_31122025.csv`, date: "31/12/2025", loans: loansOf(B, "B", 25, 20_000_000) }]);
    expect(await province("2025-12-31")).toBe(500_000_000);
    expect(await missing("2025-12-31")).toContain(A);
    expect(await missing("2025-11-30")).toBeNull();

    const report = await loadListings([{ name: `HSTD_${A}_31122025.csv`, date: "31/12/2025", loans: loansOf(A, "A", 30) }]);
    expect(report.replacements.filter((r) => r.before > 0)).toEqual([]);
    expect((await rowsOf("2025-12-31")).length).toBe(55);
    // 30 × 10 triệu + 25 × 20 triệu.
    expect(await province("2025-12-31")).toBe(800_000_000);
    expect(await missing("2025-12-31")).toBeNull();
  });

  it("replace only the PGD that re-sends its file, and say what they replaced", async () => {
    // B re-sends December: B25 has closed, B1 was wrong.
    const resent = loansOf(B, "B", 24, 20_000_000);
    resent[0]!.performing = 21_000_000;
    const report = await loadListings([{ name: `HSTD_${B}_31122025_lan2.csv`, date: "31/12/2025", loans: resent }]);
    const cells = report.replacements.map((r) => [r.scope, r.before, r.after, r.refused]);
    expect(cells).toEqual([[`31/12/2025 · PGD ${B}`, 25, 24, false]]);
    const rows = await rowsOf("2025-12-31");
    expect(rows.filter((r) => r.pgd_code === A).length).toBe(30);
    expect(rows.filter((r) => r.pgd_code === B).map((r) => r.loan_id).sort()).toEqual(resent.map((l) => l.loan).sort());
    expect(await province("2025-12-31")).toBe(300_000_000 + 23 * 20_000_000 + 21_000_000);
    const files = await query<{ file_name: string; status: string }>(warehouse, `SELECT file_name, status FROM ingest_files WHERE file_name LIKE '%${B}_31122025%' ORDER BY file_id`);
    expect(files).toEqual([
      { file_name: `HSTD_${B}_31122025.csv`, status: "superseded" },
      { file_name: `HSTD_${B}_31122025_lan2.csv`, status: "loaded" },
    ]);
  });

  it("keep the good row a re-sent file's rejected row was meant to replace", async () => {
    const folder = join(dir.path, `batch${++batch}`);
    const path = join(folder, `HSTD_${A}_31122025_lan2.csv`);
    writeListing(path, "31/12/2025", loansOf(A, "A", 30, 11_000_000));
    // A7's total does not add up: rejected, so the A7 loaded before (10 triệu) stays.
    writeFileSync(path, readFileSync(path, "utf8").replace(",A7,01,11000000,0,0,11000000", ",A7,01,11000000,0,0,12000000"));
    const report = await ingestFolder({ exportsDir: folder, warehouse });
    expect(report.files[0]!.rowsRejected).toBe(1);
    expect(report.replacements.map((r) => [r.before, r.after])).toEqual([[30, 30]]);
    const a = (await rowsOf("2025-12-31")).filter((r) => r.pgd_code === A);
    expect(a.length).toBe(30);
    expect(a.find((r) => r.loan_id === "A7")!.balance_total).toBe(10_000_000);
    expect(a.filter((r) => r.balance_total === 11_000_000).length).toBe(29);
  });

  it("refuse a file that would shrink a PGD's month, with the numbers, unless confirmed", async () => {
    const before = await rowsOf("2025-12-31");
    const report = await loadListings([{ name: `HSTD_${A}_31122025_bosung.csv`, date: "31/12/2025", loans: loansOf(A, "A", 5, 11_000_000) }]);
    expect(report.files[0]!.status).toBe("refused");
    expect(report.files[0]!.message).toContain(`31/12/2025 · PGD ${A}: đang có 30 dòng, tệp này chỉ mang 5`);
    expect(report.files[0]!.message).toContain("--cho-phep-giam");
    expect(await rowsOf("2025-12-31")).toEqual(before);

    const confirmed = await loadListings([{ name: `HSTD_${A}_31122025_bosung.csv`, date: "31/12/2025", loans: loansOf(A, "A", 5, 11_000_000) }], { allowShrink: true });
    expect(confirmed.files[0]!.status).toBe("loaded");
    expect(confirmed.replacements.map((r) => [r.before, r.after, r.refused])).toEqual([[30, 5, false]]);
    expect((await rowsOf("2025-12-31")).filter((r) => r.pgd_code === A).length).toBe(5);
  });

  it("can be undone, load by load, back to what was there", async () => {
    await undoLoad(warehouse);
    // Back to before the confirmed shrink: A's 30 rows (29 re-sent at 11 triệu, A7 at 10 triệu).
    const rows = await rowsOf("2025-12-31");
    expect(rows.filter((r) => r.pgd_code === A).length).toBe(30);
    // 29 × 11 + 10 for A, 23 × 20 + 21 for B (in triệu).
    expect(await province("2025-12-31")).toBe(329_000_000 + 481_000_000);
    // The refused load changed nothing: the next undo takes the re-sent A back, then the re-sent B.
    await undoLoad(warehouse);
    expect((await rowsOf("2025-12-31")).filter((r) => r.pgd_code === A).every((r) => r.balance_total === 10_000_000)).toBe(true);
    await undoLoad(warehouse);
    expect((await rowsOf("2025-12-31")).filter((r) => r.pgd_code === B).length).toBe(25);
    expect(await province("2025-12-31")).toBe(800_000_000);
    const runs = await query<{ n: number }>(warehouse, `SELECT count(*)::INTEGER AS n FROM ingest_runs WHERE undone_at IS NOT NULL`);
    expect(runs[0]!.n).toBe(3);
  });
});
