// Changes to demo exports that tests need.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "./csv.js";

/** A file name's ddmmyyyy or yyyymmdd date, as yyyymmdd for sorting. */
const dateKey = (name: string) => {
  const m = /_(\d{8})(?:[_.])/.exec(name)?.[1] ?? "";
  return /^(19|20)/.test(m) ? m : `${m.slice(4)}${m.slice(2, 4)}${m.slice(0, 2)}`;
};

const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/**
 * Adds a file holding one copy of the first loan of the newest HSTD CSV, with a total that does not
 * add up (and, if given, another borrower name), so the quarantine has a row. The copy keeps the
 * listing's title rows and header. Returns the new file's name and the borrower's.
 */
export function addRejectedLoan(exportsDir: string, name?: string): { file: string; name: string } {
  const file = readdirSync(exportsDir)
    .filter((f) => f.startsWith("HSTD_") && f.endsWith(".csv"))
    .sort((a, b) => dateKey(a).localeCompare(dateKey(b)))
    .at(-1)!;
  const rows = parseCsv(readFileSync(join(exportsDir, file), "utf8"));
  const at = rows.findIndex((r) => r.includes("Tổng dư nợ"));
  const header = rows[at]!;
  const loan = [...rows[at + 1]!];
  const total = header.indexOf("Tổng dư nợ");
  loan[total] = String(Number(loan[total]) + 1);
  if (name) loan[header.indexOf("Tên KH")] = name;
  const lines = [...rows.slice(0, at + 1), loan].map((r) => r.map(quote).join(","));
  const added = file.replace(/\.csv$/, "_sai.csv");
  writeFileSync(join(exportsDir, added), `\uFEFF${lines.join("\r\n")}\r\n`);
  return { file: added, name: loan[header.indexOf("Tên KH")]! };
}

/**
 * Sets one union's province-wide target «NQH + khoanh ≤ x %» for the year of `date` (yyyymmdd) to
 * the union's own ratio on that date, rounded to two decimals as pages show it; returns x as
 * written ("0,57"). The ratio is counted from the tidy layout of the same demo (`tidyDir`, the
 * same loans: tests/demo/real-layout.test.ts), the target written into the bank-layout targets
 * file of `exportsDir`, where the union is `unionAsWritten` (its IMS code).
 */
export function targetAtActual(exportsDir: string, tidyDir: string, date: string, union: string, unionAsWritten: string): string {
  const listing = readdirSync(tidyDir).find((f) => f.startsWith("HSTD_") && f.endsWith(`_${date}.csv`))!;
  const [header, ...rows] = parseCsv(readFileSync(join(tidyDir, listing), "utf8")).filter((r) => r.length > 1);
  const at = (name: string) => header!.indexOf(name);
  let bad = 0;
  let total = 0;
  for (const r of rows.filter((r) => r[at("Mã ĐVUT")] === union)) {
    bad += Number(r[at("Dư nợ quá hạn")]) + Number(r[at("Dư nợ khoanh")]);
    total += Number(r[at("Tổng dư nợ")]);
  }
  const target = ((100 * bad) / total).toFixed(2).replace(".", ",");
  const targets = readdirSync(exportsDir).find((f) => new RegExp(`^CHITIEU_\\d+_${date.slice(0, 4)}\\.csv$`).test(f))!;
  const path = join(exportsDir, targets);
  const lines = readFileSync(path, "utf8").split("\n");
  // Columns by their header: the file may carry more than the contract requires (Đơn vị tính …).
  const columns = lines[0]!.replace(/^\uFEFF/, "").split(";");
  const col = (name: string) => columns.indexOf(name);
  const i = lines.findIndex((l) => {
    const c = l.split(";");
    return c[col("Năm")] === date.slice(0, 4) && c[col("Mã ĐVUT")] === unionAsWritten && c[col("Mã PGD")] === "" && c[col("Mã chỉ tiêu")] === "TL_NQH_KHOANH";
  });
  if (i < 0) throw new Error(`no province-wide TL_NQH_KHOANH target of union ${unionAsWritten} in ${targets}`);
  const cells = lines[i]!.split(";");
  for (const [name, value] of [["Phép so sánh", "≤"], ["Chỉ tiêu giao", target], ["Chỉ tiêu phấn đấu", ""]] as const) cells[col(name)] = value;
  lines[i] = cells.join(";");
  writeFileSync(path, lines.join("\n"));
  return target;
}
