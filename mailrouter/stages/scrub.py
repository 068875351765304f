"""Rebuild the report without the reporter's identity; members only ever see this copy."""

from mailrouter.scrub import Scrubber, scrubbed_report


def run(item, ctx):
    item.report = scrubbed_report(item.msg, Scrubber(item.identity), item.notes)
