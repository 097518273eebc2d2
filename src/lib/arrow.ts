// Decodes a published Arrow file into plain row objects with apache-arrow from node_modules.
// Pages call FileAttachment("….arrow").arrayBuffer() themselves: Framework reads a bare
// FileAttachment of an .arrow file as a use of .arrow(), which loads apache-arrow from a CDN.
import { tableFromIPC, type Vector } from "apache-arrow";

/** A column's values as a plain array, nulls included (toArray() alone drops them for numbers). */
function values(vector: Vector): unknown[] {
  const out = Array.from(vector.toArray() as ArrayLike<unknown>);
  if (vector.nullCount > 0) for (let i = 0; i < out.length; i++) if (!vector.isValid(i)) out[i] = null;
  return out;
}

/** Column by column: a row proxy's toJSON() per row is several times slower on the larger files. */
export function decodeRows<T>(buffer: ArrayBuffer): T[] {
  const table = tableFromIPC(new Uint8Array(buffer));
  const columns = table.schema.fields.map((f) => [f.name, values(table.getChild(f.name)!)] as const);
  const rows = new Array<T>(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    for (const [name, column] of columns) row[name] = column[r];
    rows[r] = row as T;
  }
  return rows;
}
