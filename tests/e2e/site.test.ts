// The built site in a real browser: a demo province → warehouse → `observable build` → served on
// localhost → headless Chromium. Every page renders its charts and tables with no console error;
// drilling down and back up works; filters survive a round trip through the URL (downloads are
// tested in downloads.test.ts, phones and access in access.test.ts); nothing is requested from any host but localhost, and no
// response carries a personal value from the exports. Screenshots and the printed annual review
// are kept in test-artifacts/e2e/ to be looked at.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import { buildSite } from "../../scripts/site/build.js";
import { serveStatic } from "../../scripts/site/serve.js";
import { launchBrowser, rendered } from "../helpers/browser.js";
import { addRejectedLoan } from "../helpers/exports.js";
import { occurrences, personalValues } from "../helpers/personal.js";
import { load, tempDir, type TempDir } from "../helpers/warehouse.js";

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
/** Every URL any page asked for, and every response body, across all tests. */
const requested: string[] = [];
const responses = new Map<string, Buffer>();

beforeAll(async () => {
  dir = tempDir();
  exportsDir = join(dir.path, "exports");
  generateDemo({ outDir: exportsDir, seed: 11, borrowers: 4000, months: 14, endMonth: "2026-10" });
  // A rejected row: the data page reports it, and its borrower's name must not reach the browser.
  rejectedName = addRejectedLoan(exportsDir, "Trần Thị Bị Loại");
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
  { name: "bao-cao-nam", path: /^\/bao-cao-nam$/, charts: 1, tables: 5 },
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
    for (const path of ["/", "/hoi/02", "/phan-tich"]) {
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
    await page.waitForURL(/\/hoi\/01$/);
    await rendered(page);
    expect(await page.locator("h1").textContent()).toBe("Hội Nông dân");

    const pgdLink = page.locator('table.report a[href^="../pgd/"]').first();
    const pgdName = (await pgdLink.textContent())!;
    await pgdLink.click();
    await page.waitForURL(/\/pgd\/\d{6}$/);
    await rendered(page);
    expect(await page.locator("h1").textContent()).toBe(pgdName);

    const communeLink = page.locator('table.report a[href^="../xa/"]').first();
    const communeName = (await communeLink.textContent())!;
    await communeLink.click();
    await page.waitForURL(/\/xa\/\d{6}$/);
    await rendered(page);
    expect(await page.locator("h1").textContent()).toBe(communeName);

    await page.locator("nav.breadcrumbs a", { hasText: pgdName }).click();
    await page.waitForURL(/\/pgd\/\d{6}$/);
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
    await page.waitForURL(new RegExp(`/pgd/${href.slice(-6)}$`));
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
    expect(await row.textContent()).toContain("HSTD_051_20261031_sai.csv");
    expect(await row.textContent()).toMatch(/Tổng dư nợ/);
    expect(await page.content()).not.toContain(rejectedName);
    await close();
  });

  it("finds «Đồng» when the user types «dong», and sorts from the keyboard", async () => {
    const { page, close } = await open("/dia-ban");
    const communes = page.locator(".data-table").filter({ has: page.locator("caption", { hasText: "Kết quả theo xã" }) });
    const all = await communes.locator("tbody tr").count();
    await communes.getByLabel("Tìm").fill("dong");
    const names = await communes.locator("tbody th").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan(all);
    for (const n of names) expect(n.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()).toContain("dong");

    const header = communes.locator("thead th", { has: page.locator("button", { hasText: "Xã, phường" }) });
    await header.locator("button").focus();
    await page.keyboard.press("Enter");
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    const sorted = await communes.locator("tbody th").allTextContents();
    expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b, "vi")));
    await close();
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
