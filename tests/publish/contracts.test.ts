// Every mart has a zod contract, and every row of every mart meets it: on the hand-made province
// and on a demo province.
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { readModels } from "../../data-loaders/models/runner.js";
import { martContracts, type MartName } from "../../data-loaders/publish/contracts.js";
import { publicationArrow } from "../../data-loaders/publish/publish.js";
import { publications, type PublicationName } from "../../data-loaders/publish/publications.js";
import { Warehouse } from "../../data-loaders/warehouse/connection.js";
import { addRejectedLoan } from "../helpers/exports.js";
import { copyFixture, load, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
const warehouses: Record<string, string> = {};

beforeAll(async () => {
  dir = tempDir();
  warehouses.fixture = join(dir.path, "fixture.duckdb");
  await load(copyFixture("province-small", dir.path), warehouses.fixture);
  const demo = join(dir.path, "demo");
  generateDemo({ outDir: demo, seed: 31, borrowers: 2500, months: 24, endMonth: "2026-10" });
  // One row whose balances do not add up, so the quarantine marts have something to report.
  addRejectedLoan(demo);
  warehouses.demo = join(dir.path, "demo.duckdb");
  await load(demo, warehouses.demo);
});
afterAll(() => dir.remove());

describe("mart contracts", () => {
  const marts = readModels().filter((m) => m.layer === "marts").map((m) => m.name);

  it("exist for every mart and only for marts", () => {
    expect(Object.keys(martContracts).sort()).toEqual([...marts].sort());
  });

  for (const which of ["fixture", "demo"]) {
    it(`hold for every row of every mart (${which})`, async () => {
      const db = await Warehouse.open(warehouses[which]!, { readOnly: true });
      try {
        for (const mart of marts) {
          const contract = martContracts[mart as MartName] as z.ZodObject<Record<string, z.ZodType>>;
          const rows = await db.all(`SELECT * FROM ${mart}`);
          // The demo province (with its one bad row) fills every mart; the small one has no rejections.
          if (which === "demo") expect(rows.length, mart).toBeGreaterThan(0);
          const result = z.array(contract.strict()).safeParse(rows);
          expect(result.success ? "ok" : `${mart}: ${z.prettifyError(result.error).slice(0, 600)}`).toBe("ok");
        }
      } finally {
        db.close();
      }
    });
  }

  it("are checked by every publication", async () => {
    const db = await Warehouse.open(warehouses.demo!, { readOnly: true });
    try {
      // A route's parameters: a union, and a PGD area and commune that hold loans.
      const [area] = await db.all<{ pgd: string; xa: string }>(
        `SELECT c.pgd_code AS pgd, c.commune_code AS xa FROM dim_communes c
         JOIN fct_balances b ON b.slice = 'commune' AND b.commune_code = c.commune_code AND b.balance_total > 0
         WHERE c.is_current ORDER BY c.commune_code LIMIT 1`,
      );
      const params = { hoi: "02", pgd: area!.pgd, xa: area!.xa };
      for (const name of Object.keys(publications) as PublicationName[]) {
        const arrow = await publicationArrow(db, name, params);
        expect(arrow.byteLength, name).toBeGreaterThan(0);
        // An Arrow file has its schema even with no rows: each publication must hold some.
        expect(tableFromIPC(arrow).numRows, name).toBeGreaterThan(0);
      }
    } finally {
      db.close();
    }
  });
});
