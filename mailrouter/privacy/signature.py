"""The reporter's sign-off and signature block, in their own words only.

Removed whole: everything after a `-- ` line, and after a closing ("Thanks,", "Viele
Grüße", "Με εκτίμηση,", "בברכה,", "감사합니다.", … see signoff_words) the name line, in any
script, with the contact lines under it (title, employer, address, phones, website) and a
legal disclaimer after them; or a name line of theirs near the end with no closing
("Jana Nováková (she/her)" and its contact lines). Quoted and forwarded text below the own
words is evidence and is left alone, except the reporter's own earlier mail (quoted_own):
its signature goes like theirs; so is a line saying whose a number is ("his number: …"): the signature
ends above it. The sign-off lines tell the identity step a surname ("Noa Fischer") or a name in another script.
"""

import re

from mailrouter.mail.names import fold
from mailrouter.mail.quoting import split_own_text
from mailrouter.privacy.quoted_own import foreign_mail_start, quote_runs, unquoted
from mailrouter.privacy.signature_names import born_surname, name_of
from mailrouter.privacy.signoff_words import (about_someone_else, closing_and_name, is_closing, is_disclaimer, latin_only,
                                                short_form)

SIGNATURE_REMOVED = "[signature removed by mailrouter]"
DASHES = re.compile(r"^-- ?\r?$")
_CONTACT = re.compile(r"\+?\d[\d ().-]{6,}\d|https?://|www\.|@|\||linkedin|github|mastodon|bluesky|twitter|"
                      r"orcid|researcherid|scopus|researchgate|"     # a researcher's ids are theirs
                      r"\b(?:tel|phone|mobile|mob|cell|fax|pronouns?)\b", re.IGNORECASE)
_NOT_SIGNATURE = re.compile(r"^[ \t]*(?:p\.?s\.?|ps:|n\.?b\.?)\b", re.IGNORECASE)
MAX_BLOCK = 8           # lines of a signature block, and more while each carries a contact
MAX_CONTACT_BLOCK = 20


def signoff_lines(own):
    """Indexes of sign-off name lines in `own` (after a closing, or after `-- `)."""
    lines = own.split("\n")
    found = []
    for i, line in enumerate(lines):
        if is_closing(line) or DASHES.match(line):
            following = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()), None)
            if following is not None and name_of(lines[following]):
                found.append(following)
    return found


def names_signed(own, known_words, addresses=()):
    """Full names on sign-off lines (after a closing, or a bare name line near the end)
    whose first word is one the identity already knows; and the name under the closing
    that ends the own words when it is in another script than every known word
    (`From: Noa Levi` signing "בברכה,\nנועה לוי"): a transliteration cannot be compared.
    The second kind only above someone else's quoted mail: what is signed there is theirs;
    the first anywhere (a reporter's own words and sign-off may follow a block they pasted)."""
    lines = own.split("\n")
    names = []
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in sorted(set(signoff_lines(own)) | {i for i in filled[-MAX_BLOCK:] if name_of(lines[i])}):
        words = name_of(lines[i]).split()
        if len(words) >= 2 and fold(words[0]) in known_words:
            names.append(" ".join(words))
            names += [f"{words[0]} {born}" for born in born_surname(lines[i])]
    lines = lines[:foreign_mail_start(lines, known_words, [re.compile(re.escape(a), re.I) for a in addresses])]
    own = "\n".join(lines)
    filled = [i for i in filled if i < len(lines)]
    for i in signoff_lines(own):
        name = name_of(lines[i])
        if not [j for j in filled if j >= _block_end(lines, i)] and not latin_only(name) \
                and all(latin_only(w) for w in known_words) and name not in names:
            names.append(name)
    return names


def remove_signature(own, short_forms=(), placeholder=SIGNATURE_REMOVED):
    """`own` without the reporter's sign-off and signature block."""
    lines = own.split("\n")
    replaced = _signature_spans(lines, short_forms)
    for start, end, keep in sorted(replaced, reverse=True):
        lines[start:end] = [keep + placeholder + _cr(lines[end - 1])]
    return "\n".join(lines)


def remove_quoted_signatures(rest, short_forms=(), placeholder=SIGNATURE_REMOVED, address_patterns=()):
    """`rest` (the quoted and forwarded text under the own words) without the signature of
    each quoted earlier mail of the reporter's own (its attribution carries their address
    or their full name), also deeper in someone else's: their own words, quoted, are theirs all the same."""
    lines = rest.split("\n")
    for start, end, own in sorted(quote_runs(lines, short_forms, address_patterns), reverse=True):
        marks, inner = zip(*(unquoted(line) for line in lines[start:end]))
        words, deeper = split_own_text("\n".join(inner)) if own else ("", "\n".join(inner))
        done = (remove_signature(words, short_forms, placeholder) if own else "") + \
            remove_quoted_signatures(deeper, short_forms, placeholder, address_patterns)
        if done == "\n".join(inner):
            continue
        inner, mark = done.split("\n"), marks[0].rstrip()
        lines[start:end] = [mark + (" " if mark and line.strip() and not line.startswith(">") else "") + line
                            for line in inner]
    return "\n".join(lines)


def signature_lines(text, short_forms=(), address_patterns=()):
    """The lines (white space folded) that remove_signature would take out of `text`'s own
    words, and remove_quoted_signatures out of the reporter's own quoted mail."""
    own, rest = split_own_text(text)
    found = set()
    for lines in (own.split("\n"), *_quoted_own_words(rest, short_forms, address_patterns)):
        for start, end, keep in _signature_spans(lines, short_forms):
            for line in lines[start:end]:
                folded = " ".join(line[len(keep):].split()) if keep else " ".join(line.split())
                if folded:
                    found.add(folded)
    return found


def signature_nodes(text, short_forms=(), address_patterns=()):
    """A test of an HTML text node or attribute value, given `text` (the HTML as text): True
    for a line or table cell of the reporter's signature block, and for one that carries an
    id written there (a link to their ORCID record, "https://orcid.org/0000-0002-…")."""
    dropped = signature_lines(text, short_forms, address_patterns)
    dropped |= {re.sub(r"\s*\([^)]*\)$", "", cell).strip() for line in dropped for cell in line.split(" | ")}
    ids = {m.group(0) for line in dropped for m in _ID.finditer(line) if sum(c.isdigit() for c in m.group(0)) >= 6}
    return lambda node: " ".join(node.split()) in dropped or any(i in node for i in ids)


_ID = re.compile(r"(?<![\w-])(?:[A-Z]{1,2}-)?\d[\dA-Z-]{5,}[\dX](?![\w-])")      # ORCID, ResearcherID, Scopus


def _quoted_own_words(rest, short_forms, address_patterns):
    """The own words (as lines, quote marks off) of each quoted mail of the reporter's in `rest`."""
    lines = rest.split("\n")
    for start, end, own in quote_runs(lines, short_forms, address_patterns):
        inner = "\n".join(unquoted(line)[1] for line in lines[start:end])
        words, deeper = split_own_text(inner) if own else ("", inner)
        yield words.split("\n")
        yield from _quoted_own_words(deeper, short_forms, address_patterns)


def _signature_spans(lines, short_forms):
    """(start, end, kept prefix) of each run of lines that is the reporter's signature."""
    spans = []
    # Someone else's mail the reply splitter left among the own words ends them (quoted_own).
    cut = foreign_mail_start(lines, short_forms, ())
    dashes = next((i for i in range(cut) if DASHES.match(lines[i])), None)
    if dashes is not None:
        spans.append((dashes, next((j for j in range(dashes, cut) if about_someone_else(lines[j])), cut), ""))
        lines = lines[:dashes]
    filled = [i for i, line in enumerate(lines[:cut]) if line.strip()]
    for i in signoff_lines("\n".join(lines)):
        # A sign-off is the reporter's when it names them, or when nothing of theirs follows
        # it; "Love,\nSam Rivera" pasted mid-report is the reported person's, and evidence.
        end = _block_end(lines, i)
        if _names_reporter(lines[i], short_forms) or i < cut and not [j for j in filled if j >= end]:
            spans.append((i, end, ""))
    for i, line in enumerate(lines):
        found = closing_and_name(line)
        if found and (_names_reporter(found[1], short_forms) or i == (filled[-1] if filled else -1)):
            spans.append((i, i + 1, found[0]))
    spans += _bare_name_spans(lines, filled, short_forms)
    return _without_overlaps([_with_disclaimer(lines, span) for span in spans])


def _bare_name_spans(lines, filled, short_forms):
    """A name line near the end that names the reporter, with contact lines under it
    ("Jana Nováková (she/her)", a role, handles, a phone): a signature with no closing."""
    spans = []
    for i in filled[-MAX_BLOCK:]:
        name = name_of(lines[i])
        words = [fold(w) for w in name.split()] if name else []
        if len(words) >= 2 and any(w in short_forms for w in words):
            spans.append((i, _block_end(lines, i), ""))
            break
    if filled:
        last = name_of(lines[filled[-1]]) or ""
        if last and " " not in last and len(last) >= 2 and any(short_form(fold(last), r) for r in short_forms):
            spans.append((filled[-1], filled[-1] + 1, ""))
    # A full name (or theirs: "Seun") over nothing but contact lines ends the own words ("Hanna Lehtinen\n
    # +358 40 …", a pseudonymous account): their signature, unless the paragraph above introduces it ("his number:").
    for i in filled[-4:-1]:
        above = [j for j in filled if j < i]
        name = name_of(lines[i]) or ""
        if (len(name.split()) >= 2 or name and _names_reporter(name, short_forms)) and not lines[i - 1].strip() and \
                all(_CONTACT.search(lines[j]) for j in filled if j > i) and _block_end(lines, i) > filled[-1] \
                and not (above and lines[above[-1]].rstrip().endswith((":", "："))):
            spans.append((i, filled[-1] + 1, ""))
    return spans


def _with_disclaimer(lines, span):
    """The span, and the paragraphs after it up to the end when each is a legal disclaimer."""
    start, end, keep = span
    rest = "\n".join(lines[end:])
    paragraphs = [p for p in re.split(r"\n[ \t\r]*\n", rest) if p.strip()]
    if keep or not paragraphs or not all(is_disclaimer(p) for p in paragraphs):
        return span
    return start, max(i for i, line in enumerate(lines) if line.strip()) + 1, keep


_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ()./-]{6,}\d(?!\w)")
_NOT_PHONE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{4}-\d{4}$")
_DATE_OR_TIME = re.compile(r"\d{4}[-./](?:0?\d|1[0-2])[-./](?:[0-2]?\d|3[01])\b|"
                           r"\b(?:[0-2]?\d|3[01])[-./](?:0?\d|1[0-2])[-./]\d{2,4}\b|\b\d{1,2}:\d{2}\b")
def _looks_like_phone(number, digits):
    """+49 170 5550123, 0176 / 234 567 89, (020) 7946 0321; not a date, a time or a ticket number."""
    if not 7 <= digits <= 15 or _NOT_PHONE.match(number) or _DATE_OR_TIME.search(number):
        return False
    grouped = bool(re.search(r"\d[ ()./-]+\d", number))
    return number.startswith(("+", "(", "0")) and (grouped or number.startswith("+"))


def phone_numbers(text):
    """Every phone number in `text` (for mail to the reporter: no member's number goes out)."""
    return [m.group(0).strip() for m in _PHONE.finditer(text or "")
            if _looks_like_phone(m.group(0).strip(), sum(c.isdigit() for c in m.group(0)))]


def _names_reporter(line, short_forms):
    words = [fold(w).strip(".,") for w in line.split()]
    return any(w in short_forms or any(short_form(w, r) for r in short_forms) for w in words if len(w) >= 2)


def _without_overlaps(spans):
    kept, last_end = [], -1
    for start, end, keep in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start >= last_end:
            kept.append((start, end, keep))
            last_end = end
    return kept


def _block_end(lines, start):
    """The name line and the contact lines right under it (title, employer, phone, site)."""
    end = start + 1
    while end < len(lines) and end - start < MAX_CONTACT_BLOCK and lines[end].strip() \
            and not _NOT_SIGNATURE.match(lines[end]) and _looks_like_signature(lines[end]) \
            and (end - start < MAX_BLOCK or _CONTACT.search(lines[end])):
        end += 1
    return end


def _looks_like_signature(line):
    text = line.strip()         # a line saying whose a number is ("his number: …") ends it: evidence
    return not about_someone_else(text) and (bool(_CONTACT.search(text)) or len(text) <= 60 and (
        not text.endswith((".", "?", "!", ":")) or _COMPANY_FORM.search(text) is not None))


# A company's legal form ends a signature's employer line with a full stop, not a sentence:
# "Firma IT Sp. z o.o.", "Acme Inc.", "Kovács Kft.", "Soluções Ltda.", "Dataservis s.r.o.".
_COMPANY_FORM = re.compile(r"(?<!\w)(?:sp\. ?z ?o\.o|s\.a|s\.a\.s|s\.r\.l|s\.p\.a|s\.l|s\.r\.o|spol\. s r\.o|a\.s|"
                           r"inc|ltd|co|corp|llc|l\.l\.c|e\.v|b\.v|n\.v|kft|zrt|nyrt|bt|ltda|k\.k|d\.o\.o|"
                           r"gmbh|kg|oy|oyj|asa|aps|a/s|sas|sarl|srl|spa|plc|pty)\.$", re.IGNORECASE)


def _cr(line):
    return "\r" if line.endswith("\r") else ""
