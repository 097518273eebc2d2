// The analysts' filters (src/lib/analysis.ts): which slice each figure draws and which filters it
// really applies, so that no caption names a filter left aside.
import { describe, expect, it } from "vitest";
import { communeRanking, fileTag, pgdRanking, resolveSlice } from "../../src/lib/analysis.js";

const f = (o: Partial<{ union: string; pgd: string; commune: string; programme: string }>) => ({ union: "", pgd: "", commune: "", programme: "", ...o });

describe("the series of the filters chosen", () => {
  it("applies a programme with a union or a PGD area, not with both", () => {
    expect(resolveSlice(f({ programme: "01", union: "02" }))).toMatchObject({ key: "union_programme:02:01", applied: f({ union: "02", programme: "01" }), note: null });
    expect(resolveSlice(f({ programme: "01", pgd: "051101" }))).toMatchObject({ key: "pgd_programme:051101:01", applied: f({ pgd: "051101", programme: "01" }) });
    const both = resolveSlice(f({ programme: "01", union: "02", pgd: "051101" }));
    expect(both).toMatchObject({ key: "union_pgd:02:051101", applied: f({ union: "02", pgd: "051101" }) });
    expect(both.note).toContain("chương trình chưa áp dụng");
  });

  it("applies neither union nor programme to a commune, and says so", () => {
    const r = resolveSlice(f({ commune: "021000", union: "02", programme: "01" }));
    expect(r).toMatchObject({ key: "commune:021000", applied: f({ commune: "021000" }) });
    expect(r.note).toContain("Hội và chương trình chưa áp dụng");
    expect(resolveSlice(f({}))).toEqual({ key: "province", applied: f({}), note: null });
  });
});

describe("the rankings", () => {
  it("rank PGD areas within the union, or the programme, but not both", () => {
    expect(pgdRanking(f({ union: "02" })).key("051101")).toBe("union_pgd:02:051101");
    expect(pgdRanking(f({ programme: "01" })).key("051101")).toBe("pgd_programme:051101:01");
    const both = pgdRanking(f({ union: "02", programme: "01" }));
    expect(both.applied).toEqual(f({ union: "02" }));
    expect(both.note).not.toBeNull();
  });

  it("rank communes within the union and PGD area, never by programme", () => {
    const r = communeRanking(f({ union: "02", pgd: "051101", programme: "01" }));
    expect(r.key("021000")).toBe("union_commune:02:021000");
    expect(r.applied).toEqual(f({ union: "02", pgd: "051101" }));
    expect(r.note).toContain("chưa có số liệu theo chương trình");
    expect(communeRanking(f({})).key("021000")).toBe("commune:021000");
  });

  it("name their files by the filters applied", () => {
    expect(fileTag(f({ union: "02", programme: "01" }))).toBe("hoi-02-ct-01");
    expect(fileTag(f({}))).toBe("toan-tinh");
  });
});
