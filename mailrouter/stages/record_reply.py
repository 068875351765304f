"""Record mail sent to a case reply address on the case's log.

A reporter's addition is scrubbed and filed with the report. Relaying replies among
members and to the reporter builds on this (see the threads work).
"""

from mailrouter.errors import Discard
from mailrouter.message import sole_mailbox
from mailrouter.scrub import Scrubber, scrubbed_report
from mailrouter.tokens import digest


def run(item, ctx):
    token = ctx.replies.token_of(item.recipient)
    found = ctx.store.by_token.get(digest(token)) if token else None
    if found is None:
        raise Discard("reply address no longer valid")
    item.code, participant = found
    case = ctx.store.get(item.code)
    if item.dedup_key in case.get("processed", []):
        raise Discard("duplicate reply")
    mailbox = sole_mailbox(item.msg)
    sender = (mailbox.addr_spec if mailbox else "").lower()
    if participant == "reporter":
        identity = ctx.identities.get(item.code)
        authorised = sender in {a.lower() for a in identity.addresses}
        if authorised:
            part = ctx.store.add_report_part(item.code, ctx.composer.as_bytes(
                scrubbed_report(item.msg, Scrubber(identity))))
            event = {"kind": "reporter added to the report", "by": "reporter", "part": part}
        else:
            event = {"kind": "unauthorised reply (not relayed)", "by": "unknown", "as": "reporter"}
    else:
        authorised = participant == f"member:{sender}"
        event = ({"kind": "member replied", "by": participant} if authorised else
                 {"kind": "unauthorised reply (not relayed)", "by": "unknown", "as": participant})
    ctx.store.update(item.code, {"processed": case.get("processed", []) + [item.dedup_key]}, event=event)
