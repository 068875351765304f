"""The reporter answered while a consultation is open: their words are feedback for the record.

"The committee will ask if this resolution is acceptable, and must note feedback for the
record" (NumPy, Jupyter). Between #consult and #enact (commands/consultation.py) each of the
reporter's additions is also noted in the case's `consultation`, as the clean copy members
read (the reporter's identity scrubbed); relay_from_reporter still relays it as before.

Reads: report (set by add_to_report), code, dedup_key. Sets: nothing.
"""

import logging

from mailrouter.clock import iso
from mailrouter.mail.quoting import trimmed

log = logging.getLogger("mailrouter.pipeline.feedback")


def run(item, ctx):
    case = ctx.store.get(item.code)
    consultation = case.get("consultation")
    if not consultation or case.get("enacted"):
        return
    if any(f.get("key") == item.dedup_key for f in consultation.get("feedback", ())):
        return                                   # the same addition, processed again
    body_part = item.report.get_body(preferencelist=("plain",))
    text = trimmed(body_part.get_content() if body_part is not None else "")
    feedback = list(consultation.get("feedback", [])) + [
        {"at": iso(ctx.clock.now()), "text": text, "proposal": consultation.get("proposal"), "key": item.dedup_key}]
    ctx.store.update(item.code, {"consultation": dict(consultation, feedback=feedback)},
                     event={"kind": "reporter feedback noted for the record", "by": "reporter",
                            "proposal": consultation.get("proposal")})
    log.info("reporter feedback noted for the record on %s", item.code)
