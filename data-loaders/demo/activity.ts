// The unions' work beside the ledger, for the demo province: savings mobilised in each group,
// inspections by each union at province, district and commune level, entrustment fees and group
// commissions, and the quarterly risk-handling batches behind the ledger's frozen and written-off
// amounts.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { kiemtra, phiuythac, tietkiem, xlrr } from "../contract/exports.js";
import { CsvWriter } from "./csv-writer.js";
import type { Form } from "./layout.js";
import type { GroupMonth, Portfolio } from "./portfolio.js";
import type { Commune, Group, Province } from "./province.js";
import type { Random } from "./random.js";

export interface MonthContext {
  outDir: string;
  province: Province;
  form: Form;
  ym: number;
  /** dd/mm/yyyy of the month end. */
  dataDate: string;
  communeAt: (g: Group) => Commune;
}

export function writeSavings(ctx: MonthContext, stats: GroupMonth[]): string {
  const path = join(ctx.outDir, `TIETKIEM_${ctx.form.branchCode}_${ctx.form.fileDate(ctx.ym)}.csv`);
  const w = new CsvWriter(path, tietkiem);
  for (const g of ctx.province.groups) {
    const s = stats[g.index]!;
    if (g.direct || (s.members === 0 && s.withdrawals === 0)) continue;
    const commune = ctx.communeAt(g);
    w.write({
      data_date: ctx.dataDate,
      pgd_code: commune.pgd.code,
      commune_code: commune.code,
      group_code: g.code,
      union_code: ctx.form.unionCode(g.unionCode),
      members_saving: s.membersSaving,
      deposits: s.deposits,
      withdrawals: s.withdrawals,
      balance: s.savings,
    });
  }
  w.close();
  return path;
}

/** Fees are paid on the outstanding each union manages in a commune. */
export function writeFees(ctx: MonthContext, stats: GroupMonth[]): string {
  const path = join(ctx.outDir, `PHIUYTHAC_${ctx.form.branchCode}_${ctx.form.fileDate(ctx.ym)}.csv`);
  const w = new CsvWriter(path, phiuythac);
  const byCommuneUnion = new Map<string, { commune: Commune; union: string; balance: number; weak: number }>();
  for (const g of ctx.province.groups) {
    const s = stats[g.index]!;
    if (g.direct || s.balance <= 0) continue;
    const commune = ctx.communeAt(g);
    const key = `${commune.code}|${g.unionCode}`;
    const e = byCommuneUnion.get(key) ?? { commune, union: g.unionCode, balance: 0, weak: 0 };
    e.balance += s.balance;
    if (s.overdue > 0) e.weak += s.balance;
    byCommuneUnion.set(key, e);
  }
  for (const e of [...byCommuneUnion.values()].sort((a, b) => a.commune.code.localeCompare(b.commune.code) || a.union.localeCompare(b.union))) {
    // Part of the fee depends on quality: outstanding in groups with overdue debt earns less.
    const fee = Math.round(((e.balance - e.weak) * 0.0003 + e.weak * 0.0002) / 1000) * 1000;
    w.write({
      data_date: ctx.dataDate,
      pgd_code: e.commune.pgd.code,
      commune_code: e.commune.code,
      union_code: ctx.form.unionCode(e.union),
      entrustment_fee: fee,
      group_commission: Math.round((e.balance * 0.0008) / 1000) * 1000,
    });
  }
  w.close();
  return path;
}

const findings = ["Chưa họp tổ định kỳ hằng tháng", "Sổ sách của tổ chưa cập nhật đầy đủ", "Có hộ sử dụng vốn chưa đúng mục đích", "Tổ trưởng chưa giao biên lai cho tổ viên"];

/** Inspections of one month; the rows go to one file per year, kept open by the caller. */
export class InspectionWriter {
  private readonly writers = new Map<number, CsvWriter>();
  private seq = 0;
  readonly files: string[] = [];

  constructor(
    private readonly outDir: string,
    private readonly province: Province,
    private readonly form: Form,
    private readonly r: Random,
  ) {}

  month(ctx: MonthContext, day: (d: number) => string): void {
    const year = Math.floor(ctx.ym / 12);
    const w = this.writer(year);
    const groups = this.province.groups.filter((g) => !g.direct);
    const write = (union: string, level: string, commune: Commune, households: [number, number]) => {
      const candidates = groups.filter((g) => g.unionCode === union && ctx.communeAt(g) === commune);
      const group = candidates.length ? this.r.pick(candidates) : undefined;
      w.write({
        inspection_id: `KT${year}${String(++this.seq).padStart(5, "0")}`,
        inspected_on: day(this.r.int(3, 27)),
        union_code: this.form.inspectingUnion(union),
        level,
        pgd_code: commune.pgd.code,
        commune_code: commune.code,
        group_code: group?.code ?? null,
        households_visited: group ? this.r.int(households[0], households[1]) : 0,
        findings: this.r.chance(0.3) ? this.r.pick(findings) : null,
      });
    };
    const communes = [...new Set(groups.map((g) => ctx.communeAt(g)))];
    for (const union of ["01", "02", "03", "04"]) {
      write(union, "Tỉnh", this.r.pick(communes), [10, 25]);
      for (const pgd of this.province.pgds) {
        const inPgd = communes.filter((c) => c.pgd === pgd);
        if (inPgd.length && this.r.chance(0.5)) write(union, "Huyện", this.r.pick(inPgd), [8, 20]);
      }
      for (const commune of communes) if (this.r.chance(0.3)) write(union, "Xã", commune, [5, 15]);
    }
  }

  close(): void {
    for (const w of this.writers.values()) w.close();
  }

  private writer(year: number): CsvWriter {
    let w = this.writers.get(year);
    if (!w) {
      const path = join(this.outDir, `KIEMTRA_${this.form.branchCode}_${year}.csv`);
      this.files.push(path);
      this.writers.set(year, (w = new CsvWriter(path, kiemtra)));
    }
    return w;
  }
}

const riskCauses = ["Thiên tai, dịch bệnh", "Ốm đau, bệnh tật kéo dài", "Người vay chết", "Già cả, neo đơn không có thu nhập"];

/** The quarter's risk-handling batch: every loan the ledger froze or wrote off this month. */
export function writeRiskHandling(ctx: MonthContext, portfolio: Portfolio, r: Random): string | undefined {
  if (ctx.ym % 3 !== 2) return undefined;
  const year = Math.floor(ctx.ym / 12);
  const batch = `XLRR-${year}-Q${Math.floor((ctx.ym % 12) / 3) + 1}`;
  const path = join(ctx.outDir, `XLRR_${ctx.form.branchCode}_${batch}.csv`);
  const w = new CsvWriter(path, xlrr);
  const decidedOn = `20/${ctx.dataDate.slice(3)}`;
  for (const loan of portfolio.listedLoans()) {
    const f = loan.flows;
    const c = loan.customer;
    const commune = ctx.communeAt(c.group);
    const common = {
      batch_code: batch,
      decided_on: decidedOn,
      pgd_code: commune.pgd.code,
      commune_code: commune.code,
      group_code: c.group.code,
      union_code: c.group.direct ? null : ctx.form.unionCode(c.group.unionCode),
      customer_id: c.id,
      customer_name: c.name,
      loan_id: loan.id,
      cause: r.pick(riskCauses),
    };
    if (f.movedToFrozen > 0) w.write({ ...common, measure: "Khoanh nợ", principal: f.movedToFrozen, interest: 0 });
    else if (f.writtenOff > 0) w.write({ ...common, measure: "Xóa nợ", principal: f.writtenOff, interest: 0 });
  }
  w.close();
  // A quarter without any loan frozen or written off has no batch (a header-only file is refused).
  if (w.rows === 0) {
    rmSync(path);
    return undefined;
  }
  return path;
}
