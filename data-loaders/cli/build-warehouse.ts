// npm run warehouse -- --exports DIR [--warehouse FILE] [--no-models]
// Loads a folder of ledger exports into the warehouse and rebuilds the models (with --no-models:
// loads and checks only; the next load with models rebuilds them all).
// Exit code: 0 when something usable was loaded (bad files and rows are reported, not fatal),
// 1 when nothing usable was loaded or the load failed.
import { parseArgs } from "node:util";
import { ingestFolder } from "../ingest/ingest.js";
import { exitCode, summary } from "./ingest-report.js";
import { warehousePath } from "../warehouse/connection.js";
import { runCli } from "./run-cli.js";

const { values } = parseArgs({
  options: {
    exports: { type: "string", default: "data/demo-exports" },
    warehouse: { type: "string" },
    "no-models": { type: "boolean", default: false },
  },
});

await runCli(async () => {
  const report = await ingestFolder({
    exportsDir: values.exports!,
    warehouse: values.warehouse ?? warehousePath(),
    log: (m) => console.error(m),
    models: !values["no-models"],
  });
  console.error(summary(report));
  return exitCode(report);
});
