// Decodes a published Arrow file into plain row objects with apache-arrow from node_modules.
// Pages call FileAttachment("….arrow").arrayBuffer() themselves: Framework reads a bare
// FileAttachment of an .arrow file as a use of .arrow(), which loads apache-arrow from a CDN.
import { tableFromIPC } from "apache-arrow";

export function decodeRows<T>(buffer: ArrayBuffer): T[] {
  const table = tableFromIPC(new Uint8Array(buffer));
  return table.toArray().map((row) => row.toJSON() as T);
}
