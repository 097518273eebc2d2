// Every download the pages offer, taken in Chromium as a user takes it, then read by readers that
// share no code with the writer: each table's CSV and Excel file on the province overview, the
// annual report, a union page and the analysis page, and the annual report's whole workbook.
// CSV cells must be the numbers the page shows (plain minus, no «–»); workbook cells the same
// numbers unrounded; sheet names valid, a title block above each table, the header frozen; the
// union table against sums straight from the loaded loan rows. Files are kept in
// test-artifacts/downloads/ to be opened by hand.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";
import { startSite, type Site } from "../helpers/site.js";
import { query } from "../helpers/warehouse.js";
import { packageProblems, parseCsv, readWithExcelJs, readWithLibreOffice, readWithOpenpyxl, type SheetRead } from "../helpers/workbook-readers.js";

const artifacts = join(projectRoot, "test-artifacts/downloads");
let site: Site;
let branch: string;

beforeAll(async () => {
  site = await startSite();
  branch = (await query<{ branch_name: string }>(site.warehouse, "SELECT branch_name FROM dim_branches"))[0]!.branch_name;
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await site?.close();
});

async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const bytes = readFileSync((await d.path())!);
  writeFileSync(join(artifacts, d.suggestedFilename()), bytes);
  return { name: d.suggestedFilename(), bytes };
}

/** A cell as the page shows it, in the CSV's spelling: «−1.234,5» → «-1234,5», «0,19%» → «0,19», «–» → «». */
function asCsv(shown: string): string {
  const t = shown.trim();
  if (t === "–") return "";
  if (/^[+−-]?[\d.]+(,\d+)?%?$/.test(t)) return t.replace(/\./g, "").replace("−", "-").replace(/^\+/, "").replace(/%$/, "");
  return t;
}

/** The workbook cell in the CSV's spelling, at the precision the CSV gives. */
function xlsxAsCsv(value: number | string | null, csv: string): string {
  if (value === null) return "";
  if (typeof value === "number") {
    const digits = csv.split(",")[1]?.length ?? 0;
    const text = value.toFixed(digits);
    return (Number(text) === 0 ? (0).toFixed(digits) : text).replace(".", ",");
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : value;
}

interface TableCheck {
  caption: string;
  csvRows: string[][];
  sheets: SheetRead[];
}

/** Downloads one table both ways and checks each file against the page and the other. */
async function checkTable(page: Page, table: Locator, expectTitle: { date: string | null; filters?: RegExp }): Promise<TableCheck> {
  const caption = (await table.locator("caption").textContent())!.trim();
  const shown = await table.locator("tbody tr:not(:has(td.empty))").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? "")));
  const totals = await table.locator("tbody tr.total").count();

  const csvFile = await download(page, table.locator('button[data-format="csv"]'));
  const text = csvFile.bytes.toString("utf8");
  expect(text.charCodeAt(0), caption).toBe(0xfeff);
  const [header, ...csvRows] = parseCsv(text);
  expect(csvRows.length, caption).toBeGreaterThanOrEqual(shown.length);
  // The rows shown first, and the totals kept last.
  const pairs = [...shown.slice(0, shown.length - totals).map((r, i) => [r, csvRows[i]!] as const), ...shown.slice(shown.length - totals).map((r, i) => [r, csvRows[csvRows.length - totals + i]!] as const)];
  for (const [screen, csv] of pairs) expect(csv, caption).toEqual(screen.map(asCsv));
  for (const row of csvRows) for (const cell of row) expect(cell, caption).not.toMatch(/^[−–]|^[+−-]?\d{1,3}(\.\d{3})+(,\d+)?$/);

  const xlsxFile = await download(page, table.locator('button[data-format="xlsx"]'));
  expect(xlsxFile.name, caption).toMatch(/\.xlsx$/);
  const bytes = new Uint8Array(xlsxFile.bytes);
  expect(packageProblems(bytes), caption).toEqual([]);
  const readers: [string, SheetRead[] | null][] = [["exceljs", await readWithExcelJs(bytes)], ["openpyxl", readWithOpenpyxl(bytes)]];
  for (const [reader, sheets] of readers) {
    if (!sheets) continue;
    const what = `${caption} (${reader})`;
    expect(sheets.length, what).toBe(1);
    const sheet = sheets[0]!;
    expect(sheet.title.length, what).toBeLessThanOrEqual(31);
    expect(sheet.title, what).not.toMatch(/[/\\?*:[\]]/);
    const firstColumn = sheet.rows.map((r) => r[0]);
    expect(firstColumn[0], what).toBe(caption);
    expect(firstColumn[1], what).toBe(`Nguồn: NHCSXH – ${branch}`);
    if (expectTitle.date) expect(firstColumn, what).toContain(`Số liệu đến ngày ${expectTitle.date}`);
    if (expectTitle.filters) expect(firstColumn.some((c) => typeof c === "string" && c.startsWith("Bộ lọc:") && expectTitle.filters!.test(c)), what).toBe(true);
    const headerAt = sheet.rows.findIndex((r) => r.join("|") === header!.join("|"));
    expect(headerAt, what).toBeGreaterThan(1);
    expect(sheet.frozenAt, what).toBe(`B${headerAt + 2}`);
    const data = sheet.rows.slice(headerAt + 1);
    expect(data.length, what).toBe(csvRows.length);
    data.forEach((row, i) => {
      row.forEach((value, j) => {
        const csv = csvRows[i]![j] ?? "";
        // A number on screen is a number in the workbook.
        if (/^-?\d+(,\d+)?$/.test(csv) && !/^\d{6,}$/.test(csv)) expect(typeof value, `${what} row ${i} column ${j}`).toBe("number");
        expect(xlsxAsCsv(value, csv), `${what} row ${i} column ${j}`).toBe(csv);
      });
    });
    for (const w of sheet.widths) expect(w ?? 0, what).toBeGreaterThanOrEqual(8);
  }
  return { caption, csvRows, sheets: readers[0]![1]! };
}

// The date each page opens on: the latest, or the last 31/12 for the annual report.
const pages: { path: string; date: () => Promise<string | null>; filters?: RegExp }[] = [
  { path: "/", date: async () => "31/10/2026" },
  { path: "/bao-cao-nam", date: async () => "31/12/2025" },
  { path: "/hoi/02", date: async () => "31/10/2026", filters: /^Bộ lọc: Hội đoàn thể: Hội Liên hiệp Phụ nữ/ },
  { path: "/phan-tich", date: async () => "31/10/2026", filters: /^Bộ lọc: Từ tháng \d{2}\/\d{4} đến tháng 10\/2026$/ },
];

describe("every table's downloads", () => {
  const negatives: string[] = [];
  for (const p of pages) {
    it(`on ${p.path} open cleanly and say what the page says`, async () => {
      const { page, errors, close } = await site.open(p.path);
      const tables = page.locator(".data-table").filter({ has: page.locator("tbody tr:not(:has(td.empty))") });
      const count = await tables.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const { csvRows } = await checkTable(page, tables.nth(i), { date: await p.date(), filters: p.filters });
        for (const row of csvRows) for (const cell of row) if (/^-\d/.test(cell)) negatives.push(cell);
      }
      expect(errors).toEqual([]);
      await close();
    });
  }

  it("write negative figures that a spreadsheet reads as numbers", () => {
    expect(negatives.length).toBeGreaterThan(0);
    for (const n of negatives) {
      expect(n).toMatch(/^-\d+(,\d+)?$/);
      expect(Number(n.replace(",", "."))).toBeLessThan(0);
    }
  });
});

describe("the analysts' downloads", () => {
  it("name in their title block the filters each table applies, and no other", async () => {
    const [commune] = await query<{ code: string; name: string }>(
      site.warehouse,
      "SELECT commune_code AS code, commune_name AS name FROM dim_communes WHERE is_current ORDER BY commune_code LIMIT 1",
    );
    // A commune's series has no union split: the monthly table applies the commune only, the
    // PGD ranking the union only.
    const { page, errors, close } = await site.open(`/phan-tich?hoi=02&xa=${commune!.code}`);
    const filtersOf = async (caption: string) => {
      const table = page.locator(".data-table").filter({ has: page.locator("caption", { hasText: caption }) });
      const sheet = (await readWithExcelJs(new Uint8Array((await download(page, table.locator('button[data-format="xlsx"]'))).bytes)))[0]!;
      return sheet.rows.map((r) => r[0]).find((c): c is string => typeof c === "string" && c.startsWith("Bộ lọc:"));
    };
    const monthly = await filtersOf("số liệu theo tháng");
    expect(monthly).toContain(`Xã, phường: ${commune!.name}`);
    expect(monthly).not.toContain("Hội");
    const byPgd = await filtersOf("Các PGD theo mức tăng");
    expect(byPgd).toContain("Hội đoàn thể: Hội Liên hiệp Phụ nữ");
    expect(byPgd).not.toContain("Xã");
    expect(errors).toEqual([]);
    await close();
  });
});

describe("the union table", () => {
  it("downloads the figures of the loaded loan rows", async () => {
    // Straight from the loaded loan rows, not from the marts the page reads.
    const expected = await query<{ name: string; dn: number; nqh: number; households: number }>(
      site.warehouse,
      `SELECT coalesce(u.name_vi, 'Toàn tỉnh') AS name, sum(r.balance_total)::DOUBLE AS dn, sum(r.balance_overdue)::DOUBLE AS nqh,
              count(DISTINCT r.customer_id) FILTER (WHERE r.balance_total > 0)::INTEGER AS households
       FROM raw_hstd r JOIN ref_unions u ON u.union_code = coalesce(r.union_code, '00')
       WHERE r.data_date = (SELECT max(data_date) FROM raw_hstd)
       GROUP BY GROUPING SETS ((u.name_vi), ())`,
    );
    const { page, close } = await site.open("/");
    const table = page.locator(".data-table").filter({ has: page.locator("caption", { hasText: "Kết quả theo Hội đoàn thể nhận ủy thác" }) });
    const csvFile = await download(page, table.locator('button[data-format="csv"]'));
    const [header, ...rows] = parseCsv(csvFile.bytes.toString("utf8"));
    const col = (label: string) => header!.indexOf(label);
    // Key columns first: Dư nợ, Nợ quá hạn, tỷ lệ nợ quá hạn right after the name.
    expect(header!.slice(0, 4)).toEqual(["Hội đoàn thể", "Tổng dư nợ (tỷ đồng)", "Tổng dư nợ: thay đổi so với đầu năm (tỷ đồng)", "Nợ quá hạn (triệu đồng)"]);
    expect(rows.map((r) => r[0]).sort()).toEqual(expected.map((e) => e.name).sort());
    const sheet = (await readWithExcelJs(new Uint8Array((await download(page, table.locator('button[data-format="xlsx"]'))).bytes)))[0]!;
    const headerAt = sheet.rows.findIndex((r) => r[0] === "Hội đoàn thể");
    for (const e of expected) {
      const row = rows.find((r) => r[0] === e.name)!;
      expect(row[col("Tổng dư nợ (tỷ đồng)")], e.name).toBe((e.dn / 1e9).toFixed(1).replace(".", ","));
      expect(row[col("Nợ quá hạn (triệu đồng)")], e.name).toBe((e.nqh / 1e6).toFixed(0));
      expect(row[col("Số hộ còn dư nợ (hộ)")], e.name).toBe(String(e.households));
      const cells = sheet.rows.slice(headerAt + 1).find((r) => r[0] === e.name)!;
      expect(cells[col("Tổng dư nợ (tỷ đồng)")], e.name).toBeCloseTo(e.dn / 1e9, 9);
      expect(cells[col("Nợ quá hạn (triệu đồng)")], e.name).toBeCloseTo(e.nqh / 1e6, 6);
      expect(cells[col("Số hộ còn dư nợ (hộ)")], e.name).toBe(e.households);
    }
    await close();
  });
});

describe("the annual report", () => {
  it("downloads whole as one workbook: a sheet per table, each with its title block", async () => {
    const { page, errors, close } = await site.open("/bao-cao-nam");
    const captions = await page.locator("main .data-table caption").allTextContents();
    const year = (await page.locator("h2", { hasText: /Chỉ tiêu năm \d{4}/ }).textContent())!.match(/\d{4}/)![0];
    const file = await download(page, page.getByRole("button", { name: "Tải cả báo cáo (Excel)" }));
    expect(file.name).toMatch(/^bao-cao-nam-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = new Uint8Array(file.bytes);
    expect(packageProblems(bytes)).toEqual([]);
    const sheets = await readWithExcelJs(bytes);
    // The cover, the headline figures, then every table of the page in its order.
    expect(sheets.length).toBe(2 + captions.length);
    const names = sheets.map((s) => s.title);
    expect(names[0]).toBe("Mục lục");
    expect(names[1]).toMatch(/^1\. /);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) {
      expect(n.length, n).toBeLessThanOrEqual(31);
      expect(n, n).not.toMatch(/[/\\?*:[\]]/);
    }
    expect(sheets[0]!.rows[0]![0]).toBe(`Báo cáo kết quả tín dụng chính sách năm ${year}`);
    // The cover lists each sheet by its name.
    const coverHeader = sheets[0]!.rows.findIndex((r) => r[0] === "Trang tính");
    expect(sheets[0]!.rows.slice(coverHeader + 1).map((r) => r[0])).toEqual(names.slice(1));
    for (const s of sheets.slice(1)) {
      expect(s.rows[1]![0], s.title).toBe(`Nguồn: NHCSXH – ${branch}`);
      expect(s.frozenAt, s.title).toMatch(/^B\d+$/);
    }
    // Every table's caption heads a sheet, in the page's order.
    const titles = sheets.slice(2).map((s) => String(s.rows[0]![0]));
    captions.forEach((c, i) => expect(titles[i]!.endsWith(c.trim()), `${titles[i]} / ${c}`).toBe(true));
    // The headline figures: Dư nợ in tỷ đồng, from the loan rows of the report's date.
    const kpi = sheets[1]!;
    const dnRow = kpi.rows.find((r) => r[0] === "Tổng dư nợ")!;
    expect(dnRow[1]).toBe("tỷ đồng");
    const date = String(kpi.rows.find((r) => String(r[0]).startsWith("Số liệu đến ngày"))![0]).slice(-10);
    expect(date).toBe("31/12/2025");
    // A figure shown as «–» is empty in the sheet, with the reason the card gives: the e2e
    // province starts in 09/2025, so 2025 has no sum since 1/1.
    const header = kpi.rows.find((r) => r[0] === "Chỉ tiêu")!;
    const ytd = kpi.rows.find((r) => r[0] === "Doanh số cho vay từ đầu năm")!;
    expect(ytd[2]).toBeNull();
    expect(ytd[header.indexOf("Ghi chú")]).toMatch(/^Chưa có: số từ đầu năm chưa đủ: thiếu số liệu tháng 01–08\/2025 /);
    const iso = `${date.slice(6)}-${date.slice(3, 5)}-${date.slice(0, 2)}`;
    const [{ dn }] = (await query<{ dn: number }>(site.warehouse, `SELECT sum(balance_total)::DOUBLE AS dn FROM raw_hstd WHERE data_date = DATE '${iso}'`)) as [{ dn: number }];
    expect(dnRow[2]).toBeCloseTo(dn / 1e9, 9);

    const office = readWithLibreOffice(bytes);
    if (office) expect([...office.keys()].sort()).toEqual([...names].sort());
    const openpyxl = readWithOpenpyxl(bytes);
    if (openpyxl) expect(openpyxl.map((s) => s.title)).toEqual(names);
    expect(errors).toEqual([]);
    await close();
  });
});
