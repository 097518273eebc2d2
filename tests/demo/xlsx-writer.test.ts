// The demo's streaming xlsx writer, read back by another implementation (Python's openpyxl) and
// checked as a zip by Python's zipfile: cell kinds and values, column letters past Z, the
// <dimension>, XML escaping, and a sheet large enough to be compressed in several pieces.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XlsxWriter, type CellType } from "../../data-loaders/demo/xlsx-writer.js";
import { tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

const python = (args: string[]) => {
  const run = spawnSync("/usr/bin/python3", args, { encoding: "utf8", maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
};

describe("XlsxWriter", () => {
  it("writes a workbook other readers open, with text, numbers, money and date cells", () => {
    // 30 columns (A … AD): text, number, money, date, then text again.
    const types: CellType[] = Array.from({ length: 30 }, (_, i) => (["text", "number", "money", "date"] as const)[Math.min(i, 4) % 4]!);
    const rows = 12_000; // some 14 MB of XML: compressed in four pieces
    const path = join(dir.path, "a.xlsx");
    const w = new XlsxWriter(path, { sheetName: "BCQUERY", types, rows: rows + 2, modified: new Date(2026, 9, 31) });
    w.textRow(["Tiêu đề <Tổ TK&VV>", null, "bên phải"]);
    w.textRow(types.map((_, i) => `Cột ${i + 1}`), true);
    for (let r = 0; r < rows; r++) {
      w.row(types.map((t, i) => (t === "text" ? `0${r}-${i}` : t === "number" ? r / 4 : t === "money" ? r * 1000 : r % 2 ? "29/02/2024" : null)));
    }
    w.close();

    expect(python(["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip())", path]).trim()).toBe("None");
    const book = JSON.parse(python([join(import.meta.dirname, "../helpers/read-xlsx.py"), "3", path]))[path];
    expect(book.sheets).toEqual(["BCQUERY"]);
    expect(book.dimension).toBe(`A1:AD${rows + 2}`);
    expect(book.rows[0]).toEqual(["Tiêu đề <Tổ TK&VV>", null, "bên phải"]);
    expect(book.rows[1][29]).toBe("Cột 30");
    expect(book.rows).toHaveLength(rows + 2);
    expect(book.rows[2 + 7]).toEqual(["07-0", 1.75, 7000, "29/02/2024", "07-4", ...Array.from({ length: 25 }, (_, k) => `07-${k + 5}`)]);
    expect(book.rows[2 + 11_998].slice(0, 5)).toEqual(["011998-0", 2999.5, 11_998_000, null, "011998-4"]);
    expect(book.kinds).toEqual({
      ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [String(i), ["s"]])),
      "1": ["n"],
      "2": ["n"],
      "3": ["d:dd/mm/yyyy"],
    });
  });

  it("refuses to close a sheet whose row count differs from the one its <dimension> announced", () => {
    const w = new XlsxWriter(join(dir.path, "b.xlsx"), { sheetName: "S", types: ["text"], rows: 3, modified: new Date(2026, 0, 1) });
    w.textRow(["x"]);
    expect(() => w.close()).toThrow("1 rows written, 3 announced");
  });
});
