"""A chair's decision from the CLI (reveal, release), run in turn with the mail.

Reads: command (the spool record: command, code, by, reason), entry_id. Sets: code.
"""

from mailrouter.commands import admin


def run(item, ctx):
    item.code = item.command["code"]
    admin.run(item.entry_id, item.command, ctx)
