// Finds how a CSV export is laid out before DuckDB reads it: encoding, delimiter, which line holds
// the header (title rows may come first) and what kind of export the header names.
import { closeSync, openSync, readSync } from "node:fs";
import { columnsOf } from "../contract/exports.js";
import { detectKind, type HeaderMatch } from "../contract/headers.js";

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

export type SniffResult = { ok: true; layout: CsvLayout } | { ok: false; message: string };

const HEAD_BYTES = 256 * 1024;
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

export function sniffCsv(path: string): SniffResult {
  const head = readHead(path);
  if (head.length === 0) return { ok: false, message: "tệp rỗng" };
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return { ok: false, message: "tệp mã hóa UTF-16; hãy lưu lại dưới dạng CSV UTF-8" };
  }
  const text = head.toString("utf8").replace(/^\uFEFF/, "");
  if (text.includes("\uFFFD")) {
    return { ok: false, message: "tệp không phải UTF-8 (có thể là mã TCVN3/VNI/Windows-1258); hãy lưu lại dưới dạng CSV UTF-8" };
  }
  const lines = text.split(/\r?\n/);
  let best: { closest: HeaderMatch; line: number } | undefined;
  for (const [i, line] of lines.slice(0, MAX_TITLE_LINES).entries()) {
    for (const delimiter of DELIMITERS) {
      if (!line.includes(delimiter)) continue;
      const headers = splitCsvLine(line, delimiter);
      const detection = detectKind(headers);
      if (detection.ok) {
        const sample = lines.slice(i + 1, i + 1 + SAMPLE_LINES).filter((l) => l.trim()).map((l) => splitCsvLine(l, delimiter));
        const dateFormat = plainFormat(detection.match, sample);
        return { ok: true, layout: { delimiter, headerLine: i + 1, headers, match: detection.match, dateFormat } };
      }
      if (!best || detection.closest.matched > best.closest.matched) best = { closest: detection.closest, line: i + 1 };
    }
  }
  if (!best || best.closest.matched < 2) {
    return { ok: false, message: "không nhận ra loại tệp: không có dòng tiêu đề nào khớp với một loại tệp xuất trong README" };
  }
  const { kind, missingRequired } = best.closest;
  return {
    ok: false,
    message:
      `giống tệp ${kind.title} (tiêu đề ở dòng ${best.line}) nhưng thiếu cột bắt buộc: ` +
      missingRequired.map((c) => `«${c.header}»`).join(", "),
  };
}

function readHead(path: string): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    // Cut at the last complete line so a multi-byte character is never split.
    const end = n < HEAD_BYTES ? n : buf.lastIndexOf(10, n - 1) + 1;
    return buf.subarray(0, end);
  } finally {
    closeSync(fd);
  }
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
