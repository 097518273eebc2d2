-- Months named for a reader, defined once: month_ranges([1,2,3,5,7,8], 2025) is
-- '01–03/2025, 05/2025, 07–08/2025' (runs of consecutive months as a range, so a reason that
-- lists the months a year-to-date figure lacks stays one short line).
CREATE OR REPLACE MACRO month_ranges(months, yr) AS
  array_to_string(
    list_transform(
      list_filter(list_sort(months), k -> NOT list_contains(months, k - 1)),
      s -> CASE
        WHEN list_contains(months, s + 1)
          THEN lpad(s::VARCHAR, 2, '0') || '–' || lpad(list_min(list_filter(months, e -> e >= s AND NOT list_contains(months, e + 1)))::VARCHAR, 2, '0') || '/' || yr
        ELSE lpad(s::VARCHAR, 2, '0') || '/' || yr
      END
    ),
    ', '
  );
