"""A pet name of the reporter's given name borne by someone else: "Аня Кузнецова" when Анна
Смирнова reports, "Tomek Zieliński" when Tomasz Kowalski does.

A pet name (or a vocative only mail/name_vocatives.py gives) is the reporter's wherever it
stands alone ("Agusiu, znajdę cię"), but with a capitalised word right after it on its line
that is none of the reporter's names it is another person's name and surname, evidence that
stays. `NameForms` is the set of the reporter's inflected forms (scrub_patterns.word_not_name)
that also knows which of them are such pet names, and every word of the reporter's names.
"""

import re

from mailrouter.mail.names import fold

_NEXT_WORD = re.compile(r"[^\S\r\n]+([^\W\d_][^\W\d_'’-]+)")


class NameForms(set):
    """The inflected forms (folded); `nicknames` among them, `own`: every word of the names."""

    def __init__(self, forms=(), nicknames=(), own=()):
        super().__init__(forms)
        self.nicknames, self.own = frozenset(nicknames), frozenset(own)


def someone_elses(text, start, end, forms):
    """Whether text[start:end], a pet name of the reporter's, is followed by another surname."""
    nicknames = getattr(forms, "nicknames", ())
    if not nicknames or fold(text[start:end]) not in nicknames:
        return False
    after = _NEXT_WORD.match(text, end)
    if after is None:
        return False
    word = after.group(1)
    if not word[0].isupper() or word.isupper():
        return False
    return not any(w in forms.own or w in forms for w in re.split(r"[-'’]", fold(word)) if w)
