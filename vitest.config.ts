import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Pipeline tests load real files into real DuckDB warehouses and build the real site.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Two cores: DuckDB already uses both; more parallel files only contend.
    maxWorkers: 2,
  },
});
