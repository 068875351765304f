"""The reporter identity store: who reported which case, kept apart and encrypted.

Each case's identity is one file under `identities/`, encrypted with Fernet (AES-128-CBC
and HMAC-SHA256, from the `cryptography` package) under a key of its own, kept in
`case-keys/<slug>.key` wrapped (encrypted) with the store's key in `identity.key`, which
`serve` creates on first start. Without `identity.key`, the state directory does not say
which address reported which case; without a case's own key, nothing says who reported
that case: deleting it at the end of retention (`shred`) is crypto-shredding, and the
sealed attachment originals, encrypted under the same key, go with it.

Cases filed before per-case keys (no `case-keys/` file) stay sealed with `identity.key`
itself; `shred` deletes their files, which is all that can be done for them.

This module is the only reader of reporter identities. Stages that build member-bound
mail receive case views without these fields (STYLE 7).
"""

import json
from dataclasses import asdict, dataclass, field

from cryptography.fernet import Fernet, InvalidToken

from mailrouter.cases.codenames import slug
from mailrouter.mail.addresses import deliverable
from mailrouter.durable import atomic_write, create_exclusive, ensure_dir, flush_at_commit, in_group_commit, \
    sync_dir_soon
from mailrouter.errors import MailrouterError


CACHED_KEYS = 256


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
    def __init__(self, root, key, keys_root=None):
        self.root = ensure_dir(root)
        self.keys = ensure_dir(keys_root or self.root.parent / "case-keys")
        self.fernet = Fernet(key)
        self._case_keys = {}          # code -> Fernet of the case's own key
        self._pending = {}            # code -> its JSON, written at the end of the group commit
        self._with_sealed = None      # slugs with sealed files, listed once when first asked (_legacy)

    def case_fernet(self, code, create=False):
        """The case's own key (made on first use when `create`), the store's key for a case
        filed before per-case keys, or None: nothing was filed, or it was shredded."""
        if code in self._case_keys:
            return self._case_keys[code]
        path = self.keys / f"{slug(code)}.key"
        try:
            found = Fernet(self._open(path.read_bytes()))
        except FileNotFoundError:
            found = self.fernet if self._legacy(code) else None
            if found is None and create:
                key = Fernet.generate_key()
                if not create_exclusive(path, self.fernet.encrypt(key)):
                    return self.case_fernet(code)
                found = Fernet(key)
        if found is not None:
            if len(self._case_keys) >= CACHED_KEYS:     # bounded, whatever the number of cases
                self._case_keys.clear()
            self._case_keys[code] = found
        return found

    def shred(self, code):
        """Destroy who reported `code`: the sealed files, then the key that opens them (a
        crash between leaves a key with nothing to open, never files that look like a case
        sealed before per-case keys). Returns the number of files removed."""
        self._case_keys.pop(code, None)
        # Filed in this group commit and not yet written (an anonymous report): never written.
        self._pending.pop(code, None)
        if self._with_sealed is not None:
            self._with_sealed.discard(slug(code))
        removed = 0
        for path in [self._path(code), *self.root.glob(f"{slug(code)}.*.bin"), self.keys / f"{slug(code)}.key"]:
            if path.exists():
                path.unlink()
                removed += 1
        sync_dir_soon(self.keys)
        sync_dir_soon(self.root)
        return removed

    def put(self, code, identity):
        if in_group_commit():
            # A report's identity is filed by open_case and changed by acknowledge (its
            # thread): written once, at the commit. `earliest`: before the mail and the case
            # records, as when it was written at once; else a crash between them could
            # leave a case marked processed without its reporter, or the ack's id unthreaded.
            # Held as its JSON and as read back from it (tuples, known fields; immutable):
            # the stages ask for it ~5 times per report, each parse cost more than the write.
            data = json.dumps(asdict(identity)).encode("utf-8")
            self._pending[code] = (data, _identity(data))
            flush_at_commit(("identities", id(self)), self._flush, earliest=True)
            return
        self._write(code, identity)

    def _flush(self):
        pending, self._pending = self._pending, {}
        for code, (data, _) in pending.items():
            atomic_write(self._path(code), self.case_fernet(code, create=True).encrypt(data))

    def _write(self, code, identity):
        data = json.dumps(asdict(identity)).encode("utf-8")
        atomic_write(self._path(code), self.case_fernet(code, create=True).encrypt(data))

    def get(self, code):
        if code in self._pending:
            return self._pending[code][1]
        try:
            token = self._path(code).read_bytes()
        except FileNotFoundError:
            return None
        fernet = self.case_fernet(code)
        if fernet is None:
            raise IdentityKeyError(f"the key of case {code!r} is missing: its identity cannot be read")
        return _identity(self._open(token, fernet))

    def put_sealed(self, code, name, data):
        """Keep bytes (an original attachment, held mail) encrypted beside the identity."""
        atomic_write(self.root / f"{slug(code)}.{name}.bin", self.case_fernet(code, create=True).encrypt(data))
        if self._with_sealed is not None:
            self._with_sealed.add(slug(code))

    def sealed(self, code, name):
        try:
            token = (self.root / f"{slug(code)}.{name}.bin").read_bytes()
        except FileNotFoundError:
            return None
        fernet = self.case_fernet(code)
        return None if fernet is None else self._open(token, fernet)

    def _open(self, token, fernet=None):
        try:
            return (fernet or self.fernet).decrypt(token)
        except InvalidToken:
            raise IdentityKeyError("the identity key does not open this store")

    def _legacy(self, code):
        """Filed before per-case keys: sealed files, but no key of its own.

        Asked for every new case: a glob for its sealed files would read the whole folder,
        one file per case ever filed (100,000 cases: tenths of a second per report), so the
        folder is listed once and the list kept up to date here."""
        if self._path(code).exists():
            return True
        name = slug(code)
        if "." in name:                 # not a code name's slug: look the slow, sure way
            return any(self.root.glob(f"{name}.*.bin"))
        if self._with_sealed is None:
            self._with_sealed = {f.name.partition(".")[0] for f in self.root.iterdir()
                                 if f.name.endswith(".bin") and f.name.count(".") >= 2}
        return name in self._with_sealed

    def _path(self, code):
        return self.root / f"{slug(code)}.bin"


def _identity(data):
    """An Identity from its stored JSON."""
    data = json.loads(data)
    return Identity(**{k: (tuple(_tuples(v)) if isinstance(v, list) else v) for k, v in data.items()
                       if k in Identity.__dataclass_fields__})


def _tuples(value):
    return [tuple(_tuples(v)) if isinstance(v, list) else v for v in value]
