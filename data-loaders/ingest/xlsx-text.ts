// The CSV text of workbook values, written as UTF-8 bytes straight from the sheet's XML bytes: XML
// text decoded (entities, _xHHHH_ escapes, line breaks to one space), CSV quoting, and numbers and
// dates as Excel shows them where it matters (15 significant digits, never an exponent, dates as
// dd/mm/yyyy, percentages, codes padded with zeros).

/** A growable byte buffer. */
export class Bytes {
  buf: Buffer;
  length = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }
  /** Room for n more bytes (`buf` may be replaced). */
  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
  }
  /** n times the byte c (none when n ≤ 0). */
  repeat(c: number, n: number): void {
    if (n <= 0) return;
    this.reserve(n);
    if (n > 64) this.buf.fill(c, this.length, this.length + n);
    else for (let i = 0; i < n; i++) this.buf[this.length + i] = c;
    this.length += n;
  }
  copy(src: Buffer, a: number, b: number): void {
    const n = b - a;
    this.reserve(n);
    if (n > 64) src.copy(this.buf, this.length, a, b);
    else for (let i = 0; i < n; i++) this.buf[this.length + i] = src[a + i]!;
    this.length += n;
  }
  ascii(s: string): void {
    this.reserve(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.length++] = s.charCodeAt(i);
  }
}

const AMP = 0x26;
const SEMI = 0x3b;
const HASH = 0x23;
const UNDERSCORE = 0x5f;
const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 13;
const LF = 10;
const SPACE = 32;

const isSpace = (c: number) => c === SPACE || c === LF || c === CR || c === 9;

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The code point of the entity `&…;` in src[a, semi), or -1. */
function entity(src: Buffer, a: number, semi: number): number {
  const n = semi - a;
  if (src[a] === HASH) {
    let cp = 0;
    const hex = src[a + 1] === 0x78 || src[a + 1] === 0x58;
    for (let i = a + (hex ? 2 : 1); i < semi; i++) {
      const d = hex ? hexDigit(src[i]!) : src[i]! - 48;
      if (d < 0 || d > (hex ? 15 : 9)) return -1;
      cp = cp * (hex ? 16 : 10) + d;
      if (cp > 0x10ffff) return -1;
    }
    return n > (hex ? 2 : 1) ? cp : -1;
  }
  const name = src.toString("latin1", a, semi);
  return name === "amp" ? AMP : name === "lt" ? 60 : name === "gt" ? 62 : name === "quot" ? QUOTE : name === "apos" ? 39 : -1;
}

/** The code point of Excel's escape `_xHHHH_` at src[i], or -1. */
function escape(src: Buffer, i: number, end: number): number {
  if (i + 7 > end || src[i + 1] !== 0x78 || src[i + 6] !== UNDERSCORE) return -1;
  let cp = 0;
  for (let k = i + 2; k < i + 6; k++) {
    const d = hexDigit(src[k]!);
    if (d < 0) return -1;
    cp = cp * 16 + d;
  }
  return cp;
}

function putCodePoint(out: Buffer, o: number, cp: number): number {
  if (cp < 0x80) out[o++] = cp;
  else if (cp < 0x800) {
    out[o++] = 0xc0 | (cp >> 6);
    out[o++] = 0x80 | (cp & 63);
  } else if (cp < 0x10000) {
    out[o++] = 0xe0 | (cp >> 12);
    out[o++] = 0x80 | ((cp >> 6) & 63);
    out[o++] = 0x80 | (cp & 63);
  } else {
    out[o++] = 0xf0 | (cp >> 18);
    out[o++] = 0x80 | ((cp >> 12) & 63);
    out[o++] = 0x80 | ((cp >> 6) & 63);
    out[o++] = 0x80 | (cp & 63);
  }
  return o;
}

/**
 * Appends the XML text src[a, b) decoded. Without xml:space="preserve" Excel shows a text run
 * without its leading and trailing white space (a run of white space alone is kept). A line break
 * (CR, LF or CR LF, written or escaped) becomes one space.
 */
export function appendText(src: Buffer, a: number, b: number, dst: Bytes, preserve: boolean): void {
  if (!preserve) {
    let s = a;
    let e = b;
    while (s < e && isSpace(src[s]!)) s++;
    while (e > s && isSpace(src[e - 1]!)) e--;
    if (s < e) (a = s), (b = e);
  }
  dst.reserve(b - a); // decoded text is never longer than its XML
  const out = dst.buf;
  let o = dst.length;
  let afterCr = false;
  for (let i = a; i < b; i++) {
    const c = src[i]!;
    let cp = -1; // a character written as an entity or escape
    if (c === AMP) {
      let semi = i + 1;
      while (semi < b && semi < i + 12 && src[semi] !== SEMI) semi++;
      if (semi < b && src[semi] === SEMI && (cp = entity(src, i + 1, semi)) >= 0) i = semi;
    } else if (c === UNDERSCORE && (cp = escape(src, i, b)) >= 0) i += 6;
    const ch = cp < 0 ? c : cp;
    if (ch === CR || ch === LF) {
      if (!(ch === LF && afterCr)) out[o++] = SPACE;
      afterCr = ch === CR;
      continue;
    }
    afterCr = false;
    if (cp < 0) out[o++] = c; // UTF-8 bytes as they are
    else o = putCodePoint(out, o, cp);
  }
  dst.length = o;
}

/** Quotes the CSV field dst[start, length) when it holds a comma or a quote (quotes doubled). */
export function quoteField(dst: Bytes, start: number): void {
  let quotes = 0;
  let needed = false;
  for (let i = start; i < dst.length; i++) {
    const c = dst.buf[i]!;
    if (c === QUOTE) (quotes++, (needed = true));
    else if (c === COMMA) needed = true;
  }
  if (!needed) return;
  dst.reserve(quotes + 2);
  const b = dst.buf;
  let k = dst.length + quotes + 1;
  b[k--] = QUOTE;
  for (let j = dst.length - 1; j >= start; j--) {
    b[k--] = b[j]!;
    if (b[j] === QUOTE) b[k--] = QUOTE;
  }
  b[start] = QUOTE;
  dst.length += quotes + 2;
}

/**
 * Whether src[a, b) is a number already written as Excel shows it: optional minus, digits without
 * a leading zero, an optional fraction without trailing zeros, 15 significant digits at most.
 */
export function isPlainNumber(src: Buffer, a: number, b: number): boolean {
  let i = a;
  if (src[i] === 0x2d) i++;
  const intStart = i;
  while (i < b && src[i]! >= 48 && src[i]! <= 57) i++;
  const intLength = i - intStart;
  if (intLength === 0 || (intLength > 1 && src[intStart] === 48)) return false;
  if (i === b) return intLength <= 15 && !(intStart > a && intLength === 1 && src[intStart] === 48);
  if (src[i] !== 0x2e || src[b - 1] === 48) return false;
  const fracStart = ++i;
  while (i < b && src[i]! >= 48 && src[i]! <= 57) i++;
  if (i !== b || i === fracStart) return false;
  let significant = intLength + (b - fracStart);
  if (intLength === 1 && src[intStart] === 48) {
    significant = b - fracStart;
    for (let k = fracStart; k < b && src[k] === 48; k++) significant--;
  }
  return significant <= 15;
}

/** x with 15 significant digits, as Excel keeps them, in plain notation. */
export function plainNumber(x: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  const p = x.toPrecision(15);
  const negative = p.startsWith("-");
  const body = negative ? p.slice(1) : p;
  const e = body.indexOf("e");
  let plain: string;
  if (e < 0) plain = body;
  else {
    const digits = body.slice(0, e).replace(".", "");
    const exponent = Number(body.slice(e + 1));
    if (exponent < 0) plain = `0.${"0".repeat(-exponent - 1)}${digits}`;
    else if (digits.length <= exponent + 1) plain = digits + "0".repeat(exponent + 1 - digits.length);
    else plain = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  }
  if (plain.includes(".")) plain = plain.replace(/\.?0+$/, "");
  return negative ? `-${plain}` : plain;
}

/** A plain number × 100 followed by %, by moving the decimal point (no float arithmetic). */
export function percentText(plain: string): string {
  const negative = plain.startsWith("-");
  const [int = "0", fraction = ""] = (negative ? plain.slice(1) : plain).split(".");
  const digits = fraction.padEnd(2, "0");
  const whole = (int + digits.slice(0, 2)).replace(/^0+(?=\d)/, "");
  const rest = digits.slice(2).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${rest ? `.${rest}` : ""}%`;
}

/** An integer padded with zeros to `width` digits (format 000000); other numbers unchanged. */
export function paddedText(plain: string, width: number): string {
  if (plain.includes(".")) return plain;
  return plain.startsWith("-") ? `-${plain.slice(1).padStart(width, "0")}` : plain.padStart(width, "0");
}

/**
 * Appends the date part of an Excel serial as dd/mm/yyyy; false when Excel would show no date
 * (before 01/01/1900 or 01/01/1904, after 9999). The 1900 system counts a 29/02/1900 (serial 60).
 */
export function appendDate(serial: number, date1904: boolean, dst: Bytes): boolean {
  if (!(serial >= (date1904 ? 0 : 1)) || serial >= (date1904 ? 2957004 : 2958466)) return false;
  const day = Math.floor(serial);
  let y: number;
  let m: number;
  let d: number;
  if (!date1904 && day === 60) (y = 1900), (m = 2), (d = 29);
  else {
    // Days since 1970-01-01, then the civil date (H. Hinnant's algorithm).
    const z = (date1904 ? day - 24107 : day < 60 ? day - 25568 : day - 25569) + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  }
  dst.reserve(10);
  const b = dst.buf;
  let o = dst.length;
  b[o++] = 48 + Math.floor(d / 10);
  b[o++] = 48 + (d % 10);
  b[o++] = 0x2f;
  b[o++] = 48 + Math.floor(m / 10);
  b[o++] = 48 + (m % 10);
  b[o++] = 0x2f;
  b[o++] = 48 + Math.floor(y / 1000);
  b[o++] = 48 + (Math.floor(y / 100) % 10);
  b[o++] = 48 + (Math.floor(y / 10) % 10);
  b[o++] = 48 + (y % 10);
  dst.length = o;
  return true;
}

/** Column number (1 = A) as letters. */
export function columnName(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The column of the letters at src[a, b) (a cell or range reference), 0 when none. */
export function columnOf(src: Buffer, a: number, b: number): number {
  let col = 0;
  for (let i = a; i < b; i++) {
    const c = src[i]! & 0xdf; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}
