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

from mailrouter.mail.names import (PARTICLES, fold, fold_with_map, handles, is_name_like, local_part_words,
                                      name_variants, name_words, spaceless_script)
from mailrouter.privacy.signature import SIGNATURE_REMOVED, remove_signature
from mailrouter.mail.quoting import split_own_text

ADDRESS_PLACEHOLDER = "[reporter's address]"
NAME_PLACEHOLDER = "[reporter]"
GENERIC_LOCAL_PARTS = {"info", "contact", "hello", "mail", "me", "admin", "office", "team",
                       "support", "reporter", "user", "home", "work", "private", "post", "noreply"}
INLINE_PGP = re.compile(r"-----BEGIN PGP (SIGNATURE|PUBLIC KEY BLOCK)-----.*?-----END PGP \1-----", re.DOTALL)
_AT = r"(?:@|＠|&#0*64;|&#x0*40;|%40|\s*[\[({]\s*(?:at|ät)\s*[\])}]\s*|\s+(?:at|ät|arroba|chez|bei)\s+)"
_DOT = r"(?:\.|%2e|\s*[\[({]\s*(?:dot|punkt|point|punto|ponto|kropka)\s*[\])}]\s*|\s+(?:dot|punkt|point|punto|ponto|kropka)\s+)"
TITLES = r"mr|mrs|ms|mx|miss|dr|prof|herr|frau|fr|hr|mme|mlle|m|sr|sra|srta|sig|sig\.ra|pan|pani|dhr|mevr"
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
        addresses = [a for a in identity.addresses if "@" in a]
        for _, emails in getattr(identity, "people", ()):
            addresses += [a for a in emails if "@" in a and a not in addresses]
        for address in addresses:
            self.address_patterns += _address_patterns(address)
        for detail in getattr(identity, "details", ()):
            digits = re.findall(r"\d+", detail)
            if sum(map(len, digits)) >= 6:       # a phone number, however it is spaced
                self.address_patterns.append(re.compile(r"\+?" + r"[\s()./-]*".join(digits)))
        names = [identity.display_name, *getattr(identity, "names", ())]
        names += [name for name, _ in getattr(identity, "people", ())]
        names = [" ".join(n.split()) for n in names if n and "@" not in n]
        names += [v for n in names for v in name_variants(n)]
        parts, forms = set(), set()
        for name in names:
            words = name_words(name)
            if words:
                self.name_patterns.append(_word_pattern(r"\W+".join(map(re.escape, words))))
            parts.update(words)
            forms.update(handles(name))
            if spaceless_script(name) and " " not in name.strip() and len(name.strip()) >= 2:
                parts.add(fold(name.strip()))
        for address in addresses:
            words = local_part_words(address)
            parts.update(words)
            if len(words) >= 2:
                forms.update(handles(" ".join(words)))
        self.name_roots = {p for p in parts if is_name_like(p)}
        for form in sorted(forms, key=len, reverse=True):
            self.name_patterns.append(re.compile(rf"(?<![a-z0-9])@?{re.escape(form)}\d{{0,4}}(?![a-z0-9])"))
        for part in sorted(self.name_roots, key=len, reverse=True):
            # "Ingrids iPhone", "Noa's": a name part with a possessive ending is still the name.
            self.name_patterns.append(_word_pattern(re.escape(part) + (r"(?:['’]?s)?" if part.isascii() else "")))
        short = sorted(p for p in parts if len(p) == 2 and p.isascii() and p not in PARTICLES)
        if short and self.short_names:
            self.name_patterns += [_word_pattern(re.escape(p)) for p in short]
        if short:                   # "Ms. Li": a two-letter name only after a title
            self.name_patterns.append(re.compile(rf"(?<!\w)(?:{TITLES})\.?\s+(?:{'|'.join(short)})(?!\w)"))
        # One pass over the text for every name form: longer forms first, so a full name
        # wins over its parts at the same position.
        self.names_regex = re.compile("|".join(f"(?:{p.pattern})" for p in self.name_patterns)) \
            if self.name_patterns else None

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
        others = [m.span() for m in _OTHER_ADDRESS.finditer(text) if not self._could_be_theirs(m.group(0))]
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
