// Column builders for the export contract. Each builder returns a zod schema for the parsed value
// and attaches the metadata that drives header matching, the raw table DDL, SQL parsing and the
// README reference table.
import { z } from "zod";

export type ColumnType = "code" | "text" | "date" | "money" | "decimal" | "integer";

/** Reference tables (sql/seeds/ref_*.csv) a code column must match. */
export type RefTable =
  | "unions"
  | "programmes"
  | "funding_sources"
  | "rating_classes"
  | "handling_cases"
  | "metrics"
  | "inspection_levels"
  | "risk_measures";

export interface ColumnMeta {
  /** Header as the core system exports it. */
  header: string;
  /** Other spellings seen in exports; matched after the same normalisation. */
  aliases?: string[];
  type: ColumnType;
  /** The file must have this column. */
  required: boolean;
  /** Cells may be empty (always true for optional columns). */
  nullable: boolean;
  /** Digits of a numeric code; shorter values get their lost leading zeros back. */
  digits?: number;
  /** Personal data: kept in the raw table only, never selected by a model. */
  personal?: boolean;
  ref?: RefTable;
  description: string;
}

interface Options {
  aliases?: string[];
  digits?: number;
  personal?: boolean;
  ref?: RefTable;
  /** The column may be missing from the file. */
  optional?: boolean;
  /** The column must be there, but cells may be empty. */
  nullable?: boolean;
}

export type Column = z.ZodType & { meta(): ColumnMeta };

function build<T extends z.ZodType>(schema: T, type: ColumnType, header: string, description: string, o: Options = {}) {
  const nullable = Boolean(o.optional || o.nullable);
  const meta: ColumnMeta = { header, type, required: !o.optional, nullable, description };
  if (o.aliases) meta.aliases = o.aliases;
  if (o.digits) meta.digits = o.digits;
  if (o.personal) meta.personal = true;
  if (o.ref) meta.ref = o.ref;
  const s = nullable ? schema.nullable() : schema;
  return s.meta(meta as unknown as Record<string, unknown>) as unknown as Column;
}

export const col = {
  code: (header: string, description: string, o: Options = {}) =>
    build(o.digits ? z.string().regex(new RegExp(`^\\d{${o.digits}}$`)) : z.string().min(1), "code", header, description, o),
  text: (header: string, description: string, o: Options = {}) => build(z.string().min(1), "text", header, description, o),
  /** dd/mm/yyyy in the file; ISO yyyy-mm-dd once parsed. */
  date: (header: string, description: string, o: Options = {}) => build(z.iso.date(), "date", header, description, o),
  /** Whole đồng, never negative. */
  money: (header: string, description: string, o: Options = {}) =>
    build(z.number().int().nonnegative(), "money", header, description, o),
  decimal: (header: string, description: string, o: Options = {}) => build(z.number(), "decimal", header, description, o),
  integer: (header: string, description: string, o: Options = {}) => build(z.number().int(), "integer", header, description, o),
};

export function columnMeta(schema: z.ZodType): ColumnMeta {
  const meta = schema.meta() as unknown as ColumnMeta | undefined;
  if (!meta?.header) throw new Error("contract column without metadata");
  return meta;
}

/** DuckDB type of a parsed column in the raw tables. */
export const duckdbType: Record<ColumnType, string> = {
  code: "VARCHAR",
  text: "VARCHAR",
  date: "DATE",
  money: "BIGINT",
  decimal: "DOUBLE",
  integer: "INTEGER",
};

/** How each type is written in a file, for messages and the README. */
export const typeLabel: Record<ColumnType, string> = {
  code: "mã (giữ nguyên số 0 đầu)",
  text: "văn bản",
  date: "ngày dd/mm/yyyy",
  money: "số tiền, đồng (số nguyên ≥ 0)",
  decimal: "số thập phân",
  integer: "số nguyên",
};
