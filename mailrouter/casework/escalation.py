"""Escalation: a code-named summary of a case to the escalation contacts in members.yaml.

Asked for by a member (#escalate) or done by the scheduler when a proposal deadlocks.
Each contact is screened by the same `decide` as every member-bound mail (a contact who is
a party, or conflicted with one, or kept out of the case, gets nothing). The summary is the
member view, cleaned for someone outside the committee: never the reporter's identity (the
reason a member wrote is cleaned of the reporter, even one shared with the committee); the
scrubbed report text only when the policy says so (`escalation_includes_report`) and only
while the reporter is not shared or revealed (then the clean copy is no longer clean of them).
"""

from mailrouter.casework.context import Context
from mailrouter.cases.eligibility import outside_contacts_screened
from mailrouter.clock import iso
from mailrouter.mail.message import parse
from mailrouter.outbound.case_mail import audience, return_path


def escalate_case(ctx: Context, code: str, reason: str, key: str) -> int:
    """A summary without identity to the escalation contacts no conflict keeps out; how many.
    `key` is the idempotency key of this escalation: the command's (Reply.key) or the deadline's."""
    case = ctx.store.get(code)
    configured = ctx.committee.escalation
    contacts = outside_contacts_screened(case, ctx.committee, ctx.reporters, configured)
    outsider = ctx.reporters.outsider_scrubber(code).text
    shared = ctx.reporters.shared_view(code) is not None
    report_text = None
    if ctx.config.policy.escalation_includes_report and not shared:
        report_text = outsider(scrubbed_report_text(ctx, code))
    body = ctx.composer.render("escalation.txt.j2", code=code, case=case, reason=outsider(reason).strip(),
                               members=len(audience(ctx, case)), report_text=report_text)
    msg = ctx.composer.unaddressed(subject=f"[{code}] Escalated to you", body=body,
                                   auto_submitted="auto-generated")
    stamp = iso(ctx.clock.now())
    to_contacts(ctx, code, msg, contacts, "escalation", key)
    ctx.store.update(code, {"escalated": stamp}, event={"kind": "escalated", "by": "mailrouter",
                                                         "reason": reason, "contacts": len(contacts),
                                                         "withheld": len(configured) - len(contacts)})
    ctx.poke()
    return len(contacts)


def scrubbed_report_text(ctx: Context, code: str) -> str:
    """The report's text as members read it (the clean copy): never the identity."""
    body_part = parse(ctx.store.report(code)).get_body(preferencelist=("plain",))
    return body_part.get_content() if body_part is not None else ""


def to_contacts(ctx: Context, code: str, msg, contacts, kind: str, key_prefix: str) -> None:
    """Queue `msg` for each contact (the escalation body, the core team), one message each."""
    for contact in contacts:
        ctx.composer.address(msg, to=contact.email, to_name=contact.name)
        key = f"{key_prefix}:{contact.email}"
        ctx.outbox.enqueue(key, return_path(ctx, key, contact.email, code), contact.email,
                           ctx.composer.as_bytes(msg), kind=kind, case=code)
