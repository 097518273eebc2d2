// The README's export reference is generated from the contract: it must match it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readmePath, withReference } from "../../scripts/export-reference.js";

describe("README", () => {
  it("documents the export files exactly as the contract describes them (npm run docs)", () => {
    const readme = readFileSync(readmePath, "utf8");
    expect(readme === withReference(readme), "README.md is out of date: run npm run docs").toBe(true);
    expect(readme).toContain("| Tổng dư nợ | có | số tiền, đồng (số nguyên ≥ 0) |");
  });
});
