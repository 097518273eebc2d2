// Entry point of the thin Framework loaders in src/data/: query one publication from the
// warehouse (read-only), check every row against its contract, write Arrow IPC to stdout.
import { z } from "zod";
import { Warehouse, warehousePath } from "../warehouse/connection.js";
import { queryColumns, toArrow } from "./arrow.js";
import { publications, type PublicationName } from "./publications.js";

export async function publicationArrow(db: Warehouse, name: PublicationName): Promise<Uint8Array> {
  const { sql, row } = publications[name];
  const columns = await queryColumns(db, sql);
  const rows = columns.values[0]?.map((_, r) => Object.fromEntries(columns.names.map((n, c) => [n, columns.values[c]![r]]))) ?? [];
  const checked = z.array(row.strict()).safeParse(rows);
  if (!checked.success) throw new Error(`publication ${name} breaks its contract: ${z.prettifyError(checked.error).slice(0, 2000)}`);
  return toArrow(columns);
}

export async function publish(name: PublicationName): Promise<void> {
  const db = await Warehouse.open(warehousePath(), { readOnly: true });
  try {
    process.stdout.write(await publicationArrow(db, name));
  } finally {
    db.close();
  }
}
