// Errors of the environment around a load, through the command a user runs: a read-only folder or
// warehouse, a warehouse path under a regular file, a folder that does not exist (created only
// with --tao-moi, and said so), a full disk, Ctrl-C and SIGTERM in the middle of a workbook's load.
// Each gets a plain Vietnamese message: no «Lỗi không mong đợi», no stack trace, no raw English
// error; the warehouse keeps its previous content and no temporary CSV (names, ID numbers) is left.
// (A second load while one runs: tests/ingest/safety.test.ts.)
//
// The tests run as root, for whom chmod does not make anything read-only: the immutable attribute
// (chattr +i, ext4) does; a full disk is a 1 MiB tmpfs. Where the machine does not allow either,
// the test is skipped and says why.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { zipSync, strToU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import { copyFixture, fixtures, load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
const immutable: string[] = [];
const mounts: string[] = [];
beforeAll(() => {
  dir = tempDir("tdcs-env-");
});
afterAll(() => {
  for (const p of immutable) spawnSync("chattr", ["-i", p]);
  for (const m of mounts) spawnSync("umount", [m]);
  dir?.remove();
});

const small = join(fixtures, "province-small");
const cliArgs = (...args: string[]) => ["--import", "tsx", "data-loaders/cli/build-warehouse.ts", ...args];
const cli = (...args: string[]) => spawnSync(process.execPath, cliArgs(...args), { cwd: projectRoot, encoding: "utf8" });

/** A message a user can read: Vietnamese, one clear «Lỗi:» line, nothing from the machinery underneath. */
function expectPlainVietnamese(stderr: string): void {
  expect(stderr).not.toMatch(/Lỗi không mong đợi/);
  expect(stderr).not.toMatch(/\n\s+at [^\n]*[(:]/);
  expect(stderr).not.toMatch(/\b(Error|EACCES|EPERM|EROFS|ENOENT|ENOTDIR|ENOSPC|IO Error|Permission denied|Read-only file system|No space left|Catalog Error|Conversion Error)\b/);
}

/** Sets the immutable attribute (root's read-only); false when the file system does not allow it. */
function makeImmutable(path: string): boolean {
  const r = spawnSync("chattr", ["+i", path], { encoding: "utf8" });
  if (r.status !== 0) return false;
  immutable.push(path);
  return true;
}
function release(path: string): void {
  spawnSync("chattr", ["-i", path]);
  immutable.splice(immutable.indexOf(path), 1);
}

const contentOf = async (warehouse: string) => ({
  files: await query(warehouse, `SELECT file_name, status, rows_loaded FROM ingest_files ORDER BY file_id`),
  loans: await query(warehouse, `SELECT data_date, loan_id, balance_total FROM raw_hstd ORDER BY ALL`),
});

describe("the warehouse's folder and file", () => {
  let loaded: string;
  let before: Awaited<ReturnType<typeof contentOf>>;
  beforeAll(async () => {
    loaded = join(dir.path, "loaded", "warehouse.duckdb");
    mkdirSync(join(dir.path, "loaded"));
    await load(copyFixture("province-small", join(dir.path, "src")), loaded);
    before = await contentOf(loaded);
  });

  it("a new warehouse in a read-only folder is refused with what to do", (ctx) => {
    const folder = join(dir.path, "ro-new");
    mkdirSync(folder);
    if (!makeImmutable(folder)) return ctx.skip("chattr +i is not available on this file system: no read-only folder for root");
    const r = cli("--exports", small, "--warehouse", join(folder, "w.duckdb"), "--no-models");
    release(folder);
    expect(r.status).toBe(1);
    expectPlainVietnamese(r.stderr);
    expect(r.stderr).toMatch(/^Lỗi: .*(chỉ đọc|quyền ghi)/m);
    expect(readdirSync(folder)).toEqual([]);
  });

  // The folder of an existing warehouse made read-only, then the warehouse file itself.
  for (const [what, target] of [["an existing warehouse in a read-only folder", () => dirname(loaded)], ["a read-only warehouse file", () => loaded]] as const) {
    it(`${what} is refused and keeps its content`, async (ctx) => {
      if (!makeImmutable(target())) return ctx.skip("chattr +i is not available on this file system: nothing read-only for root");
      const r = cli("--exports", join(fixtures, "formats"), "--warehouse", loaded, "--no-models");
      release(target());
      expect(r.status).toBe(1);
      expectPlainVietnamese(r.stderr);
      expect(r.stderr).toMatch(/^Lỗi: .*(chỉ đọc|quyền ghi)/m);
      expect(await contentOf(loaded)).toEqual(before);
    });
  }

  it("a warehouse path under a regular file is refused, naming the file", () => {
    const file = join(dir.path, "ghi-chu.txt");
    writeFileSync(file, "không phải thư mục\n");
    for (const create of [false, true]) {
      const r = cli("--exports", small, "--warehouse", join(file, "kho", "w.duckdb"), "--no-models", ...(create ? ["--tao-moi"] : []));
      expect(r.status).toBe(1);
      expectPlainVietnamese(r.stderr);
      expect(r.stderr).toMatch(/^Lỗi: /m);
      expect(r.stderr).toContain(file);
    }
  });

  it("a warehouse in a folder that does not exist is refused without --tao-moi, and made with it", async () => {
    const folder = join(dir.path, "chua-co", "kho");
    const warehouse = join(folder, "w.duckdb");
    const refused = cli("--exports", small, "--warehouse", warehouse, "--no-models");
    expect(refused.status).toBe(1);
    expectPlainVietnamese(refused.stderr);
    expect(refused.stderr).toMatch(/^Lỗi: .*chưa có.*--tao-moi/m);
    expect(existsSync(join(dir.path, "chua-co"))).toBe(false);

    const made = cli("--exports", small, "--warehouse", warehouse, "--no-models", "--tao-moi");
    expect(made.status, made.stderr).toBe(0);
    expectPlainVietnamese(made.stderr);
    expect(made.stderr).toContain(`Tạo kho dữ liệu mới ${warehouse}`);
    expect(await query(warehouse, `SELECT count(*)::INT AS n FROM raw_hstd`)).toEqual([{ n: 23 }]);
  });

  it("a full disk is explained, and the warehouse it could not finish is not left half-written", async (ctx) => {
    const disk = join(dir.path, "day");
    mkdirSync(disk);
    const m = spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", disk], { encoding: "utf8" });
    if (m.status !== 0) return ctx.skip(`no small disk to fill: mount tmpfs failed (${m.stderr.trim()})`);
    mounts.push(disk);
    const warehouse = join(disk, "w.duckdb");
    const r = cli("--exports", small, "--warehouse", warehouse);
    expectPlainVietnamese(r.stderr);
    // Either the load failed and says so, or it committed and says the disk was full when the
    // log was to be folded into the file (the next open does it): both true, neither half-written.
    if (r.status === 0) {
      expect(r.stderr).toMatch(/Đã nạp xong, nhưng chưa gộp được nhật ký vào kho \(Đĩa đầy/);
      expect(spawnSync("mount", ["-o", "remount,size=256m", disk]).status).toBe(0);
      const loaded = await query<{ n: number }>(warehouse, `SELECT count(*)::INTEGER AS n FROM ingest_files WHERE status = 'loaded'`);
      expect(loaded[0]!.n).toBeGreaterThan(0);
      return;
    }
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Lỗi: .*(Đĩa đầy|đĩa đầy|không đủ chỗ)/m);
    expect(existsSync(join(disk, "w.duckdb.ingest-tmp"))).toBe(false);
    // What the message says is true: with room again, a warehouse said unchanged holds no load.
    expect(spawnSync("mount", ["-o", "remount,size=256m", disk]).status).toBe(0);
    if (/không thay đổi/.test(r.stderr) && existsSync(warehouse)) {
      const loaded = await query<{ file_name: string }>(warehouse, `SELECT file_name FROM ingest_files WHERE status = 'loaded'`);
      expect(loaded.map((f) => f.file_name), `the command said «kho dữ liệu không thay đổi»:\n${r.stderr.slice(-400)}`).toEqual([]);
    }
  });
});

/**
 * A loan listing as a core system's workbook: 120,000 loans on a BCQUERY sheet under title rows,
 * written as sheet XML by hand (numbers, inline strings) and zipped with fflate.
 */
function bigWorkbook(path: string, loans: number): void {
  const header = ["Ngày số liệu", "Mã CN", "Mã PGD", "Mã xã", "Mã tổ", "Mã ĐVUT", "Mã KH", "Tên KH", "Số CCCD", "Số khế ước", "Mã CT", "Dư nợ trong hạn", "Dư nợ quá hạn", "Dư nợ khoanh", "Tổng dư nợ"];
  const str = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;
  const num = (ref: string, n: number) => `<c r="${ref}"><v>${n}</v></c>`;
  const col = (i: number) => String.fromCharCode(65 + i);
  const rows: string[] = [`<row r="1">${str("A1", "SAO KÊ CHI TIẾT DƯ NỢ")}</row>`, `<row r="3">${header.map((h, i) => str(`${col(i)}3`, h)).join("")}</row>`];
  for (let k = 0; k < loans; k++) {
    const r = k + 4;
    const amount = 1_000_000 + ((k * 7919) % 90_000) * 1000;
    const cells = [
      str(`A${r}`, "31/01/2025"), str(`B${r}`, "051"), str(`C${r}`, "051101"), str(`D${r}`, "021000"), str(`E${r}`, "0100001"), num(`F${r}`, 11),
      str(`G${r}`, `K${k}`), str(`H${r}`, `Nguyễn Văn Thử ${k}`), str(`I${r}`, String(1_000_000_000 + k).padStart(12, "0")), str(`J${r}`, `BIG-${k}`),
      str(`K${r}`, "01"), num(`L${r}`, amount), num(`M${r}`, 0), num(`N${r}`, 0), num(`O${r}`, amount),
    ];
    rows.push(`<row r="${r}">${cells.join("")}</row>`);
  }
  const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  writeFileSync(
    path,
    zipSync(
      {
        "[Content_Types].xml": xml(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
        "_rels/.rels": xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
        "xl/workbook.xml": xml(`<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="BCQUERY" sheetId="1" r:id="rId1"/></sheets></workbook>`),
        "xl/_rels/workbook.xml.rels": xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
        "xl/worksheets/sheet1.xml": xml(`<worksheet xmlns="${main}"><sheetData>${rows.join("")}</sheetData></worksheet>`),
      },
      { level: 1 },
    ),
  );
}

describe("a load stopped by the user", () => {
  let exportsDir: string;
  beforeAll(() => {
    exportsDir = join(dir.path, "big");
    mkdirSync(exportsDir);
    bigWorkbook(join(exportsDir, "HSTD_051_31012025.xlsx"), 120_000);
  });

  // SIGINT (Ctrl-C) as soon as the workbook's conversion is on disk; SIGTERM once its rows are read
  // into the load's transaction and the models run.
  for (const [signal, when] of [
    ["SIGINT", "while the workbook is converted"],
    ["SIGTERM", "after its rows were read, while the models run"],
  ] as const) {
    it(`by ${signal} ${when}: cancelled, said so, no temporary CSV left, the warehouse as before`, async () => {
      const warehouse = join(dir.path, `stop-${signal}`, "w.duckdb");
      mkdirSync(join(dir.path, `stop-${signal}`));
      await load(copyFixture("province-small", join(dir.path, `stop-src-${signal}`)), warehouse);
      const before = await contentOf(warehouse);
      const tmp = `${warehouse}.ingest-tmp`;
      const child = spawn(process.execPath, cliArgs("--exports", exportsDir, "--warehouse", warehouse), { cwd: projectRoot });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const done = new Promise<number | null>((resolve) => child.on("close", (code, sig) => resolve(code ?? (sig ? -1 : null))));
      let sent = false;
      let sawCsv = false;
      await new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          const csvs = existsSync(tmp) ? readdirSync(tmp).filter((n) => n.endsWith(".csv")) : [];
          sawCsv ||= csvs.length > 0;
          const ready = signal === "SIGINT" ? csvs.length > 0 : /\[1\/1\] HSTD_051_31012025\.xlsx › BCQUERY: .*đọc/.test(stderr);
          if (ready && !sent) {
            sent = true;
            child.kill(signal);
            clearInterval(poll);
            resolve();
          }
        }, 5);
        void done.then(() => {
          clearInterval(poll);
          if (!sent) reject(new Error(`the load ended before ${signal} could be sent: ${stderr.slice(-500)}`));
        });
      });
      const code = await done;
      expect(sawCsv, "the workbook's conversion was on disk when the signal came").toBe(true);
      expect(code).toBe(signal === "SIGINT" ? 130 : 143);
      expectPlainVietnamese(stderr);
      expect(stderr).toMatch(/hủy/i);
      expect(stderr).toMatch(/không thay đổi/);
      expect(existsSync(tmp), "temporary conversions removed").toBe(false);
      expect(await contentOf(warehouse)).toEqual(before);
      // And the next load finds the warehouse as usable as before.
      const again = cli("--exports", small, "--warehouse", warehouse, "--no-models");
      expect(again.status, again.stderr).toBe(0);
      expectPlainVietnamese(again.stderr);
    });
  }
});

describe("the command line", () => {
  it("says what is wrong with a mistyped command, in Vietnamese with the usage, and exits 2 without touching a warehouse", () => {
    const warehouse = join(dir.path, "cli", "w.duckdb");
    for (const [args, message] of [
      [["--exprots", small], "không có tùy chọn «--exprots»"],
      [[small], `không nhận «${small}» đứng riêng`],
      [["--exports"], "tùy chọn «--exports» cần một giá trị theo sau"],
      [["--undo=1"], "tùy chọn «--undo» không nhận giá trị"],
    ] as const) {
      const r = cli(...args, "--warehouse", warehouse, "--tao-moi");
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`Lỗi: ${message}`);
      expect(r.stderr).toContain("npm run warehouse -- --exports THƯ_MỤC");
      expectPlainVietnamese(r.stderr);
    }
    expect(existsSync(warehouse)).toBe(false);
    const help = cli("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--undo           hoàn tác lần nạp gần nhất");
  });
});
