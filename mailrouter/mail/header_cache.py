"""Headers made and read at less cost, with the email package's own results.

The worker reads the same few headers of a message again and again (From, To, Subject,
Message-ID: classify, identify, throttle, acknowledge) and the email package parses the
raw value on every read; it also makes a new header class with `type()` for every header
set or read, and folds every header again when a message is written out. Together a
large share of a report's CPU in the worker (issue 11). Here each class is made once per
kind; a short header value read from a parsed message, or set on a composed one, is
parsed once while it is among the last few; and a header object written out by the same
policy is folded once (most of ours are the same in every message: From, Auto-Submitted,
the loop marker, MIME-Version, Content-Type). None of it changes a byte read or written.
"""

import threading
from collections import OrderedDict
from email.headerregistry import HeaderRegistry
from email.policy import EmailPolicy
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


class _Composing(EmailPolicy):
    """email.policy.SMTP, for composing: a short text value set as a header is parsed into
    its header object once while among the last few set, and the same object reused (so
    writing it out can reuse its folding too: `folded`)."""

    def header_store_parse(self, name, value):
        if type(value) is not str or len(value) > CACHED_HEADER:
            return super().header_store_parse(name, value)
        return _stored(self, name, value)


FAST_SMTP = _Composing(linesep="\r\n", header_factory=REGISTRY)   # email.policy.SMTP's settings


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


@lru_cache(maxsize=256)
def _stored(policy, name, value):
    return EmailPolicy.header_store_parse(policy, name, value)


_FOLDED = OrderedDict()              # (policy, name, header) ids -> (policy, header, bytes)
_FOLDED_LOCK = threading.Lock()      # the worker, the courier and the intake may all write mail
FOLDED_KEPT = 256


def folded(policy, name, header, fold):
    """`fold(name, header)`, the header's bytes as `policy` writes it, computed once while
    among the last few. Keyed by identity, and the objects are kept with the result, so an
    id is never reused while its entry lives; a header object never changes once made."""
    key = (id(policy), name, id(header))
    with _FOLDED_LOCK:
        hit = _FOLDED.get(key)
    if hit is not None and hit[0] is policy and hit[1] is header:
        return hit[2]
    result = fold(name, header)
    with _FOLDED_LOCK:
        _FOLDED[key] = (policy, header, result)
        if len(_FOLDED) > FOLDED_KEPT:
            _FOLDED.popitem(last=False)
    return result
