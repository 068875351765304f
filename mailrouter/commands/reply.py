"""What every member command works with: the reply being processed, how a command fails,
and `@command`, which gives a handler its name and its line in #help (commands/registry.py
builds the table from the handlers so marked).

A handler takes the Reply and the rest of its line and returns a one-line confirmation,
or raises CommandError with the reason.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from mailrouter.casework.context import Context
from mailrouter.errors import MailrouterError
from mailrouter.settings.committee import Member


class CommandError(MailrouterError):
    pass


@dataclass
class Reply:
    """One member's reply being processed."""

    ctx: Context
    code: str
    member: Member
    text: str = ""                 # the words below the commands
    full_text: str = ""            # everything below the commands, quotes included (#to-reporter sorts it)
    confirmations: list[str] = field(default_factory=list)
    text_used: bool = False        # #to-reporter took the text: nothing left to relay
    message_key: str = ""          # the message's own key (D5): the same for a retry, a copy, any recipient
    line: int = 0                  # the line of the command running now (registry.run sets it)

    def key(self, kind: str, *parts: str) -> str:
        """The idempotency key of what the running command queues (an outbox key): the same
        when this message is processed again (a retry after a crash, the same message twice),
        another for another message or another command line. Never a time: two commands in
        one second are two messages, not one sent and one deduplicated away. The member is in it:
        two members' messages may share a Message-ID (a client that reuses one, a resend)."""
        return ":".join((kind, self.code, *parts, self.member.email.lower(), self.message_key, str(self.line)))


Handler = Callable[[Reply, str], str]


@dataclass(frozen=True)
class Entry:
    """A member command as #help shows it: `#name args`, then a one-line help."""

    name: str
    args: str
    help: str
    handler: Handler

    @property
    def usage(self) -> str:
        return f"#{self.name} {self.args}".strip()


def command(name: str, args: str = "", help: str = "") -> Callable[[Handler], Handler]:
    """Mark `handler` as the member command `#name`; registry.py collects the marked ones."""
    def mark(handler: Handler) -> Handler:
        handler.entry = Entry(name, args, help, handler)      # type: ignore[attr-defined]
        return handler
    return mark


def required(arg: str, problem: str) -> str:
    if not arg or not arg.strip():
        raise CommandError(problem)
    return arg.strip()
