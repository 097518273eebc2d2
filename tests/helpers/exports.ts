// Changes to demo exports that tests need.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Adds a file with one copy of the first loan of an HSTD file whose total does not add up (and,
 * if given, another borrower name), so the quarantine has a row. Returns the borrower's name.
 */
export function addRejectedLoan(exportsDir: string, hstdFile: string, name?: string): string {
  const [header, first] = readFileSync(join(exportsDir, hstdFile), "utf8").split("\n");
  const headers = header!.split(",");
  const cells = first!.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
  const total = headers.indexOf("Tổng dư nợ");
  cells[total] = String(Number(cells[total]) + 1);
  if (name) cells[headers.indexOf("Tên KH")] = name;
  writeFileSync(join(exportsDir, hstdFile.replace(/\.csv$/, "_sai.csv")), `${header}\n${cells.join(",")}\n`);
  return cells[headers.indexOf("Tên KH")]!;
}
