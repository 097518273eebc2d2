// Money units as files write them («Đơn vị tính: 1.000 đồng», «(triệu đồng)», «Trđ»): the factor
// that turns a written amount into đồng.

export interface MoneyUnit {
  /** Đồng per written unit. */
  factor: number;
  /** As users say it. */
  label: string;
}

const units: [string[], MoneyUnit][] = [
  [["dong", "d", "vnd", "vnđ"], { factor: 1, label: "đồng" }],
  [["1000dong", "1000d", "nghindong", "ngandong", "nghin", "ngan", "nghind", "ngand"], { factor: 1e3, label: "nghìn đồng" }],
  [["trieudong", "trieu", "trd", "trdong", "1000000dong", "1000000d", "tr"], { factor: 1e6, label: "triệu đồng" }],
  [["tydong", "ty", "1000000000dong", "tyd"], { factor: 1e9, label: "tỷ đồng" }],
];

/** The written form without accents, spaces, dots or commas: "1.000 đồng" → "1000dong". */
const squash = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[\s.,]/g, "");

/** The unit a text names, or null when it names none of đồng, nghìn, triệu, tỷ đồng. */
export function moneyUnitOf(text: string): MoneyUnit | null {
  const key = squash(text).replace(/^\(|\)$/g, "");
  return units.find(([names]) => names.includes(key))?.[1] ?? null;
}

export const DONG: MoneyUnit = units[0]![1];
