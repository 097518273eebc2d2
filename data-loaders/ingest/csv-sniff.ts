// Finds how a UTF-8 CSV export is laid out before DuckDB reads it: delimiter, which record holds
// the header (title rows may come first, the header may take two rows under merged cells), what
// kind of export the header names, and what the title rows say (data date, unit of amounts).
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { exportKinds, type ExportKind } from "../contract/exports.js";
import { detectKind, matchHeaders, type HeaderMatch } from "../contract/headers.js";
import { readTitleRows, type TitleInfo } from "./title-rows.js";

export interface CsvLayout {
  delimiter: string;
  /** How records end: Excel writes "\r\n", with "\n" inside quoted cells. */
  newline: "\r\n" | "\n";
  /** Records before the first data record (title rows and the header): DuckDB's `skip`. */
  skipRecords: number;
  /** 1-based line of the header row (the first of two). */
  headerLine: number;
  /** Line of the header's last row: data records start after it. */
  lastHeaderLine: number;
  headers: string[];
  match: HeaderMatch;
  title: TitleInfo;
  /** Non-empty rows above the header. */
  titleRows: number;
}

/** recognised: false when no header row resembles any export (a sheet of notes, another table). */
export type SniffResult = { ok: true; layout: CsvLayout } | { ok: false; message: string; recognised: boolean };

const HEAD_BYTES = 256 * 1024;
const MAX_HEAD_BYTES = 64 * 1024 * 1024;
const MAX_TITLE_ROWS = 30;
const DELIMITERS = [",", ";", "\t"];

/** named: the kind the file's name gives, if any; a file lacking its columns is compared to it. */
export function sniffCsv(path: string, named?: ExportKind): SniffResult {
  // A huge first data row (a long note) must not make a file look header-only: read on until one
  // whole record follows the header.
  for (let bytes = HEAD_BYTES; ; bytes *= 8) {
    const { head, whole } = readHead(path, bytes);
    const result = sniffText(head.toString("utf8"), named, whole);
    if (whole || bytes >= MAX_HEAD_BYTES || !(result.ok === false && result.recognised && /chỉ có dòng tiêu đề/.test(result.message))) return result;
  }
}

interface Record {
  line: number;
  text: string;
}

/** Records of a text: a quoted value may span lines. A record cut at the end of the text is dropped unless the text is whole. */
export function records(text: string, whole = true): Record[] {
  const out: Record[] = [];
  let line = 1;
  let start = 0;
  let startLine = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === 10) {
      if (!quoted) {
        out.push({ line: startLine, text: text.slice(start, i).replace(/\r$/, "") });
        start = i + 1;
        startLine = line + 1;
      }
      line++;
    }
  }
  if (whole && start < text.length) out.push({ line: startLine, text: text.slice(start).replace(/\r$/, "") });
  return out;
}

/** How the first record ends, line breaks inside quoted cells aside. */
function recordNewline(text: string): "\r\n" | "\n" {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === 10 && !quoted) return text.charCodeAt(i - 1) === 13 ? "\r\n" : "\n";
  }
  return "\n";
}

/** The layout from the first records of a file; `whole`: the text is the entire file. */
export function sniffText(head: string, named?: ExportKind, whole = true): SniffResult {
  const recs = records(head.replace(/^\uFEFF/, ""), whole).filter((r) => r.text.replace(/\u001a/g, "").trim() !== "");
  if (recs.length === 0) return { ok: false, message: "tệp rỗng", recognised: false };
  let best: { closest: HeaderMatch; line: number } | undefined;
  for (let i = 0; i < Math.min(recs.length, MAX_TITLE_ROWS); i++) {
    for (const delimiter of DELIMITERS) {
      if (!recs[i]!.text.includes(delimiter)) continue;
      const top = splitCsvLine(recs[i]!.text, delimiter);
      const bottom = recs[i + 1] ? splitCsvLine(recs[i + 1]!.text, delimiter) : null;
      const single = detectKind(top, { dateOptional: true });
      // A title row just above the header («Đơn vị tính: …», padded to the table's width) is no
      // header's top half: two rows are read together only when the lower one is no header alone.
      const double =
        bottom && bottom.length === top.length && top.filter((c) => c !== "").length >= 2 && !detectKind(bottom, { dateOptional: true }).ok
          ? twoRowHeader(top, bottom)
          : null;
      const found = double && (!single.ok || double.match.matched > single.match.matched) ? { ...double, rows: 2 } : single.ok ? { headers: top, match: single.match, rows: 1 } : null;
      if (found) {
        const headerRows = found.rows;
        const data = recs.slice(i + headerRows);
        const lastHeader = recs[i + headerRows - 1]!;
        if (data.length === 0) {
          return { ok: false, message: `tệp chỉ có dòng tiêu đề (dòng ${recs[i]!.line}), không có dòng dữ liệu nào`, recognised: true };
        }
        const titles = recs.slice(0, i);
        const title = readTitleRows(titles.map((r) => ({ line: r.line, cells: splitCsvLine(r.text, delimiter) })));
        // DuckDB skips records, blank ones included.
        const skipRecords = records(head.replace(/^\uFEFF/, ""), whole).filter((r) => r.line <= lastHeader.line).length;
        return {
          ok: true,
          layout: {
            delimiter,
            newline: recordNewline(head),
            skipRecords,
            headerLine: recs[i]!.line,
            lastHeaderLine: lastHeader.line + (lastHeader.text.match(/\n/g)?.length ?? 0),
            headers: found.headers,
            match: found.match,
            title,
            titleRows: titles.length,
          },
        };
      }
      const closest = named ? matchHeaders(named, top, { dateOptional: true }) : single.ok ? single.match : single.closest;
      if (!best || closest.matched > best.closest.matched) best = { closest, line: recs[i]!.line };
    }
  }
  if (!best || best.closest.matched < 2) {
    return { ok: false, message: "không nhận ra loại tệp: không có dòng tiêu đề nào khớp với một loại tệp xuất trong README", recognised: false };
  }
  const { kind, missingRequired } = best.closest;
  return {
    ok: false,
    recognised: true,
    message:
      `giống tệp ${kind.title} (tiêu đề ở dòng ${best.line}) nhưng thiếu cột bắt buộc: ` +
      missingRequired.map((c) => `«${c.header}»`).join(", "),
  };
}

/**
 * A header in two rows: a merged cell («Dư nợ») over its parts («Trong hạn», «Quá hạn» …). The
 * top row's value carries right over the empty cells a merge leaves; a column whose bottom cell is
 * empty (merged down) keeps its top name. Each column takes «top bottom» or «bottom», whichever
 * some export knows.
 */
function twoRowHeader(top: string[], bottom: string[]): { headers: string[]; match: HeaderMatch } | null {
  if (!top.some((c, i) => c === "" && bottom[i] !== "")) return null;
  let carried = "";
  const filled = top.map((c) => (c !== "" ? (carried = c) : carried));
  const headers = top.map((t, i) => {
    const b = bottom[i]!;
    if (b === "") return t;
    const joined = `${filled[i]} ${b}`.trim();
    return recognised(joined) || !recognised(b) ? joined : b;
  });
  const detection = detectKind(headers, { dateOptional: true });
  return detection.ok ? { headers, match: detection.match } : null;
}

const recognised = (name: string) => exportKinds.some((k) => matchHeaders(k, [name], { dateOptional: true }).headers[0]!.status !== "unknown");

/**
 * Labels of a totals row, in its first non-empty cell: "Tổng cộng", "Cộng", "Tổng số" or "Tổng"
 * make the grand total; "Cộng …", "Tổng cộng …" followed by more words (a PGD, a commune) a
 * subtotal.
 */
export const grandTotalLabels = ["tong cong", "cong", "tong so", "tong", "tong cong toan tinh", "tong toan tinh", "toan tinh", "toan chi nhanh"];
export const subtotalPrefixes = ["tong cong ", "cong ", "tong "];

/** The first bytes of a file, cut at a line end so no character is split. */
function readHead(path: string, bytes: number): { head: Buffer; whole: boolean } {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(bytes, size));
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n >= size) return { head: buf.subarray(0, n), whole: true };
    // At the last LF; in a file whose lines end with CR alone, at the last CR.
    const lf = buf.lastIndexOf(10, n - 1);
    return { head: buf.subarray(0, (lf === -1 ? buf.lastIndexOf(13, n - 1) : lf) + 1), whole: false };
  } finally {
    closeSync(fd);
  }
}

/** The first bytes of a file, for telling its format. */
export function readStart(path: string): Buffer {
  return readHead(path, HEAD_BYTES).head;
}

/** Splits one CSV record, honouring double quotes; line breaks inside a value become spaces. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(field);
      field = "";
    } else field += ch;
  }
  out.push(field);
  return out.map((f) => f.replace(/\s*\r?\n\s*/g, " ").trim());
}
