// Observable Framework configuration. No CDN: the default Google Fonts stylesheet is dropped
// (globalStylesheets: []) and the font is embedded from node_modules (see src/style.css).
export default {
  root: "src",
  // Tests build into a temporary folder so they never replace the site in dist/.
  output: process.env.SITE_OUTPUT_DIR ?? "dist",
  title: "Tín dụng chính sách xã hội",
  pages: [{ name: "Tổng quan", path: "/" }],
  style: "style.css",
  globalStylesheets: [],
  head: `<link rel="icon" href="favicon.svg" type="image/svg+xml"><script>document.documentElement.lang = "vi";</script>`,
  footer: "Ngân hàng Chính sách xã hội – bảng điều khiển báo cáo. Số liệu tổng hợp, không chứa thông tin cá nhân.",
  toc: false,
  pager: false,
  search: false,
};
