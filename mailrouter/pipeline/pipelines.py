"""The whole flow of a message, declared once.

Read PIPELINES to trace a report from the spool to the forwards: each name is a module in
mailrouter/pipeline/stages/ with one `run(item, ctx)` function. A stage stops the flow by raising
`Discard` (nothing more to do) or `Reject`; the runner owns what follows.
"""

import logging
from dataclasses import dataclass, field

from mailrouter.pipeline.classify import Kind
from mailrouter.errors import Discard, Reject
from mailrouter.pipeline.stages import (acknowledge, add_to_report, appeal, authenticate, find_case, find_referenced_case,
                               forward,
                               hold, identify_reporter, open_case, record_automatic, relay_among_members,
                               relay_from_reporter, reporter_appeal, route, run_commands, scrub)

log = logging.getLogger("mailrouter.pipeline.pipelines")

PIPELINES = {
    Kind.REPORT: (identify_reporter, appeal, scrub, open_case, acknowledge, route, forward),
    Kind.REPORTER_REPLY: (find_case, authenticate, reporter_appeal, add_to_report, relay_from_reporter),
    Kind.MEMBER_REPLY: (find_case, authenticate, run_commands, relay_among_members),
    Kind.MEMBER_TO_ALIAS: (find_referenced_case, authenticate, run_commands, relay_among_members),
    Kind.CASE_AUTOMATIC: (find_case, record_automatic),
    Kind.AUTOMATIC: (hold,),
}


@dataclass
class Item:
    """One spooled message on its way to one of its recipients."""

    entry_id: str
    mail_from: str
    recipient: str
    raw: bytes
    msg: object
    kind: Kind
    reason: str = ""
    dedup_key: str = ""
    code: str | None = None
    participant: str | None = None      # "reporter" or "member:<email>" for case mail
    reply: object = None                # a member's reply being processed
    outside: int = 0                    # addresses outside the committee it was sent to
    identity: object = None
    report: object = None
    notes: list = field(default_factory=list)
    originals: list = field(default_factory=list)   # attachments as sent, sealed by open_case


def run(item, ctx):
    """Run the item's pipeline; Discard and Reject end it quietly, anything else propagates."""
    for stage in PIPELINES[item.kind]:
        try:
            stage.run(item, ctx)
        except Discard as stop:
            log.info("spool %s: %s stops at %s: %s", item.entry_id, item.kind.value,
                     stage.__name__.rsplit(".", 1)[-1], stop.reason)
            return
        except Reject as stop:
            log.warning("spool %s: rejected at %s: %s", item.entry_id,
                        stage.__name__.rsplit(".", 1)[-1], stop.reason)
            return
    log.info("spool %s: %s done (case %s)", item.entry_id, item.kind.value, item.code or "-")
