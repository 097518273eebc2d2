// A property over cell formats: rows whose amounts, dates and codes are written in randomly chosen
// forms, accepted and unacceptable, each with the true value known from generating it, go through
// the real ingest as one CSV (sometimes under a title row «Đơn vị tính: …»). Every value is loaded
// exactly equal to its truth, or its row is refused with a reason naming the column that cannot be
// read exactly; a row whose every cell is written in an accepted form is loaded. Never changed.
//
// Each written form carries what the file means by it: "load" (one reading, the truth), "refuse"
// (no reading gives the truth: a fraction of a đồng, an exponent Excel rounded, an unknown union)
// or "either" (a form the contract may accept or refuse, e.g. a currency sign or «1.234», which
// reads two ways; when loaded it must be the truth).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFolder } from "../../data-loaders/ingest/ingest.js";
import { query, tempDir, type TempDir } from "../helpers/warehouse.js";

type Verdict = "load" | "refuse" | "either";
interface Written {
  text: string;
  verdict: Verdict;
  /** How it was made, for messages. */
  how: string;
}

// ── Amounts ─────────────────────────────────────────────────────────────────────────────────────

const group = (digits: string, sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
/** Looks like one thousands group or three decimals: 1.234, 12,345 (reads two ways). */
const twoWays = (t: string) => /^[1-9]\d{0,2}[.,]\d{3}$/.test(t);

/** v đồng written in a unit of 10^k đồng: integer and fraction digits of the exact quotient. */
function inUnit(v: number, k: number): { ip: string; fp: string } {
  const s = String(v).padStart(k + 1, "0");
  return { ip: s.slice(0, s.length - k) || "0", fp: k ? s.slice(s.length - k).replace(/0+$/, "") : "" };
}

const AMOUNT_FORMS = ["plain", "plainComma", "vn", "en", "vnPad", "enPad", "plainPad", "space", "nbsp", "dash", "fraction", "fractionVn", "exponent"] as const;
const WRAPS = ["none", "none", "none", "blanks", "suffix", "zeroWidth", "apostrophe"] as const;
const SUFFIXES = [" đ", "đ", " VNĐ", " đồng", " vnd"];

function amount(v: number, k: number, form: (typeof AMOUNT_FORMS)[number], wrap: (typeof WRAPS)[number], pick: number): Written {
  const { ip, fp } = inUnit(v, k);
  let text: string;
  let verdict: Verdict = "load";
  // Decimals that would look like a thousands group get a trailing zero: 1,2340 means 1,234 and
  // reads one way only. (The default reading of a lone «1,234» is thousands, by design.)
  const dec = (whole: string, sep: string) => (fp ? `${whole}${sep}${twoWays(`${whole}${sep}${fp}`) ? `${fp}0` : fp}` : whole);
  const frac = (sep: string) => dec(ip, sep);
  switch (form) {
    case "plain":
      text = frac(".");
      break;
    case "plainComma":
      text = frac(",");
      break;
    case "vn":
      text = dec(group(ip, "."), ",");
      if (twoWays(text)) verdict = "either";
      break;
    case "en":
      text = dec(group(ip, ","), ".");
      if (twoWays(text)) verdict = "either";
      break;
    case "vnPad":
      text = fp ? dec(group(ip, "."), ",") : `${group(ip, ".")},00`;
      break;
    case "enPad":
      text = fp ? dec(group(ip, ","), ".") : `${group(ip, ",")}.00`;
      break;
    case "plainPad":
      text = fp ? frac(",") : `${ip}${pick % 2 ? ",00" : ".00"}`;
      break;
    case "space":
    case "nbsp":
      text = fp ? frac(",") : group(ip, form === "space" ? " " : "\u00a0");
      break;
    case "dash":
      text = v === 0 ? (pick % 2 ? "-" : " - ") : frac(".");
      break;
    case "fraction":
    case "fractionVn": {
      // Half a đồng more: no reading is a whole number of đồng.
      const digits = (fp.padEnd(k, "0") + "5").replace(/^$/, "5");
      text = `${form === "fraction" ? ip : group(ip, ".")}${form === "fraction" ? "." : ","}${digits}`;
      verdict = "refuse";
      break;
    }
    case "exponent": {
      if (k !== 0 || v < 1_000_000) {
        text = frac(".");
        break;
      }
      // Excel's General format in a narrow column: six significant digits.
      const [m, e] = v.toExponential(5).split("e");
      const mantissa = m!.replace(/\.?0+$/, "");
      text = `${mantissa}E+${e!.replace("+", "").padStart(2, "0")}`;
      verdict = Number(text) === v ? "either" : "refuse";
      break;
    }
  }
  if (verdict !== "refuse") {
    if (wrap === "blanks") text = ` ${text} `;
    else if (wrap === "suffix") [text, verdict] = [text + SUFFIXES[pick % SUFFIXES.length]!, verdict === "load" ? "either" : verdict];
    else if (wrap === "zeroWidth") [text, verdict] = [`\u200b${text}`, "either"];
    else if (wrap === "apostrophe") [text, verdict] = [`'${text}`, "either"];
  }
  return { text, verdict, how: `${form}/${wrap}` };
}

// ── Dates ───────────────────────────────────────────────────────────────────────────────────────

type DateOrder = "dm" | "md" | "mixed";
const DATE_FORMS = ["slash", "slashShort", "dash", "dot", "iso", "serial", "withTime"] as const;
const pad = (n: number) => String(n).padStart(2, "0");

function dateText(d: Date, form: (typeof DATE_FORMS)[number], monthFirst: boolean, order: DateOrder): Written {
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const [a, b] = monthFirst ? [m, day] : [day, m];
  const dmyVerdict = (): Verdict => {
    if (day === m) return "load";
    if (order === "dm") return "load";
    // Month first is read only when the column proves it; a mixed column cannot place 05/06.
    return "either";
  };
  switch (form) {
    case "slash":
      return { text: `${pad(a)}/${pad(b)}/${y}`, verdict: dmyVerdict(), how: `${form}${monthFirst ? " m/d" : ""}` };
    case "slashShort":
      return { text: `${a}/${b}/${y}`, verdict: dmyVerdict(), how: `${form}${monthFirst ? " m/d" : ""}` };
    case "dash":
      return { text: `${pad(a)}-${pad(b)}-${y}`, verdict: monthFirst ? "either" : dmyVerdict(), how: form };
    case "dot":
      return { text: `${pad(a)}.${pad(b)}.${y}`, verdict: monthFirst ? "either" : dmyVerdict(), how: form };
    case "iso":
      return { text: `${y}-${pad(m)}-${pad(day)}`, verdict: "load", how: form };
    case "serial":
      return { text: String(Math.round((d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000)), verdict: "load", how: form };
    case "withTime":
      return { text: `${pad(a)}/${pad(b)}/${y} 00:00:00`, verdict: "either", how: form };
  }
}

// ── Codes and unions ────────────────────────────────────────────────────────────────────────────

const CODE_WRAPS = ["none", "none", "zwStart", "zwEnd", "zwInside", "apostrophe", "tabStart", "tabEnd", "nbspEnd", "blanks", "bom"] as const;
function code(truth: string, wrap: (typeof CODE_WRAPS)[number]): Written {
  const text = {
    none: truth,
    zwStart: `\u200b${truth}`,
    zwEnd: `${truth}\u200b`,
    zwInside: `${truth.slice(0, 2)}\u200b${truth.slice(2)}`,
    apostrophe: `'${truth}`,
    tabStart: `\t${truth}`,
    tabEnd: `${truth}\t`,
    nbspEnd: `${truth}\u00a0`,
    blanks: ` ${truth} `,
    bom: `\ufeff${truth}`,
  }[wrap];
  return { text, verdict: "load", how: wrap };
}

const UNION_SPELLINGS: Record<string, string[]> = {
  "01": ["01", "1", "11", "HND", "Hội Nông dân", "Hoi Nong dan", "hội nông dân", "Hội ND"],
  "02": ["02", "2", "12", "HPN", "Hội LHPN", "Hội Liên hiệp Phụ nữ", "Hoi Phu nu", "Hội Phụ nữ"],
  "03": ["03", "3", "13", "HCCB", "Hội Cựu chiến binh", "Hoi CCB", "Hội CCB"],
  "04": ["04", "4", "14", "ĐTN", "DTN", "Đoàn TNCS Hồ Chí Minh", "Doan Thanh nien", "Đoàn Thanh niên"],
};
const UNKNOWN_UNIONS = ["HTX", "05", "99", "Hội Doanh nhân", "CĐ"];

// ── A file ──────────────────────────────────────────────────────────────────────────────────────

const HEADER = ["Mã CN", "Mã PGD", "Mã xã", "Mã tổ", "Mã ĐVUT", "Mã KH", "Tên KH", "Số khế ước", "Mã CT", "Ngày vay",
  "Dư nợ trong hạn", "Dư nợ quá hạn", "Dư nợ khoanh", "Tổng dư nợ", "Giải ngân trong tháng"] as const;
type Header = (typeof HEADER)[number];
const AMOUNTS: [Header, string][] = [["Dư nợ trong hạn", "balance_performing"], ["Dư nợ quá hạn", "balance_overdue"], ["Dư nợ khoanh", "balance_frozen"], ["Tổng dư nợ", "balance_total"], ["Giải ngân trong tháng", "disbursed_in_month"]];

interface Truth {
  name: string;
  pgd_code: string;
  union_code: string | null;
  customer_id: string;
  loan_id: string;
  disbursed_on: string;
  balance_performing: number;
  balance_overdue: number;
  balance_frozen: number;
  balance_total: number;
  disbursed_in_month: number;
}
interface Row {
  truth: Truth;
  cells: Record<Header, Written>;
}

const UNITS = [
  { k: 0, title: null },
  { k: 0, title: "Đơn vị tính: đồng" },
  { k: 3, title: "Đơn vị tính: 1.000 đồng" },
  { k: 3, title: "ĐVT: nghìn đồng" },
  { k: 6, title: "Đơn vị tính: triệu đồng" },
  { k: 6, title: "ĐVT: Trđ" },
];

const amountArb = fc.record({ form: fc.constantFrom(...AMOUNT_FORMS), wrap: fc.constantFrom(...WRAPS), pick: fc.nat(99) });
const rowArb = fc.record({
  performing: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1000, max: 999_999 }), fc.integer({ min: 1_000_000, max: 2_000_000_000 }), fc.constantFrom(20_000_000, 1_500_000, 90_000_000)),
  overdue: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 50_000_000 })),
  frozen: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 9_000_000 })),
  flow: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 100_000_000 })),
  blankFlow: fc.boolean(),
  forms: fc.record({ p: amountArb, o: amountArb, f: amountArb, t: amountArb, g: amountArb }),
  day: fc.integer({ min: Date.UTC(2015, 0, 1) / 86_400_000, max: Date.UTC(2026, 10, 30) / 86_400_000 }),
  dateForm: fc.constantFrom(...DATE_FORMS),
  monthFirst: fc.boolean(),
  union: fc.constantFrom("01", "02", "03", "04"),
  unionSpelling: fc.nat(20),
  unknownUnion: fc.nat(24),
  customer: fc.oneof(fc.stringMatching(/^00\d{5,8}$/), fc.stringMatching(/^KH\d{4,7}$/)),
  codeWraps: fc.record({ kh: fc.constantFrom(...CODE_WRAPS), ku: fc.constantFrom(...CODE_WRAPS) }),
  shortPgd: fc.boolean(),
});
const fileArb = fc.record({
  unit: fc.nat(UNITS.length - 1),
  delimiter: fc.constantFrom(",", ";"),
  order: fc.constantFrom<DateOrder>("dm", "md", "mixed"),
  rows: fc.array(rowArb, { minLength: 60, maxLength: 160 }),
});

type FileSpec = typeof fileArb extends fc.Arbitrary<infer F> ? F : never;
type AmountSpec = typeof amountArb extends fc.Arbitrary<infer A> ? A : never;

function build(file: FileSpec): { rows: Row[]; k: number; title: string | null } {
  const { k, title } = UNITS[file.unit]!;
  const rows = file.rows.map((r, n): Row => {
    const d = new Date(r.day * 86_400_000);
    // The column's date order: a d/m file, an English-locale m/d file, or both mixed.
    let monthFirst = file.order === "md" || (file.order === "mixed" && r.monthFirst);
    let date = d;
    // Each order proven in its column: the first rows carry a day above 12.
    if (n < 2 && file.order !== "dm") {
      date = new Date(Date.UTC(2024, 2, 15 + n));
      monthFirst = file.order === "md" || n === 0;
    }
    const form = n < 2 && file.order !== "dm" ? "slash" : r.dateForm;
    const unknown = r.unknownUnion === 0;
    const spelling = unknown ? UNKNOWN_UNIONS[r.unionSpelling % UNKNOWN_UNIONS.length]! : UNION_SPELLINGS[r.union]![r.unionSpelling % UNION_SPELLINGS[r.union]!.length]!;
    const flow = r.blankFlow ? 0 : r.flow;
    const truth: Truth = {
      name: `Hộ vay ${n}`,
      pgd_code: "051101",
      union_code: unknown ? null : r.union,
      customer_id: r.customer,
      loan_id: `FZ-${String(n).padStart(4, "0")}`,
      disbursed_on: date.toISOString().slice(0, 10),
      balance_performing: r.performing,
      balance_overdue: r.overdue,
      balance_frozen: r.frozen,
      balance_total: r.performing + r.overdue + r.frozen,
      disbursed_in_month: flow,
    };
    const money = (v: number, f: AmountSpec) => amount(v, k, f.form, f.wrap, f.pick);
    const cells: Record<Header, Written> = {
      "Mã CN": { text: "051", verdict: "load", how: "" },
      "Mã PGD": { text: r.shortPgd ? "51101" : "051101", verdict: "load", how: r.shortPgd ? "short" : "" },
      "Mã xã": { text: "021000", verdict: "load", how: "" },
      "Mã tổ": { text: "0100001", verdict: "load", how: "" },
      "Mã ĐVUT": { text: spelling, verdict: unknown ? "refuse" : "load", how: unknown ? "unknown" : "alias" },
      "Mã KH": code(r.customer, r.codeWraps.kh),
      "Tên KH": { text: truth.name, verdict: "load", how: "" },
      "Số khế ước": code(truth.loan_id, r.codeWraps.ku),
      "Mã CT": { text: "01", verdict: "load", how: "" },
      "Ngày vay": dateText(date, form, monthFirst, file.order),
      "Dư nợ trong hạn": money(truth.balance_performing, r.forms.p),
      "Dư nợ quá hạn": money(truth.balance_overdue, r.forms.o),
      "Dư nợ khoanh": money(truth.balance_frozen, r.forms.f),
      "Tổng dư nợ": money(truth.balance_total, r.forms.t),
      "Giải ngân trong tháng": r.blankFlow ? { text: "", verdict: "load", how: "blank" } : money(flow, r.forms.g),
    };
    return { truth, cells };
  });
  return { rows, k, title };
}

function csv(rows: Row[], delimiter: string, title: string | null): { text: string; firstLine: number } {
  const quote = (c: string) => (c.includes(delimiter) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c);
  const head = title ? [title, ""] : [];
  const lines = [...head, HEADER.join(delimiter), ...rows.map((r) => HEADER.map((h) => quote(r.cells[h].text)).join(delimiter))];
  return { text: `${lines.join("\r\n")}\r\n`, firstLine: head.length + 2 };
}

// ── The property ────────────────────────────────────────────────────────────────────────────────

let dir: TempDir;
beforeAll(() => {
  dir = tempDir("tdcs-fuzz-");
});
afterAll(() => dir?.remove());

interface Loaded extends Omit<Truth, "name" | "union_code"> {
  customer_name: string;
  union_code: string | null;
}

let runs = 0;
async function loadsTruly(file: FileSpec): Promise<void> {
  const { rows, title } = build(file);
  const run = ++runs;
  const exportsDir = join(dir.path, `run-${run}`);
  mkdirSync(exportsDir);
  const { text, firstLine } = csv(rows, file.delimiter, title);
  writeFileSync(join(exportsDir, "HSTD_051_20250131_fuzz.csv"), text);
  const warehouse = join(dir.path, `run-${run}.duckdb`);
  const report = await ingestFolder({ exportsDir, warehouse, models: false });
  const f = report.files[0]!;
  const problems: string[] = [];
  if (f.status !== "loaded") throw new Error(`the file was not loaded: ${f.status} ${f.message}`);
  const loaded = new Map(
    (await query<Loaded>(warehouse, `SELECT customer_name, pgd_code, union_code, customer_id, loan_id, strftime(disbursed_on, '%Y-%m-%d') AS disbursed_on,
        balance_performing, balance_overdue, balance_frozen, balance_total, disbursed_in_month FROM raw_hstd`)).map((r) => [r.customer_name, r]),
  );
  const quarantine = await query<{ line: number; column_header: string | null; reason: string }>(warehouse, `SELECT line, column_header, reason FROM quarantine`);
  if (f.rowsRead !== rows.length || f.rowsRead !== f.rowsLoaded + f.rowsRejected) problems.push(`rows: ${rows.length} written, read ${f.rowsRead} = loaded ${f.rowsLoaded} + rejected ${f.rowsRejected}?`);
  const columnOf: Record<string, Header> = { pgd_code: "Mã PGD", union_code: "Mã ĐVUT", customer_id: "Mã KH", loan_id: "Số khế ước", disbursed_on: "Ngày vay", ...Object.fromEntries(AMOUNTS.map(([h, k]) => [k, h])) };
  rows.forEach((row, n) => {
    const line = firstLine + n;
    const shown = (h: Header) => `«${h}» ${JSON.stringify(row.cells[h].text)} (${row.cells[h].how}, ${row.cells[h].verdict})`;
    const got = loaded.get(row.truth.name);
    const reasons = quarantine.filter((q) => q.line === line);
    const refused = HEADER.filter((h) => row.cells[h].verdict === "refuse");
    const either = HEADER.filter((h) => row.cells[h].verdict === "either");
    if (got) {
      // Loaded: every value exactly what the file means.
      for (const [key, header] of Object.entries(columnOf)) {
        const want = (row.truth as unknown as Record<string, unknown>)[key];
        const have = (got as unknown as Record<string, unknown>)[key];
        if (want !== have) problems.push(`line ${line}: ${shown(header)} loaded as ${JSON.stringify(have)}, the file means ${JSON.stringify(want)}`);
      }
      for (const h of refused) problems.push(`line ${line}: ${shown(h)} cannot be loaded exactly, yet the row was loaded`);
      if (reasons.length) problems.push(`line ${line}: loaded and also in the quarantine (${reasons.map((q) => q.reason).join("; ")})`);
      return;
    }
    if (reasons.length === 0) {
      problems.push(`line ${line}: neither loaded nor rejected`);
      return;
    }
    const named = new Set(reasons.map((q) => q.column_header));
    for (const h of refused) if (!named.has(h)) problems.push(`line ${line}: ${shown(h)} refused without naming «${h}» (${reasons.map((q) => `${q.column_header}: ${q.reason}`).join("; ")})`);
    if (refused.length === 0 && !either.some((h) => named.has(h))) {
      problems.push(`line ${line}: every cell is written in an accepted form, yet the row was refused: ${reasons.map((q) => `«${q.column_header}»: ${q.reason}`).join("; ")} — cells ${HEADER.map(shown).join(", ")}`);
    }
  });
  if (problems.length) {
    throw new Error(`${problems.length} problem(s), unit 10^${build(file).k}${title ? ` («${title}»)` : ""}, «${file.delimiter}», dates ${file.order}:\n${problems.slice(0, 25).join("\n")}`);
  }
}

describe("cells written in any form", () => {
  it("are loaded exactly as the file means, or their row is refused naming the column; never changed", async () => {
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
    const out = await fc.check(fc.asyncProperty(fileArb, loadsTruly), { numRuns: Number(process.env.FUZZ_RUNS ?? 6), seed, endOnFailure: true });
    expect(out.failed, out.failed ? `seed ${out.seed} (FUZZ_SEED=${out.seed} to repeat): ${(out.errorInstance as Error)?.message}` : "").toBe(false);
  });
});
