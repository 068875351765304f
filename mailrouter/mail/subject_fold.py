"""Writing a Subject so that every reader decodes the same words, with the same spaces.

CPython's folder (3.11) loses the space where it folds between two encoded words
("Жалоба от" + "Ольги" reads "отОльги"), doubles the one where it folds between a plain word
and an encoded word ("Meetup  Zürich"), and may fold right after "Subject:" (a leading
space). Here the text is cut into words at its spaces; a run of words that must be
encoded (not ASCII, an "=?" a reader would decode, too long for a line) becomes RFC 2047
encoded words that carry the run's own spaces inside them, since the white space between
two encoded words is not part of the text (RFC 2047 6.2); the space between a plain word
and its neighbour is written once, as the one place a line may fold. An encoded word holds
whole characters, a letter with its combining marks, and is at most 75 characters long.
"""

import base64
import re
import unicodedata

MAX_WORD = 75                           # RFC 2047 2: an encoded word's length
MIN_WORD = 20                           # room on a line for an encoded word worth starting there
MAX_CLUSTER = 8                         # marks kept with their letter, at most (a pile of marks is split)
_OPEN, _CLOSE = "=?utf-8?", "?="
_Q_PLAIN = re.compile(r"[A-Za-z0-9!*+\-/]")


def fold_subject(text, *, name="Subject", utf8=False, max_line=78, linesep="\r\n"):
    """The header line `name: text` as bytes, folded at its spaces (runs of white space
    read as one space, as unfolding does). `utf8`: a message sent with SMTPUTF8, whose
    words are written as they are (RFC 6532) unless a reader would decode them."""
    lines, line = [], f"{name}:"
    for plain, run in _runs(text.split(), utf8, max_line):
        while run:
            room = max_line - len(line) - 1
            token, rest = (run, "") if plain else _encoded_word(run, min(room, MAX_WORD))
            if line not in (f"{name}:", "") and (len(token) > room or not plain and room < MIN_WORD):
                lines.append(line)          # the one place a line folds: before a space
                line = ""
                continue
            line, run = f"{line} {token}", rest
    lines.append(line)
    return (linesep.join(lines) + linesep).encode("utf-8" if utf8 else "ascii")


def _runs(words, utf8, max_line):
    """(plain, text) in order: a plain word alone, or a run of words to encode joined by spaces."""
    run = []
    for word in words:
        if _must_encode(word, utf8, max_line):
            run.append(word)
            continue
        if run:
            yield False, " ".join(run)
            run = []
        yield True, word
    if run:
        yield False, " ".join(run)


def _must_encode(word, utf8, max_line):
    return "=?" in word or len(word) > max_line - 2 or not (utf8 or word.isascii()) or not word.isprintable()


def _encoded_word(text, size):
    """(the first encoded word of `text`, at most `size` long unless one letter is longer; the
    rest of the text): whole letters, Q or B, whichever is shorter."""
    chunk, taken = "", 0
    for cluster in _clusters(text):
        if chunk and len(_encode(chunk + cluster)) > size:
            break
        chunk += cluster
        taken += len(cluster)
    return _encode(chunk), text[taken:]


def _clusters(text):
    """A character with the combining marks (and joiners) after it, so none starts a word."""
    cluster = ""
    for char in text:
        if cluster and len(cluster) < MAX_CLUSTER and (unicodedata.category(char).startswith("M")
                                                        or char in "\u200c\u200d" or cluster[-1] == "\u200d"):
            cluster += char
            continue
        if cluster:
            yield cluster
        cluster = char
    if cluster:
        yield cluster


def _encode(chunk):
    data = chunk.encode("utf-8", "replace")
    q = "".join(c if _Q_PLAIN.fullmatch(c) else "_" if c == " " else
                "".join(f"={b:02X}" for b in c.encode("utf-8", "replace")) for c in chunk)
    b = base64.b64encode(data).decode("ascii")
    return f"{_OPEN}q?{q}{_CLOSE}" if len(q) <= len(b) else f"{_OPEN}b?{b}{_CLOSE}"
