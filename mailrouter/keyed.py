"""Keyed hashing (HMAC-SHA256), one way for every use: derived keys, tokens, tags, digests.

A message is its parts joined by NUL, each a str (UTF-8) or bytes, which is how every
caller already framed its data: the digests stored and sent (reply tokens, return paths,
Message-IDs, outbox entry ids, throttle and acknowledgement keys) stay byte-identical
(tests/test_keyed.py pins them). A purpose keeps its digests apart from every other's by
a key of its own (`purpose_key`), or by naming itself in the first part.
"""

import hmac


def keyed_digest(key, *parts):
    """HMAC-SHA256 under `key` of the parts joined by NUL (32 bytes)."""
    data = b"\0".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in parts)
    # hmac.new, not the one-shot hmac.digest: see tests/test_architecture.py (the GIL).
    return hmac.new(key, data, "sha256").digest()


def purpose_key(secret, purpose):
    """A key for one purpose, derived from the state secret: a digest made under it never
    verifies as another purpose's."""
    return keyed_digest(secret, purpose.encode("ascii"))

