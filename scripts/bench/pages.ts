// What a page costs its reader: the data files it loads (gzip-compressed, as a web server sends
// them), and the time from navigation to its first chart drawn in headless Chromium on localhost.
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serveStatic } from "../site/serve.js";

export interface PageCost {
  path: string;
  dataFiles: number;
  dataBytes: number;
  dataGzipBytes: number;
  /** Milliseconds from navigation start to the first chart; null on pages without charts. */
  firstChartMs: number | null;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? htmlFiles(p) : f.endsWith(".html") && f !== "404.html" ? [p] : [];
  });
}

const route = (dist: string, file: string) =>
  `/${relative(dist, file).split("\\").join("/")}`.replace(/index\.html$/, "").replace(/\.html$/, "");

/** Data weight of every page of a built site. */
export function pageWeights(dist: string): Omit<PageCost, "firstChartMs">[] {
  const gzipped = new Map<string, number>();
  return htmlFiles(dist).map((file) => {
    const html = readFileSync(file, "utf8");
    const paths = [...new Set([...html.matchAll(/"path":"([^"]+\.arrow)"/g)].map((m) => resolve(dirname(file), m[1]!)))];
    let bytes = 0;
    let gzip = 0;
    for (const p of paths) {
      const data = readFileSync(p);
      bytes += data.length;
      if (!gzipped.has(p)) gzipped.set(p, gzipSync(data).length);
      gzip += gzipped.get(p)!;
    }
    return { path: route(dist, file), dataFiles: paths.length, dataBytes: bytes, dataGzipBytes: gzip };
  });
}

/** First chart on each of the given pages, each visited in a fresh browser context (cold cache). */
export async function firstCharts(dist: string, paths: string[], chromiumPath: string): Promise<Map<string, number | null>> {
  const server = await serveStatic(dist, 0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const out = new Map<string, number | null>();
  try {
    for (const path of paths) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      // Noted in the page itself, against the navigation's own clock.
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.querySelector("svg[aria-label]")) {
            (window as unknown as { firstChart: number }).firstChart = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(base + path, { waitUntil: "networkidle" });
      await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0);
      out.set(path, await page.evaluate(() => (window as unknown as { firstChart?: number }).firstChart ?? null));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}
