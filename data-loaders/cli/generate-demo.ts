// npm run demo -- --out DIR [--seed N] [--borrowers N] [--months N] [--end YYYY-MM] [--layout simple|real]
import { defaultDemoOptions, generateDemo } from "../demo/generate.js";
import { layouts } from "../demo/layout.js";
import { UserError } from "../warehouse/connection.js";
import { cliOptions, runCli } from "./run-cli.js";

const values = cliOptions(
  `Tạo dữ liệu mẫu (một tỉnh giả định, các tệp xuất như của ngân hàng).
npm run demo -- [--out THƯ_MỤC] [--seed N] [--borrowers N] [--months N] [--end YYYY-MM] [--layout ${layouts.join("|")}]`,
  {
    out: { type: "string", default: "data/demo-exports" },
    seed: { type: "string" },
    borrowers: { type: "string" },
    months: { type: "string" },
    end: { type: "string" },
    layout: { type: "string" },
  },
);

await runCli(async () => {
  const layout = layouts.find((l) => l === (values.layout ?? defaultDemoOptions.layout));
  if (!layout) throw new UserError(`--layout phải là ${layouts.join(" hoặc ")}, không phải «${values.layout}»`);
  const started = Date.now();
  const files = generateDemo({
    outDir: values.out!,
    seed: Number(values.seed ?? defaultDemoOptions.seed),
    borrowers: Number(values.borrowers ?? defaultDemoOptions.borrowers),
    months: Number(values.months ?? defaultDemoOptions.months),
    endMonth: values.end ?? defaultDemoOptions.endMonth,
    layout,
  });
  console.log(`Đã tạo ${files.length} tệp dữ liệu mẫu (bố cục ${layout}) trong ${values.out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
});
