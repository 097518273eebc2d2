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
 * listing's title rows and header. Returns the borrower's name.
 */
export function addRejectedLoan(exportsDir: string, name?: string): string {
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
  writeFileSync(join(exportsDir, file.replace(/\.csv$/, "_sai.csv")), `\uFEFF${lines.join("\r\n")}\r\n`);
  return loan[header.indexOf("Tên KH")]!;
}
