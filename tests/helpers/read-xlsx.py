# Reads workbooks with openpyxl (Debian's python3-openpyxl), a reader independent of the writers
# under test, and prints them as JSON: per file its sheet names and the first sheet's rows, dates
# as dd/mm/yyyy, plus per column the kinds of cells seen from row FIRST on ("s" text, "n" number,
# "d:<format>" date). Usage: /usr/bin/python3 read-xlsx.py FIRST FILE...
import json
import sys
from datetime import datetime

from openpyxl import load_workbook


def read(path, first):
    wb = load_workbook(path, read_only=True)
    ws = wb.worksheets[0]
    rows, kinds = [], {}
    for r, row in enumerate(ws.iter_rows(), start=1):
        values = []
        for c, cell in enumerate(row):
            v = cell.value
            kind = None
            if isinstance(v, datetime):
                kind = "d:" + cell.number_format
                v = v.strftime("%d/%m/%Y")
            elif v is not None:
                kind = "s" if isinstance(v, str) else "n"
            if kind and r >= first:
                kinds.setdefault(c, set()).add(kind)
            values.append(v)
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    dimension = ws.calculate_dimension()
    wb.close()
    return {"sheets": wb.sheetnames, "dimension": dimension, "rows": rows, "kinds": {c: sorted(k) for c, k in kinds.items()}}


json.dump({p: read(p, int(sys.argv[1])) for p in sys.argv[2:]}, sys.stdout, ensure_ascii=False)
