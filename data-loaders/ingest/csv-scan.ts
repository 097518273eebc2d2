// One streaming pass over an export's bytes: its SHA-256 (to skip files already loaded), the line
// each record starts on, so rejected rows are reported by the line a user sees in an editor, and
// whether any text is in decomposed Unicode (NFD), which must be composed before loading.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export interface CsvScan {
  sha256: string;
  /** 1-based line where each data record (after the header) starts. */
  recordLines: Int32Array;
  /**
   * The same lines as DuckDB counts them in its reject table: newlines inside quoted values are
   * not counted there. Equal to recordLines unless a value spans lines.
   */
  readerLines: Int32Array;
  /** UTF-8 lead bytes 0xCC/0xCD (U+0300–U+037F): combining accents, i.e. NFD text. */
  decomposed: boolean;
  /** The file ends with a line break (or is empty): false when it was cut short mid-line. */
  complete: boolean;
  /** Bytes of the longest line, for DuckDB's line size limit. */
  longestLine: number;
  /** Some records end with CRLF and others with LF alone (files joined or edited by hand). */
  mixedNewlines: boolean;
}

const NL = 10;
const CR = 13;
const QUOTE = 34;

/** headerLine: the last line before the data (title rows and the header). */
export async function scanCsv(path: string, headerLine: number): Promise<CsvScan> {
  const hash = createHash("sha256");
  let lines = new Int32Array(1 << 16);
  let readerLines = new Int32Array(1 << 16);
  let embedded = 0; // newlines inside quoted values so far
  let count = 0;
  let line = 1;
  let quoted = false;
  let recordOpen = false;
  let decomposed = false;
  let last = NL;
  let beforeLast = NL;
  let longestLine = 0;
  let lineStart = 0;
  let offset = 0;
  let crlf = 0;
  let lf = 0;
  let before = NL; // the byte before a chunk's first
  const push = () => {
    if (count === lines.length) {
      lines = grow(lines);
      readerLines = grow(readerLines);
    }
    readerLines[count] = line - embedded;
    lines[count++] = line;
  };
  // Newlines and quotes are found with Buffer.indexOf (native); a byte loop in JS is 5× slower.
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    decomposed ||= chunk.includes(0xcc) || chunk.includes(0xcd);
    if (chunk.length) {
      beforeLast = chunk.length > 1 ? chunk[chunk.length - 2]! : last;
      last = chunk[chunk.length - 1]!;
    }
    let pos = 0;
    let nextQuote = chunk.indexOf(QUOTE);
    while (pos < chunk.length) {
      const nl = chunk.indexOf(NL, pos);
      const end = nl === -1 ? chunk.length : nl;
      if (!recordOpen && end > pos && !(end - pos === 1 && chunk[pos] === CR)) {
        recordOpen = true;
        if (line > headerLine) push();
      }
      while (nextQuote !== -1 && nextQuote < end) {
        quoted = !quoted;
        nextQuote = chunk.indexOf(QUOTE, nextQuote + 1);
      }
      if (nl === -1) break;
      longestLine = Math.max(longestLine, offset + nl - lineStart);
      lineStart = offset + nl + 1;
      if (quoted) embedded++;
      else {
        recordOpen = false;
        if ((nl > 0 ? chunk[nl - 1] : before) === CR) crlf++;
        else lf++;
      }
      line++;
      pos = nl + 1;
    }
    offset += chunk.length;
    if (chunk.length) before = chunk[chunk.length - 1]!;
  }
  longestLine = Math.max(longestLine, offset - lineStart);
  // DOS programs end a text file with Ctrl-Z (0x1A): the end of the file, not a cut.
  const complete = last === NL || (last === 0x1a && beforeLast === NL);
  return { sha256: hash.digest("hex"), recordLines: lines.subarray(0, count), readerLines: readerLines.subarray(0, count), decomposed, complete, longestLine, mixedNewlines: crlf > 0 && lf > 0 };
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
