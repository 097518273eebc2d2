// The workbook converter on its own: what each kind of cell becomes, line n = row n, every line as
// wide as the sheet, hidden sheets and formulas without a value reported, damaged workbooks refused.
// Two workbooks come from openpyxl (tests/fixtures/make-xlsx.py, cached formula values written
// into its XML there); the others are written here as XML by hand and zipped with fflate's
// zipSync, so the bytes each test reads are in front of it. Expected CSV text is written by hand.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORMULA_WITHOUT_VALUE, xlsxToCsv, type SheetCsv } from "../../data-loaders/ingest/xlsx.js";
import { fixtures, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
beforeAll(() => (dir = tempDir()));
afterAll(() => dir.remove());

let made = 0;
/** Converts the workbook into a fresh folder; the sheets with their CSV text. */
async function convert(path: string): Promise<(Omit<SheetCsv, "path"> & { csv: string })[]> {
  const out = join(dir.path, `out-${++made}`);
  mkdirSync(out);
  const sheets = await xlsxToCsv(path, out, "t");
  return sheets.map(({ path: p, ...s }) => ({ ...s, csv: readFileSync(p, "utf8") }));
}

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const RELS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';

/** A workbook file from its parts, in the given zip order; `stored` parts are not compressed. */
function writeBook(name: string, parts: Record<string, string>, stored: string[] = []): string {
  const zip: Zippable = {};
  for (const [part, xml] of Object.entries(parts)) zip[part] = [strToU8(xml), { level: stored.includes(part) ? 0 : 6 }];
  const path = join(dir.path, name);
  writeFileSync(path, zipSync(zip));
  return path;
}

const worksheet = (rows: string, head = "") => `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ${MAIN}>${head}<sheetData>${rows}</sheetData></worksheet>`;

/** Parts of a one-sheet workbook around the given sheet XML (and shared strings, if any). */
function oneSheet(sheet: string, strings?: string): Record<string, string> {
  return {
    "xl/workbook.xml": `<workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships ${RELS}><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${
      strings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ""
    }</Relationships>`,
    "xl/worksheets/sheet1.xml": sheet,
    ...(strings ? { "xl/sharedStrings.xml": `<sst ${MAIN}>${strings}</sst>` } : {}),
  };
}

describe("a workbook written by openpyxl", () => {
  it("gives every sheet in workbook order, each cell as Excel shows it, every line six fields wide", async () => {
    const sheets = await convert(join(fixtures, "xlsx/o-excel.xlsx"));
    expect(sheets.map((s) => [s.sheet, s.hidden, s.rows, s.width])).toEqual([
      ["Dữ liệu", false, 8, 6],
      ["Ẩn", true, 1, 1],
      ["Rất ẩn", true, 1, 1],
      ["Trống", false, 0, 1],
    ]);
    expect(sheets[0]!.csv.split("\n")).toEqual([
      // the header's line break is one space
      "Mã PGD,Dư nợ quá hạn,Tỷ lệ,Ngày vay,Ghi chú,Công thức",
      // 000000 pads the code; 0.00% of 0.0009; dd/mm/yyyy; quoted text; =B2*2 saved without a value
      `004606,58666000.5,0.09%,15/03/2024,"Thôn 3, xã ""Mới""",${FORMULA_WITHOUT_VALUE}`,
      // 0000000 of 0; 0.7999999999999999 is 0.8 in 15 digits; 0% of 0.07000000000000001; built-in
      // date format 14; no E3; the cached value 1.8 of =B3+1
      "0000000,0.8,7%,28/02/2025,,1.8",
      // 11 digits already; 1e+21 in full; 0% of 0.5; a date and time shows its date; E4, F4 empty
      "12345678901,1000000000000000000000,50%,31/12/2025,,",
      "", // no row 5
      // a code stored as text stays; 1.5e-07 in full; serials 59 and 61 either side of Excel's 29/02/1900; the cached text of =E2
      "004606,-0.5,0.00000015,28/02/1900,01/03/1900,Thôn 3",
      // 1.234567890123457e+17 in 15 digits; #,##0 without separators; booleans; error cells
      "123456789012346000,1234567,TRUE,FALSE,#N/A,#DIV/0!",
      // [$-42A]dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd, mmm-yy dates; 0.75 as h:mm has no date part; 123 as text
      "31/01/2026,05/01/2026,06/01/2026,15/10/2025,0.75,123",
      "", // row 9 has an empty string and a styled empty cell only
      // xml:space="preserve" keeps the leading space; CR LF is one space
      " đầu dòng,dòng 1 dòng 2,,,,",
      "",
    ]);
    expect(sheets[0]!.formulasWithoutValue).toEqual([{ row: 2, column: "F" }]);
    expect(sheets[0]!.formulasWithoutValueCount).toBe(1);
    expect(sheets.slice(1).map((s) => s.csv)).toEqual(["không nạp\n", "1\n", ""]);
  });

  it("reads dates of the 1904 date system", async () => {
    // 30/06/2025 as openpyxl wrote it for date1904="1", and serial 1: 01/01/1904 + 1 day
    expect((await convert(join(fixtures, "xlsx/o-excel-1904.xlsx")))[0]!.csv).toBe("30/06/2025,02/01/1904\n");
  });
});

describe("a workbook written by hand", () => {
  // Parts in an unusual zip order, sheets named by the relations (one absolute target), shared
  // strings in a part of another name, rich text, phonetic runs, escapes, cells and rows without
  // their position, no <dimension>, custom and built-in formats, and a sheet with an x: prefix.
  const strings = [
    "<si><t>Mã</t></si>",
    '<si><r><rPr><b/></rPr><t>Dư nợ</t></r><r><rPr><i/></rPr><t xml:space="preserve">_x000D_\nquá hạn</t></r></si>',
    '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
    "<si><t>A &amp; B &lt;C&gt; &quot;D&quot; &#7899; &#x1EDB;</t></si>",
    "<si><t>_x005F_x0041_ và _x0041_</t></si>",
    "<si><t>  cắt hai đầu  </t></si>",
    '<si><t xml:space="preserve">  giữ  </t></si>',
    "<si><t/></si>",
    "<si><t>1,5</t></si>",
  ];
  const styles = `<styleSheet ${MAIN}><numFmts count="4"><numFmt numFmtId="164" formatCode="000000"/><numFmt numFmtId="165" formatCode="0.0%"/>
    <numFmt numFmtId="166" formatCode="[$-42A]d/m/yyyy;@"/><numFmt numFmtId="167" formatCode="#,##0.00&quot;₫&quot;"/></numFmts>
    <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
    <cellXfs count="10"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="14"/>
    <xf numFmtId="167"/><xf numFmtId="10"/><xf numFmtId="11"/><xf numFmtId="49"><alignment wrapText="1"/></xf><xf numFmtId="22"/></cellXfs></styleSheet>`;
  const first = worksheet(
    [
      '<row r="2"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row>',
      '<row><c t="s"><v>3</v></c><c t="s"><v>4</v></c></row>',
      '<row><c s="1"><v>4606</v></c><c s="2"><v>0.0125</v></c><c s="3"><v>45366.5</v></c></row>',
      '<row r="6"><c r="B6" t="s"><v>5</v></c><c t="s"><v>6</v></c><c r="E6" t="s"><v>7</v></c></row>',
      '<row r="7"><c r="A7" s="5"><v>1234.5</v></c><c s="6"><v>0.1234</v></c><c s="7"><v>1.23E-4</v></c><c s="8"><v>7</v></c><c s="9"><v>45366.75</v></c></row>',
      '<row r="8"><c r="A8" t="s"><v>8</v></c><c t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve">line </t></r></is></c><c t="str"><f>A1</f><v>kết quả</v></c><c t="b"><v>0</v></c><c t="e"><v>#REF!</v></c></row>',
      '<row r="9"><c t="d"><v>2025-06-30T00:00:00</v></c><c><f>SUM(A1:A2)</f></c><c t="str"><f>""</f><v></v></c><c s="4"/><c><v>2.5E-3</v></c></row>',
    ].join("\n"),
  );
  const second = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:D3"/><x:sheetData>
    <x:row r="1" spans="1:4"><x:c r="A1" t="inlineStr"><x:is><x:t>Mã</x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>Cuối</x:t></x:is></x:c></x:row>
    <x:row r="2"/><x:row r="3"><x:c r="B3"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  const parts = {
    "xl/worksheets/sheet2.xml": first,
    "xl/worksheets/sheet1.xml": second,
    "xl/strings.xml": `<sst ${MAIN} count="9" uniqueCount="9">${strings.join("")}</sst>`,
    "xl/styles.xml": styles,
    "xl/workbook.xml": `<workbook ${MAIN} xmlns:r="${REL}"><workbookPr/><sheets><sheet name="Sổ &amp; số" sheetId="1" r:id="rId2"/><sheet name="Hai" sheetId="2" state="visible" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships ${RELS}><Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/>
      <Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>
      <Relationship Id="rId4" Type="${REL}/sharedStrings" Target="strings.xml"/></Relationships>`,
    "_rels/.rels": `<Relationships ${RELS}><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  };

  it("decodes shared strings, positions implicit cells and rows, and pads lines to the widest row", async () => {
    const [a, b] = await convert(writeBook("hand.xlsx", parts, ["xl/worksheets/sheet1.xml"]));
    expect(a!.sheet).toBe("Sổ & số");
    expect(a!.csv.split("\n")).toEqual([
      "", // no row 1
      "Mã,Dư nợ quá hạn,漢字,,", // rich text runs; _x000D_ and a line feed are one space; phonetic run left out
      '"A & B <C> ""D"" ớ ớ",_x0041_ và A,,,', // entities; _x005F_ escapes the underscore
      "004606,1.25%,15/03/2024,,", // 000000; 0.0% of 0.0125 in full; [$-42A]d/m/yyyy;@ of 45366.5
      "",
      ",cắt hai đầu,  giữ  ,,", // text trimmed without xml:space="preserve"; E6 is an empty string
      "1234.5,12.34%,0.000123,7,15/03/2024", // #,##0.00"₫"; 0.00%; 0.00E+00; @; m/d/yy h:mm
      '"1,5",inline ,kết quả,FALSE,#REF!', // inline rich text; a formula's cached text; boolean; error
      `30/06/2025,${FORMULA_WITHOUT_VALUE},,,0.0025`, // t="d"; =SUM without <v>; a cached empty text; a styled empty cell; 2.5E-3
      "",
    ]);
    expect([a!.rows, a!.width, a!.hidden, a!.formulasWithoutValue, a!.formulasWithoutValueCount]).toEqual([7, 5, false, [{ row: 9, column: "B" }], 1]);
    expect(b).toMatchObject({ sheet: "Hai", rows: 2, width: 4, csv: "Mã,,,Cuối\n\n,1,,\n" });
  });

  it("pads the lines already written to disk when a late row is wider", async () => {
    const long = "x".repeat(1000); // 5,000 lines of it are more than the converter holds before writing
    const rows = Array.from({ length: 5000 }, (_, i) => `<row r="${i + 1}"><c t="s"><v>0</v></c></row>`).join("");
    const path = writeBook("late-wide.xlsx", oneSheet(worksheet(`${rows}<row r="5002"><c t="s"><v>1</v></c><c r="C5002" t="s"><v>1</v></c></row>`), `<si><t>${long}</t></si><si><t>y</t></si>`));
    const [s] = await convert(path);
    expect([s!.rows, s!.width]).toEqual([5001, 3]);
    expect(s!.csv).toBe(`${`${long},,\n`.repeat(5000)}\ny,,y\n`);
  });

  it("takes a row's number from its cells when the row has none", async () => {
    const [s] = await convert(writeBook("row-from-cells.xlsx", oneSheet(worksheet('<row><c r="A3"><v>1</v></c></row><row><c><v>2</v></c></row>'))));
    expect(s!.csv).toBe("\n\n1\n2\n");
  });

  it("reads rows and multi-byte characters cut by the chunk boundaries, stored or compressed", async () => {
    const strings = ["ả", "b,c", "đ"];
    const rows = Array.from({ length: 30_000 }, (_, i) => `<row r="${i + 1}"><c t="inlineStr"><is><t>Khách hàng ${i} – Đồng</t></is></c><c><v>${i}.5</v></c><c t="s"><v>${i % 3}</v></c></row>`);
    const parts = oneSheet(worksheet(rows.join("")), strings.map((t) => `<si><t>${t}</t></si>`).join(""));
    const expected = Array.from({ length: 30_000 }, (_, i) => `Khách hàng ${i} – Đồng,${i}.5,${["ả", '"b,c"', "đ"][i % 3]}\n`).join("");
    expect(parts["xl/worksheets/sheet1.xml"]!.length).toBeGreaterThan(3 << 20); // several 1 MB chunks
    for (const stored of [[], ["xl/worksheets/sheet1.xml"]]) {
      const [s] = await convert(writeBook(`chunks-${stored.length}.xlsx`, parts, stored));
      expect(s!.csv === expected).toBe(true);
    }
  });

  it("lists the first 100 formulas without a value and counts them all", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}"><f>A${i + 1}*2</f><v></v></c></row>`).join("");
    const [s] = await convert(writeBook("formulas.xlsx", oneSheet(worksheet(rows))));
    expect(s!.formulasWithoutValueCount).toBe(150);
    expect(s!.formulasWithoutValue).toHaveLength(100);
    expect(s!.formulasWithoutValue[99]).toEqual({ row: 100, column: "B" });
    expect(s!.csv.split("\n")[149]).toBe(`149,${FORMULA_WITHOUT_VALUE}`);
  });
});

describe("a damaged workbook", () => {
  const good = oneSheet(worksheet('<row r="1"><c t="s"><v>0</v></c><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row>'), "<si><t>a</t></si>");

  async function refused(path: string, message: RegExp): Promise<void> {
    const out = join(dir.path, `out-${++made}`);
    mkdirSync(out);
    await expect(xlsxToCsv(path, out, "t")).rejects.toThrow(message);
    expect(readdirSync(out)).toEqual([]); // no CSV left behind
  }

  /** The file with one byte of the named part's data changed (found by its local header). */
  function flipped(name: string, parts: Record<string, string>, stored: string[]): string {
    const path = writeBook(name, parts, stored);
    const bytes = readFileSync(path);
    const header = bytes.indexOf(Buffer.from("xl/worksheets/sheet1.xml")) - 30;
    const data = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
    bytes[data + 20]! ^= 0x55;
    writeFileSync(path, bytes);
    return path;
  }

  it("refuses a workbook cut short", async () => {
    const whole = readFileSync(join(fixtures, "xlsx/o-excel.xlsx"));
    const path = join(dir.path, "cut.xlsx");
    writeFileSync(path, whole.subarray(0, whole.length >> 1));
    await refused(path, /cắt cụt/);
  });

  it("refuses a sheet whose bytes were changed", async () => {
    await refused(flipped("flipped-stored.xlsx", good, ["xl/worksheets/sheet1.xml"]), /bị hỏng/);
    await refused(flipped("flipped-deflated.xlsx", good, []), /bị hỏng/);
  });

  it("refuses a sheet whose XML stops in a row, a missing shared string, rows out of order, no workbook part", async () => {
    const cut = worksheet("").replace("</sheetData></worksheet>", '<row r="1"><c><v>1</v></c>');
    await refused(writeBook("xml-cut.xlsx", oneSheet(cut)), /trang tính «S»: trang tính bị cắt cụt/);
    await refused(writeBook("no-string.xlsx", oneSheet(worksheet('<row r="1"><c t="s"><v>3</v></c></row>'), "<si><t>a</t></si>")), /ô A1 trỏ tới chuỗi dùng chung không có/);
    await refused(writeBook("order.xlsx", oneSheet(worksheet('<row r="2"><c><v>1</v></c></row><row r="1"><c><v>1</v></c></row>'))), /hàng 1 đứng sau hàng 2/);
    await refused(writeBook("not-excel.xlsx", { "word/document.xml": "<document/>" }), /không có xl\/workbook.xml/);
  });

  it("removes the sheets already written when a later one is damaged", async () => {
    const parts = oneSheet(worksheet('<row r="1"><c><v>1</v></c></row>'));
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"]!.replace("</sheets>", '<sheet name="T" sheetId="2" r:id="rId9"/></sheets>');
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"]!.replace("</Relationships>", `<Relationship Id="rId9" Type="${REL}/worksheet" Target="worksheets/sheet9.xml"/></Relationships>`);
    await refused(writeBook("missing-sheet.xlsx", parts), /thiếu trang tính «T»/);
  });
});
