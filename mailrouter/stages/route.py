"""Work out the parties of the case and who on the committee may see it.

Parties: people the member and conflict lists know whom the report names, and anyone on a
`Reported person:` line. The reporter is a party through the identity store only, so the
case store never records who reported. Only counts of excluded members are kept; the
decision itself is recomputed (eligibility_for) whenever mail is about to be sent.
"""

from mailrouter.declarations import own_text, reported_people
from mailrouter.eligibility import eligibility_for, party_record, reporter_party, same_person
from mailrouter.message import header


def run(item, ctx):
    text = "\n".join([header(item.msg, "Subject"), _all_text(item.msg)])
    candidates = ctx.committee.people_named_in(text) + reported_people(own_text(item.msg))
    reporter = reporter_party(item.identity)
    parties = []
    for person in candidates:
        if not same_person(person, reporter) and all(not same_person(person, p) for p in parties):
            parties.append(person)
    records = [party_record(p) for p in parties]
    case = dict(ctx.store.get(item.code), parties=records)
    decision = eligibility_for(case, ctx.committee, ctx.identities)
    ctx.store.update(item.code, {"parties": records},
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
