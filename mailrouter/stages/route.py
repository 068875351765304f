"""Work out the parties the report names and who on the committee may see the case."""

from mailrouter.eligibility import eligibility_for, party_record
from mailrouter.message import header


def run(item, ctx):
    text = "\n".join([header(item.msg, "Subject"), _all_text(item.msg)])
    named = ctx.committee.people_named_in(text)
    parties = [party_record(p) for p in named]
    case = dict(ctx.store.get(item.code), parties=parties)
    decision = eligibility_for(case, ctx.committee, ctx.identities)
    ctx.store.update(item.code, {"parties": parties, "eligible": decision.eligible_emails,
                                 "excluded": decision.excluded},
                     event={"kind": "routed", "by": "mailrouter",
                            "eligible": len(decision.eligible), "excluded": len(decision.excluded)})


def _all_text(msg):
    texts = []
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            try:
                texts.append(part.get_content())
            except (LookupError, ValueError, AssertionError):
                texts.append((part.get_payload(decode=True) or b"").decode("utf-8", "replace"))
    return "\n".join(texts)
