// Where a drilled-down page sits, with a way back up: Toàn tỉnh › PGD … › Xã …
import { h } from "../lib/dom.js";

export interface Crumb {
  label: string;
  href?: string;
}

export function breadcrumbs(crumbs: Crumb[]): HTMLElement {
  return h(
    "nav",
    { class: "breadcrumbs", "aria-label": "Vị trí trang" },
    h(
      "ol",
      null,
      crumbs.map((c, i) => h("li", null, c.href && i < crumbs.length - 1 ? h("a", { href: c.href }, c.label) : h("span", { "aria-current": i === crumbs.length - 1 ? "page" : null }, c.label))),
    ),
  );
}
