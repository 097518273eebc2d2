// Query results as Apache Arrow IPC for the pages: strings dictionary-encoded (slices, codes and
// dates repeat) with the narrowest index their count of distinct values allows, numbers as
// Float64. node-api has no Arrow output, and the published tables are small aggregates, so
// building the vectors here costs little.
import { Bool, Dictionary, Float64, Int16, Int32, Int8, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from "apache-arrow";
import { DuckDBTypeId } from "@duckdb/node-api";
import type { Warehouse } from "../warehouse/connection.js";

export interface QueryColumns {
  names: string[];
  values: unknown[][];
}

export async function queryColumns(db: Warehouse, sql: string, params?: Record<string, string>): Promise<QueryColumns> {
  const reader = await db.conn.runAndReadAll(sql, params);
  const types = reader.columnTypes();
  const names = reader.columnNames();
  // With no rows node-api returns no columns at all.
  const raw = reader.getColumnsJS();
  const values = names.map((_, i) => raw[i] ?? []).map((column, i) => {
    const id = types[i]!.typeId;
    if (id === DuckDBTypeId.BIGINT || id === DuckDBTypeId.HUGEINT || id === DuckDBTypeId.UBIGINT) {
      return column.map((v) => (v === null ? null : Number(v)));
    }
    if (id === DuckDBTypeId.DATE || id === DuckDBTypeId.TIMESTAMP) {
      throw new Error(`column ${names[i]}: cast dates to VARCHAR (yyyy-mm-dd) in the publication query`);
    }
    return column;
  });
  return { names, values };
}

export function toArrow({ names, values }: QueryColumns): Uint8Array {
  const vectors: Record<string, Vector> = {};
  names.forEach((name, i) => {
    const column = values[i]!;
    const sample = column.find((v) => v !== null && v !== undefined);
    if (typeof sample === "string" || sample === undefined) {
      const distinct = new Set(column).size;
      const index = distinct <= 127 ? new Int8() : distinct <= 32767 ? new Int16() : new Int32();
      vectors[name] = vectorFromArray(column as (string | null)[], new Dictionary(new Utf8(), index));
    } else if (typeof sample === "boolean") {
      vectors[name] = vectorFromArray(column as (boolean | null)[], new Bool());
    } else {
      vectors[name] = vectorFromArray(column as (number | null)[], new Float64());
    }
  });
  return tableToIPC(new Table(vectors), "file");
}
