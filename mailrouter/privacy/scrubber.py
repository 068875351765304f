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

from mailrouter.privacy.names import fold_with_map, handles, is_name_like, local_part_words, name_words
from mailrouter.privacy.signature import SIGNATURE_REMOVED, remove_signature
from mailrouter.quoting import split_own_text

ADDRESS_PLACEHOLDER = "[reporter's address]"
NAME_PLACEHOLDER = "[reporter]"
GENERIC_LOCAL_PARTS = {"info", "contact", "hello", "mail", "me", "admin", "office", "team",
                       "support", "reporter", "user", "home", "work", "private", "post", "noreply"}
INLINE_PGP = re.compile(r"-----BEGIN PGP (SIGNATURE|PUBLIC KEY BLOCK)-----.*?-----END PGP \1-----", re.DOTALL)
_AT = r"(?:@|＠|&#0*64;|&#x0*40;|%40|\s*[\[({]\s*(?:at|ät)\s*[\])}]\s*|\s+(?:at|ät|arroba|chez|bei)\s+)"
_DOT = r"(?:\.|%2e|\s*[\[({]\s*(?:dot|punkt|point|punto|ponto|kropka)\s*[\])}]\s*|\s+(?:dot|punkt|point|punto|ponto|kropka)\s+)"
_PERCENT_TOKEN = re.compile(r"[^\s<>\"']*%[0-9A-Fa-f]{2}[^\s<>\"']*")
_BASE64_TOKEN = re.compile(r"[A-Za-z0-9+/_-]{12,}={0,2}")
MAX_DECODED_TOKENS = 2000


class Scrubber:
    """Replaces the protected people's identity in text and HTML source."""

    def __init__(self, identity, name_placeholder=NAME_PLACEHOLDER, address_placeholder=ADDRESS_PLACEHOLDER,
                 signature_placeholder=SIGNATURE_REMOVED):
        self.name_placeholder, self.address_placeholder = name_placeholder, address_placeholder
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
                self.address_patterns.append(re.compile(r"\+?" + r"[\s().-]*".join(digits)))
        names = [identity.display_name, *getattr(identity, "names", ())]
        names += [name for name, _ in getattr(identity, "people", ())]
        names = [" ".join(n.split()) for n in names if n and "@" not in n]
        parts, forms = set(), set()
        for name in names:
            words = name_words(name)
            if words:
                self.name_patterns.append(_word_pattern(r"\W+".join(map(re.escape, words))))
            parts.update(words)
            forms.update(handles(name))
        for address in addresses:
            words = local_part_words(address)
            parts.update(words)
            if len(words) >= 2:
                forms.update(handles(" ".join(words)))
        self.name_roots = {p for p in parts if is_name_like(p)}
        for form in sorted(forms, key=len, reverse=True):
            self.name_patterns.append(re.compile(rf"(?<![a-z0-9])@?{re.escape(form)}\d{{0,4}}(?![a-z0-9])"))
        for part in sorted(self.name_roots, key=len, reverse=True):
            self.name_patterns.append(_word_pattern(re.escape(part)))
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
        return bool(self.names_regex and self.names_regex.search(_folded(text)[0]))

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
        text = self._encoded(text)
        for pattern in self.address_patterns:
            text = pattern.sub(address_placeholder, text)
        return self._names(text, name_placeholder)

    def _encoded(self, text):
        """Identity hidden in percent-encoding or base64 is replaced, decoded."""
        if "%" in text:
            text = _PERCENT_TOKEN.sub(lambda m: self._decoded_token(m.group(0), unquote(m.group(0))), text)
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

    def _names(self, text, placeholder):
        if self.names_regex is None:
            return text
        folded, origin = _folded(text)
        pieces, last = [], 0
        for match in self.names_regex.finditer(folded):
            if match.end() == match.start():
                continue
            start, end = (origin[match.start()], origin[match.end() - 1] + 1) if origin else match.span()
            while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Mc", "Me"):
                end += 1           # vowel signs and accents folding dropped belong to the name
            if start >= last:
                pieces.append(text[last:start])
                pieces.append(placeholder)
                last = end
        return "".join(pieces) + text[last:] if pieces else text


def _folded(text):
    """(folded text, map to original indexes); ASCII folds in place, so no map is built."""
    if text.isascii():
        return text.lower(), None
    return fold_with_map(text)


def _address_patterns(address):
    local, _, domain = address.rpartition("@")
    base = local.split("+", 1)[0]
    spelt_local = _DOT.join(re.escape(p) for p in base.split("."))
    spelt_domain = _DOT.join(re.escape(p) for p in domain.split("."))
    patterns = [re.compile(rf"(?<![\w.+-]){spelt_local}(?:\+[\w.-]*)?{_AT}{spelt_domain}(?![\w-])", re.IGNORECASE)]
    if len(base) >= 4 and base.lower() not in GENERIC_LOCAL_PARTS:
        patterns.append(re.compile(rf"(?<![\w.+-]){re.escape(base)}(?![\w-]|\.\w)", re.IGNORECASE))
    return patterns


def _word_pattern(body):
    """Whole words in Latin script; scripts without spaces (CJK) match anywhere."""
    return re.compile(rf"(?<!\w){body}(?!\w)" if body[:1].isascii() else body)


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
