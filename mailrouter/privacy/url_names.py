"""The reporter's name glued into a link: `…/message/AbCd1234FaridHaddad`, `…/faridhaddad42`.

Whole-word patterns cannot see a name run into the letters or digits before it. Inside a URL
the words are read as CamelCase pieces and letter runs: two or more of the reporter's name
parts in a row (joined by nothing, `-`, `_` or `.`), or two of them run together in lower
case, are the name, and replaced.
"""

import re

from mailrouter.mail.names import fold

URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]{1,15}://|\bwww\.)[^\s<>\"']+", re.IGNORECASE)
PIECE = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+|[^\W\d_A-Za-z]+")
JOINS = ("", "-", "_", ".")
MIN_PART = 3


def glued_names(text, roots, placeholder):
    """`text` with the name parts `roots` (folded) glued inside its URLs replaced."""
    if not roots or ("://" not in text and "www." not in text):
        return text
    parts = sorted((r for r in roots if len(r) >= MIN_PART), key=len, reverse=True)
    if not parts:
        return text
    glued = [re.escape(a + b) for a in parts for b in parts if a != b]
    pairs = re.compile("|".join(glued)) if glued else None    # an empty pattern matches everywhere
    return URL.sub(lambda m: _in_url(m.group(0), set(parts), pairs, placeholder), text)


def _in_url(url, parts, pairs, placeholder):
    pieces = [(m.start(), m.end(), fold(m.group(0))) for m in PIECE.finditer(url)]
    spans, i = [], 0
    while i < len(pieces):
        j = i
        while j < len(pieces) and pieces[j][2] in parts and (
                j == i or url[pieces[j - 1][1]:pieces[j][0]] in JOINS):
            j += 1
        if j - i >= 2:
            spans.append((pieces[i][0], pieces[j - 1][1]))
            i = j
            continue
        start, end, word = pieces[i]
        found = pairs.search(word) if pairs and len(word) == end - start else None   # folding kept the length
        if found:
            spans.append((start + found.start(), start + found.end()))
        i += 1
    for start, end in reversed(spans):
        url = url[:start] + placeholder + url[end:]
    return url
