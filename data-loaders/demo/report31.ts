// The loan listing in the real layout: "Sao kê chi tiết dư nợ (Báo cáo 31)" as the core system's
// query tool exports it, four title rows above the header and some 75 columns, of which the
// dashboard reads a few dozen. The figures the simple layout writes come from the same loans; the
// rest (month/quarter/year sums, last transaction, interest paid …) is kept per loan from month to
// month, so that the columns agree with each other across the listings.
import { join } from "node:path";
import { monthEnd, pad2, vnDate, vnFileDate } from "./dates.js";
import { unions } from "./layout.js";
import { personName } from "./names.js";
import { interestArrears, type Customer, type Loan, type Portfolio } from "./portfolio.js";
import { transactionPointName, type Commune, type Group, type Province } from "./province.js";
import { Random } from "./random.js";
import { openSheet } from "./sheet-writer.js";
import type { CellType, Value } from "./xlsx-writer.js";

export interface ListingPlan {
  /** The month is written as BCQUERY workbooks (otherwise as CSV saved from one). */
  xlsx: boolean;
  /** One file per PGD area instead of one for the branch. */
  perPgd: boolean;
}

/** Per-loan figures carried from month to month. */
interface History {
  quarter: number;
  year: number;
  collectedQuarter: number;
  collectedYear: number;
  toOverdueQuarter: number;
  toOverdueYear: number;
  writtenOffYear: number;
  toOverdueTotal: number;
  lastToOverdue: string | null;
  lastTransaction: string;
  interestPaid: number;
  arrearsPerforming: number;
  arrearsOverdue: number;
}

/** Personal details the simple layout does not carry: drawn once per customer, fake. */
interface CustomerExtras {
  /** The group's transaction point, named once per customer rather than once per row. */
  point: string;
  savingsBook: string | null;
  kind: string;
  idIssued: string;
  idPlace: string;
  spouse: string;
  atm: string;
}

/** One loan in one month, as the columns read it. */
interface Line {
  loan: Loan;
  c: Customer;
  g: Group;
  commune: Commune;
  total: number;
  arrears: number;
  h: History;
  x: CustomerExtras;
  interestPerforming: number;
  interestOverdue: number;
  extended: boolean;
}

const ethnicGroups: Record<string, string> = { "01": "Kinh", "18": "Sán Dìu", "24": "Thổ", "30": "Co" };
const programmeNames: Record<string, string> = {
  "01": "Cho vay hộ nghèo",
  "02": "Cho vay hộ cận nghèo",
  "03": "Cho vay hộ mới thoát nghèo",
  "04": "Cho vay học sinh sinh viên có hoàn cảnh khó khăn",
  "05": "Cho vay hỗ trợ tạo việc làm",
  "06": "Cho vay nước sạch và vệ sinh môi trường nông thôn",
  "07": "Cho vay hộ gia đình sản xuất kinh doanh tại vùng khó khăn",
  "08": "Cho vay nhà ở đối với hộ nghèo",
  "09": "Cho vay người lao động đi làm việc ở nước ngoài theo hợp đồng",
};

/** The day borrowers of a commune meet the bank at its transaction point, fixed per point. */
const pointDay = (g: Group) => (g.direct ? 10 : 5 + (Number(g.village.commune.code) % 19));
const dueDate = (loan: Loan, months: number) => vnDate(loan.disbursedYm + months, loan.disbursedDay);

function loanStatus(l: Line): string {
  const { loan } = l;
  if (loan.flows.writtenOff > 0) return "Đã xóa nợ";
  if (l.total === 0) return "Đã tất toán";
  if (loan.frozen > 0) return "Nợ khoanh";
  if (loan.overdue > 0) return "Quá hạn";
  return l.extended ? "Gia hạn nợ" : "Trong hạn";
}

type Column = [header: string, type: CellType, value: (l: Line) => Value];

function report31Columns(province: Province, leaders: string[], dataDate: string): Column[] {
  const union = (g: Group) => (g.direct ? undefined : unions[g.unionCode]);
  const f = (l: Line) => l.loan.flows;
  return [
    ["Ngày số liệu", "date", () => dataDate],
    ["Mã CN", "text", () => province.branchCode],
    ["Mã PGD", "text", (l) => l.commune.pgd.code],
    ["Tên PGD", "text", (l) => l.commune.pgd.name],
    ["Mã xã", "text", (l) => l.commune.code],
    ["Tên xã", "text", (l) => l.commune.name],
    ["Mã thôn", "text", (l) => l.g.village.code],
    ["Tên thôn", "text", (l) => l.g.village.name],
    ["Mã tổ", "text", (l) => l.g.code],
    ["Tên tổ", "text", (l) => (l.g.direct ? null : l.g.name)],
    ["Tên tổ trưởng", "text", (l) => (l.g.direct ? null : leaders[l.g.index]!)],
    ["Loại tổ", "text", (l) => (l.g.direct ? null : "Tổ TK&VV")],
    ["Mã ĐVUT", "text", (l) => union(l.g)?.ims ?? null],
    ["Tên ĐVUT", "text", (l) => union(l.g)?.name ?? null],
    ["Mã điểm giao dịch", "text", (l) => l.g.village.commune.code],
    ["Tên điểm giao dịch", "text", (l) => l.x.point],
    ["Mã KH", "text", (l) => l.c.id],
    ["Tên KH", "text", (l) => l.c.name],
    ["Loại KH", "text", (l) => l.x.kind],
    ["Ngày sinh", "text", (l) => l.c.birthDate],
    ["Giới tính", "text", (l) => (l.c.female ? "Nữ" : "Nam")],
    ["Mã dân tộc", "text", (l) => l.c.ethnicity],
    ["Tên DT", "text", (l) => ethnicGroups[l.c.ethnicity] ?? null],
    ["Số CMND", "text", (l) => l.c.nationalId],
    ["Ngày cấp CMND", "text", (l) => l.x.idIssued],
    ["Nơi cấp CMND", "text", (l) => l.x.idPlace],
    ["Địa chỉ", "text", (l) => l.c.address],
    ["Số điện thoại", "text", (l) => l.c.phone],
    ["Họ tên vợ/chồng", "text", (l) => l.x.spouse],
    ["Số ATM", "text", (l) => l.x.atm],
    ["Số khế ước", "text", (l) => l.loan.id],
    ["Mã CT", "text", (l) => l.loan.programme.code],
    ["Tên chương trình", "text", (l) => programmeNames[l.loan.programme.code] ?? null],
    ["Nguồn vốn", "text", (l) => l.loan.funding],
    ["Mã nhà đầu tư", "text", (l) => (l.loan.funding === "2" ? `NST${province.branchCode}` : l.loan.funding === "3" ? `NSX${l.g.village.commune.code}` : null)],
    ["Hình thức vay", "text", (l) => (l.g.direct ? "Trực tiếp" : "Ủy thác qua tổ")],
    ["Ngày vay", "date", (l) => dueDate(l.loan, 0)],
    ["Ngày GN đầu tiên", "date", (l) => dueDate(l.loan, 0)],
    ["Ngày GN cuối cùng", "date", (l) => dueDate(l.loan, 0)],
    ["Ngày ĐH theo hợp đồng", "date", (l) => dueDate(l.loan, l.loan.term)],
    ["Ngày ĐH theo Gia hạn", "date", (l) => (l.extended ? dueDate(l.loan, l.loan.term + l.loan.extension) : null)],
    ["Thời hạn vay", "number", (l) => l.loan.term],
    ["Lãi suất", "number", (l) => l.loan.rate],
    ["Mức vay", "money", (l) => l.loan.amount],
    ["Tổng giải ngân", "money", (l) => l.loan.amount],
    ["Tình trạng món vay", "text", loanStatus],
    ["Dư nợ trong hạn", "money", (l) => l.loan.performing],
    ["Dư nợ quá hạn", "money", (l) => l.loan.overdue],
    ["Dư nợ khoanh", "money", (l) => l.loan.frozen],
    ["Tổng dư nợ", "money", (l) => l.total],
    ["Lãi tồn TH", "money", (l) => l.arrears],
    ["Lãi tồn QH", "money", (l) => l.loan.interestOverdue],
    ["Số dư tiền gửi 105", "money", (l) => l.c.savings],
    ["Sổ tiết kiệm 105", "text", (l) => l.x.savingsBook],
    ["Giải ngân trong tháng", "money", (l) => f(l).disbursed],
    ["Thu nợ TH tháng", "money", (l) => f(l).collectedPerforming],
    ["Thu nợ QH tháng", "money", (l) => f(l).collectedOverdue],
    ["Thu nợ khoanh tháng", "money", (l) => f(l).collectedFrozen],
    ["Chuyển QH trong tháng", "money", (l) => f(l).movedToOverdue],
    ["Chuyển khoanh trong tháng", "money", (l) => f(l).movedToFrozen],
    ["Gốc xóa trong tháng", "money", (l) => f(l).writtenOff],
    ["Gia hạn trong tháng", "money", (l) => f(l).extended],
    ["Thu lãi TH tháng", "money", (l) => l.interestPerforming],
    ["Thu lãi QH Tháng", "money", (l) => l.interestOverdue],
    ["Thu nợ TH Quý", "money", (l) => l.h.collectedQuarter],
    ["Thu nợ TH Năm", "money", (l) => l.h.collectedYear],
    ["CQH trong Quý", "money", (l) => l.h.toOverdueQuarter],
    ["CQH Năm", "money", (l) => l.h.toOverdueYear],
    ["Xóa trong Năm", "money", (l) => l.h.writtenOffYear],
    ["Số lần gia hạn", "number", (l) => (l.extended ? 1 : 0)],
    ["Ngày gia hạn gần nhất", "text", (l) => (l.extended ? vnDate(l.loan.extendedYm, l.loan.disbursedDay) : null)],
    ["Ngày CNQH gần nhất", "text", (l) => l.h.lastToOverdue],
    ["Tổng chuyển nợ QH", "money", (l) => l.h.toOverdueTotal],
    ["Ngày giao dịch gần nhất", "text", (l) => l.h.lastTransaction],
    ["Gốc đã trả", "money", (l) => l.loan.amount - l.total - f(l).writtenOff],
    ["Lãi đã trả", "money", (l) => l.h.interestPaid],
  ];
}

/** Writes each month's listing and keeps the per-loan figures that run across months. */
export class Report31 {
  private readonly history = new WeakMap<Loan, History>();
  private readonly extras: CustomerExtras[] = [];
  private readonly header: string[];

  constructor(
    private readonly outDir: string,
    private readonly province: Province,
    private readonly leaders: string[],
    private readonly seed: number,
    private readonly communeAt: (g: Group, ym: number) => Commune,
  ) {
    this.header = report31Columns(province, leaders, "").map(([h]) => h);
  }

  month(ym: number, portfolio: Portfolio, plan: ListingPlan): string[] {
    const dataDate = vnDate(ym);
    const columns = report31Columns(this.province, this.leaders, dataDate);
    const types = columns.map(([, t]) => t);
    const values = columns.map(([, , v]) => v);
    // Loans by file: per PGD area in the province's order, or all in one.
    const files = new Map<string, Loan[]>();
    if (plan.perPgd) for (const p of this.province.pgds) files.set(p.code, []);
    else files.set(this.province.branchCode, []);
    for (const loan of portfolio.listedLoans()) {
      const key = plan.perPgd ? this.communeAt(loan.customer.group, ym).pgd.code : this.province.branchCode;
      files.get(key)!.push(loan);
    }
    const written: string[] = [];
    const e = monthEnd(ym);
    const row: Value[] = new Array(columns.length);
    for (const [code, loans] of files) {
      if (loans.length === 0) continue;
      const path = join(this.outDir, `HSTD_${code}_${vnFileDate(ym)}.${plan.xlsx ? "xlsx" : "csv"}`);
      const sheet = openSheet(path, { xlsx: plan.xlsx, sheetName: "BCQUERY", types, rows: loans.length + 5, modified: new Date(e.year, e.month - 1, e.day) });
      const title = (text: string, last: string | null = null) => sheet.textRow([text, ...Array<null>(columns.length - 2).fill(null), last]);
      title("NGÂN HÀNG CHÍNH SÁCH XÃ HỘI");
      title(`CHI NHÁNH TỈNH ${this.province.provinceName.toUpperCase()}`);
      title("SAO KÊ CHI TIẾT DƯ NỢ (BÁO CÁO 31)");
      title(`Ngày số liệu: ${dataDate}`, "Đơn vị tính: đồng");
      sheet.textRow(this.header, true);
      for (const loan of loans) {
        const line = this.line(loan, ym);
        for (let i = 0; i < values.length; i++) row[i] = values[i]!(line);
        sheet.row(row);
      }
      sheet.close();
      written.push(path);
    }
    return written;
  }

  /** The loan's figures this month; updates what runs across months. */
  private line(loan: Loan, ym: number): Line {
    const c = loan.customer;
    const g = c.group;
    const f = loan.flows;
    const total = loan.performing + loan.overdue + loan.frozen;
    const arrears = interestArrears(loan);
    let h = this.history.get(loan);
    const first = !h;
    if (!h) {
      // First listed in the data: what came before is estimated from the loan's state.
      const monthsBefore = Math.max(0, ym - loan.disbursedYm - 1);
      const lastPaidYm = ym - 1 - loan.interestMonths;
      const overdueBefore = Math.max(0, loan.overdue + f.collectedOverdue - f.movedToOverdue);
      h = {
        quarter: Math.floor(ym / 3),
        year: Math.floor(ym / 12),
        collectedQuarter: 0,
        collectedYear: 0,
        toOverdueQuarter: 0,
        toOverdueYear: 0,
        writtenOffYear: 0,
        toOverdueTotal: overdueBefore,
        lastToOverdue: overdueBefore > 0 ? vnDate(loan.overdueSinceYm, loan.disbursedDay + 1) : null,
        lastTransaction: lastPaidYm > loan.disbursedYm ? vnDate(lastPaidYm, pointDay(g)) : vnDate(loan.disbursedYm, loan.disbursedDay),
        interestPaid: Math.round((((loan.amount + total) / 2) * loan.rate * monthsBefore) / 1200),
        arrearsPerforming: arrears,
        arrearsOverdue: loan.interestOverdue,
      };
      this.history.set(loan, h);
    }
    if (Math.floor(ym / 3) !== h.quarter) {
      h.quarter = Math.floor(ym / 3);
      h.collectedQuarter = 0;
      h.toOverdueQuarter = 0;
    }
    if (Math.floor(ym / 12) !== h.year) {
      h.year = Math.floor(ym / 12);
      h.collectedYear = 0;
      h.toOverdueYear = 0;
      h.writtenOffYear = 0;
    }
    // Interest collected: the month's interest when none is left unpaid, plus arrears paid off.
    const performingBefore = loan.performing + f.collectedPerforming + f.movedToOverdue;
    let interestPerforming = 0;
    if (loan.disbursedYm < ym && loan.interestMonths === 0 && f.movedToFrozen === 0) {
      interestPerforming = Math.round((performingBefore * loan.rate) / 1200) + (first ? 0 : h.arrearsPerforming);
    }
    const interestOverdue = !first && f.collectedOverdue > 0 ? Math.max(0, h.arrearsOverdue - loan.interestOverdue) : 0;
    h.collectedQuarter += f.collectedPerforming;
    h.collectedYear += f.collectedPerforming;
    h.toOverdueQuarter += f.movedToOverdue;
    h.toOverdueYear += f.movedToOverdue;
    h.writtenOffYear += f.writtenOff;
    h.toOverdueTotal += f.movedToOverdue;
    if (f.movedToOverdue > 0) h.lastToOverdue = vnDate(ym, loan.disbursedDay + 1);
    const paid = f.collectedPerforming + f.collectedOverdue + f.collectedFrozen + interestPerforming + interestOverdue;
    if (paid > 0) h.lastTransaction = vnDate(ym, pointDay(g));
    else if (f.disbursed > 0) h.lastTransaction = vnDate(ym, loan.disbursedDay);
    h.interestPaid += interestPerforming + interestOverdue;
    h.arrearsPerforming = arrears;
    h.arrearsOverdue = loan.interestOverdue;
    return {
      loan,
      c,
      g,
      commune: this.communeAt(g, ym),
      total,
      arrears,
      h,
      x: this.extrasOf(c),
      interestPerforming,
      interestOverdue,
      extended: loan.extension > 0 && ym >= loan.extendedYm,
    };
  }

  private extrasOf(c: Customer): CustomerExtras {
    let x = this.extras[c.index];
    if (!x) {
      const r = new Random((this.seed ^ Math.imul(c.index + 1, 0x9e3779b1)) >>> 0);
      // Chip ID cards (12 digits) since 2016, issued by the police department that issues them now
      // from 2021 on.
      const year = Math.max(Number(c.birthDate.slice(6)) + 14, r.int(2016, 2023));
      const atm = r.chance(0.3) ? `970400${String(r.int(0, 9_999_999_999)).padStart(10, "0")}` : "";
      x = {
        point: transactionPointName(c.group.village.commune),
        savingsBook: c.saves ? `${this.province.branchCode}105${String(c.index + 1).padStart(7, "0")}` : null,
        kind: r.chance(0.03) ? "Cá nhân" : "Hộ gia đình",
        idIssued: `${pad2(r.int(1, 28))}/${pad2(r.int(1, 12))}/${year}`,
        idPlace: year >= 2021 ? "Cục Cảnh sát QLHC về TTXH" : "Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư",
        spouse: r.chance(0.75) ? personName(r, !c.female, c.ethnicity !== "01") : "",
        atm,
      };
      this.extras[c.index] = x;
    }
    return x;
  }
}
