// npm start [-- --exports DIR] [--warehouse FILE] [--port N] [--no-serve] [--timings FILE]
// The main job: ledger exports (the demo province when none are given) → DuckDB warehouse →
// static dashboard in dist/ → served on http://localhost:PORT.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { exitCode, summary } from "../data-loaders/cli/ingest-report.js";
import { cliOptions, runCli } from "../data-loaders/cli/run-cli.js";
import { defaultDemoOptions, generateDemo } from "../data-loaders/demo/generate.js";
import { ingestFolder } from "../data-loaders/ingest/ingest.js";
import { projectRoot, warehousePath } from "../data-loaders/warehouse/connection.js";
import { buildSite } from "./site/build.js";
import { serveStatic } from "./site/serve.js";

const values = cliOptions(
  `Nạp tệp xuất (tỉnh mẫu khi không chỉ thư mục) → kho DuckDB → trang tĩnh dist/ → mở trên http://localhost:CỔNG.
npm start [-- --exports THƯ_MỤC] [--warehouse TỆP] [--port N] [--no-serve]`,
  {
    exports: { type: "string" },
    warehouse: { type: "string" },
    port: { type: "string", default: "3000" },
    "no-serve": { type: "boolean", default: false },
    // Where the time went, as JSON (the benchmark reads it).
    timings: { type: "string" },
    borrowers: { type: "string" },
    months: { type: "string" },
  },
);

const log = (m: string) => console.error(m);

/** The demo exports, generated once per set of options (the generator is deterministic). */
function demoExports(): string {
  const outDir = join(projectRoot, "data/demo-exports");
  const options = {
    ...defaultDemoOptions,
    borrowers: Number(values.borrowers ?? defaultDemoOptions.borrowers),
    months: Number(values.months ?? defaultDemoOptions.months),
  };
  const manifest = join(outDir, ".demo.json");
  const wanted = JSON.stringify(options);
  if (existsSync(manifest) && readFileSync(manifest, "utf8") === wanted) {
    log(`Dùng dữ liệu mẫu có sẵn trong ${outDir}.`);
    return outDir;
  }
  log(`Chưa có tệp xuất: tạo dữ liệu mẫu (${options.borrowers.toLocaleString("vi-VN")} khách hàng, ${options.months} tháng)…`);
  rmSync(outDir, { recursive: true, force: true });
  const started = Date.now();
  const files = generateDemo({ outDir, ...options, onMonth: (done, total) => done % 6 === 0 && log(`  … ${done}/${total} tháng`) });
  writeFileSync(manifest, wanted);
  log(`Đã tạo ${files.length} tệp trong ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return outDir;
}

await runCli(async () => {
  const exportsDir = values.exports ? resolve(values.exports) : demoExports();
  const warehouse = values.warehouse ? resolve(values.warehouse) : warehousePath();
  log(`Nạp tệp xuất từ ${exportsDir} vào ${warehouse}…`);
  const report = await ingestFolder({ exportsDir, warehouse, log });
  log(summary(report));
  const code = exitCode(report);
  if (code === 1) return 1;
  log("Dựng bảng điều khiển…");
  const site = await buildSite(warehouse, { log });
  log(`Đã dựng trang vào dist/ (${site.seconds.toFixed(1)} s).`);
  if (values.timings) {
    const seconds = { load: report.seconds - report.modelSeconds, models: report.modelSeconds, publish: site.publishSeconds, framework: site.seconds - site.publishSeconds };
    writeFileSync(values.timings, `${JSON.stringify(seconds)}\n`);
  }
  if (values["no-serve"]) return code;
  await serveStatic(join(projectRoot, "dist"), Number(values.port));
  log(`\nBảng điều khiển: http://localhost:${values.port}/  (Ctrl+C để dừng)`);
  await new Promise(() => {});
});
