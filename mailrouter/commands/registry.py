"""The member commands: the table built from the handlers each group marks with
`@command`, the #help text generated from it, and `run()`.

HELP lists the commands in the order of GROUPS, and within a group in the order the
handlers are defined. A name marked twice is an error at import.
"""

from types import ModuleType

from mailrouter.commands import availability, decisions, outcome, people, records, reporter, spreadsheet, urgent
from mailrouter.commands import consultation, moderators, reported, sanctions, severe
from mailrouter.commands.parse import Command
from mailrouter.commands.reply import CommandError, Entry, Reply, command

GROUPS = (spreadsheet, people, reporter, decisions, urgent, availability, records, outcome)
GROUPS += (reported, moderators, consultation, sanctions, severe)        # issue 14: beyond the committee
HEADER = "Commands (on lines of their own at the top of your reply; several are fine):"
FOOTER = "Anything below the commands is shared with the other committee members on the case."
USAGE_WIDTH = 30


@command("help", help="this list")
def show_help(reply: Reply, arg: str) -> str:
    return HELP


def entries_of(module: ModuleType) -> list[Entry]:
    """The commands `module` defines (not those it imports), in definition order."""
    return [value.entry for value in vars(module).values()
            if isinstance(getattr(value, "entry", None), Entry) and value.__module__ == module.__name__]


def table(entries: list[Entry]) -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    for entry in entries:
        if entry.name in found:
            raise ValueError(f"#{entry.name} is defined twice")
        found[entry.name] = entry
    return found


def help_line(entry: Entry) -> str:
    return f"  {entry.usage:<{USAGE_WIDTH}} {entry.help}".rstrip()


COMMANDS = table([show_help.entry] + [entry for group in GROUPS for entry in entries_of(group)])
HELP = "\n".join([HEADER, *(help_line(entry) for entry in COMMANDS.values()), FOOTER])


def run(reply: Reply, command: Command) -> str:
    entry = COMMANDS.get(command.name)
    if entry is None:
        raise CommandError(f"unknown command #{command.name}\n\n{HELP}")
    reply.line = command.line          # part of the keys of what it queues (Reply.key)
    return entry.handler(reply, command.arg)
