// Every personal value (names, ID numbers, birth dates, addresses, phones) in a folder of exports,
// read with DuckDB straight from the files: the columns the contract marks personal.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { columnsOf, exportKinds } from "../../data-loaders/contract/exports.js";

export async function personalValues(exportsDir: string): Promise<string[]> {
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  const files = readdirSync(exportsDir);
  const selects = exportKinds.flatMap((kind) => {
    const prefix = `${kind.fileName.split("_")[0]}_`;
    const headers = columnsOf(kind).filter((c) => c.personal).map((c) => c.header);
    if (!headers.length || !files.some((f) => f.startsWith(prefix) && f.endsWith(".csv"))) return [];
    const source = `read_csv('${join(exportsDir, prefix)}*.csv', all_varchar = true, header = true, union_by_name = true)`;
    return headers.map((h) => `SELECT "${h}" AS v FROM ${source}`);
  });
  const rows = (await conn.runAndReadAll(`SELECT DISTINCT v FROM (${selects.join(" UNION ALL ")}) WHERE v IS NOT NULL AND v <> ''`)).getRows();
  conn.closeSync();
  return rows.map((r) => String(r[0]));
}

/**
 * The patterns that occur in a text, found in one pass (Aho–Corasick): checking tens of thousands
 * of personal values against megabytes of site files one `includes` at a time takes minutes.
 */
export function occurrences(patterns: string[], text: string): string[] {
  const next: Map<string, number>[] = [new Map()];
  const fail: number[] = [0];
  const ends: number[][] = [[]];
  patterns.forEach((p, i) => {
    let node = 0;
    for (const ch of p) {
      let child = next[node]!.get(ch);
      if (child === undefined) {
        child = next.length;
        next[node]!.set(ch, child);
        next.push(new Map());
        fail.push(0);
        ends.push([]);
      }
      node = child;
    }
    ends[node]!.push(i);
  });
  // Breadth first: a node's failure link is the longest proper suffix of its path that is in the trie.
  const queue = [...next[0]!.values()];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    for (const [ch, child] of next[node]!) {
      let f = fail[node]!;
      while (f !== 0 && !next[f]!.has(ch)) f = fail[f]!;
      const target = next[f]!.get(ch);
      fail[child] = target !== undefined && target !== child ? target : 0;
      ends[child]!.push(...ends[fail[child]!]!);
      queue.push(child);
    }
  }
  const found = new Set<number>();
  let node = 0;
  for (const ch of text) {
    while (node !== 0 && !next[node]!.has(ch)) node = fail[node]!;
    node = next[node]!.get(ch) ?? 0;
    for (const i of ends[node]!) found.add(i);
  }
  return [...new Set([...found].map((i) => patterns[i]!))];
}
