// The small files pages share (catalogue, units, dates, settings …), loaded here so pages name only
// their own. (A file named here counts for every page that imports this module, though it is
// fetched only by the pages that call its loader: larger files stay with the pages that read them.) FileAttachment takes literal paths, relative to this module, so Framework finds them
// at build time; a file is fetched only when its loader is called. Each is read with
// .arrayBuffer() in the same expression: Framework takes a bare FileAttachment of an .arrow file for
// a use of .arrow(), which would fetch apache-arrow from a CDN.
import { FileAttachment } from "observablehq:stdlib";
import { decodeRows } from "./arrow.js";
import { Catalogue } from "./display.js";
import type { CommuneInfo, Criterion, DataDate, PgdInfo, ProgrammeInfo, Settings, UnionInfo } from "./metrics.js";

export const rowsOf = async <T>(buffer: Promise<ArrayBuffer>): Promise<T[]> => decodeRows<T>(await buffer);

export const loadCatalogue = async () => new Catalogue(await rowsOf(FileAttachment("../data/dim_metrics.arrow").arrayBuffer()));
/** The unions in report order. */
export const loadUnions = async () => (await rowsOf<UnionInfo>(FileAttachment("../data/dim_unions.arrow").arrayBuffer())).sort((a, b) => a.sort_order - b.sort_order);
export const loadDates = () => rowsOf<DataDate>(FileAttachment("../data/dim_data_dates.arrow").arrayBuffer());
export const loadPgds = () => rowsOf<PgdInfo>(FileAttachment("../data/dim_pgds.arrow").arrayBuffer());
export const loadCommunes = () => rowsOf<CommuneInfo>(FileAttachment("../data/dim_communes.arrow").arrayBuffer());
export const loadProgrammes = () => rowsOf<ProgrammeInfo>(FileAttachment("../data/dim_programmes.arrow").arrayBuffer());
export const loadCriteria = () => rowsOf<Criterion>(FileAttachment("../data/dim_score_criteria.arrow").arrayBuffer());
export const loadSettings = async () => (await rowsOf<Settings>(FileAttachment("../data/dim_settings.arrow").arrayBuffer()))[0]!;
export const loadBranchName = async () => (await rowsOf<{ branch_name: string }>(FileAttachment("../data/dim_branches.arrow").arrayBuffer()))[0]?.branch_name ?? "";

/** What nearly every page needs: the metric catalogue, the unions and the data dates. */
export async function loadBasics() {
  const [catalogue, unions, dates] = await Promise.all([loadCatalogue(), loadUnions(), loadDates()]);
  return { catalogue, unions, dates };
}

/** Names by code: PGD areas, communes. */
export const names = <T>(rows: T[], code: (r: T) => string, name: (r: T) => string) => new Map(rows.map((r) => [code(r), name(r)]));
