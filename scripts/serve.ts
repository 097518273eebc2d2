// npm run serve [-- --port N]: serves the built site from dist/ on localhost.
import { join } from "node:path";
import { cliOptions, runCli } from "../data-loaders/cli/run-cli.js";
import { projectRoot } from "../data-loaders/warehouse/connection.js";
import { serveStatic } from "./site/serve.js";

const values = cliOptions("Mở trang đã dựng (dist/) trên máy này.\nnpm run serve [-- --port N]", { port: { type: "string", default: "3000" } });
await runCli(async () => {
  await serveStatic(join(projectRoot, "dist"), Number(values.port));
  console.error(`Bảng điều khiển: http://localhost:${values.port}/ (Ctrl+C để dừng)`);
  await new Promise(() => {});
});
