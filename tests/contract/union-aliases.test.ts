// The unions as files write them: IMS codes 11–14, 01–04 (and 1–4 once Excel dropped the zero),
// HND/HPN/HCCB/ĐTN/DTN, full names with or without accents; an empty code takes «Tên ĐVUT»; a
// branch's own spellings come from config/union-aliases.json, zod-checked.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readUnionAliases, spellingKey } from "../../data-loaders/contract/union-aliases.js";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import { writeListing, type Loan } from "../helpers/listing.js";
import { load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

// Spelling → the union it means: 01 Hội Nông dân, 02 Hội LHPN, 03 Hội CCB, 04 Đoàn Thanh niên.
const spellings: [string, string | null, string][] = [
  ["11", null, "01"],
  ["12", null, "02"],
  ["13", null, "03"],
  ["14", null, "04"],
  ["01", null, "01"],
  ["2", null, "02"],
  ["HND", null, "01"],
  ["HPN", null, "02"],
  ["HCCB", null, "03"],
  ["ĐTN", null, "04"],
  ["DTN", null, "04"],
  ["Hội LHPN", null, "02"],
  ["Đoàn TNCS Hồ Chí Minh", null, "04"],
  ["hoi nong dan", null, "01"],
  ["Hội Cựu Chiến Binh", null, "03"],
  ["", "Hội Phụ nữ", "02"],
  ["", "Đoàn Thanh niên", "04"],
  ["13", "Hội Cựu chiến binh", "03"],
];

let dir: TempDir;
beforeAll(() => (dir = tempDir()));
afterAll(() => dir.remove());

describe("union codes as they come", () => {
  it("all map to one of the four unions when loaded, and an unknown one is refused with the way to add it", async () => {
    const loans: Loan[] = spellings.map(([code, name], i) => ({ pgd: "051101", loan: `U${i + 1}`, union: code, extra: { "Tên ĐVUT": name ?? "" } }));
    loans.push({ pgd: "051101", loan: "U99", union: "15", extra: { "Tên ĐVUT": "" } });
    // A disagreeing name is a finding, not a guess.
    loans.push({ pgd: "051101", loan: "U98", union: "11", extra: { "Tên ĐVUT": "Hội Phụ nữ" } });
    const folder = join(dir.path, "exports");
    writeListing(join(folder, "HSTD_051_31012026.csv"), "31/01/2026", loans, { extraHeaders: ["Tên ĐVUT"] });
    const warehouse = join(dir.path, "w.duckdb");
    await load(folder, warehouse);
    const rows = await query<{ loan_id: string; union_code: string }>(warehouse, `SELECT loan_id, union_code FROM raw_hstd ORDER BY loan_id`);
    const got = new Map(rows.map((r) => [r.loan_id, r.union_code]));
    spellings.forEach(([code, name, union], i) => expect(got.get(`U${i + 1}`), `${code} / ${name}`).toBe(union));
    const rejected = await query<{ value: string; reason: string }>(warehouse, `SELECT value, reason FROM quarantine ORDER BY line`);
    expect(rejected).toEqual([
      { value: "15", reason: expect.stringContaining("«15» không phải Hội đoàn thể nào đã biết") },
      { value: "11", reason: "Mã ĐVUT «11» và Tên ĐVUT «Hội Phụ nữ» chỉ hai Hội khác nhau" },
    ]);
    expect(rejected[0]!.reason).toContain("config/union-aliases.json");
  });

  it("take a branch's own spellings from config/union-aliases.json, and refuse a config that names no union", () => {
    const root = join(dir.path, "project");
    mkdirSync(join(root, "sql/seeds"), { recursive: true });
    mkdirSync(join(root, "config"));
    cpSync(join(projectRoot, "sql/seeds/ref_union_aliases.csv"), join(root, "sql/seeds/ref_union_aliases.csv"));
    writeFileSync(join(root, "config/union-aliases.json"), JSON.stringify({ aliases: { "Hội ND xã": "01", "Chi hội PN": "02" } }));
    const aliases = readUnionAliases(root);
    expect(aliases.get(spellingKey("hoi nd xa"))).toBe("01");
    expect(aliases.get(spellingKey("CHI HỘI PN"))).toBe("02");
    expect(aliases.get(spellingKey("Hội LHPN"))).toBe("02");
    writeFileSync(join(root, "config/union-aliases.json"), JSON.stringify({ aliases: { "Hội ND xã": "05" } }));
    expect(() => readUnionAliases(root)).toThrow(/config\/union-aliases\.json.*"01", "02", "03", "04"/s);
  });
});
