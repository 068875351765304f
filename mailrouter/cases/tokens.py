"""Case reply addresses: `conduct+TOKEN@example.org`, one secret per (case, participant).

A1: the token is 160 bits of HMAC-SHA256 under the state directory's secret key, derived
from (case, participant). Deriving rather than drawing means later mail for the same
participant can print the same reply address, and a re-run stage issues the same token.
Only the token's SHA-256 is stored, so the case store alone cannot forge a reply address.
"""

import base64
import hashlib
import re

from mailrouter.keyed import keyed_digest

TOKEN_BYTES = 20                      # 160 bits, written as 32 base32 characters
_TOKEN_RE = re.compile(r"^[a-z2-7]{32}$")
_RETURN_RE = re.compile(r"^b-[a-z2-7]{39}$")        # the shape only; the signature is checked apart


def derive_token(secret, code, participant):
    mac = keyed_digest(secret, "reply", code, participant)
    return base64.b32encode(mac[:TOKEN_BYTES]).decode().lower().rstrip("=")


def digest(token):
    return hashlib.sha256(token.lower().encode()).hexdigest()


class ReplyAddresses:
    """Formats and recognises the reply addresses under one alias."""

    def __init__(self, alias):
        self.local, self.domain = alias.rsplit("@", 1)
        self.alias = alias.lower()

    def format(self, token):
        return f"{self.local}+{token}@{self.domain}"

    def token_of(self, address):
        """The token of a reply address under our alias, or None."""
        local, _, domain = (address or "").rpartition("@")
        if domain.lower() != self.domain.lower():
            return None
        base, plus, token = local.partition("+")
        if not plus or base.lower() != self.local.lower():
            return None
        token = token.lower()
        return token if _TOKEN_RE.match(token) else None

    def return_token_of(self, address):
        """`b-…` of a signed return path under our alias (cases/return_paths.py), or None."""
        local, _, domain = (address or "").rpartition("@")
        base, plus, token = local.partition("+")
        if domain.lower() != self.domain.lower() or not plus or base.lower() != self.local.lower():
            return None
        token = token.lower()
        return token if _RETURN_RE.match(token) else None

    def is_alias(self, address):
        return (address or "").lower() == self.alias
