// One click for the whole report: every table (and block of headline figures) the page shows, one
// sheet each with its title block, after a cover sheet naming the report, its date, source and
// sheets. Sheets are named after their section («2. Kết quả theo Hội …») so the workbook reads in
// the page's order.
import { h } from "../lib/dom.js";
import { fileName, reportContext, save, sheetNames, sheetsIn, workbook, xlsxType, type ReportMeta, type SheetSpec } from "../lib/download.js";

export interface ReportDownloadOptions {
  /** Title of the report, on the cover sheet. */
  title: string;
  /** File name without extension. */
  download: string;
  /** The part of the page whose tables go in (default: the page's main content). */
  root?: () => ParentNode | null;
  meta?: Partial<ReportMeta>;
}

/** The section heading (h2) above an element: «2. Kết quả theo Hội đoàn thể nhận ủy thác». */
function sectionOf(el: Element, headings: Element[]): string | null {
  let found: Element | null = null;
  for (const hd of headings) if (hd.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) found = hd;
  return found?.textContent?.trim() || null;
}

/** The sheets of the report: the cover, then one per table in the order shown. */
function reportSheets(o: ReportDownloadOptions): SheetSpec<any>[] {
  const root = o.root?.() ?? document.querySelector("main") ?? document.body;
  const headings = [...root.querySelectorAll("h2")];
  const meta = { ...reportContext(), ...o.meta, title: o.title };
  const named = sheetsIn(root).map(({ element, sheet }) => {
    const section = sectionOf(element, headings);
    const number = section?.match(/^(\d+)\./)?.[1];
    const title = sheet.meta.title;
    const name = sheet.name ?? title;
    return { ...sheet, name: number ? `${number}. ${name}` : name, meta: { ...meta, ...sheet.meta, title: section && !title.startsWith(section) ? `${section} – ${title}` : title } };
  });
  const [coverName, ...names] = sheetNames(["Mục lục", ...named.map((s) => s.name)]);
  interface Entry { sheet: string; content: string }
  const cover: SheetSpec<Entry> = {
    name: coverName,
    meta: { ...meta, unit: "Đơn vị: ghi ở từng trang tính." },
    columns: [
      { label: "Trang tính", kind: "text", value: (e) => e.sheet },
      { label: "Nội dung", kind: "text", value: (e) => e.content },
    ],
    rows: named.map((s, i) => ({ sheet: names[i]!, content: s.meta.title })),
  };
  return [cover, ...named.map((s, i) => ({ ...s, name: names[i]! }))];
}

export function reportDownload(o: ReportDownloadOptions): HTMLElement {
  const button = h("button", { type: "button", class: "download", "data-format": "report-xlsx" }, "Tải cả báo cáo (Excel)");
  const status = h("span", { class: "download-status", role: "status" });
  button.addEventListener("click", async () => {
    button.setAttribute("aria-busy", "true");
    status.textContent = "Đang tạo tệp…";
    try {
      const sheets = reportSheets(o);
      save(`${fileName(o.download)}.xlsx`, await workbook(sheets), xlsxType);
      status.textContent = `Đã tạo tệp: ${sheets.length - 1} bảng.`;
    } catch (e) {
      status.textContent = `Không tạo được tệp Excel: ${(e as Error).message}`;
    } finally {
      button.removeAttribute("aria-busy");
    }
  });
  return h("span", { class: "report-download" }, button, status);
}
