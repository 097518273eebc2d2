// Writes the README's reference of the export files and the metric codes from the contract
// (data-loaders/contract/exports.ts) and the catalogue (sql/seeds/ref_metrics.csv), between the
// markers <!-- export-reference:start --> and <!-- export-reference:end -->.
// npm run docs; tests/docs checks the README is current.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { columnTypeLabel } from "../data-loaders/contract/columns.js";
import { columnsOf, exportKinds } from "../data-loaders/contract/exports.js";
import { splitCsvLine } from "../data-loaders/ingest/csv-sniff.js";
import { projectRoot } from "../data-loaders/warehouse/connection.js";

const START = "<!-- export-reference:start -->";
const END = "<!-- export-reference:end -->";
export const readmePath = join(projectRoot, "README.md");

const cell = (s: string) => s.replace(/\|/g, "\\|");

export function exportReference(): string {
  const out: string[] = [];
  for (const kind of exportKinds) {
    out.push(`#### ${kind.title}`, "");
    out.push(`Tệp ví dụ \`${kind.fileName}\`; ${kind.grain}.`);
    out.push(`Một tệp thay thế đúng phần nó mang: ${kind.scopeLabel}.`);
    out.push("", "| Cột | Bắt buộc | Kiểu | Nội dung |", "|---|---|---|---|");
    for (const c of columnsOf(kind)) {
      const required = c.required ? (c.nullable ? "có cột (ô được trống)" : "có") : "không";
      const notes = [c.description, c.aliases?.length ? `tên khác: ${c.aliases.map((a) => `«${a}»`).join(", ")}` : "", c.personal ? "**thông tin cá nhân**: chỉ ở trong kho, không bao giờ lên trang" : ""];
      const type = columnTypeLabel(c);
      out.push(`| ${cell(c.header)} | ${required} | ${type} | ${cell(notes.filter(Boolean).join("; "))} |`);
    }
    out.push("");
  }
  out.push("#### Mã chỉ tiêu (cột «Mã chỉ tiêu» của tệp CHITIEU)", "", "| Mã | Chỉ tiêu | Đơn vị ghi trong tệp chỉ tiêu | Tốt hơn khi |", "|---|---|---|---|");
  const lines = readFileSync(join(projectRoot, "sql/seeds/ref_metrics.csv"), "utf8").trim().split("\n");
  const header = splitCsvLine(lines[0]!, ",");
  for (const line of lines.slice(1)) {
    const m = Object.fromEntries(splitCsvLine(line, ",").map((v, i) => [header[i], v]));
    const better = { higher: "cao hơn", lower: "thấp hơn", neutral: "–" }[m.better as string];
    out.push(`| \`${m.metric_code}\` | ${m.name_vi} | ${m.target_unit} | ${better} |`);
  }
  return out.join("\n");
}

export function withReference(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${exportReference()}\n${readme.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(readmePath, withReference(readFileSync(readmePath, "utf8")));
  console.error("README.md: đã cập nhật bảng tệp xuất và mã chỉ tiêu.");
}
