// The privacy boundary and the model layering, checked on the code itself.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { columnsOf, exportKinds } from "../../data-loaders/contract/exports.js";
import { readModels } from "../../data-loaders/models/runner.js";
import { publications } from "../../data-loaders/publish/publications.js";

describe("publications", () => {
  it("read marts only, never raw, staging or intermediate tables", () => {
    for (const [name, p] of Object.entries(publications)) {
      expect(p.sql, name).not.toMatch(/\b(raw|stg|int)_\w+/);
      expect(p.sql, name).toMatch(/\bFROM (fct|dim|rpt)_\w+/);
    }
  });
});

describe("models", () => {
  const models = readModels();

  it("each state their grain and depend on nothing from a later layer", () => {
    const layer = new Map(models.map((m) => [m.name, ["staging", "intermediate", "marts"].indexOf(m.layer)]));
    for (const m of models) {
      expect(m.grain.length, m.name).toBeGreaterThan(10);
      for (const d of m.dependsOn) expect(layer.get(d)!, `${m.name} → ${d}`).toBeLessThanOrEqual(layer.get(m.name)!);
    }
  });

  it("select no personal column past staging", () => {
    const personal = exportKinds.flatMap((k) => columnsOf(k).filter((c) => c.personal).map((c) => c.key));
    expect(personal).toEqual(expect.arrayContaining(["customer_name", "national_id", "birth_date", "address", "phone", "group_leader_name"]));
    for (const m of models) {
      const code = readFileSync(m.path, "utf8").replace(/--.*$/gm, "");
      for (const p of personal) expect(code, `${m.name} uses ${p}`).not.toMatch(new RegExp(`\\b${p}\\b`));
    }
  });
});
