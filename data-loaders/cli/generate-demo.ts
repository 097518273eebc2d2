// npm run demo -- --out DIR [--seed N] [--borrowers N] [--months N] [--end YYYY-MM]
import { parseArgs } from "node:util";
import { defaultDemoOptions, generateDemo } from "../demo/generate.js";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "data/demo-exports" },
    seed: { type: "string" },
    borrowers: { type: "string" },
    months: { type: "string" },
    end: { type: "string" },
  },
});
const started = Date.now();
const files = generateDemo({
  outDir: values.out!,
  seed: Number(values.seed ?? defaultDemoOptions.seed),
  borrowers: Number(values.borrowers ?? defaultDemoOptions.borrowers),
  months: Number(values.months ?? defaultDemoOptions.months),
  endMonth: values.end ?? defaultDemoOptions.endMonth,
});
console.log(`Đã tạo ${files.length} tệp dữ liệu mẫu trong ${values.out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
