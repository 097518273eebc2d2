// The overview's figures for a demo province, as published to the page, against a plain-SQL
// recomputation straight from the export files (no staging, no marts, none of our code).
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { publicationArrow } from "../../data-loaders/publish/publish.js";
import { Warehouse } from "../../data-loaders/warehouse/connection.js";
import { decodeRows } from "../../src/lib/arrow.js";
import type { MetricValue } from "../../src/lib/metrics.js";
import { load, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
let published: MetricValue[];
let raw: DuckDBConnection;

beforeAll(async () => {
  dir = tempDir();
  // The warehouse loads the bank's layout; the recomputation reads the same portfolio written in
  // the tidy layout (tests/demo/real-layout.test.ts shows the two hold the same loans).
  const options = { seed: 99, borrowers: 3000, months: 14, endMonth: "2026-10" };
  generateDemo({ outDir: join(dir.path, "bank"), ...options });
  const exportsDir = join(dir.path, "exports");
  generateDemo({ outDir: exportsDir, ...options, layout: "simple" });
  const warehouse = join(dir.path, "wh.duckdb");
  await load(join(dir.path, "bank"), warehouse);
  const db = await Warehouse.open(warehouse, { readOnly: true });
  const arrow = await publicationArrow(db, "fct_metric_values-province-union");
  db.close();
  published = decodeRows<MetricValue>(arrow.buffer.slice(arrow.byteOffset, arrow.byteOffset + arrow.byteLength) as ArrayBuffer);
  raw = await (await DuckDBInstance.create(":memory:")).connect();
  await raw.run(`CREATE VIEW hstd AS SELECT * FROM read_csv('${exportsDir}/HSTD_*.csv', all_varchar = true, header = true)`);
  await raw.run(`CREATE VIEW scores AS SELECT * FROM read_csv('${exportsDir}/CDTOTKVV_*.csv', all_varchar = true, header = true)`);
});
afterAll(() => dir.remove());

const sql = async (q: string) => (await raw.runAndReadAll(q)).getRowObjectsJson() as Record<string, string | number | null>[];

/** The page's value of a metric for a data date (yyyy-mm-dd) and a union code (null: the province). */
function page(date: string, union: string | null, metric: string): MetricValue {
  const row = published.find((r) => r.data_date === date && r.slice_key === (union ? `union:${union}` : "province") && r.metric_code === metric);
  if (!row) throw new Error(`no published value for ${date} ${union} ${metric}`);
  return row;
}

/** Recomputed by union ("" for direct loans) and for the province ("*"), for one data date (dd/mm/yyyy). */
async function recompute(date: string) {
  const loans = await sql(`
    WITH l AS (SELECT coalesce("Mã ĐVUT", '') AS u, "Mã tổ" AS g, "Mã KH" AS c, "Tổng dư nợ"::BIGINT AS dn,
                      "Dư nợ quá hạn"::BIGINT AS nqh, "Dư nợ khoanh"::BIGINT AS k, "Số dư tiền gửi 105"::BIGINT AS s
               FROM hstd WHERE "Ngày số liệu" = '${date}')
    SELECT coalesce(u, '*') AS u, sum(dn) AS dn, sum(nqh) AS nqh, sum(k) AS k,
      count(DISTINCT c) FILTER (WHERE dn > 0) AS households,
      count(DISTINCT g) FILTER (WHERE dn > 0 AND g <> '0000000') AS groups
    FROM l GROUP BY ROLLUP (u)`);
  // Savings: the balance repeats on each of a borrower's loans; count it once, for borrowers who owe.
  const savings = await sql(`
    WITH c AS (SELECT "Mã KH", min(coalesce("Mã ĐVUT", '')) AS u, max("Số dư tiền gửi 105"::BIGINT) AS s, sum("Tổng dư nợ"::BIGINT) AS dn,
                      bool_and("Mã tổ" = '0000000') AS direct
               FROM hstd WHERE "Ngày số liệu" = '${date}' GROUP BY 1)
    SELECT coalesce(u, '*') AS u, sum(s) FILTER (WHERE dn > 0) AS s,
      count(*) FILTER (WHERE dn > 0 AND NOT direct) AS members, count(*) FILTER (WHERE dn > 0 AND NOT direct AND s > 0) AS saving
    FROM c GROUP BY ROLLUP (u)`);
  const ratings = await sql(`
    SELECT coalesce("Mã ĐVUT", '*') AS u, count(*) AS rated, count(*) FILTER (WHERE "Xếp loại" = 'Tốt') AS tot
    FROM scores WHERE "Ngày số liệu" = '${date}' GROUP BY ROLLUP ("Mã ĐVUT")`);
  const by = (rows: Awaited<ReturnType<typeof sql>>) => new Map(rows.map((r) => [String(r.u), r]));
  return { loans: by(loans), savings: by(savings), ratings: by(ratings) };
}

const iso = (vn: string) => vn.split("/").reverse().join("-");

describe("overview figures agree with the export files", () => {
  for (const date of ["31/10/2026", "31/12/2025"]) {
    it(`on ${date}: outstanding, overdue, ratios, households, groups, savings and ratings`, async () => {
      const r = await recompute(date);
      const d = iso(date);
      for (const [u, code] of [["*", null], ["01", "01"], ["02", "02"], ["03", "03"], ["04", "04"], ["", "00"]] as const) {
        const l = r.loans.get(u)!;
        expect(page(d, code, "DU_NO").value, `${date} ${u} DU_NO`).toBe(Number(l.dn));
        expect(page(d, code, "NQH").value).toBe(Number(l.nqh));
        expect(page(d, code, "NO_KHOANH").value).toBe(Number(l.k));
        expect(page(d, code, "TL_NQH").value).toBeCloseTo((100 * Number(l.nqh)) / Number(l.dn), 10);
        expect(page(d, code, "TL_NQH_KHOANH").value).toBeCloseTo((100 * (Number(l.nqh) + Number(l.k))) / Number(l.dn), 10);
        expect(page(d, code, "SO_HO").value).toBe(Number(l.households));
        expect(page(d, code, "SO_TO").value).toBe(Number(l.groups));
        const s = r.savings.get(u)!;
        expect(page(d, code, "TIEN_GUI").value).toBe(Number(s.s));
        if (u !== "") expect(page(d, code, "TL_TV_GUI_TK").value).toBeCloseTo((100 * Number(s.saving)) / Number(s.members), 10);
        if (u !== "") {
          const g = r.ratings.get(u)!;
          expect(page(d, code, "SO_TO_XEP_LOAI").value).toBe(Number(g.rated));
          expect(page(d, code, "TL_TO_TOT").value).toBeCloseTo((100 * Number(g.tot)) / Number(g.rated), 10);
        }
      }
    });
  }

  it("measures the change since 31/12 of the previous year", async () => {
    const now = (await recompute("31/10/2026")).loans.get("*")!;
    const start = (await recompute("31/12/2025")).loans.get("*")!;
    const dn = page("2026-10-31", null, "DU_NO");
    expect(dn.change_ytd).toBe(Number(now.dn) - Number(start.dn));
    expect(dn.change_ytd_pct).toBeCloseTo((100 * (Number(now.dn) - Number(start.dn))) / Number(start.dn), 10);
  });
});
