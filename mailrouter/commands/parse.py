"""Reading a member's reply: the `#` command lines at the top, and the text below them."""

import re
from dataclasses import dataclass

COMMAND_LINE = re.compile(r"^#(?P<name>[a-z][a-z-]*)\b[ \t]*(?P<arg>.*?)\s*$", re.IGNORECASE)


@dataclass
class Command:
    line: int
    name: str
    arg: str


def parse(own_text: str) -> tuple[list[Command], str]:
    """(commands, text below them). Commands are the `#` lines at the top."""
    lines = own_text.replace("\r\n", "\n").split("\n")
    commands, index = [], 0
    while index < len(lines):
        line = lines[index].strip()
        match = COMMAND_LINE.match(line)
        if match:
            commands.append(Command(index + 1, match.group("name").lower(), match.group("arg")))
        elif line:
            break
        index += 1
    return commands, "\n".join(lines[index:]).strip()
