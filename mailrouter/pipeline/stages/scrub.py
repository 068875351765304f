"""Rebuild the report without the reporter's identity; members only ever see this copy.

Reads: msg, identity. Sets: report (the clean copy), notes (what was removed, renamed or
withheld, for the members), originals (every attachment as sent, sealed by open_case).
"""

from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.scrubber import Scrubber


def run(item, ctx):
    copy = CleanCopy(Scrubber(item.identity), unknown=ctx.config.attachments, notes=item.notes)
    item.report = copy.of(item.msg)
    item.originals = copy.originals
