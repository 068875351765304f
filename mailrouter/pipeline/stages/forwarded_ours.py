"""The reporter forwards our mail to the alias with new words: their addition (issue 11, F6).

Mail that answers our mail to the reporter and carries a copy of our own mail (attached, or
pasted with its headers) was held as automatic, like a bounce of it. When the sender is the
case's reporter, writing from their own address, and wrote something of their own above the
copy, those words (and their own attachments) go on as their addition, the copy of our mail
left out. Anything else (a bot's copy, no new words, someone else) stays held on the case.

Reads: msg, code, raw, reason, mail_from, recipient. Sets: msg (without our copy); stops the
flow, holding the message, unless it is the reporter's new words.
"""

from mailrouter.errors import Stop
from mailrouter.mail.forwarded_ours import new_words
from mailrouter.pipeline.stages import authenticate, record_automatic
from mailrouter.settings.defaults import LOOP_HEADER


def run(item, ctx):
    words = new_words(item.msg, LOOP_HEADER)
    if words is not None:
        try:
            authenticate.run(item, ctx)       # the case's reporter, from their own address
            item.msg = words
            return
        except Stop:
            pass
    record_automatic.run(item, ctx)
    raise Stop(f"held: {item.reason}")
