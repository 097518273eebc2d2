// Every personal value (names, ID numbers, birth dates, addresses, phones, spouses, card numbers)
// in a folder of exports, read straight from the files by routes independent of the ingest: CSVs
// with a plain reader (title rows above the header skipped), workbooks with Python's openpyxl.
// Personal columns: those the contract marks personal, under any of their names, and the real
// listing's personal columns the ingest never loads.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { columnsOf, exportKinds } from "../../data-loaders/contract/exports.js";
import { parseCsv } from "./csv.js";

const unloaded = ["Họ tên vợ/chồng", "Số ATM", "Nơi cấp CMND", "Họ tên HSSV", "CMND HSSV", "Sổ tiết kiệm 105"];
const personalHeaders = new Set([
  ...exportKinds.flatMap((k) => columnsOf(k).filter((c) => c.personal).flatMap((c) => [c.header, ...(c.aliases ?? [])])),
  ...unloaded,
]);

/** The rows of every export in the folder: CSVs, and the first sheet of each workbook. */
function tables(exportsDir: string): string[][][] {
  const files = readdirSync(exportsDir).sort();
  const out = files
    .filter((f) => f.endsWith(".csv"))
    .map((f) => {
      const text = readFileSync(join(exportsDir, f), "utf8");
      const first = text.split(/\r?\n/).find((l) => l.includes(",") || l.includes(";")) ?? "";
      return parseCsv(text, first.split(";").length > first.split(",").length ? ";" : ",");
    });
  const workbooks = files.filter((f) => f.endsWith(".xlsx")).map((f) => join(exportsDir, f));
  if (workbooks.length) {
    const run = spawnSync("/usr/bin/python3", [join(import.meta.dirname, "read-xlsx.py"), "1", ...workbooks], { encoding: "utf8", maxBuffer: 1 << 30 });
    if (run.status !== 0) throw new Error(`openpyxl could not read the workbooks (apt-get install python3-openpyxl): ${run.stderr}`);
    const parsed = JSON.parse(run.stdout) as Record<string, { rows: unknown[][] }>;
    for (const sheet of Object.values(parsed)) out.push(sheet.rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : String(v)))));
  }
  return out;
}

export async function personalValues(exportsDir: string): Promise<string[]> {
  const values = new Set<string>();
  for (const rows of tables(exportsDir)) {
    // The header is the first row naming a personal column; the values are below it.
    const at = rows.findIndex((r) => r.some((c) => personalHeaders.has(c.trim())));
    if (at < 0) continue;
    const columns = rows[at]!.flatMap((c, i) => (personalHeaders.has(c.trim()) ? [i] : []));
    for (const row of rows.slice(at + 1)) for (const i of columns) if (row[i]?.trim()) values.add(row[i]!.trim());
  }
  return [...values];
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
