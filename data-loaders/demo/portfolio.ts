// The demo loan book and its monthly life: instalments paid or missed, overdue debt cured or frozen,
// frozen debt written off, a few loans extended at maturity, loans repaid and new ones disbursed,
// savings deposited and withdrawn.
// Parameters are tuned so that the province looks like domain.md's "Scale" section.
import { personName } from "./names.js";
import type { Group, Province } from "./province.js";
import type { Random } from "./random.js";

export interface Programme {
  code: string;
  rate: number;
  /** Amount range in triệu đồng and term range in months. */
  amount: [number, number];
  term: [number, number];
  /** Months between principal instalments. */
  period: number;
  weight: number;
}

// Codes and rates as in sql/seeds/ref_programmes.csv.
export const programmes: Programme[] = [
  { code: "01", rate: 6.6, amount: [50, 100], term: [36, 60], period: 6, weight: 0.15 },
  { code: "02", rate: 7.92, amount: [50, 100], term: [36, 60], period: 6, weight: 0.16 },
  { code: "03", rate: 8.25, amount: [50, 100], term: [36, 60], period: 6, weight: 0.12 },
  { code: "04", rate: 6.6, amount: [30, 120], term: [60, 120], period: 12, weight: 0.06 },
  { code: "05", rate: 7.92, amount: [60, 100], term: [36, 60], period: 6, weight: 0.17 },
  { code: "06", rate: 9, amount: [15, 25], term: [36, 60], period: 6, weight: 0.2 },
  { code: "07", rate: 9, amount: [50, 100], term: [36, 60], period: 6, weight: 0.06 },
  { code: "08", rate: 3, amount: [25, 40], term: [120, 180], period: 12, weight: 0.04 },
  { code: "09", rate: 6.6, amount: [60, 100], term: [24, 36], period: 6, weight: 0.04 },
];

export interface Customer {
  index: number;
  id: string;
  name: string;
  female: boolean;
  ethnicity: string;
  nationalId: string;
  birthDate: string;
  phone: string;
  address: string;
  group: Group;
  savings: number;
  saves: boolean;
  loans: Loan[];
}

export interface Flows {
  disbursed: number;
  collectedPerforming: number;
  collectedOverdue: number;
  collectedFrozen: number;
  movedToOverdue: number;
  movedToFrozen: number;
  writtenOff: number;
  /** Principal whose due date was extended this month. */
  extended: number;
}

export interface Loan {
  id: string;
  customer: Customer;
  programme: Programme;
  funding: string;
  rate: number;
  /** Month index (year × 12 + month − 1) and day of disbursement. */
  disbursedYm: number;
  disbursedDay: number;
  /** Contract term in months. */
  term: number;
  /** Months added to the term by an extension (gia hạn nợ), and the month it was granted. */
  extension: number;
  extendedYm: number;
  instalment: number;
  amount: number;
  performing: number;
  overdue: number;
  frozen: number;
  /** Months of unpaid interest on the performing balance. */
  interestMonths: number;
  interestOverdue: number;
  overdueSinceYm: number;
  flows: Flows;
  /** Set when the balance reached zero this month; the loan is listed once more, then dropped. */
  closed: boolean;
}

const noFlows = (): Flows => ({
  disbursed: 0,
  collectedPerforming: 0,
  collectedOverdue: 0,
  collectedFrozen: 0,
  movedToOverdue: 0,
  movedToFrozen: 0,
  writtenOff: 0,
  extended: 0,
});

/** Per-group figures of one month, for the group scoring export. */
export interface GroupMonth {
  balance: number;
  overdue: number;
  frozen: number;
  savings: number;
  members: number;
  membersSaving: number;
  membersInterestArrears: number;
  due: number;
  missed: number;
  deposits: number;
  withdrawals: number;
}

const MISS_RATE = 0.0075; // chance an instalment is missed, times the group's risk
const CURE_RATE = 0.1;
const PARTIAL_CURE_RATE = 0.05;
const PREPAY_RATE = 0.0015;
const REBORROW_RATE = 0.75;
const NEW_CUSTOMER_RATE = 0.011;
/** Chance that a loan still owing at maturity has its last repayment put back twelve months. */
const EXTEND_RATE = 0.03;
const EXTENSION_MONTHS = 12;

const round1000 = (x: number) => Math.max(0, Math.round(x / 1000) * 1000);

/** Unpaid interest on the performing balance ("Lãi tồn TH"), as the listing shows it. */
export const interestArrears = (loan: Loan) => Math.round((loan.performing * loan.rate * loan.interestMonths) / 1200 / 1000) * 1000;

export class Portfolio {
  customers: Customer[] = [];
  private loanSeq = 0;
  private reborrow = new Map<number, Customer[]>();

  constructor(
    private readonly r: Random,
    private readonly province: Province,
    private readonly startYm: number,
  ) {}

  /** Borrowers at the first data date with loans of every age, as if the book had run for years. */
  seed(borrowers: number): void {
    let g = 0;
    let inGroup = 0;
    const groups = this.province.groups.filter((x) => !x.direct);
    const direct = this.province.groups.filter((x) => x.direct);
    for (let i = 0; i < borrowers; i++) {
      if (this.r.chance(0.005)) {
        const c = this.newCustomer(this.r.pick(direct));
        this.seedLoan(c);
        continue;
      }
      if (inGroup >= groups[g]!.size && g < groups.length - 1) {
        g++;
        inGroup = 0;
      }
      inGroup++;
      const c = this.newCustomer(groups[g]!);
      const n = this.r.weighted([[1, 0.72], [2, 0.22], [3, 0.06]] as const);
      for (let k = 0; k < n; k++) this.seedLoan(c);
      // Borrowers who repaid just before the first data date and come back in its first months.
      if (this.r.chance(0.03)) this.scheduleReborrow(c, this.startYm);
    }
  }

  private newCustomer(group: Group): Customer {
    const r = this.r;
    const index = this.customers.length;
    const female = r.chance(0.62);
    const minority = r.chance(0.14);
    const birthYear = r.int(1950, 2004);
    const yy = String(birthYear % 100).padStart(2, "0");
    const centuryGender = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
    const serial = String((index * 7919 + 123457) % 1_000_000).padStart(6, "0");
    const village = group.village;
    const c: Customer = {
      index,
      id: `0510${String(index + 1).padStart(6, "0")}`,
      name: personName(r, female, minority),
      female,
      ethnicity: minority ? r.pick(["18", "24", "30"]) : "01",
      nationalId: `051${centuryGender}${yy}${serial}`,
      birthDate: `${String(r.int(1, 28)).padStart(2, "0")}/${String(r.int(1, 12)).padStart(2, "0")}/${birthYear}`,
      phone: `${r.pick(["09", "03", "08", "07"])}${String((index * 104729 + 7777777) % 100_000_000).padStart(8, "0")}`,
      address: `${village.name}, ${village.commune.name}, ${village.commune.pgd.name.replace("PGD ", "")}`,
      group,
      savings: 0,
      saves: !r.chance(0.01),
      loans: [],
    };
    if (c.saves) c.savings = round1000(r.uniform(0.3, 4) * 1e6);
    this.customers.push(c);
    return c;
  }

  private newLoan(c: Customer, disbursedYm: number, programme?: Programme): Loan {
    const r = this.r;
    const p = programme ?? (c.group.unionCode === "04" && r.chance(0.3) ? programmes[3]! : r.weighted(programmes.map((x) => [x, x.weight] as const)));
    const amount = r.int(p.amount[0], p.amount[1]) * 1e6;
    const term = Math.ceil(r.int(p.term[0], p.term[1]) / p.period) * p.period;
    const rate = p.code === "05" && c.ethnicity !== "01" ? 3.96 : p.rate;
    const loan: Loan = {
      id: `51${String(++this.loanSeq).padStart(8, "0")}`,
      customer: c,
      programme: p,
      funding: r.weighted([["1", 0.88], ["2", 0.09], ["3", 0.03]] as const),
      rate,
      disbursedYm,
      disbursedDay: r.int(1, 28),
      term,
      extension: 0,
      extendedYm: 0,
      instalment: round1000(amount / (term / p.period)),
      amount,
      performing: amount,
      overdue: 0,
      frozen: 0,
      interestMonths: 0,
      interestOverdue: 0,
      overdueSinceYm: 0,
      flows: noFlows(),
      closed: false,
    };
    c.loans.push(loan);
    return loan;
  }

  private seedLoan(c: Customer): void {
    const r = this.r;
    const p = r.weighted(programmes.map((x) => [x, x.weight] as const));
    const term = Math.ceil(r.int(p.term[0], p.term[1]) / p.period) * p.period;
    const age = r.int(0, term - 1);
    const loan = this.newLoan(c, this.startYm - age, p);
    loan.term = term;
    loan.instalment = round1000(loan.amount / (term / p.period));
    const paid = Math.floor(age / p.period);
    loan.performing = Math.max(loan.instalment, loan.amount - paid * loan.instalment);
    if (age === 0) loan.flows.disbursed = loan.amount;
    if (r.chance(0.003 * c.group.risk)) {
      loan.overdue = Math.min(loan.performing, loan.instalment);
      loan.performing -= loan.overdue;
      loan.overdueSinceYm = this.startYm - r.int(1, 12);
      loan.interestOverdue = round1000(((loan.overdue * loan.rate * 1.3) / 1200) * (this.startYm - loan.overdueSinceYm));
    } else if (r.chance(0.0012 * c.group.risk)) {
      loan.frozen = loan.performing;
      loan.performing = 0;
    }
  }

  private scheduleReborrow(c: Customer, ym: number): void {
    const when = ym + this.r.int(1, 6);
    const list = this.reborrow.get(when) ?? [];
    list.push(c);
    this.reborrow.set(when, list);
  }

  /** Advances every loan and savings account by one month; returns per-group figures. */
  step(ym: number): GroupMonth[] {
    const r = this.r;
    const quarterEnd = ym % 3 === 2;
    const stats: GroupMonth[] = this.province.groups.map(() => ({
      balance: 0, overdue: 0, frozen: 0, savings: 0, members: 0, membersSaving: 0, membersInterestArrears: 0, due: 0, missed: 0, deposits: 0, withdrawals: 0,
    }));
    const month = ym - this.startYm;

    // Loans listed last month as repaid leave the book; returning borrowers and new ones arrive.
    for (const c of this.customers) c.loans = c.loans.filter((l) => !l.closed);
    if (month > 0) {
      for (const c of this.reborrow.get(ym) ?? []) {
        const loan = this.newLoan(c, ym);
        loan.flows.disbursed = loan.amount;
      }
      this.reborrow.delete(ym);
      const active = this.customers.filter((c) => c.loans.length > 0).length;
      const arrivals = Math.round(active * NEW_CUSTOMER_RATE);
      for (let i = 0; i < arrivals; i++) {
        const c = this.newCustomer(r.pick(this.province.groups.filter((x) => !x.direct)));
        const loan = this.newLoan(c, ym);
        loan.flows.disbursed = loan.amount;
      }
    }

    for (const c of this.customers) {
      if (c.loans.length === 0) continue;
      const risk = c.group.risk;
      let balance = 0;
      let arrears = false;
      for (const loan of c.loans) {
        if (month > 0 && loan.disbursedYm !== ym) loan.flows = noFlows();
        const f = loan.flows;
        const s = stats[c.group.index]!;
        if (loan.disbursedYm < ym) {
          // Frozen debt: collected now and then, written off in quarterly risk-handling batches.
          if (loan.frozen > 0) {
            if (quarterEnd && r.chance(0.15)) {
              f.writtenOff = loan.frozen;
              loan.frozen = 0;
            } else if (r.chance(0.02)) {
              f.collectedFrozen = round1000(loan.frozen * 0.3);
              loan.frozen -= f.collectedFrozen;
            }
          }
          // Overdue debt: cured, partly cured, or frozen after six months in a quarterly batch.
          if (loan.overdue > 0) {
            loan.interestOverdue += round1000((loan.overdue * loan.rate * 1.3) / 1200);
            if (quarterEnd && ym - loan.overdueSinceYm >= 6 && r.chance(0.12)) {
              f.movedToFrozen = loan.overdue + loan.performing;
              loan.frozen += f.movedToFrozen;
              loan.overdue = 0;
              loan.performing = 0;
              loan.interestOverdue = 0;
              loan.interestMonths = 0;
            } else if (r.chance(CURE_RATE)) {
              f.collectedOverdue = loan.overdue;
              loan.overdue = 0;
              loan.interestOverdue = 0;
            } else if (r.chance(PARTIAL_CURE_RATE)) {
              f.collectedOverdue = round1000(loan.overdue / 2);
              loan.overdue -= f.collectedOverdue;
            }
          }
          // Scheduled instalment, or everything at maturity; an extended loan owes nothing until
          // its new due date.
          const age = ym - loan.disbursedYm;
          const end = loan.term + loan.extension;
          if (loan.performing > 0 && ((loan.extension === 0 && age % loan.programme.period === 0) || age >= end)) {
            const due = age >= end ? loan.performing : Math.min(loan.instalment, loan.performing);
            if (age === loan.term && loan.extension === 0 && r.chance(EXTEND_RATE)) {
              loan.extension = EXTENSION_MONTHS;
              loan.extendedYm = ym;
              f.extended = due;
            } else {
              s.due += due;
              if (r.chance(MISS_RATE * risk)) {
                f.movedToOverdue = due;
                loan.performing -= due;
                if (loan.overdue === 0) loan.overdueSinceYm = ym;
                loan.overdue += due;
                s.missed += due;
              } else {
                f.collectedPerforming += due;
                loan.performing -= due;
              }
            }
          } else if (loan.performing > 0 && loan.overdue === 0 && r.chance(PREPAY_RATE)) {
            f.collectedPerforming += loan.performing;
            loan.performing = 0;
          }
          // Unpaid interest on the performing balance comes and goes.
          if (loan.interestMonths === 0) {
            if (r.chance(0.006 * risk)) loan.interestMonths = 1;
          } else loan.interestMonths = r.chance(0.5) ? 0 : Math.min(6, loan.interestMonths + 1);
          if (loan.performing === 0) loan.interestMonths = 0;
        }
        const total = loan.performing + loan.overdue + loan.frozen;
        if (total === 0) {
          loan.closed = true;
          if (f.writtenOff === 0 && r.chance(REBORROW_RATE)) this.scheduleReborrow(c, ym);
        }
        balance += total;
        if (loan.interestMonths > 0 || loan.interestOverdue > 0) arrears = true;
        s.balance += total;
        s.overdue += loan.overdue;
        s.frozen += loan.frozen;
      }
      // Savings: small monthly deposits while borrowing; often withdrawn when the last loan is repaid.
      const s = stats[c.group.index]!;
      if (balance > 0) {
        if (c.saves && r.chance(0.6)) {
          const deposit = r.weighted([[20_000, 0.4], [50_000, 0.4], [100_000, 0.15], [200_000, 0.05]] as const);
          c.savings += deposit;
          s.deposits += deposit;
        }
        if (c.savings > 0 && r.chance(0.015)) {
          const kept = round1000(c.savings * 0.7);
          s.withdrawals += c.savings - kept;
          c.savings = kept;
        }
        s.members++;
        s.savings += c.savings;
        if (c.savings > 0) s.membersSaving++;
        if (arrears) s.membersInterestArrears++;
      } else if (r.chance(0.6)) {
        s.withdrawals += c.savings;
        c.savings = 0;
      }
    }
    return stats;
  }

  /** Loans listed at the end of the current month, in the order the listing writes them. */
  *listedLoans(): Generator<Loan> {
    for (const c of this.customers) for (const l of c.loans) yield l;
  }
}
