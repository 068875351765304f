"""What the scrubber looks for: the patterns an identity's addresses, phone numbers and
names give (P3).

An address is found in any case, with any `+tag`, with the `@` and dots written out
(`%40`, `[at]`, `noa dot fischer at example dot net`), and a distinctive local part on its
own (`nf.1990`), not a generic one (`info`). A name is found whole and by its parts (whole
words; CJK anywhere), and by the handles built from it (`@noafischer`, `n.fischer`).
"""

import re

from mailrouter.mail.names import (PARTICLES, fold, handles, is_name_like, local_part_words, name_variants,
                                   name_words, spaceless_script)

GENERIC_LOCAL_PARTS = {"info", "contact", "hello", "mail", "me", "admin", "office", "team",
                       "support", "reporter", "user", "home", "work", "private", "post", "noreply"}
_AT = r"(?:@|＠|&#0*64;|&#x0*40;|%40|\s*[\[({]\s*(?:at|ät)\s*[\])}]\s*|\s+(?:at|ät|arroba|chez|bei)\s+)"
_DOT = r"(?:\.|%2e|\s*[\[({]\s*(?:dot|punkt|point|punto|ponto|kropka)\s*[\])}]\s*|\s+(?:dot|punkt|point|punto|ponto|kropka)\s+)"
TITLES = r"mr|mrs|ms|mx|miss|dr|prof|herr|frau|fr|hr|mme|mlle|m|sr|sra|srta|sig|sig\.ra|pan|pani|dhr|mevr"


def protected_addresses(identity):
    """Every address of the protected people, the author's first."""
    addresses = [a for a in identity.addresses if "@" in a]
    for _, emails in getattr(identity, "people", ()):
        addresses += [a for a in emails if "@" in a and a not in addresses]
    return addresses


def address_patterns(addresses, details):
    """Patterns for the addresses and for the phone numbers among `details`."""
    patterns = []
    for address in addresses:
        patterns += _address_patterns(address)
    for detail in details:
        digits = re.findall(r"\d+", detail)
        if sum(map(len, digits)) >= 6:       # a phone number, however it is spaced
            patterns.append(re.compile(r"\+?" + r"[\s()./-]*".join(digits)))
    return patterns


def name_patterns(identity, addresses, short_names):
    """(name roots, patterns) for the protected people's names, in the order they are to be
    tried: full names, handles, name parts (longer first), two-letter names."""
    names = [identity.display_name, *getattr(identity, "names", ())]
    names += [name for name, _ in getattr(identity, "people", ())]
    names = [" ".join(n.split()) for n in names if n and "@" not in n]
    names += [v for n in names for v in name_variants(n)]
    patterns = [_word_pattern(r"\W+".join(map(re.escape, words))) for words in map(name_words, names) if words]
    parts, forms = _parts_and_handles(names, addresses)
    roots = {p for p in parts if is_name_like(p)}
    for form in sorted(forms, key=len, reverse=True):
        patterns.append(re.compile(rf"(?<![a-z0-9])@?{re.escape(form)}\d{{0,4}}(?![a-z0-9])"))
    for part in sorted(roots, key=len, reverse=True):
        # "Ingrids iPhone", "Noa's": a name part with a possessive ending is still the name.
        patterns.append(_word_pattern(re.escape(part) + (r"(?:['’]?s)?" if part.isascii() else "")))
    short = sorted(p for p in parts if len(p) == 2 and p.isascii() and p not in PARTICLES)
    if short and short_names:
        patterns += [_word_pattern(re.escape(p)) for p in short]
    if short:                   # "Ms. Li": a two-letter name only after a title
        patterns.append(re.compile(rf"(?<!\w)(?:{TITLES})\.?\s+(?:{'|'.join(short)})(?!\w)"))
    return roots, patterns


def _parts_and_handles(names, addresses):
    """The folded words of the names and addresses, and the handles built from them."""
    parts, forms = set(), set()
    for name in names:
        parts.update(name_words(name))
        forms.update(handles(name))
        if spaceless_script(name) and " " not in name.strip() and len(name.strip()) >= 2:
            parts.add(fold(name.strip()))
    for address in addresses:
        words = local_part_words(address)
        parts.update(words)
        if len(words) >= 2:
            forms.update(handles(" ".join(words)))
    return parts, forms


def _address_patterns(address):
    local, _, domain = address.rpartition("@")
    base = local.split("+", 1)[0]
    spelt_local = _DOT.join(re.escape(p) for p in base.split("."))
    spelt_domain = _DOT.join(re.escape(p) for p in domain.split("."))
    # An underscore separates: `export_noa@example.net_2026.txt` holds the address.
    patterns = [re.compile(rf"(?<![^\W_])(?<![.+-]){spelt_local}(?:\+[\w.-]*)?{_AT}{spelt_domain}(?![^\W_]|-)",
                           re.IGNORECASE)]
    if len(base) >= 4 and base.lower() not in GENERIC_LOCAL_PARTS:
        patterns.append(re.compile(rf"(?<![^\W_])(?<![.+-]){re.escape(base)}(?![^\W_]|-|\.\w)", re.IGNORECASE))
    return patterns


def _word_pattern(body):
    """Whole words (an underscore separates words: `novakova_t`); in scripts written without
    spaces (CJK, kana, Hangul, Thai) a name matches anywhere."""
    plain = re.sub(r"\\.", "", body)
    if spaceless_script(plain):
        return re.compile(body)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")
