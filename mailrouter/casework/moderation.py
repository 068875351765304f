"""The moderators and administrators of a space on a case (PyDistrict step 7).

"Once the organizers have approved the behavioral modification plans and consequences, they
will communicate the recommended response to the administrators/moderators of the online
community. The organizers should not state who reported this incident." Each moderator is
screened for the case as a member is (a party, a conflict with a party, a recusal), by the
same `decide`; what they are sent is cleaned of every member and of the reporter, even when
the reporter is known to the committee. `moderation` on the case holds, per space, the
recommendation and, per moderator, when it was sent, their answer, reasons and when.
"""

from dataclasses import replace

from mailrouter.cases.eligibility import decide, kept_out, parties_of
from mailrouter.clock import iso
from mailrouter.outbound.case_mail import to_members
from mailrouter.privacy.reporter_text import for_reporter
from mailrouter.settings.committee import Member

ANSWERS = ("accept", "disagree")
# Every kind of mail to moderators, and only theirs: the courier's last look knows them by it
# (casework/send_screen.py).
MODERATOR_KINDS = ("to-moderators", "moderator-nudge", "moderator-forgery-notice", "moderator-how-to-reply")
SENT, ANSWERED, REMARK = "recommendation sent to moderators", "moderator answered", "moderator remark"


def eligible_moderators(ctx, case, space):
    """The moderators of `space` who may be sent mail about this case now."""
    people = ctx.committee.moderators.get(space, ())
    readers = [Member(m.name, m.email, ("moderator",), aliases=m.aliases) for m in people]
    parties = parties_of(case, ctx.reporters)
    recused = kept_out(case)
    # Members are left out of the committee here: a moderator who is also a member is
    # screened once, as a moderator (with the same conflicts and recusal).
    decision = decide(replace(ctx.committee, members=()), parties, recused, interim=readers)
    chosen = {id(reader) for reader in decision.eligible}
    return [m for m, reader in zip(people, readers) if id(reader) in chosen]


def for_moderators(ctx, code, text, author, as_is=False):
    """The member's words fit to leave the committee: as for the reporter (no member's name or
    address, no quoted internal mail, held back when unrecognised), and no reporter either."""
    prepared = for_reporter(text, author, ctx.committee, as_is=as_is)
    scrubber = ctx.reporters.outsider_scrubber(code, name_placeholder="[someone]",
                                               address_placeholder="[address removed]", signature_placeholder="")
    return replace(prepared, text=scrubber.text(prepared.text).strip())


def to_moderators(ctx, code, moderators, msg, kind, key):
    """Queue `msg` for each moderator alone, with their own reply address ("moderator:<email>");
    `kind` one of MODERATOR_KINDS."""
    return to_members(ctx, code, moderators, msg, kind, key, participant_of=lambda m: m.participant)


def record_sent(ctx, code, space, moderators, text, by):
    """A new recommendation to `space`: a new round, every answer to come (its own clock)."""
    now = iso(ctx.clock.now())
    moderation = dict(ctx.store.get(code).get("moderation", {}))
    moderation[space] = {"round": moderation.get(space, {}).get("round", 0) + 1, "sent": now, "text": text,
                         "moderators": {m.email.lower(): {"name": m.name, "sent": now, "answer": None,
                                                          "reasons": "", "at": None} for m in moderators}}
    ctx.store.update(code, {"moderation": moderation},
                     event={"kind": SENT, "by": by, "space": space, "moderators": len(moderators), "text": text})


def spaces_of(case, email):
    """The spaces whose recommendation on this case went to `email`, unanswered ones first."""
    records = case.get("moderation", {})
    mine = [space for space, record in records.items() if email.lower() in record["moderators"]]
    return sorted(mine, key=lambda space: records[space]["moderators"][email.lower()]["answer"] is not None)


def on_case_as_moderator(ctx, case, email):
    """The spaces of this case whose recommendation went to `email` and who may still receive
    mail about it (unanswered first), and the Moderator; ([], None) if none."""
    mine = {}
    for space in spaces_of(case, email):
        found = [m for m in eligible_moderators(ctx, case, space) if m.email.lower() == email.lower()]
        if found:
            mine[space] = found[0]
    return list(mine), next(iter(mine.values()), None)


def warn_moderator(ctx, code, participant, msg, key):
    """A message at a moderator's reply address from someone else: the moderator is told."""
    _, moderator = on_case_as_moderator(ctx, ctx.store.get(code), participant.split(":", 1)[1])
    if moderator is not None:
        to_moderators(ctx, code, [moderator], msg, "moderator-forgery-notice", key)


def record_answer(ctx, code, space, email, answer, reasons):
    """`answer` (accept, disagree; None: a remark) from the moderator `email` of `space`."""
    now = iso(ctx.clock.now())
    moderation = dict(ctx.store.get(code).get("moderation", {}))
    record = moderation[space]
    if answer is not None:
        mine = dict(record["moderators"][email.lower()], answer=answer, reasons=reasons, at=now)
        record = dict(record, moderators=dict(record["moderators"], **{email.lower(): mine}))
        moderation[space] = record
    event = {"kind": ANSWERED if answer else REMARK, "by": f"moderator:{email.lower()}", "space": space,
             "text": reasons, **({"answer": answer} if answer else {})}
    ctx.store.update(code, {"moderation": moderation}, event=event)


def unanswered(record):
    """The moderators of one space's record who have not answered, as (email, name)."""
    return [(email, r["name"]) for email, r in record["moderators"].items() if r["answer"] is None]


def document_entries(case, events):
    """The section "Discussions with moderators and administrators": (at, by, text), dated."""
    names = {f"moderator:{email}": r["name"] for record in case.get("moderation", {}).values()
             for email, r in record["moderators"].items()}
    entries = []
    for event in events:
        kind, space = event.get("kind"), event.get("space")
        if kind == SENT:
            entries.append((event["at"], "the committee",
                            f"Recommended response sent to the moderators of {space}:\n{event.get('text', '')}"))
        elif kind in (ANSWERED, REMARK):
            said = f"#{event['answer']}" if kind == ANSWERED else "(remark)"
            by = f"{names.get(event.get('by'), 'a moderator')}, moderator of {space}"
            entries.append((event["at"], by, f"{said} {event.get('text', '')}".strip()))
    return entries
