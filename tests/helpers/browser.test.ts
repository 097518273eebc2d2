// Which Chromium the browser tests use: CHROMIUM_PATH first, then the system's, then the npm
// package's, which must start and render a page on a machine with no system Chromium.
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chooseChromium } from "./browser.js";

describe("the browser for the tests", () => {
  it("is CHROMIUM_PATH when set, and says so when it does not exist", async () => {
    expect(await chooseChromium({ CHROMIUM_PATH: process.execPath }, [])).toEqual({ path: process.execPath, source: "CHROMIUM_PATH" });
    await expect(chooseChromium({ CHROMIUM_PATH: "/nonexistent/chromium" }, [])).rejects.toThrow(/CHROMIUM_PATH=\/nonexistent\/chromium does not exist/);
  });

  it("is the system's when there is one", async () => {
    expect(await chooseChromium({}, ["/nonexistent/chromium", process.execPath])).toEqual({ path: process.execPath, source: "system" });
  });

  it("comes from npm when the system has none, and renders Vietnamese text", async () => {
    const choice = await chooseChromium({}, ["/nonexistent/chromium"]);
    expect(choice.source).toBe("npm");
    expect(await chooseChromium({ CHROMIUM_PATH: "bundled" })).toEqual(choice);
    const browser = await chromium.launch({ executablePath: choice.path, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage();
      // A heading with a link under text-wrap: balance is what crashed this build without fonts.
      await page.setContent(`<h1 style="text-wrap: balance"><a href="#x">Tổng quan tín dụng chính sách</a></h1>`);
      expect(await page.locator("h1").textContent()).toBe("Tổng quan tín dụng chính sách");
    } finally {
      await browser.close();
    }
  });
});
