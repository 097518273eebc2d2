// What protects the warehouse: a second load while one runs is refused, a damaged warehouse file
// is explained (never a stack trace), and the temporary conversions of a load do not outlive it.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import { copyFixture, fixtures, load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

const cliArgs = (exportsDir: string, warehouse: string) => ["--import", "tsx", "data-loaders/cli/build-warehouse.ts", "--exports", exportsDir, "--warehouse", warehouse];
const cli = (exportsDir: string, warehouse: string) => spawnSync(process.execPath, cliArgs(exportsDir, warehouse), { cwd: projectRoot, encoding: "utf8" });

describe("a second load while one runs", () => {
  it("is refused with a message, and the first one finishes", async () => {
    const warehouse = join(dir.path, "busy.duckdb");
    const demo = join(dir.path, "demo-busy");
    generateDemo({ outDir: demo, seed: 3, borrowers: 3000, months: 6, endMonth: "2026-06" });
    const first = spawn(process.execPath, cliArgs(demo, warehouse), { cwd: projectRoot });
    let firstErr = "";
    const firstDone = new Promise<number | null>((resolve) => first.on("close", resolve));
    await new Promise<void>((resolve) => {
      first.stderr.on("data", (d: Buffer) => {
        firstErr += d.toString();
        if (/\[2\/\d+\]/.test(firstErr)) resolve();
      });
    });
    // Stopped mid-load, the first one surely still holds the warehouse however fast it is.
    first.kill("SIGSTOP");
    const second = cli(join(fixtures, "province-small"), warehouse);
    first.kill("SIGCONT");
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/^Lỗi: Kho dữ liệu .*busy\.duckdb đang được một tiến trình khác sử dụng( \(PID \d+\))?\. Chờ lần nạp đang chạy kết thúc rồi chạy lại\.\n$/);
    expect(await firstDone).toBe(0);
    expect(firstErr).toContain("Xong sau");
  });
});

describe("a damaged warehouse file", () => {
  let good: string;
  beforeAll(async () => {
    good = join(dir.path, "good.duckdb");
    await load(copyFixture("province-small", join(dir.path, "small")), good);
  });

  it("cut short is explained, not a stack trace", () => {
    const cut = join(dir.path, "cut.duckdb");
    writeFileSync(cut, readFileSync(good).subarray(0, 300_000));
    const r = cli(join(fixtures, "province-small"), cut);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Lỗi: Kho dữ liệu ${cut} bị hỏng hoặc không phải tệp DuckDB`);
    expect(r.stderr).toContain("hãy xóa nó (và tệp .wal cạnh nó nếu có) rồi nạp lại toàn bộ từ thư mục tệp xuất");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("made of other bytes is explained too", () => {
    const garbage = join(dir.path, "garbage.duckdb");
    writeFileSync(garbage, Buffer.from("Ngày số liệu,Mã CN\n31/01/2026,051\n".repeat(200)));
    const r = cli(join(fixtures, "province-small"), garbage);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Lỗi: Kho dữ liệu ${garbage} bị hỏng hoặc không phải tệp DuckDB`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("with a damaged block is explained when the load reads it", () => {
    const hit = join(dir.path, "hit.duckdb");
    copyFileSync(good, hit);
    const bytes = readFileSync(hit);
    // Overwrite every data block after the header blocks: whatever the load reads first is damaged.
    for (let i = 3 * 4096 * 64; i < bytes.length; i += 4096) bytes.fill(0x5a, i, i + 64);
    writeFileSync(hit, bytes);
    const r = cli(join(fixtures, "province-small"), hit);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Lỗi: Kho dữ liệu ${hit} bị hỏng hoặc không phải tệp DuckDB`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("temporary conversions", () => {
  it("are gone after the load, which loaded them", async () => {
    const warehouse = join(dir.path, "tmp.duckdb");
    const report = await load(join(fixtures, "formats"), warehouse);
    // formats/: eleven loan listings of three loans each, and one group-scoring sheet.
    expect(report.files.filter((f) => f.status === "loaded")).toHaveLength(12);
    expect(existsSync(`${warehouse}.ingest-tmp`)).toBe(false);
    expect(await query(warehouse, `SELECT count(*)::INT AS n FROM raw_hstd`)).toEqual([{ n: 33 }]);
  });
});
