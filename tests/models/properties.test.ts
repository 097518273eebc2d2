// Properties of the metric layer over random provinces (fast-check): in every slice the children
// add up to their parent, ratios stay within 0–100 % and are NULL exactly when their denominator
// is 0, and loading the same exports again (or a date at a time, or re-saved) changes nothing.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { readModels } from "../../data-loaders/models/runner.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnsOf, hstd } from "../../data-loaders/contract/exports.js";
import { load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

const DATES = ["31/12/2025", "31/01/2026", "28/02/2026"];
const PGDS = ["051101", "051102"];
const COMMUNES: Record<string, string[]> = { "051101": ["021000", "021007"], "051102": ["021014"] };

interface Loan {
  customer: number;
  group: number; // -1: direct loan
  programme: string;
  funding: string;
  performing: number;
  overdue: number;
  frozen: number;
}

// Groups belong to one union and commune; a customer may hold loans in several groups and unions.
const groupArb = fc.record({ union: fc.constantFrom("01", "02", "03", "04"), pgd: fc.constantFrom(...PGDS), commune: fc.nat(1) });
const loanArb = (groups: number) =>
  fc.record({
    customer: fc.nat(14),
    group: fc.integer({ min: -1, max: groups - 1 }),
    programme: fc.constantFrom("01", "02", "05"),
    funding: fc.constantFrom("1", "2", ""),
    performing: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90 })),
    overdue: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 20 })),
    frozen: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 20 })),
  });
const provinceArb = fc
  .array(groupArb, { minLength: 1, maxLength: 5 })
  .chain((groups) => fc.tuple(fc.constant(groups), fc.array(fc.array(loanArb(groups.length), { minLength: 0, maxLength: 14 }), { minLength: 3, maxLength: 3 })));

type Province = [{ union: string; pgd: string; commune: number }[], Loan[][]];

function writeExports(folder: string, [groups, months]: Province): void {
  mkdirSync(folder, { recursive: true });
  const keys = columnsOf(hstd).map((c) => c.key);
  const headers = columnsOf(hstd).map((c) => c.header);
  months.forEach((loans, m) => {
    const rows = loans.map((l, i) => {
      const g = groups[l.group];
      const pgd = g?.pgd ?? PGDS[l.customer % 2]!;
      // A customer's savings balance repeats on each of their loans, as in real listings.
      const savings = (l.customer % 6) * 1_000_000;
      const row: Record<string, string | number> = {
        data_date: DATES[m]!,
        branch_code: "051",
        pgd_code: pgd,
        commune_code: COMMUNES[pgd]![g ? g.commune % COMMUNES[pgd]!.length : 0]!,
        group_code: g ? `01000${String(l.group).padStart(2, "0")}` : "0000000",
        union_code: g ? g.union : "",
        customer_id: `K${l.customer}`,
        loan_id: `L${m}-${i}`,
        programme_code: l.programme,
        funding_source: l.funding,
        balance_performing: l.performing * 1e6,
        balance_overdue: l.overdue * 1e6,
        balance_frozen: l.frozen * 1e6,
        balance_total: (l.performing + l.overdue + l.frozen) * 1e6,
        savings_balance: savings,
      };
      return keys.map((k) => row[k] ?? "").join(",");
    });
    writeFileSync(join(folder, `HSTD_051_${m}.csv`), [headers.join(","), ...rows].join("\n") + "\n");
  });
}

const additive = [
  "balance_total", "balance_performing", "balance_overdue", "balance_frozen", "loans", "savings_balance",
  "members_with_loans", "members_saving",
] as const;
const groupAdditive = ["groups", "groups_with_overdue", "groups_small"] as const;
const ratios = ["overdue_ratio_pct", "bad_debt_ratio_pct", "members_saving_pct", "entrusted_share_pct", "groups_without_overdue_pct"] as const;

async function checkSlices(warehouse: string): Promise<void> {
  const sum = (cols: readonly string[]) => cols.map((c) => `sum(${c}) AS ${c}`).join(", ");
  // Each slice type against its parent, over every data date.
  const parents: [string, string, string][] = [
    ["union", "province", ""],
    ["pgd", "province", ""],
    ["commune", "province", ""],
    ["programme", "province", ""],
    ["funding_source", "province", ""],
    ["union_pgd", "union", "union_code"],
    ["union_pgd", "pgd", "pgd_code"],
    ["union_commune", "union", "union_code"],
    ["union_commune", "commune", "commune_code"],
    ["union_programme", "union", "union_code"],
    ["union_programme", "programme", "programme_code"],
    ["pgd_programme", "pgd", "pgd_code"],
    ["pgd_programme", "programme", "programme_code"],
  ];
  for (const [child, parent, key] of parents) {
    const by = ["data_date", key].filter(Boolean).join(", ");
    const cols = /programme|funding/.test(child) ? additive : [...additive, ...groupAdditive];
    const diff = await query(
      warehouse,
      `WITH c AS (SELECT ${by}, ${sum(cols)}, max(households) AS max_child, sum(households) AS sum_children FROM fct_balances WHERE slice = '${child}' GROUP BY ${by}),
            p AS (SELECT ${by}, ${cols.join(", ")}, households FROM fct_balances WHERE slice = '${parent}')
       SELECT * FROM p FULL JOIN c USING (${by})
       WHERE ${cols.map((x) => `abs(coalesce(p.${x}, 0) - coalesce(c.${x}, 0)) > 0.001`).join(" OR ")}
          OR c.max_child > p.households OR c.sum_children < p.households`,
    );
    expect(diff, `${child} → ${parent}`).toEqual([]);
  }
  // Groups plus direct loans make the province.
  const groups = await query(
    warehouse,
    `WITH g AS (SELECT data_date, sum(balance_total) AS b FROM fct_balances WHERE slice = 'group' GROUP BY 1),
          d AS (SELECT data_date, balance_total AS b FROM fct_balances WHERE slice_key = 'union:00'),
          p AS (SELECT data_date, balance_total AS b FROM fct_balances WHERE slice = 'province')
     SELECT * FROM p LEFT JOIN g USING (data_date) LEFT JOIN d USING (data_date)
     WHERE abs(p.b - coalesce(g.b, 0) - coalesce(d.b, 0)) > 0.001`,
  );
  expect(groups).toEqual([]);
}

async function checkRatios(warehouse: string): Promise<void> {
  const bad = await query(
    warehouse,
    `SELECT slice_key, ${ratios.join(", ")} FROM fct_balances
     WHERE ${ratios.map((r) => `${r} < 0 OR ${r} > 100.000001`).join(" OR ")}
        OR (balance_total = 0) <> (overdue_ratio_pct IS NULL)
        OR (members_with_loans = 0) <> (members_saving_pct IS NULL)`,
  );
  expect(bad).toEqual([]);
}

/** Every fact and dimension mart (the ingest reports name files and runs, and differ by design). */
const snapshot = async (warehouse: string) => {
  const marts = readModels().filter((m) => m.layer === "marts" && !m.name.startsWith("rpt_")).map((m) => m.name);
  return Object.fromEntries(await Promise.all(marts.map(async (t) => [t, await query(warehouse, `SELECT * FROM ${t} ORDER BY ALL`)] as const)));
};

describe("random provinces", () => {
  it("add up, keep ratios in range, and load the same whether once, again, or a date at a time", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(provinceArb, async (province) => {
        const base = join(dir.path, `p${run++}`);
        writeExports(join(base, "all"), province);
        const once = join(base, "once.duckdb");
        await load(join(base, "all"), once);
        await checkSlices(once);
        await checkRatios(once);
        const expected = await snapshot(once);

        // Again: nothing changes.
        await load(join(base, "all"), once);
        expect(await snapshot(once)).toEqual(expected);

        // A date at a time, latest first (each earlier date rebuilds the later ones, whose comparisons
        // reach back to it), then one date re-saved with an extra column (a new file for the same date).
        const stepwise = join(base, "stepwise.duckdb");
        for (let m = DATES.length - 1; m >= 0; m--) {
          const one = join(base, `m${m}`);
          mkdirSync(one);
          writeFileSync(join(one, `HSTD_051_${m}.csv`), readFileSync(join(base, "all", `HSTD_051_${m}.csv`)));
          await load(one, stepwise);
        }
        const resaved = join(base, "resaved");
        mkdirSync(resaved);
        const lines = readFileSync(join(base, "all", "HSTD_051_1.csv"), "utf8").trimEnd().split("\n");
        writeFileSync(join(resaved, "HSTD_051_1_lai.csv"), lines.map((l, i) => `${l},${i === 0 ? "Ghi chú" : "x"}`).join("\n") + "\n");
        await load(resaved, stepwise);
        expect(await snapshot(stepwise)).toEqual(expected);
      }),
      { numRuns: 8, seed: 20260228 },
    );
  });
});
