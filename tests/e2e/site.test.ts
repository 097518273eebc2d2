// The built site in a real browser: a demo province → warehouse → `observable build` → served on
// localhost → headless Chromium. Every page renders its charts and tables with no console error;
// drilling down and back up works, and the view (date, union, target, filters) survives every
// path; dates not loaded, partial years and targets before 31/12 say so; captions name only the
// filters applied; verdicts agree with the values shown; filters survive a round trip through the
// URL (downloads are tested in downloads.test.ts, phones and access in access.test.ts); nothing is
// requested from any host but localhost, and no
// response carries a personal value from the exports. Screenshots and the printed annual review
// are kept in test-artifacts/e2e/ to be looked at.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import { buildSite } from "../../scripts/site/build.js";
import { serveStatic } from "../../scripts/site/serve.js";
import { launchBrowser, rendered } from "../helpers/browser.js";
import { addRejectedLoan, targetAtActual } from "../helpers/exports.js";
import { occurrences, personalValues } from "../helpers/personal.js";
import { load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

const artifacts = join(projectRoot, "test-artifacts/e2e");
const desktop = { width: 1366, height: 900 };

let dir: TempDir;
let exportsDir: string;
let warehouse: string;
let dist: string;
let server: Server;
let base: string;
let browser: Browser;
let rejectedName: string;
/** The file added with the rejected row. */
let rejectedFile: string;
/** HPN's target «NQH + khoanh ≤ x %» set to its own ratio on 31/10/2026, rounded as shown. */
let equalTarget: string;
/** A loaded 31/12 (the e2e province has 31/12/2025, and 31/10/2026 as its latest date). */
const yearEnd = "2025-12-31";
const latest = "2026-10-31";
/** Every URL any page asked for, and every response body, across all tests. */
const requested: string[] = [];
const responses = new Map<string, Buffer>();

beforeAll(async () => {
  dir = tempDir();
  exportsDir = join(dir.path, "exports");
  generateDemo({ outDir: exportsDir, seed: 11, borrowers: 4000, months: 14, endMonth: "2026-10" });
  // A rejected row: the data page reports it, and its borrower's name must not reach the browser.
  // The bank's layout, and the same loans written tidy for the counts the test makes itself.
  const tidy = join(dir.path, "tidy");
  generateDemo({ outDir: tidy, seed: 11, borrowers: 4000, months: 14, endMonth: "2026-10", layout: "simple" });
  ({ file: rejectedFile, name: rejectedName } = addRejectedLoan(exportsDir, "Trần Thị Bị Loại"));
  equalTarget = targetAtActual(exportsDir, tidy, "20261031", "02", "12");
  warehouse = join(dir.path, "wh.duckdb");
  await load(exportsDir, warehouse);
  dist = join(dir.path, "dist");
  await buildSite(warehouse, { outDir: dist, log: () => {} });
  server = await serveStatic(dist, 0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(join(artifacts, "screenshots"), { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  dir?.remove();
});

interface Opened {
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

/** Opens a page in a fresh context and waits until every cell has rendered. */
async function open(path: string, viewport = desktop): Promise<Opened> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  const pending: Promise<void>[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${path}: console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${path}: ${e.message}`));
  page.on("request", (r) => void requested.push(r.url()));
  page.on("response", (r) => {
    pending.push(
      r.body().then(
        (b) => void responses.set(r.url(), b),
        () => {},
      ),
    );
  });
  const response = await page.goto(base + path);
  if (!response?.ok()) errors.push(`${path}: HTTP ${response?.status()}`);
  await rendered(page);
  return {
    page,
    errors,
    close: async () => {
      await Promise.all(pending);
      await context.close();
    },
  };
}

/** Every page of the built site, as the path a browser asks for. */
function sitePages(): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : f.endsWith(".html") ? [join(d, f)] : []));
  return walk(dist)
    .map((f) => `/${relative(dist, f).split("\\").join("/")}`)
    .filter((p) => p !== "/404.html")
    .map((p) => p.replace(/index\.html$/, "").replace(/\.html$/, ""))
    .sort();
}

/** What each kind of page must show: charts (Plot figures with an accessible name) and tables with rows. */
const templates: { name: string; path: RegExp; charts: number; tables: number }[] = [
  { name: "tong-quan", path: /^\/$/, charts: 3, tables: 1 },
  // Opens on the last 31/12, 2025, a year with no targets in this province.
  { name: "bao-cao-nam", path: /^\/bao-cao-nam$/, charts: 1, tables: 3 },
  { name: "hoi", path: /^\/hoi\/$/, charts: 0, tables: 1 },
  { name: "hoi-mot-hoi", path: /^\/hoi\/\d{2}$/, charts: 0, tables: 4 },
  { name: "dia-ban", path: /^\/dia-ban$/, charts: 1, tables: 2 },
  { name: "phan-tich", path: /^\/phan-tich$/, charts: 4, tables: 3 },
  { name: "doi-chieu", path: /^\/doi-chieu$/, charts: 2, tables: 3 },
  { name: "du-lieu", path: /^\/du-lieu$/, charts: 0, tables: 2 },
  { name: "pgd", path: /^\/pgd\/\d{6}$/, charts: 2, tables: 3 },
  { name: "xa", path: /^\/xa\/\d{6}$/, charts: 2, tables: 2 },
];

async function pageFacts(page: Page) {
  return page.evaluate(() => ({
    errors: document.querySelectorAll(".observablehq--error").length,
    charts: document.querySelectorAll("svg[aria-label]").length,
    tables: [...document.querySelectorAll("table.report")].filter((t) => t.querySelector("tbody tr:not(:has(td.empty))")).length,
    unlabelled: [...document.querySelectorAll("select, input, textarea")]
      .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute("aria-label"))
      .map((el) => el.outerHTML.slice(0, 80)),
    title: document.querySelector("h1")?.textContent ?? "",
  }));
}

describe("every page", () => {
  it("renders its charts and tables from the demo data, with no console error and every control labelled", async () => {
    const pages = sitePages();
    expect(pages.length).toBeGreaterThan(20);
    const problems: string[] = [];
    const shot = new Set<string>();
    for (const path of pages) {
      const template = templates.find((t) => t.path.test(path));
      if (!template) {
        problems.push(`${path}: a page no test expects`);
        continue;
      }
      const { page, errors, close } = await open(path);
      const facts = await pageFacts(page);
      problems.push(...errors);
      if (facts.errors) problems.push(`${path}: ${facts.errors} cells failed`);
      if (facts.charts < template.charts) problems.push(`${path}: ${facts.charts} charts, expected ${template.charts}`);
      if (facts.tables < template.tables) problems.push(`${path}: ${facts.tables} tables with rows, expected ${template.tables}`);
      if (!facts.title.trim()) problems.push(`${path}: no heading`);
      for (const u of facts.unlabelled) problems.push(`${path}: control without a label: ${u}`);
      if (!shot.has(template.name)) {
        shot.add(template.name);
        await page.screenshot({ path: join(artifacts, "screenshots", `${template.name}.png`), fullPage: true });
      }
      await close();
    }
    expect(problems).toEqual([]);
    expect([...shot].sort()).toEqual(templates.map((t) => t.name).sort());
  });

  it("fits a phone's width: only tables scroll sideways", async () => {
    const phone = { width: 390, height: 844 };
    const unitPages = ["/pgd/", "/xa/"].map((kind) => sitePages().find((p) => p.startsWith(kind))!);
    for (const path of ["/", "/hoi/02", "/phan-tich", "/bao-cao-nam", "/dia-ban", ...unitPages, "/doi-chieu"]) {
      const { page, close } = await open(path, phone);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(1);
      await page.screenshot({ path: join(artifacts, "screenshots", `dien-thoai${path.replace(/\W+/g, "-").replace(/-$/, "")}.png`), fullPage: true });
      await close();
    }
  });
});

describe("navigation", () => {
  it("drills down from the province to a union, a PGD area and a commune, and back up", async () => {
    const { page, errors, close } = await open("/");
    await page.locator("table.report a", { hasText: "Hội Nông dân" }).click();
    await page.waitForURL(/\/hoi\/01(\?|$)/);
    await rendered(page);
    expect(await page.locator("h1").textContent()).toBe("Hội Nông dân");

    const pgdLink = page.locator('table.report a[href^="../pgd/"]').first();
    const pgdName = (await pgdLink.textContent())!;
    await pgdLink.click();
    await page.waitForURL(/\/pgd\/\d{6}(\?|$)/);
    await rendered(page);
    expect(await page.locator("h1").textContent()).toBe(pgdName);

    const communeLink = page.locator('table.report a[href^="../xa/"]').first();
    const communeName = (await communeLink.textContent())!;
    await communeLink.click();
    await page.waitForURL(/\/xa\/\d{6}(\?|$)/);
    await rendered(page);
    expect(await page.locator("h1").textContent()).toBe(communeName);

    await page.locator("nav.breadcrumbs a", { hasText: pgdName }).click();
    await page.waitForURL(/\/pgd\/\d{6}(\?|$)/);
    await rendered(page);
    await page.locator("nav.breadcrumbs a", { hasText: "Toàn tỉnh" }).click();
    await page.waitForURL(new RegExp(`^${base}/(\\?.*)?$`));
    await rendered(page);
    expect(await page.locator("h1").textContent()).toBe("Tổng quan tín dụng chính sách");
    expect(errors).toEqual([]);
    await close();
  });

  it("drills down from a chart: a PGD area's bar opens its page", async () => {
    const { page, errors, close } = await open("/dia-ban");
    const bar = page.locator('svg[aria-label^="Tỷ lệ nợ quá hạn theo PGD"] a').first();
    const href = (await bar.getAttribute("href"))!;
    expect(href).toMatch(/^\.\/pgd\/\d{6}$/);
    await bar.click();
    await page.waitForURL(new RegExp(`/pgd/${href.slice(-6)}(\\?|$)`));
    await rendered(page);
    expect(await page.locator("nav.breadcrumbs a", { hasText: "Theo địa bàn" }).count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  it("keeps the analysts' filters in the URL, so a shared link opens the same view", async () => {
    const first = await open("/phan-tich");
    const { page } = first;
    await page.getByRole("combobox", { name: "Hội đoàn thể" }).selectOption({ label: "Hội Liên hiệp Phụ nữ" });
    await page.waitForFunction(() => new URLSearchParams(location.search).get("hoi") === "02");
    await page.getByRole("combobox", { name: "Phòng giao dịch" }).selectOption({ index: 1 });
    await page.waitForFunction(() => /^\d{6}$/.test(new URLSearchParams(location.search).get("pgd") ?? ""));
    await page.getByRole("combobox", { name: "Từ tháng" }).selectOption({ index: 2 });
    await page.waitForFunction(() => new URLSearchParams(location.search).has("tu"));
    await rendered(page);
    const view = async (p: Page) => ({
      union: await p.getByRole("combobox", { name: "Hội đoàn thể" }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
      pgd: await p.getByRole("combobox", { name: "Phòng giao dịch" }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
      from: await p.getByRole("combobox", { name: "Từ tháng" }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
      lead: await p.locator("p.lead").first().textContent(),
      firstRow: await p.locator("table.report tbody tr").first().textContent(),
    });
    const before = await view(page);
    const link = new URL(page.url());
    expect(before.union).toBe("Hội Liên hiệp Phụ nữ");
    expect(before.lead).toContain("Hội Liên hiệp Phụ nữ");
    await first.close();

    const second = await open(`${link.pathname}${link.search}`);
    expect(await view(second.page)).toEqual(before);
    expect(second.errors).toEqual([]);
    await second.close();
  });

  it("shows on the data page which rows were rejected and why, without their values", async () => {
    const { page, close } = await open("/du-lieu");
    const rejected = page.locator(".data-table").filter({ has: page.locator("caption", { hasText: "Dòng bị loại theo tệp" }) });
    const row = rejected.locator("tbody tr").first();
    expect(await row.textContent()).toContain(rejectedFile);
    expect(await row.textContent()).toMatch(/Tổng dư nợ/);
    expect(await page.content()).not.toContain(rejectedName);
    await close();
  });

  it("finds «Đồng» when the user types «dong», and sorts from the keyboard", async () => {
    const { page, close } = await open("/dia-ban");
    const communes = page.locator(".data-table").filter({ has: page.locator("caption", { hasText: "Kết quả theo xã" }) });
    const all = await communes.locator("tbody tr").count();
    await communes.getByLabel("Tìm").fill("dong");
    // (the total row stays below whatever the search)
    const names = await communes.locator("tbody tr:not(.total) th").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan(all);
    for (const n of names) expect(n.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()).toContain("dong");

    const header = communes.locator("thead th", { has: page.locator("button", { hasText: "Xã, phường" }) });
    await header.locator("button").focus();
    await page.keyboard.press("Enter");
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    const sorted = await communes.locator("tbody tr:not(.total) th").allTextContents();
    expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b, "vi")));
    await close();
  });
});

describe("the view follows the user", () => {
  const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);
  const selected = (select: Locator) => select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? "");
  const shownDate = (page: Page) => selected(page.locator(".date-select select"));
  async function follow(page: Page, link: Locator, url: RegExp): Promise<void> {
    await link.click();
    await page.waitForURL(url);
    await rendered(page);
  }

  it("keeps the date and the union through table links, breadcrumbs, a chart bar and the sidebar", async () => {
    const { page, errors, close } = await open(`/?ngay=${yearEnd}`);
    const stillOnYearEnd = async (where: string) => {
      expect(param(page, "ngay"), where).toBe(yearEnd);
      expect(await shownDate(page), where).toMatch(/^31\/12\/2025/);
    };
    await follow(page, page.locator("table.report a", { hasText: "Hội Nông dân" }), /\/hoi\/01\?/);
    await stillOnYearEnd("union");
    await follow(page, page.locator('table.report a[href^="../pgd/"]').first(), /\/pgd\/\d{6}\?/);
    await stillOnYearEnd("PGD area");
    expect(param(page, "hoi")).toBe("01");
    await follow(page, page.locator('table.report a[href^="../xa/"]').first(), /\/xa\/\d{6}\?/);
    await stillOnYearEnd("commune");
    expect(param(page, "hoi")).toBe("01");
    await follow(page, page.locator("nav.breadcrumbs a").nth(1), /\/pgd\/\d{6}\?/);
    await stillOnYearEnd("breadcrumb to the PGD area");
    await follow(page, page.locator("#observablehq-sidebar a", { hasText: "Theo địa bàn" }), /\/dia-ban\?/);
    await stillOnYearEnd("sidebar");
    await follow(page, page.locator('svg[aria-label^="Tỷ lệ nợ quá hạn theo PGD"] a').first(), /\/pgd\/\d{6}\?/);
    await stillOnYearEnd("chart bar");
    await follow(page, page.locator("nav.breadcrumbs a", { hasText: "Toàn tỉnh" }), new RegExp(`^${base}/\\?`));
    await stillOnYearEnd("breadcrumb to the province");
    expect(errors).toEqual([]);
    await close();
  });

  it("keeps the target chosen across the union tabs", async () => {
    const { page, errors, close } = await open(`/hoi/02?ngay=${latest}`);
    const target = page.getByRole("combobox", { name: "Chỉ tiêu", exact: true });
    await target.selectOption({ index: 1 });
    await page.waitForFunction(() => new URLSearchParams(location.search).has("chi-tieu"));
    const chosen = { code: param(page, "chi-tieu"), label: await selected(target) };
    await follow(page, page.locator("ul.tabs a", { hasText: "Hội Nông dân" }), /\/hoi\/01\?/);
    expect(param(page, "chi-tieu")).toBe(chosen.code);
    expect(param(page, "ngay")).toBe(latest);
    expect(await selected(page.getByRole("combobox", { name: "Chỉ tiêu", exact: true }))).toBe(chosen.label);
    expect(errors).toEqual([]);
    await close();
  });

  it("offers every loaded month on area pages and says when the date asked for is not loaded", async () => {
    const months = await query<{ n: number }>(warehouse, "SELECT count(*)::INTEGER AS n FROM dim_data_dates");
    const pgd = sitePages().find((p) => p.startsWith("/pgd/"))!;
    for (const path of [pgd, "/dia-ban", "/hoi/03"]) {
      const { page, close } = await open(`${path}?ngay=2024-06-30`);
      expect(await page.locator(".date-select select option").count(), path).toBe(months[0]!.n);
      expect(await page.locator(".date-select .notice").first().textContent(), path).toBe("Chưa có số liệu ngày 30/06/2024: trang đang hiển thị ngày 31/10/2026.");
      await close();
    }
    const report = await open("/bao-cao-nam?ngay=2024-06-30");
    expect(await report.page.locator(".date-select .notice").first().textContent()).toContain("trang đang hiển thị ngày 31/12/2025");
    await report.close();
  });

  it("lists the groups to follow up on the date chosen, by a rule that picks out a few", async () => {
    const { page, close } = await open(`/hoi/02?ngay=${yearEnd}`);
    expect(await page.locator("table.report caption", { hasText: "cần theo dõi" }).textContent()).toContain("ngày 31/12/2025");
    const savings = await page.getByRole("combobox", { name: "Vấn đề" }).locator("option", { hasText: "Tiền gửi rất thấp" }).textContent();
    const [groups] = await query<{ n: number }>(warehouse, `SELECT count(*)::INTEGER AS n FROM fct_group_quality WHERE union_code = '02' AND data_date = '${yearEnd}'`);
    const flagged = Number(/\((\d+) tổ\)/.exec(savings!)![1]);
    expect(flagged).toBeLessThan(0.2 * groups!.n);
    expect(await page.locator("ul.rules").textContent()).toContain("một nửa chỉ tiêu 7,00%");
    await close();
  });

  it("puts links to its sections at the top of a long page", async () => {
    const { page, close } = await open(`/hoi/02`);
    const links = await page.locator("nav.page-contents a").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    expect(links.length).toBeGreaterThanOrEqual(6);
    for (const href of links) expect(await page.locator(href).count(), href).toBe(1);
    await close();
  });
});

describe("periods and verdicts", () => {
  /** "1.234,5" → 1234.5; "−0,12 điểm %" → −0.12. */
  const vnNumber = (text: string) => Number(text.replace(/[^\d,−-]/g, "").replace(/\./g, "").replace(",", ".").replace("−", "-"));

  it("opens the annual report on the last 31/12 and shows no sum since 1/1 over a year loaded in part", async () => {
    const { page, close } = await open("/bao-cao-nam");
    expect(await page.locator(".date-select select").evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toMatch(/^31\/12\/2025/);
    const card = page.locator(".kpi", { has: page.locator("h2", { hasText: "Doanh số cho vay từ đầu năm" }) });
    expect(await card.locator(".kpi-value").textContent()).toBe("–");
    // The e2e province starts in 09/2025: January to August 2025 are not loaded.
    expect(await card.locator(".kpi-line").textContent()).toContain("số từ đầu năm chưa đủ: thiếu số liệu tháng 01–08/2025");
    await close();
  });

  it("calls targets before 31/12 progress, and judges each on the values it shows", async () => {
    const { page, close } = await open(`/hoi/02?ngay=${latest}`);
    const own = page.locator(".data-table").filter({ has: page.locator("caption", { hasText: "toàn tỉnh, ngày 31/10/2026" }) });
    const head = await own.locator("thead th").allTextContents();
    const col = (label: string) => head.findIndex((t) => t.startsWith(label));
    expect(col("Tiến độ (chưa hết năm)")).toBeGreaterThan(0);
    const rows = await own.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? "")));
    expect(rows.length).toBeGreaterThan(3);
    for (const cells of rows) {
      const cell = (label: string) => cells[col(label)]!;
      const [metric, assigned, actual, status, margin] = [cell("Chỉ tiêu ("), cell("Chỉ tiêu giao"), cell("Thực hiện"), cell("Tiến độ"), cell("Vượt (+) / thiếu (−) so với chỉ tiêu giao")];
      expect(status, metric).toMatch(/^(Tiến độ: |Không có số liệu)/);
      if (status === "Không có số liệu") continue;
      const comparator = /, (<|≤|≥|>)\)$/.exec(metric)![1];
      const [a, t] = [vnNumber(actual), vnNumber(assigned)];
      const met = { "<": a < t, "≤": a <= t, "≥": a >= t, ">": a > t }[comparator!];
      expect(status !== "Tiến độ: chưa theo kịp", `${metric}: ${actual} ${comparator} ${assigned} → ${status}`).toBe(met);
      expect(vnNumber(margin), `${metric} margin`).toBeCloseTo(comparator === "<" || comparator === "≤" ? t - a : a - t, 6);
    }
    // HPN's «NQH + khoanh ≤» set to its own ratio: shown equal, so met, with a margin of 0.
    const equal = rows.find((c) => c[col("Chỉ tiêu (")]!.startsWith("Tỷ lệ nợ quá hạn và nợ khoanh"))!;
    expect(equal[col("Chỉ tiêu giao")]).toBe(`${equalTarget}%`);
    expect(equal[col("Thực hiện")]).toBe(`${equalTarget}%`);
    expect(equal[col("Vượt (+) / thiếu (−) so với chỉ tiêu giao")]).toBe("0,00");
    expect(equal[col("Tiến độ")]).toBe("Tiến độ: theo kịp chỉ tiêu giao");
    await close();
  });
});

describe("the analysts' page", () => {
  /** Chart titles, table captions and the lead: what names the filters of a figure. */
  const labels = (page: Page) => page.locator(".card h2, table.report caption, p.lead").allTextContents();

  it("names a programme where it filtered by it, and says where it could not", async () => {
    const [programme] = await query<{ name: string }>(warehouse, "SELECT short_name AS name FROM dim_programmes WHERE programme_code = '01'");
    const filtered = await open("/phan-tich?ct=01");
    const texts = await labels(filtered.page);
    const communes = texts.find((t) => t.startsWith("Các xã có nợ quá hạn tăng"))!;
    expect(communes).not.toContain(programme!.name);
    for (const t of texts.filter((x) => x !== communes)) expect(t).toContain(programme!.name);
    expect(await filtered.page.locator(".table-note", { hasText: "Theo xã chưa có số liệu theo chương trình" }).count()).toBe(1);
    const monthly = filtered.page.locator(".data-table").filter({ has: filtered.page.locator("caption", { hasText: "số liệu theo tháng" }) });
    const [download] = await Promise.all([filtered.page.waitForEvent("download"), monthly.locator('button[data-format="csv"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^phan-tich-ct-01-/);
    await filtered.close();

    const all = await open("/phan-tich");
    for (const t of await labels(all.page)) expect(t).not.toContain(programme!.name);
    await all.close();
  });

  it("ranks communes within the union chosen, and draws no legend for a series with no figures", async () => {
    const byUnion = await open("/phan-tich?hoi=02");
    expect(await byUnion.page.locator("table.report caption", { hasText: "Các xã có nợ quá hạn tăng" }).textContent()).toContain("Hội Liên hiệp Phụ nữ");
    await byUnion.close();
    const commune = sitePages().find((p) => p.startsWith("/xa/"))!.slice(4);
    const { page, close } = await open(`/phan-tich?xa=${commune}`);
    expect(await page.locator('svg[aria-label*="Thu hồi, khoanh, xóa"]').count()).toBe(0);
    expect(await page.locator(".chart-note", { hasText: "thu hồi, khoanh, xóa (ra)" }).count()).toBe(1);
    await close();
  });
});

describe("figures that should agree", () => {
  it("are checked where they are shown, with the reason when they do not agree", async () => {
    const { page, close } = await open(`/?ngay=${latest}`);
    const checks = await page.locator("aside.check").allTextContents();
    expect(checks.some((c) => c.includes("các dòng cộng lại và dòng Toàn tỉnh – khớp"))).toBe(true);
    expect(checks.some((c) => /số dư tiền gửi .* (khớp|chênh)/i.test(c))).toBe(true);
    await close();
    const union = await open(`/hoi/02?ngay=${yearEnd}`);
    expect(await union.page.locator("aside.check", { hasText: "tiền gửi vào, rút ra và số dư" }).textContent()).toContain("Chưa đối chiếu được: số từ đầu năm chưa đủ: thiếu số liệu tháng 01–08/2025");
    await union.close();
    const reconciliation = await open("/doi-chieu");
    expect(await reconciliation.page.locator("aside.check").textContent()).toMatch(/Mỗi món vay thuộc đúng một trường hợp/);
    await reconciliation.close();
  });
});

describe("the annual review on paper", () => {
  it("prints on A4 with its header, the font embedded and no chart split across pages", async () => {
    const { page, close } = await open("/bao-cao-nam");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".print-header").isVisible()).toBe(true);
    expect(await page.locator("#observablehq-sidebar").isVisible()).toBe(false);
    expect(await page.locator(".print-header").textContent()).toMatch(/Số liệu đến ngày \d{2}\/\d{2}\/\d{4}.*Đơn vị tiền/s);
    const splittable = await page.evaluate(() =>
      [...document.querySelectorAll("svg[aria-label], .card, table.report tr")].filter((el) => getComputedStyle(el).breakInside !== "avoid").length,
    );
    expect(splittable).toBe(0);
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(artifacts, "bao-cao-nam.pdf"), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.includes("BeVietnamPro")).toBe(true);
    await close();
  });
});

describe("what the browser received", () => {
  it("came from localhost only", () => {
    expect(requested.length).toBeGreaterThan(100);
    const outside = requested.filter((u) => !/^(data|blob):/.test(u) && new URL(u).hostname !== "127.0.0.1");
    expect(outside).toEqual([]);
  });

  it("holds no personal value from the exports", async () => {
    const personal = await personalValues(exportsDir);
    expect(personal).toContain(rejectedName);
    expect(personal.length).toBeGreaterThan(1000);
    const text = [...responses.values()].map((b) => b.toString("utf8")).join("\n");
    expect(text.length).toBeGreaterThan(100_000);
    expect(occurrences(personal, text)).toEqual([]);
  });
});
