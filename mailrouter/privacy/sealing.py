"""Records at rest that could link the reporter to a case, kept encrypted (P10).

Mail for the reporter waits in the outbox with their address; a failed acknowledgement
stays in `outbox/failed`; held automatic mail can be the reporter's own. Each is sealed
with the identity key, so the state directory without the key does not say who reported
what. A sealed entry directory keeps the durability of EntryDir (one fsynced file per
entry, checksummed): only its payload and the envelope fields that name a person are
ciphertext.

Payloads are sealed with AES-256-GCM under a key derived from the identity key (HKDF):
every report's mail passes through the outbox journal, and Fernet (AES-CBC, HMAC-SHA256,
then base64 of it all) cost the worker ten times as much per report. Random 96-bit nonces
are safe for far more records than a committee will ever seal under one key (2^32).
Fernet tokens written before still open; envelope fields stay Fernet text.
"""

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mailrouter.entry_dir import EntryDir
from mailrouter.errors import SpoolError

SEALED_FIELDS = ("sender", "recipient", "last_error", "envelope")   # envelope: held mail's, as JSON
PREFIX = "sealed:"
GCM = b"\x00mr-gcm1"              # never the start of a Fernet token (base64 text: "gAAAAA")
NONCE_BYTES = 12


class Sealer:
    def __init__(self, key):
        self.fernet = Fernet(key)
        self.aead = AESGCM(HKDF(hashes.SHA256(), 32, salt=None, info=b"mailrouter sealed payloads")
                           .derive(base64.urlsafe_b64decode(key)))

    def seal(self, data):
        nonce = os.urandom(NONCE_BYTES)
        return GCM + nonce + self.aead.encrypt(nonce, bytes(data), GCM)

    def open(self, token):
        try:
            if token.startswith(GCM):
                nonce = token[len(GCM):len(GCM) + NONCE_BYTES]
                return self.aead.decrypt(nonce, token[len(GCM) + NONCE_BYTES:], GCM)
            return self.fernet.decrypt(token)
        except (InvalidToken, InvalidTag, ValueError):
            raise SpoolError("a sealed record does not open with this identity key")

    def seal_text(self, text):
        return PREFIX + self.fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def open_text(self, value):
        if not isinstance(value, str) or not value.startswith(PREFIX):
            return value
        return self.open(value[len(PREFIX):].encode("ascii")).decode("utf-8")


class SealedEntryDir(EntryDir):
    """An EntryDir whose payloads and person-naming envelope fields are encrypted."""

    def __init__(self, root, sealer):
        super().__init__(root)
        self.sealer = sealer

    def put(self, payload, meta, entry_id=None, exclusive=False, durable=True):
        return super().put(self.sealer.seal(payload), self._sealed(meta), entry_id=entry_id,
                           exclusive=exclusive, durable=durable)

    def payload(self, entry_id):
        return self.sealer.open(super().payload(entry_id))

    def meta(self, entry_id):
        meta = super().meta(entry_id)
        return {k: (self.sealer.open_text(v) if k in SEALED_FIELDS else v) for k, v in meta.items()}

    def schedule(self, entry_id):
        """The entry's envelope with its person-naming fields left sealed: for what needs
        only its times and counts (the courier's `due`, on every pass over the queue)."""
        return super().meta(entry_id)

    def update_meta(self, entry_id, **changes):
        super().update_meta(entry_id, **self._sealed(changes))
        return self.meta(entry_id)

    def _sealed(self, meta):
        return {k: (self.sealer.seal_text(v) if k in SEALED_FIELDS and isinstance(v, str) and v else v)
                for k, v in meta.items()}
