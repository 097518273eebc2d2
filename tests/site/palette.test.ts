// The chart palette, measured: WCAG contrast of every colour used as text or line against the
// page (white) and a card (Framework's 4% grey), and how far apart the union colours stay for
// people with protanopia, deuteranopia and tritanopia (Machado et al. 2009 simulation, CIELAB ΔE).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import * as palette from "../../src/lib/palette.js";

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = ([r, g, b]: number[]) => 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
const contrast = (a: number[], b: number[]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};
const white = [1, 1, 1];
const card = rgb("#f6f6f7"); // Framework's --theme-background-alt: 4% of #1b1e23 on white

const machado: Record<string, number[][]> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
  "normal vision": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
};
function lab(hex: string, vision: string): number[] {
  const lin = rgb(hex).map(linear);
  const [r, g, b] = machado[vision]!.map((row) => Math.min(1, Math.max(0, row.reduce((s, m, j) => s + m * lin[j]!, 0))));
  const x = (0.4124 * r! + 0.3576 * g! + 0.1805 * b!) / 0.95047;
  const y = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  const z = (0.0193 * r! + 0.1192 * g! + 0.9505 * b!) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

describe("the palette", () => {
  it("gives each union its own colour, readable as text (WCAG AA, 4.5:1) on the page and on a card", () => {
    expect(Object.keys(palette.unionColors).sort()).toEqual(["00", "01", "02", "03", "04"]);
    expect(new Set(Object.values(palette.unionColors)).size).toBe(5);
    const measured = Object.entries(palette.unionColors).map(([code, hex]) => ({ code, page: contrast(rgb(hex), white), card: contrast(rgb(hex), card) }));
    for (const m of measured) {
      expect(m.page, m.code).toBeGreaterThanOrEqual(4.5);
      expect(m.card, m.code).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("keeps the union colours apart under colour blindness (ΔE ≥ 20 between any two)", () => {
    const colours = Object.entries(palette.unionColors);
    for (const vision of Object.keys(machado)) {
      for (let i = 0; i < colours.length; i++) {
        for (let j = i + 1; j < colours.length; j++) {
          const [a, b] = [lab(colours[i]![1], vision), lab(colours[j]![1], vision)];
          const distance = Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
          expect(distance, `${colours[i]![0]} and ${colours[j]![0]}, ${vision}`).toBeGreaterThanOrEqual(20);
        }
      }
    }
  });

  it("draws lines, tones and the neutral grey dark enough to read (4.5:1 on a card)", () => {
    for (const hex of [...Object.values(palette.metricColors), ...palette.seriesColors, palette.tone.good, palette.tone.bad, palette.neutral, palette.bar]) {
      expect(contrast(rgb(hex), card), hex).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("pairs the lines drawn together (overdue with frozen, in with out) apart under colour blindness", () => {
    for (const [a, b] of [["NQH", "NO_KHOANH"], ["CHUYEN_QH", "NQH_GIAM"]] as const) {
      for (const vision of Object.keys(machado)) {
        const [x, y] = [lab(palette.metricColors[a]!, vision), lab(palette.metricColors[b]!, vision)];
        expect(Math.hypot(x[0]! - y[0]!, x[1]! - y[1]!, x[2]! - y[2]!), `${a}/${b} ${vision}`).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it("is the one source of the good and bad text colours of the style sheet", () => {
    const css = readFileSync(join(projectRoot, "src/style.css"), "utf8");
    expect(/--good:\s*(#[0-9a-f]{6})/i.exec(css)?.[1]).toBe(palette.tone.good);
    expect(/--bad:\s*(#[0-9a-f]{6})/i.exec(css)?.[1]).toBe(palette.tone.bad);
  });

  it("leaves no colour written into a chart component, a shared section or a page", () => {
    const components = ["trend-charts.ts", "area-bars.ts", "rating-chart.ts", "chart-data.ts", "sections.ts"].map((c) => join("src/components", c));
    const pages = readdirSync(join(projectRoot, "src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md")).map((f) => join("src", f));
    expect(pages.length).toBeGreaterThan(5);
    for (const f of [...components, ...pages]) expect(readFileSync(join(projectRoot, f), "utf8"), f).not.toMatch(/#[0-9a-f]{6}\b/i);
  });
});
