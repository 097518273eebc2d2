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

/**
 * Sets a union's target «NQH + khoanh ÷ DN ≤ x» in the targets file to its own ratio at the HSTD
 * file's date, rounded to two decimals as the pages show it, with no stretch value: a result that
 * equals its target once rounded. The ratio is summed here from the HSTD file's columns, not read
 * from the warehouse. Returns the target as written in the file ("0,37").
 */
export function targetAtActual(exportsDir: string, hstdFile: string, targetsFile: string, union: string): string {
  const [header, ...lines] = readFileSync(join(exportsDir, hstdFile), "utf8").trim().split("\n");
  const headers = header!.split(",");
  const at = (name: string) => headers.indexOf(name);
  let overdue = 0;
  let frozen = 0;
  let total = 0;
  for (const line of lines) {
    const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
    if (cells[at("Mã ĐVUT")] !== union) continue;
    overdue += Number(cells[at("Dư nợ quá hạn")]);
    frozen += Number(cells[at("Dư nợ khoanh")]);
    total += Number(cells[at("Tổng dư nợ")]);
  }
  const target = ((100 * (overdue + frozen)) / total).toFixed(2).replace(".", ",");
  const path = join(exportsDir, targetsFile);
  const year = hstdFile.match(/_(\d{4})\d{4}\.csv$/)![1];
  const key = `${year};${union};;TL_NQH_KHOANH;`;
  const rows = readFileSync(path, "utf8").split("\n");
  const i = rows.findIndex((r) => r.startsWith(key));
  if (i < 0) throw new Error(`no target ${key} in ${targetsFile}`);
  // Columns by their header: the file may carry more than the contract requires (Đơn vị tính …).
  const columns = rows[0]!.split(";");
  const cells = rows[i]!.split(";");
  for (const [header, value] of [["Phép so sánh", "≤"], ["Chỉ tiêu giao", target], ["Chỉ tiêu phấn đấu", ""]] as const) {
    const at = columns.indexOf(header);
    if (at < 0) throw new Error(`no column «${header}» in ${targetsFile}`);
    cells[at] = value;
  }
  rows[i] = cells.join(";");
  writeFileSync(path, rows.join("\n"));
  return target;
}
