"""A spreadsheet's sheet names and defined names that name the reporter, renamed everywhere.

"Timeline Ingrid Olsen" is a sheet's name in xl/workbook.xml (an ODF `table:name`), and the
same text stands in every formula, print title and defined name that refers to it. Each such
name is renamed once, to what the scrubber makes of it written as the format allows (no `[`
`]` in a sheet name, none but letters, digits, `_` and `.` in a defined name), and replaced in
every XML part of the package, so references keep pointing at the renamed sheet.
"""

import html
import re

NAMES = re.compile(rb"<(sheet|definedName|table:table|table:named-range|table:named-expression)"
                   rb"(?:\s[^>]*?)?\s(?:table:)?name=\"([^\"]+)\"")       # not `table:style-name`
SHEET_FORBIDDEN = str.maketrans({"[": "(", "]": ")", ":": " ", "*": " ", "?": " ", "/": " ", "\\": " "})
MAX_SHEET_NAME = 31


def _written(kind, scrubbed):
    if kind in (b"definedName", b"table:named-range", b"table:named-expression"):
        return re.sub(r"[^\w.]+", "_", scrubbed).strip("_") or "reporter"
    return " ".join(scrubbed.translate(SHEET_FORBIDDEN).split())[:MAX_SHEET_NAME] or "reporter"


def renamed_sheets(members, scrub_text):
    """`members` ([(info, bytes)]) with the names renamed; unchanged parts the same objects."""
    renames, scrub_name = {}, getattr(scrub_text, "value", scrub_text)    # a name is no sign-off
    for info, content in members:
        if not info.filename.endswith(".xml") or b"name=" not in content:
            continue
        for kind, raw in NAMES.findall(content):
            name = html.unescape(raw.decode("utf-8", "replace"))
            scrubbed = scrub_name(name)
            if scrubbed != name:
                renames[raw] = html.escape(_written(kind, scrubbed), quote=True).encode()
    if not renames:
        return members
    pattern = re.compile(b"|".join(map(re.escape, sorted(renames, key=len, reverse=True))))
    return [(info, pattern.sub(lambda m: renames[m.group(0)], content)
             if info.filename.endswith(".xml") and pattern.search(content) else content)
            for info, content in members]
