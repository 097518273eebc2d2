// The analysts' filters turned into the slice whose series to draw, and the changes over a period
// the user picks (the difference of two published values; each value is defined in SQL).
import { sliceKey } from "./metrics.js";

export interface Filters {
  union: string;
  pgd: string;
  commune: string;
  programme: string;
}

export interface Resolved {
  key: string;
  /** Set when the combination is not published and part of it was left aside. */
  note: string | null;
}

/** Published combinations: one of union, PGD, commune or programme; union × PGD; programme × union or PGD. */
export function resolveSlice(f: Filters): Resolved {
  if (f.commune) {
    const ignored = [f.union && "Hội", f.programme && "chương trình"].filter(Boolean);
    return {
      key: sliceKey("commune", f.commune),
      note: ignored.length ? `Theo xã chỉ có số liệu chung; bộ lọc ${ignored.join(" và ")} chưa áp dụng (xem trang của xã để biết theo Hội).` : null,
    };
  }
  if (f.programme) {
    if (f.union && f.pgd) return { key: sliceKey("union_pgd", f.union, f.pgd), note: "Chưa có số liệu theo chương trình cho từng Hội trong một PGD; đang hiển thị Hội × PGD, mọi chương trình." };
    if (f.union) return { key: sliceKey("union_programme", f.union, f.programme), note: null };
    if (f.pgd) return { key: sliceKey("pgd_programme", f.pgd, f.programme), note: null };
    return { key: sliceKey("programme", f.programme), note: null };
  }
  if (f.union && f.pgd) return { key: sliceKey("union_pgd", f.union, f.pgd), note: null };
  if (f.union) return { key: sliceKey("union", f.union), note: null };
  if (f.pgd) return { key: sliceKey("pgd", f.pgd), note: null };
  return { key: "province", note: null };
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
