// Turns a folder of exports into sources DuckDB can read: each a UTF-8 CSV with its layout and
// line scan. A UTF-8 CSV in NFC is read where it lies; any other CSV (UTF-16, a legacy code page,
// decomposed Unicode) and each sheet of a workbook is first streamed into a temporary UTF-8 CSV.
// A file that cannot be used gets a message saying why; nothing is silently left out.
import { createHash } from "node:crypto";
import { createReadStream, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { UserError } from "../warehouse/connection.js";
import { readEnds, sniffCsv, type CsvLayout } from "./csv-sniff.js";
import { scanCsv, type CsvScan } from "./csv-scan.js";
import { detectFormat, transcode } from "./encoding.js";
import { kindInName } from "./file-name.js";
import { xlsxToCsv } from "./xlsx.js";

export interface Source {
  /** What messages call it: the file name, and for a workbook the sheet ("BC31.xlsx › HSTD"). */
  name: string;
  /** The export file itself. */
  path: string;
  bytes: number;
  /** SHA-256 of the file (and the sheet name, for a workbook): the same source is loaded once. */
  sha256?: string;
  /** How it was read: "UTF-8", "Windows-1258", "Excel" … */
  encoding?: string;
  /** The UTF-8 CSV DuckDB reads: the file itself or a temporary conversion. */
  csvPath?: string;
  layout?: CsvLayout;
  scan?: CsvScan;
  /** Why it cannot be used. */
  problem?: string;
  /** Nothing in it resembles an export: for a workbook's sheet beside usable ones, only noted. */
  ignored?: boolean;
}

const EXPORT_FILES = /\.(csv|txt|tsv|xlsx|xlsm|xls)$/i;

export function exportFiles(exportsDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(exportsDir).filter((n) => EXPORT_FILES.test(n) && !n.startsWith(".") && !n.startsWith("~$")).sort();
  } catch {
    throw new UserError(`Không đọc được thư mục tệp xuất ${exportsDir}.`);
  }
  return names.map((n) => join(exportsDir, n)).filter((p) => statSync(p).isFile());
}

/** Sources of one file; tmpDir receives the conversions, prefixed by `stem`. */
export async function sourcesOf(path: string, tmpDir: string, stem: string): Promise<Source[]> {
  const name = basename(path);
  const bytes = statSync(path).size;
  const format = detectFormat(readEnds(path).head);
  if (format.format === "unusable") return [{ name, path, bytes, problem: format.message }];
  if (format.format === "xlsx") return workbookSources(path, name, bytes, tmpDir, stem);
  if (format.encoding !== "utf8") {
    const csvPath = join(tmpDir, `${stem}.csv`);
    const sha256 = await transcode(path, csvPath, format.encoding);
    return [{ ...(await csvSource({ name, path, bytes, sha256, encoding: format.label, csvPath })), ignored: false }];
  }
  const source: Source = { ...(await csvSource({ name, path, bytes, encoding: format.label, csvPath: path })), ignored: false };
  if (!source.scan?.decomposed) return [source];
  // Decomposed accents: compose them; lines stay where they were, so the scan still holds.
  const csvPath = join(tmpDir, `${stem}.csv`);
  await transcode(path, csvPath, "utf8");
  return [{ ...source, csvPath, encoding: "UTF-8 (NFD → NFC)" }];
}

async function csvSource(s: Source & { csvPath: string }): Promise<Source> {
  const named = kindInName(basename(s.path));
  const sniff = sniffCsv(s.csvPath, named);
  if (!sniff.ok) return { ...s, problem: sniff.message, ignored: !sniff.recognised };
  const kind = sniff.layout.match.kind;
  if (named && named !== kind) {
    return { ...s, problem: `tên tệp cho biết tệp ${named.title} nhưng dòng tiêu đề (dòng ${sniff.layout.headerLine}) là của tệp ${kind.title}` };
  }
  const scan = await scanCsv(s.csvPath, sniff.layout.headerLine);
  return { ...s, sha256: s.sha256 ?? scan.sha256, layout: sniff.layout, scan };
}

async function workbookSources(path: string, name: string, bytes: number, tmpDir: string, stem: string): Promise<Source[]> {
  let sheets;
  try {
    sheets = await xlsxToCsv(path, tmpDir, stem);
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return [{ name, path, bytes, problem: `tệp Excel bị hỏng hoặc bị cắt cụt, không mở được (${why})` }];
  }
  const fileHash = await sha256Of(path);
  const sources: Source[] = [];
  for (const sheet of sheets.filter((s) => s.rows > 0)) {
    const sha256 = createHash("sha256").update(`${fileHash}\0${sheet.sheet}`).digest("hex");
    sources.push(await csvSource({ name: `${name} › ${sheet.sheet}`, path, bytes, sha256, encoding: "Excel", csvPath: sheet.path }));
  }
  if (sources.length === 0) return [{ name, path, bytes, problem: "tệp Excel không có trang tính nào có dữ liệu" }];
  // Sheets that resemble no export (notes, a cover page) are only noted, unless no sheet is usable.
  const usable = sources.some((s) => !s.problem);
  return sources.map((s) => ({ ...s, ignored: usable && s.ignored === true }));
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
