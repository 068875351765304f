"""The reporter identity store: who reported which case, kept apart from the cases.

This module is the only reader of reporter identities. Templates and stages that build
member-bound mail receive case views without these fields (STYLE 7).
"""

import json
from dataclasses import asdict, dataclass, field

from mailrouter.codenames import slug
from mailrouter.durable import atomic_write, ensure_dir


@dataclass(frozen=True)
class Identity:
    """A reporter: every address they wrote from, their display name, original headers."""

    addresses: tuple
    display_name: str = ""
    headers: tuple = field(default=(), repr=False)   # original header blocks, one per message
    share: bool = False                                 # the reporter asked to be known

    def with_message(self, address, display_name, header_block):
        addresses = self.addresses + tuple(a for a in [address] if a and a.lower() not in
                                           {x.lower() for x in self.addresses})
        return Identity(addresses, self.display_name or display_name,
                        self.headers + (header_block,), self.share)


class IdentityStore:
    def __init__(self, root):
        self.root = ensure_dir(root)

    def put(self, code, identity):
        data = asdict(identity)
        atomic_write(self._path(code), json.dumps(data).encode("utf-8"))

    def get(self, code):
        try:
            data = json.loads(self._path(code).read_bytes())
        except FileNotFoundError:
            return None
        return Identity(tuple(data["addresses"]), data.get("display_name", ""),
                        tuple(data.get("headers", ())), data.get("share", False))

    def _path(self, code):
        return self.root / f"{slug(code)}.json"
