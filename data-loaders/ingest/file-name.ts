// What a file's name says about it: its kind (the prefix, HSTD_…) and its data date
// (HSTD_051_20260131.csv, or 31-01-2026, 31.01.2026, 31_01_2026).
import { exportKinds, type ExportKind } from "../contract/exports.js";

/** The kind whose file-name prefix ("HSTD" of HSTD_<mã CN>_<yyyymmdd>.csv) starts the name. */
export function kindInName(name: string): ExportKind | undefined {
  const first = /^[A-Za-z]+/.exec(name)?.[0]?.toUpperCase();
  return exportKinds.find((k) => k.fileName.split("_")[0] === first);
}

/** The first date written in the name as yyyymmdd or dd-mm-yyyy (also . or _), ISO; null if none. */
export function dateInName(name: string): string | null {
  const patterns: [RegExp, (m: RegExpExecArray) => [string, string, string]][] = [
    [/(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/, (m) => [m[1]!, m[2]!, m[3]!]],
    [/(?<!\d)(\d{2})[-._](\d{2})[-._]((?:19|20)\d{2})(?!\d)/, (m) => [m[3]!, m[2]!, m[1]!]],
  ];
  const found = patterns
    .map(([re, parts]) => {
      const m = re.exec(name);
      return m ? { at: m.index, ymd: parts(m) } : null;
    })
    .filter((f) => f !== null)
    .sort((a, b) => a.at - b.at);
  for (const { ymd } of found) {
    const [y, m, d] = ymd.map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d) return ymd.join("-");
  }
  return null;
}
