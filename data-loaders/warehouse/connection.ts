// The DuckDB warehouse file: one read-write process (ingest) or many read-only ones (page loaders).
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const defaultWarehousePath = resolve(projectRoot, "data/warehouse.duckdb");

/** WAREHOUSE_PATH lets the build and the tests point page loaders at another file. */
export function warehousePath(): string {
  return process.env.WAREHOUSE_PATH ? resolve(process.env.WAREHOUSE_PATH) : defaultWarehousePath;
}

/** A problem the user can act on: printed as is, without a stack trace. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

export type Row = Record<string, unknown>;

export class Warehouse {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  static async open(path: string, options: { readOnly?: boolean } = {}): Promise<Warehouse> {
    if (options.readOnly && !existsSync(path)) {
      throw new UserError(`Chưa có kho dữ liệu ${path}: hãy nạp dữ liệu trước (npm run warehouse).`);
    }
    if (!options.readOnly) mkdirSync(dirname(path), { recursive: true });
    try {
      const instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: "READ_ONLY" } : {});
      return new Warehouse(path, instance, await instance.connect());
    } catch (e) {
      throw explainOpenError(path, e);
    }
  }

  /** Returns how many rows the statement inserted, updated or deleted. */
  async run(sql: string): Promise<number> {
    return (await this.conn.run(sql)).rowsChanged;
  }

  /** Rows as plain objects; BIGINT and HUGEINT come back as numbers, DATE as "yyyy-mm-dd". */
  async all<T = Row>(sql: string, params?: Record<string, string | number | boolean | null>): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJS().map((row) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) out[k] = toPlain(v);
      return out as T;
    });
  }

  async one<T = Row>(sql: string, params?: Record<string, string | number | boolean | null>): Promise<T> {
    const rows = await this.all<T>(sql, params);
    if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql.slice(0, 80)}`);
    return rows[0]!;
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

function toPlain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v;
}

function explainOpenError(path: string, e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  if (/Could not set lock|Conflicting lock/i.test(message)) {
    const pid = /PID (\d+)/.exec(message)?.[1];
    return new UserError(
      `Kho dữ liệu ${path} đang được một tiến trình khác sử dụng${pid ? ` (PID ${pid})` : ""}. ` +
        "Chờ lần nạp đang chạy kết thúc rồi chạy lại.",
    );
  }
  return explainDamage(path, e);
}

/** What DuckDB says when the file's bytes are not a sound database: at open or when a block is read. */
const DAMAGE = /not a valid DuckDB database|Corrupt database file|checksum|Could not read enough bytes|Failure while replaying WAL|database file is truncated/i;

/** A damaged warehouse file becomes a message saying so and what to do; other errors pass through. */
export function explainDamage(path: string, e: unknown): Error {
  if (e instanceof UserError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (DAMAGE.test(message)) {
    return new UserError(
      `Kho dữ liệu ${path} bị hỏng hoặc không phải tệp DuckDB (${message.split("\n")[0]}). ` +
        "Không thể dùng tệp này: hãy xóa nó (và tệp .wal cạnh nó nếu có) rồi nạp lại toàn bộ từ thư mục tệp xuất.",
    );
  }
  return e instanceof Error ? e : new Error(message);
}
