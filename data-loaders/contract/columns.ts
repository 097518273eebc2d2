// Column builders for the export contract. Each builder returns a zod schema for the parsed value
// and attaches the metadata that drives header matching, the raw table DDL, SQL parsing and the
// README reference table.
import { z } from "zod";

/** The unit lists of DMDONVI a padded code must be found in. */
export type UnitList = "pgd" | "commune";

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
  /**
   * Width of a numeric code: a shorter number (a spreadsheet dropped its zeros) is zero-padded to
   * it. Other widths are kept as they come: a code's width alone never rejects a row.
   */
  digits?: number;
  /** Personal data: kept in the raw table only, never selected by a model. */
  personal?: boolean;
  ref?: RefTable;
  /** A monthly flow: its quarter and year twins («… Quý», «… Năm») are recognised, not used. */
  flow?: boolean;
  /** Money that may be negative (a discrepancy). */
  signed?: boolean;
  /** A unit code (PGD area, commune) checked against the unit list when it had to be padded. */
  unitList?: UnitList;
  /**
   * The contract key of a code this one begins (a branch's code begins its PGD codes: 0046 →
   * 004606): a shorter number gets back the zeros that make it that prefix.
   */
  prefixOf?: string;
  description: string;
}

interface Options {
  aliases?: string[];
  digits?: number;
  personal?: boolean;
  ref?: RefTable;
  flow?: boolean;
  signed?: boolean;
  unitList?: UnitList;
  prefixOf?: string;
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
  if (o.flow) meta.flow = true;
  if (o.signed) meta.signed = true;
  if (o.unitList) meta.unitList = o.unitList;
  if (o.prefixOf) meta.prefixOf = o.prefixOf;
  const s = nullable ? schema.nullable() : schema;
  return s.meta(meta as unknown as Record<string, unknown>) as unknown as Column;
}

export const col = {
  code: (header: string, description: string, o: Options = {}) => build(z.string().min(1), "code", header, description, o),
  text: (header: string, description: string, o: Options = {}) => build(z.string().min(1), "text", header, description, o),
  /** dd/mm/yyyy in the file; ISO yyyy-mm-dd once parsed. */
  date: (header: string, description: string, o: Options = {}) => build(z.iso.date(), "date", header, description, o),
  /** Whole đồng, never negative unless signed. */
  money: (header: string, description: string, o: Options = {}) =>
    build(o.signed ? z.number().int() : z.number().int().nonnegative(), "money", header, description, o),
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

/** The type as the README and messages describe it for one column. */
export function columnTypeLabel(c: ColumnMeta): string {
  if (c.ref === "unions") return "mã Hội đoàn thể: 01–04, 11–14, HND/HPN/HCCB/ĐTN hoặc tên Hội (config/union-aliases.json)";
  if (c.type === "code" && c.digits) return `mã ${c.digits} chữ số (số ngắn hơn được thêm số 0 đầu)`;
  if (c.type === "money" && c.signed) return "số tiền, đồng (số nguyên, có thể âm)";
  return typeLabel[c.type];
}
