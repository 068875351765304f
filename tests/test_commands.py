"""The member commands' table: #help is generated from the handlers marked `@command`."""

import importlib
import pkgutil

import pytest

import mailrouter.commands
from mailrouter.commands import registry
from mailrouter.commands.parse import Command, parse
from mailrouter.commands.reply import CommandError, Entry


def marked_handlers():
    """Every `@command` handler defined anywhere in mailrouter/commands/."""
    for info in pkgutil.iter_modules(mailrouter.commands.__path__):
        module = importlib.import_module(f"mailrouter.commands.{info.name}")
        yield from (e.name for e in registry.entries_of(module))


def test_help_lists_every_registered_command_exactly_once():
    lines = registry.HELP.splitlines()
    assert lines[0] == registry.HEADER and lines[-1] == registry.FOOTER
    listed = [line.split()[0] for line in lines[1:-1]]
    assert listed == [f"#{name}" for name in registry.COMMANDS]           # one line each, in order
    assert sorted(marked_handlers()) == sorted(registry.COMMANDS)         # no handler left out of GROUPS
    assert listed[0] == "#help" and "  #help                          this list" in lines


def test_unknown_command_error_includes_the_help():
    with pytest.raises(CommandError) as error:
        registry.run(None, Command(3, "frobnicate", "now"))
    assert str(error.value) == f"unknown command #frobnicate\n\n{registry.HELP}"


def test_a_name_marked_twice_is_refused():
    entry = Entry("note", "TEXT", "again", lambda reply, arg: "")
    with pytest.raises(ValueError, match="#note is defined twice"):
        registry.table(list(registry.COMMANDS.values()) + [entry])


def test_parse_takes_the_hash_lines_at_the_top():
    commands, text = parse("#status waiting\r\n\n#vote YES \nThe words.\n#note not a command\n")
    assert [(c.line, c.name, c.arg) for c in commands] == [(1, "status", "waiting"), (3, "vote", "YES")]
    assert text == "The words.\n#note not a command"
