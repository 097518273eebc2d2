// npm run warehouse -- --exports DIR [--warehouse FILE] [--no-models] [--cho-phep-giam] [--tao-moi] [--chi-tiet]
// npm run warehouse -- --undo [--warehouse FILE]
// Loads a folder of ledger exports into the warehouse and rebuilds the models (with --no-models:
// loads and checks only; the next load with models rebuilds them all). --undo takes the last load
// back. --cho-phep-giam (--allow-shrink) replaces a data date × PGD area even when the new file has
// far fewer rows; --tao-moi (--new) makes a new warehouse in a folder that does not exist yet;
// --chi-tiet (--columns) lists what became of every column of every file.
// Exit code: 0 when something usable was loaded (bad files and rows are reported, not fatal),
// 1 when nothing usable was loaded or the load failed.
import { ingestFolder } from "../ingest/ingest.js";
import { undoLoad } from "../ingest/undo.js";
import { exitCode, summary, undoSummary } from "./ingest-report.js";
import { warehousePath } from "../warehouse/connection.js";
import { cliOptions, runCli } from "./run-cli.js";

const values = cliOptions(
  `Nạp thư mục tệp xuất của ngân hàng vào kho dữ liệu và tính lại các chỉ tiêu.
npm run warehouse -- --exports THƯ_MỤC [--warehouse TỆP] [--no-models] [--cho-phep-giam] [--tao-moi] [--chi-tiet]
npm run warehouse -- --undo [--warehouse TỆP]
  --cho-phep-giam  thay số liệu một ngày × PGD kể cả khi tệp mới ít dòng hơn hẳn
  --tao-moi        tạo kho mới trong thư mục chưa có
  --chi-tiet       liệt kê từng cột của từng tệp: dùng, bỏ qua hay không nhận ra
  --undo           hoàn tác lần nạp gần nhất`,
  {
    exports: { type: "string", default: "data/demo-exports" },
    warehouse: { type: "string" },
    "no-models": { type: "boolean", default: false },
    undo: { type: "boolean", default: false },
    "cho-phep-giam": { type: "boolean", default: false },
    "allow-shrink": { type: "boolean", default: false },
    "tao-moi": { type: "boolean", default: false },
    new: { type: "boolean", default: false },
    "chi-tiet": { type: "boolean", default: false },
    columns: { type: "boolean", default: false },
  },
);

await runCli(async () => {
  const warehouse = values.warehouse ?? warehousePath();
  const log = (m: string) => console.error(m);
  if (values.undo) {
    console.error(undoSummary(await undoLoad(warehouse, log)));
    return 0;
  }
  const report = await ingestFolder({
    exportsDir: values.exports!,
    warehouse,
    log,
    models: !values["no-models"],
    allowShrink: values["cho-phep-giam"] || values["allow-shrink"],
    create: values["tao-moi"] || values.new,
  });
  console.error(summary(report, { columns: values["chi-tiet"] || values.columns }));
  return exitCode(report);
});
