// Streams each worksheet of an Excel workbook into a UTF-8 CSV that then takes the same SQL path as
// any CSV export. Line n of the CSV is row n of the sheet (gaps become blank lines), so messages
// name the row a user sees in Excel; every line has the sheet's width. Cells become the text Excel
// shows where it matters (xlsx-sheet.ts, xlsx-text.ts).
import { readFileSync, rmSync } from "node:fs";
import { join, posix } from "node:path";
import { sheetToCsv, DATE, GENERAL, PADDED, PERCENT, type Book } from "./xlsx-sheet.js";
import { appendRichText, Carry, isLocal, LT, nameEnd, SLASH, skipElement, tagEnd } from "./xlsx-xml.js";
import { Bytes, quoteField } from "./xlsx-text.js";
import { entryBytes, entryChunks, zipEntries, type ZipEntry } from "./zip.js";

/** Written in place of a formula's value when the workbook holds none (saved without calculating). */
export const FORMULA_WITHOUT_VALUE = "#FORMULA!";

export interface SheetCsv {
  sheet: string;
  path: string;
  /** Rows with at least one value. */
  rows: number;
  /** Hidden or very hidden in the workbook. */
  hidden: boolean;
  /** Fields on every line that has a value. */
  width: number;
  /** Formula cells without a cached value (the first 100), written as FORMULA_WITHOUT_VALUE. */
  formulasWithoutValue: { row: number; column: string }[];
  formulasWithoutValueCount: number;
}

/**
 * The worksheets of the workbook at `path`, in workbook order, each as `<outDir>/<stem>-<n>.csv`.
 * Throws an Error with a short message when the workbook is damaged; no CSV is left then.
 */
export async function xlsxToCsv(path: string, outDir: string, stem: string): Promise<SheetCsv[]> {
  const zip = readFileSync(path);
  const entries = zipEntries(zip);
  const part = (name: string): ZipEntry | undefined => entries.get(name.toLowerCase());
  const text = (name: string): string => {
    const entry = part(name);
    return entry ? entryBytes(zip, entry).toString("utf8") : "";
  };

  const root = relationships(text("_rels/.rels"), "");
  const workbookPath = root.find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  if (!part(workbookPath)) throw new Error("không có xl/workbook.xml (không phải sổ tính Excel?)");
  const workbook = text(workbookPath);
  const dir = posix.dirname(workbookPath);
  const rels = relationships(text(`${dir}/_rels/${posix.basename(workbookPath)}.rels`), dir);
  const target = (suffix: string) => rels.find((r) => r.type.endsWith(suffix))?.target;

  const stringsPart = part(target("/sharedStrings") ?? `${dir}/sharedStrings.xml`);
  const book: Book = {
    strings: stringsPart ? await sharedStrings(entryChunks(zip, stringsPart)) : { pool: Buffer.alloc(0), offsets: new Uint32Array(1), count: 0 },
    styles: cellStyles(text(target("/styles") ?? `${dir}/styles.xml`)),
    date1904: /^(1|true)$/.test(attr(/<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbook)?.[0] ?? "", "date1904") ?? ""),
    formulaWithoutValue: FORMULA_WITHOUT_VALUE,
  };

  const sheets: SheetCsv[] = [];
  try {
    for (const tag of workbook.match(/<(?:\w+:)?sheet\s[^>]*>/g) ?? []) {
      const id = /\s\w+:id\s*=\s*"([^"]*)"/.exec(tag)?.[1];
      const rel = rels.find((r) => r.id === id);
      if (!rel?.type.endsWith("/worksheet")) continue; // chart sheets hold no cells
      const sheet = decodeXml(attr(tag, "name") ?? "");
      const entry = part(rel.target);
      if (!entry) throw new Error(`thiếu trang tính «${sheet}» (${rel.target})`);
      const state = attr(tag, "state");
      const csv = join(outDir, `${stem}-${sheets.length + 1}.csv`);
      sheets.push({ sheet, path: csv, rows: 0, hidden: state === "hidden" || state === "veryHidden", width: 0, formulasWithoutValue: [], formulasWithoutValueCount: 0 });
      try {
        Object.assign(sheets.at(-1)!, await sheetToCsv(entryChunks(zip, entry), csv, book));
      } catch (e) {
        throw new Error(`trang tính «${sheet}»: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } catch (e) {
    for (const s of sheets) rmSync(s.path, { force: true });
    throw e;
  }
  return sheets;
}

interface Relationship {
  id: string;
  type: string;
  /** Path in the zip. */
  target: string;
}

/** A relationships part; targets resolved against the folder of the part they belong to. */
function relationships(xml: string, dir: string): Relationship[] {
  return (xml.match(/<(?:\w+:)?Relationship\s[^>]*>/g) ?? []).map((tag) => {
    const target = decodeXml(attr(tag, "Target") ?? "");
    return {
      id: attr(tag, "Id") ?? "",
      type: attr(tag, "Type") ?? "",
      target: target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(dir, target)),
    };
  });
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}

function decodeXml(s: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(parseInt(e.slice(e[1] === "x" || e[1] === "X" ? 2 : 1), e[1] === "x" || e[1] === "X" ? 16 : 10)) : (named[e] ?? m),
  );
}

// ── Number formats ───────────────────────────────────────────────────────────────────────────────

/** Built-in formats that show a date (ECMA-376 18.8.30, with the East Asian ones). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** How each cell style (cellXfs index) shows numbers. */
function cellStyles(xml: string): Book["styles"] {
  const custom = new Map<number, string>();
  for (const [tag] of xml.matchAll(/<(?:\w+:)?numFmt\s(?:[^>"']|"[^"]*"|'[^']*')*>/g)) {
    custom.set(Number(attr(tag, "numFmtId")), decodeXml(attr(tag, "formatCode") ?? ""));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? "";
  const ids = [...xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)].map(([tag]) => Number(attr(tag, "numFmtId") ?? 0));
  const kinds = new Uint8Array(ids.length);
  const digits = new Uint8Array(ids.length);
  ids.forEach((id, i) => {
    const code = custom.get(id);
    const f = code !== undefined ? formatKind(code) : BUILTIN_DATES.has(id) ? { kind: DATE, digits: 0 } : { kind: id === 9 || id === 10 ? PERCENT : GENERAL, digits: 0 };
    kinds[i] = f.kind;
    digits[i] = f.digits;
  });
  return { kinds, digits };
}

/**
 * What a custom format code shows, from its first section without quoted text, [colour/locale]
 * tags and escaped characters: a date when it has d or y (or m without h or s, which makes m the
 * minutes), a percentage when it has %, zero-padded digits for 00…0 alone.
 */
export function formatKind(code: string): { kind: number; digits: number } {
  const first = code.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/)[0] ?? "";
  const bare = first.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, "");
  if (/[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare))) return { kind: DATE, digits: 0 };
  if (bare.includes("%")) return { kind: PERCENT, digits: 0 };
  if (/^0{2,}$/.test(bare)) return { kind: PADDED, digits: Math.min(bare.length, 255) };
  return { kind: GENERAL, digits: 0 };
}

// ── Shared strings ───────────────────────────────────────────────────────────────────────────────

/** The shared-string table, each string already CSV text (decoded, line breaks to spaces, quoted). */
async function sharedStrings(chunks: AsyncIterable<Buffer>): Promise<Book["strings"]> {
  const pool = new Bytes(1 << 20);
  let offsets = new Uint32Array(1 << 16);
  let count = 0;
  let closeSi: Buffer | null = null;
  let closed = false;
  const carry = new Carry();
  for await (const chunk of chunks) {
    carry.add(chunk);
    const { buf, len } = carry;
    let i = carry.pos;
    for (;;) {
      while (i < len && buf[i] !== LT) i++;
      const gt = tagEnd(buf, i + 1, len);
      if (gt < 0) break;
      const ne = nameEnd(buf, i + 1, gt);
      let next = gt + 1;
      if (isLocal(buf, i + 1, ne, "si")) {
        let end = gt;
        if (buf[gt - 1] !== SLASH) {
          closeSi ??= Buffer.concat([Buffer.from("</"), buf.subarray(i + 1, ne), Buffer.from(">")]);
          end = buf.indexOf(closeSi, gt + 1);
          if (end < 0 || end + closeSi.length > len) break;
          next = end + closeSi.length;
        }
        if (count + 2 > offsets.length) {
          const bigger = new Uint32Array(offsets.length * 2);
          bigger.set(offsets);
          offsets = bigger;
        }
        const start = pool.length;
        appendRichText(buf, gt + 1, end, pool);
        quoteField(pool, start);
        offsets[++count] = pool.length;
      } else if (buf[i + 1] === SLASH) closed ||= isLocal(buf, i + 2, nameEnd(buf, i + 2, gt), "sst");
      else if (isLocal(buf, i + 1, ne, "sst")) closed ||= buf[gt - 1] === SLASH; // <sst count="0"/>: an empty table
      else if (buf[i + 1] !== 0x3f) {
        next = skipElement(buf, i, len); // extLst and the like
        if (next < 0) break;
      }
      i = next;
    }
    carry.pos = Math.min(i, len);
  }
  if (!closed) throw new Error("bảng chuỗi dùng chung bị cắt cụt");
  return { pool: pool.buf, offsets, count };
}
