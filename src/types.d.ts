// @observablehq/inputs ships no type declarations; these are the parts the pages use.
declare module "@observablehq/inputs" {
  export function select<T>(data: Iterable<T>, options?: Record<string, unknown>): HTMLElement & { value: T };
  export function radio<T>(data: Iterable<T>, options?: Record<string, unknown>): HTMLElement & { value: T };
  export function text(options?: Record<string, unknown>): HTMLElement & { value: string };
  export function table(data: unknown[], options?: Record<string, unknown>): HTMLElement;
}


// Framework's standard library, for the modules under src/ that load files or size charts.
declare module "observablehq:stdlib" {
  export function FileAttachment(path: string): { arrayBuffer(): Promise<ArrayBuffer> };
  export function resize(render: (width: number, height: number) => Node | Promise<Node>): HTMLElement;
}
