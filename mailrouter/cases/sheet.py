"""The status spreadsheet's rows (PyDistrict's procedure), built in one place.

The weekly digest sends each member the rows of their own open cases; `mailrouter status`
prints every case's row. Both call `sheet_row`, so the two can never disagree. The columns
hold only what members typed into #safety-risk, #repeat-risk, #status, #action and
#resolution (vague by the procedure's rule) and the code name and date: never the
reporter, never the reported person.
"""

import csv
import io

SHEET_COLUMNS = ("Safety risk?", "Risk of repeating?", "Status", "Code Name", "Date & Time",
                 "Actions needed", "Resolution")


def sheet_row(case):
    """The status spreadsheet's columns for one case."""
    return {"Safety risk?": case.get("safety_risk", ""), "Risk of repeating?": case.get("repeat_risk", ""),
            "Status": case.get("status", "new"), "Code Name": case["code"],
            "Date & Time": case["created"], "Actions needed": "; ".join(case.get("actions", [])),
            "Resolution": case.get("resolution", "")}


def sheet_csv(rows, columns=SHEET_COLUMNS):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()
