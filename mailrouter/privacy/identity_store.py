"""The reporter identity store: who reported which case, kept apart and encrypted.

Each case's identity is one file under `identities/`, encrypted with Fernet (AES-128-CBC
and HMAC-SHA256, from the `cryptography` package) under a key kept in `identity.key`,
which `serve` creates on first start. Without the key, the state directory does not say
which address reported which case.

This module is the only reader of reporter identities. Stages that build member-bound
mail receive case views without these fields (STYLE 7).
"""

import json
from dataclasses import asdict, dataclass, field

from cryptography.fernet import Fernet, InvalidToken

from mailrouter.cases.codenames import slug
from mailrouter.mail.addresses import deliverable
from mailrouter.durable import atomic_write, create_exclusive, ensure_dir, flush_at_commit, in_group_commit
from mailrouter.errors import MailrouterError


class IdentityKeyError(MailrouterError):
    """The identity key is missing or does not open the stored identities."""


@dataclass(frozen=True)
class Identity:
    """Who reported a case: everything that could tell a member who they are.

    `people` are the protected persons, each `[name, [addresses]]`: the author first, then
    anyone whose report an intermediary forwarded. `others` are authors of forwarded
    evidence: their conflicts count, but they are not hidden. `ack_to` is where mail for the
    reporter goes; `thread` the Message-IDs of the reporter's thread (theirs included).
    """

    addresses: tuple
    display_name: str = ""
    headers: tuple = field(default=(), repr=False)   # original header blocks, one per message
    share: bool = False                                 # the reporter agreed to be known
    names: tuple = ()                                   # every name seen for the protected people
    people: tuple = ()
    others: tuple = ()
    ack_to: str = ""
    thread: tuple = ()
    details: tuple = ()                                 # phone numbers seen for the protected people
    found_by: str = ""                                  # how the author was found ("list rewriting", …)

    @property
    def reply_address(self):
        # A malformed address is kept to scrub the report, never written to.
        return self.ack_to or next((a for a in self.addresses if deliverable(a)), "")


def load_or_create_key(path, create):
    """The Fernet key; created (0600) only when `create` (serve's first start)."""
    try:
        return _valid_key(path, path.read_bytes().strip())
    except FileNotFoundError:
        if not create:
            raise IdentityKeyError(f"{path} is missing: start `mailrouter serve` once to create it")
    key = Fernet.generate_key()
    if not create_exclusive(path, key):
        return path.read_bytes().strip()        # another start created it meanwhile
    return key


def _valid_key(path, key):
    try:
        Fernet(key)
    except ValueError:
        raise IdentityKeyError(f"{path} is not a valid key (it should hold 44 characters of base64); "
                               "restore it from your backup: without it nothing sealed can be read")
    return key


class IdentityStore:
    def __init__(self, root, key):
        self.root = ensure_dir(root)
        self.fernet = Fernet(key)
        self._pending = {}          # code -> its JSON, written at the end of the group commit

    def put(self, code, identity):
        if in_group_commit():
            # A report's identity is filed by open_case and changed by acknowledge (its
            # thread): written once, at the commit. `earliest`: before the mail and the case
            # records, as when it was written at once; else a crash between them could
            # leave a case marked processed without its reporter, or the ack's id unthreaded.
            self._pending[code] = json.dumps(asdict(identity)).encode("utf-8")
            flush_at_commit(("identities", id(self)), self._flush, earliest=True)
            return
        self._write(code, identity)

    def _flush(self):
        pending, self._pending = self._pending, {}
        for code, data in pending.items():
            atomic_write(self._path(code), self.fernet.encrypt(data))

    def _write(self, code, identity):
        atomic_write(self._path(code), self.fernet.encrypt(json.dumps(asdict(identity)).encode("utf-8")))

    def get(self, code):
        if code in self._pending:       # read back as from the file: tuples, known fields
            return _identity(self._pending[code])
        try:
            token = self._path(code).read_bytes()
        except FileNotFoundError:
            return None
        try:
            return _identity(self.fernet.decrypt(token))
        except InvalidToken:
            raise IdentityKeyError("the identity key does not open this store")

    def put_sealed(self, code, name, data):
        """Keep bytes (an original attachment, held mail) encrypted beside the identity."""
        atomic_write(self.root / f"{slug(code)}.{name}.bin", self.fernet.encrypt(data))

    def sealed(self, code, name):
        try:
            return self.fernet.decrypt((self.root / f"{slug(code)}.{name}.bin").read_bytes())
        except FileNotFoundError:
            return None
        except InvalidToken:
            raise IdentityKeyError("the identity key does not open this store")

    def _path(self, code):
        return self.root / f"{slug(code)}.bin"


def _identity(data):
    """An Identity from its stored JSON."""
    data = json.loads(data)
    return Identity(**{k: (tuple(_tuples(v)) if isinstance(v, list) else v) for k, v in data.items()
                       if k in Identity.__dataclass_fields__})


def _tuples(value):
    return [tuple(_tuples(v)) if isinstance(v, list) else v for v in value]
