// What an export file is, from its first bytes: an Excel workbook, a CSV in UTF-8 (read as is), or
// a CSV in UTF-16 or a legacy Vietnamese code page, which is converted to UTF-8 first. Converting
// also composes decomposed Unicode (NFD) into the precomposed form (NFC) the reference data uses.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import iconv from "iconv-lite";
import { sniffText, type SniffResult } from "./csv-sniff.js";

export type FileFormat =
  | { format: "xlsx" }
  | { format: "csv"; encoding: string; label: string }
  | { format: "unusable"; message: string };

/**
 * Legacy encodings tried in this order: Windows-1258 (the Vietnamese Windows code page, what Excel
 * writes as "CSV" on a Vietnamese Windows), TCVN3 (TCVN 5712, the .VnTime fonts), VISCII. VNI is a
 * font encoding iconv-lite does not know: such files are refused with a hint.
 */
const legacyEncodings = [
  { encoding: "windows1258", label: "Windows-1258" },
  { encoding: "tcvn", label: "TCVN3 (TCVN 5712)" },
  { encoding: "viscii", label: "VISCII" },
] as const;

const VIETNAMESE = new Set(
  "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    .split("")
    .flatMap((c) => [c, c.toUpperCase()]),
);

export function detectFormat(head: Buffer): FileFormat {
  if (head.length === 0) return { format: "unusable", message: "tệp rỗng" };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { format: "xlsx" };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { format: "unusable", message: "tệp Excel 97–2003 (.xls) chưa đọc được; hãy mở bằng Excel và lưu thành .xlsx hoặc CSV UTF-8" };
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return { format: "unusable", message: "tệp PDF, không phải bảng dữ liệu; cần tệp CSV hoặc Excel (.xlsx)" };
  if (startsWith(head, [0xff, 0xfe])) return utf16("utf-16le");
  if (startsWith(head, [0xfe, 0xff])) return utf16("utf-16be");
  const zeros = zeroBytes(head);
  if (zeros.odd > head.length / 4 && zeros.even === 0) return utf16("utf-16le");
  if (zeros.even > head.length / 4 && zeros.odd === 0) return utf16("utf-16be");
  if (zeros.odd + zeros.even > 0) return { format: "unusable", message: "tệp nhị phân, không phải CSV hay Excel (.xlsx)" };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head);
    return { format: "csv", encoding: "utf8", label: "UTF-8" };
  } catch {
    return legacy(head);
  }
}

/**
 * The legacy code page under which the header row matches the most contract columns; on a tie,
 * the one whose text has the fewest characters that are neither ASCII nor Vietnamese letters.
 */
function legacy(head: Buffer): FileFormat {
  const scored = legacyEncodings.map((e) => {
    const text = iconv.decode(head, e.encoding).normalize("NFC").replace(/\r(?!\n)/g, "\n");
    const sniff: SniffResult = sniffText(text);
    const matched = sniff.ok ? 1 : 0;
    let odd = 0;
    for (const ch of text) if (ch > "\u007f" && !VIETNAMESE.has(ch)) odd++;
    return { ...e, matched, odd };
  });
  scored.sort((a, b) => b.matched - a.matched || a.odd - b.odd);
  const best = scored[0]!;
  if (best.matched === 0) {
    return {
      format: "unusable",
      message:
        "tệp không phải UTF-8, và đọc bằng Windows-1258, TCVN3 hay VISCII thì không có dòng tiêu đề nào khớp một loại tệp xuất " +
        "(có thể là mã VNI); hãy chuyển sang Unicode (ví dụ bằng Unikey) hoặc lưu lại dưới dạng CSV UTF-8",
    };
  }
  return { format: "csv", encoding: best.encoding, label: best.label };
}

function utf16(encoding: "utf-16le" | "utf-16be"): FileFormat {
  return { format: "csv", encoding, label: encoding === "utf-16le" ? "UTF-16 LE" : "UTF-16 BE" };
}

function startsWith(b: Buffer, bytes: number[]): boolean {
  return bytes.every((x, i) => b[i] === x);
}

function zeroBytes(b: Buffer): { odd: number; even: number } {
  let odd = 0;
  let even = 0;
  for (let i = b.indexOf(0); i !== -1; i = b.indexOf(0, i + 1)) {
    if (i % 2) odd++;
    else even++;
  }
  return { odd, even };
}

/**
 * Lines that end with CR alone, as Excel for Mac's «CSV (Macintosh)» and old Mac programs write
 * them: a CR in the first bytes and no LF (true of UTF-16 too, whose CR and LF keep their byte).
 */
export function crLineEnds(head: Buffer): boolean {
  return head.includes(13) && !head.includes(10);
}

/**
 * Streams a CSV into UTF-8 in NFC, line by line (a combining mark never leaves its letter), with
 * every line ending as LF (one read has one line end), and returns the SHA-256 of the original
 * bytes. Each line break stays a line break, so line numbers do not change.
 */
export async function transcode(from: string, to: string, encoding: string, crLines = false): Promise<string> {
  const hash = createHash("sha256");
  const decoder = iconv.getDecoder(encoding);
  const out = createWriteStream(to);
  const breaks = crLines ? /\r\n?/g : /\r\n/g;
  const write = async (text: string) => {
    if (text && !out.write(text.normalize("NFC").replace(breaks, "\n"))) await once(out, "drain");
  };
  let rest = "";
  for await (const chunk of createReadStream(from, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    const text = rest + decoder.write(chunk);
    // A CR at the very end may be the first half of a CRLF: it waits for the next chunk.
    const cut = Math.max(text.lastIndexOf("\n"), crLines ? text.lastIndexOf("\r", text.length - 2) : -1) + 1;
    rest = text.slice(cut);
    await write(text.slice(0, cut));
  }
  await write(rest + (decoder.end() ?? ""));
  out.end();
  await once(out, "finish");
  return hash.digest("hex");
}
