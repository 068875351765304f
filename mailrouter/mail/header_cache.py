"""Headers made and read at less cost, with the email package's own results.

The worker reads the same few headers of a message again and again (From, To, Subject,
Message-ID: classify, identify, throttle, acknowledge) and the email package parses the
raw value on every read; it also makes a new header class with `type()` for every header
set or read. Both were a large share of a report's CPU in the worker (issue 11). Here
each class is made once per kind, and a short header value read from a parsed message is
parsed once. Neither changes a byte of what is read or written.
"""

from email.headerregistry import HeaderRegistry
from email.policy import SMTP, EmailPolicy
from functools import lru_cache

CACHED_HEADER = 2048                 # header values up to this length are parsed once


class _Registry(HeaderRegistry):
    """The stdlib's header factory, with each header class made once rather than per header.
    The classes have the same bases and name, so headers behave and print the same."""

    def __init__(self):
        super().__init__()
        self._classes = {}

    def __getitem__(self, name):
        kind = self.registry.get(name.lower(), self.default_class)    # a few kinds, whatever the names
        made = self._classes.get(kind)
        if made is None:
            made = self._classes[kind] = super().__getitem__(name)
        return made

    def __reduce__(self):
        # A policy travels pickled with a parsed message (the reading process's answer);
        # the classes made here are not importable by name, so they are made again there.
        return (_Registry, ())


REGISTRY = _Registry()
FAST_SMTP = SMTP.clone(header_factory=REGISTRY)        # email.policy.SMTP, its classes made once


def fetched(policy, name, value):
    """EmailPolicy.header_fetch_parse: what `msg[name]` returns for a raw `value`, parsed
    once while it is among the last few read. Header objects are not changed once made,
    so one can be handed out many times; only short values are kept, so the cache stays
    small in memory whatever the mail (a header field may be 32 KB, mail/limits.py)."""
    if type(value) is not str or len(value) > CACHED_HEADER:      # only plain text is a key
        return EmailPolicy.header_fetch_parse(policy, name, value)
    return _parsed(policy, name, value)


@lru_cache(maxsize=128)
def _parsed(policy, name, value):
    return EmailPolicy.header_fetch_parse(policy, name, value)
