// Matching a file's header row to the contract. Every header ends up used, ignored for a stated
// reason, or unknown, and the load reports which. Names are compared three ways, strongest first:
// as written (accents, case, spacing, punctuation aside); in a canonical form where the bank's
// abbreviations stand for their words («Thu nợ TH tháng» = «Thu nợ trong hạn»); and as a set of
// words («Dư nợ tổng» = «Tổng dư nợ»). A monthly flow's quarter and year twins («Thu nợ TH Quý»,
// «CQH Năm») are recognised for what they are, and of two columns for one thing the current unit
// («Mã xã mới») wins over the former one («Mã xã cũ»).
import { columnsOf, exportKinds, type ContractColumn, type ExportKind } from "./exports.js";
import { knownColumnsOf, knownFlows } from "./known-columns.js";
import { moneyUnitOf, type MoneyUnit } from "./units.js";

/**
 * Remembers a function of a header's text: one row is matched against every export kind, and every
 * file of a folder repeats the same headers. Bounded: data rows are looked at as headers too.
 */
function memo<T>(f: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let v = seen.get(text);
    if (v === undefined) {
      if (seen.size > 50_000) seen.clear();
      v = f(text);
      seen.set(text, v);
    }
    return v;
  };
}

/** "Dư nợ  quá hạn (đồng)" → "du no qua han dong"; NFD input matches NFC; line breaks are spaces. */
export const normalizeHeader = memo((text: string): string =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim(),
);

// The bank's abbreviations, longest phrase first; both sides of a comparison go through them.
const phrases: [string, string][] = [
  ["chuyen qua han", "cqh"],
  ["chuyen qh", "cqh"],
  ["don vi nhan uy thac", "dvut"],
  ["don vi uy thac", "dvut"],
  ["hoi doan the", "dvut"],
  ["phong giao dich", "pgd"],
  ["to tiet kiem va vay von", "to"],
  ["to tk vv", "to"],
  ["to tkvv", "to"],
  ["trong han", "th"],
  ["qua han", "qh"],
  ["giai ngan", "gn"],
  ["den han", "dh"],
  ["du no", "dn"],
  ["khach hang", "kh"],
  ["chuong trinh", "ct"],
  ["khe uoc", "ku"],
  ["tiet kiem", "tk"],
  ["tien gui", "tg"],
  ["so du", "sd"],
  ["chi nhanh", "cn"],
  ["dan toc", "dt"],
  ["can cuoc cong dan", "cccd"],
  ["chung minh nhan dan", "cmnd"],
  ["so thu tu", "stt"],
];
const current = ["sau sap nhap", "sau sat nhap", "hien tai", "hien nay", "moi"];
const former = ["truoc sap nhap", "truoc sat nhap", "cu"];
const periods: [string[], Period][] = [
  [["trong", "thang"], "month"],
  [["thang"], "month"],
  [["trong", "quy"], "quarter"],
  [["quy"], "quarter"],
  [["luy", "ke", "nam"], "year"],
  [["tu", "dau", "nam"], "year"],
  [["trong", "nam"], "year"],
  [["nam"], "year"],
];

export type Period = "month" | "quarter" | "year";
export type Qualifier = "current" | "former";

export interface CanonicalHeader {
  /** Words after abbreviations, qualifier and period are taken out. */
  key: string;
  /** The same words sorted, for order-free comparison. */
  words: string;
  period: Period | null;
  qualifier: Qualifier | null;
  /** A money unit the header states («(triệu đồng)»). */
  unit: MoneyUnit | null;
}

const replacePhrase = (text: string, from: string, to: string) => ` ${text} `.split(` ${from} `).join(` ${to} `).trim();

export const canonicalHeader = memo(canonical);

function canonical(text: string): CanonicalHeader {
  let unit: MoneyUnit | null = null;
  let raw = text.trim();
  // A trailing "(đồng)", "(triệu đồng)", ", đồng" states the column's unit.
  const suffix = /[(,]\s*([^(),]*)\)?\s*$/.exec(raw);
  if (suffix && moneyUnitOf(suffix[1]!)) {
    unit = moneyUnitOf(suffix[1]!);
    raw = raw.slice(0, suffix.index).trim();
  }
  let t = normalizeHeader(raw.replace(/\(%\)|%/g, " "));
  let qualifier: Qualifier | null = null;
  for (const [words, q] of [...current.map((w) => [w, "current"] as const), ...former.map((w) => [w, "former"] as const)]) {
    const without = replacePhrase(t, words, "").replace(/\s+/g, " ");
    if (without !== t && without !== "") {
      t = without;
      qualifier ??= q;
    }
  }
  for (const [from, to] of phrases) t = replacePhrase(t, from, to);
  let tokens = t.split(" ").filter(Boolean);
  let period: Period | null = null;
  for (const [words, p] of periods) {
    if (tokens.length > words.length && words.every((w, i) => tokens[tokens.length - words.length + i] === w)) {
      tokens = tokens.slice(0, tokens.length - words.length);
      period = p;
      break;
    }
  }
  return { key: tokens.join(" "), words: [...tokens].sort().join(" "), period, qualifier, unit };
}

/** What the load did with one header of a file. */
export type HeaderStatus = "used" | "twin" | "known" | "former" | "duplicate" | "unknown" | "empty";

export interface HeaderInfo {
  /** 0-based position in the row. */
  position: number;
  header: string;
  status: HeaderStatus;
  /** The contract column it feeds (used) or relates to (twin, former, duplicate). */
  key?: string;
  /** Why, in Vietnamese, for the report. */
  note?: string;
}

export interface HeaderMatch {
  kind: ExportKind;
  /** For each contract column, the 0-based position of its header in the file, or -1. */
  positions: Map<string, number>;
  missingRequired: ContractColumn[];
  matched: number;
  headers: HeaderInfo[];
  /** Money units stated by a used column's header, by contract key. */
  units: Map<string, MoneyUnit>;
  /** Reasons the file cannot be read as this kind although its columns are there. */
  conflicts: string[];
}

/** "A", "B", … "AA": how Excel names a column, for messages. */
export function columnLetter(position: number): string {
  let name = "";
  for (let n = position + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

interface Names {
  exact: Set<string>;
  canonical: CanonicalHeader[];
}

const namesOf = (names: string[]): Names => ({ exact: new Set(names.map(normalizeHeader)), canonical: names.map(canonicalHeader) });

const cache = new Map<ExportKind, { columns: Map<string, Names>; known: Names }>();
function cached(kind: ExportKind) {
  let c = cache.get(kind);
  if (!c) {
    c = {
      columns: new Map(columnsOf(kind).map((col) => [col.key, namesOf([col.header, ...(col.aliases ?? [])])])),
      known: namesOf(knownColumnsOf(kind.kind)),
    };
    cache.set(kind, c);
  }
  return c;
}
const contractNames = (kind: ExportKind) => cached(kind).columns;
const knownNames = (kind: ExportKind) => cached(kind).known;
const knownFlowNames = knownFlows.map((f) => ({ key: undefined as string | undefined, header: f, n: namesOf([f]) }));

const sameMeaning = (h: CanonicalHeader, n: CanonicalHeader, flow: boolean) => {
  const samePeriod = h.period === n.period || (flow && h.period !== "quarter" && h.period !== "year" && n.period !== "quarter" && n.period !== "year");
  return samePeriod && h.key !== "" && (h.key === n.key || h.words === n.words);
};

/** Matches one kind's columns to a header row; `dateOptional`: the data date may come from elsewhere. */
export function matchHeaders(kind: ExportKind, headers: string[], options: { dateOptional?: boolean } = {}): HeaderMatch {
  const columns = columnsOf(kind);
  const norm = headers.map(normalizeHeader);
  const canon = headers.map(canonicalHeader);
  const info: HeaderInfo[] = headers.map((header, position) => ({ position, header, status: norm[position] ? "unknown" : "empty" }));
  const names = contractNames(kind);
  const exactOwner = new Map<number, string>();
  norm.forEach((n, i) => {
    const owner = columns.find((c) => names.get(c.key)!.exact.has(n));
    if (n && owner) exactOwner.set(i, owner.key);
  });
  const known = knownNames(kind);
  const positions = new Map<string, number>();
  const units = new Map<string, MoneyUnit>();
  const conflicts: string[] = [];
  const label = (i: number) => `«${headers[i]!.replace(/\s+/g, " ").trim()}» (cột ${columnLetter(i)})`;

  for (const c of columns) {
    const n = names.get(c.key)!;
    const nameRank = (i: number) => {
      const exact = [c.header, ...(c.aliases ?? [])].findIndex((x) => normalizeHeader(x) === norm[i]);
      return exact >= 0 ? exact : 100 + n.canonical.findIndex((x) => sameMeaning(canon[i]!, x, Boolean(c.flow)));
    };
    const candidates = headers
      .map((_, i) => i)
      .filter((i) => {
        if (exactOwner.get(i) === c.key) return true;
        if (exactOwner.has(i) || known.exact.has(norm[i]!) || info[i]!.status !== "unknown") return false;
        return n.canonical.some((x) => sameMeaning(canon[i]!, x, Boolean(c.flow)));
      });
    if (candidates.length === 0) {
      positions.set(c.key, -1);
      continue;
    }
    const qualifierRank = (i: number) => (canon[i]!.qualifier === "current" ? 0 : canon[i]!.qualifier === "former" ? 2 : 1);
    const usable = candidates.filter((i) => exactOwner.get(i) === c.key || canon[i]!.qualifier !== "former");
    usable.sort((a, b) => qualifierRank(a) - qualifierRank(b) || nameRank(a) - nameRank(b) || a - b);
    const chosen = usable[0];
    for (const i of candidates) {
      if (i === chosen) continue;
      if (chosen === undefined || canon[i]!.qualifier === "former") {
        info[i] = { ...info[i]!, status: "former", key: c.key, note: `cột của đơn vị cũ (trước sáp nhập)${chosen === undefined ? "" : `; dùng ${label(chosen)}`}` };
      } else if (norm[i] === norm[chosen] && qualifierRank(i) === qualifierRank(chosen)) {
        info[i] = { ...info[i]!, status: "duplicate", key: c.key, note: `trùng tên với ${label(chosen)}` };
        conflicts.push(
          `hai cột cùng tên ${label(chosen)} và ${label(i)}: không biết cột nào là «${c.header}»; ` +
            `hãy đổi tên một cột (ví dụ «${c.header} cũ» cho đơn vị trước sáp nhập) rồi nạp lại`,
        );
      } else {
        info[i] = { ...info[i]!, status: "duplicate", key: c.key, note: `cùng nghĩa với ${label(chosen)}, dùng cột ấy` };
      }
    }
    if (chosen === undefined) {
      positions.set(c.key, -1);
      continue;
    }
    positions.set(c.key, chosen);
    info[chosen] = { ...info[chosen]!, status: "used", key: c.key };
    if (canon[chosen]!.unit && c.type === "money") units.set(c.key, canon[chosen]!.unit!);
  }

  // What is left: quarter and year twins of flows, known columns, or unknown.
  const flows = [
    ...columns.filter((c) => c.flow).map((c) => ({ key: c.key as string | undefined, header: c.header, n: names.get(c.key)! })),
    ...knownFlowNames,
  ];
  for (const h of info) {
    if (h.status !== "unknown") continue;
    const c = canon[h.position]!;
    const twin = (c.period === "quarter" || c.period === "year") && flows.find((f) => f.n.canonical.some((x) => x.key === c.key || x.words === c.words));
    if (twin) {
      h.status = "twin";
      if (twin.key) h.key = twin.key;
      h.note = `lũy kế ${c.period === "quarter" ? "quý" : "năm"} của «${twin.header}»; số từ đầu năm được tính từ các tháng`;
    } else if (known.exact.has(norm[h.position]!) || known.canonical.some((x) => sameMeaning(c, x, false))) {
      h.status = "known";
      h.note = "không cần cho báo cáo";
    }
  }

  const missingRequired = columns.filter((c) => c.required && positions.get(c.key) === -1 && !(options.dateOptional && c.key === kind.dataDate));
  const matched = [...positions.values()].filter((p) => p >= 0).length;
  return { kind, positions, missingRequired, matched, headers: info, units, conflicts };
}

export type KindDetection = { ok: true; match: HeaderMatch } | { ok: false; closest: HeaderMatch };

/** The kind whose required columns are all present; ties go to the kind with more matched columns. */
export function detectKind(headers: string[], options: { dateOptional?: boolean } = {}): KindDetection {
  const matches = exportKinds.map((k) => matchHeaders(k, headers, options));
  const complete = matches.filter((m) => m.missingRequired.length === 0).sort((a, b) => b.matched - a.matched);
  if (complete.length > 0) return { ok: true, match: complete[0]! };
  const closest = [...matches].sort((a, b) => b.matched / columnsOf(b.kind).length - a.matched / columnsOf(a.kind).length)[0]!;
  return { ok: false, closest };
}
