// Every colour a chart uses, from one place. Each union keeps one colour on every chart. The
// colours stay apart for red-green and blue-yellow colour blindness (checked by simulation in
// tests/site/palette.test.ts) and are dark enough to be read as text on the page's white and on a
// card's grey (WCAG AA, 4.5:1); lines of one chart also differ by dash, not by colour alone.

/** One colour per union code: 01 Hội Nông dân, 02 Hội Liên hiệp Phụ nữ, 03 Hội Cựu chiến binh,
 * 04 Đoàn Thanh niên, 00 cho vay trực tiếp. */
export const unionColors: Readonly<Record<string, string>> = {
  "01": "#007848",
  "02": "#a23d8c",
  "03": "#b04a00",
  "04": "#2553c9",
  "00": "#2b2b2b",
};

/** A union's colour; an unknown code gets the neutral grey. */
export const unionColor = (code: string | null | undefined): string => unionColors[code ?? ""] ?? neutral;

/** Monthly series by what they measure: amounts, overdue (in), overdue leaving (out), frozen loans. */
export const metricColors: Readonly<Record<string, string>> = {
  DU_NO: "#1b4f8a",
  TIEN_GUI: "#1b4f8a",
  NQH: "#c23b22",
  TL_NQH: "#c23b22",
  CHUYEN_QH: "#c23b22",
  NO_KHOANH: "#6a3d9a",
  TL_NQH_KHOANH: "#6a3d9a",
  NQH_GIAM: "#2b7a78",
};

/** For series without a colour of their own, in this order. */
export const seriesColors: readonly string[] = ["#1b4f8a", "#c23b22", "#2b7a78", "#6a3d9a", "#2b2b2b"];

/** Dash patterns by series position: the second line of a chart is dashed, the third dotted. */
export const seriesDashes: readonly (string | null)[] = [null, "6 3", "2 3", "10 3 2 3"];

/** The colour of a monthly series: the metric's own, else by position. */
export const seriesColor = (metric: string, position: number): string => metricColors[metric] ?? seriesColors[position % seriesColors.length]!;

/** Rating classes of Tổ TK&VV, best to worst: blue to orange (no red-green pair). */
export const ratingColors: Readonly<Record<string, string>> = {
  "Tốt": "#1f5fa8",
  "Khá": "#7fb0dc",
  "Trung bình": "#f0b35a",
  "Yếu": "#b5400f",
};

/** Better and worse: the text colours of changes (the same values as --good and --bad in style.css). */
export const tone = { good: "#1e6b2a", bad: "#b3261e" } as const;

/** Other areas behind the one in focus, reference lines, bars without a category. */
export const neutral = "#6b7079";
export const bar = "#1b4f8a";
