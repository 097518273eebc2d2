// A large file is read in parallel; the quarantine's line numbers must still be the file's own.
// They come from each row's position in the insert, so the insert must keep the file's order
// (DuckDB does so only when the read has no join: a long `IN (…)` list planned as one broke it).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

const ROWS = 250_000;
// Record i sits on line i + 2 (line 1 is the header).
const BAD_AMOUNT = 149_998; // line 150,000
const BAD_PROGRAMME = 239_998; // line 240,000

let dir: TempDir;
let warehouse: string;

beforeAll(async () => {
  dir = tempDir();
  const exportsDir = join(dir.path, "exports");
  mkdirSync(exportsDir);
  const lines = ["Ngày số liệu,Mã CN,Mã PGD,Mã xã,Mã tổ,Mã ĐVUT,Mã KH,Số khế ước,Mã CT,Dư nợ trong hạn,Dư nợ quá hạn,Dư nợ khoanh,Tổng dư nợ"];
  for (let i = 0; i < ROWS; i++) {
    const overdue = i === BAD_AMOUNT ? "abc" : "0";
    const programme = i === BAD_PROGRAMME ? "99" : "01";
    lines.push(`31/01/2026,051,051101,021000,0100${String(i % 500).padStart(3, "0")},0${(i % 4) + 1},K${i},L${i},${programme},1000000,${overdue},0,1000000`);
  }
  lines.push(`Tổng cộng,,,,,,,,,${ROWS * 1_000_000},0,0,${ROWS * 1_000_000}`);
  writeFileSync(join(exportsDir, "HSTD_051_31012026.csv"), lines.join("\r\n") + "\r\n");
  warehouse = join(dir.path, "order.duckdb");
  await load(exportsDir, warehouse);
});
afterAll(() => dir.remove());

describe("a file read in parallel", () => {
  it("names the lines of its bad cells and of its totals row as they are in the file", async () => {
    expect(await query(warehouse, `SELECT line, column_header AS header, value FROM quarantine ORDER BY line`)).toEqual([
      { line: 150_000, header: "Dư nợ quá hạn", value: "abc" },
      { line: 240_000, header: "Mã CT", value: "99" },
    ]);
    const [file] = await query<{ message: string }>(warehouse, `SELECT message FROM ingest_files`);
    expect(file!.message).toContain(`dòng tổng cộng (dòng ${ROWS + 2})`);
  });

  it("keeps the loaded rows in the file's order", async () => {
    const out = await query<{ n: number }>(
      warehouse,
      `SELECT count(*)::INT AS n FROM (SELECT customer_id, lag(customer_id) OVER (ORDER BY rowid) AS prev FROM raw_hstd)
       WHERE prev IS NOT NULL AND substr(customer_id, 2)::INT < substr(prev, 2)::INT`,
    );
    expect(out).toEqual([{ n: 0 }]);
  });
});
