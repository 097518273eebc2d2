// Observable Framework configuration. No CDN: the default Google Fonts stylesheet is dropped
// (globalStylesheets: []) and the font is embedded from node_modules (see src/style.css).
import { existsSync, readFileSync } from "node:fs";

// The pages of each union, PGD area and commune in the warehouse, written by the site build
// (scripts/site/loader-cache.ts) before it runs Framework.
const routesFile = new URL("./src/.observablehq/cache/routes.json", import.meta.url);
const dynamicPaths: string[] = existsSync(routesFile) ? JSON.parse(readFileSync(routesFile, "utf8")) : [];

export default {
  root: "src",
  // Tests build into a temporary folder so they never replace the site in dist/.
  output: process.env.SITE_OUTPUT_DIR ?? "dist",
  title: "Tín dụng chính sách xã hội",
  pages: [
    { name: "Tổng quan", path: "/" },
    { name: "Báo cáo năm", path: "/bao-cao-nam" },
    { name: "Hội đoàn thể", path: "/hoi/" },
    { name: "Theo địa bàn", path: "/dia-ban" },
    { name: "Phân tích dư nợ", path: "/phan-tich" },
    { name: "Đối chiếu, phân loại nợ", path: "/doi-chieu" },
    { name: "Dữ liệu đã nạp", path: "/du-lieu" },
  ],
  dynamicPaths,
  style: "site.css",
  globalStylesheets: [],
  // Framework writes its own viewport tag with maximum-scale=1, which blocks pinch-zoom; this one
  // comes after it, and browsers take the last. The skip link is put first in the page, before
  // the sidebar, so a keyboard user reaches the content with one Tab and Enter.
  head: `<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<script>
document.documentElement.lang = "vi";
for (const meta of document.querySelectorAll('meta[name="viewport"]')) if (/maximum-scale|user-scalable/.test(meta.content)) meta.remove();
document.addEventListener("DOMContentLoaded", () => {
  const main = document.getElementById("observablehq-main");
  if (!main) return;
  main.tabIndex = -1;
  const skip = Object.assign(document.createElement("a"), {className: "skip-link", href: "#observablehq-main", textContent: "Bỏ qua menu, đến nội dung chính"});
  document.body.prepend(skip);
});
</script>`,
  footer: "Ngân hàng Chính sách xã hội – bảng điều khiển báo cáo. Số liệu tổng hợp, không chứa thông tin cá nhân.",
  toc: false,
  pager: false,
  search: false,
};
