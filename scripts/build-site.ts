// npm run build [-- --warehouse FILE]: the static site in dist/ from an existing warehouse.
import { cliOptions, runCli } from "../data-loaders/cli/run-cli.js";
import { warehousePath } from "../data-loaders/warehouse/connection.js";
import { buildSite } from "./site/build.js";

const values = cliOptions("Dựng trang tĩnh vào dist/ từ kho dữ liệu đã có.\nnpm run build [-- --warehouse TỆP]", { warehouse: { type: "string" } });
await runCli(async () => {
  const r = await buildSite(values.warehouse ?? warehousePath());
  console.error(`Đã dựng trang vào dist/ (${r.seconds.toFixed(1)} s).`);
});
