// Every mart on a demo province against a plain-SQL recomputation straight from the export files:
// no staging, no macros, none of our code. Each check lists the rows where the two disagree;
// the list must be empty.
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { load, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
let conn: DuckDBConnection;
const D = "31/10/2026";
const PREV = "30/09/2026";

beforeAll(async () => {
  dir = tempDir();
  // The warehouse loads the bank's layout; the recomputation reads the same portfolio written in
  // the tidy layout (tests/demo/real-layout.test.ts shows the two hold the same loans).
  const options = { seed: 77, borrowers: 2500, months: 24, endMonth: "2026-10" };
  generateDemo({ outDir: join(dir.path, "exports"), ...options });
  const x = join(dir.path, "tidy");
  generateDemo({ outDir: x, ...options, layout: "simple" });
  const warehouse = join(dir.path, "wh.duckdb");
  await load(join(dir.path, "exports"), warehouse);
  conn = await (await DuckDBInstance.create(":memory:")).connect();
  await conn.run(`ATTACH '${warehouse}' AS wh (READ_ONLY)`);
  const csv = (name: string, pattern: string, delim = ",") =>
    conn.run(`CREATE VIEW ${name} AS SELECT * FROM read_csv('${x}/${pattern}', all_varchar = true, header = true, delim = '${delim}')`);
  await csv("hstd", "HSTD_*.csv");
  await csv("scores", "CDTOTKVV_*.csv");
  await csv("targets", "CHITIEU_*.csv", ";");
  await csv("recon", "DOICHIEU_*.csv");
  await csv("units", "DMDONVI_*.csv");
  await csv("sav", "TIETKIEM_*.csv");
  await csv("fees", "PHIUYTHAC_*.csv");
  await csv("insp", "KIEMTRA_*.csv");
  await csv("risk", "XLRR_*.csv");
  // Plain helpers: the date as the warehouse stores it, and each exported commune on today's map.
  await conn.run(`CREATE MACRO d(x) AS strptime(x, '%d/%m/%Y')::DATE`);
  await conn.run(`CREATE VIEW today AS SELECT "Mã xã" AS code, coalesce("Mã xã mới", "Mã xã") AS current FROM units`);
  await conn.run(`CREATE VIEW loans AS SELECT h.*, d("Ngày số liệu") AS dd, coalesce(t.current, h."Mã xã") AS xa,
      "Tổng dư nợ"::BIGINT AS dn, "Dư nợ quá hạn"::BIGINT AS qh, "Dư nợ khoanh"::BIGINT AS k
    FROM hstd h LEFT JOIN today t ON t.code = h."Mã xã"`);
});
afterAll(() => dir.remove());

async function disagreements(sql: string): Promise<unknown[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson();
}

/** Rows of `expected` (keyed by `keys`) whose `values` differ from the mart's (same column names). */
function compare(expected: string, mart: string, keys: string[], values: string[]): Promise<unknown[]> {
  const on = keys.map((k) => `e.${k} IS NOT DISTINCT FROM m.${k}`).join(" AND ");
  const differs = values.map((v) => `abs(coalesce(e.${v}::DOUBLE, -1) - coalesce(m.${v}::DOUBLE, -1)) > 1e-6`).join(" OR ");
  return disagreements(`WITH e AS (${expected}), m AS (${mart})
    SELECT e.*, ${values.map((v) => `m.${v} AS mart_${v}`).join(", ")} FROM e FULL JOIN m ON ${on}
    WHERE e.${keys[0]} IS NULL OR m.${keys[0]} IS NULL OR ${differs} LIMIT 5`);
}

describe("loan-book slices (fct_balances)", () => {
  for (const date of [D, "31/12/2024"]) {
    it(`communes, on today's map, on ${date}`, async () => {
      const diff = await compare(
        `SELECT xa AS commune_code, sum(dn) AS balance_total, sum(qh) AS balance_overdue, count(DISTINCT "Mã KH") FILTER (dn > 0) AS households, count(*) FILTER (dn > 0) AS loans
         FROM loans WHERE "Ngày số liệu" = '${date}' GROUP BY 1`,
        `SELECT commune_code, balance_total, balance_overdue, households, loans FROM wh.fct_balances WHERE slice = 'commune' AND data_date = d('${date}')`,
        ["commune_code"],
        ["balance_total", "balance_overdue", "households", "loans"],
      );
      expect(diff).toEqual([]);
    });
  }

  it("programmes, funding sources and groups", async () => {
    expect(
      await compare(
        `SELECT "Mã CT" AS programme_code, sum(dn) AS balance_total, sum(k) AS balance_frozen FROM loans WHERE "Ngày số liệu" = '${D}' GROUP BY 1`,
        `SELECT programme_code, balance_total, balance_frozen FROM wh.fct_balances WHERE slice = 'programme' AND data_date = d('${D}')`,
        ["programme_code"],
        ["balance_total", "balance_frozen"],
      ),
    ).toEqual([]);
    expect(
      await compare(
        `SELECT coalesce("Nguồn vốn", '0') AS funding_source_code, sum(dn) AS balance_total FROM loans WHERE "Ngày số liệu" = '${D}' GROUP BY 1`,
        `SELECT funding_source_code, balance_total FROM wh.fct_balances WHERE slice = 'funding_source' AND data_date = d('${D}')`,
        ["funding_source_code"],
        ["balance_total"],
      ),
    ).toEqual([]);
    expect(
      await compare(
        `SELECT "Mã tổ" AS group_code, sum(dn) AS balance_total, count(DISTINCT "Mã KH") FILTER (dn > 0) AS households FROM loans
         WHERE "Ngày số liệu" = '${D}' AND "Mã tổ" <> '0000000' GROUP BY 1`,
        `SELECT group_code, balance_total, households FROM wh.fct_balances WHERE slice = 'group' AND data_date = d('${D}')`,
        ["group_code"],
        ["balance_total", "households"],
      ),
    ).toEqual([]);
  });

  it("monthly flows by union, and loans newly overdue", async () => {
    const flows = `sum("Giải ngân trong tháng"::BIGINT) AS disbursed,
      sum("Thu nợ TH tháng"::BIGINT + "Thu nợ QH tháng"::BIGINT + "Thu nợ khoanh tháng"::BIGINT) AS collected,
      sum("Chuyển QH trong tháng"::BIGINT) AS moved_to_overdue, sum("Chuyển khoanh trong tháng"::BIGINT) AS moved_to_frozen, sum("Gốc xóa trong tháng"::BIGINT) AS written_off`;
    expect(
      await compare(
        `SELECT coalesce("Mã ĐVUT", '00') AS union_code, ${flows} FROM loans WHERE "Ngày số liệu" = '${D}' GROUP BY 1`,
        `SELECT union_code, disbursed, collected, moved_to_overdue, moved_to_frozen, written_off FROM wh.fct_balances WHERE slice = 'union' AND data_date = d('${D}')`,
        ["union_code"],
        ["disbursed", "collected", "moved_to_overdue", "moved_to_frozen", "written_off"],
      ),
    ).toEqual([]);
    expect(
      await compare(
        `SELECT count(*) AS loans_newly_overdue FROM loans n LEFT JOIN loans p ON p."Số khế ước" = n."Số khế ước" AND p."Ngày số liệu" = '${PREV}'
         WHERE n."Ngày số liệu" = '${D}' AND n.qh > 0 AND coalesce(p.qh, 0) = 0`,
        `SELECT loans_newly_overdue FROM wh.fct_balances WHERE slice = 'province' AND data_date = d('${D}')`,
        ["loans_newly_overdue"],
        ["loans_newly_overdue"],
      ),
    ).toEqual([]);
  });

  it("the year so far: flows summed over the months of 2026", async () => {
    expect(
      await compare(
        `SELECT sum("Giải ngân trong tháng"::BIGINT) AS disbursed_ytd, sum("Gốc xóa trong tháng"::BIGINT) AS written_off_ytd FROM loans WHERE year(dd) = 2026`,
        `SELECT disbursed_ytd, written_off_ytd FROM wh.fct_balances WHERE slice = 'province' AND data_date = d('${D}')`,
        ["disbursed_ytd"],
        ["disbursed_ytd", "written_off_ytd"],
      ),
    ).toEqual([]);
  });
});

describe("metric values (fct_metric_values)", () => {
  it("change since 31/12 of a commune's outstanding", async () => {
    expect(
      await compare(
        `SELECT xa AS commune_code, sum(dn) FILTER ("Ngày số liệu" = '${D}') - sum(dn) FILTER ("Ngày số liệu" = '31/12/2025') AS change_ytd
         FROM loans WHERE "Ngày số liệu" IN ('${D}', '31/12/2025') GROUP BY 1`,
        `SELECT commune_code, change_ytd FROM wh.fct_metric_values WHERE slice = 'commune' AND metric_code = 'DU_NO' AND data_date = d('${D}')`,
        ["commune_code"],
        ["change_ytd"],
      ),
    ).toEqual([]);
  });
});

describe("groups (fct_group_quality, fct_group_ratings)", () => {
  it("recomputes each group's class from its six scores with the 90/70/50 cut-offs", async () => {
    expect(
      await compare(
        `SELECT "Mã tổ" AS group_code,
           CASE WHEN "Tổng điểm"::DOUBLE >= 90 THEN 'Tốt' WHEN "Tổng điểm"::DOUBLE >= 70 THEN 'Khá' WHEN "Tổng điểm"::DOUBLE >= 50 THEN 'Trung bình' ELSE 'Yếu' END <> "Xếp loại" AS mismatch,
           ("Tổng điểm"::DOUBLE < 90)::INT AS below_tot
         FROM scores WHERE "Ngày số liệu" = '${D}'`,
        `SELECT group_code, class_mismatch AS mismatch, (rating_class_recomputed <> 'Tốt')::INT AS below_tot FROM wh.fct_group_quality WHERE data_date = d('${D}') AND rating_class IS NOT NULL`,
        ["group_code"],
        ["mismatch", "below_tot"],
      ),
    ).toEqual([]);
  });

  it("flags small groups and groups with overdue above 2 %", async () => {
    expect(
      await compare(
        `SELECT "Mã tổ" AS group_code, count(DISTINCT "Mã KH") FILTER (dn > 0) < 20 AS small_group, 100.0 * sum(qh) / sum(dn) > 2 AS overdue_above_threshold
         FROM loans WHERE "Ngày số liệu" = '${D}' AND "Mã tổ" <> '0000000' GROUP BY 1 HAVING sum(dn) > 0`,
        `SELECT group_code, small_group, overdue_above_threshold FROM wh.fct_group_quality WHERE data_date = d('${D}') AND balance_total > 0`,
        ["group_code"],
        ["small_group", "overdue_above_threshold"],
      ),
    ).toEqual([]);
  });

  it("counts classes per today's commune", async () => {
    expect(
      await compare(
        `SELECT coalesce(t.current, s."Mã xã") AS commune_code, count(*) AS groups_rated, count(*) FILTER ("Xếp loại" = 'Tốt') AS groups_tot
         FROM scores s LEFT JOIN today t ON t.code = s."Mã xã" WHERE "Ngày số liệu" = '30/06/2025' GROUP BY 1`,
        `SELECT commune_code, groups_rated, groups_tot FROM wh.fct_group_ratings WHERE slice = 'commune' AND data_date = d('30/06/2025')`,
        ["commune_code"],
        ["groups_rated", "groups_tot"],
      ),
    ).toEqual([]);
  });
});

describe("beside the ledger", () => {
  it("savings mobilisation by union, month and year to date", async () => {
    expect(
      await compare(
        `SELECT "Mã ĐVUT" AS union_code, sum("Tiền gửi trong tháng"::BIGINT) FILTER ("Ngày số liệu" = '${D}') AS savings_deposits,
           sum("Số dư cuối tháng"::BIGINT) FILTER ("Ngày số liệu" = '${D}') AS savings_mobilised_balance,
           sum("Tiền gửi trong tháng"::BIGINT) AS savings_deposits_ytd
         FROM sav WHERE year(d("Ngày số liệu")) = 2026 GROUP BY 1`,
        `SELECT union_code, savings_deposits, savings_mobilised_balance, savings_deposits_ytd FROM wh.fct_savings_mobilisation WHERE slice = 'union' AND data_date = d('${D}')`,
        ["union_code"],
        ["savings_deposits", "savings_mobilised_balance", "savings_deposits_ytd"],
      ),
    ).toEqual([]);
  });

  it("fees and commissions by PGD area", async () => {
    expect(
      await compare(
        `SELECT "Mã PGD" AS pgd_code, sum("Phí ủy thác"::BIGINT) AS entrustment_fee, sum("Hoa hồng tổ"::BIGINT) AS group_commission FROM fees WHERE "Ngày số liệu" = '${D}' GROUP BY 1`,
        `SELECT pgd_code, entrustment_fee, group_commission FROM wh.fct_fees WHERE slice = 'pgd' AND data_date = d('${D}')`,
        ["pgd_code"],
        ["entrustment_fee", "group_commission"],
      ),
    ).toEqual([]);
  });

  it("inspections by year, union and level", async () => {
    expect(
      await compare(
        `SELECT year(d("Ngày kiểm tra"))::INT AS year, "Mã ĐVUT" AS union_code, "Cấp kiểm tra" AS level, count(*) AS inspections,
           count(DISTINCT "Mã PGD") AS pgd_areas, count(DISTINCT "Mã tổ") AS groups, sum("Số hộ được kiểm tra"::INT) AS households_visited
         FROM insp GROUP BY ALL`,
        `SELECT year, union_code, level, inspections, pgd_areas, groups, households_visited FROM wh.fct_inspections WHERE month = 0`,
        ["year", "union_code", "level"],
        ["inspections", "pgd_areas", "groups", "households_visited"],
      ),
    ).toEqual([]);
  });

  it("risk-handling batches, and the ledger's frozen and written-off amounts of the same month", async () => {
    expect(
      await compare(
        `SELECT "Mã đợt xử lý" AS batch_code, "Hình thức xử lý" AS measure, count(*) AS loans, sum("Số tiền gốc"::BIGINT) AS principal FROM risk GROUP BY ALL`,
        `SELECT batch_code, measure, loans, principal FROM wh.fct_risk_handling WHERE slice = 'province'`,
        ["batch_code", "measure"],
        ["loans", "principal"],
      ),
    ).toEqual([]);
    const ledger = await disagreements(`SELECT * FROM wh.fct_risk_handling WHERE slice = 'province' AND ledger_principal <> principal`);
    expect(ledger).toEqual([]);
  });
});

describe("debt reconciliation", () => {
  it("progress per PGD area: customers with every loan reconciled over customers in scope", async () => {
    expect(
      await compare(
        `WITH c AS (SELECT "Mã KH", min("Mã PGD") AS pgd_code, bool_and("Ngày đối chiếu" IS NOT NULL) AS ok FROM recon GROUP BY 1)
         SELECT pgd_code, count(*) AS customers_in_scope, count(*) FILTER (ok) AS customers_reconciled FROM c GROUP BY 1`,
        `SELECT pgd_code, customers_in_scope, customers_reconciled FROM wh.fct_reconciliation_progress WHERE slice = 'pgd'`,
        ["pgd_code"],
        ["customers_in_scope", "customers_reconciled"],
      ),
    ).toEqual([]);
  });

  it("loans and amounts per handling case, and progress day by day", async () => {
    expect(
      await compare(
        `SELECT CASE WHEN "Ngày đối chiếu" IS NULL THEN 'chưa đối chiếu' ELSE coalesce("Trường hợp", '0') END AS handling_case, count(*) AS loans, sum("Dư nợ gốc"::BIGINT) AS principal
         FROM recon GROUP BY 1`,
        `SELECT handling_case, loans, principal FROM wh.fct_reconciliation_cases WHERE slice = 'province'`,
        ["handling_case"],
        ["loans", "principal"],
      ),
    ).toEqual([]);
    expect(
      await compare(
        `WITH c AS (SELECT "Mã KH", bool_and("Ngày đối chiếu" IS NOT NULL) AS ok FROM recon GROUP BY 1) SELECT count(*) FILTER (ok) AS n FROM c`,
        `SELECT max(customers_reconciled_cumulative) AS n FROM wh.fct_reconciliation_daily WHERE pgd_code IS NULL`,
        ["n"],
        ["n"],
      ),
    ).toEqual([]);
  });
});

describe("targets and the 2025 restructuring", () => {
  it("each union's overdue-ratio target: actual at the year's last date and status, judged on the ratio rounded to 2 decimals", async () => {
    expect(
      await compare(
        `WITH last AS (SELECT year(dd) AS y, max(dd) AS dd FROM loans GROUP BY 1),
              actual AS (SELECT year(l.dd) AS y, l."Mã ĐVUT" AS u, 100.0 * sum(l.qh) / sum(l.dn) AS v FROM loans l JOIN last USING (dd) GROUP BY 1, 2),
              t AS (SELECT "Năm"::INT AS y, "Mã ĐVUT" AS u, replace("Chỉ tiêu giao", ',', '.')::DOUBLE AS a, replace("Chỉ tiêu phấn đấu", ',', '.')::DOUBLE AS s
                    FROM targets WHERE "Mã chỉ tiêu" = 'TL_NQH' AND "Mã PGD" IS NULL AND "Mã ĐVUT" IS NOT NULL)
         SELECT t.y AS year, t.u AS union_code, a.v AS actual_value,
           CASE WHEN round(a.v, 2) < t.s THEN 'met_stretch' WHEN round(a.v, 2) < t.a THEN 'met_assigned' ELSE 'missed' END = 'missed' AS missed
         FROM t JOIN actual a USING (y, u)`,
        `SELECT year, union_code, actual_value, status = 'missed' AS missed FROM wh.fct_target_results r
         WHERE slice = 'union' AND metric_code = 'TL_NQH' AND data_date = (SELECT max(data_date) FROM wh.dim_data_dates d WHERE d.year = r.year)`,
        ["year", "union_code"],
        ["actual_value", "missed"],
      ),
    ).toEqual([]);
  });

  it("former communes: their loans until the merger", async () => {
    expect(
      await compare(
        `SELECT h."Mã xã" AS commune_code, sum("Tổng dư nợ"::BIGINT) AS balance_total FROM hstd h JOIN units u ON u."Mã xã" = h."Mã xã" AND u."Hiệu lực đến" IS NOT NULL
         WHERE "Ngày số liệu" = '30/06/2025' GROUP BY 1`,
        `SELECT commune_code, balance_total FROM wh.fct_former_communes WHERE data_date = d('30/06/2025')`,
        ["commune_code"],
        ["balance_total"],
      ),
    ).toEqual([]);
  });
});
