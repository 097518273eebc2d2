// Independent readers for the workbooks the site writes: a structural check of the package
// against the rules of Office Open XML that Excel enforces when it opens a file (the ones whose
// breach makes it offer a repair), exceljs (Node), openpyxl (Python) and LibreOffice (headless),
// the last two where installed. REQUIRE_WORKBOOK_READERS=1 (set by .ci/run) makes a missing
// openpyxl or LibreOffice an error instead of a skipped check.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { parseCsv as parseDelimited } from "./csv.js";

const required = process.env.REQUIRE_WORKBOOK_READERS === "1";

// ---- Package structure -----------------------------------------------------------------------

/** Child elements of <worksheet> in the order the schema (CT_Worksheet) requires. */
const worksheetOrder = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges",
  "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
  "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
  "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls",
  "webPublishItems", "tableParts", "extLst",
];
/** Children of <styleSheet> in schema order (CT_Stylesheet). */
const stylesOrder = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

const topLevelChildren = (xml: string, root: string): string[] => {
  const body = xml.slice(xml.indexOf(`<${root}`));
  const inner = body.slice(body.indexOf(">") + 1, body.lastIndexOf(`</${root}>`));
  const names: string[] = [];
  let depth = 0;
  for (const m of inner.matchAll(/<(\/?)([A-Za-z][\w:]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (closing) depth--;
    else {
      if (depth === 0) names.push(name!);
      if (!selfClosing) depth++;
    }
  }
  return names;
};
const inOrder = (names: string[], order: string[]) => names.every((n, i) => i === 0 || order.indexOf(names[i - 1]!) <= order.indexOf(n));
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const columnIndex = (ref: string) => [...ref.replace(/\d+$/, "")].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Breaches of the rules Excel checks on opening; an empty list when the package is sound. */
export function packageProblems(bytes: Uint8Array): string[] {
  const problems: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    return [`not a zip: ${(e as Error).message}`];
  }
  const text = (name: string) => (files[name] ? strFromU8(files[name]!) : null);
  const types = text("[Content_Types].xml");
  if (!types) return ["no [Content_Types].xml"];
  const overrides = new Set([...types.matchAll(/PartName="([^"]+)"/g)].map((m) => m[1]!.replace(/^\//, "")));
  const defaults = new Set([...types.matchAll(/<Default [^>]*Extension="([^"]+)"/g)].map((m) => m[1]!));
  for (const name of Object.keys(files)) {
    if (name.endsWith("/")) continue;
    const ext = name.split(".").pop()!;
    if (!overrides.has(name) && !defaults.has(ext)) problems.push(`${name}: no content type`);
  }
  for (const part of overrides) if (!files[part]) problems.push(`[Content_Types].xml names a missing part ${part}`);
  // Every relationship points at a part that exists.
  for (const rels of Object.keys(files).filter((n) => n.endsWith(".rels"))) {
    const base = rels.replace(/_rels\/[^/]*\.rels$/, "");
    for (const m of text(rels)!.matchAll(/<Relationship [^>]*>/g)) {
      if (attr(m[0], "TargetMode") === "External") continue;
      const target = attr(m[0], "Target")!;
      const resolved = target.startsWith("/") ? target.slice(1) : join(base, target).replace(/\\/g, "/");
      if (!files[resolved]) problems.push(`${rels}: relationship to a missing part ${target}`);
    }
  }
  const workbook = text("xl/workbook.xml");
  if (!workbook) return [...problems, "no xl/workbook.xml"];
  const sheets = [...workbook.matchAll(/<sheet [^>]*>/g)].map((m) => ({ name: decode(attr(m[0], "name") ?? ""), id: attr(m[0], "r:id") }));
  if (!sheets.length) problems.push("a workbook without sheets");
  const seen = new Set<string>();
  for (const s of sheets) {
    if (!s.name || s.name.length > 31 || /[/\\?*:[\]]/.test(s.name) || /^'|'$/.test(s.name)) problems.push(`invalid sheet name «${s.name}»`);
    if (seen.has(s.name.toLowerCase())) problems.push(`duplicate sheet name «${s.name}»`);
    seen.add(s.name.toLowerCase());
  }
  const styles = text("xl/styles.xml");
  const xfCount = styles ? (/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1]?.match(/<xf[\s>/]/g)?.length ?? 0) : 0;
  if (styles && !inOrder(topLevelChildren(styles, "styleSheet"), stylesOrder)) problems.push("styles.xml: elements out of schema order");
  const numFmts = new Set(styles ? [...styles.matchAll(/<numFmt [^>]*numFmtId="(\d+)"/g)].map((m) => Number(m[1])) : []);
  if (styles) {
    for (const m of (/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "").matchAll(/<xf [^>]*>/g)) {
      const id = Number(attr(m[0], "numFmtId") ?? 0);
      // 0–49 are Excel's built-in formats; any other must be defined.
      if (id > 49 && !numFmts.has(id)) problems.push(`styles.xml: number format ${id} is used but not defined`);
    }
  }
  const shared = text("xl/sharedStrings.xml");
  const sharedCount = shared ? (shared.match(/<si>/g)?.length ?? 0) : 0;
  for (const name of Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = text(name)!;
    if (!inOrder(topLevelChildren(xml, "worksheet"), worksheetOrder)) problems.push(`${name}: elements out of schema order: ${topLevelChildren(xml, "worksheet").join(", ")}`);
    let lastRow = 0;
    for (const row of xml.matchAll(/<row ([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g)) {
      const r = Number(attr(` ${row[1]}`, "r"));
      if (!(r > lastRow)) problems.push(`${name}: row ${r} out of order`);
      lastRow = r;
      let lastColumn = 0;
      for (const c of (row[3] ?? "").matchAll(/<c ([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g)) {
        const tag = ` ${c[1]}`;
        const ref = attr(tag, "r")!;
        if (Number(ref.replace(/^[A-Z]+/, "")) !== r) problems.push(`${name}: cell ${ref} in row ${r}`);
        const col = columnIndex(ref);
        if (!(col > lastColumn)) problems.push(`${name}: cell ${ref} out of order`);
        lastColumn = col;
        const s = Number(attr(tag, "s") ?? 0);
        if (s >= xfCount) problems.push(`${name}: cell ${ref} has style ${s} of ${xfCount}`);
        const v = /<v>([^<]*)<\/v>/.exec(c[3] ?? "")?.[1];
        const t = attr(tag, "t") ?? "n";
        if (t === "s" && !(Number(v) >= 0 && Number(v) < sharedCount)) problems.push(`${name}: cell ${ref} names shared string ${v} of ${sharedCount}`);
        if (t === "n" && v !== undefined && !Number.isFinite(Number(v))) problems.push(`${name}: cell ${ref} is a number cell holding «${v}»`);
      }
    }
    for (const m of xml.matchAll(/<pane [^>]*>/g)) {
      const ySplit = Number(attr(m[0], "ySplit") ?? 0);
      const topLeft = attr(m[0], "topLeftCell");
      if (attr(m[0], "state") === "frozen" && topLeft && Number(topLeft.replace(/^[A-Z]+/, "")) !== ySplit + 1) problems.push(`${name}: frozen pane at ${topLeft} but split after row ${ySplit}`);
    }
  }
  return problems;
}

// ---- exceljs ---------------------------------------------------------------------------------

export interface SheetRead {
  title: string;
  /** The first cell below and right of the frozen panes, e.g. "B8". */
  frozenAt: string | null;
  widths: (number | null)[];
  /** Cells as values: numbers, strings, ISO dates (yyyy-mm-dd), null. */
  rows: (number | string | null)[][];
  /** Excel number format of each cell ("General" when none). */
  formats: string[][];
}

const columnLetters = (n: number) => {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

export async function readWithExcelJs(bytes: Uint8Array): Promise<SheetRead[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const view = ws.views[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    const rows: (number | string | null)[][] = [];
    const formats: string[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const values: (number | string | null)[] = [];
      const fmts: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c);
        const v = cell.value;
        values.push(v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "number" || typeof v === "string" ? v : String(v));
        fmts.push(cell.numFmt || "General");
      }
      rows.push(values);
      formats.push(fmts);
    }
    return {
      title: ws.name,
      frozenAt: view?.state === "frozen" ? `${columnLetters((view.xSplit ?? 0) + 1)}${(view.ySplit ?? 0) + 1}` : null,
      widths: Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width ?? null),
      rows,
      formats,
    };
  });
}

// ---- openpyxl --------------------------------------------------------------------------------

const openpyxlScript = `
import json, sys, datetime, warnings
warnings.simplefilter("ignore")
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows, formats = [], []
    for row in ws.iter_rows():
        vals, fmts = [], []
        for c in row:
            v = c.value
            if isinstance(v, datetime.datetime): v = v.date().isoformat()
            vals.append(v); fmts.append(c.number_format)
        rows.append(vals); formats.append(fmts)
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(ws.max_column)]
    out.append({"title": ws.title, "frozenAt": ws.freeze_panes, "widths": widths, "rows": rows, "formats": formats})
print(json.dumps(out))
`;

/** A Python that has openpyxl, or null. */
const openpyxlPython = (() => {
  for (const python of ["python3", "/usr/bin/python3"]) {
    if (spawnSync(python, ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0) return python;
  }
  return null;
})();


export function readWithOpenpyxl(bytes: Uint8Array): SheetRead[] | null {
  if (!openpyxlPython) {
    if (required) throw new Error("openpyxl is not installed (apt-get install python3-openpyxl)");
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), "openpyxl-"));
  try {
    const file = join(dir, "book.xlsx");
    writeFileSync(file, bytes);
    return JSON.parse(execFileSync(openpyxlPython, ["-c", openpyxlScript, file], { encoding: "utf8", maxBuffer: 64 << 20 })) as SheetRead[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- LibreOffice -----------------------------------------------------------------------------

const soffice = ["soffice", "/usr/bin/soffice", "libreoffice"].find((b) => spawnSync(b, ["--version"], { stdio: "ignore" }).status === 0) ?? null;

/** Each sheet as LibreOffice reads it, exported as raw (unformatted) CSV; null when not installed. */
export function readWithLibreOffice(bytes: Uint8Array): Map<string, string[][]> | null {
  if (!soffice) {
    if (required) throw new Error("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)");
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), "soffice-"));
  try {
    const file = join(dir, "book.xlsx");
    writeFileSync(file, bytes);
    // Separator «;» (59), quote «"» (34), UTF-8 (76), raw values, every sheet (-1).
    const filter = 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1';
    const run = spawnSync(soffice, ["--headless", "--norestore", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", filter, "--outdir", join(dir, "out"), file], { encoding: "utf8", timeout: 120_000 });
    const outputs = (() => {
      try {
        return readdirSync(join(dir, "out"));
      } catch {
        return [];
      }
    })();
    if (!outputs.length) throw new Error(`LibreOffice could not open the workbook: ${run.stderr || run.stdout}`);
    const sheets = new Map<string, string[][]>();
    for (const name of outputs) {
      const csv = readFileSync(join(dir, "out", name), "utf8");
      sheets.set(name.replace(/^book-/, "").replace(/\.csv$/, ""), parseCsv(csv));
    }
    return sheets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A «;»-separated CSV, as the site's downloads write it. */
export const parseCsv = (text: string): string[][] => parseDelimited(text, ";");
