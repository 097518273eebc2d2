// The rest of the metric layer on the hand-made province (tests/fixtures/province-small), against
// answers computed by hand: monthly flows, programme and commune slices, changes against the
// previous month, group quality, savings mobilisation, fees, inspections, risk handling, debt
// reconciliation and the communes merged in 2025. Amounts in triệu đồng unless said otherwise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

const M = 1_000_000;
let dir: TempDir;
let warehouse: string;

beforeAll(async () => {
  dir = tempDir();
  warehouse = `${dir.path}/wh.duckdb`;
  await load(copyFixture("province-small", dir.path), warehouse);
});
afterAll(() => dir.remove());

const D0 = "2025-12-31";
const D1 = "2026-01-31";
const D2 = "2026-02-28";

async function metric(date: string, slice: string, code: string) {
  const rows = await query<{ value: number | null; value_prev: number | null; change_mom: number | null; change_mom_pct: number | null }>(
    warehouse,
    `SELECT value, value_prev, change_mom, change_mom_pct FROM fct_metric_values WHERE data_date = '${date}' AND slice_key = '${slice}' AND metric_code = '${code}'`,
  );
  expect(rows.length, `${date} ${slice} ${code}`).toBe(1);
  return rows[0]!;
}
const value = async (date: string, slice: string, code: string) => (await metric(date, slice, code)).value;

describe("monthly flows", () => {
  it("sums disbursements, collections, overdue and frozen inflows and write-offs", async () => {
    // January: L8 disbursed 30; collected L1 5 + L3 40 + L9 10 performing, L2 5 overdue; L5 written off 25.
    expect(await value(D1, "province", "DS_CHO_VAY")).toBe(30 * M);
    expect(await value(D1, "province", "THU_NO_TH")).toBe(55 * M);
    expect(await value(D1, "province", "THU_NO_QH")).toBe(5 * M);
    expect(await value(D1, "province", "DS_THU_NO")).toBe(60 * M);
    expect(await value(D1, "province", "XOA_NO")).toBe(25 * M);
    // February: L4 10 moves to overdue, L6 20 is frozen.
    expect(await value(D2, "province", "CHUYEN_QH")).toBe(10 * M);
    expect(await value(D2, "province", "CHUYEN_KHOANH")).toBe(20 * M);
  });

  it("reconciles with the balances: DN now = DN before + disbursed − collected − written off", async () => {
    for (const [before, now] of [[D0, D1], [D1, D2]] as const) {
      const dn = (await value(now, "province", "DU_NO"))!;
      const prev = (await value(before, "province", "DU_NO"))!;
      const moved = (await value(now, "province", "DS_CHO_VAY"))! - (await value(now, "province", "DS_THU_NO"))! - (await value(now, "province", "XOA_NO"))!;
      expect(dn).toBe(prev + moved);
    }
  });

  it("sets the overdue that left against the overdue that came in, and counts loans newly overdue", async () => {
    // NQH 10 → 5 in January with nothing new: 5 left; 5 → 15 in February with 10 new: none left.
    expect(await value(D1, "province", "NQH_GIAM")).toBe(5 * M);
    expect(await value(D2, "province", "NQH_GIAM")).toBe(0);
    expect(await value(D2, "province", "SO_MON_QH_MOI")).toBe(1);
    expect(await value(D1, "province", "SO_MON_QH_MOI")).toBe(0);
    // The first data date has no previous month to compare with.
    expect(await value(D0, "province", "SO_MON_QH_MOI")).toBeNull();
    expect(await value(D0, "province", "NQH_GIAM")).toBeNull();
  });

  it("adds the months of the year so far", async () => {
    expect(await value(D2, "province", "DS_CHO_VAY_LK")).toBe(30 * M);
    expect(await value(D2, "province", "DS_THU_NO_LK")).toBe(67 * M);
    expect(await value(D2, "province", "CHUYEN_QH_LK")).toBe(10 * M);
    expect(await value(D2, "province", "XOA_NO_LK")).toBe(25 * M);
    // 2025 has only December loaded: the year so far is not known.
    expect(await value(D0, "province", "DS_THU_NO_LK")).toBeNull();
  });
});

describe("changes against the previous month", () => {
  it("gives absolute and relative changes, and points for ratios", async () => {
    const dn = await metric(D2, "province", "DU_NO");
    expect(dn).toMatchObject({ value: 268 * M, value_prev: 275 * M, change_mom: -7 * M });
    expect(dn.change_mom_pct).toBeCloseTo((-100 * 7) / 275, 10);
    const ratio = await metric(D2, "province", "TL_NQH");
    expect(ratio.change_mom).toBeCloseTo((100 * 15) / 268 - (100 * 5) / 275, 10);
    expect(ratio.change_mom_pct).toBeNull();
    expect((await metric(D0, "province", "DU_NO")).value_prev).toBeNull();
  });
});

describe("more slices", () => {
  it("splits the book by programme and funding source", async () => {
    // L6 is a job-creation loan (05); the rest are poor-household loans (01).
    expect(await value(D0, "programme:05", "DU_NO")).toBe(100 * M);
    expect(await value(D0, "programme:01", "DU_NO")).toBe(230 * M);
    expect(await value(D2, "programme:05", "TL_NQH_KHOANH")).toBeCloseTo(20, 10);
    // The fixture gives no funding source: all of it is "not given" (0).
    expect(await value(D2, "funding_source:0", "DU_NO")).toBe(268 * M);
    // Group figures do not apply to a programme.
    expect(await value(D2, "programme:01", "SO_TO")).toBeNull();
  });

  it("places loans on today's communes, with a union's share of the commune's entrusted outstanding", async () => {
    // L3 was exported with the former commune 010000, merged into 021000.
    expect(await value(D0, "commune:021000", "DU_NO")).toBe(205 * M);
    expect(await value(D0, "union_commune:02:021000", "TY_TRONG_UY_THAC")).toBeCloseTo((100 * 85) / 205, 10);
    expect(await value(D2, "union_commune:02:021007", "TY_TRONG_UY_THAC")).toBeCloseTo(100, 10);
  });

  it("keeps the former commune reachable on its own", async () => {
    const rows = await query(warehouse, `SELECT strftime(data_date, '%Y-%m-%d') AS d, commune_code, current_commune_code, balance_total, households FROM fct_former_communes`);
    expect(rows).toEqual([{ d: D0, commune_code: "010000", current_commune_code: "021000", balance_total: 40 * M, households: 1 }]);
  });

  it("gives each group its balances, and counts the groups to follow up per slice", async () => {
    expect(await value(D2, "group:0100002", "TL_NQH")).toBeCloseTo((100 * 10) / 60, 10);
    expect(await value(D2, "province", "SO_TO_CO_NQH")).toBe(2);
    expect(await value(D2, "province", "SO_TO_NQH_VUOT_NGUONG")).toBe(2);
    // Every group has fewer than 20 households and saves less than 7 % of its outstanding.
    expect(await value(D1, "province", "SO_TO_NHO")).toBe(3);
    expect(await value(D1, "province", "SO_TO_TG_DUOI_CT")).toBe(3);
    expect(await value(D1, "union:00", "SO_TO_NHO")).toBe(0);
  });
});

describe("group quality", () => {
  interface G {
    group_code: string;
    households: number;
    savings_to_loan_pct: number;
    rating_class: string;
    rating_class_recomputed: string;
    class_mismatch: boolean;
    overdue_above_threshold: boolean;
    small_group: boolean;
    below_savings_target: boolean;
    low_savings: boolean;
    needs_followup: boolean;
    short_overdue_ratio: number;
    short_interest_collection: number;
  }
  const groups = (date: string) => query<G>(warehouse, `SELECT * FROM fct_group_quality WHERE data_date = '${date}' ORDER BY group_code`);

  it("recomputes the class from the six scores and finds the group whose stored class disagrees", async () => {
    const d0 = await groups(D0);
    // G2: 20 + 30 + 15 + 15 + 5 + 10 = 95 points, stored Khá.
    expect(d0.find((g) => g.group_code === "0100002")).toMatchObject({ rating_class: "Khá", rating_class_recomputed: "Tốt", class_mismatch: true });
    expect(d0.filter((g) => g.class_mismatch).map((g) => g.group_code)).toEqual(["0100002"]);
    expect(await value(D0, "province", "SO_TO_LECH_XEP_LOAI")).toBe(1);
  });

  it("lists for each criterion the groups short of full score", async () => {
    const d1 = await groups(D1);
    expect(d1.find((g) => g.group_code === "0100001")).toMatchObject({ short_overdue_ratio: 10, short_interest_collection: 0 });
    expect(d1.find((g) => g.group_code === "0100002")).toMatchObject({ short_overdue_ratio: 0, short_interest_collection: 5 });
    expect(await value(D1, "province", "SO_TO_THIEU_NQH")).toBe(2);
    expect(await value(D1, "province", "SO_TO_THIEU_GD_XA")).toBe(1);
    expect(await value(D1, "province", "SO_TO_THIEU_THU_LAI")).toBe(1);
    expect(await value(D1, "province", "SO_TO_THIEU_TV_GUI")).toBe(0);
  });

  it("flags overdue above 2 %, small groups and savings below 7 % of outstanding", async () => {
    const g1 = (await groups(D1)).find((g) => g.group_code === "0100001")!;
    // G1 on 31/01: NQH 5 of 70 (7,1 %); one household owing; savings 2,1 of 70 (3 %).
    expect(g1).toMatchObject({ households: 1, overdue_above_threshold: true, small_group: true, below_savings_target: true });
    expect(g1.savings_to_loan_pct).toBeCloseTo(3, 10);
  });

  it("follows up savings under half the 7 % target (3,5 %), not every group under 7 %", async () => {
    const d1 = await groups(D1);
    // G1: 3 % < 3,5 %. G2 on 31/01: K3's savings 3,2 of L4's 60 = 5,33 %: under 7 %, not under 3,5 %.
    expect(d1.find((g) => g.group_code === "0100001")).toMatchObject({ low_savings: true, needs_followup: true });
    const g2 = d1.find((g) => g.group_code === "0100002")!;
    expect(g2.savings_to_loan_pct).toBeCloseTo((100 * 3.2) / 60, 10);
    expect(g2).toMatchObject({ below_savings_target: true, low_savings: false });
  });
});

describe("savings mobilisation and fees", () => {
  it("sums deposits, withdrawals and balances of the savings export, month and year to date", async () => {
    expect(await value(D1, "province", "TG_GUI")).toBe(1.2 * M);
    expect(await value(D2, "province", "TG_RUT")).toBe(1 * M);
    expect(await value(D2, "province", "TG_THUAN")).toBe(-0.6 * M);
    expect(await value(D2, "province", "TG_SO_DU")).toBe(11.5 * M);
    expect(await value(D2, "union:02", "TG_SO_DU")).toBe(9.3 * M);
    expect(await value(D2, "province", "TG_GUI_LK")).toBe(1.6 * M);
    expect(await value(D2, "province", "TG_RUT_LK")).toBe(1 * M);
  });

  it("sums entrustment fees and group commissions by union and commune", async () => {
    expect(await value(D1, "province", "PHI_UY_THAC")).toBe(90_000);
    expect(await value(D1, "union:02", "PHI_UY_THAC")).toBe(60_000);
    expect(await value(D1, "commune:021000", "HOA_HONG_TO")).toBe(110_000);
    expect(await value(D2, "province", "PHI_UY_THAC_LK")).toBe(160_000);
    expect(await value(D2, "province", "HOA_HONG_TO_LK")).toBe(370_000);
  });
});

describe("inspections", () => {
  it("counts inspections, the areas, communes and groups they covered and households visited, by union and level", async () => {
    const rows = await query(warehouse, `SELECT month, union_code, level, inspections, pgd_areas, communes, groups, households_visited, inspections_with_findings FROM fct_inspections WHERE year = 2026 ORDER BY ALL`);
    expect(rows.filter((r) => r.month === 0)).toEqual([
      { month: 0, union_code: "01", level: "Tỉnh", inspections: 1, pgd_areas: 1, communes: 1, groups: 1, households_visited: 10, inspections_with_findings: 1 },
      // "xã" in the file is the level Xã.
      { month: 0, union_code: "01", level: "Xã", inspections: 2, pgd_areas: 2, communes: 2, groups: 2, households_visited: 9, inspections_with_findings: 1 },
      { month: 0, union_code: "02", level: "Huyện", inspections: 2, pgd_areas: 2, communes: 2, groups: 2, households_visited: 14, inspections_with_findings: 0 },
    ]);
    expect(rows.find((r) => r.month === 1 && r.union_code === "01" && r.level === "Xã")).toMatchObject({ inspections: 1, households_visited: 5 });
  });
});

describe("risk handling", () => {
  it("sums each batch by measure and sets it beside the ledger of the decision's month", async () => {
    const rows = await query(warehouse, `SELECT batch_code, measure, loans, customers, principal, interest, ledger_principal FROM fct_risk_handling WHERE slice = 'province' ORDER BY batch_code`);
    expect(rows).toEqual([
      { batch_code: "XLRR-2026-01", measure: "Xóa nợ", loans: 1, customers: 1, principal: 25 * M, interest: 0, ledger_principal: 25 * M },
      { batch_code: "XLRR-2026-02", measure: "Khoanh nợ", loans: 1, customers: 1, principal: 20 * M, interest: 500_000, ledger_principal: 20 * M },
    ]);
  });
});

describe("debt reconciliation (campaign DC2025, 8 loans of 7 customers)", () => {
  const progress = (slice: string, where = "true") =>
    query(warehouse, `SELECT customers_in_scope, customers_reconciled, progress_pct, loans_in_scope, loans_reconciled, principal, principal_reconciled,
      loans_with_discrepancy, principal_discrepancy, interest_discrepancy FROM fct_reconciliation_progress WHERE slice = '${slice}' AND ${where}`);

  it("measures progress as customers with every loan reconciled over customers in scope", async () => {
    // K2 and K6 were not reached.
    const [p] = await progress("province");
    expect(p).toMatchObject({ customers_in_scope: 7, customers_reconciled: 5, loans_in_scope: 8, loans_reconciled: 6, principal: 330 * M, principal_reconciled: 275 * M });
    expect(p!.progress_pct).toBeCloseTo((100 * 5) / 7, 10);
    expect((await progress("union", "union_code = '01'"))[0]).toMatchObject({ customers_in_scope: 3, customers_reconciled: 2 });
    expect((await progress("union", "union_code = '02'"))[0]).toMatchObject({ customers_in_scope: 3, customers_reconciled: 3, progress_pct: 100 });
    expect((await progress("union", "union_code = '00'"))[0]).toMatchObject({ customers_reconciled: 0, progress_pct: 0, principal_reconciled: 0 });
    expect((await progress("transaction_point", "transaction_point_code = '010000'"))[0]).toMatchObject({ customers_in_scope: 4, customers_reconciled: 3, progress_pct: 75 });
  });

  it("sums discrepancies between bank and borrower", async () => {
    expect((await progress("province"))[0]).toMatchObject({ loans_with_discrepancy: 1, principal_discrepancy: 200_000, interest_discrepancy: 10_000 });
  });

  it("counts loans, customers and amounts per handling case", async () => {
    const rows = await query(warehouse, `SELECT handling_case, loans, customers, principal FROM fct_reconciliation_cases WHERE slice = 'province' ORDER BY handling_case`);
    expect(rows).toEqual([
      { handling_case: "0", loans: 2, customers: 2, principal: 150 * M },
      { handling_case: "1", loans: 1, customers: 1, principal: 30 * M },
      { handling_case: "2", loans: 1, customers: 1, principal: 25 * M },
      { handling_case: "4", loans: 1, customers: 1, principal: 60 * M },
      { handling_case: "5", loans: 1, customers: 1, principal: 10 * M },
      { handling_case: "chưa đối chiếu", loans: 2, customers: 2, principal: 55 * M },
    ]);
  });

  it("lists the causes given per case", async () => {
    const rows = await query(warehouse, `SELECT handling_case, cause, loans FROM fct_reconciliation_causes WHERE union_code IS NULL ORDER BY handling_case`);
    expect(rows.map((r) => r.cause)).toEqual(["Làm ăn thua lỗ, còn khả năng trả nợ", "Ốm đau, bệnh tật kéo dài", "Sai sót khi ghi biên lai", "Bỏ đi khỏi nơi cư trú"]);
  });

  it("follows progress day by day", async () => {
    const rows = await query<{ d: string; cumulative: number; progress_pct: number }>(
      warehouse,
      `SELECT strftime(day, '%d/%m') AS d, customers_reconciled_cumulative AS cumulative, progress_pct FROM fct_reconciliation_daily WHERE pgd_code IS NULL ORDER BY day`,
    );
    expect(rows.map((r) => [r.d, r.cumulative])).toEqual([["10/01", 1], ["11/01", 3], ["12/01", 4], ["13/01", 5]]);
    expect(rows[3]!.progress_pct).toBeCloseTo((100 * 5) / 7, 10);
  });
});
