// Every cell read as the user meant it, or refused with the truth (tests/fixtures/cells, written by
// make-cells.py). The folder is loaded at once, as a user drops a month's files: each file gives
// exactly the outcome expected.json states, written from how the file was made: unusable or ignored
// with its reason, or every loaded row equal to the values the file means and every rejected row
// with its line, column, value and reason. rows read = loaded + rejected, for every file.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileReport, IngestReport } from "../../data-loaders/ingest/ingest.js";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import { fixtures, load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

type Cell = string | number | null;
/** [line, column header, value, reason]: "*" matches anything; "re:" + a regular expression; a reason may be a substring. */
type Rejection = [number, string | null, string | null, string];
interface Rows {
  table: string;
  key: string;
  columns: string[];
  values: Cell[][];
  /** Rows that may be loaded (then exactly so) or refused (then listed in maybeRejected). */
  optional: Cell[][];
}
interface Expected {
  about: string;
  status: "loaded" | "unusable" | "ignored" | "loaded-or-unusable";
  message?: string[];
  rejected?: Rejection[];
  maybeRejected?: Rejection[];
  rows?: Rows;
  totalsMatch?: boolean;
  skippedLines?: number[];
  cleaned?: number;
  moneyUnit?: string;
  staged?: { view: string; where: string; key: string; columns: string[]; values: Cell[][] };
}

const corpus = join(fixtures, "cells");
const expected = JSON.parse(readFileSync(join(corpus, "expected.json"), "utf8")) as Record<string, Expected>;

const matches = (text: string | null | undefined, pattern: string) => {
  if (text === null || text === undefined) return false;
  if (!pattern.startsWith("re:")) return text.includes(pattern);
  let source = pattern.slice(3);
  const flags = source.startsWith("(?i)") ? "i" : "";
  if (flags) source = source.slice(4);
  return new RegExp(source, flags + "u").test(text);
};
const same = (want: string | null, got: string | null) => want === "*" || want === got || (want?.startsWith("re:") === true && matches(got, want));

interface Quarantined {
  file_name: string;
  line: number;
  column_header: string | null;
  value: string | null;
  reason: string;
}

let dir: TempDir;
let warehouse: string;
let report: IngestReport;
let quarantine: Quarantined[];
let files: { file_id: number; file_name: string; totals_match: boolean | null; cells_cleaned: number | null }[];
let skipped: { file_name: string; line: number; label: string }[];

beforeAll(async () => {
  dir = tempDir("tdcs-cells-");
  warehouse = join(dir.path, "cells.duckdb");
  report = await load(corpus, warehouse);
  files = await query(warehouse, `SELECT file_id, file_name, totals_match, cells_cleaned FROM ingest_files ORDER BY file_id`);
  quarantine = await query<Quarantined>(
    warehouse,
    `SELECT f.file_name, q.line, q.column_header, q.value, q.reason FROM quarantine q JOIN ingest_files f USING (file_id) ORDER BY f.file_name, q.line, q.column_header`,
  );
  skipped = await query(warehouse, `SELECT f.file_name, s.line, s.label FROM ingest_skipped s JOIN ingest_files f USING (file_id) ORDER BY 1, 2`);
});
afterAll(() => dir?.remove());

const fileReport = (name: string): FileReport => {
  const f = report.files.find((x) => x.name === name);
  if (!f) throw new Error(`${name}: not in the load's report (files: ${report.files.map((x) => x.name).join(", ")})`);
  return f;
};

/** Each quarantined row of a file matches an expected rejection; each expected one is there. */
function checkRejections(name: string, want: Expected): Quarantined[] {
  const got = quarantine.filter((q) => q.file_name === name);
  const fits = (q: Quarantined, r: Rejection) => q.line === r[0] && same(r[1], q.column_header) && same(r[2], q.value) && matches(q.reason, r[3]);
  const allowed = [...(want.rejected ?? []), ...(want.maybeRejected ?? [])];
  const shown = (q: Quarantined) => [q.line, q.column_header, q.value === null ? null : q.value.slice(0, 80), q.reason];
  const unexpected = got.filter((q) => !allowed.some((r) => fits(q, r)));
  expect(unexpected.map(shown), `${name}: rows rejected that the file does not warrant`).toEqual([]);
  const missing = (want.rejected ?? []).filter((r) => !got.some((q) => fits(q, r)));
  expect(missing, `${name}: rejections expected but not made (got ${JSON.stringify(got.map(shown))})`).toEqual([]);
  return got;
}

async function checkRows(name: string, want: Expected, f: FileReport, rejectedLines: Set<number>): Promise<void> {
  const rows = want.rows!;
  const file = files.find((x) => x.file_name === name);
  expect(file, `${name} registered`).toBeDefined();
  const keyAt = rows.columns.indexOf(rows.key);
  const got = (await query<Record<string, Cell>>(
    warehouse,
    `SELECT ${rows.columns.join(", ")} FROM ${rows.table} WHERE _file_id = ${file!.file_id} ORDER BY ${rows.key}`,
  )).map((r) => rows.columns.map((c) => r[c] ?? null));
  const loadedKeys = new Set(got.map((r) => r[keyAt]));
  const byKey = (a: Cell[], b: Cell[]) => String(a[keyAt]).localeCompare(String(b[keyAt]), "en");
  const wanted = [...rows.values, ...rows.optional.filter((r) => loadedKeys.has(r[keyAt]))].sort(byKey);
  // Every loaded row is exactly what the file means; none is missing, none added.
  expect(got.sort(byKey), `${name}: loaded rows`).toEqual(wanted);
  expect(f.rowsLoaded).toBe(got.length);
  // The file's data rows are all accounted for: loaded, or rejected on their own line.
  const optionalRefused = rows.optional.length - (wanted.length - rows.values.length);
  expect(f.rowsRead, `${name}: data rows read`).toBe(rows.values.length + rows.optional.length + (want.rejected ? new Set(want.rejected.map((r) => r[0])).size : 0));
  expect(rejectedLines.size).toBe(f.rowsRejected);
  expect(f.rowsRejected).toBe(new Set((want.rejected ?? []).map((r) => r[0])).size + optionalRefused);
}

describe("the corpus of cells (tests/fixtures/cells)", () => {
  it("has an expected outcome for every file, and a file for every outcome", () => {
    const names = readdirSync(corpus).filter((n) => n !== "expected.json").sort();
    expect([...new Set(Object.keys(expected).map((k) => k.split(" › ")[0]!))].sort()).toEqual(names);
    const reported = report.files.map((f) => f.name).sort();
    expect(reported).toEqual(Object.keys(expected).sort());
  });

  it("never answers with an unexpected error, a stack trace or an English reader message", () => {
    const texts = [...report.files.map((f) => f.message ?? ""), ...quarantine.map((q) => q.reason)];
    for (const t of texts) {
      expect(t).not.toMatch(/Lỗi không mong đợi|\n\s+at |Error:|Invalid unicode|Conversion Error|Could not convert/);
    }
  });

  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: ${want.about}`, async () => {
      const f = fileReport(name);
      const status = want.status === "loaded-or-unusable" ? (f.status === "unusable" ? "unusable" : "loaded") : want.status;
      expect(f.status, `${name}: ${f.message ?? ""}`).toBe(status);
      if (status !== "loaded") {
        for (const m of want.message ?? []) expect(matches(f.message, m), `${name}: message «${f.message}» should match ${m}`).toBe(true);
        expect(quarantine.filter((q) => q.file_name === name)).toEqual([]);
        return;
      }
      const got = checkRejections(name, want);
      expect(f.rowsRead).toBe(f.rowsLoaded + f.rowsRejected);
      if (want.rows) await checkRows(name, want, f, new Set(got.map((q) => q.line)));
      if (want.status === "loaded") for (const m of want.message ?? []) expect(matches(f.message, m), `${name}: message «${f.message}» should match ${m}`).toBe(true);
      const file = files.find((x) => x.file_name === name)!;
      if (want.totalsMatch !== undefined) expect(file.totals_match, `${name}: ${f.message}`).toBe(want.totalsMatch);
      if (want.cleaned !== undefined) expect(file.cells_cleaned).toBe(want.cleaned);
      if (want.moneyUnit) expect(f.moneyUnit).toBe(want.moneyUnit);
      if (want.skippedLines) {
        const lines = skipped.filter((s) => s.file_name === name).map((s) => s.line);
        expect(lines, `${name}: rows set apart as no data`).toEqual(expect.arrayContaining(want.skippedLines));
      }
      if (want.staged) {
        const s = want.staged;
        const rows = await query<Record<string, Cell>>(warehouse, `SELECT ${s.columns.join(", ")} FROM ${s.view} WHERE ${s.where} ORDER BY ${s.key}`);
        expect(rows.map((r) => s.columns.map((c) => r[c] ?? null))).toEqual(s.values);
      }
    });
  }

  it("is reported by the command in Vietnamese, and the good files load beside the bad ones", () => {
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "data-loaders/cli/build-warehouse.ts", "--exports", corpus, "--warehouse", join(dir.path, "cli.duckdb"), "--no-models"],
      { cwd: projectRoot, encoding: "utf8" },
    );
    expect(r.stderr).not.toMatch(/Lỗi không mong đợi|\n\s+at |Invalid unicode/);
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    // Every file the load could not use is listed with its reason (which files those are is checked above).
    for (const f of report.files.filter((x) => x.status === "unusable")) expect(r.stderr).toContain(`✗ ${f.name}: ${f.message}`);
    expect(r.stderr).toMatch(/Xong sau .* tệp nạp/);
  });
});
