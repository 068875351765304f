"""Time, injected: the daemon reads a Clock, tests and `tick --at` pass a fixed one."""

from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self):
        return datetime.now(timezone.utc)


class FixedClock:
    """A clock that moves only when told to (tests, previews)."""

    def __init__(self, at):
        self.at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)

    def now(self):
        return self.at

    def advance(self, **delta):
        self.at += timedelta(**delta)
        return self.at


def iso(moment):
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")
