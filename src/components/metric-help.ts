// «?» beside a metric: how it is computed, its numerator and denominator, and the export columns
// it comes from (dim_metrics). A <details> disclosure: opened by click, touch or keyboard (Enter,
// Space) with nothing but the browser's own behaviour.
import { h } from "../lib/dom.js";
import type { Spec } from "../lib/display.js";

function explanation(s: Spec): HTMLElement {
  const i = s.info;
  return h(
    "dl",
    { class: "metric-help-body" },
    h("dt", null, "Cách tính"),
    h("dd", null, i.definition),
    i.numerator ? [h("dt", null, "Tử số"), h("dd", null, i.numerator)] : null,
    i.denominator ? [h("dt", null, "Mẫu số"), h("dd", null, i.denominator)] : null,
    h("dt", null, "Lấy từ cột"),
    h("dd", null, i.source_fields),
    h("dt", null, "Hiển thị"),
    h("dd", null, `${s.unit}, ${s.digits} chữ số thập phân`),
  );
}

/** The «?» of one metric, to stand beside its name. */
export function metricHelp(s: Spec): HTMLElement {
  return h("details", { class: "metric-help" }, h("summary", { "aria-label": `Cách tính: ${s.name}`, title: `Cách tính: ${s.name}` }, "?"), explanation(s));
}

/** The metrics of a table, each with its «?», under one disclosure below the table. */
export function metricGlossary(specs: Spec[]): HTMLElement {
  return h(
    "details",
    { class: "metric-glossary" },
    h("summary", null, "? Cách tính các chỉ tiêu trong bảng"),
    h(
      "ul",
      null,
      specs.map((s) => h("li", null, h("strong", null, s.name), explanation(s))),
    ),
  );
}
