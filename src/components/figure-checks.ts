// Checks beside figures that are meant to agree: the unions and direct loans against their total,
// the savings of the loan listing against the savings book, deposits minus withdrawals against the
// change of the balance, customers counted per handling case against customers in scope. Each
// says whether they agree, and why not when they do not.
import { h } from "../lib/dom.js";
import * as fmt from "../lib/format.js";
import type { Figures } from "../lib/display.js";
import type { AreaRow } from "./metric-table.js";

export interface Check {
  title: string;
  /** The figures compared, as shown. */
  lines: string[];
  agrees: boolean;
  /** The verdict in words when «khớp» / «không khớp» would say too little. */
  verdict?: string;
  /** Why they differ, or what makes them agree. */
  why: string;
}

export function checkBox(c: Check): HTMLElement {
  return h(
    "aside",
    { class: `check ${c.agrees ? "agrees" : "differs"}`, "aria-label": `Đối chiếu: ${c.title}` },
    h("p", { class: "check-title" }, h("strong", null, `Đối chiếu: ${c.title}`), ` – ${c.verdict ?? (c.agrees ? "khớp" : "không khớp")}`),
    h("ul", null, c.lines.map((l) => h("li", null, l))),
    h("p", null, c.why),
  );
}

const close = (a: number, b: number) => Math.abs(a - b) < 0.5;
const trieu = (v: number | null) => fmt.moneyWithUnit(v, "trieu");

/**
 * The union rows (direct loans among them, when there are any) against the total row: amounts add
 * up; households do not, since a household borrowing through two unions counts in each.
 */
export function unionsAgainstTotal(fig: Figures, date: string, rows: AreaRow[], total: AreaRow): Check {
  const sum = (metric: string) => rows.reduce((s, r) => s + (fig.value(date, r.slice, metric) ?? 0), 0);
  const dn = sum("DU_NO");
  const totalDn = fig.value(date, total.slice, "DU_NO") ?? 0;
  const households = sum("SO_HO");
  const totalHouseholds = fig.value(date, total.slice, "SO_HO") ?? 0;
  const direct = rows.find((r) => r.direct);
  const agrees = close(dn, totalDn) && close(sum("NQH"), fig.value(date, total.slice, "NQH") ?? 0);
  return {
    title: `các dòng cộng lại và dòng ${total.label}`,
    lines: [
      `Tổng dư nợ: cộng ${fmt.number(rows.length)} dòng ${trieu(dn)}; ${total.label} ${trieu(totalDn)}.`,
      `Số hộ còn dư nợ: cộng các dòng ${fmt.number(households)} hộ; ${total.label} ${fmt.number(totalHouseholds)} hộ.`,
    ],
    agrees,
    why: [
      agrees
        ? `Dư nợ và nợ quá hạn của các dòng cộng lại bằng ${total.label}${direct ? `, kể cả cho vay trực tiếp (không qua Hội: ${trieu(fig.value(date, direct.slice, "DU_NO"))})` : ""}.`
        : `Các dòng cộng lại khác ${total.label} ${trieu(totalDn - dn)}: có dư nợ không thuộc dòng nào trong bảng.`,
      households > totalHouseholds
        ? ` Số hộ cộng lại lớn hơn ${fmt.number(households - totalHouseholds)} hộ vì hộ vay qua nhiều Hội được đếm ở mỗi Hội, còn ${total.label} đếm mỗi hộ một lần.`
        : "",
    ].join(""),
  };
}

/** The savings of the loan listing (once per borrower) against the savings book of the groups. */
export function savingsSources(fig: Figures, date: string, slice: string, directSlice: string | null): Check {
  const listing = fig.value(date, slice, "TIEN_GUI");
  const book = fig.value(date, slice, "TG_SO_DU");
  const direct = directSlice ? fig.value(date, directSlice, "TIEN_GUI") : null;
  const gap = listing === null || book === null ? null : listing - book;
  const byDirect = gap !== null && direct !== null && !close(gap, 0) && close(gap, direct);
  const agrees = gap !== null && (close(gap, 0) || byDirect);
  return {
    title: "số dư tiền gửi theo sao kê dư nợ và theo sổ tiết kiệm",
    lines: [
      `${fig.catalogue.info("TIEN_GUI").name_vi}: ${trieu(listing)}.`,
      `${fig.catalogue.info("TG_SO_DU").name_vi}: ${trieu(book)}.`,
    ],
    agrees,
    verdict: byDirect ? "khớp khi tính cả cho vay trực tiếp" : undefined,
    why:
      gap === null
        ? "Thiếu một trong hai nguồn ở ngày này."
        : agrees
          ? "Hai nguồn bằng nhau."
          : byDirect
            ? `Chênh ${trieu(gap)} đúng bằng tiền gửi của khách hàng vay trực tiếp (không qua Tổ TK&VV): sao kê dư nợ có họ, sổ tiết kiệm của các tổ thì không.`
            : `Chênh ${trieu(gap)}: sao kê dư nợ chỉ tính tiền gửi của tổ viên còn dư nợ (và khách hàng vay trực tiếp), sổ tiết kiệm tính mọi tổ viên có sổ.`,
  };
}

/** Deposits minus withdrawals since 1/1 against the change of the savings book's balance since 31/12. */
export function savingsFlows(fig: Figures, date: string, slice: string): Check {
  const deposits = fig.get(date, slice, "TG_GUI_LK");
  const withdrawals = fig.get(date, slice, "TG_RUT_LK");
  const balance = fig.get(date, slice, "TG_SO_DU");
  const baseline = fig.baseline(date);
  const net = deposits.value === null || withdrawals.value === null ? null : deposits.value - withdrawals.value;
  const lines = [
    `Gửi vào − rút ra từ đầu năm: ${trieu(net)}.`,
    `Số dư tăng so với ${baseline ? fmt.date(baseline) : "31/12 năm trước"}: ${trieu(balance.change)}.`,
  ];
  const title = "tiền gửi vào, rút ra và số dư";
  const reason = deposits.reason ?? withdrawals.reason ?? (baseline ? null : "chưa có số liệu 31/12 năm trước");
  if (reason || net === null || balance.change === null) return { title, lines, agrees: false, why: `Chưa đối chiếu được: ${reason ?? "thiếu số liệu"}.` };
  const gap = balance.change - net;
  if (close(gap, 0)) return { title, lines, agrees: true, why: "Số dư tăng đúng bằng gửi vào trừ rút ra." };
  return {
    title,
    lines,
    agrees: false,
    why: `Chênh ${trieu(gap)} không đến từ gửi, rút trong năm: số dư là của các tổ viên hiện có, nên tiền gửi sẵn có của tổ viên mới vào tổ, tiền gửi của tổ viên đã ra khỏi tổ và lãi nhập gốc làm số dư đổi mà không qua gửi, rút.`,
  };
}

/** Loans and customers summed over the handling cases against those in scope. */
export function casesAgainstScope(cases: { loans: number; customers: number }[], scope: { loans_in_scope: number; customers_in_scope: number }): Check {
  const loans = cases.reduce((s, c) => s + c.loans, 0);
  const customers = cases.reduce((s, c) => s + c.customers, 0);
  const loansAgree = loans === scope.loans_in_scope;
  return {
    title: "cộng các trường hợp và phạm vi đối chiếu",
    lines: [
      `Số món: cộng các trường hợp ${fmt.number(loans)}; trong phạm vi ${fmt.number(scope.loans_in_scope)}.`,
      `Số khách hàng: cộng các trường hợp ${fmt.number(customers)} lượt; trong phạm vi ${fmt.number(scope.customers_in_scope)} khách hàng.`,
    ],
    agrees: loansAgree && customers === scope.customers_in_scope,
    why: [
      loansAgree ? "Mỗi món vay thuộc đúng một trường hợp nên số món khớp." : `Số món chênh ${fmt.number(loans - scope.loans_in_scope)}: có món chưa được phân loại.`,
      customers > scope.customers_in_scope
        ? ` Số khách hàng cộng lại nhiều hơn ${fmt.number(customers - scope.customers_in_scope)} vì khách hàng có món vay ở nhiều trường hợp được đếm ở mỗi trường hợp (đếm theo lượt), còn phạm vi đếm mỗi khách hàng một lần.`
        : "",
    ].join(""),
  };
}

