"""Runs an item through its pipeline and owns the consequences.

Stages decide; the runner records. After the last stage, or when a stage stops the flow
with `Stop`, the runner marks the message processed on its case (with the stop's event,
in one write), logs the outcome, sends the stop's notice, publishes who may receive the
case's mail now (casework/send_screen.py) and tells the scheduler the case changed. Any
other exception propagates to the worker, which retries the entry and quarantines it after
the last attempt (D9).
"""

import logging

from mailrouter.casework import send_screen
from mailrouter.casework.context import Context
from mailrouter.errors import Stop
from mailrouter.pipeline.item import Item
from mailrouter.pipeline.pipelines import PIPELINES

log = logging.getLogger("mailrouter.pipeline")


def run(item: Item, ctx: Context, case_changed=lambda code: None):
    stop = None
    try:
        for stage in PIPELINES[item.kind]:
            try:
                stage.run(item, ctx)
            except Stop as stopped:
                stop, stopped.stage = stopped, _name(stage)
                break
    except BaseException:
        # What the stages changed before failing (a name the reporter gave, learnt) may keep a
        # reader out: the courier asks the worker again rather than trust the case's verdict.
        if item.code:
            ctx.verdicts.pop(item.code, None)
        raise
    _mark_processed(item, ctx, stop.event if stop else None)
    if item.tick is not None:             # every minute: worth a line only when something fell due
        log.log(logging.INFO if item.tick.done else logging.DEBUG, "deadlines: %d run", len(item.tick.done))
    elif stop is None:
        log.info("spool %s: %s done (case %s)", item.entry_id or "-", item.kind.value, item.code or "-")
    else:
        log.info("spool %s: %s stops at %s: %s", item.entry_id or "-", item.kind.value, stop.stage,
                 stop.reason)
        if stop.notice is not None:
            stop.notice(item, ctx)
    if item.code:
        send_screen.republish(ctx, item.code)     # its verdict out before its mail reaches the courier
        case_changed(item.code)


def _mark_processed(item, ctx, event):
    """A message done with on a case is never processed again (D5), even after a crash."""
    if not (item.code and item.dedup_key):
        return
    case = ctx.store.get(item.code)
    if item.dedup_key in case.get("processed", []):
        if event:
            ctx.store.log(item.code, **event)
        return
    ctx.store.update(item.code, {"processed": case.get("processed", []) + [item.dedup_key]}, event=event)


def _name(stage):
    return stage.__name__.rsplit(".", 1)[-1]
