// Small loan listings written by hand for tests: the bank's column names, one row per loan, every
// value chosen by the test. Independent of the demo generator and of the contract's code.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface Loan {
  pgd: string;
  loan: string;
  customer?: string;
  commune?: string;
  group?: string;
  union?: string;
  programme?: string;
  performing?: number;
  overdue?: number;
  frozen?: number;
  /** Extra cells by header. */
  extra?: Record<string, string | number>;
}

const base = ["Ngày số liệu", "Mã CN", "Mã PGD", "Mã xã", "Mã tổ", "Mã ĐVUT", "Mã KH", "Số khế ước", "Mã CT", "Dư nợ trong hạn", "Dư nợ quá hạn", "Dư nợ khoanh", "Tổng dư nợ"];

/** Writes an HSTD listing for `date` (dd/mm/yyyy); extra headers come after the base ones. */
export function writeListing(path: string, date: string, loans: Loan[], options: { extraHeaders?: string[]; titleRows?: string[] } = {}): void {
  const extra = options.extraHeaders ?? [];
  const lines = [...(options.titleRows ?? []), [...base, ...extra].join(",")];
  for (const l of loans) {
    const p = l.performing ?? 10_000_000;
    const o = l.overdue ?? 0;
    const f = l.frozen ?? 0;
    const cells = [
      date,
      "051",
      l.pgd,
      l.commune ?? (l.pgd === "051101" ? "021000" : "021007"),
      l.group ?? "0100001",
      l.union ?? "12",
      l.customer ?? `K${l.loan}`,
      l.loan,
      l.programme ?? "01",
      p,
      o,
      f,
      p + o + f,
      ...extra.map((h) => l.extra?.[h] ?? ""),
    ];
    lines.push(cells.join(","));
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join("\n") + "\n");
}

/** Loans A1…An of a PGD, each with the given balance. */
export const loansOf = (pgd: string, prefix: string, n: number, performing = 10_000_000): Loan[] =>
  Array.from({ length: n }, (_, i) => ({ pgd, loan: `${prefix}${i + 1}`, performing }));
