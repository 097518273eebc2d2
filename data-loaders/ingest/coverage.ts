// The loan listings' coverage after a load: data date × PGD area, with the areas a date lacks that
// its neighbouring dates have (sql/macros/coverage.sql defines it, for this and the data page; the
// load has created the macros).
import type { Warehouse } from "../warehouse/connection.js";

export interface CoverageCell {
  date: string;
  pgd: string;
  loans: number;
  files: number;
  missing: boolean;
}

export interface Coverage {
  cells: CoverageCell[];
  /** PGD area names from the unit list, when loaded. */
  names: Map<string, string>;
}

export async function coverageOf(db: Warehouse): Promise<Coverage> {
  const cells = await db.all<{ date: string; pgd: string; loans: number; files: number; missing: boolean }>(
    `SELECT strftime(data_date, '%Y-%m-%d') AS date, pgd_code AS pgd, loans, files, missing FROM pgd_coverage('raw_hstd') ORDER BY 1, 2`,
  );
  const names = await db.all<{ code: string; name: string }>(`SELECT pgd_code AS code, any_value(pgd_name) AS name FROM raw_dmdonvi GROUP BY 1`);
  return { cells, names: new Map(names.map((n) => [n.code, n.name])) };
}
