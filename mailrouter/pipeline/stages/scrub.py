"""Rebuild the report without the reporter's identity; members only ever see this copy.

The work runs in the worker's reading process, within the message's time budget
(pipeline/reading.py, T4); without a reader (no worker) it runs here.

The people the report names are found here too, for `route`: all the budgeted reading
ends before `open_case`, so a message past its budget is quarantined before any case is
opened, and a case once opened is never left without its acknowledgement and forwards
(issue 11, rule 1: no orphan cases).

Reads: msg, raw, identity, reader. Sets: report (the clean copy), notes (what was removed,
renamed or withheld, for the members), originals (every attachment as sent, sealed by
open_case), named (the parties the report names, recorded by route).
"""

from mailrouter.cases.parties import named_parties
from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.scrubber import Scrubber


def run(item, ctx):
    if item.reader is not None:
        item.report, item.originals, item.notes, item.named = item.reader.scrub(
            item.raw, item.identity, ctx.config.attachments, item.notes, ctx.committee, ctx.own_addresses)
        return
    copy = CleanCopy(Scrubber(item.identity), unknown=ctx.config.attachments, notes=item.notes)
    item.report = copy.of(item.msg)
    item.originals = copy.originals
    item.named = named_parties(item.msg, ctx.committee, item.identity)
