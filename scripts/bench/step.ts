// One step of the benchmark, run by scripts/bench/run.ts in a child process of its own so that its
// time and peak memory are its alone: `tsx scripts/bench/step.ts <step> '<json options>'`. Prints
// its result as JSON on stdout. Each step imports only what it uses, so that the memory of the
// rest (DuckDB, Framework) is not counted in a step that does not use it.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

type Options = Record<string, string | number>;

const steps: Record<string, (o: Options) => Promise<unknown>> = {
  /** Demo exports, kept between runs for the same options (the generator is deterministic). */
  async demo(o) {
    const out = String(o.out);
    const manifest = join(out, ".demo.json");
    const wanted = JSON.stringify(o);
    if (existsSync(manifest) && readFileSync(manifest, "utf8") === wanted) return { cached: true };
    rmSync(out, { recursive: true, force: true });
    const { generateDemo } = await import("../../data-loaders/demo/generate.js");
    generateDemo({ outDir: out, seed: 2026, borrowers: Number(o.borrowers), months: Number(o.months), endMonth: String(o.end) });
    writeFileSync(manifest, wanted);
    return { cached: false };
  },

  /**
   * The limit: DuckDB reading every export into a table of its kind, and nothing else. Workbooks,
   * which DuckDB cannot read, are converted to CSV first (not timed: the product's ingest reports
   * that time apart); each file is read from its header row on.
   */
  async bare(o) {
    const db = String(o.db);
    rmSync(db, { force: true });
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const { sourcesOf } = await import("../../data-loaders/ingest/sources.js");
    const tmp = `${db}.csv`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    const groups = new Map<string, string[]>();
    for (const [i, f] of readdirSync(String(o.exports)).filter((f) => /\.(csv|xlsx)$/.test(f)).entries()) {
      for (const s of await sourcesOf(join(String(o.exports), f), tmp, `b${i}`)) {
        if (!s.layout || !s.csvPath) continue;
        const key = JSON.stringify([s.layout.match.kind.kind, s.layout.skipRecords - 1, s.layout.delimiter]);
        groups.set(key, [...(groups.get(key) ?? []), `'${s.csvPath}'`]);
      }
    }
    const conn = await (await DuckDBInstance.create(db)).connect();
    const started = Date.now();
    let rows = 0;
    for (const [key, files] of groups) {
      const [kind, skip, delim] = JSON.parse(key) as [string, number, string];
      const table = `${kind}_${rows}`;
      await conn.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv([${files.join(", ")}], header = true, skip = ${skip}, delim = '${delim}', union_by_name = true)`);
      rows += Number((await conn.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]![0]);
    }
    await conn.run("CHECKPOINT");
    conn.closeSync();
    rmSync(tmp, { recursive: true, force: true });
    return { seconds: (Date.now() - started) / 1000, rows };
  },

  /** The product's ingest: checks, quarantine, load and the SQL models. */
  async load(o) {
    if (o.fresh) rmSync(String(o.db), { force: true });
    const { ingestFolder } = await import("../../data-loaders/ingest/ingest.js");
    const report = await ingestFolder({ exportsDir: String(o.exports), warehouse: String(o.db), models: o.models !== 0 });
    const loaded = report.files.filter((f) => f.status === "loaded");
    return {
      seconds: report.seconds,
      modelSeconds: report.modelSeconds,
      conversionSeconds: report.conversionSeconds,
      loadSeconds: report.seconds - report.modelSeconds,
      files: loaded.length,
      rows: loaded.reduce((s, f) => s + f.rowsRead, 0),
      rejected: loaded.reduce((s, f) => s + f.rowsRejected, 0),
    };
  },

  async site(o) {
    const { buildSite } = await import("../site/build.js");
    const r = await buildSite(String(o.db), { outDir: String(o.out), log: () => {} });
    return { seconds: r.seconds, publishSeconds: r.publishSeconds, frameworkSeconds: r.seconds - r.publishSeconds, filesWritten: r.filesWritten };
  },

  /** Data weight of every page, and the first chart of one page of each kind. */
  async pages(o) {
    const { firstCharts, pageWeights } = await import("./pages.js");
    const weights = pageWeights(String(o.dist));
    const sample = [...new Map(weights.map((w) => [w.path.replace(/\d+$/, "*"), w.path])).values()];
    const charts = await firstCharts(String(o.dist), sample, String(o.chromium));
    return { weights, firstCharts: Object.fromEntries(charts) };
  },

  /** The loan-listing workbook, written once for the given options. */
  async workbook(o) {
    const file = String(o.file);
    const manifest = `${file}.json`;
    const wanted = JSON.stringify(o);
    if (existsSync(file) && existsSync(manifest) && readFileSync(manifest, "utf8") === wanted) return { cached: true };
    const { writeLoanWorkbook } = await import("./workbook.js");
    await writeLoanWorkbook(file, Number(o.loans));
    writeFileSync(manifest, wanted);
    return { cached: false };
  },

  /** The workbook converter alone: every sheet of the workbook into CSV. */
  async xlsx(o) {
    const { xlsxToCsv } = await import("../../data-loaders/ingest/xlsx.js");
    const started = Date.now();
    const sheets = await xlsxToCsv(String(o.file), String(o.out), "bench");
    return { seconds: (Date.now() - started) / 1000, sheets: sheets.map((s) => ({ sheet: s.sheet, rows: s.rows })) };
  },

  async nation(o) {
    const { writeNationalSnapshot } = await import("./nation.js");
    const started = Date.now();
    const file = await writeNationalSnapshot(String(o.out), Number(o.loans));
    return { file, seconds: (Date.now() - started) / 1000 };
  },
};

const [name, json] = process.argv.slice(2);
const step = steps[name ?? ""];
if (!step) {
  console.error(`bench step: one of ${Object.keys(steps).join(", ")}`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await step(JSON.parse(json ?? "{}") as Options))}\n`);
