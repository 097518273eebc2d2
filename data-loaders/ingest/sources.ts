// Turns a folder of exports into sources DuckDB can read: each a UTF-8 CSV with its layout and
// line scan. A UTF-8 CSV in NFC is read where it lies; any other CSV (UTF-16, a legacy code page,
// decomposed Unicode) and each sheet of a workbook is first streamed into a temporary UTF-8 CSV.
// A file that cannot be used gets a message saying why; nothing is silently left out.
import { createHash } from "node:crypto";
import { createReadStream, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { UserError } from "../warehouse/connection.js";
import { readStart, sniffCsv, type CsvLayout } from "./csv-sniff.js";
import { scanCsv, type CsvScan } from "./csv-scan.js";
import { crLineEnds, detectFormat, transcode } from "./encoding.js";
import { dateInName, kindInName } from "./file-name.js";
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
  /** The data date the file's name or its title rows give (ISO), and which. */
  fileDate?: string | null;
  dateSource?: string | null;
  /** Why it cannot be used. */
  problem?: string;
  /** Nothing in it resembles an export: for a workbook's sheet beside usable ones, only noted. */
  ignored?: boolean;
  /** Seconds its workbook took to convert to CSV (on the workbook's first sheet only). */
  convertSeconds?: number;
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
  const head = readStart(path);
  const format = detectFormat(head);
  if (format.format === "unusable") return [{ name, path, bytes, problem: format.message }];
  if (format.format === "xlsx") return workbookSources(path, name, bytes, tmpDir, stem);
  const crLines = crLineEnds(head);
  if (format.encoding !== "utf8" || crLines) {
    const csvPath = join(tmpDir, `${stem}.csv`);
    const sha256 = await transcode(path, csvPath, format.encoding, crLines);
    const encoding = crLines ? `${format.label} (dòng kết thúc bằng CR, kiểu Mac cũ)` : format.label;
    return [{ ...(await csvSource({ name, path, bytes, sha256, encoding, csvPath })), ignored: false }];
  }
  const source: Source = { ...(await csvSource({ name, path, bytes, encoding: format.label, csvPath: path })), ignored: false };
  if (!source.scan?.decomposed && !source.scan?.mixedNewlines) return [source];
  // Decomposed accents composed, CRLF and LF made one: lines stay where they were, so the scan
  // still holds.
  const csvPath = join(tmpDir, `${stem}.csv`);
  await transcode(path, csvPath, "utf8");
  const changes = [source.scan.decomposed ? "NFD → NFC" : "", source.scan.mixedNewlines ? "dòng kết thúc lẫn CRLF và LF" : ""].filter(Boolean);
  return [{ ...source, csvPath, layout: { ...source.layout!, newline: "\n" }, encoding: `UTF-8 (${changes.join(", ")})` }];
}

async function csvSource(s: Source & { csvPath: string }): Promise<Source> {
  const name = basename(s.path);
  const named = kindInName(name);
  const sniff = sniffCsv(s.csvPath, named);
  if (!sniff.ok) return { ...s, problem: sniff.message, ignored: !sniff.recognised };
  const { layout } = sniff;
  const kind = layout.match.kind;
  if (named && named !== kind) {
    return { ...s, problem: `tên tệp cho biết tệp ${named.title} nhưng dòng tiêu đề (dòng ${layout.headerLine}) là của tệp ${kind.title}` };
  }
  if (layout.match.conflicts.length) return { ...s, problem: layout.match.conflicts.join("; ") };
  if (layout.title.unknownUnit) {
    return { ...s, problem: `dòng tiêu đề ghi đơn vị tính «${layout.title.unknownUnit}»: chỉ nhận đồng, nghìn đồng, triệu đồng hoặc tỷ đồng` };
  }
  // A file's data date: from its name, else its title rows; the two must agree.
  const fromName = kind.dataDate ? dateInName(name) : null;
  const fromTitle = kind.dataDate ? layout.title.date : null;
  if (fromName && fromTitle && fromName !== fromTitle) {
    return { ...s, problem: `tên tệp ghi ngày ${vnDate(fromName)} nhưng dòng tiêu đề ghi ${vnDate(fromTitle)} (${layout.title.dateSource}): sửa một trong hai rồi nạp lại` };
  }
  const fileDate = fromName ?? fromTitle;
  const dateColumn = kind.dataDate !== undefined && (layout.match.positions.get(kind.dataDate) ?? -1) >= 0;
  if (kind.dataDate && !fileDate && !dateColumn) {
    return { ...s, problem: `không biết ngày số liệu: tệp không có cột «Ngày số liệu», tên tệp không có ngày (ddmmyyyy hoặc yyyymmdd) và dòng tiêu đề không ghi «Ngày số liệu: dd/mm/yyyy»` };
  }
  const dateSource = fromName ? "tên tệp" : fromTitle ? `dòng tiêu đề (${layout.title.dateSource})` : dateColumn ? "cột «Ngày số liệu»" : null;
  const scan = await scanCsv(s.csvPath, layout.lastHeaderLine);
  return { ...s, sha256: s.sha256 ?? scan.sha256, layout, scan, fileDate, dateSource };
}

const vnDate = (iso: string) => iso.split("-").reverse().join("/");

async function workbookSources(path: string, name: string, bytes: number, tmpDir: string, stem: string): Promise<Source[]> {
  let sheets;
  const started = Date.now();
  try {
    sheets = await xlsxToCsv(path, tmpDir, stem);
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return [{ name, path, bytes, problem: `tệp Excel bị hỏng hoặc bị cắt cụt, không mở được (${why})` }];
  }
  const fileHash = await sha256Of(path);
  const sources: Source[] = [];
  for (const sheet of sheets.filter((s) => s.rows > 0)) {
    const sheetName = `${name} › ${sheet.sheet}`;
    // A hidden sheet holds what the sender did not mean to send (an old month, a work copy).
    if (sheet.hidden) {
      sources.push({ name: sheetName, path, bytes, problem: "trang tính ẩn: không nạp (bỏ ẩn trang tính nếu đúng là số liệu cần nạp)", ignored: true });
      continue;
    }
    const sha256 = createHash("sha256").update(`${fileHash}\0${sheet.sheet}`).digest("hex");
    sources.push(await csvSource({ name: sheetName, path, bytes, sha256, encoding: "Excel", csvPath: sheet.path }));
  }
  if (sources.length === 0) return [{ name, path, bytes, problem: "tệp Excel không có trang tính nào có dữ liệu" }];
  sources[0]!.convertSeconds = (Date.now() - started) / 1000;
  // Sheets that resemble no export (notes, a cover page) and hidden sheets are only noted, unless
  // no sheet is usable.
  const usable = sources.some((s) => !s.problem);
  if (!usable && sources.every((s) => s.problem?.startsWith("trang tính ẩn"))) return sources.map((s) => ({ ...s, ignored: false }));
  return sources.map((s) => ({ ...s, ignored: usable && s.ignored === true }));
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
