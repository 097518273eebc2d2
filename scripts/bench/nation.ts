// A national monthly loan listing for the scale benchmark, written by DuckDB itself (the demo
// generator holds a province in memory; a nation does not fit that way): 34 branches, ~650 PGD
// areas, ~10,000 communes, ~180,000 Tổ TK&VV, 6.7 borrowers for every 8 loans, the four unions'
// shares, NQH about 0.2 % and khoanh about 0.2 % of outstanding, savings repeated on every loan of
// a borrower, and fake personal columns, with the headers of the HSTD contract.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

/** Loans per structural unit, from the national scale in domain.md. */
const PER = { customer: 8 / 6.7, group: 44, commune: 18, pgd: 15, branch: 19 };

export async function writeNationalSnapshot(outDir: string, loans: number): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `HSTD_VN_${loans}_20261031.csv`);
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  // Integer hashes of the loan number drive every choice, so the file is the same every time.
  await conn.run(`COPY (
    WITH l AS (
      SELECT
        i,
        (i / ${PER.customer})::BIGINT AS c,
        (i / ${PER.customer} / ${PER.group})::BIGINT AS g,
        hash(i) AS h
      FROM range(${loans}) t(i)
    ),
    u AS (
      SELECT *,
        (g / ${PER.commune})::BIGINT AS x,
        (g / ${PER.commune} / ${PER.pgd})::BIGINT AS p,
        (g / ${PER.commune} / ${PER.pgd} / ${PER.branch})::BIGINT AS b,
        CASE WHEN hash(g) % 1000 < 5 THEN NULL
             WHEN hash(g) % 100 < 43 THEN '02' WHEN hash(g) % 100 < 81 THEN '01' WHEN hash(g) % 100 < 94 THEN '03' ELSE '04' END AS union_code,
        10000000 + (h % 90) * 1000000 AS total,
        CASE WHEN h % 1000 < 3 THEN 0.6 ELSE 0 END AS overdue_share,
        CASE WHEN h % 1000 BETWEEN 3 AND 4 THEN 1.0 ELSE 0 END AS frozen_share
      FROM l
    )
    SELECT
      '31/10/2026' AS "Ngày số liệu",
      lpad((b + 1)::VARCHAR, 3, '0') AS "Mã CN",
      lpad((100000 + p)::VARCHAR, 6, '0') AS "Mã PGD",
      'PGD ' || p AS "Tên PGD",
      lpad((200000 + x)::VARCHAR, 6, '0') AS "Mã xã",
      'Xã ' || x AS "Tên xã",
      lpad((x * 10 + g % 10)::VARCHAR, 8, '0') AS "Mã thôn",
      CASE WHEN union_code IS NULL THEN '0000000' ELSE lpad((1000000 + g)::VARCHAR, 7, '0') END AS "Mã tổ",
      'Tổ trưởng ' || g AS "Tên tổ trưởng",
      union_code AS "Mã ĐVUT",
      lpad(c::VARCHAR, 10, '0') AS "Mã KH",
      'Khách hàng ' || c AS "Tên KH",
      lpad((c * 7919 % 1000000000000)::VARCHAR, 12, '0') AS "Số CCCD",
      '01/01/' || (1950 + c % 50) AS "Ngày sinh",
      CASE WHEN c % 2 = 0 THEN 'Nam' ELSE 'Nữ' END AS "Giới tính",
      '01' AS "Mã dân tộc",
      'Thôn ' || (g % 10) || ', xã ' || x AS "Địa chỉ",
      '09' || lpad((c % 100000000)::VARCHAR, 8, '0') AS "Số điện thoại",
      lpad(i::VARCHAR, 10, '0') AS "Số khế ước",
      lpad((1 + h % 9)::VARCHAR, 2, '0') AS "Mã chương trình",
      '1' AS "Nguồn vốn",
      '15/03/2024' AS "Ngày vay",
      '15/03/2029' AS "Ngày đến hạn",
      6.6 AS "Lãi suất",
      total AS "Tổng giải ngân",
      (total - round(total * overdue_share) - round(total * frozen_share))::BIGINT AS "Dư nợ trong hạn",
      round(total * overdue_share)::BIGINT AS "Dư nợ quá hạn",
      round(total * frozen_share)::BIGINT AS "Dư nợ khoanh",
      total AS "Tổng dư nợ",
      0 AS "Lãi tồn TH",
      0 AS "Lãi tồn QH",
      (hash(c) % 60) * 100000 AS "Số dư tiền gửi 105",
      0 AS "Giải ngân trong tháng",
      (h % 20) * 100000 AS "Thu nợ trong hạn",
      0 AS "Thu nợ quá hạn",
      0 AS "Thu nợ khoanh",
      0 AS "Chuyển quá hạn",
      0 AS "Chuyển khoanh",
      0 AS "Gốc xóa nợ"
    FROM u
  ) TO '${file.replace(/'/g, "''")}' (HEADER, DELIMITER ',')`);
  conn.closeSync();
  return file;
}
