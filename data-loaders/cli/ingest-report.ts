// How a load is reported on the command line, and the exit code it earns.
import type { IngestReport } from "../ingest/ingest.js";

/** 0 all files usable, 2 some unusable (the rest loaded), 1 nothing usable. */
export function exitCode(report: IngestReport): number {
  const unusable = report.files.filter((f) => f.status === "unusable").length;
  const usable = report.files.length - unusable;
  if (report.files.length === 0 || usable === 0) return 1;
  return unusable > 0 ? 2 : 0;
}

export function summary(r: IngestReport): string {
  const by = (s: string) => r.files.filter((f) => f.status === s);
  const rows = by("loaded").reduce((a, f) => ({ loaded: a.loaded + f.rowsLoaded, rejected: a.rejected + f.rowsRejected }), { loaded: 0, rejected: 0 });
  const lines = [
    `Xong sau ${r.seconds.toFixed(1)} s: ${by("loaded").length} tệp nạp (${n(rows.loaded)} dòng, ` +
      `${n(rows.rejected)} dòng bị loại vào bảng quarantine), ` +
      `${by("unchanged").length + by("duplicate").length} tệp không đổi, ${by("unusable").length} tệp không dùng được.`,
  ];
  if (r.files.length === 0) lines.push("Không có tệp xuất nào (*.csv) trong thư mục.");
  for (const f of by("loaded").filter((f) => f.rowsRejected > 0)) {
    lines.push(`  ! ${f.name}: đọc ${n(f.rowsRead)}, nạp ${n(f.rowsLoaded)}, loại ${n(f.rowsRejected)} dòng (lý do từng dòng trong bảng quarantine)`);
  }
  for (const f of by("unusable")) lines.push(`  ✗ ${f.name}: ${f.message}`);
  return lines.join("\n");
}

const n = (x: number) => x.toLocaleString("vi-VN");
