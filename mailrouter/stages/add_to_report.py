"""The reporter wrote again: scrub it exactly like the report and file it with the case."""

from mailrouter.scrub import scrubbed_report


def run(item, ctx):
    item.report = scrubbed_report(item.msg, ctx.reporters.scrubber(item.code), item.notes)
    part = ctx.store.add_report_part(item.code, ctx.composer.as_bytes(item.report))
    ctx.store.log(item.code, "reporter added to the report", by="reporter", part=part)
