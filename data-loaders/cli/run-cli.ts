// Runs a command-line entry point: user errors are printed as one clear line, never a stack trace.
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;
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

/**
 * The command's options; --help (-h) prints `usage`, and an unknown or malformed option is one line
 * naming it, with the usage, and exit code 2 (never Node's stack trace).
 */
export function cliOptions<const T extends Options>(usage: string, options: T) {
  try {
    const { values } = parseArgs<{ options: T & { help: { type: "boolean"; short: "h" } } }>({ options: { ...options, help: { type: "boolean", short: "h" } } });
    if ((values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(0);
    }
    return values;
  } catch (e) {
    console.error(`Lỗi: ${optionError(e)}\n\n${usage}`);
    process.exit(2);
  }
}

/** Node's parseArgs error, said in Vietnamese with the option it names. */
function optionError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? "";
  switch ((e as { code?: string }).code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `không có tùy chọn «${quoted}»`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return message.includes("does not take")
        ? `tùy chọn «${quoted.split(" ")[0]}» không nhận giá trị`
        : `tùy chọn «${quoted.split(" ")[0]}» cần một giá trị theo sau`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `không nhận «${quoted}» đứng riêng: đặt tên tùy chọn trước nó (xem cách dùng dưới đây)`;
    default:
      return message;
  }
}
