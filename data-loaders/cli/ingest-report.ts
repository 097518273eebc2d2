// How a load is reported on the command line, and the exit code it earns.
import type { FileReport, IngestReport } from "../ingest/ingest.js";

/** A file that gave the warehouse rows, now or in an earlier load. */
const usable = (f: FileReport) => (f.status === "loaded" && f.rowsLoaded > 0) || f.status === "unchanged" || f.status === "duplicate";

/** 1 when nothing usable was loaded (nor already in the warehouse), else 0: bad files alone do not fail a load. */
export function exitCode(report: IngestReport): number {
  return report.files.some(usable) ? 0 : 1;
}

export function summary(r: IngestReport): string {
  const by = (s: string) => r.files.filter((f) => f.status === s);
  const rows = by("loaded").reduce((a, f) => ({ loaded: a.loaded + f.rowsLoaded, rejected: a.rejected + f.rowsRejected }), { loaded: 0, rejected: 0 });
  const ignored = by("ignored").length;
  const lines = [
    `Xong sau ${r.seconds.toFixed(1)} s: ${by("loaded").length} tệp nạp (${n(rows.loaded)} dòng, ` +
      `${n(rows.rejected)} dòng bị loại vào bảng quarantine), ` +
      `${by("unchanged").length + by("duplicate").length} tệp không đổi, ${by("unusable").length} tệp không dùng được` +
      `${ignored ? `, ${ignored} trang tính bỏ qua` : ""}.`,
  ];
  if (r.files.length === 0) lines.push("Không có tệp xuất nào (*.csv, *.xlsx) trong thư mục.");
  for (const f of by("loaded").filter((f) => f.rowsRejected > 0 || f.message)) {
    if (f.rowsRejected > 0) {
      lines.push(`  ! ${f.name}: đọc ${n(f.rowsRead)}, nạp ${n(f.rowsLoaded)}, loại ${n(f.rowsRejected)} dòng (lý do từng dòng trong bảng quarantine)`);
      for (const e of f.examples ?? []) lines.push(`      ${e}`);
    }
    if (f.message) lines.push(`  ! ${f.name}: ${f.message}`);
  }
  for (const f of by("unusable")) lines.push(`  ✗ ${f.name}: ${f.message}`);
  for (const f of by("ignored")) lines.push(`  – ${f.name}: bỏ qua (${f.message})`);
  if (exitCode(r) !== 0) lines.push("Không nạp được dữ liệu nào dùng được.");
  return lines.join("\n");
}

const n = (x: number) => x.toLocaleString("vi-VN");
