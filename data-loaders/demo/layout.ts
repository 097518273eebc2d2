// The two forms the demo province can be written in, with the same portfolio behind both:
// "simple", tidy CSVs with the export contract's headers, and "real", the bank's own file layouts
// (/work/shared/real-exports.md: title rows, BCQUERY workbooks, per-PGD files, ddmmyyyy names,
// IMS union codes).
import { isoFileDate, vnFileDate } from "./dates.js";
import type { Province } from "./province.js";

export type Layout = "simple" | "real";
export const layouts: readonly Layout[] = ["simple", "real"];

/** The layout `npm run demo`, the main job and the tests write when none is asked for. */
export const DEFAULT_LAYOUT: Layout = "real";

/** The entrusted unions by the demo's internal code (01–04, as the simple layout writes them). */
export const unions: Record<string, { ims: string; name: string; short: string }> = {
  "01": { ims: "11", name: "Hội Nông dân", short: "HND" },
  "02": { ims: "12", name: "Hội LHPN", short: "HPN" },
  "03": { ims: "13", name: "Hội Cựu chiến binh", short: "HCCB" },
  "04": { ims: "14", name: "Đoàn TNCS Hồ Chí Minh", short: "ĐTN" },
};

/** How names, codes and dates are written in the files other than the loan listing and scoring. */
export interface Form {
  layout: Layout;
  /** Mã CN in file names and the unit list. */
  branchCode: string;
  /** The date in a monthly file's name. */
  fileDate: (ym: number) => string;
  /** The union in kinds that carry a code: IMS codes 11–14 in the real layout. */
  unionCode: (code: string) => string;
  /** The union in the unions' own inspection reports: its name in the real layout. */
  inspectingUnion: (code: string) => string;
}

export function formOf(layout: Layout, province: Province): Form {
  const union = (code: string) => {
    const u = unions[code];
    if (!u) throw new Error(`unknown union code ${code}`);
    return u;
  };
  if (layout === "simple") {
    const same = (code: string) => code;
    return { layout, branchCode: province.branchCode, fileDate: isoFileDate, unionCode: same, inspectingUnion: same };
  }
  return {
    layout,
    branchCode: province.branchCode,
    fileDate: vnFileDate,
    unionCode: (code) => union(code).ims,
    inspectingUnion: (code) => union(code).name,
  };
}
