// The DuckDB warehouse file: one read-write process (ingest) or many read-only ones (page loaders).
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The nearest existing folder (or file) on the way up to the root. */
function firstExisting(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}
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
    try {
      const instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: "READ_ONLY" } : {});
      return new Warehouse(path, instance, await instance.connect());
    } catch (e) {
      throw explainOpenError(path, e);
    }
  }

  /**
   * Opens the warehouse a load writes to, after checking what the environment allows: the folder
   * exists (or the user asked for a new warehouse, or it is the project's own data/ folder), it is
   * a folder, it can be written. `created`: the warehouse file is new.
   */
  static async openForLoad(path: string, options: { create?: boolean } = {}): Promise<{ db: Warehouse; created: boolean }> {
    const folder = dirname(resolve(path));
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw new UserError(`${path} là một thư mục, không phải tệp kho dữ liệu: chỉ --warehouse tới một tệp, ví dụ ${path}/warehouse.duckdb.`);
    }
    const parent = firstExisting(folder);
    if (!statSync(parent).isDirectory()) {
      throw new UserError(`Không tạo được kho dữ liệu ${path}: ${parent} là một tệp, không phải thư mục. Hãy chọn đường dẫn khác cho --warehouse.`);
    }
    if (parent !== folder) {
      if (!options.create && folder !== dirname(defaultWarehousePath)) {
        throw new UserError(
          `Thư mục ${folder} chưa có. Kiểm tra lại đường dẫn --warehouse; nếu muốn tạo kho dữ liệu mới ở đó, chạy lại với --tao-moi.`,
        );
      }
      try {
        mkdirSync(folder, { recursive: true });
      } catch (e) {
        throw environmentError(path, e) ?? e;
      }
    }
    const created = !existsSync(path);
    for (const target of created ? [folder] : [path, folder]) {
      try {
        accessSync(target, constants.W_OK);
      } catch {
        throw new UserError(
          `Không ghi được vào ${target} (chỉ đọc, hoặc không có quyền ghi). Cấp quyền ghi cho người dùng này, hoặc chọn nơi khác bằng --warehouse; kho dữ liệu không thay đổi.`,
        );
      }
    }
    return { db: await Warehouse.open(path), created };
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
  return explainError(path, e);
}

/** What DuckDB says when the file's bytes are not a sound database: at open or when a block is read. */
const DAMAGE = /not a valid DuckDB database|Corrupt database file|checksum|Could not read enough bytes|Failure while replaying WAL|database file is truncated/i;

/** Errors of the machine, not of a file: a full disk, no permission, a read-only file system. */
function environmentError(path: string, e: unknown): UserError | null {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code ?? "";
  if (code === "ENOSPC" || /No space left on device|not enough space|disk full/i.test(message)) {
    return new UserError(`Đĩa đầy: không đủ chỗ để ghi kho dữ liệu ${path}. Giải phóng chỗ trống trên đĩa (hoặc chọn nơi khác bằng --warehouse) rồi chạy lại; kho dữ liệu không thay đổi.`);
  }
  if (code === "EACCES" || code === "EPERM" || code === "EROFS" || /Permission denied|Read-only file system|read only/i.test(message)) {
    return new UserError(`Không ghi được kho dữ liệu ${path}: không có quyền ghi hoặc ổ đĩa chỉ đọc. Cấp quyền ghi, hoặc chọn nơi khác bằng --warehouse; kho dữ liệu không thay đổi.`);
  }
  if (code === "ENOTDIR" || /Not a directory/i.test(message)) {
    return new UserError(`Đường dẫn kho dữ liệu ${path} đi qua một tệp, không phải thư mục: chọn đường dẫn khác cho --warehouse.`);
  }
  return null;
}

/**
 * Errors the user can act on become a message saying so and what to do: a damaged warehouse file,
 * a full disk, no permission. Other errors pass through.
 */
export function explainError(path: string, e: unknown): Error {
  if (e instanceof UserError) return e;
  const env = environmentError(path, e);
  if (env) return env;
  const message = e instanceof Error ? e.message : String(e);
  if (DAMAGE.test(message)) {
    return new UserError(
      `Kho dữ liệu ${path} bị hỏng hoặc không phải tệp DuckDB (${message.split("\n")[0]}). ` +
        "Không thể dùng tệp này: hãy xóa nó (và tệp .wal cạnh nó nếu có) rồi nạp lại toàn bộ từ thư mục tệp xuất.",
    );
  }
  return e instanceof Error ? e : new Error(message);
}
