// A province's loan listing as the core system's Excel export would come, for the workbook
// benchmark: sheet BCQUERY, title rows above the header, the 39 columns of the national snapshot,
// dates as date cells, the PGD code a number shown with six digits, shared strings. Written by
// exceljs's streaming writer (a writer independent of the converter being measured).
import ExcelJS from "exceljs";

const HEADER = ["Ngày số liệu", "Mã CN", "Mã PGD", "Tên PGD", "Mã xã", "Tên xã", "Mã thôn", "Mã tổ", "Tên tổ trưởng", "Mã ĐVUT",
  "Mã KH", "Tên KH", "Số CCCD", "Ngày sinh", "Giới tính", "Mã dân tộc", "Địa chỉ", "Số điện thoại", "Số khế ước",
  "Mã chương trình", "Nguồn vốn", "Ngày vay", "Ngày đến hạn", "Lãi suất", "Tổng giải ngân", "Dư nợ trong hạn", "Dư nợ quá hạn",
  "Dư nợ khoanh", "Tổng dư nợ", "Lãi tồn TH", "Lãi tồn QH", "Số dư tiền gửi 105", "Giải ngân trong tháng", "Thu nợ trong hạn",
  "Thu nợ quá hạn", "Thu nợ khoanh", "Chuyển quá hạn", "Chuyển khoanh", "Gốc xóa nợ"];

export async function writeLoanWorkbook(file: string, loans: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = book.addWorksheet("BCQUERY");
  ws.addRow(["NGÂN HÀNG CHÍNH SÁCH XÃ HỘI"]).commit();
  ws.addRow(["SAO KÊ CHI TIẾT DƯ NỢ ĐẾN NGÀY 31/10/2026"]).commit();
  ws.addRow([]).commit();
  ws.addRow(HEADER).commit();
  const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
  const dataDate = day(2026, 10, 31);
  for (let i = 0; i < loans; i++) {
    const c = Math.floor(i / 1.2); // borrower
    const g = Math.floor(c / 37); // group
    const x = Math.floor(g / 18); // commune
    const p = Math.floor(x / 15); // PGD area
    const total = 10_000_000 + (i % 90) * 1_000_000;
    const overdue = i % 333 === 0 ? total * 0.6 : 0;
    const row = ws.addRow([
      dataDate, "051", 51101 + p, `PGD ${p}`, String(210000 + x).padStart(6, "0"), `Xã ${x}`, String(x * 10 + (g % 10)).padStart(8, "0"),
      String(1000000 + g), `Tổ trưởng ${g}`, ["01", "02", "03", "04"][g % 4], String(c).padStart(10, "0"), `Khách hàng ${c}`,
      String((c * 7919) % 1e12).padStart(12, "0"), day(1950 + (c % 50), 1 + (c % 12), 1 + (c % 28)), c % 2 ? "Nữ" : "Nam", "01",
      `Thôn ${g % 10}, xã ${x}`, `09${String(c % 1e8).padStart(8, "0")}`, String(i).padStart(10, "0"), String(1 + (i % 9)).padStart(2, "0"),
      1, day(2024, 1 + (i % 12), 15), day(2029, 1 + (i % 12), 15), 6.6, total, total - overdue, overdue, 0, total, 0, 0,
      (c % 60) * 100_000, 0, (i % 20) * 100_000, 0, 0, 0, 0, 0,
    ]);
    for (const n of [1, 14, 22, 23]) row.getCell(n).numFmt = "dd/mm/yyyy";
    row.getCell(3).numFmt = "000000";
    row.commit();
  }
  ws.commit();
  await book.commit();
}
