// The ingest on real files into real DuckDB warehouses: a good folder, reloading, replacing a data
// date, bad rows in quarantine with file, line, column and reason, unusable files, the command's
// exit codes and messages, and a load killed half-way.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { ingestFolder } from "../../data-loaders/ingest/ingest.js";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import { copyFixture, fixtures, load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "data-loaders/cli/build-warehouse.ts", ...args], { cwd: projectRoot, encoding: "utf8" });

/** Everything the warehouse holds for the reports, in a comparable form. */
const snapshot = (warehouse: string) =>
  Promise.all([
    query(warehouse, `SELECT * FROM raw_hstd ORDER BY data_date, loan_id`),
    query(warehouse, `SELECT * FROM fct_metric_values ORDER BY ALL`),
    query(warehouse, `SELECT * FROM quarantine ORDER BY ALL`),
  ]);

describe("a folder of good exports", () => {
  let warehouse: string;
  let exportsDir: string;
  beforeAll(async () => {
    warehouse = join(dir.path, "good.duckdb");
    exportsDir = copyFixture("province-small", join(dir.path, "good"));
  });

  it("loads every file, every row, with read = loaded + rejected", async () => {
    const report = await load(exportsDir, warehouse);
    expect(report.files.map((f) => [f.name, f.status, f.rowsRead, f.rowsLoaded, f.rowsRejected])).toEqual([
      ["CDTOTKVV_051_20251231.csv", "loaded", 4, 4, 0],
      ["CDTOTKVV_051_20260131.csv", "loaded", 3, 3, 0],
      ["CHITIEU_051_2026.csv", "loaded", 7, 7, 0],
      ["DMDONVI_051.csv", "loaded", 4, 4, 0],
      ["DOICHIEU_051_DC2025.csv", "loaded", 8, 8, 0],
      ["HSTD_051_20251231.csv", "loaded", 8, 8, 0],
      ["HSTD_051_20260131.csv", "loaded", 9, 9, 0],
      ["HSTD_051_20260228.csv", "loaded", 6, 6, 0],
      ["KIEMTRA_051_2026.csv", "loaded", 5, 5, 0],
      ["PHIUYTHAC_051_20260131.csv", "loaded", 3, 3, 0],
      ["PHIUYTHAC_051_20260228.csv", "loaded", 2, 2, 0],
      ["TIETKIEM_051_20260131.csv", "loaded", 3, 3, 0],
      ["TIETKIEM_051_20260228.csv", "loaded", 3, 3, 0],
      ["XLRR_051_XLRR-2026-01.csv", "loaded", 1, 1, 0],
      ["XLRR_051_XLRR-2026-02.csv", "loaded", 1, 1, 0],
    ]);
    expect(report.modelsRebuilt).toBe(true);
    expect(await query(warehouse, `SELECT * FROM quarantine`)).toEqual([]);
    const dates = await query<{ d: string; n: number }>(warehouse, `SELECT strftime(data_date, '%d/%m/%Y') AS d, count(*)::INT AS n FROM raw_hstd GROUP BY 1 ORDER BY 1`);
    expect(dates).toEqual([
      { d: "28/02/2026", n: 6 },
      { d: "31/01/2026", n: 9 },
      { d: "31/12/2025", n: 8 },
    ]);
  });

  it("reads files of one layout together though their line ends differ (Excel's CRLF beside LF)", async () => {
    const mixed = copyFixture("province-small", join(dir.path, "mixed"));
    const crlf = join(mixed, "HSTD_051_20260131.csv");
    writeFileSync(crlf, readFileSync(crlf, "utf8").replace(/\n/g, "\r\n"));
    const said: string[] = [];
    const report = await ingestFolder({ exportsDir: mixed, warehouse: join(dir.path, "mixed.duckdb"), models: false, log: (m) => said.push(m) });
    // One read per line end; none broken and read again file by file.
    expect(said.filter((m) => m.startsWith("Đọc ") && m.includes("Sao kê chi tiết dư nợ"))).toEqual(["Đọc 2 tệp Sao kê chi tiết dư nợ (HSTD – Báo cáo 31) cùng lúc…"]);
    expect(said.join("\n")).not.toContain("từng tệp một");
    const hstd = report.files.filter((f) => f.name.startsWith("HSTD_"));
    expect(hstd.map((f) => [f.name, f.rowsLoaded, f.rowsRejected])).toEqual([
      ["HSTD_051_20251231.csv", 8, 0],
      ["HSTD_051_20260131.csv", 9, 0],
      ["HSTD_051_20260228.csv", 6, 0],
    ]);
  });

  const lineEnds: [string, string, (i: number) => string][] = [
    ["now with CRLF, now with LF (joined or edited by hand)", "mixed-ends", (i) => (i % 2 ? "\n" : "\r\n")],
    ["with CR alone (Excel for Mac's «CSV (Macintosh)»)", "cr-ends", () => "\r"],
  ];
  for (const [how, name, end] of lineEnds) {
    it(`reads a file whose lines end ${how}, naming lines as an editor does`, async () => {
      const folder = join(dir.path, name);
      mkdirSync(folder);
      copyFileSync(join(fixtures, "province-small", "DMDONVI_051.csv"), join(folder, "DMDONVI_051.csv"));
      const lines = readFileSync(join(fixtures, "province-small", "HSTD_051_20260131.csv"), "utf8").trimEnd().split("\n");
      // Line 4's «Dư nợ quá hạn» (13th column) is not a number: its rejection names line 4.
      lines[3] = lines[3]!.split(",").map((c, i) => (i === 12 ? "mười" : c)).join(",");
      writeFileSync(join(folder, "HSTD_051_20260131.csv"), lines.map((l, i) => l + end(i)).join(""));
      const warehouse = join(dir.path, `${name}.duckdb`);
      const report = await ingestFolder({ exportsDir: folder, warehouse, models: false });
      const hstd = report.files.find((f) => f.name === "HSTD_051_20260131.csv")!;
      expect([hstd.status, hstd.rowsRead, hstd.rowsLoaded, hstd.rowsRejected]).toEqual(["loaded", 9, 8, 1]);
      expect(await query(warehouse, `SELECT DISTINCT line, column_header, value FROM quarantine`)).toEqual([{ line: 4, column_header: "Dư nợ quá hạn", value: "mười" }]);
    });
  }

  it("reads a CR-ended file larger than the part looked at to tell its format", async () => {
    const folder = join(dir.path, "cr-large");
    mkdirSync(folder);
    copyFileSync(join(fixtures, "province-small", "DMDONVI_051.csv"), join(folder, "DMDONVI_051.csv"));
    const lines = ["Ngày số liệu,Mã CN,Mã PGD,Mã xã,Mã tổ,Mã ĐVUT,Mã KH,Số khế ước,Mã CT,Dư nợ trong hạn,Dư nợ quá hạn,Dư nợ khoanh,Tổng dư nợ"];
    // 6,000 records of about 75 bytes: 450 KB, beyond the 256 KiB read first. Line 5,000 is bad.
    for (let i = 2; i <= 6001; i++) lines.push(`31/01/2026,051,051101,021000,0100001,01,K${i},L${i},01,1000000,${i === 5000 ? "x" : "0"},0,1000000`);
    writeFileSync(join(folder, "HSTD_051_31012026.csv"), lines.join("\r") + "\r");
    const warehouse = join(dir.path, "cr-large.duckdb");
    const report = await ingestFolder({ exportsDir: folder, warehouse, models: false });
    const hstd = report.files.find((f) => f.name === "HSTD_051_31012026.csv")!;
    expect([hstd.status, hstd.rowsRead, hstd.rowsLoaded, hstd.rowsRejected]).toEqual(["loaded", 6000, 5999, 1]);
    expect(await query(warehouse, `SELECT line, value FROM quarantine`)).toEqual([{ line: 5000, value: "x" }]);
  });

  it("keeps codes' leading zeros and ignores columns it does not know", async () => {
    const rows = await query<{ pgd_code: string; group_code: string; union_code: string | null }>(
      warehouse,
      `SELECT DISTINCT pgd_code, group_code, union_code FROM raw_hstd ORDER BY ALL`,
    );
    expect(rows).toContainEqual({ pgd_code: "051102", group_code: "0000000", union_code: null });
    expect(rows).toContainEqual({ pgd_code: "051101", group_code: "0100001", union_code: "01" });
    const columns = await query<{ column_name: string }>(warehouse, `SELECT column_name FROM duckdb_columns() WHERE table_name = 'raw_hstd'`);
    expect(columns.map((c) => c.column_name)).not.toContain("ghi_chu");
  });

  it("changes nothing when the same folder is loaded again", async () => {
    const before = await snapshot(warehouse);
    const report = await load(exportsDir, warehouse);
    expect(report.files.every((f) => f.status === "unchanged")).toBe(true);
    expect(report.modelsRebuilt).toBe(false);
    expect(await snapshot(warehouse)).toEqual(before);
  });

  it("replaces a data date when a new file brings it, and nothing else", async () => {
    const d0Before = await query(warehouse, `SELECT * EXCLUDE (_file_id) FROM raw_hstd WHERE data_date = '2025-12-31' ORDER BY loan_id`);
    const original = readFileSync(join(exportsDir, "HSTD_051_20260131.csv"), "utf8");
    // A corrected January listing: L1 now 46 triệu; the old file name stays in the folder too.
    const corrected = original.replace("L1,01,45000000,0,0,45000000", "L1,01,46000000,0,0,46000000");
    expect(corrected).not.toBe(original);
    writeFileSync(join(exportsDir, "HSTD_051_20260131_dieu-chinh.csv"), corrected);
    const report = await load(exportsDir, warehouse);
    expect(report.files.find((f) => f.name === "HSTD_051_20260131_dieu-chinh.csv")).toMatchObject({ status: "loaded", rowsLoaded: 9 });
    const l1 = await query<{ balance_total: number }>(warehouse, `SELECT balance_total FROM raw_hstd WHERE data_date = '2026-01-31' AND loan_id = 'L1'`);
    expect(l1).toEqual([{ balance_total: 46_000_000 }]);
    expect(await query(warehouse, `SELECT * EXCLUDE (_file_id) FROM raw_hstd WHERE data_date = '2025-12-31' ORDER BY loan_id`)).toEqual(d0Before);
    const files = await query<{ file_name: string; status: string }>(warehouse, `SELECT file_name, status FROM ingest_files WHERE kind = 'hstd' ORDER BY file_id`);
    expect(files).toEqual([
      { file_name: "HSTD_051_20251231.csv", status: "loaded" },
      { file_name: "HSTD_051_20260131.csv", status: "superseded" },
      { file_name: "HSTD_051_20260228.csv", status: "loaded" },
      { file_name: "HSTD_051_20260131_dieu-chinh.csv", status: "loaded" },
    ]);
    const dn = await query<{ value: number }>(warehouse, `SELECT value FROM fct_metric_values WHERE data_date = '2026-01-31' AND slice = 'province' AND metric_code = 'DU_NO'`);
    expect(dn).toEqual([{ value: 276_000_000 }]);
  });

  it("lists on the data page a later load's unusable file, though no month changed", async () => {
    const later = join(dir.path, "later-unusable");
    mkdirSync(later);
    writeFileSync(join(later, "ghi-chu.csv"), "Ngày,Nội dung\n01/02/2026,họp tổ\n");
    await load(later, warehouse);
    const rows = await query<{ status: string }>(warehouse, `SELECT status FROM rpt_ingest_files WHERE file_name = 'ghi-chu.csv'`);
    expect(rows).toEqual([{ status: "unusable" }]);
  });
});

describe("bad rows and unusable files", () => {
  let warehouse: string;
  interface Q {
    file_name: string;
    line: number;
    column_header: string | null;
    value: string | null;
    reason: string;
  }
  let quarantine: Q[];
  const at = (file: string, line: number) => quarantine.filter((q) => q.file_name === file && q.line === line);
  const FAST = "HSTD_051_20260228.csv";
  const TEXT = "HSTD_051_20260331.csv";

  beforeAll(async () => {
    warehouse = join(dir.path, "bad.duckdb");
    const exportsDir = copyFixture("bad-exports", join(dir.path, "bad"));
    await load(exportsDir, warehouse);
    quarantine = await query<Q>(
      warehouse,
      `SELECT f.file_name, q.line, q.column_header, q.value, q.reason FROM quarantine q JOIN ingest_files f USING (file_id) ORDER BY f.file_name, q.line, q.column_header`,
    );
  });

  it("counts every row of a file as loaded or rejected", async () => {
    const files = await query<{ file_name: string; status: string; rows_read: number; rows_loaded: number; rows_rejected: number }>(
      warehouse,
      `SELECT file_name, status, rows_read, rows_loaded, rows_rejected FROM ingest_files ORDER BY file_name`,
    );
    expect(files).toEqual([
      { file_name: "CDTOTKVV_051_20260228.csv", status: "unusable", rows_read: 0, rows_loaded: 0, rows_rejected: 0 },
      { file_name: FAST, status: "loaded", rows_read: 11, rows_loaded: 3, rows_rejected: 8 },
      { file_name: TEXT, status: "loaded", rows_read: 5, rows_loaded: 2, rows_rejected: 3 },
      { file_name: "danh-sach-can-bo.csv", status: "unusable", rows_read: 0, rows_loaded: 0, rows_rejected: 0 },
    ]);
  });

  it("names the line, column and reason of each rejected row", () => {
    expect(at(FAST, 3)).toEqual([
      { file_name: FAST, line: 3, column_header: "Tổng dư nợ", value: "24000000", reason: "Tổng dư nợ 24000000 khác dư nợ trong hạn + quá hạn + khoanh = 25000000" },
    ]);
    expect(at(FAST, 4)).toMatchObject([{ column_header: "Mã CT", value: "99", reason: expect.stringContaining("không có trong danh mục") }]);
    expect(at(FAST, 5).map((q) => [q.column_header, q.reason])).toEqual([
      ["Dư nợ trong hạn", "số tiền âm"],
      ["Tổng dư nợ", "số tiền âm"],
    ]);
    expect(at(FAST, 6)).toMatchObject([{ column_header: "Mã KH", reason: "thiếu giá trị bắt buộc" }]);
    expect(at(FAST, 9)).toMatchObject([{ column_header: null, reason: "dòng có 23 ô, tiêu đề có 21 cột: thừa dấu phân cách «,» hoặc thiếu dấu ngoặc kép quanh một ô" }]);
    expect(at(FAST, 11)).toMatchObject([{ column_header: "Mã ĐVUT", reason: expect.stringContaining("thiếu Mã ĐVUT") }]);
  });

  it("rejects both rows of a loan listed twice for one data date", () => {
    const reason = `trùng khóa Ngày số liệu + Số khế ước: ${FAST} dòng 2, ${FAST} dòng 7`;
    expect(at(FAST, 2)).toMatchObject([{ column_header: "Ngày số liệu + Số khế ước", value: "2026-02-28 | L1", reason }]);
    expect(at(FAST, 7)).toMatchObject([{ reason }]);
  });

  it("restores codes whose leading zeros a spreadsheet dropped, and accepts direct loans without a union", async () => {
    const rows = await query(warehouse, `SELECT loan_id, branch_code, pgd_code, commune_code, group_code, union_code, programme_code FROM raw_hstd WHERE data_date = '2026-02-28' ORDER BY loan_id`);
    expect(rows).toEqual([
      { loan_id: "L12", branch_code: "051", pgd_code: "051102", commune_code: "021007", group_code: "0100003", union_code: "02", programme_code: "01" },
      { loan_id: "L14", branch_code: "051", pgd_code: "051102", commune_code: "021007", group_code: "0000000", union_code: null, programme_code: "01" },
      { loan_id: "L15", branch_code: "051", pgd_code: "051101", commune_code: "021000", group_code: "0100002", union_code: "02", programme_code: "01" },
    ]);
  });

  it("reads Vietnamese number formats and reports unreadable cells, lines counted past a value spanning two lines", async () => {
    expect(at(TEXT, 3)).toMatchObject([{ column_header: "Dư nợ quá hạn", value: "abc", reason: "không đọc được; cần số tiền (ví dụ 1234567 hoặc 1.234.567)" }]);
    expect(at(TEXT, 4)).toMatchObject([{ column_header: "Ngày số liệu", value: "31/13/2026", reason: "không đọc được; cần ngày dd/mm/yyyy" }]);
    expect(at(TEXT, 7)).toMatchObject([{ column_header: "Tổng dư nợ", reason: expect.stringContaining("khác dư nợ trong hạn") }]);
    const l1 = await query(warehouse, `SELECT balance_total, savings_balance FROM raw_hstd WHERE data_date = '2026-03-31' AND loan_id = 'L1'`);
    expect(l1).toEqual([{ balance_total: 40_000_000, savings_balance: 2_300_000 }]);
  });

  it("explains files it cannot use", async () => {
    const files = await query<{ file_name: string; message: string }>(warehouse, `SELECT file_name, message FROM ingest_files WHERE status = 'unusable' ORDER BY file_name`);
    expect(files).toEqual([
      { file_name: "CDTOTKVV_051_20260228.csv", message: "giống tệp Chấm điểm Tổ TK&VV (CDTOTKVV) (tiêu đề ở dòng 1) nhưng thiếu cột bắt buộc: «Xếp loại»" },
      { file_name: "danh-sach-can-bo.csv", message: "không nhận ra loại tệp: không có dòng tiêu đề nào khớp với một loại tệp xuất trong README" },
    ]);
  });
});

describe("the command", () => {
  it("loads what it can, names what it cannot, and exits 0 without a stack trace", () => {
    const r = cli("--exports", join(fixtures, "bad-exports"), "--warehouse", join(dir.path, "cli.duckdb"));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("[2/4] HSTD_051_20260228.csv: Sao kê chi tiết dư nợ (HSTD – Báo cáo 31)");
    expect(r.stderr).toContain("! HSTD_051_20260228.csv: đọc 11, nạp 3, loại 8 dòng");
    expect(r.stderr).toContain("      dòng 2, cột «Ngày số liệu + Số khế ước»: trùng khóa Ngày số liệu + Số khế ước: HSTD_051_20260228.csv dòng 2, HSTD_051_20260228.csv dòng 7");
    expect(r.stderr).toContain("✗ danh-sach-can-bo.csv: không nhận ra loại tệp");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 1 when nothing usable was given", () => {
    const only = join(dir.path, "only-bad");
    mkdirSync(only);
    copyFileSync(join(fixtures, "bad-exports/danh-sach-can-bo.csv"), join(only, "danh-sach-can-bo.csv"));
    const r = cli("--exports", only, "--warehouse", join(dir.path, "cli-only.duckdb"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("0 tệp nạp");
  });

  it("explains a folder that does not exist", () => {
    const r = cli("--exports", join(dir.path, "no-such-folder"), "--warehouse", join(dir.path, "cli-none.duckdb"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Lỗi: Không đọc được thư mục tệp xuất");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("a load that dies half-way", () => {
  it("leaves the previous warehouse intact and usable", async () => {
    const warehouse = join(dir.path, "killed.duckdb");
    await load(copyFixture("province-small", join(dir.path, "before-kill")), warehouse);
    const before = await snapshot(warehouse);
    const demo = join(dir.path, "demo-kill");
    generateDemo({ outDir: demo, seed: 7, borrowers: 4000, months: 12, endMonth: "2026-10" });
    const child = spawn(process.execPath, ["--import", "tsx", "data-loaders/cli/build-warehouse.ts", "--exports", demo, "--warehouse", warehouse], {
      cwd: projectRoot,
    });
    let stderr = "";
    await new Promise<void>((resolve) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (/\[6\/\d+\]/.test(stderr)) child.kill("SIGKILL");
      });
      child.on("close", () => resolve());
    });
    expect(stderr).toMatch(/\[6\/\d+\]/);
    expect(stderr).not.toContain("Xong sau");
    expect(await snapshot(warehouse)).toEqual(before);
    // And it still takes the next load.
    const report = await load(demo, warehouse);
    expect(report.files.filter((f) => f.status === "loaded").length).toBeGreaterThan(20);
  });
});
