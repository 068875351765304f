"""The reporter wrote again: clean it exactly like the report and file it with the case.

Reads: msg, code. Sets: report, notes. Originals of its attachments are sealed at once.
"""

from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.identify import reporter_identity
from mailrouter.pipeline.stages.open_case import seal_originals


def run(item, ctx):
    # The sender is the reporter (authenticate checked it): what this mail shows of them is theirs.
    ctx.reporters.learn(item.code, reporter_identity(item.msg, item.raw, item.mail_from, ctx.committee,
                                                     ctx.own_addresses))
    case = ctx.store.get(item.code)
    copy = CleanCopy(ctx.reporters.scrubber(item.code), unknown=ctx.config.attachments, notes=item.notes,
                     first_number=len(case.get("attachments", [])) + 1)
    item.report = copy.of(item.msg)
    part = ctx.store.add_report_part(item.code, ctx.composer.as_bytes(item.report))
    seal_originals(ctx, item.code, copy.originals)
    ctx.store.log(item.code, "reporter added to the report", by="reporter", part=part)
