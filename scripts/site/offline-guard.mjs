// Preloaded into the Framework build (NODE_OPTIONS=--import): any fetch to a host other than
// localhost fails at once with the URL named, so a build that would need the network is caught
// here and everywhere, not only on closed networks.
const original = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  if (!["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) {
    throw new Error(`offline build: refused a network request to ${url.href}`);
  }
  return original(input, init);
};
