"""The reporter identity store: who reported which case, kept apart and encrypted.

Each case's identity is one file under `identities/`, encrypted with Fernet (AES-128-CBC
and HMAC-SHA256, from the `cryptography` package) under a key kept in `identity.key`,
which `serve` creates on first start. Without the key, the state directory does not say
which address reported which case.

This module is the only reader of reporter identities. Stages that build member-bound
mail receive case views without these fields (STYLE 7).
"""

import json
import os
from dataclasses import asdict, dataclass, field

from cryptography.fernet import Fernet, InvalidToken

from mailrouter.codenames import slug
from mailrouter.durable import atomic_write, ensure_dir
from mailrouter.errors import MailrouterError


class IdentityKeyError(MailrouterError):
    """The identity key is missing or does not open the stored identities."""


@dataclass(frozen=True)
class Identity:
    """A reporter: every address they wrote from, their display name, original headers."""

    addresses: tuple
    display_name: str = ""
    headers: tuple = field(default=(), repr=False)   # original header blocks, one per message
    share: bool = False                                 # the reporter agreed to be known

    def with_message(self, address, display_name, header_block):
        known = {a.lower() for a in self.addresses}
        addresses = self.addresses + tuple(a for a in [address] if a and a.lower() not in known)
        return Identity(addresses, self.display_name or display_name,
                        self.headers + (header_block,), self.share)


def load_or_create_key(path, create):
    """The Fernet key; created (0600) only when `create` (serve's first start)."""
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        if not create:
            raise IdentityKeyError(f"{path} is missing: start `mailrouter serve` once to create it")
    key = Fernet.generate_key()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


class IdentityStore:
    def __init__(self, root, key):
        self.root = ensure_dir(root)
        self.fernet = Fernet(key)

    def put(self, code, identity):
        data = json.dumps(asdict(identity)).encode("utf-8")
        atomic_write(self._path(code), self.fernet.encrypt(data))

    def get(self, code):
        try:
            token = self._path(code).read_bytes()
        except FileNotFoundError:
            return None
        try:
            data = json.loads(self.fernet.decrypt(token))
        except InvalidToken:
            raise IdentityKeyError("the identity key does not open this store")
        return Identity(tuple(data["addresses"]), data.get("display_name", ""),
                        tuple(data.get("headers", ())), data.get("share", False))

    def _path(self, code):
        return self.root / f"{slug(code)}.bin"
