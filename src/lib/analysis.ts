// The analysts' filters turned into the slice whose series to draw, what of them that slice really
// applies (captions, titles and file names name only these), and the changes over a period the
// user picks (the difference of two published values; each value is defined in SQL).
import { keys } from "./metrics.js";

export interface Filters {
  union: string;
  pgd: string;
  commune: string;
  programme: string;
}

export interface Resolved {
  key: string;
  /** The filters the slice applies; the others were asked for and left aside. */
  applied: Filters;
  /** Set when part of the filters was left aside, saying which and why. */
  note: string | null;
}

const none: Filters = { union: "", pgd: "", commune: "", programme: "" };

/** Published combinations: one of union, PGD, commune or programme; union × PGD; programme × union or PGD. */
export function resolveSlice(f: Filters): Resolved {
  if (f.commune) {
    const ignored = [f.union && "Hội", f.programme && "chương trình"].filter(Boolean);
    return {
      key: keys.commune(f.commune),
      applied: { ...none, commune: f.commune },
      note: ignored.length ? `Theo xã chỉ có số liệu chung: bộ lọc ${ignored.join(" và ")} chưa áp dụng (trang của xã có số liệu theo Hội).` : null,
    };
  }
  if (f.programme) {
    if (f.union && f.pgd) {
      return {
        key: keys.unionPgd(f.union, f.pgd),
        applied: { ...none, union: f.union, pgd: f.pgd },
        note: "Chưa có số liệu theo chương trình cho từng Hội trong một PGD: bộ lọc chương trình chưa áp dụng, số liệu là mọi chương trình.",
      };
    }
    if (f.union) return { key: keys.unionProgramme(f.union, f.programme), applied: { ...none, union: f.union, programme: f.programme }, note: null };
    if (f.pgd) return { key: keys.pgdProgramme(f.pgd, f.programme), applied: { ...none, pgd: f.pgd, programme: f.programme }, note: null };
    return { key: keys.programme(f.programme), applied: { ...none, programme: f.programme }, note: null };
  }
  if (f.union && f.pgd) return { key: keys.unionPgd(f.union, f.pgd), applied: { ...none, union: f.union, pgd: f.pgd }, note: null };
  if (f.union) return { key: keys.union(f.union), applied: { ...none, union: f.union }, note: null };
  if (f.pgd) return { key: keys.pgd(f.pgd), applied: { ...none, pgd: f.pgd }, note: null };
  return { key: keys.province, applied: none, note: null };
}

/** The slice of each PGD area under the union and programme filters, and what it leaves aside. */
export function pgdRanking(f: Filters): { key: (pgd: string) => string; applied: Filters; note: string | null } {
  if (f.union && f.programme) {
    return {
      key: (pgd) => keys.unionPgd(f.union, pgd),
      applied: { ...none, union: f.union },
      note: "Chưa có số liệu theo chương trình cho từng Hội trong một PGD: xếp hạng tính mọi chương trình.",
    };
  }
  if (f.union) return { key: (pgd) => keys.unionPgd(f.union, pgd), applied: { ...none, union: f.union }, note: null };
  if (f.programme) return { key: (pgd) => keys.pgdProgramme(pgd, f.programme), applied: { ...none, programme: f.programme }, note: null };
  return { key: (pgd) => keys.pgd(pgd), applied: none, note: null };
}

/** The slice of each commune under the union filter (communes have no programme figures). */
export function communeRanking(f: Filters): { key: (commune: string) => string; applied: Filters; note: string | null } {
  const applied = { ...none, union: f.union, pgd: f.pgd };
  return {
    key: (commune) => (f.union ? keys.unionCommune(f.union, commune) : keys.commune(commune)),
    applied,
    note: f.programme ? "Theo xã chưa có số liệu theo chương trình: xếp hạng tính mọi chương trình." : null,
  };
}

/** The applied filters as a file-name tag: "hoi-02-pgd-051101", "toan-tinh". */
export function fileTag(f: Filters): string {
  const parts = [f.union && `hoi-${f.union}`, f.pgd && `pgd-${f.pgd}`, f.commune && `xa-${f.commune}`, f.programme && `ct-${f.programme}`].filter(Boolean);
  return parts.join("-") || "toan-tinh";
}

export interface Growth {
  key: string;
  from: number | null;
  to: number | null;
  change: number | null;
}

/** For each slice, the value at two dates and the change between them, largest increase first. */
export function growthBetween(values: Map<string, Map<string, number | null>>, from: string, to: string): Growth[] {
  return [...values.entries()]
    .map(([key, byDate]) => {
      const a = byDate.get(from) ?? null;
      const b = byDate.get(to) ?? null;
      return { key, from: a, to: b, change: a === null || b === null ? null : b - a };
    })
    .sort((x, y) => (y.change ?? -Infinity) - (x.change ?? -Infinity));
}
