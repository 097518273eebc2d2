// Rows of area tables: the unions in report order (direct loans when there are any), PGD areas and
// communes with links to their pages.
import type { AreaRow } from "../components/metric-table.js";
import { sliceKey, type CommuneInfo, type MetricIndex, type PgdInfo, type UnionInfo } from "./metrics.js";

export function unionAreas(index: MetricIndex, unions: UnionInfo[], date: string, root: string, slice: "union" | "union_pgd" | "union_commune" = "union", code?: string): AreaRow[] {
  const key = (u: UnionInfo) => (slice === "union" ? sliceKey("union", u.union_code) : sliceKey(slice, u.union_code, code));
  return [...unions]
    .sort((a, b) => a.sort_order - b.sort_order)
    .filter((u) => index.value(date, key(u), "DU_NO") !== null && (u.is_entrusted || (index.value(date, key(u), "DU_NO") ?? 0) > 0))
    .map((u) => ({ label: u.name_vi, slice: key(u), href: u.is_entrusted ? `${root}hoi/${u.union_code}` : null }));
}

export function pgdAreas(pgds: PgdInfo[], root: string, union?: string): AreaRow[] {
  return pgds.map((p) => ({ label: p.pgd_name, slice: union ? sliceKey("union_pgd", union, p.pgd_code) : sliceKey("pgd", p.pgd_code), href: `${root}pgd/${p.pgd_code}` }));
}

export function communeAreas(communes: CommuneInfo[], root: string, union?: string): AreaRow[] {
  return communes
    .filter((c) => c.is_current)
    .map((c) => ({
      label: c.commune_name,
      slice: union ? sliceKey("union_commune", union, c.commune_code) : sliceKey("commune", c.commune_code),
      href: `${root}xa/${c.commune_code}`,
    }));
}
