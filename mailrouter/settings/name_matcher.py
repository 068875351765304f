"""Finding the people the committee knows in free text: one compiled pattern per person."""

import re

from anyascii import anyascii

from mailrouter.mail.names import fold, handles, name_variants, name_words


class NameMatcher:
    """Finds mentions of known people in free text: one compiled pattern per person.

    Each person is found by every form a report uses (issue: conflict routing sees every
    way a report names a known person; when in doubt, exclude): name, alias and address;
    the address with any `+tag`; the name with a middle name or initial (`Sam J. Rivera`);
    and the handles built from the name (`@srivera`, `sam.rivera`, `samrivera`).
    """

    def __init__(self, people):
        self.patterns = [(person, *_person_pattern(person)) for person in people]
        self.patterns = [(person, pattern, anchors) for person, pattern, anchors in self.patterns
                         if pattern is not None]
        self.initials = [(person, _initial_pattern(person)) for person in people]
        self.initials = [(person, pattern) for person, pattern in self.initials if pattern is not None]

    def find(self, text):
        if not text:
            return []
        folded = fold(text)
        if not folded.isascii():
            # "Сэм Ривера": the transliteration, with any first name of the same initial.
            folded = f"{folded}\n{fold(anyascii(text))}"
        # A person's pattern runs only on text holding one of its words (a substring search, at C
        # speed): most reports name few of the people known, and each pattern cost a scan.
        spans = [(person, m.span()) for person, pattern, anchors in self.patterns
                 if any(anchor in folded for anchor in anchors) for m in pattern.finditer(folded)]
        if not text.isascii():          # checked first: scanning to drop every match cost ~1 ms
            spans += [(person, m.span()) for person, pattern in self.initials for m in pattern.finditer(folded)]
        # A name inside a longer known name ("Ana Lima" in "Ana Lima-Reyes") is that person, not both.
        found = []
        for person, (start, end) in spans:
            inside = any(s <= start and end <= e and (e - s) > (end - start) for other, (s, e) in spans
                         if other is not person)
            if not inside and person not in found:
                found.append(person)
        return found


TITLES = r"mr|mrs|ms|mx|miss|dr|prof|herr|frau|mme|mlle|sr|sra|sig|pan|pani|dhr|mevr"


def _initial_pattern(person):
    """First name by its initial only, and the surname (of five letters or more) in full."""
    words = name_words(person.name)
    if len(words) < 2 or len(words[-1]) < 5:
        return None
    return re.compile(rf"(?<![^\W_]){re.escape(words[0][0])}[a-z]{{0,12}}\s+{re.escape(words[-1])}(?![^\W_])")


def _person_pattern(person):
    """(the pattern, the words one of which every match holds: the last word of each name,
    each handle and each address's local part); (None, ()) for a person with none."""
    names, tokens, anchors = [], [], set()
    for term in (person.name, *person.aliases, *[v for t in (person.name, *person.aliases) for v in name_variants(t)]):
        words = fold(term).split()
        if len(" ".join(words)) >= 2:
            names.append(r"[\s\xa0]+".join(map(re.escape, words)))
            anchors.add(words[-1])
        if len(words) >= 2:
            first, last = re.escape(words[0]), re.escape(words[-1])
            # a middle name or initial; "Rivera, Sam"; "Mr. Rivera"
            names.append(rf"{first}\s+(?:[\w'’-]+\.?\s+){{1,2}}{last}")
            names.append(rf"{last},\s*{first}")
            names.append(rf"(?:{TITLES})\.?\s+{last}")
        tokens += handles(term) + ([fold(term)] if " " not in fold(term) and len(fold(term)) >= 3 else [])
    handle_words = {h for term in (person.name, *person.aliases) for h in handles(term)} - set(names)
    # A short run of letters built from a name ("hana" from Ana Haddad) is often another
    # person's first name: as a bare word it counts only as an @-mention.
    forms = [rf"@{re.escape(h)}\d{{0,4}}" if h in handle_words and h.isalpha() and len(h) < 6
             else rf"@?{re.escape(h)}\d{{0,4}}" for h in tokens]
    if tokens:   # a handle as an address, at any domain (`srivera@…`, GitHub's `4711+samr@…`)
        forms.append(rf"(?:\d+\+)?(?:{'|'.join(map(re.escape, tokens))})(?:\+[\w.-]*)?@[\w-]+(?:\.[\w-]+)+")
    for address in person.emails:
        local, _, domain = fold(address).rpartition("@")
        forms.append(rf"{re.escape(local.split('+', 1)[0])}(?:\+[\w.-]*)?@{re.escape(domain)}")
        anchors.add(local.split('+', 1)[0])
    if not names and not forms:
        return None, ()
    anchors.update(tokens)
    # Whole words. A name does not continue into a hyphenated one ("Ana Lima" is not in
    # "Ana Lima-Reyes"); a handle or address may stand in a filename (`mwis-dm-1.png`).
    parts = []
    if names:
        parts.append(rf"(?:{'|'.join(sorted(set(names), key=len, reverse=True))})(?![^\W_]|-[^\W\d_]|@)")
    if forms:
        parts.append(rf"(?:{'|'.join(sorted(set(forms), key=len, reverse=True))})(?![^\W_]|@|\.[^\W_])")
    return re.compile(rf"(?<![^\W_])(?<![.+@])(?:{'|'.join(parts)})"), tuple(anchors)
