"""Rebuild the report without the reporter's identity; members only ever see this copy.

The work runs in the worker's reading process, within the message's time budget
(pipeline/reading.py, T4); without a reader (no worker) it runs here.

Reads: msg, raw, identity, reader. Sets: report (the clean copy), notes (what was removed,
renamed or withheld, for the members), originals (every attachment as sent, sealed by
open_case).
"""

from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.scrubber import Scrubber


def run(item, ctx):
    if item.reader is not None:
        item.report, item.originals, item.notes = item.reader.clean_copy(
            item.raw, item.identity, ctx.config.attachments, item.notes)
        return
    copy = CleanCopy(Scrubber(item.identity), unknown=ctx.config.attachments, notes=item.notes)
    item.report = copy.of(item.msg)
    item.originals = copy.originals
