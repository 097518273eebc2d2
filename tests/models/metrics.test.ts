// The metrics of sql/marts on the hand-made province in tests/fixtures/province-small, against
// answers computed by hand (amounts below in triệu đồng; the warehouse holds đồng).
//
// 31/12/2025: 8 loans, 7 borrowers, groups G1–G4 and one direct loan.
//   DN 330 = TH 295 + NQH 10 (L2, group G1) + khoanh 25 (L5); savings once per borrower 11,5.
// 31/01/2026: L3, L5 (written off), L9 repaid; L8 new (30, K7 in G3).
//   DN 275 = TH 270 + NQH 5; savings of borrowers still owing 11,1. PGD 051103 has DN 0.
// 28/02/2026: L4 10 overdue, L6 20 frozen, 7 collected. DN 268 = TH 233 + NQH 15 + khoanh 20.
// Flows, group quality and the files beside the ledger: tests/models/activity.test.ts.
import { appendFileSync } from "node:fs";
import { join } from "node:path";
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

async function metric(date: string, slice: string, code: string) {
  const rows = await query<{ value: number | null; change_ytd: number | null; change_ytd_pct: number | null; value_year_start: number | null }>(
    warehouse,
    `SELECT value, change_ytd, change_ytd_pct, value_year_start FROM fct_metric_values
     WHERE data_date = '${date}' AND slice_key = '${slice}' AND metric_code = '${code}'`,
  );
  expect(rows.length, `${date} ${slice} ${code}`).toBe(1);
  return rows[0]!;
}
const value = async (date: string, slice: string, code: string) => (await metric(date, slice, code)).value;

const D0 = "2025-12-31";
const D1 = "2026-01-31";

describe("balances and ratios of the province", () => {
  it("sums balances and counts borrowers, loans and groups with outstanding", async () => {
    expect(await value(D0, "province", "DU_NO")).toBe(330 * M);
    expect(await value(D0, "province", "DN_TRONG_HAN")).toBe(295 * M);
    expect(await value(D0, "province", "NQH")).toBe(10 * M);
    expect(await value(D0, "province", "NO_KHOANH")).toBe(25 * M);
    expect(await value(D0, "province", "SO_HO")).toBe(7);
    expect(await value(D0, "province", "SO_MON")).toBe(8);
    expect(await value(D0, "province", "SO_TO")).toBe(4);
    expect(await value(D1, "province", "DU_NO")).toBe(275 * M);
    expect(await value(D1, "province", "SO_HO")).toBe(5);
    expect(await value(D1, "province", "SO_MON")).toBe(6);
    expect(await value(D1, "province", "SO_TO")).toBe(3);
  });

  it("computes the overdue ratios from summed balances", async () => {
    expect(await value(D0, "province", "TL_NQH")).toBeCloseTo((100 * 10) / 330, 10);
    expect(await value(D0, "province", "TL_NQH_KHOANH")).toBeCloseTo((100 * 35) / 330, 10);
    expect(await value(D1, "province", "TL_NQH")).toBeCloseTo((100 * 5) / 275, 10);
  });

  it("counts each borrower's savings once, and only while they still owe", async () => {
    // K1 has two loans with 2,0 on both rows; K2 and K4 (repaid in January) do not count on 31/01.
    expect(await value(D0, "province", "TIEN_GUI")).toBe(11.5 * M);
    expect(await value(D1, "province", "TIEN_GUI")).toBeCloseTo(11.1 * M, 0);
    expect(await value(D0, "province", "TL_TIEN_GUI_DU_NO")).toBeCloseTo((100 * 11.5) / 330, 10);
    expect(await value(D1, "province", "TL_TIEN_GUI_DU_NO")).toBeCloseTo((100 * 11.1) / 275, 10);
  });

  it("measures members saving among group members who borrow", async () => {
    // 31/12: members K1 K2 K3 K4 K5 K8 (K6 borrows directly); K2 saves nothing.
    expect(await value(D0, "province", "TL_TV_GUI_TK")).toBeCloseTo((100 * 5) / 6, 10);
    expect(await value(D1, "province", "TL_TV_GUI_TK")).toBeCloseTo(100, 10);
  });

  it("finds groups with overdue debt and above the 2 % threshold", async () => {
    // G1: NQH 10 of 120 (8,3 %) on 31/12, 5 of 70 (7,1 %) on 31/01.
    expect(await value(D0, "province", "SO_TO_CO_NQH")).toBe(1);
    expect(await value(D0, "province", "SO_TO_NQH_VUOT_NGUONG")).toBe(1);
    expect(await value(D0, "province", "TL_TO_KHONG_NQH")).toBeCloseTo(75, 10);
    expect(await value(D1, "province", "TL_TO_KHONG_NQH")).toBeCloseTo((100 * 2) / 3, 10);
  });

  it("averages per group over entrusted loans only", async () => {
    expect(await value(D0, "province", "DN_BQ_TO")).toBeCloseTo((315 * M) / 4, 4);
    expect(await value(D0, "province", "HO_BQ_TO")).toBeCloseTo(6 / 4, 10);
  });
});

describe("slices", () => {
  it("gives each union its balances, ratio and share of entrusted outstanding", async () => {
    expect(await value(D0, "union:01", "DU_NO")).toBe(130 * M);
    expect(await value(D0, "union:01", "TL_NQH")).toBeCloseTo((100 * 10) / 130, 10);
    expect(await value(D0, "union:01", "SO_HO")).toBe(3);
    expect(await value(D0, "union:02", "TL_NQH")).toBe(0);
    expect(await value(D0, "union:02", "TL_NQH_KHOANH")).toBeCloseTo((100 * 25) / 185, 10);
    expect(await value(D0, "union:01", "TY_TRONG_UY_THAC")).toBeCloseTo((100 * 130) / 315, 10);
    expect(await value(D1, "union:02", "TY_TRONG_UY_THAC")).toBeCloseTo((100 * 190) / 260, 10);
    expect(await value(D1, "union:02", "TIEN_GUI")).toBeCloseTo(9 * M, 0);
  });

  it("treats direct loans as their own slice, outside the entrusted share", async () => {
    expect(await value(D0, "union:00", "DU_NO")).toBe(15 * M);
    expect(await value(D0, "union:00", "TY_TRONG_UY_THAC")).toBeNull();
    // No groups: the averages per group and the members' ratio have a zero denominator.
    expect(await value(D0, "union:00", "SO_TO")).toBe(0);
    expect(await value(D0, "union:00", "DN_BQ_TO")).toBeNull();
    expect(await value(D0, "union:00", "TL_TV_GUI_TK")).toBeNull();
  });

  it("leaves a ratio undefined when the slice has no outstanding", async () => {
    // PGD 051103: its only loan (L9) was repaid in January.
    expect(await value(D1, "pgd:051103", "DU_NO")).toBe(0);
    expect(await value(D1, "pgd:051103", "TL_NQH")).toBeNull();
    expect(await value(D1, "pgd:051103", "SO_HO")).toBe(0);
  });

  it("has no rows for a union with no loans (an empty slice)", async () => {
    const rows = await query(warehouse, `SELECT * FROM fct_metric_values WHERE union_code = '03'`);
    expect(rows).toEqual([]);
  });

  it("adds the unions' and the PGD areas' balances up to the province", async () => {
    const rows = await query<{ slice: string; d: string; dn: number; nqh: number }>(
      warehouse,
      `SELECT slice, strftime(data_date, '%Y-%m-%d') AS d, sum(balance_total) AS dn, sum(balance_overdue) AS nqh
       FROM fct_balances GROUP BY ALL ORDER BY ALL`,
    );
    for (const d of [D0, D1]) {
      const province = rows.find((r) => r.slice === "province" && r.d === d)!;
      for (const s of ["union", "pgd", "union_pgd"]) {
        const part = rows.find((r) => r.slice === s && r.d === d)!;
        expect([s, d, part.dn, part.nqh]).toEqual([s, d, province.dn, province.nqh]);
      }
    }
    expect(rows.find((r) => r.slice === "pgd" && r.d === D1)!.dn).toBe(275 * M);
  });
});

describe("changes against 31/12 of the previous year", () => {
  it("gives absolute and relative changes for balances and counts, points for ratios", async () => {
    const dn = await metric(D1, "province", "DU_NO");
    expect(dn.value_year_start).toBe(330 * M);
    expect(dn.change_ytd).toBe(-55 * M);
    expect(dn.change_ytd_pct).toBeCloseTo((-100 * 55) / 330, 10);
    const households = await metric(D1, "province", "SO_HO");
    expect(households.change_ytd).toBe(-2);
    expect(households.change_ytd_pct).toBeCloseTo((-100 * 2) / 7, 10);
    const ratio = await metric(D1, "province", "TL_NQH");
    expect(ratio.change_ytd).toBeCloseTo((100 * 5) / 275 - (100 * 10) / 330, 10);
    expect(ratio.change_ytd_pct).toBeNull();
  });

  it("has no change where 31/12 of the previous year is not loaded", async () => {
    const dn = await metric(D0, "province", "DU_NO");
    expect(dn.value_year_start).toBeNull();
    expect(dn.change_ytd).toBeNull();
  });
});

describe("group rating distribution", () => {
  it("counts groups by their stored class, whatever its spelling", async () => {
    // G2 is stored Khá on 31/12 (its 95 points would make it Tốt: see activity.test.ts).
    expect(await value(D0, "province", "SO_TO_TOT")).toBe(2);
    expect(await value(D0, "province", "SO_TO_KHA")).toBe(2);
    expect(await value(D0, "province", "TL_TO_TOT_KHA")).toBeCloseTo(100, 10);
    // "trung bình" in the export is the class Trung bình.
    expect(await value(D1, "province", "SO_TO_TRUNG_BINH")).toBe(1);
    expect(await value(D1, "province", "TL_TO_TOT")).toBeCloseTo((100 * 2) / 3, 10);
    expect(await value(D1, "union:02", "TL_TO_TOT")).toBeCloseTo(50, 10);
    const change = await metric(D1, "province", "TL_TO_TOT_KHA");
    expect(change.change_ytd).toBeCloseTo((100 * 2) / 3 - 100, 10);
  });
});

describe("targets against actuals", () => {
  interface Result {
    slice: string;
    union_code: string | null;
    pgd_code: string | null;
    metric_code: string;
    comparator: string;
    actual_value: number | null;
    gap_assigned: number | null;
    gap_stretch: number | null;
    status: string;
    rank_in_union: number | null;
  }
  let results: Result[];
  const find = (union: string | null, pgd: string | null, code: string) =>
    results.find((r) => r.union_code === union && r.pgd_code === pgd && r.metric_code === code)!;
  beforeAll(async () => {
    results = await query<Result>(warehouse, `SELECT * EXCLUDE (data_date) FROM fct_target_results WHERE year = 2026 AND data_date = '2026-02-28'`);
  });

  it("evaluates each target at the year's last data date (28/02/2026) with its status and gaps, at the precision shown", async () => {
    const province = find(null, null, "TL_NQH");
    expect(province.actual_value).toBeCloseTo((100 * 15) / 268, 10);
    expect(province.status).toBe("missed");
    // 5,597… % is shown (and judged) as 5,60 %.
    expect(province.gap_assigned).toBeCloseTo(5.6 - 2, 10);
    expect(province.gap_stretch).toBeCloseTo(5.6 - 1.5, 10);
    expect(find("02", null, "TL_NQH")).toMatchObject({ status: "missed" });
    expect(find("02", null, "TL_NQH").actual_value).toBeCloseTo((100 * 10) / 188, 10);
    const hnd = find("01", null, "TL_NQH");
    expect(hnd.comparator).toBe("<=");
    expect(hnd.status).toBe("missed");
    // 7,692… % shown as 7,69 %.
    expect(hnd.gap_assigned).toBeCloseTo(7.69 - 5, 10);
  });

  it("reads money targets in triệu đồng and ranks a union's PGD areas by their gap", async () => {
    expect(find("01", "051101", "DU_NO")).toMatchObject({ actual_value: 65 * M, gap_assigned: -5 * M, gap_stretch: 15 * M, status: "met_assigned", rank_in_union: 1 });
    expect(find("02", "051101", "DU_NO")).toMatchObject({ actual_value: 60 * M, gap_assigned: -10 * M, status: "met_stretch", rank_in_union: 1 });
    expect(find("02", "051102", "DU_NO")).toMatchObject({ actual_value: 128 * M, gap_assigned: 22 * M, status: "missed", rank_in_union: 2 });
  });

  it("reports a target for a unit without data instead of dropping it", async () => {
    expect(find("03", "051101", "TL_NQH")).toMatchObject({ actual_value: null, status: "no_data", rank_in_union: null });
    expect(results.filter((r) => r.slice !== "union_commune")).toHaveLength(7);
  });
});

describe("targets one level down: a union's communes inherit its ratio targets in their PGD area", () => {
  interface Result {
    slice: string;
    union_code: string | null;
    pgd_code: string | null;
    commune_code: string | null;
    inherited: boolean;
    actual_value: number | null;
    gap_assigned: number | null;
    status: string;
    rank_in_union: number | null;
  }
  let results: Result[];
  const other = tempDir();
  beforeAll(async () => {
    // HPN: NQH ratio < 10 % (stretch 5 %) in An Lão, < 1 % (0,5 %) in Đồng Xuân.
    const exportsDir = copyFixture("province-small", other.path);
    appendFileSync(join(exportsDir, "CHITIEU_051_2026.csv"), "2026;02;051101;TL_NQH;<;10;5\n2026;02;051102;TL_NQH;<;1;0,5\n");
    const wh = join(other.path, "wh.duckdb");
    await load(exportsDir, wh);
    results = await query<Result>(
      wh,
      `SELECT * EXCLUDE (data_date) FROM fct_target_results WHERE year = 2026 AND data_date = '2026-02-28' AND metric_code = 'TL_NQH' AND union_code IN ('02', '03')`,
    );
  });
  afterAll(() => other.remove());
  const find = (slice: string, union: string, code: string) =>
    results.find((r) => r.slice === slice && r.union_code === union && (slice === "union_commune" ? r.commune_code : r.pgd_code) === code)!;

  it("evaluates each commune on 28/02/2026 against its PGD area's target", async () => {
    // An Lão (one commune, Xã An Hòa): HPN's only loan L4, 60 of which 10 overdue: 16,67 % ≥ 10 %.
    expect(find("union_pgd", "02", "051101")).toMatchObject({ inherited: false, status: "missed", rank_in_union: 2 });
    const anHoa = find("union_commune", "02", "021000");
    expect(anHoa).toMatchObject({ inherited: true, pgd_code: "051101", status: "missed", rank_in_union: 2 });
    expect(anHoa.actual_value).toBeCloseTo((100 * 10) / 60, 10);
    expect(anHoa.gap_assigned).toBeCloseTo(16.67 - 10, 10);
    // Đồng Xuân (Phường Đồng Xuân): HPN's L6 and L8 have no overdue: 0 % < 0,5 %, best of the union.
    expect(find("union_commune", "02", "021007")).toMatchObject({ inherited: true, actual_value: 0, gap_assigned: -1, status: "met_stretch", rank_in_union: 1 });
    // HCCB's target in An Lão reaches its commune too, with no loans there.
    expect(find("union_commune", "03", "021000")).toMatchObject({ inherited: true, actual_value: null, status: "no_data", rank_in_union: null });
    expect(results.filter((r) => r.slice === "union_commune")).toHaveLength(3);
  });

  it("passes no amount target down: a commune's share of an area's amount is not set", async () => {
    const amounts = await query(join(other.path, "wh.duckdb"), `SELECT * FROM fct_target_results WHERE slice = 'union_commune' AND metric_code = 'DU_NO'`);
    expect(amounts).toEqual([]);
  });
});
