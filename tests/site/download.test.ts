// Downloads written by src/lib/download.ts, read back by readers that share no code with the
// writer (a structural check of the package, exceljs, openpyxl and LibreOffice where installed);
// expected values written out by hand.
import { zipSync as zip } from "fflate";
import { describe, expect, it } from "vitest";
import { csvNumber, excelCell, sheetName, sheetNames, titleBlock, toCsv, workbook, type DownloadColumn } from "../../src/lib/download.js";
import { packageProblems, parseCsv, readWithExcelJs, readWithLibreOffice, readWithOpenpyxl, type SheetRead } from "../helpers/workbook-readers.js";

describe("sheet names", () => {
  it("are cut at a word boundary, without the characters Excel refuses", () => {
    expect(sheetName("Kết quả theo Hội đoàn thể nhận ủy thác, ngày 31/10/2026; ± so với 31/12/2025")).toBe("Kết quả theo Hội đoàn thể");
    expect(sheetName("Phân loại Tổ TK&VV ngày 31/10/2026")).toBe("Phân loại Tổ TK&VV");
    expect(sheetName("Hội Liên hiệp Phụ nữ: các PGD theo chỉ tiêu «Tổng dư nợ» năm 2025")).toBe("Hội Liên hiệp Phụ nữ các PGD");
    expect(sheetName("Chỉ tiêu năm 2026 giao cho các PGD, theo Hội")).toBe("Chỉ tiêu năm 2026");
    expect(sheetName("NQH/DN theo PGD: tháng 10")).toBe("NQH DN theo PGD tháng 10");
    expect(sheetName("Dòng bị loại [tệp] *mới*?")).toBe("Dòng bị loại tệp mới");
    expect(sheetName("'Báo cáo'")).toBe("Báo cáo");
    expect(sheetName("History")).toBe("Bảng");
    expect(sheetName("::")).toBe("Bảng");
    // One word longer than a sheet name can be: cut where it must.
    expect(sheetName("Supercalifragilisticexpialidociously")).toBe("Supercalifragilisticexpialidoci");
  });

  it("are unique without regard to case, numbered when repeated", () => {
    expect(sheetNames(["Chỉ tiêu năm 2026", "chỉ tiêu năm 2026", "Chỉ tiêu năm 2026"])).toEqual(["Chỉ tiêu năm 2026", "chỉ tiêu năm 2026 (2)", "Chỉ tiêu năm 2026 (3)"]);
    // 30 characters: the number takes the place of the last word (and of «nhận», left hanging).
    expect(sheetNames(["Kết quả theo Hội đoàn thể nhận", "Kết quả theo Hội đoàn thể nhận"])).toEqual(["Kết quả theo Hội đoàn thể nhận", "Kết quả theo Hội đoàn thể (2)"]);
  });

  it("keep whole words of every caption the pages use", () => {
    const captions = [
      "Kết quả theo Hội đoàn thể nhận ủy thác, ngày 31/10/2026; ± so với 31/12/2025",
      "Kết quả theo Hội đoàn thể, số liệu đến ngày 31/12/2025, so với 31/12/2024",
      "Xử lý nợ bị rủi ro năm 2025 theo các đợt đã quyết định đến 31/12/2025, và số liệu sổ cho vay từ đầu năm",
      "Chỉ tiêu năm 2025 của các Hội chưa đạt (3/12)",
      "Chỉ tiêu năm 2025 giao cho các PGD, theo Hội (chi tiết ở trang của từng Hội)",
      "Hội Liên hiệp Phụ nữ: các PGD theo chỉ tiêu «Tỷ lệ nợ quá hạn» năm 2025, xếp hạng theo khoảng cách tới chỉ tiêu giao",
      "Hội Nông dân · Hội Liên hiệp Phụ nữ: số liệu theo tháng",
      "Các xã có nợ quá hạn tăng nhiều nhất từ 01/2026 đến 10/2026",
      "Tổ TK&VV cần theo dõi: nợ quá hạn trên 2%, tỷ lệ tiền gửi/dư nợ dưới 7% [mới]",
    ];
    const names = sheetNames(captions);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    captions.forEach((caption, i) => {
      const name = names[i]!;
      expect(name.length, name).toBeLessThanOrEqual(31);
      expect(name, name).not.toMatch(/[/\\?*:[\]]|^'|'$/);
      const words = new Set(caption.replace(/(\d)\/(?=\d)/g, "$1-").split(/[\s/\\?*:[\],;()]+/));
      expect(name.split(" ").at(-1), name).not.toMatch(/^(của|các|theo|và|cho|với|năm|ngày)$/);
      for (const word of name.replace(/ \(\d+\)$/, "").split(" ")) expect(words.has(word), `«${word}» of «${name}» is not a whole word of the caption`).toBe(true);
    });
  });
});

interface Row {
  name: string;
  dn: number | null;
  change: number | null;
  ratio: number | null;
  points: number | null;
  groups: number | null;
  date: string | null;
}
const columns: DownloadColumn<Row>[] = [
  { label: "Đơn vị", kind: "text", value: (r) => r.name },
  { label: "Tổng dư nợ (tỷ đồng)", kind: "money", money: "ty", value: (r) => r.dn },
  { label: "Tiền gửi tăng thuần (triệu đồng)", kind: "moneyChange", money: "trieu", value: (r) => r.change },
  { label: "Tỷ lệ nợ quá hạn (%)", kind: "percent", value: (r) => r.ratio },
  { label: "Tỷ lệ nợ quá hạn: thay đổi (điểm %)", kind: "pointChange", value: (r) => r.points },
  { label: "Số tổ (tổ)", kind: "count", value: (r) => r.groups },
  { label: "Ngày số liệu", kind: "date", value: (r) => r.date },
];
const rows: Row[] = [
  { name: "Hội Nông dân", dn: 1_717_712_345_678, change: -294_400_000, ratio: 0.0912, points: -0.0149, groups: 1234, date: "2025-12-31" },
  { name: 'Tổ "Đồng Tâm"; xã A', dn: 0, change: 7_751_000_000, ratio: null, points: 0.001, groups: 0, date: null },
  { name: "Cho vay trực tiếp", dn: null, change: -400_000, ratio: Number.NaN, points: null, groups: null, date: "2026-10-31" },
];

describe("CSV", () => {
  it("writes numbers plainly with an ASCII minus, and leaves missing values empty", () => {
    const csv = toCsv(columns, rows);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).not.toMatch(/[−–]/);
    expect(csv.slice(1).split("\r\n")).toEqual([
      "Đơn vị;Tổng dư nợ (tỷ đồng);Tiền gửi tăng thuần (triệu đồng);Tỷ lệ nợ quá hạn (%);Tỷ lệ nợ quá hạn: thay đổi (điểm %);Số tổ (tổ);Ngày số liệu",
      "Hội Nông dân;1717,7;-294;0,09;-0,01;1234;31/12/2025",
      '"Tổ ""Đồng Tâm""; xã A";0,0;7751;;0,00;0;',
      "Cho vay trực tiếp;;0;;;;31/10/2026",
      "",
    ]);
  });

  it("never writes a negative zero", () => {
    expect(csvNumber(-0.04, { kind: "number", digits: 1 })).toBe("0,0");
    expect(csvNumber(-0.05, { kind: "number", digits: 1 })).toBe("-0,1");
    expect(csvNumber(-1_500_000, { kind: "moneyChange", money: "trieu" })).toBe("-2");
  });

  it("writes a change of a count with the decimals its metric shows", () => {
    // An average (households per group) changes by 12,5: not rounded to a whole number.
    expect(csvNumber(12.5, { kind: "countChange", digits: 1 })).toBe("12,5");
    expect(csvNumber(12.5, { kind: "countChange" })).toBe("13");
    expect(excelCell(12.5, { kind: "countChange", digits: 1 })).toEqual({ value: 12.5, type: Number, format: "+#,##0.0;-#,##0.0;0" });
  });
});

describe("Excel workbook", () => {
  const meta = { title: "Kết quả theo Hội: ngày 31/12/2025 [thử]", date: "2025-12-31", branch: "Chi nhánh tỉnh Minh Sơn", filters: ["Hội đoàn thể: Hội Nông dân", "Chương trình: Hộ nghèo"] };

  const block = [
    "Kết quả theo Hội: ngày 31/12/2025 [thử]",
    "Nguồn: NHCSXH – Chi nhánh tỉnh Minh Sơn",
    "Số liệu đến ngày 31/12/2025",
    "Đơn vị: tiền: tỷ đồng, triệu đồng (ghi ở từng cột); tỷ lệ: %; thay đổi tỷ lệ: điểm %; số lượng: như ghi ở cột.",
    "Bộ lọc: Hội đoàn thể: Hội Nông dân; Chương trình: Hộ nghèo",
  ];

  it("has a title block, a frozen header, widths, and numbers in the column's unit", async () => {
    expect(titleBlock(meta, columns)).toEqual(block);
    const blob = await workbook([
      { meta, columns, rows },
      { meta: { title: "Kết quả theo Hội: ngày 31/12/2025 (bản sao)" }, columns, rows: rows.slice(0, 1) },
    ]);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(packageProblems(bytes)).toEqual([]);

    const check = (sheets: SheetRead[], reader: string) => {
      expect(sheets.map((s) => s.title), reader).toEqual(["Kết quả theo Hội", "Kết quả theo Hội (2)"]);
      const [first, second] = sheets;
      // Five lines of title block, a blank row, the header on row 7: frozen below it and after column A.
      expect(first!.frozenAt, reader).toBe("B8");
      expect(second!.frozenAt, reader).toBe("B6"); // no date, no filters
      expect(first!.rows.slice(0, 5).map((r) => r[0]), reader).toEqual(block);
      expect(first!.rows[6], reader).toEqual(columns.map((c) => c.label));
      const [a, b, c] = first!.rows.slice(7);
      expect(a, reader).toEqual(["Hội Nông dân", 1717.712345678, -294.4, 0.0912, -0.0149, 1234, "2025-12-31"]);
      expect(b, reader).toEqual(['Tổ "Đồng Tâm"; xã A', 0, 7751, null, 0.001, 0, null]);
      expect(c, reader).toEqual(["Cho vay trực tiếp", null, -0.4, null, null, null, "2026-10-31"]);
      expect(first!.formats[7]!.slice(1), reader).toEqual(["#,##0.0", "+#,##0;-#,##0;0", "#,##0.00", "+#,##0.00;-#,##0.00;0", "#,##0", "dd/mm/yyyy"]);
      for (const w of first!.widths) expect(w, reader).toBeGreaterThanOrEqual(8);
      // The widest column fits its longest value as shown.
      expect(first!.widths[0], reader).toBeGreaterThanOrEqual('Tổ "Đồng Tâm"; xã A'.length);
    };
    check(await readWithExcelJs(bytes), "exceljs");
    const openpyxl = readWithOpenpyxl(bytes);
    if (openpyxl) check(openpyxl, "openpyxl");

    const office = readWithLibreOffice(bytes);
    if (office) {
      const sheet = office.get("Kết quả theo Hội")!;
      expect(sheet[0]![0]).toBe(meta.title);
      expect(sheet[7]!.slice(0, 6)).toEqual(["Hội Nông dân", "1717.712345678", "-294.4", "0.0912", "-0.0149", "1234"]);
      expect(office.get("Kết quả theo Hội (2)")![4]![0]).toBe("Đơn vị");
    }
  });

  it("refuses to write a workbook with no table", async () => {
    await expect(workbook([])).rejects.toThrow(/Không có bảng/);
  });
});

describe("the readers", () => {
  it("see the breaches that make Excel offer a repair", () => {
    // A hand-made package: a sheet name with «/», a cell out of order, a style that does not exist.
    const enc = (s: string) => new TextEncoder().encode(s);
    const ct = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="a"/><Default Extension="xml" ContentType="b"/></Types>`;
    const wb = `<workbook><sheets><sheet name="NQH/DN" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const sheet = `<worksheet><sheetData><row r="1"><c r="B1" s="3"><v>1</v></c><c r="A1"><v>x</v></c></row></sheetData><sheetViews/></worksheet>`;
    const styles = `<styleSheet><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
    // fflate's zipSync, as the site's old writer used it: an independent way to make a package.
    const bytes = zip({ "[Content_Types].xml": enc(ct), "xl/workbook.xml": enc(wb), "xl/worksheets/sheet1.xml": enc(sheet), "xl/styles.xml": enc(styles) });
    const problems = packageProblems(bytes);
    expect(problems).toContain("invalid sheet name «NQH/DN»");
    expect(problems.some((p) => /cell A1 out of order/.test(p))).toBe(true);
    expect(problems.some((p) => /has style 3 of 1/.test(p))).toBe(true);
    expect(problems.some((p) => /number cell holding «x»/.test(p))).toBe(true);
    expect(problems.some((p) => /out of schema order/.test(p))).toBe(true);
  });

  it("parse the CSV the site writes", () => {
    expect(parseCsv(toCsv(columns, rows))[2]).toEqual(['Tổ "Đồng Tâm"; xã A', "0,0", "7751", "", "0,00", "0", ""]);
  });
});
