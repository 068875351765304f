"""`mailrouter status`: the status spreadsheet as CSV, Markdown, HTML or ODS.

The rows come from `cases.sheet.sheet_row`, the builder the weekly digest uses, so the
sheet an admin prints and the rows a member receives are the same columns, in the
procedure's order. ODS through odfpy (the OpenDocument library LibreOffice's own tools
build on), so the sheet opens in LibreOffice, Excel and Google Sheets without a macro.
"""

import io

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from mailrouter.cases.sheet import SHEET_COLUMNS, sheet_csv

FORMATS = ("csv", "md", "html", "ods")


def render_sheet(rows, fmt, composer):
    """The bytes of the sheet of `rows` in `fmt`."""
    if fmt == "csv":
        return sheet_csv(rows).encode("utf-8")
    if fmt == "md":
        return sheet_markdown(rows).encode("utf-8")
    if fmt == "html":
        return composer.render("status.html.j2", rows=rows, columns=SHEET_COLUMNS).encode("utf-8")
    return sheet_ods(rows)


def sheet_markdown(rows):
    def cell(value):
        # A pipe or a line break would end the cell: the table must keep its columns.
        return " ".join(str(value).split()).replace("\\", "\\\\").replace("|", "\\|") or "-"
    lines = ["| " + " | ".join(SHEET_COLUMNS) + " |", "|" + "---|" * len(SHEET_COLUMNS)]
    lines += ["| " + " | ".join(cell(row[c]) for c in SHEET_COLUMNS) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def sheet_ods(rows):
    document = OpenDocumentSpreadsheet()
    table = Table(name="Status")
    for values in [list(SHEET_COLUMNS)] + [[row[c] for c in SHEET_COLUMNS] for row in rows]:
        line = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
