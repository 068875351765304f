"""The reporter's own notes on a PDF: the text of its annotations (a sticky note, a FreeText box).

A note is the reporter's words, cleaned as a text attachment is (`text.scrub_lines`): their
name, a line that names them with its numbers, and the numbers they give as theirs ("Call me on
…", a number alone). A note signed with the name the scrubber knows and a surname it does not
("- [reporter] Hofmann") teaches that surname, which then goes from every note of the file
("L. Hofmann, 0176 …" in a box drawn elsewhere on the page).
"""

import re

from pikepdf import Dictionary, Name, Stream, String

from mailrouter.privacy.cleaners.text import scrub_lines
from mailrouter.privacy.scrubber import NAME_PLACEHOLDER

NOTE_KEYS = ("/Contents", "/Subj", "/RC")
# The name the scrubber knew, then a capitalised word ending the phrase: the rest of the name.
_SIGNED = re.compile(re.escape(NAME_PLACEHOLDER) + r" ((?:[^\W\d_][\w'’-]*))(?=\s*(?:$|[,.;:)!?<]))",
                     re.MULTILINE)
_PAIR = re.compile(r"([^\W\d_][\w'’-]*)[^\S\n]+([^\W\d_][\w'’-]*)")
MAX_SURNAMES = 8


class Notes:
    """`scrub_lines` for the text of a PDF's annotations, with the surnames its notes sign with."""

    def __init__(self, pdf, scrub_text):
        self.scrub_text, self.surnames = scrub_text, set()
        for obj in pdf.objects:
            if isinstance(obj, (Dictionary, Stream)) and obj.get("/Type") == Name.Annot:
                for key in NOTE_KEYS:
                    if isinstance(obj.get(key), String):
                        self._learn(str(obj.get(key)))

    def _learn(self, text):
        learnt = [m.group(1) for m in _SIGNED.finditer(scrub_lines(text, self.scrub_text))]
        # "Lisa Hofmann" taken whole (the surname by the display name's initial, "Lisa H."),
        # while "Hofmann" alone is not: the surname the scrubber knows only beside the name.
        learnt += [m.group(2) for m in _PAIR.finditer(text) if m.group(1) not in self.scrub_text(m.group(1))
                   and m.group(2) not in self.scrub_text(m.group(0)) and self.scrub_text(m.group(2)) == m.group(2)]
        for surname in learnt:
            if surname[:1].isupper() and len(self.surnames) < MAX_SURNAMES:
                self.surnames.add(surname)

    def _scrubbed(self, text):
        text = self.scrub_text(text)
        for surname in self.surnames:
            text = re.sub(rf"(?<!\w){re.escape(surname)}(?!\w)", NAME_PLACEHOLDER, text)
        return text

    def __call__(self, text):
        return scrub_lines(text, self._scrubbed)
