"""Excel 97–2003 (xlwt) and OpenDocument (odfpy) spreadsheet writers, for the room and tests/formats_gen.py.

Both libraries are dev extras: the scanner reads these formats through python-calamine and never writes them.
"""
from __future__ import annotations

import io

Sheet = tuple[str, list[list[str]]]  # sheet name, rows of cell text (the first row the header)


def xls(sheets: list[Sheet]) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets:
        cells = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cells.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods(sheets: list[Sheet]) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for name, rows in sheets:
        table = Table(name=name)
        for row in rows:
            line = TableRow()
            for value in row:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
                line.addElement(cell)
            table.addElement(line)
        document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
