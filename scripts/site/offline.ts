// Observable Framework asks registry.npmjs.org for the versions of the libraries its client can
// load on demand (react, leaflet, …) even when a page imports nothing from npm:, so a build on a
// closed network fails. Pages here import only from node_modules; seeding Framework's version
// cache with installed (or placeholder) versions keeps the build off the network. A placeholder is
// never fetched: nothing references those modules, and the browser tests fail on any 404.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../data-loaders/warehouse/connection.js";

export const frameworkCache = join(projectRoot, "src/.observablehq/cache");
const clientDir = join(projectRoot, "node_modules/@observablehq/framework/dist/client");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith(".js") ? [p] : [];
  });
}

/** Package names the Framework client refers to as npm:<name>. */
export function frameworkNpmPackages(): string[] {
  const names = new Set<string>();
  for (const file of filesUnder(clientDir)) {
    for (const [, spec] of readFileSync(file, "utf8").matchAll(/["']npm:((?:@[\w.-]+\/)?[\w.-]+)/g)) names.add(spec!);
  }
  return [...names].sort();
}

export function seedNpmVersionCache(): void {
  for (const name of frameworkNpmPackages()) {
    const pkg = join(projectRoot, "node_modules", name, "package.json");
    const version = existsSync(pkg) ? (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version : "0.0.0-offline";
    mkdirSync(join(frameworkCache, "_npm", `${name}@${version}`), { recursive: true });
  }
}
