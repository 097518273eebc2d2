// Columns of the bank's real exports that the dashboard does not need. They are recognised (so the
// load can say "ignored: not needed" rather than "unknown") and never loaded: personal ones among
// them never even reach the raw tables. Source: ../shared/real-exports.md.

/** In every kind: row numbers, notes, names beside codes the contract already reads. */
const everywhere = ["STT", "Số TT", "TT", "Ghi chú", "Tên PGD", "Tên xã", "Tên thôn", "Tên tổ", "Loại tổ", "Tên CN", "Tên chi nhánh"];

/** The loan listing (Báo cáo 31) has well over 100 columns; these are the ones the dashboard leaves. */
const hstd = [
  "Tên thôn", "Loại tổ", "Mã điểm giao dịch", "Tên điểm giao dịch", "Loại KH", "Tên DT", "Tên dân tộc", "Ngày cấp CMND", "Nơi cấp CMND",
  "Ngày cấp CCCD", "Nơi cấp CCCD", "Họ tên vợ/chồng", "Họ tên HSSV", "CMND HSSV", "Số ATM", "Tên chương trình", "Mã nhà đầu tư",
  "Hình thức vay", "Ngày GN đầu tiên", "Ngày GN cuối cùng", "Thời hạn vay", "Mức vay", "Tình trạng món vay", "Sổ tiết kiệm 105",
  "Gia hạn trong tháng", "Lưu vụ trong tháng", "Đảo khoản GN tháng", "Thu lãi TH tháng", "Thu lãi QH tháng", "Lãi DT trong tháng",
  "Số lần gia hạn", "Ngày gia hạn gần nhất", "Số tháng đã GH", "Tổng gia hạn nợ", "Ngày CNQH gần nhất", "Tổng chuyển nợ QH",
  "Tổng chuyển nợ khoanh", "Ngày hết hạn Khoanh", "Gốc hết hạn Khoanh", "Ngày giao dịch gần nhất", "Gốc đến hạn LK", "Gốc đã trả",
  "Lãi đã trả", "Gốc xóa", "Lãi xóa", "Mã cán bộ", "Tên cán bộ", "Kỳ hạn trả gốc", "Kỳ hạn trả lãi", "Mục đích vay", "Đối tượng",
];

/** Known flows the dashboard ignores; their quarter and year twins are recognised too. */
export const knownFlows = ["Gia hạn trong tháng", "Lưu vụ trong tháng", "Đảo khoản GN tháng", "Thu lãi TH tháng", "Thu lãi QH tháng", "Lãi DT trong tháng"];

export const knownColumns: Record<string, string[]> = {
  hstd: [...everywhere, ...hstd],
  cdtotkvv: [...everywhere, "Tên ĐVUT", "Tổ trưởng"],
};

export const knownColumnsOf = (kind: string) => knownColumns[kind] ?? everywhere;
