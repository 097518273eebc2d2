// The bank's sheets as files: a workbook, or a CSV saved from one in Excel (UTF-8 with BOM, CRLF,
// title rows kept above the header and padded with empty cells to the sheet's width).
import { closeSync, openSync, writeSync } from "node:fs";
import { ByteBuffer } from "./byte-buffer.js";
import { XlsxWriter, type CellType, type Value } from "./xlsx-writer.js";

export interface SheetWriter {
  /** Title or header cells; null leaves a cell empty. */
  textRow(cells: (string | null)[], header?: boolean): void;
  /** A data row; the writer may overwrite the array's cells. */
  row(values: Value[]): void;
  close(): void;
}

export interface SheetOptions {
  xlsx: boolean;
  sheetName: string;
  types: CellType[];
  /** Rows in all, titles and header included (a workbook states its size first). */
  rows: number;
  /** Modification time stored in a workbook. */
  modified: Date;
}

export function openSheet(path: string, options: SheetOptions): SheetWriter {
  return options.xlsx ? new XlsxWriter(path, options) : new ExcelCsvWriter(path, options.types);
}

export class ExcelCsvWriter implements SheetWriter {
  private readonly fd: number;
  private readonly out: ByteBuffer;
  /** Columns whose values may need quotes; numbers and dates never do. */
  private readonly free: boolean[];

  constructor(path: string, types: CellType[]) {
    this.fd = openSync(path, "w");
    this.out = new ByteBuffer((bytes) => writeSync(this.fd, bytes));
    this.free = types.map((t) => t === "text");
    this.out.write("\uFEFF");
  }

  textRow(cells: (string | null)[]): void {
    this.row(Array.from(this.free, (_, i) => cells[i] ?? null));
  }

  /** join writes null as an empty cell. */
  row(values: Value[]): void {
    for (let i = 0; i < this.free.length; i++) {
      const v = values[i];
      if (this.free[i] && typeof v === "string" && (v.includes(",") || v.includes('"') || v.includes("\n"))) values[i] = `"${v.replace(/"/g, '""')}"`;
    }
    this.out.write(values.join(",") + "\r\n");
  }

  close(): void {
    this.out.flush();
    closeSync(this.fd);
  }
}
