// How files name the four unions: the seed (sql/seeds/ref_union_aliases.csv: IMS codes 11–14,
// 01–04, HND/HPN/HCCB/ĐTN, full names) plus the branch's own spellings in
// config/union-aliases.json, zod-checked. Keys are compared without accents, case or spaces, the
// way the SQL macro vn_key does.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { normalizeHeader } from "./headers.js";

const unionCode = z.enum(["01", "02", "03", "04", ""]);
const configSchema = z.object({
  $comment: z.string().optional(),
  aliases: z.record(z.string().min(1), unionCode),
});

/** A spelling without accents, case, spaces or punctuation, as the SQL macro vn_key makes it. */
export const spellingKey = (text: string) => normalizeHeader(text).replace(/ /g, "");

/** Normalised spelling → union code ("" = a direct loan, no union). */
export function readUnionAliases(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const seed = readFileSync(join(root, "sql/seeds/ref_union_aliases.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  for (const line of seed) {
    const [alias, code = ""] = line.split(",");
    out.set(spellingKey(alias!), unionCode.parse(code.trim()));
  }
  const path = join(root, "config/union-aliases.json");
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`config/union-aliases.json: không đọc được (${e instanceof Error ? e.message : e})`);
  }
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    throw new Error(`config/union-aliases.json: ${z.prettifyError(parsed.error)} (mỗi cách viết chỉ tới "01", "02", "03", "04" hoặc "" cho vay trực tiếp)`);
  }
  for (const [alias, code] of Object.entries(parsed.data.aliases)) out.set(spellingKey(alias), code);
  return out;
}
