// How a load is reported on the command line, and the exit code it earns: every file with what it
// gave, what each of its headers became, what the load replaced (rows before → after per data
// date × PGD area), and which PGD areas a data date lacks.
import type { HeaderInfo } from "../contract/headers.js";
import type { Coverage } from "../ingest/coverage.js";
import type { FileReport, IngestReport } from "../ingest/ingest.js";
import type { Replacement } from "../ingest/replace.js";
import type { UndoReport } from "../ingest/undo.js";

/** A file that gave the warehouse rows, now or in an earlier load. */
const usable = (f: FileReport) => (f.status === "loaded" && f.rowsLoaded > 0) || f.status === "unchanged" || f.status === "duplicate";

/** 1 when nothing usable was loaded (nor already in the warehouse), else 0: bad files alone do not fail a load. */
export function exitCode(report: IngestReport): number {
  return report.files.some(usable) ? 0 : 1;
}

const n = (x: number) => x.toLocaleString("vi-VN");
const vnDate = (iso: string) => iso.split("-").reverse().join("/");

/** Where the time went, when a part of it is worth naming (workbooks to convert, models to rebuild). */
function timing(r: IngestReport): string {
  const parts = [
    r.conversionSeconds >= 0.1 ? `đọc tệp Excel ${r.conversionSeconds.toFixed(1)} s` : "",
    r.modelsRebuilt ? `tính lại chỉ tiêu ${r.modelSeconds.toFixed(1)} s` : "",
  ].filter(Boolean);
  return parts.length ? ` (trong đó ${parts.join(", ")})` : "";
}

export function summary(r: IngestReport, options: { columns?: boolean } = {}): string {
  const by = (s: string) => r.files.filter((f) => f.status === s);
  const rows = by("loaded").reduce((a, f) => ({ loaded: a.loaded + f.rowsLoaded, rejected: a.rejected + f.rowsRejected }), { loaded: 0, rejected: 0 });
  const ignored = by("ignored").length;
  const lines = [
    `Xong sau ${r.seconds.toFixed(1)} s${timing(r)}: ${by("loaded").length} tệp nạp (${n(rows.loaded)} dòng, ` +
      `${n(rows.rejected)} dòng bị loại vào bảng quarantine), ` +
      `${by("unchanged").length + by("duplicate").length} tệp không đổi, ${by("unusable").length} tệp không dùng được` +
      `${by("refused").length ? `, ${by("refused").length} tệp bị từ chối` : ""}${ignored ? `, ${ignored} trang tính bỏ qua` : ""}.`,
  ];
  if (r.files.length === 0) lines.push("Không có tệp xuất nào (*.csv, *.xlsx) trong thư mục.");
  for (const f of [...by("loaded"), ...by("refused")]) {
    // Said only when it is news: a date from a title row, amounts in another unit, unknown columns.
    const about = [
      f.dataDateSource?.startsWith("dòng tiêu đề") ? `ngày số liệu theo ${f.dataDateSource}` : "",
      f.moneyUnit && f.moneyUnit !== "đồng" ? `số tiền ghi bằng ${f.moneyUnit}, đã đổi ra đồng` : "",
    ].filter(Boolean);
    const cols = columnsLine(f.columns ?? []);
    if (f.rowsRejected > 0) {
      lines.push(`  ! ${f.name}: đọc ${n(f.rowsRead)}, nạp ${n(f.rowsLoaded)}, loại ${n(f.rowsRejected)} dòng (lý do từng dòng trong bảng quarantine)`);
      for (const e of f.examples ?? []) lines.push(`      ${e}`);
    }
    if (f.status === "refused") lines.push(`  ✗ ${f.name}: TỪ CHỐI – ${f.message}`);
    else if (f.message) lines.push(`  ! ${f.name}: ${f.message}`);
    if (options.columns && f.rowsSkipped) about.push(`${n(f.rowsSkipped)} dòng không phải dữ liệu (tiêu đề, tổng cộng, ghi chú, chữ ký) để riêng`);
    if (about.length || cols.unknown || options.columns) lines.push(`  · ${f.name}: ${[...about, cols.text].filter(Boolean).join("; ")}`);
    if (options.columns) for (const h of f.columns ?? []) lines.push(`      ${columnLine(h)}`);
  }
  for (const f of by("unusable")) lines.push(`  ✗ ${f.name}: ${f.message}`);
  for (const f of by("ignored")) lines.push(`  – ${f.name}: bỏ qua (${f.message})`);
  lines.push(...replacementLines(r.replacements));
  lines.push(...coverageLines(r.coverage, r.replacements));
  if (exitCode(r) !== 0) lines.push("Không nạp được dữ liệu nào dùng được.");
  return lines.join("\n");
}

/** «dùng 38 cột, bỏ qua 95 cột không cần, 2 cột không nhận ra: «X», «Y»». */
function columnsLine(columns: HeaderInfo[]): { text: string; unknown: number } {
  const count = (...s: HeaderInfo["status"][]) => columns.filter((c) => s.includes(c.status)).length;
  const unknown = columns.filter((c) => c.status === "unknown");
  const parts = [
    `dùng ${count("used")} cột`,
    count("known", "twin", "former", "duplicate") ? `bỏ qua ${count("known", "twin", "former", "duplicate")} cột không cần` : "",
    unknown.length ? `${unknown.length} cột không nhận ra: ${unknown.map((c) => `«${c.header}»`).join(", ")}` : "",
  ];
  return { text: parts.filter(Boolean).join(", "), unknown: unknown.length };
}

const statusWords: Record<HeaderInfo["status"], string> = {
  used: "dùng",
  twin: "bỏ qua",
  known: "bỏ qua",
  former: "bỏ qua",
  duplicate: "bỏ qua",
  unknown: "không nhận ra",
  empty: "trống",
};

function columnLine(h: HeaderInfo): string {
  return `cột ${h.position + 1} «${h.header}»: ${statusWords[h.status]}${h.key && h.status === "used" ? ` (${h.key})` : ""}${h.note ? ` – ${h.note}` : ""}`;
}

function replacementLines(cells: Replacement[]): string[] {
  const replaced = cells.filter((c) => c.before > 0);
  if (replaced.length === 0) return [];
  const out = ["Đã thay thế (số dòng trước → sau; số liệu cũ giữ lại, hoàn tác bằng npm run warehouse -- --undo):"];
  for (const c of replaced.slice(0, 40)) {
    out.push(`  ${c.refused ? "✗" : "↻"} ${c.kind.toUpperCase()} ${c.scope}: ${n(c.before)} → ${n(c.after)}${c.refused ? " (từ chối, giữ như cũ)" : ""}${c.filesBefore ? ` (thay ${c.filesBefore})` : ""}`);
  }
  if (replaced.length > 40) out.push(`  … và ${replaced.length - 40} phạm vi khác (bảng ingest_replacements)`);
  return out;
}

/**
 * The loan listings' data date × PGD area: a matrix for the dates this load touched (when few),
 * and every date that lacks a PGD area its neighbouring dates have.
 */
function coverageLines(coverage: Coverage, cells: Replacement[]): string[] {
  const touched = [...new Set(cells.filter((c) => c.kind === "hstd" && c.dataKey).map((c) => c.dataKey!))].sort();
  const out: string[] = [];
  const pgds = [...new Set(coverage.cells.map((c) => c.pgd))].sort();
  const at = (d: string, p: string) => coverage.cells.find((c) => c.date === d && c.pgd === p);
  if (touched.length > 0 && touched.length <= 6 && pgds.length > 0) {
    out.push("Sao kê dư nợ theo ngày số liệu × PGD (số món vay; – là chưa có tệp):");
    out.push(`  ${"PGD".padEnd(28)}${touched.map((d) => vnDate(d).padStart(12)).join("")}`);
    for (const p of pgds) {
      const name = `${p} ${coverage.names.get(p) ?? ""}`.slice(0, 27).padEnd(28);
      out.push(`  ${name}${touched.map((d) => (at(d, p)?.loans ? n(at(d, p)!.loans) : at(d, p)?.missing ? "THIẾU" : "–").padStart(12)).join("")}`);
    }
  } else if (touched.length > 6) {
    out.push(`Sao kê dư nợ: ${touched.length} ngày số liệu được nạp, từ ${vnDate(touched[0]!)} đến ${vnDate(touched[touched.length - 1]!)}.`);
  }
  const gaps = coverage.cells.filter((c) => c.missing);
  const byDate = new Map<string, string[]>();
  for (const g of gaps) byDate.set(g.date, [...(byDate.get(g.date) ?? []), `${g.pgd}${coverage.names.get(g.pgd) ? ` ${coverage.names.get(g.pgd)}` : ""}`]);
  for (const [d, list] of byDate) {
    out.push(`  ! Ngày ${vnDate(d)} THIẾU sao kê của ${list.length} PGD mà các ngày liền kề có: ${list.join(", ")}. Tổng toàn tỉnh của ngày này chưa đủ cho đến khi nạp các tệp ấy.`);
  }
  return out;
}

export function undoSummary(u: UndoReport): string {
  const lines = [`Đã hoàn tác lần nạp số ${u.runId} (${u.startedAt}).`];
  if (u.removed.length) lines.push(`  Bỏ số liệu của ${u.removed.length} tệp: ${u.removed.join(", ")}`);
  if (u.restored.length) lines.push(`  Lấy lại số liệu của ${u.restored.length} tệp: ${u.restored.join(", ")}`);
  for (const c of u.changes) lines.push(`  ${c.kind.toUpperCase()} ${c.dataKey ?? ""}: ${n(c.before)} → ${n(c.after)} dòng`);
  return lines.join("\n");
}
