// Matching a file's header row to the contract: accents, case, spacing and punctuation are
// normalised, extra columns are ignored, and the kind is the one whose required columns are all
// present.
import { columnsOf, exportKinds, type ContractColumn, type ExportKind } from "./exports.js";

/** "Dư nợ  quá hạn (đồng)" → "du no qua han dong"; NFD input matches NFC. */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export interface HeaderMatch {
  kind: ExportKind;
  /** For each contract column, the 0-based position of its header in the file, or -1. */
  positions: Map<string, number>;
  missingRequired: ContractColumn[];
  matched: number;
}

export function matchHeaders(kind: ExportKind, headers: string[]): HeaderMatch {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const n = normalizeHeader(h);
    if (n && !index.has(n)) index.set(n, i);
  });
  const positions = new Map<string, number>();
  const missingRequired: ContractColumn[] = [];
  let matched = 0;
  for (const c of columnsOf(kind)) {
    const names = [c.header, ...(c.aliases ?? [])].map(normalizeHeader);
    const pos = names.map((n) => index.get(n)).find((p) => p !== undefined) ?? -1;
    positions.set(c.key, pos);
    if (pos >= 0) matched++;
    else if (c.required) missingRequired.push(c);
  }
  return { kind, positions, missingRequired, matched };
}

export type KindDetection =
  | { ok: true; match: HeaderMatch }
  | { ok: false; closest: HeaderMatch };

/** The kind whose required columns are all present; ties go to the kind with more matched columns. */
export function detectKind(headers: string[]): KindDetection {
  const matches = exportKinds.map((k) => matchHeaders(k, headers));
  const complete = matches.filter((m) => m.missingRequired.length === 0).sort((a, b) => b.matched - a.matched);
  if (complete.length > 0) return { ok: true, match: complete[0]! };
  const closest = [...matches].sort((a, b) => b.matched / columnsOf(b.kind).length - a.matched / columnsOf(a.kind).length)[0]!;
  return { ok: false, closest };
}
