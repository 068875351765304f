"""The one door to who reported (STYLE 7; issue: identity behind one door).

Only this module reads the identity store. Everything else asks it a narrow question:
which people count as parties (for eligibility), a scrubber for the case, where mail for
the reporter goes and in which thread, whether the reporter agreed to be known. Code that
builds member-bound mail never holds the reporter's address or name: the forward gets
`shared_view()`, which is None unless the reporter asked to share or a chair revealed.
A test fails if any other module touches the identity store.
"""

import dataclasses
import json
from dataclasses import dataclass

from mailrouter.settings.committee import Person
from mailrouter.privacy.scrubber import Scrubber

THREAD_KEEP = 20


@dataclass(frozen=True)
class SharedReporter:
    """The reporter as members may see them, once shared."""

    name: str
    address: str


@dataclass(frozen=True)
class Envelope:
    """Where mail for the reporter goes, and the thread it continues."""

    address: str
    name: str
    thread: tuple


def _merged(known, seen):
    keys = {json.dumps(k, default=list).lower() for k in known}
    return tuple(known) + tuple(s for s in seen if json.dumps(s, default=list).lower() not in keys)


def identity_parties(identity):
    """The parties an identity makes: protected people, authors of forwarded evidence, and
    every other name seen for them (conflicts are matched by name as well as address)."""
    if identity is None:
        return []
    people = [Person(name or "", tuple(emails)) for name, emails in identity.people] or \
        [Person(identity.display_name or "", tuple(identity.addresses))]
    people += [Person(name or "", tuple(emails)) for name, emails in identity.others]
    extra_names = [n for n in identity.names if n not in {p.name for p in people}]
    return people + [Person(n, ()) for n in extra_names]


class Reporters:
    def __init__(self, store):
        self._store = store

    # -- filing -------------------------------------------------------------------------
    def file(self, code, identity):
        """Keep the identity of a new case (once; a re-run keeps the first)."""
        if self._store.get(code) is None:
            self._store.put(code, identity)

    def known(self, code):
        return self._store.get(code) is not None

    # -- questions ------------------------------------------------------------------------
    def parties(self, code):
        """The protected people and the authors of forwarded evidence, as Persons."""
        return identity_parties(self._store.get(code))

    def scrubber(self, code, **placeholders):
        return Scrubber(self._store.get(code), **placeholders)

    def outsider_scrubber(self, code, **placeholders):
        """For text leaving the committee (moderators): the identity is removed even when
        the reporter agreed to be known to the committee, or a chair revealed them."""
        identity = self._store.get(code)
        return Scrubber(identity and dataclasses.replace(identity, share=False), **placeholders)

    def senders(self, code):
        """Addresses the reporter may write from into their thread."""
        identity = self._store.get(code)
        return tuple(identity.addresses) if identity else ()

    def wrote_from(self, code, address):
        """Yes or no: did the reporter write from `address`? (The reported person's address
        is checked against it, and must never learn the answer.)"""
        return (address or "").strip().lower() in {a.lower() for a in self.senders(code)}

    def envelope(self, code):
        identity = self._store.get(code)
        if identity is None or not identity.reply_address:
            return None
        return Envelope(identity.reply_address, identity.display_name, tuple(identity.thread))

    def shared_view(self, code):
        identity = self._store.get(code)
        if identity is None or not identity.share:
            return None
        return SharedReporter(identity.display_name, identity.reply_address)

    # -- changes ----------------------------------------------------------------------------
    def record_thread(self, code, message_ids):
        identity = self._store.get(code)
        thread = tuple(message_ids)[-THREAD_KEEP:]
        if identity is not None and thread != identity.thread:
            self._store.put(code, dataclasses.replace(identity, thread=thread))

    def learn(self, code, seen):
        """Add what a later message of the reporter shows of them (a display name the first
        report lacked, a phone number, a person they forward for) before it is scrubbed."""
        identity = self._store.get(code)
        if identity is None or seen is None:
            return
        merged = dataclasses.replace(
            identity, addresses=_merged(identity.addresses, seen.addresses), names=_merged(identity.names, seen.names),
            people=_merged(identity.people, seen.people), others=_merged(identity.others, seen.others),
            details=_merged(identity.details, seen.details),
            display_name=identity.display_name or seen.display_name)
        if merged != identity:
            self._store.put(code, merged)

    def reveal(self, code):
        """A chair's decision: from now on members may know the reporter. Returns the view."""
        identity = self._store.get(code)
        if not identity.share:
            self._store.put(code, dataclasses.replace(identity, share=True))
        return SharedReporter(identity.display_name, identity.reply_address)

    def forget(self, code):
        """The end of retention: the case's key is deleted, and with it who reported and the
        sealed originals (crypto-shredding). Returns the number of files removed."""
        return self._store.shred(code)

    def seal(self, code, name, data):
        """Keep bytes that could identify the reporter (an original attachment) encrypted."""
        self._store.put_sealed(code, name, data)

    def unseal(self, code, name):
        return self._store.sealed(code, name)

    def seal_record(self, code, name, record):
        self.seal(code, name, json.dumps(record).encode("utf-8"))

    def sealed_record(self, code, name):
        data = self.unseal(code, name)
        return json.loads(data) if data else None
