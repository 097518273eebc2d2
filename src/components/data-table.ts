// The one table of the site: a caption, columns formatted by lib/format.ts, sorting by any column
// (keyboard-reachable header buttons with aria-sort), an accent-insensitive search, links for
// drilling down, rows shown a page at a time, and CSV and Excel downloads of every row that
// matches the search (not only the page shown), in the order shown. The key columns come first
// and the first column stays in view when a wide table scrolls sideways (phones); the table's
// sheet is attached to it, so the page's «whole report» workbook can take it too.
import { h } from "../lib/dom.js";
import { attachSheet, cellText, csvType, fileName, reportContext, save, toCsv, toXlsx, type DownloadColumn, type ReportMeta, type SheetSpec, xlsxType } from "../lib/download.js";
import * as fmt from "../lib/format.js";
import { matches } from "../lib/text.js";

export interface TableColumn<R> extends DownloadColumn<R> {
  key: string;
  /** On-screen heading when a group heading already names the column (label stays for downloads). */
  short?: string;
  /** Columns that share a heading above their own (e.g. "Dư nợ (tỷ đồng)" over "Số liệu", "±"). */
  group?: string;
  href?: (row: R) => string | null;
  tone?: (row: R) => "good" | "bad" | "";
  /** Long text (notes, reasons) may wrap; other text stays on one line. */
  wrap?: boolean;
  /** Why a cell is «–» (the cell's tooltip; pages also say it below the table). */
  note?: (row: R) => string | null;
}

export interface TableOptions<R> {
  caption: string;
  columns: TableColumn<R>[];
  rows: R[];
  /** Rows kept below the others whatever the sort, such as the province total. */
  totals?: R[];
  /** File name (without extension) of the downloads. */
  download: string;
  search?: { label: string; text: (row: R) => string };
  sort?: { key: string; descending?: boolean };
  empty?: string;
  /** Rows shown at first and added by "Xem thêm" (default 50). */
  pageSize?: number;
  /** Keys of the key columns, brought forward in this order (with the columns sharing their group). */
  lead?: string[];
  /** What the downloads say above the table; the page's context (setReportContext) fills the rest,
   * and the table's filters follow the page's (a filter only this table applies). */
  meta?: Partial<ReportMeta>;
}

/** The columns with the key ones first: a column group moves as a whole, the first column stays first. */
function leadColumns<C extends { key: string; group?: string }>(columns: C[], lead: string[] = []): C[] {
  const blocks: C[][] = [];
  for (const c of columns) {
    const last = blocks[blocks.length - 1];
    if (last && c.group && last[0]!.group === c.group) last.push(c);
    else blocks.push([c]);
  }
  const [first, ...rest] = blocks;
  if (!first) return columns;
  const rank = (b: C[]) => Math.min(...b.map((c) => (lead.includes(c.key) ? lead.indexOf(c.key) : Infinity)));
  const ordered = rest.map((b, i) => ({ b, i, r: rank(b) })).sort((x, y) => x.r - y.r || x.i - y.i);
  return [...first, ...ordered.flatMap((x) => x.b)];
}

let tables = 0;

/** A change that rounds to zero is shown as 0 and coloured as neither good nor bad. */
const zero = /^[−+]?0([.,]0+)?%?$/;

export function dataTable<R>(options: TableOptions<R>): HTMLElement {
  const o = { ...options, columns: leadColumns(options.columns, options.lead) };
  const id = `bang-${++tables}`;
  const pageSize = o.pageSize ?? 50;
  let sortKey = o.sort?.key ?? null;
  let descending = o.sort?.descending ?? false;
  let query = "";
  let shown = pageSize;

  const visible = (): R[] => {
    const rows = o.search && query ? o.rows.filter((r) => matches(o.search!.text(r), query)) : [...o.rows];
    const col = o.columns.find((c) => c.key === sortKey);
    if (col) {
      rows.sort((a, b) => {
        const x = col.value(a);
        const y = col.value(b);
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "vi");
        return descending ? -order : order;
      });
    }
    return rows;
  };
  const all = () => [...visible(), ...(o.totals ?? [])];

  const numeric = (c: TableColumn<R>) => c.kind !== "text" && c.kind !== "date";
  const body = h("tbody");
  const status = h("p", { class: "table-status", "aria-live": "polite" });
  const more = h("button", { type: "button", class: "download" }, `Xem thêm ${fmt.number(pageSize)} dòng`);
  const everything = h("button", { type: "button", class: "download" }, "Xem tất cả");
  const pager = h("div", { class: "table-pager" }, status, more, everything);
  const renderBody = () => {
    const rows = visible();
    const page = rows.slice(0, shown);
    body.replaceChildren(
      ...(rows.length === 0 ? [h("tr", null, h("td", { colspan: o.columns.length, class: "empty" }, o.empty ?? "Không có số liệu."))] : []),
      ...page.map((r) => row(r, false)),
      ...(o.totals ?? []).map((r) => row(r, true)),
    );
    const hidden = rows.length - page.length;
    pager.hidden = hidden <= 0;
    status.textContent = `Đang hiện ${fmt.number(page.length)} trên ${fmt.number(rows.length)} dòng.`;
    more.textContent = `Xem thêm ${fmt.number(Math.min(pageSize, hidden))} dòng`;
  };
  more.addEventListener("click", () => {
    shown += pageSize;
    renderBody();
  });
  everything.addEventListener("click", () => {
    shown = Infinity;
    renderBody();
  });
  const row = (r: R, total: boolean) =>
    h(
      "tr",
      { class: total ? "total" : null },
      o.columns.map((c, i) => {
        const text = cellText(c, r);
        const href = c.href?.(r);
        const content = href ? h("a", { href }, text) : text;
        const tone = zero.test(text) ? "" : (c.tone?.(r) ?? "");
        const classes = [numeric(c) ? "num" : c.wrap ? "wrap" : "text", tone].filter(Boolean).join(" ");
        const title = text === fmt.DASH ? (c.note?.(r) ?? null) : null;
        return i === 0 ? h("th", { scope: "row", class: classes, title }, content) : h("td", { class: classes, title }, content);
      }),
    );

  const headers = o.columns.map((c) => {
    const button = h("button", { type: "button", class: "sort", "aria-label": `Sắp xếp theo ${c.label}` }, c.short ?? c.label);
    const th = h("th", { scope: "col", class: numeric(c) ? "num" : null }, button);
    button.addEventListener("click", () => {
      descending = sortKey === c.key ? !descending : numeric(c);
      sortKey = c.key;
      for (const other of headers) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      renderBody();
    });
    if (c.key === sortKey) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    return th;
  });
  const grouped = o.columns.some((c) => c.group);
  const thead = h("thead");
  if (grouped) {
    const top: HTMLElement[] = [];
    for (let i = 0; i < o.columns.length; ) {
      const g = o.columns[i]!.group;
      let span = 1;
      while (g && o.columns[i + span]?.group === g) span++;
      top.push(h("th", { scope: g ? "colgroup" : null, colspan: span > 1 ? span : null }, g ?? ""));
      i += span;
    }
    thead.append(h("tr", { class: "group" }, top));
  }
  thead.append(h("tr", null, headers));

  const toolbar = h("div", { class: "table-tools" });
  if (o.search) {
    const input = h("input", { type: "search", id: `${id}-tim`, placeholder: "Gõ không dấu cũng được" });
    input.addEventListener("input", () => {
      query = input.value;
      shown = pageSize;
      renderBody();
    });
    toolbar.append(h("label", { for: `${id}-tim` }, o.search.label), input);
  }
  const sheet = (): SheetSpec<R> => {
    const page = reportContext();
    const filters = [...(page.filters ?? []), ...(o.meta?.filters ?? [])];
    return { meta: { ...page, ...o.meta, filters, title: o.meta?.title ?? o.caption }, columns: o.columns, rows: all() };
  };
  const csv = h("button", { type: "button", class: "download", "data-format": "csv" }, "Tải CSV");
  csv.addEventListener("click", () => save(`${fileName(o.download)}.csv`, toCsv(o.columns, all()), csvType));
  const excel = h("button", { type: "button", class: "download", "data-format": "xlsx" }, "Tải Excel");
  excel.addEventListener("click", async () => {
    excel.setAttribute("aria-busy", "true");
    try {
      save(`${fileName(o.download)}.xlsx`, await toXlsx(sheet()), xlsxType);
    } catch (e) {
      status.textContent = `Không tạo được tệp Excel: ${(e as Error).message}`;
      pager.hidden = false;
    } finally {
      excel.removeAttribute("aria-busy");
    }
  });
  toolbar.append(h("span", { class: "downloads", role: "group", "aria-label": `Tải bảng: ${o.caption}` }, csv, excel));

  renderBody();
  // Printing (the annual review on paper) shows every row.
  const printAll = () => {
    if (!body.isConnected) return removeEventListener("beforeprint", printAll);
    shown = Infinity;
    renderBody();
  };
  addEventListener("beforeprint", printAll);
  const root = h(
    "div",
    { class: "data-table" },
    toolbar,
    h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": o.caption }, h("table", { class: "report", id }, h("caption", null, o.caption), thead, body)),
    pager,
  );
  attachSheet(root, sheet);
  return root;
}
