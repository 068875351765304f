"""Finding and replacing the reporter's identity in text (P3).

`Scrubber(identity)` knows every address and name of the protected people and finds them:
- addresses in any case, with any `+tag`, in `mailto:` links, with the `@` written as an
  HTML reference, `%40`, `[at]`, or spelt out ("noa dot fischer at example dot net");
- a distinctive local part on its own (`nf.1990`), not a generic one (`info`);
- names and name parts (case- and accent-insensitive, whole words; CJK anywhere), and the
  handles built from them (`@noafischer`, `noa_fischer`, `nfischer`, `n.fischer`);
- the same hidden inside percent-encoding (`noa%2Efischer`) and base64 (`?u=bm9h…`);
- the reporter's sign-off and signature block in their own words.
"""

import base64
import binascii
import html
import re
import unicodedata
from urllib.parse import unquote

from mailrouter.mail.names import fold_with_map, local_part_words
from mailrouter.privacy.pattern_start import Starts
from mailrouter.privacy.scrub_patterns import address_patterns, name_patterns, protected_addresses
from mailrouter.privacy.signature import SIGNATURE_REMOVED, remove_signature
from mailrouter.mail.quoting import split_own_text

ADDRESS_PLACEHOLDER = "[reporter's address]"
NAME_PLACEHOLDER = "[reporter]"
INLINE_PGP = re.compile(r"-----BEGIN PGP (SIGNATURE|PUBLIC KEY BLOCK)-----.*?-----END PGP \1-----", re.DOTALL)
# Names that are also everyday words: only capitalised do they stand for the person.
COMMON_WORD_NAMES = {"hope", "rose", "summer", "june", "may", "will", "mark", "bill", "grace", "joy", "faith",
                     "sky", "rain", "dawn", "amber", "ruby", "pearl", "iris", "lily", "daisy", "holly", "ivy",
                     "autumn", "winter", "april", "august", "frank", "rich", "sunny", "honey", "page", "king",
                     "young", "long", "black", "white", "brown", "green", "gray", "grey", "stone", "wood",
                     "hill", "love", "star", "art", "bob", "rob", "sue", "pat", "ray", "don", "dean", "chase"}
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_OTHER_ADDRESS = re.compile(r"[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+")
_TOKEN = re.compile(r"[^\s<>\"']+")           # linear: a token is checked for %XX after it is found
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_BASE64_TOKEN = re.compile(r"[A-Za-z0-9+/_-]{12,}={0,2}")
MAX_DECODED_TOKENS = 2000


class Scrubber:
    """Replaces the protected people's identity in text and HTML source."""

    def __init__(self, identity, name_placeholder=NAME_PLACEHOLDER, address_placeholder=ADDRESS_PLACEHOLDER,
                 signature_placeholder=SIGNATURE_REMOVED, short_names=False):
        self.name_placeholder, self.address_placeholder = name_placeholder, address_placeholder
        self.short_names = short_names      # two-letter names too ("Bo"), for the members' names
        self.signature_placeholder = signature_placeholder
        self.address_patterns, self.name_patterns = [], []
        self.name_roots = set()
        self.enabled = bool(identity) and not identity.share
        if self.enabled:
            self._learn(identity)

    def _learn(self, identity):
        addresses = protected_addresses(identity)
        self.address_patterns = address_patterns(addresses, getattr(identity, "details", ()))
        self.name_roots, self.name_patterns = name_patterns(identity, addresses, self.short_names)
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
        if any(p.search(text) for p in self.address_patterns):
            return True
        return bool(self.names_regex and self.names_regex.search(fold_with_map(text)[0]))

    # -- replacing ------------------------------------------------------------------
    def text(self, text):
        """Plain text (a body, a header value, a filename) without the identity."""
        if not self.enabled or not text:
            return text
        text = INLINE_PGP.sub("[PGP block removed by mailrouter]", text)
        own, rest = split_own_text(text)
        text = remove_signature(own, self.name_roots, self.signature_placeholder) + rest
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
        text = self._encoded(text)
        for pattern in self.address_patterns:
            text = pattern.sub(address_placeholder, text)
        if "@" in text:             # another address made of their names: `b.chen@`, `noa.f@gmail…`
            text = _OTHER_ADDRESS.sub(lambda m: address_placeholder if self._named_by(m.group(0)) else m.group(0), text)
        return self._names(text, name_placeholder)

    def _encoded(self, text):
        """Identity hidden in percent-encoding or base64 is replaced, decoded."""
        if "%" in text:
            text = _TOKEN.sub(lambda m: self._decoded_token(m.group(0), unquote(m.group(0)))
                              if _PERCENT.search(m.group(0)) else m.group(0), text)
        budget = [MAX_DECODED_TOKENS]
        return _BASE64_TOKEN.sub(lambda m: self._base64_token(m.group(0), budget), text)

    def _decoded_token(self, token, decoded):
        if decoded == token or not self.found_in(decoded):
            return token
        return self._plain(decoded, self.name_placeholder, self.address_placeholder)

    def _base64_token(self, token, budget):
        if budget[0] <= 0:
            return token
        budget[0] -= 1
        decoded = _b64_text(token)
        return self.address_placeholder if decoded and self.found_in(decoded) else token

    def _named_by(self, address):
        words = local_part_words(address)
        return any(w in self.name_roots for w in words) and self._could_be_theirs(address)

    def _could_be_theirs(self, address):
        words = local_part_words(address)
        return not words or all(w in self.name_roots or len(w) <= 2 for w in words)

    def _names(self, text, placeholder):
        if self.names_regex is None:
            return text
        folded, origin = fold_with_map(text)
        # Someone else's address stays whole ("dohyun.kim@" when the reporter is a Kim); an
        # address made only of the reporter's names and initials is theirs, and is scrubbed.
        # (No "@", no address: the scan alone was a fifth of the scrubbing of a 3 KB report.)
        others = [m.span() for m in _OTHER_ADDRESS.finditer(text) if not self._could_be_theirs(m.group(0))] \
            if "@" in text else []
        pieces, last = [], 0
        for match in self.names_regex.finditer(folded):
            if match.end() == match.start():
                continue
            start, end = (origin[match.start()], origin[match.end() - 1] + 1) if origin else match.span()
            if any(s <= start < e for s, e in others) or _common_word_in_lower_case(text[start:end]):
                continue
            while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Mc", "Me"):
                end += 1           # vowel signs and accents folding dropped belong to the name
            if start >= last:
                pieces.append(text[last:start])
                pieces.append(placeholder)
                last = end
        return "".join(pieces) + text[last:] if pieces else text


def _common_word_in_lower_case(found):
    """'hope', 'rose', 'bin' in lower case are words, not the reporter Hope or Rose."""
    return found[:1].islower() and found.lower().rstrip("s'’") in COMMON_WORD_NAMES


def _b64_text(token):
    data = token.rstrip("=")
    data += "=" * (-len(data) % 4)
    for decode in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            text = decode(data).decode("utf-8")
        except (binascii.Error, ValueError, UnicodeDecodeError):
            continue
        if text.isprintable():
            return text
    return ""


_PLAIN_REFERENCE = re.compile(r"&#(?:x([0-9a-fA-F]+)|([0-9]+));")


def _decode_reference(match):
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    char = chr(code) if code < 0x110000 else ""
    return char if char.isalnum() or char in "@._+-" else match.group(0)
