// Targets judged as the pages show them (sql/marts/fct_target_results.sql), on the hand-made
// province (tests/fixtures/province-small) with targets written for these cases and the answers
// computed by hand. Amounts in triệu đồng; ratios in %.
//
// 28/02/2026 — HND (01): DN 65 (An Lão), NQH 5: NQH + khoanh 5 ÷ 65 = 7,6923 %.
//   HPN (02): An Lão DN 60; Đồng Xuân DN 128 (100 of which 20 frozen, 28); in all DN 188,
//   NQH 10 + khoanh 20 = 30 ÷ 188 = 15,9574 %.
// 31/12/2025 — province DN 330, NQH 10: 3,0303 %.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

const M = 1_000_000;
let dir: TempDir;
let warehouse: string;

interface Row {
  year: number;
  data_date: string | null;
  is_final: boolean;
  union_code: string | null;
  pgd_code: string | null;
  metric_code: string;
  actual_shown: number | null;
  gap_assigned: number | null;
  completion_pct: number | null;
  status: string;
  rank_in_union: number | null;
}
let rows: Row[];

beforeAll(async () => {
  dir = tempDir();
  const exportsDir = copyFixture("province-small", dir.path);
  writeFileSync(
    join(exportsDir, "CHITIEU_051_2026.csv"),
    [
      "Năm;Mã ĐVUT;Mã PGD;Mã chỉ tiêu;Phép so sánh;Chỉ tiêu giao;Chỉ tiêu phấn đấu",
      "2025;;;TL_NQH;<;5;3,03",
      "2026;02;;TL_NQH_KHOANH;≤;15,96;",
      "2026;01;;TL_NQH_KHOANH;<;7,69;",
      "2026;02;051101;DU_NO;>=;50;",
      "2026;02;051102;DU_NO;>=;110;",
      "2026;01;051101;DU_NO;>=;80;",
    ].join("\n") + "\n",
  );
  warehouse = join(dir.path, "wh.duckdb");
  await load(exportsDir, warehouse);
  rows = await query<Row>(warehouse, `SELECT * EXCLUDE (data_date), strftime(data_date, '%Y-%m-%d') AS data_date FROM fct_target_results WHERE NOT inherited ORDER BY data_date`);
});
afterAll(() => dir.remove());

const at = (date: string, union: string | null, pgd: string | null, metric: string) =>
  rows.find((r) => r.data_date === date && r.union_code === union && r.pgd_code === pgd && r.metric_code === metric)!;

describe("a target judged at the precision shown", () => {
  it("meets «≤ 15,96 %» with 15,9574 %, shown 15,96 %: margin 0", () => {
    const r = at("2026-02-28", "02", null, "TL_NQH_KHOANH");
    expect(r.actual_shown).toBeCloseTo(15.96, 10);
    expect(r.gap_assigned).toBe(0);
    expect(r.status).toBe("met_assigned");
  });

  it("misses «< 7,69 %» with 7,6923 %, shown 7,69 %: equal is not below", () => {
    const r = at("2026-02-28", "01", null, "TL_NQH_KHOANH");
    expect(r.actual_shown).toBeCloseTo(7.69, 10);
    expect(r.gap_assigned).toBe(0);
    expect(r.status).toBe("missed");
  });

  it("meets the stretch «< 3,03 %» only if 3,0303 % shows below it: shown 3,03 %, it does not", () => {
    const r = at("2025-12-31", null, null, "TL_NQH");
    expect(r.actual_shown).toBeCloseTo(3.03, 10);
    expect(r.status).toBe("met_assigned");
  });
});

describe("% hoàn thành", () => {
  it("is the shown actual over the assigned value for «≥» targets", () => {
    expect(at("2026-02-28", "02", "051102", "DU_NO").completion_pct).toBeCloseTo((100 * 128) / 110, 10);
    expect(at("2026-02-28", "01", "051101", "DU_NO").completion_pct).toBeCloseTo((100 * 65) / 80, 10);
  });

  it("is not given for ceilings («<», «≤»)", () => {
    expect(at("2026-02-28", "02", null, "TL_NQH_KHOANH").completion_pct).toBeNull();
  });
});

describe("the rank of a union's PGD areas", () => {
  it("follows the margin shown, not the relative one: +18 triệu (16 %) ranks above +10 triệu (20 %)", () => {
    const dongXuan = at("2026-02-28", "02", "051102", "DU_NO");
    const anLao = at("2026-02-28", "02", "051101", "DU_NO");
    expect(dongXuan.gap_assigned).toBe(-18 * M);
    expect(anLao.gap_assigned).toBe(-10 * M);
    expect(dongXuan.rank_in_union).toBe(1);
    expect(anLao.rank_in_union).toBe(2);
  });
});

describe("progress before 31/12", () => {
  it("judges a year's targets at each of its loaded dates; only 31/12 is final", () => {
    const hpn = rows.filter((r) => r.union_code === "02" && r.pgd_code === "051102");
    expect(hpn.map((r) => [r.data_date, r.is_final])).toEqual([
      ["2026-01-31", false],
      ["2026-02-28", false],
    ]);
    // 31/01/2026: Đồng Xuân's HPN DN 100 + 30 = 130 (L6, L8): 130 ≥ 110.
    expect(at("2026-01-31", "02", "051102", "DU_NO")).toMatchObject({ actual_shown: 130 * M, status: "met_assigned" });
    expect(at("2025-12-31", null, null, "TL_NQH").is_final).toBe(true);
  });
});
