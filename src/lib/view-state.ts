// The view the user has chosen (data date, union, PGD area, commune, programme, period start,
// target), kept in the address (?ngay=2025-12-31&hoi=02…) so a view can be sent as a link, and
// carried by every link to another page of the site: tables, tabs, breadcrumbs, chart bars and
// Framework's sidebar alike. Pages read and write it here only.
//
// A page whose address names a unit (/hoi/02, /pgd/051101, /xa/021000) sets that unit for the view
// (setScope): the links it shows carry it on, and the query never repeats what a path says.

/** The parameters that follow the user from page to page. */
export const carried = ["ngay", "hoi", "pgd", "xa", "ct", "tu", "chi-tieu"] as const;
export type ViewKey = (typeof carried)[number];
/** A view: a value per parameter, null for one the page has cleared. */
export type View = Partial<Record<ViewKey, string | null>>;

const isCarried = (name: string): name is ViewKey => (carried as readonly string[]).includes(name);

/** The units an address names: "/hoi/02" → {hoi: "02"}. */
export function unitsOfPath(pathname: string): View {
  const m = /\/(hoi|pgd|xa)\/(\d+)$/.exec(pathname);
  return m ? { [m[1]!]: m[2]! } : {};
}

/** The carried parameters of a query string. */
export function viewOfSearch(search: string): View {
  const view: View = {};
  for (const [name, value] of new URLSearchParams(search)) if (isCarried(name) && value) view[name] = value;
  return view;
}

/**
 * The address a link should have to carry the view, or null when it is not a link to a page of
 * this site (another host, a file, a download, an anchor on the same page). The link's own query
 * wins over the view; what the link's path names is left to the path.
 */
export function carry(href: string, view: View, base: string): string | null {
  if (href.startsWith("#") || (/^[a-z]+:/i.test(href) && !/^https?:/i.test(href))) return null;
  const url = new URL(href, base);
  const here = new URL(base);
  if (url.origin !== here.origin || url.pathname.startsWith("/_") || /\.[a-z0-9]+$/i.test(url.pathname)) return null;
  const own = new URLSearchParams(url.search);
  const fixed = unitsOfPath(url.pathname);
  const params = new URLSearchParams();
  for (const name of carried) {
    const value = own.get(name) ?? view[name];
    if (value && !(name in fixed)) params.set(name, value);
  }
  for (const [name, value] of own) if (!isCarried(name)) params.set(name, value);
  const query = params.toString();
  // Relative links stay relative (the site may be served under any folder).
  const path = href.replace(/[?#].*$/, "");
  return `${path}${query ? `?${query}` : ""}${url.hash}`;
}

// --- The page's side: the address bar and the links of the document. -----------------------------

let scope: View = {};

/** A parameter of the address (carried or the page's own, such as ?van-de=…). */
export function param(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** The address's value when it is one of the allowed choices, else the fallback. */
export function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = param(name);
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** The view now: the address's carried parameters, then what this page's path sets. */
function currentView(): View {
  return { ...viewOfSearch(location.search), ...scope };
}

/** Writes parameters into the address without reloading; empty values are left out. */
export function setParams(values: Record<string, string | null | undefined>): void {
  const params = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === "" || (isCarried(name) && name in scope)) params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  const next = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
  if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, "", next);
  relink(document);
}

/**
 * The units this page's address names, and those it clears (null): a PGD area's page sets the
 * area and clears the commune, a commune's page sets the commune and its PGD area.
 */
export function setScope(values: View): void {
  scope = { ...values };
  setParams(Object.fromEntries(Object.keys(values).map((k) => [k, null])));
}

const original = new WeakMap<Element, string>();

/** Links, also a chart's (Plot writes SVG links as xlink:href, an attribute in another namespace). */
const links = "a[href], a[*|href]";

/** Gives every link in or under root the view; a link keeps what it was written with for the next time. */
function relink(root: Document | Element): void {
  const view = currentView();
  for (const a of [...(root instanceof Element && root.matches(links) ? [root] : []), ...root.querySelectorAll(links)]) {
    const attr = a.getAttributeNode("href") ?? [...a.attributes].find((at) => at.localName === "href");
    if (!attr || a.hasAttribute("download")) continue;
    const href = original.get(a) ?? attr.value;
    original.set(a, href);
    const next = carry(href, view, location.href);
    if (next !== null && next !== attr.value) attr.value = next;
  }
}

/** Links the page adds later (tables sorted or paged, charts redrawn) get the view as they appear. */
function watch(): void {
  relink(document);
  new MutationObserver((changes) => {
    for (const c of changes) for (const node of c.addedNodes) if (node instanceof Element) relink(node);
  }).observe(document.body, { childList: true, subtree: true });
}

if (typeof document !== "undefined") {
  if (document.body) watch();
  else addEventListener("DOMContentLoaded", watch, { once: true });
}
