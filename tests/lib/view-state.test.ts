// The view carried from page to page (src/lib/view-state.ts): which links get it, what they keep of
// their own, and what a path says for itself. Expected addresses written by hand.
import { describe, expect, it } from "vitest";
import { carry, unitsOfPath, viewOfSearch } from "../../src/lib/view-state.js";

const here = "http://127.0.0.1:3000/hoi/01?ngay=2025-12-31&chi-tieu=TL_NQH";
const view = { ngay: "2025-12-31", hoi: "01", "chi-tieu": "TL_NQH" };

describe("a page's address", () => {
  it("names its own unit", () => {
    expect(unitsOfPath("/hoi/02")).toEqual({ hoi: "02" });
    expect(unitsOfPath("/pgd/051101")).toEqual({ pgd: "051101" });
    expect(unitsOfPath("/site/xa/021000")).toEqual({ xa: "021000" });
    expect(unitsOfPath("/hoi/")).toEqual({});
    expect(unitsOfPath("/")).toEqual({});
  });

  it("keeps the carried parameters of its query, not a page's own ones nor empty ones", () => {
    expect(viewOfSearch("?ngay=2025-12-31&van-de=all&hoi=&ct=01&tu=2025-01-31")).toEqual({ ngay: "2025-12-31", ct: "01", tu: "2025-01-31" });
  });
});

describe("a link", () => {
  it("to another union carries the date and the target, not the union its path names", () => {
    expect(carry("./02", view, here)).toBe("./02?ngay=2025-12-31&chi-tieu=TL_NQH");
  });

  it("to a PGD area, the sidebar and a breadcrumb carries the whole view, relative as written", () => {
    expect(carry("../pgd/051101", view, here)).toBe("../pgd/051101?ngay=2025-12-31&hoi=01&chi-tieu=TL_NQH");
    expect(carry("../phan-tich", view, here)).toBe("../phan-tich?ngay=2025-12-31&hoi=01&chi-tieu=TL_NQH");
    expect(carry("../", { ngay: "2026-10-31" }, here)).toBe("../?ngay=2026-10-31");
  });

  it("keeps what it says itself: its own value of a carried parameter, its page parameters, its anchor", () => {
    expect(carry("../phan-tich?hoi=03", view, here)).toBe("../phan-tich?ngay=2025-12-31&hoi=03&chi-tieu=TL_NQH");
    expect(carry("./02?van-de=all#to", { ngay: "2025-12-31" }, here)).toBe("./02?ngay=2025-12-31&van-de=all#to");
  });

  it("drops what the page cleared", () => {
    expect(carry("../xa/021000", { ngay: "2025-12-31", pgd: "051101", xa: null }, here)).toBe("../xa/021000?ngay=2025-12-31&pgd=051101");
  });

  it("is left alone when it does not lead to a page of the site", () => {
    expect(carry("#ket-qua-theo-pgd", view, here)).toBeNull();
    expect(carry("https://example.org/hoi/01", view, here)).toBeNull();
    expect(carry("../_file/data/dim_unions.arrow", view, here)).toBeNull();
    expect(carry("blob:http://127.0.0.1:3000/1", view, here)).toBeNull();
    expect(carry("mailto:a@b.vn", view, here)).toBeNull();
    expect(carry("../favicon.svg", view, here)).toBeNull();
  });
});
