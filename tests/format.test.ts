// The formatting module: vi-VN numbers, money in triệu/tỷ đồng, ratios with two decimals, dates.
import { describe, expect, it } from "vitest";
import * as fmt from "../src/lib/format.js";

describe("format", () => {
  it("writes numbers the Vietnamese way", () => {
    expect(fmt.number(1234567.891, 2)).toBe("1.234.567,89");
    expect(fmt.number(-1234)).toBe("−1.234");
    expect(fmt.number(null)).toBe("–");
    expect(fmt.number(Number.NaN)).toBe("–");
  });

  it("scales money to triệu or tỷ đồng and labels the unit", () => {
    expect(fmt.money(5_255_423_804_000, "ty")).toBe("5.255,4");
    expect(fmt.money(10_075_159_000, "trieu")).toBe("10.075");
    expect(fmt.moneyWithUnit(1_900_000_000, "ty")).toBe("1,9 tỷ đồng");
    expect(fmt.moneyWithUnit(2_053_000_000, "trieu")).toBe("2.053 triệu đồng");
  });

  it("writes ratios with two decimals and changes with their sign", () => {
    expect(fmt.percent(0.1917)).toBe("0,19%");
    expect(fmt.percent(100)).toBe("100,00%");
    expect(fmt.pointChange(0.05)).toBe("+0,05 điểm %");
    expect(fmt.pointChange(-1.212121)).toBe("−1,21 điểm %");
    expect(fmt.percentChange(7.5672)).toBe("+7,57%");
    expect(fmt.signed(0)).toBe("0");
    expect(fmt.signed(-0.001, 2)).toBe("0,00");
  });

  it("writes dates dd/mm/yyyy and months mm/yyyy", () => {
    expect(fmt.date("2026-10-31")).toBe("31/10/2026");
    expect(fmt.month("2026-01-31")).toBe("01/2026");
    expect(fmt.month(fmt.toDate("2025-12-31"))).toBe("12/2025");
  });

  it("finds the decimals that write a target exactly", () => {
    expect(fmt.decimalsOf(0.04, 2)).toBe(2);
    expect(fmt.decimalsOf(0.035, 2)).toBe(3);
    expect(fmt.decimalsOf(1717700, 0)).toBe(0);
    expect(fmt.decimalsOf(15.96)).toBe(2);
    expect(fmt.decimalsOf(null, 1)).toBe(1);
  });
});
