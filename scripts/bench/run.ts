// npm run bench [-- --only ingest,xlsx,incremental,main,pages,nation] [--nation 100000,1000000,8000000]
// Measures the product against DuckDB itself and writes bench/RESULTS.md (and results.json) with
// the machine described. Each step runs in a child process of its own (scripts/bench/step.ts), so
// its time and peak memory are its alone. Inputs and warehouses live in .bench/ (not committed).
import { execSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import { dateInName } from "../../data-loaders/ingest/file-name.js";
import { zipEntries } from "../../data-loaders/ingest/zip.js";
import { frameworkCache } from "../site/offline.js";
import { measure, type Measured } from "./measure.js";
import type { PageCost } from "./pages.js";

const { values } = parseArgs({
  options: {
    only: { type: "string", default: "ingest,xlsx,incremental,main,pages,nation" },
    nation: { type: "string", default: "100000,1000000,2000000,4000000,8000000" },
    chromium: { type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
});
const only = new Set(values.only!.split(","));
const work = join(projectRoot, ".bench");
const tsx = join(projectRoot, "node_modules/.bin/tsx");
mkdirSync(work, { recursive: true });

async function step<T>(name: string, options: Record<string, unknown>): Promise<Measured & { result: T }> {
  const m = await measure(tsx, [join(projectRoot, "scripts/bench/step.ts"), name, JSON.stringify(options)]);
  return { ...m, result: JSON.parse(m.stdout.trim().split("\n").at(-1)!) as T };
}

const log = (m: string) => console.error(m);

// ── The record: bench/results.json keeps every section's last run (a run of some sections keeps
// the others), and bench/RESULTS.md is written from it after each section. ─────────────────────
const outDir = join(projectRoot, "bench");
const resultsFile = join(outDir, "results.json");
const order = ["ingest", "xlsx", "incremental", "main", "pages", "nation"];
type Section = { measured: string; machine: string; data: unknown; md: string[] };
const saved: Record<string, Section> = existsSync(resultsFile) ? ((JSON.parse(readFileSync(resultsFile, "utf8")) as { sections?: Record<string, Section> }).sections ?? {}) : {};
const cpu = cpus();
const machine = [
  `${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  `Node ${process.version}, DuckDB ${(JSON.parse(readFileSync(join(projectRoot, "node_modules/@duckdb/node-api/package.json"), "utf8")) as { version: string }).version}`,
  execSync("uname -sr").toString().trim(),
].join("; ");

function record(section: string, data: unknown, md: string[]): void {
  saved[section] = { measured: new Date().toISOString().slice(0, 10), machine, data, md };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify({ sections: saved }, null, 2)}\n`);
  const body = order.filter((k) => saved[k]).flatMap((k) => [...saved[k]!.md, "", `<sub>Measured ${saved[k]!.measured} on ${saved[k]!.machine}.</sub>`, ""]);
  const header = ["# Benchmark results", "", "Written by `npm run bench` (scripts/bench/). Each step runs in a process of its own; times are wall-clock seconds, memory is the peak resident set of the step's processes.", ""];
  writeFileSync(join(outDir, "RESULTS.md"), [...header, ...body].join("\n"));
  log(md.filter((l) => l.startsWith("|")).join("\n"));
}
const s = (x: number) => x.toFixed(1);
const mib = (x: number) => Math.round(x).toLocaleString("en");

interface Load {
  seconds: number;
  modelSeconds: number;
  conversionSeconds: number;
  loadSeconds: number;
  files: number;
  rows: number;
  rejected: number;
}
interface Site {
  seconds: number;
  publishSeconds: number;
  frameworkSeconds: number;
  filesWritten: number | null;
}

async function demo(borrowers: number, months: number, end = "2026-10"): Promise<string> {
  const out = join(work, `demo-${borrowers}-${months}`);
  log(`demo ${borrowers} × ${months}…`);
  await step("demo", { out, borrowers, months, end });
  return out;
}

// ── Ingest against a bare read_csv ──────────────────────────────────────────────────────────────
if (only.has("ingest")) {
  const exports = await demo(100_000, 24);
  const runs: { bare: number; load: number; look: number; models: number }[] = [];
  const empty = join(work, "empty");
  mkdirSync(empty, { recursive: true });
  for (let i = 0; i < 2; i++) {
    log(`ingest, run ${i + 1}: bare read_csv…`);
    const bare = await step<{ seconds: number; rows: number }>("bare", { exports, db: join(work, "bare.duckdb") });
    log(`ingest, run ${i + 1}: product…`);
    const load = await step<Load>("load", { exports, db: join(work, "ingest.duckdb"), fresh: 1, models: 0 });
    // The models alone, run by a load of no new file.
    const models = await step<Load>("load", { exports: empty, db: join(work, "ingest.duckdb") });
    runs.push({ bare: bare.result.seconds, load: load.result.seconds, look: load.result.conversionSeconds, models: models.result.modelSeconds });
  }
  const best = runs.reduce((a, b) => (b.load < a.load ? b : a));
  const bare = Math.min(...runs.map((r) => r.bare));
  const files = readdirSync(exports).filter((f) => /\.(csv|xlsx)$/.test(f));
  record("ingest", { runs, best, bare, ratio: (best.load - best.look) / bare }, [
    "## Ingest against DuckDB's own read_csv",
    "",
    `Demo province in the bank's layout, 100,000 borrowers × 24 monthly data dates (every export kind, ${files.length} files of which ${files.filter((f) => f.endsWith(".xlsx")).length} workbooks: the loan listing with title rows and about 75 columns, the latest two months as BCQUERY workbooks, some months PGD by PGD). *Bare*: DuckDB \`read_csv\` of every file from its header row into one table per kind, nothing else (workbooks converted to CSV beforehand, untimed). *Ingest*: the product's load of the same folder into a fresh warehouse (\`--no-models\`) — looking at the files (format, workbook conversion, header and title rows, hashes and line index), every cell read as text and parsed and checked in SQL, quarantine, duplicate keys, replacement by scope, control totals, one transaction, checkpoint. The ratio compares the ingest without the workbooks' conversion (shown apart) to the bare read. *SQL models*: all of them, on that warehouse, apart. Best of 2 runs.`,
    "",
    "| bare read_csv (s) | ingest (s) | of which converting workbooks (s) | ratio, without converting (target ≤ 1.5) | SQL models, full (s) |",
    "|---:|---:|---:|---:|---:|",
    `| ${s(bare)} | ${s(best.load)} | ${s(best.look)} | **${((best.load - best.look) / bare).toFixed(2)}** | ${s(best.models)} |`,
  ]);
}

// ── An Excel workbook into CSV ──────────────────────────────────────────────────────────────────
if (only.has("xlsx")) {
  const loans = 200_000;
  const file = join(work, `loans-${loans}.xlsx`);
  log(`workbook of ${loans} loans…`);
  await step("workbook", { file, loans });
  const sheetXml = [...zipEntries(readFileSync(file)).values()].filter((e) => e.name.includes("worksheets/")).reduce((sum, e) => sum + e.size, 0);
  const out = join(work, "xlsx-out");
  const convert = async (workbook: string) => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    const m = await step<{ seconds: number }>("xlsx", { file: workbook, out });
    return { seconds: m.result.seconds, peakMiB: m.peakMiB, csvBytes: readdirSync(out).reduce((sum, f) => sum + statSync(join(out, f)).size, 0) };
  };
  // The same step on a one-cell workbook: the memory of Node and tsx themselves.
  const idle = await convert(join(projectRoot, "tests/fixtures/xlsx/o-excel-1904.xlsx"));
  const runs = [];
  for (let i = 0; i < 2; i++) {
    log(`xlsx, run ${i + 1}…`);
    runs.push(await convert(file));
  }
  rmSync(out, { recursive: true, force: true });
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  record("xlsx", { loans, bytes: statSync(file).size, sheetXml, runs, best, idlePeakMiB: idle.peakMiB }, [
    "## An Excel workbook into CSV",
    "",
    "A loan listing as the core system's Excel export (sheet BCQUERY, title rows, 39 columns, shared strings, date cells, a zero-padded code; written by exceljs, `scripts/bench/workbook.ts`) converted to the CSV the ingest reads by `data-loaders/ingest/xlsx.ts`, alone. Best of 2 runs. Peak memory is the step's processes; the same step on a one-cell workbook takes " +
      `${mib(idle.peakMiB)} MiB (Node and tsx). Before, exceljs's streaming reader took 15.7 s and 559 MiB for this workbook (2026-12-01).`,
    "",
    "| rows × columns | workbook (MiB) | sheet XML (MiB) | CSV (MiB) | convert (s, target ≤ 10) | peak memory (MiB) |",
    "|---:|---:|---:|---:|---:|---:|",
    `| ${loans.toLocaleString("en")} × 39 | ${(statSync(file).size / 2 ** 20).toFixed(0)} | ${(sheetXml / 2 ** 20).toFixed(0)} | ${(best.csvBytes / 2 ** 20).toFixed(0)} | **${s(best.seconds)}** | ${mib(best.peakMiB)} |`,
  ]);
}

// ── One new month ───────────────────────────────────────────────────────────────────────────────
if (only.has("incremental")) {
  // 25 months up to the demo's last one (a month after today would be refused as a future date).
  const exports = await demo(100_000, 25, "2026-10");
  const first = join(work, "incremental-24");
  const last = join(work, "incremental-25th");
  for (const d of [first, last]) rmSync(d, { recursive: true, force: true }), mkdirSync(d);
  // The month by the date the file's name gives, as the ingest reads it (31102026, 20261031 …).
  for (const f of readdirSync(exports).filter((f) => /\.(csv|xlsx)$/.test(f))) copyFileSync(join(exports, f), join(dateInName(f) === "2026-10-31" ? last : first, f));
  const db = join(work, "incremental.duckdb");
  const dist = join(work, "incremental-dist");
  log("incremental: 24 months…");
  const full = await step<Load>("load", { exports: first, db, fresh: 1 });
  // The first build starts from an empty loader cache, so it counts every data file it writes.
  rmSync(join(frameworkCache, "data"), { recursive: true, force: true });
  const fullSite = await step<Site>("site", { db, out: dist });
  log("incremental: the 25th month…");
  const added = await step<Load>("load", { exports: last, db });
  const addedSite = await step<Site>("site", { db, out: dist });
  const ratio = added.result.seconds / full.result.seconds;
  record("incremental", { full: full.result, fullSite: fullSite.result, added: added.result, addedSite: addedSite.result, ratio }, [
    "## One new month",
    "",
    "The same province with a 25th month: the first 24 loaded into a fresh warehouse, then the 25th month's files (loan listing, group scoring, savings, fees) added. Load includes the SQL models; a new month rebuilds the per-date tables for that month only. Then the site is rebuilt: every page's data is computed again by one process and only the files whose bytes changed are rewritten (a new month changes the latest date of most pages); Framework then runs no data loader, but renders every page again, as it has no incremental build.",
    "",
    "| | load + models (s) | of which models (s) | site rebuild (s) | of which page data (s) | data files rewritten |",
    "|---|---:|---:|---:|---:|---:|",
    `| 24 months into a fresh warehouse | ${s(full.result.seconds)} | ${s(full.result.modelSeconds)} | ${s(fullSite.result.seconds)} | ${s(fullSite.result.publishSeconds)} | ${fullSite.result.filesWritten ?? 0} |`,
    `| the 25th month added | ${s(added.result.seconds)} | ${s(added.result.modelSeconds)} | ${s(addedSite.result.seconds)} | ${s(addedSite.result.publishSeconds)} | ${addedSite.result.filesWritten ?? 0} |`,
    "",
    `New month ÷ full load: **${ratio.toFixed(2)}** (target ≤ 0.20).`,
  ]);
}

// ── The whole main job ──────────────────────────────────────────────────────────────────────────
let bigDist: string | null = null;
if (only.has("main") || only.has("pages")) {
  const rows: string[] = [];
  const main: Record<string, unknown> = {};
  for (const borrowers of only.has("main") ? [100_000, 200_000] : [200_000]) {
    const exports = await demo(borrowers, 24);
    const db = join(work, `main-${borrowers}.duckdb`);
    const dist = join(work, `main-${borrowers}-dist`);
    const timings = join(work, `main-${borrowers}-timings.json`);
    rmSync(db, { force: true });
    log(`main job, ${borrowers} borrowers…`);
    const run = await measure(tsx, [join(projectRoot, "scripts/main.ts"), "--exports", exports, "--warehouse", db, "--no-serve", "--timings", timings], {
      SITE_OUTPUT_DIR: dist,
    });
    const t = JSON.parse(readFileSync(timings, "utf8")) as Record<string, number>;
    main[borrowers] = { seconds: run.seconds, peakMiB: run.peakMiB, ...t };
    rows.push(`| ${borrowers.toLocaleString("en")} | ${s(run.seconds)} | ${mib(run.peakMiB)} | ${s(t.load!)} | ${s(t.models!)} | ${s(t.publish!)} | ${s(t.framework!)} |`);
    if (borrowers === 200_000) bigDist = dist;
  }
  if (only.has("main")) {
    record("main", main, [
      "## The whole main job",
      "",
      "`npm start -- --exports DIR --no-serve` on a fresh warehouse: exports → warehouse → site in `dist/`, 24 monthly data dates. Peak memory is the resident set of the job and every process under it (DuckDB runs inside the job; Framework's build is a child).",
      "",
      "| borrowers | total (s) | peak memory (MiB) | load (s) | SQL models (s) | page data (s) | Framework build (s) |",
      "|---:|---:|---:|---:|---:|---:|---:|",
      ...rows,
    ]);
  }
}

// ── Pages ───────────────────────────────────────────────────────────────────────────────────────
if (only.has("pages") && bigDist) {
  log("pages…");
  const r = await step<{ weights: Omit<PageCost, "firstChartMs">[]; firstCharts: Record<string, number | null> }>("pages", { dist: bigDist, chromium: values.chromium! });
  const kinds = new Map<string, { pages: number; maxGzip: number; maxPath: string }>();
  for (const w of r.result.weights) {
    const kind = w.path.replace(/\d+$/, "*");
    const k = kinds.get(kind) ?? { pages: 0, maxGzip: 0, maxPath: "" };
    k.pages++;
    if (w.dataGzipBytes > k.maxGzip) Object.assign(k, { maxGzip: w.dataGzipBytes, maxPath: w.path });
    kinds.set(kind, k);
  }
  const chartOf = (kind: string) => Object.entries(r.result.firstCharts).find(([p]) => p.replace(/\d+$/, "*") === kind)?.[1] ?? null;
  const heaviest = Math.max(...r.result.weights.map((w) => w.dataGzipBytes));
  record("pages", { kinds: Object.fromEntries(kinds), firstCharts: r.result.firstCharts, heaviestGzipBytes: heaviest }, [
    "## Pages (200,000 borrowers × 24 months)",
    "",
    "Data a page loads, gzip-compressed as a web server sends it (the heaviest page of each kind), and the time from navigation to the first chart on the screen, in headless Chromium on localhost with a cold cache (one page of each kind).",
    "",
    "| page | pages | heaviest data (KiB gzip, target ≤ 1,024) | first chart (ms, target ≤ 1,000) |",
    "|---|---:|---:|---:|",
    ...[...kinds].sort().map(([kind, k]) => {
      const chart = chartOf(kind);
      return `| \`${kind}\` | ${k.pages} | ${(k.maxGzip / 1024).toFixed(0)} | ${chart === null ? "no chart" : chart.toFixed(0)} |`;
    }),
  ]);
}

// ── The nation ──────────────────────────────────────────────────────────────────────────────────
if (only.has("nation")) {
  const rows: string[] = [];
  const nation: Record<string, unknown> = {};
  let base: { loans: number; seconds: number } | null = null;
  for (const loans of values.nation!.split(",").map(Number)) {
    const dir = join(work, `nation-${loans}`);
    rmSync(dir, { recursive: true, force: true });
    log(`nation, ${loans} loans: writing the snapshot…`);
    const written = await step<{ file: string }>("nation", { out: dir, loans });
    const size = statSync(written.result.file).size;
    log(`nation, ${loans} loans: load and models…`);
    const load = await step<Load>("load", { exports: dir, db: join(work, `nation-${loans}.duckdb`), fresh: 1 });
    base ??= { loans, seconds: load.result.seconds };
    nation[loans] = { bytes: size, ...load.result, peakMiB: load.peakMiB, wallSeconds: load.seconds };
    rows.push(
      `| ${loans.toLocaleString("en")} | ${(size / 2 ** 20).toFixed(0)} | ${s(load.result.loadSeconds)} | ${s(load.result.modelSeconds)} | ${mib(load.peakMiB)} | ${(load.result.seconds / base.seconds).toFixed(1)}× for ${(loans / base.loans).toFixed(0)}× the loans |`,
    );
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(work, `nation-${loans}.duckdb`), { force: true });
  }
  record("nation", nation, [
    "## The nation: one monthly snapshot",
    "",
    "A national loan listing (34 branches, ~650 PGD areas, ~10,000 communes, ~180,000 groups, 6.7 borrowers for 8 loans) written by `scripts/bench/nation.ts`, loaded into a fresh warehouse and modelled. Peak memory includes DuckDB.",
    "",
    "| loans | file (MiB) | load (s) | SQL models (s) | peak memory (MiB) | growth |",
    "|---:|---:|---:|---:|---:|---|",
    ...rows,
  ]);
}

log("Kết quả: bench/RESULTS.md");
