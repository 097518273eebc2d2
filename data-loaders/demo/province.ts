// The demo province's units: PGD areas, communes before and after the 1/7/2025 merger, villages
// and Tổ TK&VV with the union that manages each.
import { unions } from "./layout.js";
import { placeNames } from "./names.js";
import type { Random } from "./random.js";

export interface Pgd {
  code: string;
  name: string;
}
export interface Commune {
  code: string;
  name: string;
  pgd: Pgd;
}
export interface OldCommune extends Commune {
  successor: Commune;
}
export interface Village {
  code: string;
  name: string;
  commune: OldCommune;
}
export interface Group {
  index: number;
  /** 0000000 for the direct (non-entrusted) loans of one PGD area, which belong to no group. */
  code: string;
  direct: boolean;
  name: string;
  village: Village;
  unionCode: string;
  /** Households the group is meant to hold. */
  size: number;
  /** Multiplier on the chance that a member misses an instalment; most groups 1, weak ones more. */
  risk: number;
  /** Points for "giao dịch tại xã" (20 max), a trait of the group. */
  transactionScore: number;
}
export interface Province {
  /** The bank's four-digit branch code; PGD codes are it followed by two digits. */
  branchCode: string;
  branchName: string;
  provinceName: string;
  pgds: Pgd[];
  communes: Commune[];
  oldCommunes: OldCommune[];
  villages: Village[];
  groups: Group[];
}

/** Shares of groups by union: HPN, HND, HCCB, ĐTN (domain.md: typical shares of outstanding). */
const unionWeights: [string, number][] = [
  ["02", 0.42],
  ["01", 0.37],
  ["03", 0.13],
  ["04", 0.08],
];

export const DIRECT_GROUP_CODE = "0000000";

const BRANCH_CODE = "0051";
const PROVINCE_NAME = "Minh Sơn";

export function buildProvince(r: Random, borrowers: number): Province {
  const scale = Math.sqrt(borrowers / 100_000);
  const pgdCount = Math.max(2, Math.round(12 * scale));
  const communeCount = Math.max(pgdCount * 2, Math.round(150 * scale));
  const taken = new Set<string>();
  const pgdNames = placeNames(r, pgdCount, taken);
  const pgds: Pgd[] = pgdNames.map((name, i) => ({
    code: `${BRANCH_CODE}${String(i + 1).padStart(2, "0")}`,
    name: i === 0 ? "Hội sở tỉnh" : `PGD huyện ${name}`,
  }));

  // New communes spread over PGDs unevenly, at least two each.
  const communes: Commune[] = [];
  const newNames = placeNames(r, communeCount, taken);
  for (let i = 0; i < communeCount; i++) {
    const pgd = i < pgds.length * 2 ? pgds[i % pgds.length]! : r.pick(pgds);
    const prefix = pgd === pgds[0] ? "Phường" : r.chance(0.08) ? "Phường" : "Xã";
    communes.push({ code: `0${21000 + i * 7}`, name: `${prefix} ${newNames[i]}`, pgd });
  }
  communes.sort((a, b) => a.pgd.code.localeCompare(b.pgd.code) || a.code.localeCompare(b.code));

  // Each new commune merged one to four old ones.
  const oldCommunes: OldCommune[] = [];
  for (const successor of communes) {
    const n = r.weighted([[1, 0.2], [2, 0.35], [3, 0.3], [4, 0.15]] as const);
    for (const name of placeNames(r, n, taken)) {
      const prefix = successor.name.startsWith("Phường") ? "Phường" : r.chance(0.05) ? "Thị trấn" : "Xã";
      oldCommunes.push({
        code: `0${10000 + oldCommunes.length * 3}`,
        name: `${prefix} ${name}`,
        pgd: successor.pgd,
        successor,
      });
    }
  }

  const villages: Village[] = [];
  for (const commune of oldCommunes) {
    const n = r.int(4, 9);
    for (let v = 1; v <= n; v++) {
      const label = commune.name.startsWith("Phường") ? `Tổ dân phố ${v}` : `Thôn ${v}`;
      villages.push({ code: `${commune.code}${String(v).padStart(2, "0")}`, name: label, commune });
    }
  }

  // Groups until their planned sizes hold every borrower: 20–60 households, a few under 20.
  const groups: Group[] = [];
  let capacity = 0;
  while (capacity < borrowers) {
    const small = r.chance(0.03);
    const size = small ? r.int(8, 19) : Math.min(60, Math.max(20, Math.round(20 + -Math.log(1 - r.next()) * 13)));
    const village = r.pick(villages);
    const unionCode = r.weighted(unionWeights);
    const weak = r.chance(0.05);
    const index = groups.length;
    groups.push({
      index,
      code: `0${100001 + index * 3}`,
      name: `Tổ TK&VV ${village.name.toLowerCase()} – ${village.commune.name} (${unions[unionCode]!.short} số ${index + 1})`,
      village,
      unionCode,
      size,
      direct: false,
      // Overdue debt concentrates in a few weak groups, as in the plans ("≥ 94 % of groups without NQH").
      risk: weak ? r.uniform(15, 35) : r.uniform(0.05, 0.2),
      transactionScore: weak && r.chance(0.5) ? r.pick([10, 15]) : 20,
    });
    capacity += size;
  }
  groups.sort((a, b) => a.village.code.localeCompare(b.village.code) || a.index - b.index);
  // Direct loans (about 0.5 % of borrowers, domain.md) are booked per PGD area with Mã tổ 0000000.
  for (const pgd of pgds) {
    const village = r.pick(villages.filter((v) => v.commune.pgd === pgd));
    groups.push({ index: 0, code: DIRECT_GROUP_CODE, direct: true, name: "Cho vay trực tiếp", village, unionCode: "", size: 0, risk: 1, transactionScore: 0 });
  }
  groups.forEach((g, i) => (g.index = i));

  const branchName = `Chi nhánh NHCSXH tỉnh ${PROVINCE_NAME} (dữ liệu mô phỏng)`;
  return { branchCode: BRANCH_CODE, branchName, provinceName: PROVINCE_NAME, pgds, communes, oldCommunes, villages, groups };
}

/** A transaction point is an old commune's: its name keeps the commune's name from before 2025. */
export const transactionPointName = (point: OldCommune) =>
  `Điểm giao dịch ${point.name.replace(/^(Xã|Phường|Thị trấn) /, "")} (${point.name.toLowerCase()} cũ)`;
