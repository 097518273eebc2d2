// Vietnamese name pools for the demo province: borrowers (fake personal data, so the privacy
// boundary is exercised) and places.
import type { Random } from "./random.js";

const familyNames: [string, number][] = [
  ["Nguyễn", 38], ["Trần", 11], ["Lê", 9.5], ["Phạm", 7], ["Huỳnh", 4], ["Hoàng", 2], ["Phan", 4.5],
  ["Võ", 4], ["Vũ", 1], ["Đặng", 2], ["Bùi", 2], ["Đỗ", 1.5], ["Hồ", 2], ["Ngô", 1.5], ["Dương", 1],
  ["Lý", 0.5], ["Đinh", 2], ["Trương", 1.5], ["Lương", 0.5], ["Tạ", 0.3], ["Châu", 0.4],
];
const middleMale = ["Văn", "Hữu", "Đức", "Công", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Tấn", "Đình", "Bá"];
const middleFemale = ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Thu", "Mỹ", "Xuân", "Hồng", "Bích"];
const givenMale = [
  "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Lâm", "Long", "Minh", "Nam",
  "Nghĩa", "Phong", "Phúc", "Quân", "Quốc", "Sơn", "Tài", "Thành", "Thắng", "Tiến", "Toàn", "Trung", "Tuấn",
  "Việt", "Vinh", "Vũ", "Hòa", "Lộc", "Tâm", "Thịnh", "Trí",
];
const givenFemale = [
  "Anh", "Bích", "Chi", "Diệu", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hồng", "Huệ", "Hương", "Lan",
  "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phượng", "Quyên", "Sen", "Thảo",
  "Thơm", "Thủy", "Trang", "Tuyết", "Vân", "Xuân", "Yến", "Lụa",
];
const minorityGiven = ["Hiêng", "Blin", "Pơ", "Nhứt", "Đen", "Mung", "Rớt", "Vươn", "Xíu", "Trâm", "Dếch", "Ngoan"];

export function personName(r: Random, female: boolean, minority: boolean): string {
  const family = r.weighted(familyNames);
  if (minority && r.chance(0.6)) return `${r.pick(["Đinh", "Phạm", "Hồ", "Y", "Đinh Thị", "Hồ Văn"])} ${r.pick(minorityGiven)}`;
  const middle = r.pick(female ? middleFemale : middleMale);
  const given = r.pick(female ? givenFemale : givenMale);
  return `${family} ${middle} ${given}`;
}

const placeSyllables = [
  "An", "Bình", "Phú", "Hòa", "Đức", "Tân", "Thạnh", "Phước", "Long", "Mỹ", "Sơn", "Thủy", "Hải", "Trung",
  "Nghĩa", "Tịnh", "Lợi", "Hiệp", "Quang", "Thuận", "Đông", "Tây", "Nam", "Bắc", "Hưng", "Khánh", "Lộc",
  "Minh", "Phong", "Thành", "Trà", "Ba", "Đồng", "Xuân", "Vĩnh", "Châu", "Lâm", "Kỳ", "Tam", "Cẩm",
];

/** Distinct two-syllable place names, in a fixed order for a given generator state. */
export function placeNames(r: Random, count: number, taken: Set<string>): string[] {
  const out: string[] = [];
  let guard = 0;
  while (out.length < count) {
    const name = `${r.pick(placeSyllables)} ${r.pick(placeSyllables)}`;
    const [a, b] = name.split(" ");
    if (a !== b && !taken.has(name)) {
      taken.add(name);
      out.push(name);
    }
    if (++guard > count * 200) throw new Error("place name pool exhausted");
  }
  return out;
}
