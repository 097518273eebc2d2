// What a file's name says about it: its kind (the prefix, HSTD_…) and its data date
// (HSTD_051_20260131.csv, HSTD_0051_31012026.csv, or 31-01-2026, 31.01.2026, 2026_01_31).
import { exportKinds, type ExportKind } from "../contract/exports.js";

/** The kind whose file-name prefix ("HSTD" of HSTD_<mã CN>_<yyyymmdd>.csv) starts the name. */
export function kindInName(name: string): ExportKind | undefined {
  const first = /^[A-Za-z]+/.exec(name)?.[0]?.toUpperCase();
  return exportKinds.find((k) => k.fileName.split("_")[0] === first);
}

/**
 * The first date written in the name, ISO; null if none. Eight digits are read as yyyymmdd or
 * ddmmyyyy (`SK_GQVL_004606_25042026.xlsx`), whichever is a date (with years 19xx–20xx never
 * both); with separators as dd-mm-yyyy or yyyy-mm-dd (also . or _).
 */
export function dateInName(name: string): string | null {
  const year = "((?:19|20)\\d{2})";
  const patterns: [RegExp, (m: RegExpExecArray) => [string, string, string]][] = [
    [new RegExp(`(?<!\\d)${year}(\\d{2})(\\d{2})(?!\\d)`, "g"), (m) => [m[1]!, m[2]!, m[3]!]],
    [new RegExp(`(?<!\\d)(\\d{2})(\\d{2})${year}(?!\\d)`, "g"), (m) => [m[3]!, m[2]!, m[1]!]],
    [new RegExp(`(?<!\\d)(\\d{1,2})[-._](\\d{1,2})[-._]${year}(?!\\d)`, "g"), (m) => [m[3]!, m[2]!, m[1]!]],
    [new RegExp(`(?<!\\d)${year}[-._](\\d{1,2})[-._](\\d{1,2})(?!\\d)`, "g"), (m) => [m[1]!, m[2]!, m[3]!]],
  ];
  const found = patterns
    .flatMap(([re, parts]) => [...name.matchAll(re)].map((m) => ({ at: m.index, ymd: parts(m) })))
    .map(({ at, ymd }) => ({ at, iso: isoDate(...(ymd.map(Number) as [number, number, number])) }))
    .filter((f) => f.iso !== null)
    .sort((a, b) => a.at - b.at);
  return found[0]?.iso ?? null;
}

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
