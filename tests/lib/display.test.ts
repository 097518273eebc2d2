// How a metric is shown (src/lib/display.ts) and which 31/12 a date is compared with (src/lib/periods.ts),
// on catalogue rows and data dates written here; the expected texts are written by hand.
import { describe, expect, it } from "vitest";
import { Catalogue, Figures, changeText, label, valueText } from "../../src/lib/display.js";
import { MetricIndex, type DataDate, type MetricInfo, type MetricValue } from "../../src/lib/metrics.js";
import { baselineOf, lastYearEnd } from "../../src/lib/periods.js";

const info = (code: string, o: Partial<MetricInfo>): MetricInfo => ({
  metric_code: code,
  name_vi: code,
  unit: "đồng",
  better: "higher",
  target_unit: "triệu đồng",
  source_column: code.toLowerCase(),
  sort_order: 1,
  display_unit: "tỷ đồng",
  precision: 1,
  target_precision: 0,
  change_kind: "relative",
  period: "stock",
  definition: "…",
  numerator: null,
  denominator: null,
  source_fields: "HSTD «Tổng dư nợ»",
  ...o,
});
const catalogue = new Catalogue([
  info("DU_NO", { name_vi: "Tổng dư nợ" }),
  info("NQH", { name_vi: "Nợ quá hạn", display_unit: "triệu đồng", precision: 0, better: "lower" }),
  info("TL_NQH", { name_vi: "Tỷ lệ nợ quá hạn", unit: "%", display_unit: "%", precision: 2, target_unit: "%", target_precision: 2, change_kind: "points" }),
  info("SO_HO", { name_vi: "Số hộ còn dư nợ", unit: "hộ", display_unit: "hộ", precision: 0, target_unit: "hộ" }),
  info("HO_BQ_TO", { name_vi: "Số hộ bình quân một tổ", unit: "hộ", display_unit: "hộ", precision: 1 }),
  info("DS_CHO_VAY_LK", { name_vi: "Doanh số cho vay từ đầu năm", change_kind: "none", period: "ytd" }),
]);

describe("a metric's display", () => {
  it("writes each unit its way, with the catalogue's decimals", () => {
    expect(valueText(catalogue.spec("DU_NO"), 414_100_000_000)).toBe("414,1 tỷ đồng");
    expect(valueText(catalogue.spec("NQH"), 458_400_000)).toBe("458 triệu đồng");
    expect(valueText(catalogue.spec("TL_NQH"), 0.1917)).toBe("0,19%");
    expect(valueText(catalogue.spec("SO_HO"), 4204)).toBe("4.204 hộ");
    expect(valueText(catalogue.spec("HO_BQ_TO"), 33.35)).toBe("33,4 hộ");
    expect(valueText(catalogue.spec("DU_NO"), null)).toBe("–");
  });

  it("labels columns with the unit shown, and money asked in another unit gets that unit's decimals", () => {
    expect(label(catalogue.spec("DU_NO"))).toBe("Tổng dư nợ (tỷ đồng)");
    expect(label(catalogue.spec("DU_NO", "trieu"))).toBe("Tổng dư nợ (triệu đồng)");
    expect(valueText(catalogue.spec("DU_NO", "trieu"), 9_441_300_000)).toBe("9.441 triệu đồng");
  });

  it("writes changes as points for ratios, amount and per cent otherwise, none for sums since 1/1", () => {
    expect(changeText(catalogue.spec("TL_NQH"), -0.01, null)).toBe("−0,01 điểm %");
    expect(changeText(catalogue.spec("DU_NO"), 25_900_000_000, 7.5672)).toBe("+25,9 tỷ đồng (+7,57%)");
    expect(changeText(catalogue.spec("SO_HO"), 270, 6.86)).toBe("+270 hộ (+6,86%)");
    expect(changeText(catalogue.spec("DS_CHO_VAY_LK"), 1e9, 3)).toBe("–");
  });
});

const d = (data_date: string, o: Partial<DataDate> = {}): DataDate => ({
  data_date,
  year: Number(data_date.slice(0, 4)),
  month: Number(data_date.slice(5, 7)),
  prev_date: null,
  year_start_date: null,
  is_latest: false,
  is_year_end: data_date.endsWith("12-31"),
  missing_pgd_names: null,
  ...o,
});
// 2025: September to December loaded; 2026: January to March, February missing.
const dates = [d("2025-09-30"), d("2025-10-31"), d("2025-11-30"), d("2025-12-31"), d("2026-01-31", { year_start_date: "2025-12-31" }), d("2026-03-31", { year_start_date: "2025-12-31", is_latest: true })];

describe("periods", () => {
  it("finds the last 31/12 for the annual report and 31/12 before a date", () => {
    expect(lastYearEnd(dates)).toBe("2025-12-31");
    expect(lastYearEnd(dates.slice(0, 3))).toBe("2025-11-30");
    expect(baselineOf(dates, "2026-03-31")).toBe("2025-12-31");
  });
});

describe("figures", () => {
  const row = (data_date: string, metric_code: string, value: number, o: Partial<MetricValue> = {}): MetricValue => ({
    data_date,
    slice_key: "province",
    metric_code,
    value,
    change_ytd: null,
    unavailable_reason: null,
    ...o,
  });
  const fig = new Figures(
    new MetricIndex([
      row("2025-12-31", "DS_CHO_VAY_LK", 2e9),
      row("2026-01-31", "DS_CHO_VAY_LK", 1e9),
      row("2026-01-31", "DU_NO", 5e9, { change_ytd: 1e8, change_ytd_pct: 2 }),
      row("2026-01-31", "NQH", 3e6, { unavailable_reason: "thiếu cột «Dư nợ quá hạn» trong tệp" }),
    ]),
    catalogue,
    dates,
  );

  it("takes the mart's reason when it gives one", () => {
    expect(fig.get("2026-01-31", "province", "NQH")).toEqual({ value: null, change: null, changePct: null, reason: "thiếu cột «Dư nợ quá hạn» trong tệp" });
    expect(fig.get("2026-01-31", "province", "DU_NO")).toEqual({ value: 5e9, change: 1e8, changePct: 2, reason: null });
  });

  it("leaves judging whether a sum since 1/1 is whole to the mart", () => {
    // 2025 has only September to December loaded, yet the mart gave the value and no reason.
    expect(fig.get("2025-12-31", "province", "DS_CHO_VAY_LK")).toMatchObject({ value: 2e9, reason: null });
  });
});
