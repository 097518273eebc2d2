// The byte scan behind line numbers: where each record starts, as an editor and as DuckDB count.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanCsv } from "../../data-loaders/ingest/csv-scan.js";
import { LineLocator } from "../../data-loaders/ingest/line-locator.js";
import { tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

describe("scanCsv", () => {
  it("skips the title and header lines and blank lines, and follows values spanning lines", async () => {
    const path = join(dir.path, "a.csv");
    // 1 title, 2 header, 3 row, 4 blank, 5–6 one row, 7 row with \r\n, 8 row
    writeFileSync(path, 'Báo cáo\r\na,b\r\n1,x\r\n\r\n2,"hai\r\ndòng"\r\n3,y\r\n4,z');
    const scan = await scanCsv(path, 2);
    expect(Array.from(scan.recordLines)).toEqual([3, 5, 7, 8]);
    expect(Array.from(scan.readerLines)).toEqual([3, 5, 6, 7]);
    expect(scan.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Every record ends with CRLF (the one inside quotes does not count).
    expect(scan.mixedNewlines).toBe(false);
  });

  it("notices records ending with CRLF beside records ending with LF alone, across read chunks", async () => {
    const path = join(dir.path, "mixed.csv");
    // The LF-only record's end falls at the start of the second 1 MiB chunk, after a CR-free byte.
    const filler = "x".repeat((1 << 20) - "a,b\r\n1,".length);
    writeFileSync(path, `a,b\r\n1,${filler}\n2,y\r\n`);
    expect((await scanCsv(path, 1)).mixedNewlines).toBe(true);
    writeFileSync(path, 'a,b\n1,"x\r\ny"\n2,y\n');
    expect((await scanCsv(path, 1)).mixedNewlines).toBe(false);
  });

  it("maps kept rows back to their lines when the reader refused some", async () => {
    const path = join(dir.path, "b.csv");
    writeFileSync(path, "a,b\n1,x\n2,x,extra\n\n3,x\n");
    const scan = await scanCsv(path, 1);
    const locator = LineLocator.of(scan, [3], 2, 1);
    expect(locator.exact).toBe(true);
    expect([locator.line(0), locator.line(1)]).toEqual([2, 5]);
    expect(locator.without([0]).line(0)).toBe(5);
  });
});
