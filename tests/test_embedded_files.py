"""Files written into a text body (privacy/cleaners/embedded.py): odd names and hostile shapes.

A uuencoded file's name comes from the `begin` line, written by anyone: a control character
in it must not stop the clean copy (the report would be retried, then quarantined). A body
of many `begin` lines with no `end` must be read once, not once per `begin` (T4): counted
here by the searches made, not timed.
"""

import binascii

from mailrouter.mail.message import parse
from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.cleaners import embedded
from mailrouter.privacy.identify import reporter_identity
from mailrouter.privacy.scrubber import Scrubber


def clean(body):
    raw = ("From: Noa Fischer <noa@example.net>\r\nTo: conduct@example.org\r\nSubject: photo\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).encode()
    msg = parse(raw)
    identity = reporter_identity(msg, raw, "noa@example.net", None, {"conduct@example.org"})
    return CleanCopy(Scrubber(identity)).of(msg)


def uuencoded(name, data=b"plain words here\n"):
    return f"begin 644 {name}\n" + binascii.b2a_uu(data).decode() + "`\nend\n"


def test_a_uuencoded_file_whose_name_holds_a_control_character_is_attached_under_a_clean_name():
    copy = clean("He sent me this:\n\n" + uuencoded("x\x0bY.txt") + "\nThat was on Friday.\n")
    names = [part.get_filename() for part in copy.iter_attachments()]
    assert names == ["x Y.txt"]
    assert "That was on Friday." in copy.get_body(("plain",)).get_content()


class CountingPattern:
    """A compiled pattern that counts its searches (the work `taken_out` does)."""

    def __init__(self, pattern):
        self.pattern, self.searches = pattern, 0

    def search(self, text, at=0):
        self.searches += 1
        return self.pattern.search(text, at)


def test_many_begin_lines_without_an_end_are_read_once(monkeypatch):
    counted = {name: CountingPattern(getattr(embedded, name)) for name in ("UU_BEGIN", "UU_END")}
    for name, pattern in counted.items():
        monkeypatch.setattr(embedded, name, pattern)
    text, files = embedded.taken_out("begin 644 a.jpg\nM86)C\n" * 5000)
    assert files == [] and text.count("begin 644") == 5000             # left as it was
    assert counted["UU_BEGIN"].searches + counted["UU_END"].searches <= 2
