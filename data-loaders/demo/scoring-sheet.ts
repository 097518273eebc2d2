// Group scoring (CDTOTKVV) in the real layout: the bank's own summary sheet, title rows above a
// header on row 9 or 10, a «STT» column, no «Ngày số liệu» column (the date is in the file name and,
// in some months, in a title row) and the union as a short name in «ĐVUT».
import { join } from "node:path";
import { cdtotkvv, columnsOf } from "../contract/exports.js";
import type { Cell } from "./csv-writer.js";
import { monthEnd, vnDate, vnFileDate } from "./dates.js";
import { unions } from "./layout.js";
import type { Group, Province } from "./province.js";
import { openSheet } from "./sheet-writer.js";
import type { CellType } from "./xlsx-writer.js";

export interface ScoreRow {
  group: Group;
  /** The simple layout's row, by contract key. */
  values: Record<string, Cell>;
}

const columns = columnsOf(cdtotkvv).filter((c) => c.key !== "data_date");
const types: CellType[] = [
  "number",
  ...columns.map((c): CellType => (c.type === "money" ? "money" : c.type === "integer" || c.type === "decimal" ? "number" : "text")),
];
const header = ["STT", ...columns.map((c) => (c.key === "union_code" ? "ĐVUT" : c.header))];

/** Hand-kept sheets spell Đoàn Thanh niên without the Đ now and then. */
const unionShort = (g: Group) => (g.unionCode === "04" && g.index % 4 === 0 ? "DTN" : unions[g.unionCode]!.short);

export function writeScoringSheet(outDir: string, province: Province, ym: number, rows: ScoreRow[], xlsx: boolean): string {
  const path = join(outDir, `CDTOTKVV_${province.branchCode}_${vnFileDate(ym)}.${xlsx ? "xlsx" : "csv"}`);
  const e = monthEnd(ym);
  // Every other month the sheet states its data date in a title row; otherwise only the name does.
  const titles: (string | null)[] = [
    "NGÂN HÀNG CHÍNH SÁCH XÃ HỘI",
    `CHI NHÁNH TỈNH ${province.provinceName.toUpperCase()}`,
    null,
    "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM TỔ TK&VV",
    `Tháng ${e.month} năm ${e.year}`,
    ...(ym % 2 === 0 ? [`Ngày số liệu: ${vnDate(ym)}`] : []),
    "Tiêu chí: giao dịch tại xã 20 điểm; nợ quá hạn 30; thu nợ đến hạn 15; thu lãi 20; tổ viên gửi tiền 5; số dư tiền gửi tăng 10",
    null,
    "Đơn vị tính: đồng",
  ];
  const sheet = openSheet(path, { xlsx, sheetName: "Sheet1", types, rows: titles.length + 1 + rows.length, modified: new Date(e.year, e.month - 1, e.day) });
  for (const t of titles) sheet.textRow([t]);
  sheet.textRow(header, true);
  rows.forEach(({ group, values }, i) => {
    sheet.row([i + 1, ...columns.map((c) => (c.key === "union_code" ? unionShort(group) : (values[c.key] ?? null)))]);
  });
  sheet.close();
  return path;
}
