// Maps a row's position among the rows DuckDB kept back to the line a user sees in the file, so
// that quarantine entries name the right line even after blank lines, values spanning lines and
// rows the reader rejected.
import type { CsvScan } from "./csv-scan.js";

export class LineLocator {
  private constructor(
    private readonly scan: CsvScan,
    /** Physical start line of each kept record, in file order. */
    private readonly kept: Int32Array,
    /** False when the byte scan and DuckDB disagree on the records; lines are then estimates. */
    readonly exact: boolean,
    private readonly headerLine: number,
  ) {}

  /** Records DuckDB did not keep are known by the line its reject table gives them. */
  static of(scan: CsvScan, rejectedReaderLines: number[], keptCount: number, headerLine: number): LineLocator {
    const rejected = new Set(rejectedReaderLines);
    const kept = new Int32Array(scan.recordLines.length);
    let n = 0;
    for (let i = 0; i < scan.recordLines.length; i++) {
      if (!rejected.has(scan.readerLines[i]!)) kept[n++] = scan.recordLines[i]!;
    }
    const exact = n === keptCount && rejected.size + n === scan.recordLines.length;
    return new LineLocator(scan, kept.subarray(0, n), exact, headerLine);
  }

  /** Line of the k-th kept record (0-based). */
  line(k: number): number {
    return this.exact ? this.kept[k]! : this.headerLine + 1 + k;
  }

  /** Physical line of a record DuckDB reported by its own line count. */
  physical(readerLine: number): number {
    const i = binarySearch(this.scan.readerLines, readerLine);
    return i >= 0 ? this.scan.recordLines[i]! : readerLine;
  }

  /** The same locator once some kept records (0-based positions) are left out. */
  without(excluded: Iterable<number>): LineLocator {
    const drop = new Set(excluded);
    if (drop.size === 0) return this;
    return new LineLocator(this.scan, this.kept.filter((_, i) => !drop.has(i)), this.exact, this.headerLine);
  }
}

function binarySearch(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! === x) return mid;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
