// Filters kept in the page's URL (?hoi=02&tu=2025-01-31), so a view can be shared as a link.

export function readParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** Writes the filters into the URL without reloading; empty values are left out. */
export function writeParams(values: Record<string, string | null | undefined>): void {
  const params = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === "") params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}

/** The value from the URL when it is one of the allowed choices, else the fallback. */
export function paramChoice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = readParam(name);
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}
