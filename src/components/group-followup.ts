// Groups to follow up, each with what to do about it in plain words: overdue above the threshold,
// a weak class, few households, savings far below the target, a stored class the scores do not
// support, and the criteria short of full score. The rules are written on the page beside the list.
import { h } from "../lib/dom.js";
import * as fmt from "../lib/format.js";
import type { Criterion, GroupQuality, Settings } from "../lib/metrics.js";
import { dataTable } from "./data-table.js";

export const issues = {
  overdue: "Nợ quá hạn vượt ngưỡng",
  weak: "Xếp loại Trung bình, Yếu",
  small: "Quy mô nhỏ",
  savings: "Tiền gửi rất thấp",
  mismatch: "Xếp loại khác điểm chấm",
} as const;
export type Issue = keyof typeof issues;

/** The rule behind each issue, as the page states it. */
function issueRules(t: Settings): Record<Issue, string> {
  return {
    overdue: `tỷ lệ nợ quá hạn của tổ trên ${fmt.percent(t.overdue_group_threshold_pct)}`,
    weak: "xếp loại Trung bình hoặc Yếu trong tệp chấm điểm",
    small: `dưới ${fmt.number(t.small_group_min_households)} hộ còn dư nợ`,
    savings: `tiền gửi/dư nợ của tổ dưới ${fmt.percent(t.savings_to_loan_target_pct / 2)}, một nửa chỉ tiêu ${fmt.percent(t.savings_to_loan_target_pct)} (chỉ tiêu chung của tỉnh, phần lớn các tổ đều chưa tới nên không dùng làm dấu hiệu riêng của một tổ)`,
    mismatch: "xếp loại ghi trong tệp khác xếp loại tính lại từ tổng điểm",
  };
}

export function groupIssues(g: GroupQuality): Issue[] {
  const out: Issue[] = [];
  if (g.overdue_above_threshold) out.push("overdue");
  if (g.rating_class === "Trung bình" || g.rating_class === "Yếu") out.push("weak");
  if (g.small_group) out.push("small");
  if (g.low_savings) out.push("savings");
  if (g.class_mismatch) out.push("mismatch");
  return out;
}

function followUp(g: GroupQuality, criteria: Criterion[], t: Settings): string {
  const notes: string[] = [];
  if (g.overdue_above_threshold) notes.push(`đôn đốc thu hồi nợ quá hạn (${fmt.percent(g.overdue_ratio_pct)} > ${fmt.percent(t.overdue_group_threshold_pct)})`);
  if (g.small_group) notes.push(`củng cố, sáp nhập tổ (${fmt.number(g.households)} hộ < ${t.small_group_min_households})`);
  if (g.low_savings) notes.push(`vận động gửi tiết kiệm (${fmt.percent(g.savings_to_loan_pct)} < ${fmt.percent(t.savings_to_loan_target_pct / 2)})`);
  if (g.class_mismatch) notes.push(`kiểm tra lại xếp loại (lưu ${g.rating_class}, điểm ${fmt.number(g.score_total)} tương ứng ${g.rating_class_recomputed})`);
  const short = criteria
    .map((c) => ({ c, short: (g as unknown as Record<string, number | null>)[`short_${c.criterion}`] ?? 0 }))
    .filter((x) => x.short > 0)
    .map((x) => `${x.c.name_vi} −${fmt.number(x.short)}`);
  if (short.length) notes.push(`điểm chưa tối đa: ${short.join(", ")}`);
  return notes.join("; ");
}

/** The rules, as a list to show above a follow-up table. */
export function issueRuleList(t: Settings): HTMLElement {
  const rules = issueRules(t);
  return h(
    "ul",
    { class: "rules" },
    (Object.keys(issues) as Issue[]).map((k) => h("li", null, h("strong", null, issues[k]), `: ${rules[k]}.`)),
  );
}

export interface FollowUpOptions {
  groups: GroupQuality[];
  criteria: Criterion[];
  thresholds: Settings;
  communeName: (code: string | null) => string;
  pgdName: (code: string | null) => string;
  /** The site's root relative to the page ("../" on a union's or a commune's page). */
  root: string;
  caption: string;
  download: string;
  /** The filters the list applies beyond the page's (the issue chosen), for its downloads. */
  filters?: string[];
}

export function followUpTable(o: FollowUpOptions): HTMLElement {
  return dataTable<GroupQuality>({
    caption: o.caption,
    download: o.download,
    meta: { filters: o.filters },
    rows: o.groups,
    search: { label: "Tìm tổ, xã", text: (g) => `${g.group_name ?? ""} ${g.group_code} ${o.communeName(g.commune_code)}` },
    sort: { key: "overdue", descending: true },
    columns: [
      { key: "group", label: "Tổ TK&VV", kind: "text", wrap: true, value: (g) => g.group_name ?? g.group_code },
      { key: "commune", label: "Xã", kind: "text", value: (g) => o.communeName(g.commune_code), href: (g) => (g.commune_code ? `${o.root}xa/${g.commune_code}` : null) },
      { key: "overdue", label: "Tỷ lệ nợ quá hạn (%)", kind: "percent", value: (g) => g.overdue_ratio_pct },
      { key: "todo", label: "Cần theo dõi", kind: "text", wrap: true, value: (g) => followUp(g, o.criteria, o.thresholds) },
      { key: "households", label: "Số hộ còn dư nợ", kind: "count", value: (g) => g.households },
      { key: "balance", label: "Dư nợ (triệu đồng)", kind: "money", money: "trieu", value: (g) => g.balance_total },
      { key: "savings", label: "Tiền gửi / dư nợ (%)", kind: "percent", value: (g) => g.savings_to_loan_pct },
      { key: "class", label: "Xếp loại", kind: "text", value: (g) => g.rating_class },
      { key: "pgd", label: "PGD", kind: "text", value: (g) => o.pgdName(g.pgd_code) },
      { key: "code", label: "Mã tổ", kind: "text", value: (g) => g.group_code },
    ],
  });
}
