// What a load replaces: exactly the scope cells (data date × PGD area, year × union …) its files'
// loaded rows fall in. Earlier rows of those cells move to raw_<kind>__superseded (kept for
// `--undo`), except rows whose key a new file rejected: a re-sent file's bad row never deletes the
// good row it was meant to replace. A cell that would shrink by more than the configured share is
// not replaced: the files that bring it are refused with the numbers, unless the user confirms.
import { columnsOf, type ExportKind } from "../contract/exports.js";
import type { Warehouse } from "../warehouse/connection.js";
import { rawTable, supersededTable } from "../warehouse/schema.js";
import { scopeKey, uniqueKey } from "./read-files.js";

export interface Replacement {
  kind: string;
  /** The cell in words: «31/12/2025 · PGD 005101». */
  scope: string;
  dataKey: string | null;
  pgdCode: string | null;
  before: number;
  after: number;
  /** The files the rows before came from. */
  filesBefore: string;
  refused: boolean;
}

export interface ShrinkRule {
  maxShrinkPct: number;
  minShrinkRows: number;
  /** The user confirmed shrinking (--cho-phep-giam). */
  allowed: boolean;
}

const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** SQL, over a row, of the value to show for each scope expression ("31/12/2025", "005101"). */
function scopeLabel(kind: ExportKind): string {
  const columns = columnsOf(kind);
  const parts = kind.scope.map((s) => {
    const c = columns.find((c) => c.key === s);
    if (c?.type === "date") return `strftime(${s}, '%d/%m/%Y')`;
    if (s === "pgd_code") return `'PGD ' || coalesce(pgd_code, '(trống)')`;
    if (s === "union_code") return `'Hội ' || coalesce(union_code, 'chung')`;
    return `coalesce((${s})::VARCHAR, '(trống)')`;
  });
  return `concat_ws(' · ', ${parts.join(", ")})`;
}

/**
 * Replaces the cells the run's files of one kind cover. Returns the cells (before → after), and
 * the files refused because a cell they bring would shrink too much.
 */
export async function replaceCells(
  db: Warehouse,
  kind: ExportKind,
  runId: number,
  ids: number[],
  rule: ShrinkRule,
): Promise<{ cells: Replacement[]; refused: Map<number, string> }> {
  const table = rawTable(kind);
  const mine = `_file_id IN (${ids.join(", ")})`;
  const cellOf = scopeKey(kind);
  const hasPgd = kind.scope.includes("pgd_code");
  const dataKey = kind.dataKey ? `(${kind.dataKey})::VARCHAR` : "NULL";
  await db.run(`CREATE OR REPLACE TEMP TABLE new_cells AS
    SELECT ${cellOf} AS cell, any_value(${scopeLabel(kind)}) AS label, any_value(${dataKey}) AS data_key,
      ${hasPgd ? "any_value(pgd_code)" : "NULL::VARCHAR"} AS pgd_code, count(*) AS rows_new, list(DISTINCT _file_id) AS files
    FROM ${table} WHERE ${mine} GROUP BY 1`);
  // Rows of earlier loads in those cells, less those a new file rejected (kept as they were).
  const oldCell = scopeKey(kind, "t");
  await db.run(`CREATE OR REPLACE TEMP TABLE old_rows AS
    SELECT t.rowid AS rid, ${oldCell} AS cell, t._file_id AS file_id,
      ${oldCell} || chr(0) || ${uniqueKey(kind, "t")} IN (SELECT cell || chr(0) || ukey FROM rejected_keys WHERE file_id IN (${ids.join(", ")})) AS kept
    FROM ${table} t WHERE NOT t.${mine} AND ${oldCell} IN (SELECT cell FROM new_cells)`);
  const cells = await db.all<{ cell: string; label: string; data_key: string | null; pgd_code: string | null; before: number; kept: number; rows_new: number; files: number[]; files_before: string | null }>(`
    SELECT n.cell, n.label, n.data_key, n.pgd_code, coalesce(o.before, 0)::BIGINT AS before, coalesce(o.kept, 0)::BIGINT AS kept,
      n.rows_new::BIGINT AS rows_new, n.files, o.files_before
    FROM new_cells n LEFT JOIN (
      SELECT cell, count(*) AS before, count(*) FILTER (WHERE kept) AS kept,
        string_agg(DISTINCT f.file_name, ', ' ORDER BY f.file_name) AS files_before
      FROM old_rows o JOIN ingest_files f ON f.file_id = o.file_id GROUP BY cell) o USING (cell)
    ORDER BY n.label`);
  const refused = new Map<number, string>();
  const out: Replacement[] = [];
  for (const c of cells) {
    const after = c.rows_new + c.kept;
    const shrink = c.before - after;
    const tooMuch = c.before > 0 && shrink > c.before * (rule.maxShrinkPct / 100) && shrink >= rule.minShrinkRows;
    if (tooMuch && !rule.allowed) {
      const pct = Math.round((100 * shrink) / c.before);
      for (const id of c.files) {
        const why = `${c.label}: đang có ${fmt(c.before)} dòng, tệp này chỉ mang ${fmt(after)} (giảm ${pct} %, quá ${rule.maxShrinkPct} %); không thay thế. Nếu đúng là muốn thay, chạy lại với --cho-phep-giam`;
        refused.set(id, [refused.get(id), why].filter(Boolean).join("; "));
      }
    }
    out.push({ kind: kind.kind, scope: c.label, dataKey: c.data_key, pgdCode: c.pgd_code, before: c.before, after, filesBefore: c.files_before ?? "", refused: tooMuch && !rule.allowed });
  }
  if (refused.size > 0) {
    // The refused files' rows go; the cells they alone brought stay as they were.
    await db.run(`DELETE FROM ${table} WHERE _file_id IN (${[...refused.keys()].join(", ")})`);
    const rest = ids.filter((id) => !refused.has(id));
    const again = rest.length ? await replaceCells(db, kind, runId, rest, rule) : { cells: [], refused: new Map() };
    const kept = out.filter((c) => c.refused).map((c) => ({ ...c, after: c.before }));
    return { cells: [...again.cells, ...kept], refused: new Map([...refused, ...again.refused]) };
  }
  const moved = `rowid IN (SELECT rid FROM old_rows WHERE NOT kept)`;
  await db.run(`INSERT INTO ${supersededTable(kind)} BY NAME SELECT *, ${runId} AS _superseded_run FROM ${table} WHERE ${moved}`);
  await db.run(`DELETE FROM ${table} WHERE ${moved}`);
  // Earlier files with no rows left are superseded; their quarantine stays, for --undo.
  await db.run(`UPDATE ingest_files SET status = 'superseded', superseded_run = ${runId}
    WHERE kind = ${lit(kind.kind)} AND status = 'loaded' AND file_id NOT IN (${ids.join(", ")})
      AND file_id IN (SELECT DISTINCT file_id FROM old_rows) AND file_id NOT IN (SELECT DISTINCT _file_id FROM ${table})`);
  return { cells: out, refused };
}

const fmt = (n: number) => n.toLocaleString("vi-VN");
