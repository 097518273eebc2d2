// Matching a file's headers to the export contract.
import { describe, expect, it } from "vitest";
import { cdtotkvv, columnsOf, exportKinds, hstd } from "../../data-loaders/contract/exports.js";
import { detectKind, matchHeaders, normalizeHeader } from "../../data-loaders/contract/headers.js";

describe("header matching", () => {
  it("ignores accents, case, spacing and punctuation, and reads decomposed Unicode", () => {
    expect(normalizeHeader("  TỔNG  DƯ NỢ (đồng) ")).toBe("tong du no dong");
    expect(normalizeHeader("Tổng dư nợ".normalize("NFD"))).toBe("tong du no");
    expect(normalizeHeader("Mã ĐVUT")).toBe("ma dvut");
  });

  it("finds each contract column, including by an alias, and ignores extra columns", () => {
    const headers = ["Ghi chú", "Số KU", ...columnsOf(hstd).filter((c) => c.key !== "loan_id").map((c) => c.header.toUpperCase())];
    const m = matchHeaders(hstd, headers);
    expect(m.missingRequired).toEqual([]);
    expect(m.positions.get("loan_id")).toBe(1);
    expect(m.positions.get("data_date")).toBe(2);
  });

  it("recognises each kind from its own headers", () => {
    for (const kind of exportKinds) {
      const d = detectKind(columnsOf(kind).map((c) => c.header));
      expect(d.ok && d.match.kind.kind).toBe(kind.kind);
    }
  });

  it("names the required columns a file lacks", () => {
    const headers = columnsOf(cdtotkvv).filter((c) => c.key !== "rating_class").map((c) => c.header);
    const d = detectKind(headers);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.closest.kind.kind).toBe("cdtotkvv");
      expect(d.closest.missingRequired.map((c) => c.header)).toEqual(["Xếp loại"]);
    }
  });

  it("describes every column once, with a Vietnamese header and a zod schema", () => {
    for (const kind of exportKinds) {
      const headers = columnsOf(kind).map((c) => normalizeHeader(c.header));
      expect(new Set(headers).size, kind.kind).toBe(headers.length);
      for (const key of kind.uniqueKey) expect(Object.keys(kind.row.shape)).toContain(key);
      for (const key of kind.scope) expect(Object.keys(kind.row.shape), key).toContain(key);
    }
    expect(hstd.row.safeParse({}).success).toBe(false);
  });
});
