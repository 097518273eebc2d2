// The export contract: every file kind the dashboard accepts, described once. Header matching,
// the raw tables, SQL parsing, quarantine messages and the README reference table all read it.
import { z } from "zod";
import { col, columnMeta, type ColumnMeta } from "./columns.js";

export interface ExportKind {
  kind: string;
  /** Vietnamese title shown to users. */
  title: string;
  /** Typical file name, for the README. */
  fileName: string;
  grain: string;
  /**
   * What a file covers and so replaces: SQL over contract keys, one value per scope cell (a data
   * date × PGD area …). Loading a file replaces the earlier rows of exactly the cells its loaded
   * rows fall in, nothing else: PGD files arriving on different days add up.
   */
  scope: string[];
  /** The README's words for the scope. */
  scopeLabel: string;
  /**
   * The data key users and the models know a load by (a data date, year, campaign): SQL over
   * contract keys; null when a change reaches every date (the unit list).
   */
  dataKey: string | null;
  /** At most one row per value of these columns. */
  uniqueKey: string[];
  /**
   * Contract key of the date the whole file is for ("Ngày số liệu"): one date per file, from the
   * file's name, a title row or the column; never in the future. With a date from the name or a
   * title row the column may be missing.
   */
  dataDate?: string;
  row: z.ZodObject<Record<string, z.ZodType>>;
  /** Row checks beyond each column's own type: SQL over the parsed columns (contract keys). */
  rules?: RowRule[];
}

export interface RowRule {
  /** Contract key of the column the finding is reported against. */
  column: string;
  /** SQL condition that is true for a row to reject. */
  rejectWhen: string;
  /** SQL expression giving the message. */
  reason: string;
}

const unitColumns = {
  pgd_code: col.code("Mã PGD", "Phòng giao dịch (địa bàn huyện cũ)", { digits: 6, unitList: "pgd", aliases: ["Mã phòng giao dịch"] }),
  commune_code: col.code("Mã xã", "Xã/phường tại ngày số liệu (mã cũ trước 01/07/2025)", {
    digits: 6,
    unitList: "commune",
    aliases: ["Mã xã/phường", "Mã xã phường"],
  }),
};

/** A monthly export: one data date a file, replaced data date × PGD area by data date × PGD area. */
const monthly = {
  scope: ["data_date", "pgd_code"],
  scopeLabel: "«Ngày số liệu» × «Mã PGD»: tệp của một PGD chỉ thay số liệu của PGD ấy tại ngày ấy",
  dataKey: "data_date",
  dataDate: "data_date",
} as const satisfies Partial<ExportKind>;

const unionColumn = (description: string, o: { nullable?: boolean; optional?: boolean } = {}) =>
  col.code("Mã ĐVUT", description, { ...o, ref: "unions", aliases: ["ĐVUT", "Mã hội", "Mã đơn vị ủy thác", "Mã hội đoàn thể", "Mã đơn vị nhận ủy thác"] });
const unionName = col.text("Tên ĐVUT", "Tên Hội đoàn thể; dùng khi «Mã ĐVUT» trống", {
  optional: true,
  aliases: ["Tên hội", "Tên đơn vị ủy thác", "Tên hội đoàn thể", "Hội đoàn thể", "Tên đơn vị nhận ủy thác"],
});

export const hstd: ExportKind = {
  kind: "hstd",
  title: "Sao kê chi tiết dư nợ (HSTD – Báo cáo 31)",
  fileName: "HSTD_<mã CN hoặc mã PGD>_<ddmmyyyy>.xlsx (trang BCQUERY) hoặc .csv",
  grain: "một dòng cho một món vay (khế ước) tại một ngày số liệu",
  ...monthly,
  uniqueKey: ["data_date", "loan_id"],
  row: z.object({
    data_date: col.date("Ngày số liệu", "Ngày chốt số liệu của sao kê; có thể thay bằng ngày trong tên tệp hoặc dòng tiêu đề", {
      aliases: ["Ngày báo cáo", "Ngày dữ liệu"],
    }),
    branch_code: col.code("Mã CN", "Chi nhánh tỉnh (3–4 chữ số; số đã mất số 0 đầu lấy lại theo Mã PGD, mã PGD bắt đầu bằng mã chi nhánh)", {
      aliases: ["Mã chi nhánh"],
      prefixOf: "pgd_code",
    }),
    pgd_code: unitColumns.pgd_code,
    pgd_name: col.text("Tên PGD", "Tên phòng giao dịch", { optional: true, aliases: ["Tên phòng giao dịch"] }),
    commune_code: unitColumns.commune_code,
    commune_name: col.text("Tên xã", "Tên xã/phường", { optional: true, aliases: ["Tên xã/phường"] }),
    village_code: col.code("Mã thôn", "Thôn/ấp/tổ dân phố", { optional: true, aliases: ["Mã thôn/ấp"] }),
    group_code: col.code("Mã tổ", "Tổ TK&VV; 0000000 là cho vay trực tiếp", { digits: 7, aliases: ["Mã tổ TK&VV", "Mã tổ TKVV"] }),
    group_name: col.text("Tên tổ", "Tên Tổ TK&VV", { optional: true, aliases: ["Tên tổ TK&VV", "Tên tổ TKVV"] }),
    group_leader_name: col.text("Tên tổ trưởng", "Họ tên tổ trưởng", { optional: true, personal: true, aliases: ["Họ tên tổ trưởng", "Tổ trưởng"] }),
    union_code: unionColumn("Hội đoàn thể nhận ủy thác (IMS: 11 HND, 12 HPN, 13 HCCB, 14 ĐTN; cũng nhận 01–04 và tên Hội); trống khi cho vay trực tiếp", {
      nullable: true,
    }),
    union_name: unionName,
    customer_id: col.code("Mã KH", "Mã khách hàng", { aliases: ["Mã khách hàng"] }),
    customer_name: col.text("Tên KH", "Họ tên khách hàng", { optional: true, personal: true, aliases: ["Tên khách hàng", "Họ tên khách hàng", "Họ và tên"] }),
    national_id: col.text("Số CMND", "Số CMND/CCCD của khách hàng", { optional: true, personal: true, aliases: ["Số CCCD", "Số CMND/CCCD", "CMND", "CCCD"] }),
    birth_date: col.text("Ngày sinh", "Ngày sinh khách hàng", { optional: true, personal: true }),
    gender: col.text("Giới tính", "Nam/Nữ", { optional: true }),
    ethnicity_code: col.code("Mã dân tộc", "Mã dân tộc", { optional: true, aliases: ["Mã DT"] }),
    address: col.text("Địa chỉ", "Địa chỉ khách hàng", { optional: true, personal: true }),
    phone: col.text("Số điện thoại", "Số điện thoại khách hàng", { optional: true, personal: true, aliases: ["Điện thoại", "SĐT"] }),
    loan_id: col.code("Số khế ước", "Số khế ước (món vay)", { aliases: ["Số KU", "Số khế ước vay", "Mã khế ước"] }),
    programme_code: col.code("Mã CT", "Chương trình cho vay", { digits: 2, ref: "programmes", aliases: ["Mã chương trình", "Mã CTCV", "Mã chương trình cho vay"] }),
    funding_source: col.code("Nguồn vốn", "1 Trung ương, 2 ngân sách tỉnh, 3 ngân sách xã", {
      optional: true,
      digits: 1,
      ref: "funding_sources",
      aliases: ["Mã nguồn vốn"],
    }),
    disbursed_on: col.date("Ngày vay", "Ngày giải ngân", { optional: true, aliases: ["Ngày giải ngân"] }),
    due_on: col.date("Ngày ĐH theo hợp đồng", "Ngày đến hạn theo hợp đồng", { optional: true, aliases: ["Ngày đến hạn", "Ngày đến hạn theo hợp đồng"] }),
    extended_due_on: col.date("Ngày ĐH theo Gia hạn", "Ngày đến hạn sau gia hạn; trống khi chưa gia hạn", { optional: true, aliases: ["Ngày đến hạn theo gia hạn"] }),
    interest_rate: col.decimal("Lãi suất", "Lãi suất cho vay, %/năm", { optional: true }),
    disbursed_amount: col.money("Tổng giải ngân", "Số tiền đã giải ngân của khế ước", { optional: true, aliases: ["Số tiền giải ngân"] }),
    balance_performing: col.money("Dư nợ trong hạn", "Dư nợ trong hạn"),
    balance_overdue: col.money("Dư nợ quá hạn", "Dư nợ quá hạn (NQH)"),
    balance_frozen: col.money("Dư nợ khoanh", "Dư nợ khoanh", { aliases: ["Nợ khoanh"] }),
    balance_total: col.money("Tổng dư nợ", "Tổng dư nợ = trong hạn + quá hạn + khoanh", { aliases: ["Dư nợ"] }),
    interest_arrears_performing: col.money("Lãi tồn TH", "Lãi tồn đọng trên dư nợ trong hạn", { optional: true, aliases: ["Lãi tồn đọng trong hạn"] }),
    interest_arrears_overdue: col.money("Lãi tồn QH", "Lãi tồn đọng trên dư nợ quá hạn", { optional: true, aliases: ["Lãi tồn đọng quá hạn"] }),
    savings_balance: col.money("Số dư tiền gửi 105", "Số dư tiền gửi của tổ viên (lặp lại trên mỗi khế ước của khách hàng)", {
      optional: true,
      aliases: ["Số dư TK 105", "Số dư tiền gửi", "Tiền gửi 105"],
    }),
    disbursed_in_month: col.money("Giải ngân trong tháng", "Doanh số cho vay trong tháng", { optional: true, flow: true, aliases: ["Doanh số cho vay trong tháng", "Giải ngân tháng"] }),
    collected_performing: col.money("Thu nợ TH tháng", "Thu nợ gốc trong hạn trong tháng", { optional: true, flow: true, aliases: ["Thu nợ trong hạn"] }),
    collected_overdue: col.money("Thu nợ QH tháng", "Thu nợ gốc quá hạn trong tháng", { optional: true, flow: true, aliases: ["Thu nợ quá hạn"] }),
    collected_frozen: col.money("Thu nợ khoanh tháng", "Thu nợ gốc khoanh trong tháng", { optional: true, flow: true, aliases: ["Thu nợ khoanh"] }),
    moved_to_overdue: col.money("Chuyển QH trong tháng", "Dư nợ chuyển quá hạn trong tháng", { optional: true, flow: true, aliases: ["Chuyển quá hạn", "CQH trong tháng"] }),
    moved_to_frozen: col.money("Chuyển khoanh trong tháng", "Dư nợ được khoanh trong tháng", { optional: true, flow: true, aliases: ["Chuyển khoanh"] }),
    written_off: col.money("Gốc xóa trong tháng", "Nợ gốc được xóa (xử lý rủi ro) trong tháng", { optional: true, flow: true, aliases: ["Gốc xóa nợ", "Xóa trong tháng", "Xóa nợ gốc trong tháng"] }),
  }),
  rules: [
    {
      column: "balance_total",
      rejectWhen: "balance_total <> balance_performing + balance_overdue + balance_frozen",
      reason:
        "printf('Tổng dư nợ %d khác dư nợ trong hạn + quá hạn + khoanh = %d', balance_total, balance_performing + balance_overdue + balance_frozen)",
    },
    {
      column: "union_code",
      rejectWhen: "union_code IS NULL AND group_code <> '0000000'",
      reason: "'thiếu Mã ĐVUT (và Tên ĐVUT): chỉ được để trống khi cho vay trực tiếp (Mã tổ 0000000)'",
    },
  ],
};

export const cdtotkvv: ExportKind = {
  kind: "cdtotkvv",
  title: "Chấm điểm Tổ TK&VV (CDTOTKVV)",
  fileName: "CDTOTKVV_<mã CN>_<ddmmyyyy>.xlsx hoặc .csv",
  grain: "một dòng cho một Tổ TK&VV có dư nợ tại một ngày số liệu",
  ...monthly,
  uniqueKey: ["data_date", "group_code"],
  row: z.object({
    data_date: col.date("Ngày số liệu", "Tháng chấm điểm (ngày cuối tháng); có thể thay bằng ngày trong tên tệp hoặc dòng tiêu đề", {
      aliases: ["Ngày báo cáo", "Ngày chấm điểm"],
    }),
    pgd_code: unitColumns.pgd_code,
    commune_code: unitColumns.commune_code,
    village_code: col.code("Mã thôn", "Thôn/ấp/tổ dân phố", { optional: true, aliases: ["Mã thôn/ấp"] }),
    group_code: col.code("Mã tổ", "Tổ TK&VV", { digits: 7, aliases: ["Mã tổ TK&VV", "Mã tổ TKVV"] }),
    group_name: col.text("Tên tổ", "Tên Tổ TK&VV", { optional: true, aliases: ["Tên tổ TK&VV", "Tên tổ TKVV"] }),
    group_leader_name: col.text("Tên tổ trưởng", "Họ tên tổ trưởng", { optional: true, personal: true, aliases: ["Họ tên tổ trưởng", "Tổ trưởng"] }),
    union_code: unionColumn("Hội đoàn thể quản lý tổ (mã IMS, 01–04 hoặc HND/HPN/HCCB/ĐTN)"),
    union_name: unionName,
    members: col.integer("Số tổ viên", "Số tổ viên của tổ", { optional: true }),
    balance_total: col.money("Dư nợ", "Dư nợ của tổ", { optional: true, aliases: ["Tổng dư nợ"] }),
    savings_balance: col.money("Số dư TK", "Số dư tiền gửi của tổ viên", { optional: true, aliases: ["Số dư tiền gửi"] }),
    score_commune_transactions: col.decimal("Điểm giao dịch tại xã", "Tối đa 20 điểm"),
    score_overdue_ratio: col.decimal("Điểm tỷ lệ nợ quá hạn", "Tối đa 30 điểm"),
    score_due_collection: col.decimal("Điểm thu nợ đến hạn", "Tối đa 15 điểm"),
    score_interest_collection: col.decimal("Điểm tỷ lệ thu lãi", "Tối đa 20 điểm"),
    score_savings_participation: col.decimal("Điểm tổ viên tham gia tiền gửi", "Tối đa 5 điểm"),
    score_savings_growth: col.decimal("Điểm số dư tiền gửi tăng thêm", "Tối đa 10 điểm"),
    score_total: col.decimal("Tổng điểm", "Tổng điểm (100)"),
    rating_class: col.text("Xếp loại", "Tốt / Khá / Trung bình / Yếu", { ref: "rating_classes" }),
  }),
};

export const chitieu: ExportKind = {
  kind: "chitieu",
  title: "Chỉ tiêu giao theo Hội đoàn thể và PGD (CHITIEU)",
  fileName: "CHITIEU_<mã CN>_<năm>.csv",
  grain: "một dòng cho một chỉ tiêu của một năm, một Hội đoàn thể (trống = mọi Hội) và một PGD (trống = toàn tỉnh)",
  scope: ["year", "union_code"],
  scopeLabel: "«Năm» × «Mã ĐVUT»: tệp chỉ tiêu của một Hội chỉ thay chỉ tiêu của Hội ấy",
  dataKey: "year",
  uniqueKey: ["year", "union_code", "pgd_code", "metric_code"],
  row: z.object({
    year: col.integer("Năm", "Năm giao chỉ tiêu"),
    union_code: unionColumn("Hội đoàn thể; trống là chỉ tiêu chung", { optional: true }),
    pgd_code: col.code("Mã PGD", "Phòng giao dịch; trống là toàn tỉnh", { optional: true, digits: 6, unitList: "pgd" }),
    metric_code: col.code("Mã chỉ tiêu", "Mã chỉ tiêu (bảng chỉ tiêu trong README)", { ref: "metrics" }),
    metric_name: col.text("Tên chỉ tiêu", "Tên chỉ tiêu, để người đọc tệp dễ hiểu; một đơn vị ghi trong ngoặc («(tỷ đồng)») phải khớp cột «Đơn vị tính»", {
      optional: true,
    }),
    unit_label: col.text("Đơn vị tính", "Đơn vị của giá trị (%, triệu đồng, tỷ đồng, tổ, hộ …); trống là đơn vị của chỉ tiêu trong README", {
      optional: true,
      aliases: ["ĐVT", "Đơn vị"],
    }),
    comparator: col.text("Phép so sánh", "<, <=, >=, > (hoặc ≤, ≥)"),
    assigned_value: col.decimal("Chỉ tiêu giao", "Giá trị giao, đổi về đơn vị của chỉ tiêu; số kiểu Việt Nam (1.500 là một nghìn năm trăm)"),
    stretch_value: col.decimal("Chỉ tiêu phấn đấu", "Giá trị phấn đấu", { optional: true }),
  }),
  // A target's unit must be clear: the one the row states («Đơn vị tính», or in brackets in its
  // name) fits the metric (money, %, a count) and the two never disagree; a ratio lies in 0–100.
  rules: [
    {
      column: "comparator",
      rejectWhen: "NOT list_contains(['<', '<=', '>=', '>', '≤', '≥'], comparator)",
      reason: "'phép so sánh phải là <, <=, >= hoặc >'",
    },
    {
      column: "unit_label",
      rejectWhen: "unit_kind(unit_label) = 'unknown'",
      reason: "printf('đơn vị «%s» không hiểu: ghi %%, đồng, nghìn đồng, triệu đồng, tỷ đồng, tổ, hộ, món hoặc người', unit_label)",
    },
    {
      column: "unit_label",
      rejectWhen:
        "unit_kind(unit_label) IN ('money', 'percent', 'count') AND name_unit(metric_name) IS NOT NULL AND (unit_kind(unit_label) <> unit_kind(name_unit(metric_name)) OR money_unit_factor(unit_label) <> money_unit_factor(name_unit(metric_name)))",
      reason: "printf('không rõ đơn vị: tên chỉ tiêu ghi «%s», cột Đơn vị tính ghi «%s»; sửa cho khớp', name_unit(metric_name), unit_label)",
    },
    {
      column: "metric_code",
      rejectWhen: "unit_kind(stated_unit(unit_label, metric_name)) IN ('money', 'percent', 'count') AND unit_kind(stated_unit(unit_label, metric_name)) <> target_kind(vn_metric_unit(metric_code))",
      reason: "printf('chỉ tiêu %s tính bằng %s, dòng này ghi đơn vị «%s»', metric_code, vn_metric_unit(metric_code), stated_unit(unit_label, metric_name))",
    },
    {
      column: "assigned_value",
      rejectWhen: "target_kind(vn_metric_unit(metric_code)) = 'percent' AND (assigned_value NOT BETWEEN 0 AND 100 OR stretch_value NOT BETWEEN 0 AND 100)",
      reason:
        "printf('chỉ tiêu %s là tỷ lệ (%%) nên phải từ 0 đến 100: không rõ đơn vị của giá trị này (nếu là 90 %% hãy ghi 90 hoặc 90,0; 90.000 là chín mươi nghìn)', metric_code)",
    },
  ],
};

export const doichieu: ExportKind = {
  kind: "doichieu",
  title: "Kết quả đối chiếu, phân loại nợ (DOICHIEU)",
  fileName: "DOICHIEU_<mã CN>_<mã đợt>.csv",
  grain: "một dòng cho một món vay trong phạm vi một đợt đối chiếu",
  scope: ["campaign_code", "pgd_code"],
  scopeLabel: "«Mã đợt» × «Mã PGD»",
  dataKey: "campaign_code",
  uniqueKey: ["campaign_code", "loan_id"],
  row: z.object({
    campaign_code: col.code("Mã đợt", "Đợt đối chiếu, ví dụ DC2025"),
    cutoff_date: col.date("Ngày chốt số liệu", "Ngày chốt dư nợ của đợt"),
    pgd_code: unitColumns.pgd_code,
    commune_code: unitColumns.commune_code,
    transaction_point_code: col.code("Mã điểm giao dịch", "Điểm giao dịch xã", { optional: true, aliases: ["Mã điểm GD"] }),
    transaction_point_name: col.text("Tên điểm giao dịch", "Tên điểm giao dịch", { optional: true, aliases: ["Tên điểm GD"] }),
    group_code: col.code("Mã tổ", "Tổ TK&VV", { digits: 7, aliases: ["Mã tổ TK&VV"] }),
    union_code: unionColumn("Hội đoàn thể", { optional: true }),
    customer_id: col.code("Mã KH", "Mã khách hàng", { aliases: ["Mã khách hàng"] }),
    customer_name: col.text("Tên KH", "Họ tên khách hàng", { optional: true, personal: true, aliases: ["Tên khách hàng", "Họ tên khách hàng"] }),
    loan_id: col.code("Số khế ước", "Số khế ước", { aliases: ["Số KU"] }),
    principal: col.money("Dư nợ gốc", "Dư nợ gốc tại ngày chốt"),
    interest: col.money("Lãi tồn", "Lãi tồn đọng tại ngày chốt", { optional: true }),
    reconciled_on: col.date("Ngày đối chiếu", "Trống nếu chưa đối chiếu", { optional: true }),
    handling_case: col.code("Trường hợp", "Trường hợp xử lý 1–5; trống khi nợ bình thường", {
      optional: true,
      digits: 1,
      ref: "handling_cases",
    }),
    cause: col.text("Nguyên nhân", "Nguyên nhân (khi có trường hợp xử lý)", { optional: true }),
    principal_discrepancy: col.money("Chênh lệch gốc", "Chênh lệch gốc ngân hàng − khách hàng, đồng", { optional: true, signed: true }),
    interest_discrepancy: col.money("Chênh lệch lãi", "Chênh lệch lãi ngân hàng − khách hàng, đồng", { optional: true, signed: true }),
  }),
};

export const dmdonvi: ExportKind = {
  kind: "dmdonvi",
  title: "Danh mục đơn vị và bảng chuyển đổi xã (DMDONVI)",
  fileName: "DMDONVI_<mã CN>.csv",
  grain: "một dòng cho một xã/phường trong một khoảng hiệu lực",
  scope: ["pgd_code"],
  scopeLabel: "«Mã PGD»: danh mục của một PGD chỉ thay các xã của PGD ấy",
  dataKey: null,
  uniqueKey: ["commune_code", "valid_from"],
  row: z.object({
    branch_code: col.code("Mã CN", "Chi nhánh tỉnh (3–4 chữ số; số đã mất số 0 đầu lấy lại theo Mã PGD, mã PGD bắt đầu bằng mã chi nhánh)", {
      aliases: ["Mã chi nhánh"],
      prefixOf: "pgd_code",
    }),
    branch_name: col.text("Tên CN", "Tên chi nhánh", { aliases: ["Tên chi nhánh"] }),
    pgd_code: col.code("Mã PGD", "Phòng giao dịch", { digits: 6, aliases: ["Mã phòng giao dịch"] }),
    pgd_name: col.text("Tên PGD", "Tên phòng giao dịch", { aliases: ["Tên phòng giao dịch"] }),
    commune_code: col.code("Mã xã", "Xã/phường", { digits: 6, aliases: ["Mã xã/phường"] }),
    commune_name: col.text("Tên xã", "Tên xã/phường", { aliases: ["Tên xã/phường"] }),
    valid_from: col.date("Hiệu lực từ", "Ngày bắt đầu hiệu lực"),
    valid_to: col.date("Hiệu lực đến", "Ngày hết hiệu lực; trống nếu còn hiệu lực", { optional: true }),
    successor_code: col.code("Mã xã mới", "Xã/phường mới sau sắp xếp (với xã đã hết hiệu lực)", { optional: true, digits: 6 }),
  }),
  rules: [{ column: "valid_to", rejectWhen: "valid_to < valid_from", reason: "'ngày hết hiệu lực trước ngày bắt đầu hiệu lực'" }],
};

export const tietkiem: ExportKind = {
  kind: "tietkiem",
  title: "Huy động tiền gửi của tổ viên (TIETKIEM)",
  fileName: "TIETKIEM_<mã CN>_<ddmmyyyy>.csv",
  grain: "một dòng cho một Tổ TK&VV trong một tháng",
  ...monthly,
  uniqueKey: ["data_date", "group_code"],
  row: z.object({
    data_date: col.date("Ngày số liệu", "Ngày cuối tháng; có thể thay bằng ngày trong tên tệp hoặc dòng tiêu đề", { aliases: ["Ngày báo cáo"] }),
    pgd_code: unitColumns.pgd_code,
    commune_code: unitColumns.commune_code,
    group_code: col.code("Mã tổ", "Tổ TK&VV", { digits: 7, aliases: ["Mã tổ TK&VV"] }),
    union_code: unionColumn("Hội đoàn thể quản lý tổ"),
    members_saving: col.integer("Số tổ viên gửi tiền", "Số tổ viên có số dư tiền gửi", { optional: true }),
    deposits: col.money("Tiền gửi trong tháng", "Số tiền tổ viên gửi vào trong tháng"),
    withdrawals: col.money("Tiền rút trong tháng", "Số tiền tổ viên rút ra trong tháng"),
    balance: col.money("Số dư cuối tháng", "Số dư tiền gửi của tổ viên cuối tháng"),
  }),
};

export const kiemtra: ExportKind = {
  kind: "kiemtra",
  title: "Kiểm tra của Hội đoàn thể (KIEMTRA)",
  fileName: "KIEMTRA_<mã CN>_<năm>.csv",
  grain: "một dòng cho một lần kiểm tra",
  scope: ["inspection_id"],
  scopeLabel: "«Số biên bản»: nạp lại một biên bản thì thay biên bản ấy; tệp một quý không xóa các quý khác",
  dataKey: "year(inspected_on)",
  uniqueKey: ["inspection_id"],
  row: z.object({
    inspection_id: col.code("Số biên bản", "Số biên bản kiểm tra, không trùng"),
    inspected_on: col.date("Ngày kiểm tra", "Ngày kiểm tra"),
    union_code: unionColumn("Hội đoàn thể thực hiện kiểm tra"),
    level: col.text("Cấp kiểm tra", "Tỉnh, Huyện hoặc Xã: cấp Hội thực hiện", { ref: "inspection_levels" }),
    pgd_code: col.code("Mã PGD", "Địa bàn PGD được kiểm tra", { digits: 6, unitList: "pgd" }),
    commune_code: col.code("Mã xã", "Xã được kiểm tra", { optional: true, digits: 6, unitList: "commune" }),
    group_code: col.code("Mã tổ", "Tổ TK&VV được kiểm tra", { optional: true, digits: 7 }),
    households_visited: col.integer("Số hộ được kiểm tra", "Số hộ vay được đến kiểm tra", { optional: true }),
    findings: col.text("Nội dung phát hiện", "Tồn tại phát hiện qua kiểm tra", { optional: true }),
  }),
  rules: [{ column: "households_visited", rejectWhen: "households_visited < 0", reason: "'số hộ âm'" }],
};

export const phiuythac: ExportKind = {
  kind: "phiuythac",
  title: "Phí ủy thác và hoa hồng Tổ TK&VV (PHIUYTHAC)",
  fileName: "PHIUYTHAC_<mã CN>_<ddmmyyyy>.csv",
  grain: "một dòng cho một Hội đoàn thể ở một xã trong một tháng",
  ...monthly,
  uniqueKey: ["data_date", "commune_code", "union_code"],
  row: z.object({
    data_date: col.date("Ngày số liệu", "Ngày cuối tháng chi trả; có thể thay bằng ngày trong tên tệp hoặc dòng tiêu đề", { aliases: ["Ngày báo cáo"] }),
    pgd_code: unitColumns.pgd_code,
    commune_code: unitColumns.commune_code,
    union_code: unionColumn("Hội đoàn thể nhận phí"),
    entrustment_fee: col.money("Phí ủy thác", "Phí ủy thác trả cho Hội đoàn thể cấp xã"),
    group_commission: col.money("Hoa hồng tổ", "Hoa hồng trả cho các Tổ TK&VV", { aliases: ["Hoa hồng Tổ TK&VV"] }),
  }),
};

export const xlrr: ExportKind = {
  kind: "xlrr",
  title: "Xử lý nợ bị rủi ro (XLRR)",
  fileName: "XLRR_<mã CN>_<mã đợt>.csv",
  grain: "một dòng cho một món vay trong một đợt xử lý rủi ro",
  scope: ["batch_code", "pgd_code"],
  scopeLabel: "«Mã đợt xử lý» × «Mã PGD»",
  dataKey: "batch_code",
  uniqueKey: ["batch_code", "loan_id"],
  row: z.object({
    batch_code: col.code("Mã đợt xử lý", "Đợt xử lý nợ bị rủi ro, ví dụ XLRR-2025-Q4"),
    decided_on: col.date("Ngày quyết định", "Ngày quyết định xử lý"),
    pgd_code: unitColumns.pgd_code,
    commune_code: unitColumns.commune_code,
    group_code: col.code("Mã tổ", "Tổ TK&VV; 0000000 là cho vay trực tiếp", { digits: 7, aliases: ["Mã tổ TK&VV"] }),
    union_code: unionColumn("Hội đoàn thể", { nullable: true }),
    customer_id: col.code("Mã KH", "Mã khách hàng", { aliases: ["Mã khách hàng"] }),
    customer_name: col.text("Tên KH", "Họ tên khách hàng", { optional: true, personal: true, aliases: ["Tên khách hàng", "Họ tên khách hàng"] }),
    loan_id: col.code("Số khế ước", "Số khế ước", { aliases: ["Số KU"] }),
    measure: col.text("Hình thức xử lý", "Khoanh nợ, Xóa nợ, Gia hạn nợ hoặc Điều chỉnh kỳ hạn", { ref: "risk_measures" }),
    cause: col.text("Nguyên nhân", "Nguyên nhân rủi ro", { optional: true }),
    principal: col.money("Số tiền gốc", "Nợ gốc được xử lý"),
    interest: col.money("Số tiền lãi", "Lãi được xử lý", { optional: true }),
  }),
};

export const exportKinds: ExportKind[] = [hstd, cdtotkvv, chitieu, doichieu, dmdonvi, tietkiem, kiemtra, phiuythac, xlrr];

export interface ContractColumn extends ColumnMeta {
  key: string;
}

export function columnsOf(kind: ExportKind): ContractColumn[] {
  return Object.entries(kind.row.shape).map(([key, schema]) => ({ key, ...columnMeta(schema) }));
}

export function kindByName(name: string): ExportKind {
  const k = exportKinds.find((e) => e.kind === name);
  if (!k) throw new Error(`unknown export kind: ${name}`);
  return k;
}
