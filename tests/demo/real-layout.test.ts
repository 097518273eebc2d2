// The demo's real layout (the bank's own files) describes the same portfolio as the simple layout,
// checked by another route: CSVs through a plain CSV reader, workbooks through Python's openpyxl,
// and the expected headers, codes and names written here by hand from real-exports.md.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { parseCsv } from "../helpers/csv.js";
import { tempDir, type TempDir } from "../helpers/warehouse.js";

const REPORT31_HEADER = [
  "Ngày số liệu", "Mã CN", "Mã PGD", "Tên PGD", "Mã xã", "Tên xã", "Mã thôn", "Tên thôn", "Mã tổ", "Tên tổ", "Tên tổ trưởng",
  "Loại tổ", "Mã ĐVUT", "Tên ĐVUT", "Mã điểm giao dịch", "Tên điểm giao dịch",
  "Mã KH", "Tên KH", "Loại KH", "Ngày sinh", "Giới tính", "Mã dân tộc", "Tên DT", "Số CMND", "Ngày cấp CMND", "Nơi cấp CMND",
  "Địa chỉ", "Số điện thoại", "Họ tên vợ/chồng", "Số ATM",
  "Số khế ước", "Mã CT", "Tên chương trình", "Nguồn vốn", "Mã nhà đầu tư", "Hình thức vay", "Ngày vay", "Ngày GN đầu tiên",
  "Ngày GN cuối cùng", "Ngày ĐH theo hợp đồng", "Ngày ĐH theo Gia hạn", "Thời hạn vay", "Lãi suất", "Mức vay", "Tổng giải ngân",
  "Tình trạng món vay",
  "Dư nợ trong hạn", "Dư nợ quá hạn", "Dư nợ khoanh", "Tổng dư nợ", "Lãi tồn TH", "Lãi tồn QH", "Số dư tiền gửi 105", "Sổ tiết kiệm 105",
  "Giải ngân trong tháng", "Thu nợ TH tháng", "Thu nợ QH tháng", "Thu nợ khoanh tháng", "Chuyển QH trong tháng",
  "Chuyển khoanh trong tháng", "Gốc xóa trong tháng", "Gia hạn trong tháng", "Thu lãi TH tháng", "Thu lãi QH Tháng",
  "Thu nợ TH Quý", "Thu nợ TH Năm", "CQH trong Quý", "CQH Năm", "Xóa trong Năm",
  "Số lần gia hạn", "Ngày gia hạn gần nhất", "Ngày CNQH gần nhất", "Tổng chuyển nợ QH", "Ngày giao dịch gần nhất", "Gốc đã trả", "Lãi đã trả",
];

/** Báo cáo 31 column → the simple layout's (contract) column with the same value. */
const SAME_AS_SIMPLE: Record<string, string> = {
  "Ngày số liệu": "Ngày số liệu", "Mã PGD": "Mã PGD", "Tên PGD": "Tên PGD", "Mã xã": "Mã xã", "Tên xã": "Tên xã", "Mã thôn": "Mã thôn",
  "Mã tổ": "Mã tổ", "Tên tổ trưởng": "Tên tổ trưởng", "Mã KH": "Mã KH", "Tên KH": "Tên KH", "Ngày sinh": "Ngày sinh",
  "Giới tính": "Giới tính", "Mã dân tộc": "Mã dân tộc", "Số CMND": "Số CMND", "Địa chỉ": "Địa chỉ", "Số điện thoại": "Số điện thoại",
  "Số khế ước": "Số khế ước", "Mã CT": "Mã CT", "Nguồn vốn": "Nguồn vốn", "Ngày vay": "Ngày vay",
  "Ngày ĐH theo hợp đồng": "Ngày ĐH theo hợp đồng", "Lãi suất": "Lãi suất", "Tổng giải ngân": "Tổng giải ngân",
  "Dư nợ trong hạn": "Dư nợ trong hạn", "Dư nợ quá hạn": "Dư nợ quá hạn", "Dư nợ khoanh": "Dư nợ khoanh", "Tổng dư nợ": "Tổng dư nợ",
  "Lãi tồn TH": "Lãi tồn TH", "Lãi tồn QH": "Lãi tồn QH", "Số dư tiền gửi 105": "Số dư tiền gửi 105",
  "Giải ngân trong tháng": "Giải ngân trong tháng", "Thu nợ TH tháng": "Thu nợ TH tháng", "Thu nợ QH tháng": "Thu nợ QH tháng",
  "Thu nợ khoanh tháng": "Thu nợ khoanh tháng", "Chuyển QH trong tháng": "Chuyển QH trong tháng", "Chuyển khoanh trong tháng": "Chuyển khoanh trong tháng",
  "Gốc xóa trong tháng": "Gốc xóa trong tháng",
};
const IMS: Record<string, string> = { "01": "11", "02": "12", "03": "13", "04": "14" };
const UNION_NAMES: Record<string, string> = { "11": "Hội Nông dân", "12": "Hội LHPN", "13": "Hội Cựu chiến binh", "14": "Đoàn TNCS Hồ Chí Minh" };
const FULL_NAMES: Record<string, string> = { "01": "Hội Nông dân", "02": "Hội LHPN", "03": "Hội Cựu chiến binh", "04": "Đoàn TNCS Hồ Chí Minh" };
const SHORT_NAMES: Record<string, string[]> = { "01": ["HND"], "02": ["HPN"], "03": ["HCCB"], "04": ["ĐTN", "DTN"] };
const BALANCES = ["Dư nợ trong hạn", "Dư nợ quá hạn", "Dư nợ khoanh", "Tổng dư nợ"];
// 14 months from 30/09/2025: the per-PGD months are 31/12/2025, 30/06/2026 and the latest.
const OPTIONS = { seed: 23, borrowers: 5000, months: 14, endMonth: "2026-10" };
const SPLIT = ["31122025", "30062026", "31102026"];
const WORKBOOKS = ["30092026", "31102026"];

type Table = { header: string[]; rows: string[][] };
interface Sheet {
  rows: string[][];
  /** Workbooks only: sheet names and the kinds of data cells per column. */
  sheets?: string[];
  kinds?: Record<string, string[]>;
}

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
const ddmmyyyy = (vn: string) => vn.replace(/\//g, "");
const vnFromName = (d: string) => `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`;
/** The ddmmyyyy date in a file's name. */
const nameDate = (f: string) => /_(\d{8})\.(csv|xlsx)$/.exec(f)![1]!;

/** Differences found in a loop, asserted empty once (an expect per cell would take minutes). */
class Mismatches {
  readonly found: string[] = [];
  checked = 0;
  equal(actual: unknown, expected: unknown, what: string): void {
    this.checked++;
    if (actual !== expected && this.found.length < 20) this.found.push(`${what}: ${String(actual)} ≠ ${String(expected)}`);
  }
}

/** Workbooks whose data (for the cell kinds) starts on row 6, below Báo cáo 31's header. */
function readWorkbooks(paths: string[]): Map<string, Sheet> {
  const run = spawnSync("/usr/bin/python3", [join(import.meta.dirname, "../helpers/read-xlsx.py"), "6", ...paths], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(run.stderr);
  const parsed = JSON.parse(run.stdout) as Record<string, { sheets: string[]; rows: unknown[][]; kinds: Record<string, string[]> }>;
  return new Map(Object.entries(parsed).map(([p, s]) => [p, { sheets: s.sheets, kinds: s.kinds, rows: s.rows.map((r) => r.map(text)) }]));
}

function readCsv(path: string, delimiter = ","): string[][] {
  return parseCsv(readFileSync(path, "utf8"), delimiter);
}

const table = (rows: string[][], headerRow: number): Table => ({ header: rows[headerRow]!, rows: rows.slice(headerRow + 1) });
const column = (t: Table, name: string) => {
  const i = t.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return (row: string[]) => row[i] ?? "";
};

let dir: TempDir;
let simpleDir: string;
let realDir: string;
let realFiles: string[];
/** Every real HSTD and CDTOTKVV file, read. */
const sheets = new Map<string, Sheet>();
/** The simple listing's rows by data date (dd/mm/yyyy). */
const simple = new Map<string, Table>();

beforeAll(() => {
  dir = tempDir();
  simpleDir = join(dir.path, "simple");
  realDir = join(dir.path, "real");
  generateDemo({ outDir: simpleDir, ...OPTIONS, layout: "simple" });
  generateDemo({ outDir: realDir, ...OPTIONS, layout: "real" });
  realFiles = readdirSync(realDir).sort();
  const listed = realFiles.filter((f) => /^(HSTD|CDTOTKVV)_/.test(f));
  for (const f of listed.filter((f) => f.endsWith(".csv"))) sheets.set(f, { rows: readCsv(join(realDir, f)) });
  const books = readWorkbooks(listed.filter((f) => f.endsWith(".xlsx")).map((f) => join(realDir, f)));
  for (const [p, s] of books) sheets.set(p.slice(realDir.length + 1), s);
  for (const f of readdirSync(simpleDir).filter((f) => f.startsWith("HSTD_"))) {
    const t = table(readCsv(join(simpleDir, f)), 0);
    simple.set(t.rows[0]![0]!, t);
  }
});
afterAll(() => dir.remove());

/** The real listing of one data date: every HSTD file named with it, rows after the header on row 5. */
function listing(date: string): { files: string[]; tables: Map<string, Table> } {
  const files = [...sheets.keys()].filter((f) => f.startsWith("HSTD_") && f.includes(`_${ddmmyyyy(date)}.`));
  return { files, tables: new Map(files.map((f) => [f, table(sheets.get(f)!.rows, 4)])) };
}

describe("the real loan listing (Báo cáo 31)", () => {
  it("is sent as the bank sends it: per branch or per PGD, CSV saved from Excel, the latest two months as BCQUERY workbooks", () => {
    const hstd = realFiles.filter((f) => f.startsWith("HSTD_"));
    expect(hstd.every((f) => /^HSTD_0051(\d\d)?_\d{8}\.(csv|xlsx)$/.test(f))).toBe(true);
    const dates = [...new Set(hstd.map(nameDate))];
    expect(dates).toHaveLength(14);
    for (const d of dates) {
      const files = hstd.filter((f) => f.includes(`_${d}.`));
      if (SPLIT.includes(d)) {
        expect(files.length, d).toBeGreaterThanOrEqual(3);
        expect(files.every((f) => /^HSTD_0051\d\d_/.test(f))).toBe(true);
      } else expect(files, d).toEqual([expect.stringMatching(/^HSTD_0051_/)]);
      expect(files.every((f) => f.endsWith(WORKBOOKS.includes(d) ? ".xlsx" : ".csv")), d).toBe(true);
    }
    for (const f of hstd.filter((f) => f.endsWith(".xlsx"))) expect(sheets.get(f)!.sheets).toEqual(["BCQUERY"]);
  });

  it("has the title rows, the header on row 5 with the exported column names in order, and the date of its name", () => {
    for (const [f, s] of sheets) {
      if (!f.startsWith("HSTD_")) continue;
      const date = vnFromName(nameDate(f));
      const titles = s.rows.slice(0, 4).map((r) => r.filter((c) => c !== ""));
      expect(titles, f).toEqual([
        ["NGÂN HÀNG CHÍNH SÁCH XÃ HỘI"],
        ["CHI NHÁNH TỈNH MINH SƠN"],
        ["SAO KÊ CHI TIẾT DƯ NỢ (BÁO CÁO 31)"],
        [`Ngày số liệu: ${date}`, "Đơn vị tính: đồng"],
      ]);
      expect(s.rows[4], f).toEqual(REPORT31_HEADER);
      const t = table(s.rows, 4);
      expect(new Set(t.rows.map(column(t, "Ngày số liệu"))), f).toEqual(new Set([date]));
    }
  });

  it("writes CSV as Excel saves it: BOM, CRLF, title rows padded to the sheet's width", () => {
    const f = realFiles.find((x) => x.startsWith("HSTD_0051_") && x.endsWith(".csv"))!;
    const raw = readFileSync(join(realDir, f), "utf8");
    expect(raw.startsWith("\uFEFFNGÂN HÀNG CHÍNH SÁCH XÃ HỘI,,")).toBe(true);
    expect(raw.split("\r\n").length).toBe(raw.split("\n").length);
    for (const r of sheets.get(f)!.rows.slice(0, 5)) expect(r).toHaveLength(REPORT31_HEADER.length);
  });

  it("stores codes as text, amounts as numbers and dates both as date cells and as text in the workbooks", () => {
    const books = [...sheets].filter(([f]) => f.startsWith("HSTD_") && f.endsWith(".xlsx"));
    expect(books.length).toBeGreaterThanOrEqual(4);
    for (const [f, s] of books) {
      const kinds = (name: string) => s.kinds![String(REPORT31_HEADER.indexOf(name))];
      for (const code of ["Mã CN", "Mã PGD", "Mã xã", "Mã thôn", "Mã tổ", "Mã ĐVUT", "Mã KH", "Số khế ước", "Mã CT", "Số CMND"]) expect(kinds(code), `${f} ${code}`).toEqual(["s"]);
      for (const money of [...BALANCES, "Lãi tồn TH", "Thu nợ TH tháng", "Gốc đã trả"]) expect(kinds(money), `${f} ${money}`).toEqual(["n"]);
      for (const date of ["Ngày số liệu", "Ngày vay", "Ngày ĐH theo hợp đồng"]) expect(kinds(date), `${f} ${date}`).toEqual(["d:dd/mm/yyyy"]);
      for (const date of ["Ngày sinh", "Ngày giao dịch gần nhất"]) expect(kinds(date), `${f} ${date}`).toEqual(["s"]);
    }
  });

  it("lists the same loans with the same balances and flows as the simple layout, per data date", () => {
    expect(simple.size).toBe(14);
    for (const [date, s] of simple) {
      const { tables } = listing(date);
      const real = [...tables.values()].flatMap((t) => t.rows);
      expect(real.length, date).toBe(s.rows.length);
      for (const name of BALANCES) {
        const sum = (rows: string[][], t: Table) => rows.reduce((a, r) => a + Number(column(t, name)(r)), 0);
        const anyReal = [...tables.values()][0]!;
        expect(sum(real, anyReal), `${date} ${name}`).toBe(sum(s.rows, s));
      }
      // Loan by loan: every column that carries a simple-layout column holds its value.
      const byLoan = new Map(s.rows.map((r) => [column(s, "Số khế ước")(r), r]));
      const m = new Mismatches();
      for (const t of tables.values()) {
        const realLoan = column(t, "Số khế ước");
        for (const r of t.rows) {
          const sr = byLoan.get(realLoan(r)) ?? [];
          const what = `${date} ${realLoan(r)}`;
          for (const [realName, simpleName] of Object.entries(SAME_AS_SIMPLE)) m.equal(column(t, realName)(r), column(s, simpleName)(sr), `${what} ${realName}`);
          m.equal(column(t, "Mã CN")(r), column(s, "Mã CN")(sr), `${what} Mã CN`);
          m.equal(column(t, "Mã ĐVUT")(r), IMS[column(s, "Mã ĐVUT")(sr)] ?? "", `${what} Mã ĐVUT`);
        }
      }
      expect(m.found, date).toEqual([]);
      expect(m.checked).toBe(s.rows.length * (Object.keys(SAME_AS_SIMPLE).length + 2));
    }
  });

  it("splits a month per PGD into files that together hold each of its loans exactly once", () => {
    for (const d of SPLIT) {
      const { files, tables } = listing(vnFromName(d));
      const ids: string[] = [];
      for (const [f, t] of tables) {
        const pgd = f.split("_")[1]!;
        expect(pgd.startsWith("0051")).toBe(true);
        expect(new Set(t.rows.map(column(t, "Mã PGD"))), f).toEqual(new Set([pgd]));
        ids.push(...t.rows.map(column(t, "Số khế ước")));
      }
      expect(files.length).toBe(new Set(files).size);
      const s = simple.get(vnFromName(d))!;
      expect(ids.length, d).toBe(new Set(ids).size);
      expect(new Set(ids), d).toEqual(new Set(s.rows.map(column(s, "Số khế ước"))));
    }
  });

  it("codes the unions as IMS does (11–14) with their names beside, empty only for direct loans", () => {
    const seen = new Set<string>();
    for (const [f, s] of sheets) {
      if (!f.startsWith("HSTD_")) continue;
      const t = table(s.rows, 4);
      const [code, name, group, kind] = ["Mã ĐVUT", "Tên ĐVUT", "Mã tổ", "Hình thức vay"].map((n) => column(t, n));
      for (const r of t.rows) {
        seen.add(code!(r));
        if (group!(r) === "0000000") expect([code!(r), name!(r), kind!(r)]).toEqual(["", "", "Trực tiếp"]);
        else expect([name!(r), kind!(r)]).toEqual([UNION_NAMES[code!(r)], "Ủy thác qua tổ"]);
      }
    }
    expect([...seen].sort()).toEqual(["", "11", "12", "13", "14"]);
  });

  it("keeps the quarter and year sums equal to the months' figures, where the data covers the period", () => {
    // Month by month (dd/mm/yyyy → rows by loan), for the periods wholly in the data (from 30/09/2025).
    const months = [...simple.keys()].map((d) => {
      const { tables } = listing(d);
      const rows = new Map<string, (name: string) => string>();
      for (const t of tables.values()) for (const r of t.rows) rows.set(column(t, "Số khế ước")(r), (name) => column(t, name)(r));
      const [, mm, yyyy] = d.split("/").map(Number) as [number, number, number];
      return { ym: yyyy * 12 + mm - 1, rows };
    });
    const first = Math.min(...months.map((m) => m.ym));
    const twins: [string, string, number][] = [
      ["Thu nợ TH Quý", "Thu nợ TH tháng", 3],
      ["Thu nợ TH Năm", "Thu nợ TH tháng", 12],
      ["CQH trong Quý", "Chuyển QH trong tháng", 3],
      ["CQH Năm", "Chuyển QH trong tháng", 12],
      ["Xóa trong Năm", "Gốc xóa trong tháng", 12],
    ];
    const m = new Mismatches();
    let nonZero = 0;
    for (const month of months) {
      for (const [total, monthly, length] of twins) {
        const start = month.ym - (month.ym % length);
        if (start < first) continue;
        for (const [loan, value] of month.rows) {
          let sum = 0;
          for (const other of months) if (other.ym >= start && other.ym <= month.ym) sum += Number(other.rows.get(loan)?.(monthly) ?? 0);
          m.equal(Number(value(total)), sum, `${loan} ${total} ${month.ym}`);
          if (sum > 0) nonZero++;
        }
      }
    }
    expect(m.found).toEqual([]);
    expect(m.checked).toBeGreaterThan(100_000);
    expect(nonZero).toBeGreaterThan(1000);
  });

  it("extends a few loans by twelve months and says so in the extension columns", () => {
    const { tables } = listing("31/10/2026");
    let loans = 0;
    let extended = 0;
    for (const t of tables.values()) {
      const [due, extendedTo, times, last, status] = ["Ngày ĐH theo hợp đồng", "Ngày ĐH theo Gia hạn", "Số lần gia hạn", "Ngày gia hạn gần nhất", "Tình trạng món vay"].map((n) => column(t, n));
      for (const r of t.rows) {
        loans++;
        if (extendedTo!(r) === "") {
          expect([times!(r), last!(r)]).toEqual(["0", ""]);
          continue;
        }
        extended++;
        const [dd, mm, yyyy] = due!(r).split("/");
        expect(extendedTo!(r)).toBe(`${dd}/${mm}/${Number(yyyy) + 1}`);
        expect([times!(r), last!(r)]).toEqual(["1", due!(r)]);
        if (status!(r) === "Trong hạn") throw new Error("an extended loan listed as Trong hạn");
      }
    }
    expect(extended).toBeGreaterThan(0);
    expect(extended / loans).toBeLessThan(0.05);
  });
});

describe("the real group scoring (CDTOTKVV)", () => {
  it("is the bank's sheet: title rows, header on row 9 or 10, ĐVUT as short names, no data-date column, the same groups and scores", () => {
    const simpleFiles = readdirSync(simpleDir).filter((f) => f.startsWith("CDTOTKVV_"));
    expect(simpleFiles).toHaveLength(14);
    const headerRows = new Set<number>();
    const unions = new Set<string>();
    for (const sf of simpleFiles) {
      const s = table(readCsv(join(simpleDir, sf)), 0);
      const date = s.rows[0]![0]!;
      const name = `CDTOTKVV_0051_${ddmmyyyy(date)}.${date === "31/10/2026" ? "xlsx" : "csv"}`;
      const sheet = sheets.get(name);
      expect(sheet, name).toBeDefined();
      if (name.endsWith(".xlsx")) expect(sheet!.sheets).toEqual(["Sheet1"]);
      const h = sheet!.rows.findIndex((r) => r[0] === "STT");
      headerRows.add(h + 1);
      const titles = sheet!.rows.slice(0, h).flatMap((r) => r.filter((c) => c !== ""));
      const [, mm, yyyy] = date.split("/");
      expect(titles.slice(0, 4)).toEqual(["NGÂN HÀNG CHÍNH SÁCH XÃ HỘI", "CHI NHÁNH TỈNH MINH SƠN", "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM TỔ TK&VV", `Tháng ${Number(mm)} năm ${yyyy}`]);
      for (const t of titles.filter((x) => x.startsWith("Ngày số liệu"))) expect(t).toBe(`Ngày số liệu: ${date}`);
      const r = table(sheet!.rows, h);
      expect(r.header).not.toContain("Ngày số liệu");
      expect(r.rows.map((x) => x[0])).toEqual(r.rows.map((_, i) => String(i + 1)));
      expect(r.rows.length).toBe(s.rows.length);
      const byGroup = new Map(r.rows.map((x) => [column(r, "Mã tổ")(x), x]));
      for (const sr of s.rows) {
        const rr = byGroup.get(column(s, "Mã tổ")(sr))!;
        expect(rr).toBeDefined();
        for (const head of s.header.filter((x) => x !== "Ngày số liệu" && x !== "Mã ĐVUT")) expect(column(r, head)(rr), head).toBe(column(s, head)(sr));
        unions.add(column(r, "ĐVUT")(rr));
        expect(SHORT_NAMES[column(s, "Mã ĐVUT")(sr)]).toContain(column(r, "ĐVUT")(rr));
      }
    }
    expect([...headerRows].sort((a, b) => a - b)).toEqual([9, 10]);
    expect([...unions].sort()).toEqual(["DTN", "HCCB", "HND", "HPN", "ĐTN"]);
  });
});

describe("the other kinds in the real layout", () => {
  // Simple name → real name: four-digit Mã CN, ddmmyyyy dates; the union column as each kind writes it.
  const realName = (f: string) => f.replace("_051", "_0051").replace(/_(\d{4})(\d\d)(\d\d)\.csv$/, "_$3$2$1.csv");
  const unionAs: Record<string, (code: string) => string> = {
    TIETKIEM: (c) => IMS[c]!,
    PHIUYTHAC: (c) => IMS[c]!,
    XLRR: (c) => IMS[c] ?? "",
    DOICHIEU: (c) => IMS[c] ?? "",
    CHITIEU: (c) => IMS[c] ?? "",
    KIEMTRA: (c) => FULL_NAMES[c]!,
    DMDONVI: (c) => c,
  };

  it("keep their columns and rows, with ddmmyyyy names, IMS codes or union names, and the four-digit branch code", () => {
    const simpleFiles = readdirSync(simpleDir).filter((f) => Object.keys(unionAs).includes(f.split("_")[0]!));
    expect(simpleFiles.length).toBeGreaterThan(30);
    const expected = simpleFiles.map(realName).sort();
    expect(realFiles.filter((f) => Object.keys(unionAs).includes(f.split("_")[0]!))).toEqual(expected);
    expect(expected).toContain("TIETKIEM_0051_31102026.csv");
    for (const f of simpleFiles) {
      const kind = f.split("_")[0]!;
      const delimiter = kind === "CHITIEU" ? ";" : ",";
      const s = table(readCsv(join(simpleDir, f), delimiter), 0);
      const r = table(readCsv(join(realDir, realName(f)), delimiter), 0);
      expect(r.header, f).toEqual(s.header);
      expect(r.rows.length, f).toBe(s.rows.length);
      const u = s.header.indexOf("Mã ĐVUT");
      const mapped = s.rows.map((row) => row.map((v, i) => (i === u ? unionAs[kind]!(v) : v)));
      expect(r.rows, f).toEqual(mapped);
    }
  });
});

describe("determinism", () => {
  it("writes byte-identical real-layout files, workbooks included, for the same seed", () => {
    const options = { seed: 5, borrowers: 1500, months: 3, endMonth: "2026-01", layout: "real" as const };
    const digest = (folder: string) =>
      Object.fromEntries(readdirSync(folder).sort().map((f) => [f, createHash("sha256").update(readFileSync(join(folder, f))).digest("hex")]));
    generateDemo({ outDir: join(dir.path, "a"), ...options });
    generateDemo({ outDir: join(dir.path, "b"), ...options });
    const a = digest(join(dir.path, "a"));
    expect(Object.keys(a).filter((f) => f.endsWith(".xlsx")).length).toBeGreaterThanOrEqual(3);
    expect(digest(join(dir.path, "b"))).toEqual(a);
  });
});
