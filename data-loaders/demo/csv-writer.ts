// Writes one export file with the contract's headers, in the contract's column order.
import { closeSync, openSync, writeSync } from "node:fs";
import { columnsOf, type ExportKind } from "../contract/exports.js";

export type Cell = string | number | null;

export class CsvWriter {
  private readonly fd: number;
  private readonly keys: string[];
  private buffer: string[] = [];
  private size = 0;
  rows = 0;

  constructor(path: string, kind: ExportKind, private readonly delimiter = ",") {
    this.fd = openSync(path, "w");
    const columns = columnsOf(kind);
    this.keys = columns.map((c) => c.key);
    this.push(columns.map((c) => this.quote(c.header)).join(delimiter));
  }

  /** A row given by contract keys; keys the caller leaves out are written empty. */
  write(row: Record<string, Cell>): void {
    const cells = this.keys.map((k) => {
      const v = row[k];
      return v === null || v === undefined ? "" : typeof v === "number" ? String(v) : this.quote(v);
    });
    this.push(cells.join(this.delimiter));
    this.rows++;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private quote(text: string): string {
    return text.includes(this.delimiter) || text.includes('"') || text.includes("\n") ? `"${text.replace(/"/g, '""')}"` : text;
  }

  private push(line: string): void {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join("\n") + "\n");
    this.buffer = [];
    this.size = 0;
  }
}
