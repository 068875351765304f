"""Signed return paths (VERP): `conduct+b-<signed id>@example.org`, one per delivery.

Mail to a member carries an envelope sender that names the outbox delivery it belongs
to, so a bounce coming back to it is matched to that delivery. The signed id holds:

    entry (6 bytes)  the start of the outbox entry id (itself keyed, so no address in it)
    rcpt  (4 bytes)  HMAC(entry, recipient): which address, tested against the committee
    case  (4 bytes)  HMAC(entry, case code): which case ("" for mail about no case)
    mac  (10 bytes)  HMAC over the three: nobody without the state secret can make one

written as 39 characters of lowercase base32 (so a relay that folds case breaks nothing).
The tags are bound to the entry, so two deliveries to the same member cannot be linked,
and neither the member's address nor the case can be read from the id.
"""

import base64
import hmac
import re
from dataclasses import dataclass

from mailrouter.keyed import keyed_digest, purpose_key

PREFIX = "b-"
_ID_RE = re.compile(r"^[a-z2-7]{39}$")
ENTRY, TAG, MAC = 6, 4, 10


@dataclass(frozen=True)
class Signed:
    """A verified return path: which delivery; the address and case are found by testing."""

    entry: str          # hex prefix of the outbox entry id
    rcpt_tag: bytes
    case_tag: bytes


def is_return_token(token):
    return (token or "").startswith(PREFIX)


class ReturnPaths:
    def __init__(self, secret, replies):
        self.key = purpose_key(secret, "return-path")
        self.replies = replies

    def _mac(self, label, *parts):
        return keyed_digest(self.key, label, *parts)

    def address(self, entry_id, recipient, code=None):
        """The envelope sender for delivering outbox entry `entry_id` to `recipient`."""
        entry = bytes.fromhex(entry_id[:2 * ENTRY])
        body = entry + self._rcpt_tag(entry, recipient) + self._case_tag(entry, code)
        signed = body + self._mac("sig", body)[:MAC]
        text = base64.b32encode(signed).decode().lower().rstrip("=")
        return self.replies.format(PREFIX + text)

    def verify(self, token):
        """The Signed delivery behind a `b-…` token, or None if it is not one of ours."""
        text = (token or "").lower()
        if not text.startswith(PREFIX) or not _ID_RE.match(text[len(PREFIX):]):
            return None
        raw = base64.b32decode(text[len(PREFIX):].upper() + "=")
        if base64.b32encode(raw).decode().lower().rstrip("=") != text[len(PREFIX):]:
            return None          # the last character's unused bits: only the one spelling we write
        body, mac = raw[:-MAC], raw[-MAC:]
        if not hmac.compare_digest(self._mac("sig", body)[:MAC], mac):
            return None
        return Signed(body[:ENTRY].hex(), body[ENTRY:ENTRY + TAG], body[ENTRY + TAG:])

    def recipient_in(self, signed, addresses):
        """Which of `addresses` the delivery went to, or None."""
        entry = bytes.fromhex(signed.entry)
        return next((a for a in addresses if hmac.compare_digest(self._rcpt_tag(entry, a), signed.rcpt_tag)), None)

    def case_in(self, signed, codes):
        """Which of `codes` the delivery was about; None when about no case (or unknown)."""
        entry = bytes.fromhex(signed.entry)
        return next((c for c in codes if hmac.compare_digest(self._case_tag(entry, c), signed.case_tag)), None)

    def _rcpt_tag(self, entry, recipient):
        return self._mac("rcpt", entry, recipient.lower())[:TAG]

    def _case_tag(self, entry, code):
        return self._mac("case", entry, code or "")[:TAG]
