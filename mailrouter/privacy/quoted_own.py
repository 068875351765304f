"""The reporter's own earlier mail, quoted under their report ("On Fri, Hannah S. <hannah@…>
wrote:" and '>' lines): their words, so its signature is theirs too.

Whose a quote is, the attribution above it says: it carries one of the reporter's addresses,
or (with no address) two words of their name. Anyone else's quoted mail is evidence, and a
name signed in it is not the reporter's (`foreign_mail_start`), even where the reply
splitter does not know its header block's language ("От: … Отправлено: …") and leaves it
among the own words.
"""

import re

from mailrouter.mail.names import fold

QUOTE = re.compile(r"^[ \t]{0,10}> ?")
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# A quoted header block's sender and its other lines ("From:", "Von:", "De :", "差出人："), in
# the languages of mail/reply_markers.py.
_FROM = re.compile(r"^[ \t]*\*{0,2}(?:from|von|de|de la|da|van|od|från|fra|差出人|送信者|发件人|寄件者|寄件人|"
                   r"от|від|од|από|מאת|من|از|kimden|feladó|lähettäjä|odesílatel|dari|từ|보낸 사람|प्रेषक|จาก)"
                   r"\*{0,2}[ \t]*[:：]", re.IGNORECASE)
_HEADER = re.compile(r"^[ \t]*\*{0,2}[^\W\d_][\w .'’-]{0,30}\*{0,2}[ \t]*[:：]")
_SENTENCE_END = (".", "!", "?", "。", "！", "？")


def quote_runs(lines, short_forms, address_patterns):
    """(start, end, whether the reporter's) of each run of '>' lines: theirs right under an
    attribution of theirs, or from its second line when its first is their attribution, quoted
    with it ("> On Sun, Nomvula … wrote:" in the harasser's reply); and of the body under a header
    block whose `From:` is theirs (Outlook's "-----Original Message-----", a forward): to the end,
    where the own words of that mail are split off."""
    blocks, i = [], 0
    while i < len(lines):
        if not QUOTE.match(lines[i]):
            body = _body_under_own_header(lines, i, short_forms, address_patterns)
            if body is not None:
                return blocks + [(body, len(lines), True)]
            i += 1
            continue
        start = i
        while i < len(lines) and QUOTE.match(lines[i]):
            i += 1
        if _is_reporter(_attribution(lines, start), short_forms, address_patterns):
            blocks.append((start, i, True))
        elif _is_reporter(_attribution([unquoted(lines[start])[1]], 1), short_forms, address_patterns):
            blocks.append((start + 1, i, True))
        else:
            blocks.append((start, i, False))
    return blocks


def foreign_mail_start(lines, short_forms, address_patterns):
    """The index of the first line of someone else's mail among `lines` (the own words as the
    reply splitter left them): a '>' line, or a header block whose `From:` is another's; or
    len(lines). A sign-off below it is that mail's, not the reporter's."""
    i = 0
    while i < len(lines):
        if QUOTE.match(lines[i]):
            if not _is_reporter(_attribution(lines, i), short_forms, address_patterns):
                return i
            while i < len(lines) and QUOTE.match(lines[i]):
                i += 1
            continue
        if _FROM.match(lines[i]) and i + 1 < len(lines) and _HEADER.match(lines[i + 1]) \
                and not _is_reporter(lines[i], short_forms, address_patterns):
            return i
        i += 1
    return len(lines)


def _body_under_own_header(lines, i, short_forms, address_patterns):
    """Where the body starts when a header block whose sender is the reporter starts at `i`."""
    if not _FROM.match(lines[i]) or not _is_reporter(lines[i], short_forms, address_patterns):
        return None
    end = i + 1
    while end < min(i + 8, len(lines)) and lines[end].strip() and _HEADER.match(lines[end]):
        end += 1
    # Sent/To/Subject under it; the body after them (an HTML form's text has no blank line between)
    return end if end > i + 1 else None


def unquoted(line):
    """(the quote mark, the line without it)."""
    mark = QUOTE.match(line)
    return (mark.group(0), line[mark.end():]) if mark else ("", line)


def _attribution(lines, start):
    """The attribution line above the quote at `start` (with the line before it when a client
    wrapped it), or ""."""
    filled = [j for j in range(max(0, start - 3), start) if lines[j].strip()]
    if not filled or not lines[filled[-1]].rstrip().endswith((":", "：")) or QUOTE.match(lines[filled[-1]]):
        return ""
    last = filled[-1]
    if _ADDRESS.search(lines[last]):
        return lines[last]
    before = last - 1
    wrapped = before >= 0 and lines[before].strip() and not QUOTE.match(lines[before]) \
        and not lines[before].rstrip().endswith(_SENTENCE_END) and len(lines[before]) < 120
    return (lines[before] + " " if wrapped else "") + lines[last]


def _is_reporter(attribution, short_forms, address_patterns):
    if not attribution:
        return False
    if any(p.search(attribution) for p in address_patterns):
        return True
    if _ADDRESS.search(attribution):
        return False            # someone else's address: their mail, evidence
    words = {fold(w).strip(".,:;<>\"'()") for w in attribution.split()}
    return len(words & set(short_forms)) >= 2
