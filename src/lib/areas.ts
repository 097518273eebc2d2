// Rows of area tables: the unions in report order (direct loans when there are any), PGD areas and
// communes, each with its slice key and a link to its page.
import type { AreaRow } from "../components/metric-table.js";
import { keys, type CommuneInfo, type PgdInfo, type UnionInfo } from "./metrics.js";

interface Values {
  value(date: string, slice: string, metric: string): number | null;
}

/** The unions within the province, a PGD area or a commune (`within`), those with figures at the date. */
export function unionAreas(values: Values, unions: UnionInfo[], date: string, root: string, within?: { pgd?: string; commune?: string }): AreaRow[] {
  const key = (u: UnionInfo) =>
    within?.pgd ? keys.unionPgd(u.union_code, within.pgd) : within?.commune ? keys.unionCommune(u.union_code, within.commune) : keys.union(u.union_code);
  return unions
    .filter((u) => values.value(date, key(u), "DU_NO") !== null && (u.is_entrusted || (values.value(date, key(u), "DU_NO") ?? 0) > 0))
    .map((u) => ({ label: u.name_vi, slice: key(u), href: u.is_entrusted ? `${root}hoi/${u.union_code}` : null, direct: !u.is_entrusted }));
}

export function pgdAreas(pgds: PgdInfo[], root: string, union?: string): AreaRow[] {
  return pgds.map((p) => ({ label: p.pgd_name, slice: union ? keys.unionPgd(union, p.pgd_code) : keys.pgd(p.pgd_code), href: `${root}pgd/${p.pgd_code}` }));
}

/** Today's communes, a union's in each when asked; with their PGD area in the label when given its names. */
export function communeAreas(communes: CommuneInfo[], root: string, o: { union?: string; pgdName?: Map<string, string> } = {}): AreaRow[] {
  return communes
    .filter((c) => c.is_current)
    .map((c) => ({
      label: o.pgdName ? `${c.commune_name} (${o.pgdName.get(c.pgd_code ?? "") ?? ""})` : c.commune_name,
      slice: o.union ? keys.unionCommune(o.union, c.commune_code) : keys.commune(c.commune_code),
      href: `${root}xa/${c.commune_code}`,
    }));
}
