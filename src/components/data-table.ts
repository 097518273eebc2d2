// The one table of the site: a caption, columns formatted by lib/format.ts, sorting by any column
// (keyboard-reachable header buttons with aria-sort), an accent-insensitive search, links for
// drilling down, and CSV and Excel downloads of exactly the rows and columns shown.
import { h } from "../lib/dom.js";
import { csvType, save, toCsv, toXlsx, xlsxType, type DownloadColumn } from "../lib/download.js";
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
}

let tables = 0;

export function dataTable<R>(o: TableOptions<R>): HTMLElement {
  const id = `bang-${++tables}`;
  let sortKey = o.sort?.key ?? null;
  let descending = o.sort?.descending ?? false;
  let query = "";

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
  const renderBody = () => {
    const rows = visible();
    body.replaceChildren(
      ...(rows.length === 0 ? [h("tr", null, h("td", { colspan: o.columns.length, class: "empty" }, o.empty ?? "Không có số liệu."))] : []),
      ...rows.map((r) => row(r, false)),
      ...(o.totals ?? []).map((r) => row(r, true)),
    );
  };
  const row = (r: R, total: boolean) =>
    h(
      "tr",
      { class: total ? "total" : null },
      o.columns.map((c, i) => {
        const text = fmt.cell(c.value(r), c);
        const href = c.href?.(r);
        const content = href ? h("a", { href }, text) : text;
        const attrs = { class: [numeric(c) ? "num" : "", c.tone?.(r) ?? ""].filter(Boolean).join(" ") || null };
        return i === 0 ? h("th", { scope: "row", ...attrs }, content) : h("td", attrs, content);
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
      renderBody();
    });
    toolbar.append(h("label", { for: `${id}-tim` }, o.search.label), input);
  }
  const csv = h("button", { type: "button", class: "download", "data-format": "csv" }, "Tải CSV");
  csv.addEventListener("click", () => save(`${o.download}.csv`, toCsv(o.columns, all()), csvType));
  const excel = h("button", { type: "button", class: "download", "data-format": "xlsx" }, "Tải Excel");
  excel.addEventListener("click", () => save(`${o.download}.xlsx`, toXlsx(o.caption, o.columns, all()), xlsxType));
  toolbar.append(h("span", { class: "downloads" }, csv, excel));

  renderBody();
  return h("div", { class: "data-table" }, toolbar, h("div", { class: "table-scroll" }, h("table", { class: "report", id }, h("caption", null, o.caption), thead, body)));
}
