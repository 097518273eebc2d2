// A small streaming .xlsx writer for the demo's workbooks: one sheet, written row by row and zipped
// (fflate's Zip, the sheet deflated by Node's zlib) as it goes, so a listing of 100,000+ loans never
// sits in memory as one document.
// Strings are inline (as server-side exporters write them); an empty shared-string part is still
// included because some streaming readers wait for one before they read a sheet.
import { closeSync, openSync, writeSync } from "node:fs";
import { constants, crc32, deflateRawSync } from "node:zlib";
import { Zip, ZipDeflate, type AsyncFlateStreamHandler, type ZipInputFile } from "fflate";
import { ByteBuffer } from "./byte-buffer.js";

/** How a column's values are stored: text cells, numbers, money (#,##0) or dates (dd/mm/yyyy). */
export type CellType = "text" | "number" | "money" | "date";
export type Value = string | number | null;

export interface XlsxOptions {
  sheetName: string;
  types: CellType[];
  /** Rows the sheet will have, titles and header included: the <dimension> precedes the rows. */
  rows: number;
  /** Stored as every part's modification time, so that the same content gives the same bytes. */
  modified: Date;
}

// Style indexes in styles.xml below.
const STYLE = { text: 1, money: 2, date: 3, header: 4 } as const;
const TEXT_CELL = `" s="${STYLE.text}" t="inlineStr"><is><t>`;
const MONEY_CELL = `" s="${STYLE.money}"><v>`;
const DATE_CELL = `" s="${STYLE.date}"><v>`;
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const PKG_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function columnLetters(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const escapeXml = (s: string) => (/[&<>]/.test(s) ? s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") : s);

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const serials = new Map<string, number>();
/** Excel's day number of a dd/mm/yyyy date. */
function dateSerial(text: string): number {
  let n = serials.get(text);
  if (n === undefined) {
    const [d, m, y] = text.split("/").map(Number) as [number, number, number];
    n = (Date.UTC(y, m - 1, d) - EXCEL_EPOCH) / 86_400_000;
    if (!Number.isInteger(n)) throw new Error(`not a dd/mm/yyyy date: ${text}`);
    serials.set(text, n);
  }
  return n;
}

export class XlsxWriter {
  private readonly fd: number;
  private readonly zip: Zip;
  private readonly sheet: NativeDeflate;
  private readonly letters: string[];
  private readonly encoder = new TextEncoder();
  private readonly out: ByteBuffer;
  private rowNumber = 0;

  constructor(path: string, private readonly options: XlsxOptions) {
    this.fd = openSync(path, "w");
    this.zip = new Zip((err, data) => {
      if (err) throw err;
      writeSync(this.fd, data);
    });
    const columns = options.types.length;
    this.letters = Array.from({ length: columns }, (_, i) => columnLetters(i));
    this.part("[Content_Types].xml", contentTypes);
    this.part("_rels/.rels", rootRels);
    this.part("xl/workbook.xml", `${XML_HEAD}<workbook ${NS} ${REL_NS}><sheets><sheet name="${escapeXml(options.sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`);
    this.part("xl/_rels/workbook.xml.rels", workbookRels);
    this.part("xl/styles.xml", styles);
    this.part("xl/sharedStrings.xml", `${XML_HEAD}<sst ${NS} count="0" uniqueCount="0"/>`);
    this.sheet = new NativeDeflate("xl/worksheets/sheet1.xml", options.modified);
    this.zip.add(this.sheet);
    this.out = new ByteBuffer((bytes) => this.sheet.push(bytes, false));
    const last = `${this.letters[columns - 1]}${Math.max(1, options.rows)}`;
    this.out.write(
      `${XML_HEAD}<worksheet ${NS} ${REL_NS}><dimension ref="A1:${last}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/><sheetData>`,
    );
  }

  /** A row of text cells (titles, header); null leaves a cell empty. */
  textRow(cells: (string | null)[], header = false): void {
    const r = ++this.rowNumber;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined || v === "") continue;
      xml += `<c r="${this.letters[i]}${r}" t="inlineStr"${header ? ` s="${STYLE.header}"` : ""}><is><t>${escapeXml(v)}</t></is></c>`;
    }
    this.out.write(`${xml}</row>`);
  }

  /** A data row: each value stored as its column's type says; null or "" is an empty cell. */
  row(values: Value[]): void {
    const r = ++this.rowNumber;
    const types = this.options.types;
    let xml = '<row r="' + r + '">';
    for (let i = 0; i < types.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || v === "") continue;
      xml += '<c r="' + this.letters[i] + r;
      switch (types[i]) {
        case "text":
          xml += TEXT_CELL + escapeXml(String(v)) + "</t></is></c>";
          break;
        case "number":
          xml += '"><v>' + v + "</v></c>";
          break;
        case "money":
          xml += MONEY_CELL + v + "</v></c>";
          break;
        case "date":
          xml += DATE_CELL + dateSerial(String(v)) + "</v></c>";
          break;
      }
    }
    this.out.write(xml + "</row>");
  }

  close(): void {
    if (this.rowNumber !== this.options.rows) throw new Error(`xlsx: ${this.rowNumber} rows written, ${this.options.rows} announced`);
    this.out.write("</sheetData></worksheet>");
    this.out.flush();
    this.sheet.push(new Uint8Array(0), true);
    this.zip.end();
    closeSync(this.fd);
  }

  private part(name: string, xml: string): void {
    const f = new ZipDeflate(name, { level: 6 });
    f.mtime = this.options.modified;
    this.zip.add(f);
    f.push(this.encoder.encode(xml), true);
  }

}

/**
 * A zip entry deflated by Node's zlib, several times faster than fflate's own deflate on a sheet of
 * hundreds of megabytes: each chunk is compressed on its own and ends with a sync flush (not final),
 * so the pieces join into one valid deflate stream that fflate's Zip frames as any other entry.
 */
class NativeDeflate implements ZipInputFile {
  size = 0;
  crc = 0;
  readonly compression = 8;
  ondata!: AsyncFlateStreamHandler;

  constructor(
    readonly filename: string,
    readonly mtime: Date,
  ) {}

  push(chunk: Uint8Array, final: boolean): void {
    this.crc = crc32(chunk, this.crc);
    this.size += chunk.length;
    // fflate writes no zip64 records: a sheet of 4 GiB or more would need them.
    if (this.size > 0xffffffff) throw new Error(`${this.filename}: 4 GiB or more, too large for this writer`);
    const finishFlush = final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH;
    this.ondata(null, deflateRawSync(chunk, { level: 1, finishFlush }), final);
  }
}

const contentTypes =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
  `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
  `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
  `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
  `</Types>`;

const rootRels =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${PKG_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const workbookRels =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${PKG_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${PKG_REL}/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId3" Type="${PKG_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

// cellXfs: 0 general, 1 text (@), 2 #,##0, 3 dd/mm/yyyy, 4 bold header.
const xf = (numFmt: number, font = 0) =>
  `<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ""}${font ? ' applyFont="1"' : ""}/>`;
const styles =
  `${XML_HEAD}<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
  `<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="5">${xf(0)}${xf(49)}${xf(3)}${xf(164)}${xf(0, 1)}</cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
