"""Appeals after a case is resolved.

Within the policy's appeal window, mail to the alias that names a resolved case's code
name, or a reply on the case's thread, is recorded as an appeal and shared with the
case's eligible members (members excluded from the case stay excluded). After the window
the sender is told politely that it has closed, and the chairs on the case are informed.
"""

import re
from datetime import datetime, timedelta

from mailrouter.outbound.case_mail import audience, to_members
from mailrouter.clock import iso
from mailrouter.cases.declarations import own_text
from mailrouter.mail.message import header
from mailrouter.mail.quoting import trimmed

_WORD = re.compile(r"[a-z]+")


def named_case(msg, store):
    """A resolved or closed case whose code name the message names, or None."""
    words = _WORD.findall(f"{header(msg, 'Subject')}\n{own_text(msg)}".lower())
    for first, second in zip(words, words[1:]):
        code = f"{first} {second}"
        if code in store.names and store.exists(code) and code not in store.open_codes:
            return code
    return None


def window_end(case, policy):
    resolved = case.get("resolved_at") or case.get("closed_at")
    if policy.appeal_window is None or not resolved:
        return None
    return datetime.fromisoformat(resolved) + timedelta(seconds=policy.appeal_window)


def handle(ctx, code, msg, text_for_members, sender, may_answer, key):
    """Record and route an appeal, or answer that the window closed. Returns 'appeal' or 'late'."""
    case = ctx.store.get(code)
    end = window_end(case, ctx.config.policy)
    now = ctx.clock.now()
    if end is not None and now <= end:
        appeals = case.get("appeals", []) + [{"at": iso(now), "text": text_for_members}]
        ctx.store.update(code, {"appeals": appeals}, event={"kind": "appeal", "by": "appellant"})
        body = ctx.composer.render("notice.txt.j2", code=code, text=f"An appeal was received for this "
                                   f"resolved case (within the appeal window):\n\n{text_for_members}")
        msg_out = ctx.composer.unaddressed(subject=f"[{code}] Appeal received", body=body)
        to_members(ctx, code, audience(ctx, case), msg_out, "appeal", f"appeal:{key}")
        return "appeal"
    ctx.store.log(code, "appeal after the window (not routed)", by="appellant")
    if may_answer:
        closed = "it has no appeal window" if end is None else f"the window closed on {end.date().isoformat()}"
        answer = ctx.composer.unaddressed(
            subject=f"[{code}] About your appeal", auto_submitted="auto-replied",
            body=ctx.composer.render("appeal_closed.txt.j2", code=code, closed=closed))
        ctx.composer.address(answer, to=sender)
        ctx.outbox.enqueue(f"appeal-closed:{key}", "", sender, ctx.composer.as_bytes(answer),
                           kind="appeal-closed", case=code)
    chairs = [m for m in audience(ctx, case) if "chair" in m.roles]
    body = ctx.composer.render("notice.txt.j2", code=code, text="Someone wrote to appeal this case after "
                               "the appeal window; they were told the window has closed.")
    note = ctx.composer.unaddressed(subject=f"[{code}] Late appeal", body=body, auto_submitted="auto-generated")
    to_members(ctx, code, chairs, note, "late-appeal", f"late-appeal:{key}")
    return "late"


def text_of(msg):
    return trimmed(own_text(msg))
