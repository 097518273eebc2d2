// Phones and access, measured in Chromium: at 390 px the page never scrolls sideways (only
// tables do), a wide table keeps its first column in view and shows the key figures first, every
// button, select and input is at least 44 px, and pinch-zoom works; text contrast computed from
// the styles the browser applies (KPI titles, red and green changes, the footer …) is at least
// 4.5:1; one Tab reaches a skip link; each chart's figures open from the keyboard; month labels
// never overlap nor run off the chart at 390 or 1440 px. Screenshots and the measured ratios go to test-artifacts/access/.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import { desktop, phone, startSite, type Site } from "../helpers/site.js";
import { query } from "../helpers/warehouse.js";
import * as palette from "../../src/lib/palette.js";

const artifacts = join(projectRoot, "test-artifacts/access");
let site: Site;
const mobile = { viewport: phone, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

beforeAll(async () => {
  site = await startSite();
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await site?.close();
});

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage });

describe("on a phone (390 px)", () => {
  for (const path of ["/", "/bao-cao-nam", "/hoi/02", "/phan-tich"]) {
    it(`${path}: no sideways scrolling but in tables, and every control at least 44 px`, async () => {
      const { page, errors, close } = await site.open(path, mobile);
      expect(await page.evaluate(() => window.innerWidth)).toBe(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll("main button, main select, main input:not([type=hidden]), main summary, .skip-link")]
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ el, box }) => box.width > 0 && getComputedStyle(el).visibility !== "hidden")
          .filter(({ box }) => box.height < 43.5 || box.width < 43.5)
          .map(({ el, box }) => `${el.tagName.toLowerCase()} «${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}» ${Math.round(box.width)}×${Math.round(box.height)}`),
      );
      expect(small).toEqual([]);
      await shot(page, `phone${path.replace(/\W+/g, "-").replace(/-$/, "") || "-tong-quan"}`, true);
      expect(errors).toEqual([]);
      await close();
    });
  }

  it("keeps a wide table's first column in view and shows DN, NQH and the NQH ratio first", async () => {
    const { page, close } = await site.open("/", mobile);
    const table = page.locator(".data-table").filter({ has: page.locator("caption", { hasText: "Kết quả theo Hội đoàn thể nhận ủy thác" }) });
    const groups = await table.locator("thead tr.group th").allTextContents();
    expect(groups.slice(1, 4)).toEqual(["Tổng dư nợ (tỷ đồng)", "Nợ quá hạn (triệu đồng)", "Tỷ lệ nợ quá hạn (%)"]);
    const scroller = table.locator(".table-scroll");
    await scroller.scrollIntoViewIfNeeded();
    const before = await table.locator("tbody tr").first().evaluate((tr) => [...tr.children].map((c) => c.getBoundingClientRect().left));
    const wide = await scroller.evaluate((s) => s.scrollWidth - s.clientWidth);
    expect(wide).toBeGreaterThan(100);
    await scroller.evaluate((s) => (s.scrollLeft = 200));
    const after = await table.locator("tbody tr").first().evaluate((tr) => [...tr.children].map((c) => c.getBoundingClientRect().left));
    expect(after[0]).toBeCloseTo(before[0]!, 0);
    expect(after[3]!).toBeCloseTo(before[3]! - 200, 0);
    // The name cell covers the figures scrolling under it.
    const cover = await table.locator("tbody tr").first().evaluate((tr) => {
      const first = tr.children[0]!.getBoundingClientRect();
      const hit = document.elementFromPoint(first.left + first.width / 2, first.top + first.height / 2);
      return tr.children[0]!.contains(hit);
    });
    expect(cover).toBe(true);
    await shot(page, "phone-bang-cuon-ngang");
    await close();
  });

  it("lets the user pinch to zoom", async () => {
    const { page, close } = await site.open("/", mobile);
    const viewports = await page.evaluate(() => [...document.querySelectorAll('meta[name="viewport"]')].map((m) => (m as HTMLMetaElement).content));
    expect(viewports.length).toBeGreaterThan(0);
    for (const v of viewports) expect(v).not.toMatch(/maximum-scale|user-scalable/);
    // A pinch as Chromium's input pipeline makes it ("default": the kind a touchpad sends; the same
    // gesture leaves the scale at 1 on a page whose viewport says maximum-scale=1).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.synthesizePinchGesture", { x: 195, y: 400, scaleFactor: 2, relativeSpeed: 800, gestureSourceType: "default" });
    await page.waitForFunction(() => (window.visualViewport?.scale ?? 1) > 1.2, null, { timeout: 10_000 });
    expect(await page.evaluate(() => window.visualViewport!.scale)).toBeGreaterThan(1.2);
    await close();
  });
});

/** WCAG contrast of each element's text against the background it is drawn on. */
async function contrasts(page: Page, selectors: string[]): Promise<{ selector: string; ratio: number; color: string; background: string; text: string }[]> {
  return page.evaluate((selectors) => {
    const canvas = document.createElement("canvas").getContext("2d")!;
    // The browser turns any CSS colour (rgb(), color(srgb …) from color-mix) into sRGB bytes.
    const rgba = (css: string) => {
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = "#000";
      canvas.fillStyle = css;
      canvas.fillRect(0, 0, 1, 1);
      return [...canvas.getImageData(0, 0, 1, 1).data];
    };
    const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const lum = ([r, g, b]: number[]) => 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    const backgroundOf = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3]! > 0) return c;
      }
      return [255, 255, 255, 255];
    };
    return selectors.flatMap((selector) =>
      [...document.querySelectorAll(selector)]
        .filter((el) => el.textContent?.trim() && el.getBoundingClientRect().width > 0)
        .slice(0, 3)
        .map((el) => {
          const fg = rgba(getComputedStyle(el).color);
          const bg = backgroundOf(el);
          const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
          return { selector, ratio: (hi! + 0.05) / (lo! + 0.05), color: fg.slice(0, 3).join(","), background: bg.slice(0, 3).join(","), text: el.textContent!.trim().slice(0, 30) };
        }),
    );
  }, selectors);
}

describe("for every reader", () => {
  it("draws text at WCAG AA contrast (4.5:1): KPI titles, changes, notes, the footer", async () => {
    const measured: Awaited<ReturnType<typeof contrasts>> = [];
    // The annual report at a date not loaded: the notice, and figures «–» with their reason.
    for (const path of ["/", "/hoi/02", "/phan-tich", "/bao-cao-nam?ngay=2024-06-30"]) {
      const { page, close } = await site.open(path);
      measured.push(
        ...(await contrasts(page, [
          ".kpi h2",
          ".kpi-line.bad",
          ".kpi-line.good",
          "td.bad",
          "td.good",
          "#observablehq-footer div",
          ".subtitle",
          ".lead",
          ".chart-data summary",
          ".table-status",
          ".status-missed",
          ".status-met_assigned",
          "table.report a",
          "#observablehq-sidebar a",
          ".kpi-line.muted",
          ".table-note",
          ".notice",
          "aside.check p",
          "details.metric-glossary > summary",
          "nav.page-contents a",
        ])).map((m) => ({ ...m, selector: `${path} ${m.selector}` })),
      );
      await close();
    }
    writeFileSync(join(artifacts, "contrast.json"), JSON.stringify(measured, null, 2));
    for (const wanted of [".kpi h2", ".kpi-line.bad", ".kpi-line.good", "td.bad", "#observablehq-footer div", ".kpi-line.muted", ".notice", "aside.check p"]) {
      expect(measured.some((m) => m.selector.endsWith(wanted)), wanted).toBe(true);
    }
    expect(measured.filter((m) => m.ratio < 4.5)).toEqual([]);
  });

  it("draws each union in its own colour of the palette", async () => {
    const { page, close } = await site.open("/");
    const chart = page.locator('svg[aria-label*="Hội Nông dân"]');
    // Plot's legend swatches, by label: each union's colour from src/lib/palette.ts.
    const swatches = await page.locator("figure.chart", { has: chart }).evaluate((fig) =>
      Object.fromEntries([...fig.querySelectorAll("[class$='-swatch']")].map((s) => [s.textContent?.trim(), s.querySelector("svg")?.getAttribute("fill")])),
    );
    expect(swatches).toMatchObject({ "Hội Nông dân": palette.unionColors["01"], "Hội Liên hiệp Phụ nữ": palette.unionColors["02"], "Cho vay trực tiếp": palette.unionColors["00"] });
    await close();
  });

  it("reaches the content with one Tab and Enter (a skip link before the menu)", async () => {
    const { page, close } = await site.open("/");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, className: document.activeElement?.className }));
    expect(focused.className).toBe("skip-link");
    expect(focused.text).toBe("Bỏ qua menu, đến nội dung chính");
    await shot(page, "skip-link");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "observablehq-main");
    await close();
  });

  it("opens each chart's figures from the keyboard: the DN bars as a table of the loaded months", async () => {
    const { page, close } = await site.open("/");
    const chart = page.locator("figure.chart").filter({ has: page.locator('svg[aria-label^="Tổng dư nợ theo tháng"]') });
    const summary = chart.locator("summary");
    // Tab through the page until the toggle of the DN chart has the focus.
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await summary.evaluate((s) => s === document.activeElement);
    }
    expect(reached).toBe(true);
    await page.keyboard.press("Enter");
    const rows = await chart.locator("table.chart-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    const dates = await query<{ d: string; dn: number }>(site.warehouse, "SELECT strftime(data_date, '%m/%Y') AS d, sum(balance_total)::DOUBLE AS dn FROM raw_hstd GROUP BY data_date ORDER BY data_date");
    expect(rows).toEqual(dates.map((d) => [d.d, new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(d.dn / 1e9)]));
    await shot(page, "bieu-do-so-lieu");
    await close();
  });

  for (const viewport of [phone, desktop]) {
    it(`writes month labels that never overlap at ${viewport.width} px`, async () => {
      let charts = 0;
      for (const path of ["/", "/phan-tich", "/hoi/02"]) {
        const { page, close } = await site.open(path, { viewport });
        const overlaps = await page.evaluate(() =>
          [...document.querySelectorAll("svg[aria-label]")].flatMap((svg) => {
            const labels = [...svg.querySelectorAll('[aria-label="x-axis tick label"] text')].filter((t) => /^\d{2}\/\d{4}$/.test(t.textContent ?? ""));
            if (labels.length === 0) return [];
            const boxes = labels.map((t) => t.getBoundingClientRect()).sort((a, b) => a.left - b.left);
            const clashes = boxes.slice(1).filter((b, i) => b.left < boxes[i]!.right + 2).length;
            const frame = svg.getBoundingClientRect();
            const clipped = boxes.filter((b) => b.left < frame.left - 1 || b.right > frame.right + 1).length;
            return [{ chart: svg.getAttribute("aria-label"), labels: labels.length, clashes, clipped }];
          }),
        );
        charts += overlaps.length;
        for (const o of overlaps) {
          expect(o.clashes, `${path} ${o.chart}`).toBe(0);
          expect(o.clipped, `${path} ${o.chart}: labels cut at the edge`).toBe(0);
          expect(o.labels, `${path} ${o.chart}`).toBeGreaterThanOrEqual(2);
        }
        if (path === "/phan-tich") await shot(page, `thang-${viewport.width}`, true);
        await close();
      }
      expect(charts).toBeGreaterThanOrEqual(5);
    });
  }
});
