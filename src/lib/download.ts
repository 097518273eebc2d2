// Table downloads: CSV (UTF-8 with BOM, semicolon-separated, cells written as the table shows
// them) and Excel (numbers kept as numbers in the unit the column shows). Both follow the table's
// column formats, so a download says what the screen says.
import * as fmt from "./format.js";
import { xlsx } from "./xlsx.js";

export interface DownloadColumn<R> extends fmt.CellFormat {
  label: string;
  value: (row: R) => number | string | null;
  /** A format for this row when rows of one column differ (targets of different metrics). */
  formatOf?: (row: R) => fmt.CellFormat;
}

/** The text of a column's cell, as the table and the CSV show it. */
export const cellText = <R>(c: DownloadColumn<R>, row: R) => fmt.cell(c.value(row), c.formatOf?.(row) ?? c);

const csvQuote = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function toCsv<R>(columns: DownloadColumn<R>[], rows: R[]): string {
  const lines = [columns.map((c) => csvQuote(c.label)).join(";"), ...rows.map((r) => columns.map((c) => csvQuote(cellText(c, r))).join(";"))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export function toXlsx<R>(sheet: string, columns: DownloadColumn<R>[], rows: R[]): Uint8Array {
  return xlsx(sheet, columns.map((c) => c.label), rows.map((r) => columns.map((c) => fmt.spreadsheetCell(c.value(r), c.formatOf?.(r) ?? c))));
}

export function save(name: string, data: string | Uint8Array, type: string): void {
  const blob = new Blob([data as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const csvType = "text/csv;charset=utf-8";
export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
