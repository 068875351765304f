"""Finding and replacing the reporter's identity in text (P3).

`Scrubber(identity)` knows every address and name of the protected people and finds them:
- addresses in any case, with any `+tag`, in `mailto:` links, with the `@` written as an
  HTML reference, `%40`, `[at]`, or spelt out ("noa dot fischer at example dot net");
- a distinctive local part on its own (`nf.1990`), not a generic one (`info`);
- names and name parts (case- and accent-insensitive, whole words; CJK anywhere), the handles
  built from them (`@noafischer`, `nfischer`, `n.fischer`), glued in a URL (`url_names.py`);
- Slavic case forms and a patronymic ("Оксано", "Ирина Сергеевна"), a Japanese name's kana
  reading (`mail/name_forms.py`); addresses and phone numbers in full-width forms; a surname
  and a contact line beside a scrubbed name (`contact_lines.py`);
- the same hidden inside percent-encoding (`noa%2Efischer`) and base64 (`?u=bm9h…`); the
  reporter's sign-off and signature block in their own words."""

import binascii
import functools
import html
import re
import unicodedata
from urllib.parse import unquote

from mailrouter.mail.names import fold_with_map, local_part_words
from mailrouter.privacy.contact_lines import after_names, initials
from mailrouter.privacy.pattern_start import Starts
from mailrouter.privacy.scrub_patterns import (address_patterns, name_patterns, protected_addresses, sub_compatible,
                                               word_not_name)
from mailrouter.privacy.signature import SIGNATURE_REMOVED, remove_quoted_signatures, remove_signature
from mailrouter.mail.quoting import own_parts
from mailrouter.privacy.url_names import glued_names

ADDRESS_PLACEHOLDER, NAME_PLACEHOLDER = "[reporter's address]", "[reporter]"
PGP_REMOVED = "[PGP block removed by mailrouter]"
INLINE_PGP = re.compile(r"-----BEGIN PGP (SIGNATURE|PUBLIC KEY BLOCK)-----.*?-----END PGP \1-----", re.DOTALL)
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_OTHER_ADDRESS = re.compile(r"[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+")
_TOKEN = re.compile(r"[^\s<>\"']+")           # linear: a token is checked for %XX after it is found
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_BASE64_TOKEN = re.compile(r"[A-Za-z0-9+/_-]{12,}={0,2}")
_URL_SAFE = str.maketrans("-_", "+/")
# Decoded tokens checked per scrubber (one message): a base (a 3 KB report) and more for a
# longer text, so a chat export's own encoded strings cannot use it up. Past it a decodable token is withheld:
# a text full of them costs at most ~30 µs a check (a 3 MB text: README, Measured).
MAX_DECODED_TOKENS, CHARACTERS_PER_DECODED_TOKEN = 2000, 128
ENCODED_WITHHELD = "[encoded text withheld by mailrouter]"


class Scrubber:
    """Replaces the protected people's identity in text and HTML source."""

    def __init__(self, identity, name_placeholder=NAME_PLACEHOLDER, address_placeholder=ADDRESS_PLACEHOLDER,
                 signature_placeholder=SIGNATURE_REMOVED, short_names=False):
        self.name_placeholder, self.address_placeholder = name_placeholder, address_placeholder
        self.short_names = short_names      # two-letter names too ("Bo"), for the members' names
        self.signature_placeholder = signature_placeholder
        self.address_patterns, self.name_patterns = [], []
        self._seen = self._spent = 0      # characters scrubbed, decoded tokens checked
        self._steps = {}                  # (name, address placeholder) -> `_plain`'s steps, made once
        self.placeholders = _placeholders_pattern(name_placeholder, address_placeholder, signature_placeholder)
        self.name_roots, self.case_forms, self.initials = set(), set(), set()
        self.enabled = bool(identity) and not identity.share
        if self.enabled:
            self._learn(identity)

    def _learn(self, identity):
        addresses = protected_addresses(identity)
        self.address_patterns = address_patterns(addresses, getattr(identity, "details", ()))
        self.name_roots, self.name_patterns, self.case_forms = name_patterns(identity, addresses, self.short_names)
        self.initials = initials([identity.display_name, *getattr(identity, "names", ())])
        # One pass over the text for every name form: longer forms first, so a full name
        # wins over its parts at the same position.
        self.names_regex = Starts(self.name_patterns, self._one_pattern) if self.name_patterns else None

    def _one_pattern(self):
        return re.compile("|".join(f"(?:{p.pattern})" for p in self.name_patterns))

    # -- finding --------------------------------------------------------------------
    def found_in(self, text):
        """True if `text` carries the identity in a form this scrubber knows."""
        if not self.enabled or not text:
            return False
        text = self.placeholders.sub(" ", text)     # "[reporter]" is no leak of a Ms Reporter
        texts = {text, text if text.isascii() else unicodedata.normalize("NFKC", text)}   # "ｙｕｍｉ＠…"
        if any(p.search(t) for p in self.address_patterns for t in texts):
            return True
        return next(self._name_spans(text, ()), None) is not None

    # -- replacing ------------------------------------------------------------------
    def text(self, text, signed=True):
        """Plain text without the identity; `signed=False`: another person wrote it, its signature stays."""
        if not self.enabled or not text:
            return text
        text = INLINE_PGP.sub(PGP_REMOVED, text)
        pasted, own, rest = own_parts(text)    # a quote pasted among their words: their words go on
        text = pasted + (remove_signature(own, self.name_roots, self.signature_placeholder) if signed else own) + \
            remove_quoted_signatures(rest, self.name_roots, self.signature_placeholder, self.address_patterns)
        return self._plain(text, self.name_placeholder, self.address_placeholder)

    def value(self, text):
        """A short value (a header, a filename, an attribute): no sign-off handling."""
        if not self.enabled or not text:
            return text
        return self._plain(text, self.name_placeholder, self.address_placeholder)

    def html(self, markup):
        """Scrub HTML source; placeholders are escaped so the markup stays valid."""
        if not self.enabled or not markup:
            return markup
        markup = _PLAIN_REFERENCE.sub(_decode_reference, markup)
        return self._plain(markup, html.escape(self.name_placeholder), html.escape(self.address_placeholder))

    def _plain(self, text, name_placeholder, address_placeholder):
        # Invisible characters inside a name or address (soft hyphen, zero-width space) and
        # numeric character references (`&#82;&#111;…`) would hide it from every pattern.
        text = _INVISIBLE.sub("", text)
        if "&#" in text:
            text = _PLAIN_REFERENCE.sub(_decode_reference, text)
        self._seen += len(text)
        placed = self.placeholders.search(text) is not None
        for step in self._steps_for(name_placeholder, address_placeholder):
            # Most short values (an HTML text node) hold no placeholder until a step puts one in.
            scrubbed = self._outside_placeholders(text, step) if placed else step(text)
            placed, text = placed or scrubbed != text, scrubbed
        return after_names(text, name_placeholder, address_placeholder, self.initials) if placed else text

    def _steps_for(self, name_placeholder, address_placeholder):
        """`_plain`'s steps for one pair of placeholders (plain or HTML-escaped): made once, not
        for every HTML text node."""
        key = (name_placeholder, address_placeholder)
        if key not in self._steps:
            self._steps[key] = [self._encoded,
                                *(functools.partial(sub_compatible, p, address_placeholder)
                                  for p in self.address_patterns),
                                lambda piece: self._other_addresses(piece, address_placeholder),
                                lambda piece: self._names(glued_names(piece, self.name_roots, name_placeholder), name_placeholder)]
        return self._steps[key]

    def _outside_placeholders(self, text, step):
        """`step` applied to the text between the placeholders only: a reporter named Reporter
        (or Address, Signature) would otherwise turn `[reporter's address]` into
        `[[reporter] address]`, and the fail-closed check would drop every HTML of theirs."""
        pieces, last = [], 0
        for match in self.placeholders.finditer(text):
            pieces += [step(text[last:match.start()]), match.group(0)]
            last = match.end()
        return "".join(pieces) + step(text[last:]) if pieces else step(text)

    def _other_addresses(self, text, placeholder):
        if "@" not in text:         # another address made of their names: `b.chen@`, `noa.f@gmail…`
            return text
        return _OTHER_ADDRESS.sub(lambda m: placeholder if self._named_by(m.group(0)) else m.group(0), text)

    def _encoded(self, text):
        """Identity hidden in percent-encoding or base64 is replaced, decoded."""
        if "%" in text:
            text = _TOKEN.sub(lambda m: self._decoded_token(m.group(0), unquote(m.group(0)))
                              if _PERCENT.search(m.group(0)) else m.group(0), text)
        return _BASE64_TOKEN.sub(lambda m: self._base64_token(m.group(0)), text)

    def _decoded_token(self, token, decoded):
        if decoded == token:
            return token
        if not self._spend():
            return ENCODED_WITHHELD
        if not self.found_in(decoded):
            return token
        return self._plain(decoded, self.name_placeholder, self.address_placeholder)

    def _base64_token(self, token):
        # Only a token that decodes to text is checked, and counted: ordinary long words
        # ("misrepresentations") almost never do, so they cannot use the budget up.
        decoded = _b64_text(token)
        if not decoded:
            return token
        if not self._spend():
            return ENCODED_WITHHELD     # fail closed: what was not checked does not go out
        return self.address_placeholder if self.found_in(decoded) else token

    def _spend(self):
        # Over the scrubber's life (one message: its HTML is scrubbed node by node).
        self._spent += 1
        return self._spent <= MAX_DECODED_TOKENS + self._seen // CHARACTERS_PER_DECODED_TOKEN

    def _named_by(self, address):
        words = local_part_words(address)
        return any(w in self.name_roots for w in words) and self._could_be_theirs(address)

    def _could_be_theirs(self, address):
        words = local_part_words(address)
        return not words or all(w in self.name_roots or len(w) <= 2 for w in words)

    def _names(self, text, placeholder):
        # Someone else's address stays whole ("dohyun.kim@" when the reporter is a Kim); an
        # address made only of the reporter's names and initials is theirs, and is scrubbed.
        # (No "@", no address: the scan alone was a fifth of the scrubbing of a 3 KB report.)
        others = [m.span() for m in _OTHER_ADDRESS.finditer(text) if not self._could_be_theirs(m.group(0))] \
            if "@" in text else []
        pieces, last = [], 0
        for start, end in self._name_spans(text, others):
            if start >= last:
                pieces.append(text[last:start])
                pieces.append(placeholder)
                last = end
        return "".join(pieces) + text[last:] if pieces else text

    def _name_spans(self, text, others):
        """(start, end) in `text` of each name form found, outside the `others` spans, and not
        an ordinary word ("hope", "миру": scrub_patterns.word_not_name)."""
        if self.names_regex is None:
            return
        folded, origin = fold_with_map(text)
        for match in self.names_regex.finditer(folded):
            if match.end() == match.start():
                continue
            start, end = (origin[match.start()], origin[match.end() - 1] + 1) if origin else match.span()
            if any(s <= start < e for s, e in others) or word_not_name(text, start, end, self.case_forms):
                continue
            while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Mc", "Me"):
                end += 1           # vowel signs and accents folding dropped belong to the name
            yield start, end


def _b64_text(token):
    """The text a base64 token (either alphabet) encodes, or "" if it encodes no text."""
    data = token.rstrip("=")
    if len(data) % 4 == 1:
        return ""
    try:
        text = binascii.a2b_base64(data.translate(_URL_SAFE) + "=" * (-len(data) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""
    return text if text.isprintable() else ""


def _placeholders_pattern(*placeholders):
    """Every text the scrubber puts in, as written in plain text and escaped in HTML."""
    forms = set()
    for text in (*placeholders, PGP_REMOVED, ENCODED_WITHHELD):
        if text:
            forms |= {text, html.escape(text), html.escape(text, quote=False), text.replace("'", "&#39;")}
    return re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))


_PLAIN_REFERENCE = re.compile(r"&#(?:x([0-9a-fA-F]+)|([0-9]+));")


def _decode_reference(match):
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    char = chr(code) if code < 0x110000 else ""
    return char if char.isalnum() or char in "@._+-" else match.group(0)
