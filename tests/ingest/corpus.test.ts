// The corpus of bad files (tests/fixtures/corpus): each file, loaded with all the others, produces
// exactly the outcome its entry in expected.json gives: unusable with a message, or rows loaded and
// rejected rows in the quarantine with line, column, value and reason. Nothing else, nothing less.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import { fixtures, load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

interface Expected {
  unusable?: string;
  unusablePrefix?: string;
  loaded?: number;
  rejected?: [number, string | null, string | null, string][];
  totalsMatch?: boolean;
  message?: string;
}

const corpus = join(fixtures, "corpus");
const expected = JSON.parse(readFileSync(join(corpus, "expected.json"), "utf8")) as Record<string, Expected>;

interface FileRow {
  file_id: number;
  file_name: string;
  status: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  totals_match: boolean | null;
  message: string | null;
}

let dir: TempDir;
let warehouse: string;
let files: FileRow[];
let quarantine: { file_name: string; line: number; column_header: string | null; value: string | null; reason: string }[];

beforeAll(async () => {
  dir = tempDir();
  warehouse = join(dir.path, "corpus.duckdb");
  await load(corpus, warehouse);
  files = await query<FileRow>(warehouse, `SELECT * FROM ingest_files ORDER BY file_name`);
  quarantine = await query(
    warehouse,
    `SELECT f.file_name, q.line, q.column_header, q.value, q.reason FROM quarantine q JOIN ingest_files f USING (file_id) ORDER BY f.file_name, q.line, q.column_header`,
  );
});
afterAll(() => dir.remove());

describe("the corpus of bad files", () => {
  it("has an expected outcome for every file in it, and a file for every outcome", () => {
    const names = readdirSync(corpus).filter((n) => n !== "expected.json");
    const keys = Object.keys(expected).map((k) => k.split(" › ")[0]);
    expect([...new Set(keys)].sort()).toEqual(names.sort());
    expect(files.map((f) => f.file_name).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: ${want.unusable ?? want.unusablePrefix ?? want.rejected?.map((r) => r[3]).join("; ") ?? want.message}`, () => {
      const file = files.find((f) => f.file_name === name)!;
      const rows = quarantine.filter((q) => q.file_name === name).map((q) => [q.line, q.column_header, q.value, q.reason]);
      if (want.unusable || want.unusablePrefix) {
        expect(file.status).toBe("unusable");
        if (want.unusable) expect(file.message).toBe(want.unusable);
        else expect(file.message?.startsWith(want.unusablePrefix!)).toBe(true);
        expect(rows).toEqual([]);
        return;
      }
      expect(file.status).toBe("loaded");
      expect(rows).toEqual(want.rejected ?? []);
      expect(file.rows_loaded).toBe(want.loaded);
      expect(file.rows_rejected).toBe(new Set(rows.map((r) => r[0])).size);
      expect(file.rows_read).toBe(file.rows_loaded + file.rows_rejected);
      expect(file.totals_match).toBe(want.totalsMatch ?? null);
      if (want.message) expect(file.message).toBe(want.message);
    });
  }

  it("is reported by the command, which exits 0 because some rows were usable", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "data-loaders/cli/build-warehouse.ts", "--exports", corpus, "--warehouse", join(dir.path, "cli.duckdb")], {
      cwd: projectRoot,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    for (const [name, want] of Object.entries(expected)) {
      if (want.unusable) expect(r.stderr).toContain(`✗ ${name}: ${want.unusable}`);
    }
    expect(r.stderr).toContain("      dòng 3, cột «Ngày số liệu»: Ngày số liệu 30/09/2024 khác ngày số liệu của tệp 31/08/2024 (theo tên tệp)");
    expect(r.stderr).toContain("! HSTD_051_20250131_tong-cong.csv: dòng tổng cộng (dòng 4) KHÔNG KHỚP");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
