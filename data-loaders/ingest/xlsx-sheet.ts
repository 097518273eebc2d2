// One worksheet's XML, streamed, into a CSV whose line n is row n of the sheet: one pass over the
// bytes, each cell written straight into the output buffer (no object per cell). Every line with a
// value has the same number of fields: the width of the sheet's <dimension>, or of its widest row;
// a row wider than the lines already written has those lines padded afterwards (in memory when they
// are still there, else by one more pass over the CSV).
import { closeSync, openSync, readSync, renameSync, writeSync } from "node:fs";
import { Carry, GT, isLocal, LT, nameEnd, SLASH, skipElement, tagEnd, appendRichText, attribute } from "./xlsx-xml.js";
import { appendDate, appendText, Bytes, columnName, columnOf, isPlainNumber, paddedText, percentText, plainNumber, quoteField } from "./xlsx-text.js";

/** How a cell style shows numbers (the kinds that change the text). */
export const GENERAL = 0;
export const DATE = 1;
export const PERCENT = 2;
export const PADDED = 3;

export interface Book {
  /** CSV text of each shared string: pool[offsets[i], offsets[i + 1]). */
  strings: { pool: Buffer; offsets: Uint32Array; count: number };
  /** By cellXfs index: GENERAL, DATE, PERCENT or PADDED, and for PADDED the number of digits. */
  styles: { kinds: Uint8Array; digits: Uint8Array };
  date1904: boolean;
  /** Written for a formula cell without a cached value. */
  formulaWithoutValue: string;
}

export interface SheetResult {
  rows: number;
  width: number;
  formulasWithoutValue: { row: number; column: string }[];
  formulasWithoutValueCount: number;
}

const FORMULAS_LISTED = 100;
const FLUSH = 4 << 20;
const COMMA = 0x2c;
const LF = 10;

// Cell types (the `t` attribute).
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STRING = 2;
const T_BOOLEAN = 3;
const T_ERROR = 4;
const T_INLINE = 5;
const T_DATE = 6;

export async function sheetToCsv(chunks: AsyncIterable<Buffer>, csvPath: string, book: Book): Promise<SheetResult> {
  const fd = openSync(csvPath, "w");
  try {
    const sheet = new SheetWriter(book, fd);
    for await (const chunk of chunks) {
      sheet.carry.add(chunk);
      sheet.parse(false);
    }
    sheet.parse(true);
    return sheet.finish(csvPath);
  } finally {
    closeSync(fd);
  }
}

class SheetWriter {
  readonly carry = new Carry();
  private readonly out = new Bytes(FLUSH + (1 << 20));
  /** 0 before <sheetData>, 1 in it, 2 after it. */
  private phase = 0;
  private closeRow: Buffer | null = null;

  private width = 0;
  /** Width of the lines before the first entry of `grown`. */
  private baseWidth = 0;
  /** Rows wider than the lines before them: line, width, line, width … */
  private grown: number[] = [];
  private flushed = false;

  private prevRow = 0; // number of the last <row>, written or not
  private line = 0; // last line written
  private rows = 0;
  private formulas: { row: number; column: string }[] = [];
  private formulaCount = 0;

  // The row being read.
  private rowNum = 0;
  private rowOpen = false; // its gap lines and first value written
  private written = 0; // column of its last value written
  private lastCol = 0;
  private mark = 0; // output length before the value being written
  private wasOpen = false;

  constructor(
    private readonly book: Book,
    private readonly fd: number,
  ) {}

  /** Parses what the carry holds; `last` when no more bytes will come. */
  parse(last: boolean): void {
    const { buf, len } = this.carry;
    let i = this.carry.pos;
    // Rows before the last row end in the buffer are whole: found once per chunk, not per row.
    let whole = last ? len : -1;
    while (this.phase === 0) {
      while (i < len && buf[i] !== LT) i++;
      const gt = tagEnd(buf, i + 1, len);
      if (gt < 0) break;
      const ne = nameEnd(buf, i + 1, gt);
      if (isLocal(buf, i + 1, ne, "dimension")) {
        const ref = attribute(buf, i, gt, "ref");
        if (ref) {
          const colon = buf.indexOf(0x3a, ref[0]);
          this.width = Math.min(16384, columnOf(buf, colon >= 0 && colon < ref[1] ? colon + 1 : ref[0], ref[1]));
          this.baseWidth = this.width;
        }
      } else if (isLocal(buf, i + 1, ne, "sheetData")) this.phase = buf[gt - 1] === SLASH ? 2 : 1;
      i = gt + 1;
    }
    while (this.phase === 1) {
      while (i < len && buf[i] !== LT) i++;
      if (i + 1 >= len) break;
      if (buf[i + 1] === SLASH) {
        this.phase = 2; // </sheetData>: only rows are inside it
        break;
      }
      const gt = tagEnd(buf, i + 1, len);
      if (gt < 0) break;
      const ne = nameEnd(buf, i + 1, gt);
      if (!isLocal(buf, i + 1, ne, "row")) {
        const after = skipElement(buf, i, len);
        if (after < 0) break;
        i = after;
        continue;
      }
      if (buf[gt - 1] === SLASH) {
        i = this.row(i, gt, gt); // <row …/>: no cells
        continue;
      }
      if (whole < 0) {
        this.closeRow ??= Buffer.concat([Buffer.from("</"), buf.subarray(i + 1, ne), Buffer.from(">")]);
        const lastEnd = buf.lastIndexOf(this.closeRow, len - this.closeRow.length);
        whole = lastEnd < 0 ? 0 : lastEnd + this.closeRow.length;
      }
      if (i >= whole) break;
      i = this.row(i, gt, whole);
    }
    this.carry.pos = this.phase === 2 ? len : Math.min(i, len);
  }

  /** The row whose start tag is buf[start, gt], ending before `end`; returns the index after it. */
  private row(start: number, gt: number, end: number): number {
    const buf = this.carry.buf;
    const r = attribute(buf, start, gt, "r");
    this.rowNum = r ? this.number(r[0], r[1]) : 0;
    if (this.rowNum) this.checkRow();
    this.rowOpen = false;
    this.written = 0;
    this.lastCol = 0;
    let i = gt + 1;
    while (gt < end) {
      while (i < end && buf[i] !== LT) i++;
      if (i >= end) throw new Error(`trang tính bị cắt cụt ở hàng ${this.rowNum || this.prevRow + 1}`);
      if (buf[i + 1] === SLASH) {
        i = tagEnd(buf, i, end) + 1; // </row>
        if (i === 0) throw new Error(`trang tính bị cắt cụt ở hàng ${this.rowNum || this.prevRow + 1}`);
        break;
      }
      const ne = nameEnd(buf, i + 1, end);
      i = ne - i === 2 && buf[i + 1] === 0x63 ? this.cell(i, end) : isLocal(buf, i + 1, ne, "c") ? this.cell(i, end) : skipElement(buf, i, end);
      if (i < 0) throw new Error(`trang tính bị cắt cụt ở hàng ${this.rowNum || this.prevRow + 1}`);
    }
    if (gt === end) i = gt + 1;
    if (!this.rowNum) {
      this.rowNum = this.prevRow + 1;
      this.checkRow();
    }
    if (this.rowOpen) this.endLine();
    this.prevRow = this.rowNum;
    if (this.out.length >= FLUSH) this.flush();
    return i;
  }

  private checkRow(): void {
    if (this.rowNum <= this.prevRow) throw new Error(`hàng ${this.rowNum} đứng sau hàng ${this.prevRow}`);
  }

  private number(a: number, b: number): number {
    const buf = this.carry.buf;
    let n = 0;
    for (let i = a; i < b; i++) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    return n;
  }

  /** The cell whose `<` is at i; returns the index after it. */
  private cell(i: number, end: number): number {
    const buf = this.carry.buf;
    let type = T_NUMBER;
    let style = 0;
    let col = 0;
    // Attributes.
    let k = nameEnd(buf, i + 1, end);
    for (;;) {
      while (k < end && buf[k]! <= 32) k++;
      const c = buf[k];
      if (c === GT || c === SLASH || k >= end) break;
      const ns = k;
      while (k < end && buf[k] !== 0x3d) k++;
      const ne = k;
      while (k < end && buf[k] !== 0x22 && buf[k] !== 0x27) k++;
      const quote = buf[k];
      const vs = ++k;
      while (k < end && buf[k] !== quote) k++;
      const ve = k++;
      if (ne - ns !== 1) continue;
      const name = buf[ns];
      if (name === 0x72) {
        col = columnOf(buf, vs, ve);
        if (!this.rowNum) {
          let d = vs;
          while (d < ve && buf[d]! > 0x39) d++;
          this.rowNum = this.number(d, ve) || this.prevRow + 1;
          this.checkRow();
        }
      } else if (name === 0x74) type = cellType(buf, vs, ve);
      else if (name === 0x73) style = this.number(vs, ve);
    }
    if (k >= end) return -1;
    if (!this.rowNum) {
      this.rowNum = this.prevRow + 1;
      this.checkRow();
    }
    if (col === 0) col = this.lastCol + 1;
    else if (col <= this.lastCol) throw new Error(`ô ${columnName(col)}${this.rowNum} đứng sau ô ${columnName(this.lastCol)}${this.rowNum}`);
    this.lastCol = col;
    if (buf[k] === SLASH) {
      const gt = tagEnd(buf, k, end); // <c …/>: no value
      return gt < 0 ? -1 : gt + 1;
    }
    // Children: <v>, <f>, <is>.
    let vs = -1;
    let ve = -1;
    let formula = false;
    let is = -1;
    let isEnd = -1;
    k++;
    for (;;) {
      while (k < end && buf[k] !== LT) k++;
      if (k >= end) return -1;
      if (buf[k + 1] === SLASH) {
        const gt = tagEnd(buf, k, end); // </c>
        if (gt < 0) return -1;
        k = gt + 1;
        break;
      }
      const ne = nameEnd(buf, k + 1, end);
      const gt = tagEnd(buf, ne, end);
      if (gt < 0) return -1;
      const local = ne - k === 2 ? buf[k + 1] : isLocal(buf, k + 1, ne, "v") ? 0x76 : isLocal(buf, k + 1, ne, "f") ? 0x66 : isLocal(buf, k + 1, ne, "is") ? 0x69 : 0;
      if (local === 0x76 || local === 0x66) {
        if (local === 0x66) formula = true;
        if (buf[gt - 1] === SLASH) {
          if (local === 0x76) vs = ve = gt;
          k = gt + 1;
          continue;
        }
        let te = gt + 1;
        while (te < end && buf[te] !== LT) te++;
        if (local === 0x76) (vs = gt + 1), (ve = te);
        k = tagEnd(buf, te, end) + 1; // </v> or </f>
        if (k === 0) return -1;
        continue;
      }
      const after = skipElement(buf, k, end);
      if (after < 0) return -1;
      if (local === 0x69) (is = gt + 1), (isEnd = after);
      k = after;
    }
    // No value; a formula's empty <v/> is none either, unless its result is text.
    if (is < 0 && (vs < 0 || (vs === ve && type !== T_STRING))) {
      if (formula) this.formulaWithoutValue(col);
      return k;
    }
    const out = this.out;
    const start = this.beginValue(col);
    if (is >= 0 && vs < 0) {
      appendRichText(buf, is, isEnd, out);
      quoteField(out, start);
    } else if (type === T_SHARED) this.sharedString(vs, ve, col);
    else if (type === T_NUMBER) this.numberValue(vs, ve, style);
    else if (type === T_BOOLEAN && ve - vs === 1 && (buf[vs] === 0x31 || buf[vs] === 0x30)) out.ascii(buf[vs] === 0x31 ? "TRUE" : "FALSE");
    else if (!(type === T_DATE && this.isoDate(vs, ve))) {
      appendText(buf, vs, ve, out, true);
      quoteField(out, start);
    }
    this.endValue(start, col);
    return k;
  }

  /** Before a value: the gap lines before a row's first value, and the commas before its column. */
  private beginValue(col: number): number {
    const out = this.out;
    this.mark = out.length;
    this.wasOpen = this.rowOpen;
    if (!this.rowOpen) {
      out.repeat(LF, this.rowNum - this.line - 1);
      this.rowOpen = true;
    }
    out.repeat(COMMA, this.written === 0 ? col - 1 : col - this.written);
    return out.length;
  }

  /** After a value: an empty one is taken back with its commas (a row of empty values is no line). */
  private endValue(start: number, col: number): void {
    if (this.out.length === start) {
      this.out.length = this.mark;
      this.rowOpen = this.wasOpen;
    } else this.written = col;
  }

  private formulaWithoutValue(col: number): void {
    if (this.formulas.length < FORMULAS_LISTED) this.formulas.push({ row: this.rowNum, column: columnName(col) });
    this.formulaCount++;
    const start = this.beginValue(col);
    this.out.ascii(this.book.formulaWithoutValue);
    quoteField(this.out, start);
    this.endValue(start, col);
  }

  private sharedString(vs: number, ve: number, col: number): void {
    const { pool, offsets, count } = this.book.strings;
    const index = vs < ve ? this.number(vs, ve) : -1;
    if (index < 0 || index >= count) throw new Error(`ô ${columnName(col)}${this.rowNum} trỏ tới chuỗi dùng chung không có`);
    this.out.copy(pool, offsets[index]!, offsets[index + 1]!);
  }

  private numberValue(vs: number, ve: number, style: number): void {
    if (vs === ve) return;
    const buf = this.carry.buf;
    const out = this.out;
    const kind = style < this.book.styles.kinds.length ? this.book.styles.kinds[style]! : GENERAL;
    const plain = isPlainNumber(buf, vs, ve);
    if (plain) {
      // Fast paths: the text is already the number Excel shows. A number like 1.234 would read as
      // a thousand two hundred and thirty-four in Vietnamese: 1.2340 says it is a decimal.
      if (kind === GENERAL) {
        out.copy(buf, vs, ve);
        if (looksLikeThousands(buf, vs, ve)) out.ascii("0");
        return;
      }
      if (kind === PADDED && isDigits(buf, vs, ve)) {
        out.repeat(48, this.book.styles.digits[style]! - (ve - vs));
        return out.copy(buf, vs, ve);
      }
      if (kind === DATE && buf[vs] !== 0x2d && appendDate(this.number(vs, ve), this.book.date1904, out)) return;
    }
    const x = Number(buf.toString("latin1", vs, ve));
    if (Number.isNaN(x)) {
      const start = out.length;
      appendText(buf, vs, ve, out, true); // not a number: as it is
      quoteField(out, start);
      return;
    }
    if (kind === DATE && appendDate(x, this.book.date1904, out)) return;
    const text = plain ? buf.toString("latin1", vs, ve) : plainNumber(x);
    const shown = kind === PERCENT ? percentText(text) : kind === PADDED ? paddedText(text, this.book.styles.digits[style]!) : text;
    out.ascii(/^-?[1-9][0-9]{0,2}\.[0-9]{3}%?$/.test(shown) ? shown.replace(/(%?)$/, "0$1") : shown);
  }

  /** A `t="d"` cell's ISO 8601 date as dd/mm/yyyy. */
  private isoDate(vs: number, ve: number): boolean {
    const buf = this.carry.buf;
    if (vs < 0 || ve - vs < 10 || buf[vs + 4] !== 0x2d || buf[vs + 7] !== 0x2d) return false;
    for (const j of [0, 1, 2, 3, 5, 6, 8, 9]) if (buf[vs + j]! < 48 || buf[vs + j]! > 57) return false;
    const out = this.out;
    out.reserve(10);
    for (const j of [8, 9, -1, 5, 6, -1, 0, 1, 2, 3]) out.buf[out.length++] = j < 0 ? SLASH : buf[vs + j]!;
    return true;
  }

  /** Ends the current line: commas up to the width, or a wider line that widens the sheet. */
  private endLine(): void {
    const out = this.out;
    if (this.written > this.width) {
      if (this.rows > 0) this.grown.push(this.rowNum, this.written);
      else this.baseWidth = this.written;
      this.width = this.written;
    }
    out.repeat(COMMA, this.width - this.written);
    out.repeat(LF, 1);
    this.line = this.rowNum;
    this.rows++;
    this.rowOpen = false;
  }

  private flush(): void {
    let out = this.out;
    if (!this.flushed && this.grown.length > 0) {
      // Nothing written yet: pad the narrower lines here.
      const padded = new Bytes(out.length + this.rows * this.width);
      new LinePadder(this.baseWidth, this.grown, this.width).pad(out.buf, 0, out.length, padded);
      out = padded;
      this.grown = [];
      this.baseWidth = this.width;
    }
    if (out.length > 0) writeSync(this.fd, out.buf, 0, out.length);
    this.out.length = 0;
    if (!this.flushed) this.baseWidth = this.width;
    this.flushed = true;
  }

  finish(csvPath: string): SheetResult {
    if (this.phase !== 2) throw new Error("trang tính bị cắt cụt");
    this.flush();
    if (this.grown.length > 0) padFile(csvPath, new LinePadder(this.baseWidth, this.grown, this.width));
    return { rows: this.rows, width: this.width, formulasWithoutValue: this.formulas, formulasWithoutValueCount: this.formulaCount };
  }
}

function isDigits(buf: Buffer, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (buf[i]! < 48 || buf[i]! > 57) return false;
  return true;
}

function cellType(buf: Buffer, a: number, b: number): number {
  const c = buf[a];
  if (b - a === 1) return c === 0x73 ? T_SHARED : c === 0x62 ? T_BOOLEAN : c === 0x65 ? T_ERROR : c === 0x64 ? T_DATE : T_NUMBER;
  if (b - a === 3 && c === 0x73) return T_STRING;
  if (b - a === 9 && c === 0x69) return T_INLINE;
  return T_NUMBER;
}

/** Adds the commas a line written before the sheet grew wider lacks. Blank lines stay blank. */
class LinePadder {
  private line = 1;
  private blank = true;
  private next = 0;
  private lineWidth: number;

  constructor(
    baseWidth: number,
    private readonly grown: number[],
    private readonly width: number,
  ) {
    this.lineWidth = baseWidth;
  }

  pad(src: Buffer, a: number, b: number, dst: Bytes): void {
    let p = a;
    while (p < b) {
      let lf = src.indexOf(LF, p);
      if (lf < 0 || lf >= b) lf = b;
      const n = lf - p;
      dst.reserve(n + this.width + 1);
      src.copy(dst.buf, dst.length, p, lf);
      dst.length += n;
      if (n > 0) this.blank = false;
      if (lf === b) return;
      while (this.next < this.grown.length && this.grown[this.next]! <= this.line) {
        this.lineWidth = this.grown[this.next + 1]!;
        this.next += 2;
      }
      if (!this.blank) {
        const commas = this.width - this.lineWidth;
        dst.buf.fill(COMMA, dst.length, dst.length + commas);
        dst.length += commas;
      }
      dst.buf[dst.length++] = LF;
      this.line++;
      this.blank = true;
      p = lf + 1;
    }
  }
}

/** Pads the lines of the CSV written so far (one more pass, when a late row was wider). */
function padFile(csvPath: string, padder: LinePadder): void {
  const tmp = `${csvPath}.tmp`;
  const input = openSync(csvPath, "r");
  const output = openSync(tmp, "w");
  try {
    const chunk = Buffer.allocUnsafe(FLUSH);
    const dst = new Bytes(FLUSH * 2);
    for (let n; (n = readSync(input, chunk, 0, chunk.length, null)) > 0; ) {
      dst.length = 0;
      padder.pad(chunk, 0, n, dst);
      writeSync(output, dst.buf, 0, dst.length);
    }
  } finally {
    closeSync(input);
    closeSync(output);
  }
  renameSync(tmp, csvPath);
}

/** buf[a, b) is -?[1-9][0-9]{0,2}.[0-9]{3}: a number whose decimal point could pass for a thousands dot. */
function looksLikeThousands(buf: Buffer, a: number, b: number): boolean {
  const start = buf[a] === 0x2d ? a + 1 : a;
  const dot = b - 4;
  if (dot <= start || dot - start > 3 || buf[dot] !== 0x2e || buf[start] === 48) return false;
  for (let i = start; i < b; i++) if (i !== dot && (buf[i]! < 48 || buf[i]! > 57)) return false;
  return true;
}
