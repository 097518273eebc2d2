// The built site of a demo province, served on localhost, with a browser: what the end-to-end
// tests start from (demo exports → warehouse → `observable build` → static server → Chromium).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { buildSite } from "../../scripts/site/build.js";
import { serveStatic } from "../../scripts/site/serve.js";
import { launchBrowser, rendered } from "./browser.js";
import { load, tempDir, type TempDir } from "./warehouse.js";

export interface Site {
  base: string;
  warehouse: string;
  browser: Browser;
  /** Opens a page in a fresh context and waits until every cell has rendered. */
  open(path: string, context?: BrowserContextOptions): Promise<OpenedPage>;
  close(): Promise<void>;
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions on the page. */
  errors: string[];
  close(): Promise<void>;
}

export const desktop = { width: 1440, height: 900 };
export const phone = { width: 390, height: 844 };

export async function startSite(o: { borrowers?: number; months?: number } = {}): Promise<Site> {
  const dir: TempDir = tempDir();
  try {
    const exportsDir = join(dir.path, "exports");
    generateDemo({ outDir: exportsDir, seed: 11, borrowers: o.borrowers ?? 3000, months: o.months ?? 14, endMonth: "2026-10" });
    const warehouse = join(dir.path, "wh.duckdb");
    await load(exportsDir, warehouse);
    const dist = join(dir.path, "dist");
    await buildSite(warehouse, { outDir: dist, log: () => {} });
    const server: Server = await serveStatic(dist, 0);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await launchBrowser();
    return {
      base,
      warehouse,
      browser,
      async open(path, context = { viewport: desktop }) {
        const ctx = await browser.newContext({ acceptDownloads: true, ...context });
        const page = await ctx.newPage();
        const errors: string[] = [];
        page.on("console", (m) => void (m.type() === "error" && errors.push(`${path}: console: ${m.text()}`)));
        page.on("pageerror", (e) => void errors.push(`${path}: ${e.message}`));
        const response = await page.goto(base + path);
        if (!response?.ok()) errors.push(`${path}: HTTP ${response?.status()}`);
        await rendered(page);
        return { page, errors, close: () => ctx.close() };
      },
      async close() {
        await browser.close();
        server.close();
        dir.remove();
      },
    };
  } catch (e) {
    dir.remove();
    throw e;
  }
}
