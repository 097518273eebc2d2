// Streams each sheet of an Excel workbook into a UTF-8 CSV that then takes the same SQL path as
// any CSV export. Line n of the CSV is row n of the sheet (gaps become blank lines, line breaks
// inside a cell become spaces), so messages name the row a user sees in Excel.
import { createWriteStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";

export interface SheetCsv {
  sheet: string;
  path: string;
  /** Rows with at least one value. */
  rows: number;
}

export async function xlsxToCsv(path: string, outDir: string, stem: string): Promise<SheetCsv[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    styles: "cache", // needed to tell date cells from numbers
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  // exceljs reads date cells through workbook.properties, undefined until xl/workbook.xml has been
  // read, which may come after the sheets in the zip: default it to the 1900 date system.
  let properties: object | undefined;
  Object.defineProperty(reader, "properties", { get: () => properties ?? {}, set: (v: object | undefined) => (properties = v) });
  const names = sheetNames(path);
  const sheets: SheetCsv[] = [];
  for await (const worksheet of reader) {
    const ws = worksheet as unknown as ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>;
    const sheet = ws.state ? ws.name : (names.get(String(ws.id)) ?? ws.name);
    const csv = join(outDir, `${stem}-${sheets.length + 1}.csv`);
    const out = createWriteStream(csv);
    let line = 0;
    let rows = 0;
    for await (const row of ws) {
      const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (!cells.some((c) => c !== "")) continue;
      const text = "\n".repeat(row.number - line - 1) + cells.map(quote).join(",") + "\n";
      line = row.number;
      rows++;
      if (!out.write(text)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    sheets.push({ sheet, path: csv, rows });
  }
  return sheets;
}

/**
 * Sheet names by the number of their part (xl/worksheets/sheet<n>.xml). exceljs names a sheet (and
 * sets its state) only when it has read the workbook's relations first and their targets are
 * relative; zip order and writers vary, so the names are read here from the two small parts.
 */
function sheetNames(path: string): Map<string, string> {
  const wanted = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels"];
  const parts = unzipSync(readFileSync(path), { filter: (f) => wanted.includes(f.name) });
  const text = (name: string) => strFromU8(parts[name] ?? new Uint8Array());
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const targets = new Map<string, string>();
  for (const tag of text(wanted[1]!).match(/<Relationship\s[^>]*>/g) ?? []) {
    const n = /worksheets\/sheet(\d+)\.xml$/.exec(attr(tag, "Target") ?? "")?.[1];
    if (n) targets.set(attr(tag, "Id")!, n);
  }
  const names = new Map<string, string>();
  for (const tag of text(wanted[0]!).match(/<sheet\s[^>]*>/g) ?? []) {
    const n = targets.get(attr(tag, "r:id") ?? "");
    if (n) names.set(n, decodeXml(attr(tag, "name") ?? ""));
  }
  return names;
}

function decodeXml(s: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(parseInt(e.slice(e[1] === "x" ? 2 : 1), e[1] === "x" ? 16 : 10)) : (named[e] ?? m),
  );
}

/** A cell as the text Excel shows, except dates (dd/mm/yyyy) and numbers (plain, 15 digits at most). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.replace(/\r?\n|\r/g, " ");
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) {
    const dd = String(v.getUTCDate()).padStart(2, "0");
    const mm = String(v.getUTCMonth() + 1).padStart(2, "0");
    return `${dd}/${mm}/${v.getUTCFullYear()}`;
  }
  if ("richText" in v) return cellText(v.richText.map((r) => r.text).join(""));
  if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
  if ("error" in v) return String(v.error);
  if ("text" in v) return cellText(v.text as ExcelJS.CellValue);
  return "";
}

function quote(s: string): string {
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
