// Entry point of the thin Framework loaders in src/data/: query one publication from the
// warehouse (read-only), check every row against its mart's contract, write Arrow IPC to stdout.
import { parseArgs } from "node:util";
import { z } from "zod";
import { Warehouse, warehousePath } from "../warehouse/connection.js";
import { queryColumns, toArrow } from "./arrow.js";
import { martContracts } from "./contracts.js";
import { publications, type Publication, type PublicationName } from "./publications.js";

export async function publicationArrow(db: Warehouse, name: PublicationName, params: Record<string, string> = {}): Promise<Uint8Array> {
  const publication: Publication = publications[name];
  const { mart, sql } = publication;
  const expected = publication.params ?? {};
  for (const [key, form] of Object.entries(expected)) {
    if (!form.test(params[key] ?? "")) throw new Error(`publication ${name}: parameter ${key} = ${JSON.stringify(params[key])} is not of the form ${form}`);
  }
  const keys = Object.keys(expected);
  const columns = await queryColumns(db, sql, keys.length ? Object.fromEntries(keys.map((k) => [k, params[k]!])) : undefined);
  const contract: z.ZodObject<Record<string, z.ZodType>> = martContracts[mart];
  const unknown = columns.names.filter((n) => !(n in contract.shape));
  if (unknown.length) throw new Error(`publication ${name} selects columns its mart ${mart} does not declare: ${unknown.join(", ")}`);
  const row = z.strictObject(Object.fromEntries(columns.names.map((n) => [n, contract.shape[n]!])));
  const rows = columns.values[0]?.map((_, r) => Object.fromEntries(columns.names.map((n, c) => [n, columns.values[c]![r]]))) ?? [];
  const checked = z.array(row).safeParse(rows);
  if (!checked.success) throw new Error(`publication ${name} breaks the contract of ${mart}: ${z.prettifyError(checked.error).slice(0, 2000)}`);
  return toArrow(columns);
}

/** Framework passes a parameterized loader its route parameters as --name=value flags. */
export async function publish(name: PublicationName): Promise<void> {
  const publication: Publication = publications[name];
  const options = Object.fromEntries(Object.keys(publication.params ?? {}).map((k) => [k, { type: "string" as const }]));
  const { values } = parseArgs({ options, strict: false });
  const db = await Warehouse.open(warehousePath(), { readOnly: true });
  try {
    process.stdout.write(await publicationArrow(db, name, values as Record<string, string>));
  } finally {
    db.close();
  }
}
