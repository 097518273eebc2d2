// Writes a demo province's ledger exports: monthly HSTD loan listings and group scoring, a year's
// targets per union and PGD area, one debt-reconciliation campaign and the unit list with the
// 2025 commune crosswalk, in the simple or the real layout (layout.ts). Same options and seed,
// byte-identical files; same options in both layouts, the same portfolio.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { cdtotkvv, chitieu, dmdonvi, doichieu, hstd } from "../contract/exports.js";
import { InspectionWriter, writeFees, writeRiskHandling, writeSavings, type MonthContext } from "./activity.js";
import { CsvWriter, type Cell } from "./csv-writer.js";
import { monthEnd, pad2, vnDate } from "./dates.js";
import { DEFAULT_LAYOUT, formOf, type Form, type Layout } from "./layout.js";
import { personName } from "./names.js";
import { interestArrears, Portfolio, type Customer, type GroupMonth } from "./portfolio.js";
import { buildProvince, transactionPointName, type Group, type Province } from "./province.js";
import { Random } from "./random.js";
import { Report31, type ListingPlan } from "./report31.js";
import { writeScoringSheet, type ScoreRow } from "./scoring-sheet.js";

export interface DemoOptions {
  outDir: string;
  seed: number;
  borrowers: number;
  months: number;
  /** Last data month, "YYYY-MM". */
  endMonth: string;
  layout?: Layout;
  /** Called after each data month is written. */
  onMonth?: (done: number, total: number) => void;
}

export const defaultDemoOptions: Omit<DemoOptions, "outDir"> = {
  seed: 2026,
  borrowers: 100_000,
  months: 24,
  endMonth: "2026-10",
  layout: DEFAULT_LAYOUT,
};

/** Communes were merged on this date; earlier listings carry the old commune codes. */
const RESTRUCTURING_YM = 2025 * 12 + 6;

/**
 * How the real layout sends each month's listing: the latest two months as workbooks, the others as
 * CSV saved from one; split per PGD area every 31/12 and 30/06 and in the latest month.
 */
function listingPlan(ym: number, endYm: number): ListingPlan {
  return { xlsx: ym >= endYm - 1, perPgd: ym === endYm || ym % 12 === 11 || ym % 12 === 5 };
}

/** Figures of one union × PGD area (or a total) at a month end, for deriving targets. */
interface UnitSummary {
  balance: number;
  overdue: number;
  frozen: number;
  savings: number;
  members: number;
  membersSaving: number;
  groups: number;
  groupsTot: number;
  groupsNoOverdue: number;
}

export function generateDemo(options: DemoOptions): string[] {
  const { outDir, seed, borrowers, months } = options;
  const [ey, em] = options.endMonth.split("-").map(Number) as [number, number];
  const endYm = ey * 12 + em - 1;
  const startYm = endYm - months + 1;
  mkdirSync(outDir, { recursive: true });
  const root = new Random(seed);
  const province = buildProvince(root.fork(1), borrowers);
  const form = formOf(options.layout ?? DEFAULT_LAYOUT, province);
  const portfolio = new Portfolio(root.fork(2), province, startYm);
  portfolio.seed(borrowers);
  const scoring = root.fork(3);
  const targetsRandom = root.fork(4);
  const reconRandom = root.fork(5);
  const leaders = groupLeaders(province, portfolio.customers, root.fork(6));

  const files: string[] = [];
  const summaries = new Map<number, Map<string, UnitSummary>>();
  const prevSavings = new Map<number, number>();
  const reconYm = reconciliationCutoff(startYm, endYm);
  const inspections = new InspectionWriter(outDir, province, form, root.fork(7));
  const riskRandom = root.fork(8);
  const report31 = form.layout === "real" ? new Report31(outDir, province, leaders, root.fork(9).int(0, 2 ** 31), communeAt) : undefined;

  for (let ym = startYm; ym <= endYm; ym++) {
    const stats = portfolio.step(ym);
    if (report31) files.push(...report31.month(ym, portfolio, listingPlan(ym, endYm)));
    else files.push(writeHstd(outDir, form, portfolio, ym, leaders));
    const { rows, classes } = scoreGroups(province, stats, prevSavings, ym, leaders, scoring);
    files.push(form.layout === "real" ? writeScoringSheet(outDir, province, ym, rows, ym === endYm) : writeScores(outDir, form, ym, rows));
    summaries.set(ym, summarise(province, stats, classes));
    if (ym === reconYm) files.push(writeReconciliation(outDir, province, form, portfolio, ym, reconRandom));
    const ctx: MonthContext = { outDir, province, form, ym, dataDate: vnDate(ym), communeAt: (g) => communeAt(g, ym) };
    files.push(writeSavings(ctx, stats), writeFees(ctx, stats));
    inspections.month(ctx, (day) => vnDate(ym, day));
    const risk = writeRiskHandling(ctx, portfolio, riskRandom);
    if (risk) files.push(risk);
    options.onMonth?.(ym - startYm + 1, months);
  }
  inspections.close();
  files.push(...inspections.files);
  // Targets for every year whose starting point (31/12 of the year before) is in the data.
  for (let year = monthEnd(startYm).year + 1; year <= monthEnd(endYm).year; year++) {
    const baseYm = year * 12 - 1;
    files.push(writeTargets(outDir, form, year, summaries.get(baseYm)!, targetsRandom));
  }
  files.push(writeUnits(outDir, province, form));
  return files;
}

/** The first 31/7 in the data whose campaign (about three months of meetings) also ended in it. */
function reconciliationCutoff(startYm: number, endYm: number): number | undefined {
  for (let ym = startYm; ym <= endYm - 3; ym++) if (ym % 12 === 6) return ym;
  return undefined;
}

function groupLeaders(province: Province, customers: Customer[], r: Random): string[] {
  const names: (string | undefined)[] = province.groups.map(() => undefined);
  for (const c of customers) if (!c.group.direct) names[c.group.index] ??= c.name;
  return names.map((n) => n ?? personName(r, r.chance(0.7), false));
}

function communeAt(group: Group, ym: number) {
  const old = group.village.commune;
  return ym < RESTRUCTURING_YM ? old : old.successor;
}

/** The loan listing in the simple layout. */
function writeHstd(outDir: string, form: Form, portfolio: Portfolio, ym: number, leaders: string[]): string {
  const path = join(outDir, `HSTD_${form.branchCode}_${form.fileDate(ym)}.csv`);
  const w = new CsvWriter(path, hstd);
  const dataDate = vnDate(ym);
  for (const loan of portfolio.listedLoans()) {
    const c = loan.customer;
    const g = c.group;
    const commune = communeAt(g, ym);
    const f = loan.flows;
    const due = loan.disbursedYm + loan.term;
    w.write({
      data_date: dataDate,
      branch_code: form.branchCode,
      pgd_code: commune.pgd.code,
      pgd_name: commune.pgd.name,
      commune_code: commune.code,
      commune_name: commune.name,
      village_code: g.village.code,
      group_code: g.code,
      group_leader_name: g.direct ? null : leaders[g.index]!,
      union_code: g.unionCode || null,
      customer_id: c.id,
      customer_name: c.name,
      national_id: c.nationalId,
      birth_date: c.birthDate,
      gender: c.female ? "Nữ" : "Nam",
      ethnicity_code: c.ethnicity,
      address: c.address,
      phone: c.phone,
      loan_id: loan.id,
      programme_code: loan.programme.code,
      funding_source: loan.funding,
      disbursed_on: vnDate(loan.disbursedYm, loan.disbursedDay),
      due_on: vnDate(due, Math.min(loan.disbursedDay, monthEnd(due).day)),
      interest_rate: loan.rate,
      disbursed_amount: loan.amount,
      balance_performing: loan.performing,
      balance_overdue: loan.overdue,
      balance_frozen: loan.frozen,
      balance_total: loan.performing + loan.overdue + loan.frozen,
      interest_arrears_performing: interestArrears(loan),
      interest_arrears_overdue: loan.interestOverdue,
      savings_balance: c.savings,
      disbursed_in_month: f.disbursed,
      collected_performing: f.collectedPerforming,
      collected_overdue: f.collectedOverdue,
      collected_frozen: f.collectedFrozen,
      moved_to_overdue: f.movedToOverdue,
      moved_to_frozen: f.movedToFrozen,
      written_off: f.writtenOff,
    });
  }
  w.close();
  return path;
}

const CLASSES = ["Tốt", "Khá", "Trung bình", "Yếu"] as const;
// The bank's rubric (config/settings.json holds the same cut-offs for the models).
const classOf = (score: number) => (score >= 90 ? 0 : score >= 70 ? 1 : score >= 50 ? 2 : 3);

/** Scores every group with outstanding debt on the bank's rubric; rows by contract key. */
function scoreGroups(
  province: Province,
  stats: GroupMonth[],
  prevSavings: Map<number, number>,
  ym: number,
  leaders: string[],
  r: Random,
): { rows: ScoreRow[]; classes: Map<number, number> } {
  const rows: ScoreRow[] = [];
  const classes = new Map<number, number>();
  for (const g of province.groups) {
    const s = stats[g.index]!;
    if (g.direct || s.balance <= 0) continue;
    const overdueRatio = s.overdue / s.balance;
    const scores = {
      score_commune_transactions: g.transactionScore,
      score_overdue_ratio: overdueRatio === 0 ? 30 : overdueRatio <= 0.005 ? 25 : overdueRatio <= 0.01 ? 20 : overdueRatio <= 0.02 ? 15 : overdueRatio <= 0.05 ? 10 : 0,
      score_due_collection: s.due === 0 ? 15 : Math.round(15 * (1 - s.missed / s.due)),
      score_interest_collection: s.membersInterestArrears < 0.05 * s.members ? 20 : s.membersInterestArrears < 0.1 * s.members ? 15 : 10,
      score_savings_participation: s.membersSaving >= 0.95 * s.members ? 5 : s.membersSaving >= 0.85 * s.members ? 3 : 0,
      score_savings_growth: s.savings >= 0.98 * (prevSavings.get(g.index) ?? 0) ? 10 : s.savings >= 0.9 * (prevSavings.get(g.index) ?? 0) ? 5 : 0,
    };
    prevSavings.set(g.index, s.savings);
    const total = Object.values(scores).reduce((a, b) => a + b, 0);
    let cls = classOf(total);
    // A few stored classes disagree with the rubric, as in real exports: a data-quality finding.
    if (r.chance(0.002)) cls = cls === 0 ? 1 : cls - 1;
    classes.set(g.index, cls);
    const commune = communeAt(g, ym);
    const values: Record<string, Cell> = {
      data_date: vnDate(ym),
      pgd_code: commune.pgd.code,
      commune_code: commune.code,
      village_code: g.village.code,
      group_code: g.code,
      group_name: g.name,
      group_leader_name: leaders[g.index]!,
      union_code: g.unionCode,
      members: s.members,
      balance_total: s.balance,
      savings_balance: s.savings,
      ...scores,
      score_total: total,
      rating_class: CLASSES[cls]!,
    };
    rows.push({ group: g, values });
  }
  return { rows, classes };
}

/** The group scoring in the simple layout. */
function writeScores(outDir: string, form: Form, ym: number, rows: ScoreRow[]): string {
  const path = join(outDir, `CDTOTKVV_${form.branchCode}_${form.fileDate(ym)}.csv`);
  const w = new CsvWriter(path, cdtotkvv);
  for (const row of rows) w.write(row.values);
  w.close();
  return path;
}

function summarise(province: Province, stats: GroupMonth[], classes: Map<number, number>): Map<string, UnitSummary> {
  const out = new Map<string, UnitSummary>();
  const add = (key: string, g: Group, s: GroupMonth) => {
    const u = out.get(key) ?? { balance: 0, overdue: 0, frozen: 0, savings: 0, members: 0, membersSaving: 0, groups: 0, groupsTot: 0, groupsNoOverdue: 0 };
    u.balance += s.balance;
    u.overdue += s.overdue;
    u.frozen += s.frozen;
    u.savings += s.savings;
    u.members += s.members;
    u.membersSaving += s.membersSaving;
    u.groups++;
    if (classes.get(g.index) === 0) u.groupsTot++;
    if (s.overdue === 0) u.groupsNoOverdue++;
    out.set(key, u);
  };
  for (const g of province.groups) {
    const s = stats[g.index]!;
    if (g.direct || s.balance <= 0) continue;
    const pgd = g.village.commune.pgd.code;
    add(`${g.unionCode}|${pgd}`, g, s);
    add(`${g.unionCode}|`, g, s);
    add(`|`, g, s);
  }
  return out;
}

function writeTargets(outDir: string, form: Form, year: number, base: Map<string, UnitSummary>, r: Random): string {
  const path = join(outDir, `CHITIEU_${form.branchCode}_${year}.csv`);
  // Hand-prepared files use the Vietnamese decimal comma, hence the semicolon separator.
  const w = new CsvWriter(path, chitieu, ";");
  const dec = (x: number) => x.toFixed(2).replace(".", ",");
  const row = (unionCode: string, pgdCode: string, metric: string, name: string, comparator: string, assigned: number, stretch: number) =>
    w.write({ year, union_code: unionCode ? form.unionCode(unionCode) : null, pgd_code: pgdCode || null, metric_code: metric, metric_name: name, comparator, assigned_value: dec(assigned), stretch_value: dec(stretch) });
  for (const [key, u] of base) {
    const [unionCode = "", pgdCode = ""] = key.split("|");
    const pct = (a: number, b: number) => (b > 0 ? (100 * a) / b : 0);
    const nqh = Math.max(0.05, pct(u.overdue, u.balance) * r.uniform(0.8, 1.1));
    row(unionCode, pgdCode, "TL_NQH", "Tỷ lệ nợ quá hạn (%)", "<", nqh, nqh * 0.8);
    const bad = Math.max(0.08, pct(u.overdue + u.frozen, u.balance) * r.uniform(0.8, 1.1));
    row(unionCode, pgdCode, "TL_NQH_KHOANH", "Tỷ lệ nợ quá hạn và nợ khoanh (%)", "<", bad, bad * 0.8);
    const sav = pct(u.savings, u.balance) * r.uniform(1.0, 1.12);
    row(unionCode, pgdCode, "TL_TIEN_GUI_DU_NO", "Tỷ lệ tiền gửi / dư nợ (%)", ">=", sav, sav + 0.3);
    const tot = Math.min(99, pct(u.groupsTot, u.groups) * r.uniform(0.98, 1.02));
    row(unionCode, pgdCode, "TL_TO_TOT", "Tỷ lệ tổ xếp loại Tốt (%)", ">=", tot, Math.min(100, tot + 1));
    row(unionCode, pgdCode, "DU_NO", "Tổng dư nợ (triệu đồng)", ">=", (u.balance / 1e6) * r.uniform(1.04, 1.08), (u.balance / 1e6) * 1.1);
    row(unionCode, pgdCode, "TG_SO_DU", "Số dư tiền gửi tổ viên theo kế hoạch (triệu đồng)", ">=", (u.savings / 1e6) * r.uniform(1.05, 1.1), (u.savings / 1e6) * 1.14);
    if (pgdCode === "") {
      row(unionCode, "", "TL_TV_GUI_TK", "Tỷ lệ tổ viên gửi tiết kiệm (%)", ">=", 98, 99);
      row(unionCode, "", "TL_TO_TOT_KHA", "Tỷ lệ tổ Tốt và Khá (%)", ">=", 99, 100);
      row(unionCode, "", "TL_TO_KHONG_NQH", "Tỷ lệ tổ không có nợ quá hạn (%)", ">=", 94, 96);
      row(unionCode, "", "SO_TO_YEU", "Số tổ xếp loại Yếu", "<=", 0, 0);
    }
  }
  w.close();
  return path;
}

const causes: Record<string, string[]> = {
  "1": ["Làm ăn thua lỗ, còn khả năng trả nợ", "Sử dụng vốn sai mục đích", "Thu nhập bấp bênh, trả chậm"],
  "2": ["Thiên tai, dịch bệnh", "Ốm đau, bệnh tật kéo dài", "Người vay chết", "Già cả, neo đơn không có thu nhập"],
  "3": ["Có khả năng trả nợ nhưng chây ỳ"],
  "4": ["Tổ trưởng chiếm dụng tiền thu nợ", "Sai sót khi ghi biên lai"],
  "5": ["Bỏ đi khỏi nơi cư trú"],
};

function writeReconciliation(outDir: string, province: Province, form: Form, portfolio: Portfolio, ym: number, r: Random): string {
  const campaign = `DC${monthEnd(ym).year}`;
  const path = join(outDir, `DOICHIEU_${form.branchCode}_${campaign}.csv`);
  const w = new CsvWriter(path, doichieu);
  // Each old commune's transaction point gets two scheduled days between late August and October.
  const schedule = new Map<string, number>();
  for (const [i, c] of province.oldCommunes.entries()) schedule.set(c.code, 20 + ((i * 3) % 70));
  const absentCustomers = new Set<number>();
  for (const loan of portfolio.listedLoans()) {
    const balance = loan.performing + loan.overdue + loan.frozen;
    const interest = interestArrears(loan) + loan.interestOverdue;
    if (balance === 0 && interest === 0) continue;
    const c = loan.customer;
    const g = c.group;
    const point = g.village.commune;
    if (!absentCustomers.has(c.index) && r.chance(0.012)) absentCustomers.add(c.index);
    const reconciled = !absentCustomers.has(c.index);
    let handlingCase: string | null = null;
    if (loan.frozen > 0) handlingCase = "2";
    else if (loan.overdue > 0) handlingCase = r.weighted([["1", 0.7], ["3", 0.12], ["5", 0.1], ["2", 0.08]] as const);
    else if (r.chance(0.0008)) handlingCase = "4";
    if (!reconciled && handlingCase === "4") handlingCase = null;
    const dayOffset = schedule.get(point.code)! + (c.index % 2);
    const reconciledOn = new Date(Date.UTC(monthEnd(ym).year, 7, dayOffset));
    const discrepancy = handlingCase === "4" ? r.int(1, 40) * 100_000 : null;
    w.write({
      campaign_code: campaign,
      cutoff_date: vnDate(ym),
      pgd_code: point.successor.pgd.code,
      commune_code: point.successor.code,
      transaction_point_code: point.code,
      transaction_point_name: transactionPointName(point),
      group_code: g.code,
      union_code: g.direct ? null : form.unionCode(g.unionCode),
      customer_id: c.id,
      customer_name: c.name,
      loan_id: loan.id,
      principal: balance,
      interest,
      reconciled_on: reconciled
        ? `${pad2(reconciledOn.getUTCDate())}/${pad2(reconciledOn.getUTCMonth() + 1)}/${reconciledOn.getUTCFullYear()}`
        : null,
      handling_case: reconciled ? handlingCase : null,
      cause: reconciled && handlingCase ? r.pick(causes[handlingCase]!) : null,
      principal_discrepancy: discrepancy,
      interest_discrepancy: discrepancy === null ? null : r.int(0, 20) * 10_000,
    });
  }
  w.close();
  return path;
}

function writeUnits(outDir: string, province: Province, form: Form): string {
  const path = join(outDir, `DMDONVI_${form.branchCode}.csv`);
  const w = new CsvWriter(path, dmdonvi);
  const common = { branch_code: form.branchCode, branch_name: province.branchName };
  for (const c of province.oldCommunes) {
    w.write({ ...common, pgd_code: c.pgd.code, pgd_name: c.pgd.name, commune_code: c.code, commune_name: c.name, valid_from: "01/01/2020", valid_to: "30/06/2025", successor_code: c.successor.code });
  }
  for (const c of province.communes) {
    w.write({ ...common, pgd_code: c.pgd.code, pgd_name: c.pgd.name, commune_code: c.code, commune_name: c.name, valid_from: "01/07/2025", valid_to: null, successor_code: null });
  }
  w.close();
  return path;
}
