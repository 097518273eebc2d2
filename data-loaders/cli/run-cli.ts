// Runs a command-line entry point: user errors are printed as one clear line, never a stack trace.
import { UserError } from "../warehouse/connection.js";

export async function runCli(main: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (e) {
    if (e instanceof UserError) console.error(`Lỗi: ${e.message}`);
    else console.error(`Lỗi không mong đợi: ${e instanceof Error ? e.message : String(e)}\n(chạy lại với DEBUG=1 để xem chi tiết)`);
    if (process.env.DEBUG && e instanceof Error) console.error(e.stack);
    process.exitCode = 1;
  }
}
