// Just enough XML for a workbook's streamed parts, on bytes: tags, names without their namespace
// prefix (writers use `<x:row>` as well as `<row>`), skipping elements, and the text of a string
// item (plain or rich text, phonetic runs left out). Parsers take whole elements out of a Carry,
// which keeps the unfinished end of one chunk for the next.
import { appendText, type Bytes } from "./xlsx-text.js";

export const LT = 0x3c;
export const GT = 0x3e;
export const SLASH = 0x2f;
const COLON = 0x3a;

/** An element larger than this is taken for a damaged part rather than held in memory. */
const ELEMENT_LIMIT = 64 << 20;

/** The bytes of a streamed part not yet parsed: buf[pos, len). */
export class Carry {
  buf = Buffer.allocUnsafe(4 << 20);
  len = 0;
  pos = 0;

  add(chunk: Buffer): void {
    const rest = this.len - this.pos;
    if (rest > ELEMENT_LIMIT) throw new Error("một phần tử XML quá lớn (tệp hỏng?)");
    if (rest + chunk.length > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, rest + chunk.length));
      this.buf.copy(bigger, 0, this.pos, this.len);
      this.buf = bigger;
    } else if (this.pos > 0) this.buf.copyWithin(0, this.pos, this.len);
    chunk.copy(this.buf, rest);
    this.len = rest + chunk.length;
    this.pos = 0;
  }
}

/** Index of the `>` ending the tag whose name starts at i (quoted values skipped), or -1. */
export function tagEnd(buf: Buffer, i: number, end: number): number {
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c === GT) return i;
    if (c === 0x22 || c === 0x27) {
      i++;
      while (i < end && buf[i] !== c) i++;
    }
  }
  return -1;
}

/** End of the tag name starting at i. */
export function nameEnd(buf: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = buf[i]!;
    if (c <= 32 || c === GT || c === SLASH) break;
    i++;
  }
  return i;
}

/** Whether the name buf[a, b), without its prefix, is `local`. */
export function isLocal(buf: Buffer, a: number, b: number, local: string): boolean {
  let s = a;
  for (let i = a; i < b; i++) if (buf[i] === COLON) s = i + 1;
  if (b - s !== local.length) return false;
  for (let i = 0; i < local.length; i++) if (buf[s + i] !== local.charCodeAt(i)) return false;
  return true;
}

/** Index after the element whose `<` is at i, or -1 when it does not end before `end`. */
export function skipElement(buf: Buffer, i: number, end: number): number {
  let depth = 0;
  while (i < end) {
    const gt = tagEnd(buf, i + 1, end);
    if (gt < 0) return -1;
    const c = buf[i + 1];
    if (c === SLASH) depth--;
    else if (c !== 0x3f && c !== 0x21 && buf[gt - 1] !== SLASH) depth++;
    i = gt + 1;
    if (depth <= 0) return i;
    while (i < end && buf[i] !== LT) i++;
  }
  return -1;
}

/** The value of attribute `name` (without prefix) in the tag buf[a, gt), as [start, end], or null. */
export function attribute(buf: Buffer, a: number, gt: number, name: string): [number, number] | null {
  let i = nameEnd(buf, a + 1, gt);
  while (i < gt) {
    while (i < gt && buf[i]! <= 32) i++;
    const ns = i;
    while (i < gt && buf[i] !== 0x3d && buf[i]! > 32) i++;
    const ne = i;
    while (i < gt && buf[i] !== 0x22 && buf[i] !== 0x27) i++;
    const quote = buf[i];
    const vs = ++i;
    while (i < gt && buf[i] !== quote) i++;
    if (i >= gt) return null;
    if (ne > ns && isLocal(buf, ns, ne, name)) return [vs, i];
    i++;
  }
  return null;
}

/** Appends the text of a string item's content buf[a, b): its `<t>` runs, phonetic runs left out. */
export function appendRichText(buf: Buffer, a: number, b: number, dst: Bytes): void {
  let i = a;
  for (;;) {
    while (i < b && buf[i] !== LT) i++;
    if (i >= b) return;
    const ne = nameEnd(buf, i + 1, b);
    const gt = tagEnd(buf, ne, b);
    if (gt < 0) throw new Error("chuỗi ký tự hỏng");
    if (isLocal(buf, i + 1, ne, "t") && buf[gt - 1] !== SLASH) {
      let te = gt + 1;
      while (te < b && buf[te] !== LT) te++;
      const space = attribute(buf, i, gt, "space");
      appendText(buf, gt + 1, te, dst, space !== null && buf.toString("latin1", space[0], space[1]) === "preserve");
      i = te;
    } else if (isLocal(buf, i + 1, ne, "rPh")) {
      i = skipElement(buf, i, b);
      if (i < 0) throw new Error("chuỗi ký tự hỏng");
    } else i = gt + 1;
  }
}
