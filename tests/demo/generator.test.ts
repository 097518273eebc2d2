// The demo generator: byte-identical output for a seed, and a province that looks like
// domain.md's "Scale" section, checked with plain SQL straight on the CSV files it wrote.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

function digest(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((f) => [f, createHash("sha256").update(readFileSync(join(folder, f))).digest("hex")]),
  );
}

describe("determinism", () => {
  it("writes byte-identical files for the same seed and different ones for another seed", () => {
    // Byte-identical in either layout; the file names here are the simple layout's.
    const options = { borrowers: 600, months: 3, endMonth: "2026-01", layout: "simple" as const };
    generateDemo({ outDir: join(dir.path, "a"), seed: 11, ...options });
    generateDemo({ outDir: join(dir.path, "b"), seed: 11, ...options });
    generateDemo({ outDir: join(dir.path, "c"), seed: 12, ...options });
    const a = digest(join(dir.path, "a"));
    expect(Object.keys(a)).toContain("HSTD_0051_20260131.csv");
    expect(digest(join(dir.path, "b"))).toEqual(a);
    expect(digest(join(dir.path, "c"))["HSTD_0051_20260131.csv"]).not.toBe(a["HSTD_0051_20260131.csv"]);
  });
});

describe("a realistic province", () => {
  let folder: string;
  let sql: (q: string) => Promise<Record<string, unknown>[]>;
  beforeAll(async () => {
    folder = join(dir.path, "province");
    // The portfolio is the same in both layouts (tests/demo/real-layout.test.ts): read it in the tidy one.
    generateDemo({ outDir: folder, seed: 2026, borrowers: 8000, months: 24, endMonth: "2026-10", layout: "simple" });
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    const csv = (pattern: string, delim = ",") => `read_csv('${folder}/${pattern}', all_varchar = true, delim = '${delim}', header = true)`;
    await conn.run(`CREATE VIEW hstd AS SELECT * FROM ${csv("HSTD_*.csv")}`);
    await conn.run(`CREATE VIEW scores AS SELECT * FROM ${csv("CDTOTKVV_*.csv")}`);
    await conn.run(`CREATE VIEW targets AS SELECT * FROM ${csv("CHITIEU_*.csv", ";")}`);
    await conn.run(`CREATE VIEW recon AS SELECT * FROM ${csv("DOICHIEU_*.csv")}`);
    await conn.run(`CREATE VIEW units AS SELECT * FROM ${csv("DMDONVI_*.csv")}`);
    sql = async (q) => (await conn.runAndReadAll(q)).getRowObjectsJson() as Record<string, unknown>[];
  });

  it("covers 24 month-end data dates, each with a loan listing and a group scoring", async () => {
    const files = readdirSync(folder);
    expect(files.filter((f) => f.startsWith("HSTD_"))).toHaveLength(24);
    expect(files.filter((f) => f.startsWith("CDTOTKVV_"))).toHaveLength(24);
    expect(files.filter((f) => f.startsWith("DOICHIEU_"))).toEqual(["DOICHIEU_0051_DC2025.csv"]);
    expect(files.filter((f) => f.startsWith("CHITIEU_")).sort()).toEqual(["CHITIEU_0051_2025.csv", "CHITIEU_0051_2026.csv"]);
  });

  it("keeps the overdue ratio, frozen debt and savings in the ranges provinces report", async () => {
    const rows = await sql(`SELECT "Ngày số liệu" AS d,
        100 * sum("Dư nợ quá hạn"::BIGINT) / sum("Tổng dư nợ"::BIGINT) AS nqh,
        100 * sum("Dư nợ quá hạn"::BIGINT + "Dư nợ khoanh"::BIGINT) / sum("Tổng dư nợ"::BIGINT) AS bad,
        sum("Tổng dư nợ"::BIGINT) / count(DISTINCT "Mã KH") FILTER (WHERE "Tổng dư nợ"::BIGINT > 0) / 1e6 AS per_borrower
      FROM hstd GROUP BY 1`);
    expect(rows).toHaveLength(24);
    for (const r of rows) {
      expect(Number(r.nqh)).toBeGreaterThan(0.03);
      expect(Number(r.nqh)).toBeLessThan(0.4);
      expect(Number(r.bad)).toBeLessThan(0.8);
      expect(Number(r.per_borrower)).toBeGreaterThan(38);
      expect(Number(r.per_borrower)).toBeLessThan(65);
    }
    const savings = await sql(`WITH c AS (SELECT "Ngày số liệu" d, "Mã KH", max("Số dư tiền gửi 105"::BIGINT) s, sum("Tổng dư nợ"::BIGINT) dn FROM hstd GROUP BY ALL)
      SELECT 100 * sum(s) / sum(dn) AS pct FROM c WHERE dn > 0 GROUP BY d`);
    for (const r of savings) {
      expect(Number(r.pct)).toBeGreaterThan(3);
      expect(Number(r.pct)).toBeLessThan(7.5);
    }
  });

  it("splits outstanding between the four unions much as in practice, with a few direct loans", async () => {
    const rows = await sql(`SELECT coalesce("Mã ĐVUT", '') AS u, 100 * sum("Tổng dư nợ"::BIGINT) / sum(sum("Tổng dư nợ"::BIGINT)) OVER () AS pct
      FROM hstd WHERE "Ngày số liệu" = '31/10/2026' GROUP BY 1`);
    const share = Object.fromEntries(rows.map((r) => [r.u, Number(r.pct)]));
    expect(share["02"]).toBeGreaterThan(34);
    expect(share["01"]).toBeGreaterThan(28);
    expect(share["03"]).toBeGreaterThan(7);
    expect(share["04"]).toBeGreaterThan(3);
    expect(share[""]).toBeGreaterThan(0);
    expect(share[""]).toBeLessThan(2);
  });

  it("rates most groups Tốt, and lists groups of 20–60 households with a few small ones", async () => {
    const classes = await sql(`SELECT "Xếp loại" AS c, count(*) AS n FROM scores WHERE "Ngày số liệu" = '31/10/2026' GROUP BY 1`);
    const total = classes.reduce((s, r) => s + Number(r.n), 0);
    const tot = Number(classes.find((r) => r.c === "Tốt")?.n ?? 0);
    expect(tot / total).toBeGreaterThan(0.8);
    const sizes = await sql(`SELECT quantile_cont("Số tổ viên"::INT, 0.5) AS median, avg(("Số tổ viên"::INT < 20)::INT) AS small FROM scores WHERE "Ngày số liệu" = '31/10/2026'`);
    expect(Number(sizes[0]!.median)).toBeGreaterThan(22);
    expect(Number(sizes[0]!.median)).toBeLessThan(45);
    expect(Number(sizes[0]!.small)).toBeLessThan(0.15);
  });

  it("moves old commune codes to the new ones on 1/7/2025, as the unit list says", async () => {
    const rows = await sql(`SELECT
        bool_and(u."Hiệu lực đến" = '30/06/2025') FILTER (WHERE h."Ngày số liệu" = '30/06/2025') AS june_old,
        bool_and(u."Hiệu lực đến" IS NULL) FILTER (WHERE h."Ngày số liệu" = '31/07/2025') AS july_new
      FROM (SELECT DISTINCT "Ngày số liệu", "Mã xã" FROM hstd) h JOIN units u ON u."Mã xã" = h."Mã xã"`);
    expect(rows[0]).toEqual({ june_old: true, july_new: true });
  });

  it("writes personal columns (fake) so the privacy boundary is exercised", async () => {
    const rows = await sql(`SELECT count(*) AS n, count(*) FILTER (WHERE regexp_full_match("Số CMND", '0[0-9]{11}')) AS cccd,
        count(*) FILTER (WHERE "Tên KH" IS NOT NULL AND "Địa chỉ" IS NOT NULL AND "Số điện thoại" IS NOT NULL) AS named
      FROM hstd WHERE "Ngày số liệu" = '31/10/2026'`);
    expect(Number(rows[0]!.cccd)).toBe(Number(rows[0]!.n));
    expect(Number(rows[0]!.named)).toBe(Number(rows[0]!.n));
  });

  it("sets targets per union and PGD area, and reconciles the loans outstanding on 31/7/2025", async () => {
    const targets = await sql(`SELECT count(DISTINCT "Mã PGD") AS pgds, count(DISTINCT "Mã ĐVUT") AS unions FROM targets WHERE "Năm" = '2026'`);
    expect(Number(targets[0]!.unions)).toBe(4);
    expect(Number(targets[0]!.pgds)).toBeGreaterThanOrEqual(2);
    const recon = await sql(`SELECT count(*) AS loans, avg(("Ngày đối chiếu" IS NOT NULL)::INT) AS done,
        (SELECT count(*) FROM hstd WHERE "Ngày số liệu" = '31/07/2025' AND ("Tổng dư nợ"::BIGINT > 0 OR "Lãi tồn TH"::BIGINT + "Lãi tồn QH"::BIGINT > 0)) AS in_scope
      FROM recon`);
    expect(Number(recon[0]!.loans)).toBe(Number(recon[0]!.in_scope));
    expect(Number(recon[0]!.done)).toBeGreaterThan(0.95);
  });
});
