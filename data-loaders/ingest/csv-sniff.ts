// Finds how a UTF-8 CSV export is laid out before DuckDB reads it: delimiter, which line holds the
// header (title rows may come first), what kind of export the header names, and whether a totals
// row ("Tổng cộng") sits among the rows.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { columnsOf, type ExportKind } from "../contract/exports.js";
import { detectKind, matchHeaders, normalizeHeader, type HeaderMatch } from "../contract/headers.js";

export interface CsvLayout {
  delimiter: string;
  /** 1-based line of the header row. */
  headerLine: number;
  headers: string[];
  match: HeaderMatch;
  /**
   * strptime format when every sampled number is plain (1234567, 6.6) and every date has one
   * format: DuckDB's reader can then parse the file itself. NULL sends the file to the text path.
   */
  dateFormat: string | null;
}

/** recognised: false when no header row resembles any export (a sheet of notes, another table). */
export type SniffResult = { ok: true; layout: CsvLayout } | { ok: false; message: string; recognised: boolean };

const HEAD_BYTES = 256 * 1024;
const TAIL_BYTES = 64 * 1024;
const MAX_TITLE_LINES = 30;
const DELIMITERS = [",", ";", "\t"];
const SAMPLE_LINES = 500;

const plain = {
  money: /^-?\d+$/,
  integer: /^-?\d+$/,
  decimal: /^-?\d+(\.\d+)?$/,
} as const;
const dateFormats: [RegExp, string][] = [
  [/^\d{1,2}\/\d{1,2}\/\d{4}$/, "%d/%m/%Y"],
  [/^\d{4}-\d{2}-\d{2}$/, "%Y-%m-%d"],
];

function plainFormat(match: HeaderMatch, sample: string[][]): string | null {
  let dateFormat: string | null = null;
  for (const c of columnsOf(match.kind)) {
    const pos = match.positions.get(c.key) ?? -1;
    if (pos < 0 || c.type === "code" || c.type === "text") continue;
    for (const row of sample) {
      const v = row[pos]?.trim() ?? "";
      if (v === "") continue;
      if (c.type === "date") {
        const f = dateFormats.find(([re]) => re.test(v))?.[1];
        if (!f || (dateFormat && f !== dateFormat)) return null;
        dateFormat = f;
      } else if (!plain[c.type].test(v)) return null;
    }
  }
  return dateFormat ?? "%d/%m/%Y";
}

/** named: the kind the file's name gives, if any; a file lacking its columns is compared to it. */
export function sniffCsv(path: string, named?: ExportKind): SniffResult {
  const { head, tail } = readEnds(path);
  return sniffText(head.toString("utf8"), tail.toString("utf8"), named);
}

/** The layout from the first lines of a file (and its last ones, for a totals row). */
export function sniffText(head: string, tail = "", named?: ExportKind): SniffResult {
  const lines = head.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.every((l) => l.trim() === "")) return { ok: false, message: "tệp rỗng", recognised: false };
  let best: { closest: HeaderMatch; line: number } | undefined;
  for (const [i, line] of lines.slice(0, MAX_TITLE_LINES).entries()) {
    for (const delimiter of DELIMITERS) {
      if (!line.includes(delimiter)) continue;
      const headers = splitCsvLine(line, delimiter);
      const detection = detectKind(headers);
      if (detection.ok) {
        const rows = lines.slice(i + 1).filter((l) => l.trim());
        if (rows.length === 0) return { ok: false, message: `tệp chỉ có dòng tiêu đề (dòng ${i + 1}), không có dòng dữ liệu nào`, recognised: true };
        const sample = rows.slice(0, SAMPLE_LINES).map((l) => splitCsvLine(l, delimiter));
        const ending = tail.split(/\r?\n/).map((l) => splitCsvLine(l, delimiter));
        // A totals or subtotal row near the top or the end: the text path sets such rows apart.
        const totalsRows = [...sample, ...ending].some((cells) => isTotalsLabel(cells.find((c) => c !== "") ?? ""));
        const dateFormat = totalsRows ? null : plainFormat(detection.match, sample);
        return { ok: true, layout: { delimiter, headerLine: i + 1, headers, match: detection.match, dateFormat } };
      }
      const closest = named ? matchHeaders(named, headers) : detection.closest;
      if (!best || closest.matched > best.closest.matched) best = { closest, line: i + 1 };
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
 * Labels of a totals row, in its first non-empty cell: "Tổng cộng", "Cộng", "Tổng số", "Tổng" make
 * the grand total; "Cộng …", "Tổng cộng …" followed by more words (a PGD, a commune) a subtotal.
 */
export const grandTotalLabels = ["tong cong", "cong", "tong so", "tong"];
export const subtotalPrefixes = ["tong cong ", "cong "];

function isTotalsLabel(cell: string): boolean {
  const n = normalizeHeader(cell);
  return grandTotalLabels.includes(n) || subtotalPrefixes.some((p) => n.startsWith(p));
}

/** The first bytes (cut at a line end, so no character is split) and the last bytes of a file. */
export function readEnds(path: string): { head: Buffer; tail: Buffer } {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, HEAD_BYTES);
    const cut = head.length < HEAD_BYTES ? head.length : head.lastIndexOf(10, head.length - 1) + 1;
    if (size <= HEAD_BYTES) return { head: head.subarray(0, cut), tail: Buffer.alloc(0) };
    // The tail starts after a line end, so its first line is whole too.
    const tail = readAt(fd, Math.max(HEAD_BYTES, size - TAIL_BYTES), TAIL_BYTES);
    return { head: head.subarray(0, cut), tail: tail.subarray(tail.indexOf(10) + 1) };
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  return buf.subarray(0, readSync(fd, buf, 0, length, position));
}

/** Splits one CSV line, honouring double quotes. */
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
  return out.map((f) => f.trim());
}
