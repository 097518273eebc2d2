// Headless Chromium for the end-to-end tests, driven by playwright-core. Which Chromium, in order:
// CHROMIUM_PATH when set; else the system's (Debian's package, or another common install path);
// else the one inside the npm package @sparticuz/chromium (a devDependency), unpacked once into
// node_modules/.cache, so `npm ci && npm test` needs nothing but Node. CHROMIUM_PATH=bundled
// forces the npm one even where a system Chromium exists (to prove the tests pass without it).
// The flags keep Chromium from calling Google's services: the tests assert that no request leaves
// localhost, so the browser itself must not make any.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";

const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome-stable", "/usr/bin/google-chrome", "/snap/bin/chromium"];

export interface ChromiumChoice {
  path: string;
  /** Where it came from: the CHROMIUM_PATH variable, the system, or the npm package. */
  source: "CHROMIUM_PATH" | "system" | "npm";
}

/** The npm package's Chromium, unpacked once per version; a unpack that is cut off is never used. */
async function bundledChromium(): Promise<string> {
  const { default: Chromium } = await import("@sparticuz/chromium");
  const packageJson = join(dirname(fileURLToPath(import.meta.resolve("@sparticuz/chromium"))), "..", "package.json");
  const version = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
  const cache = join(projectRoot, "node_modules/.cache");
  const dir = join(cache, `sparticuz-chromium-${version}`);
  const executable = join(dir, "chromium");
  if (existsSync(executable)) return executable;
  mkdirSync(cache, { recursive: true });
  // The package unpacks into the temporary directory: point it at a fresh one, then move that
  // into place in one step, so that two test processes never run a half-written binary.
  const staging = mkdtempSync(join(cache, "sparticuz-chromium-unpacking-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await Chromium.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  // For a machine without fontconfig's own configuration: the package's fonts.conf names folders
  // of its serverless home that do not exist here (with no font at all, pages crash).
  writeFileSync(
    join(staging, "fonts", "bundled.conf"),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${join(dir, "fonts", "fonts")}</dir><cachedir>${join(dir, "fonts", "cache")}</cachedir></fontconfig>\n`,
  );
  try {
    renameSync(staging, dir);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(executable)) throw e;
  }
  return executable;
}

export async function chooseChromium(env: NodeJS.ProcessEnv = process.env, systemPaths: string[] = systemChromium): Promise<ChromiumChoice> {
  const wanted = env.CHROMIUM_PATH;
  if (wanted === "bundled") return { path: await bundledChromium(), source: "npm" };
  if (wanted) {
    if (!existsSync(wanted)) throw new Error(`CHROMIUM_PATH=${wanted} does not exist: give a Chromium executable, «bundled» for the one from npm, or leave it unset`);
    return { path: wanted, source: "CHROMIUM_PATH" };
  }
  const system = systemPaths.find((p) => existsSync(p));
  if (system) return { path: system, source: "system" };
  return { path: await bundledChromium(), source: "npm" };
}

export async function launchBrowser(): Promise<Browser> {
  const { path, source } = await chooseChromium();
  return chromium.launch({
    executablePath: path,
    // The npm build uses the system's fonts; where fontconfig has no configuration, the fonts that
    // come with it (the pages embed Be Vietnam Pro anyway).
    env: source === "npm" && !existsSync("/etc/fonts/fonts.conf") ? { ...process.env, FONTCONFIG_FILE: join(dirname(path), "fonts", "bundled.conf") } : process.env,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-default-apps",
      "--disable-domain-reliability",
    ],
  });
}

/** Waits until every cell of a Framework page has displayed (no loading placeholder is left). */
export async function rendered(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, { timeout: 30_000 });
}
