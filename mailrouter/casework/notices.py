"""A short notice to members about a case, in their threads: no case content beyond `text`.

Used by the member commands (subject "Committee update") and by the deadlines
(subject "Reminder"). The caller gives the whole outbox key: it is an idempotency key.
"""

from mailrouter.casework.context import Context
from mailrouter.outbound.case_mail import to_members
from mailrouter.settings.committee import Member


def tell_members(ctx: Context, code: str, members: list[Member], text: str, kind: str, key: str,
                 subject: str = "Committee update") -> int:
    """Queue the notice for each of `members`; return how many were queued now."""
    if not members:
        return 0
    msg = ctx.composer.unaddressed_bytes(subject=f"[{code}] {subject}", auto_submitted="auto-generated",
                                         body=ctx.composer.render("notice.txt.j2", code=code, text=text))
    return to_members(ctx, code, members, msg, kind, key)
