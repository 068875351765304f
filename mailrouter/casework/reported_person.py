"""Writing to the reported person, and what they write back (issue 14).

The reported person is a participant of their own on the case ("reported"): mail to them
goes from the alias, signed by the committee, with a reply address of their own, in their
own thread. Where to write is the case's `reported_contact` once set (by `#reported-contact`
or the first `#to-reported`), else the address recorded with `#reported`, else one on the
report's own `Reported person:` lines. An address that is the reporter's (asked through
the one door, privacy/reporters), a committee member's or reader's, or our own is never
written to: the refusal says only that it cannot be used, never whose it is.

Even so, the refusal is an answer: a member trying address after address (`#reported-contact`,
or `#reported` then `#to-reported`) would learn which one is the reporter's. So each address
tried that is not the one recorded already counts, per member (across cases) and per case,
in the throttle's records (cases/throttle.py); past either limit within a day, nothing is
checked or recorded, the member is told to wait, and the admin is alerted (`screened`).
"""

from datetime import timedelta

from mailrouter.cases.declarations import own_text, reported_people
from mailrouter.cases.tokens import derive_token, digest
from mailrouter.clock import iso
from mailrouter.mail.addresses import address_pairs
from mailrouter.mail.message import parse
from mailrouter.settings.yaml_source import is_email

PARTICIPANT = "reported"
THREAD_KEEP = 20
CANNOT_USE = ("that address cannot be used for the reported person: it belongs to the committee, to "
              "this mail service, or to someone else on this case")


def contact(ctx, code):
    """(name, address) to write to the reported person, or None when no address is known."""
    case = ctx.store.get(code)
    recorded = case.get("reported_contact")
    if recorded:
        return recorded["name"], recorded["email"]
    for person in reported_people(f"Reported person: {case['reported']}" if case.get("reported") else ""):
        if person.emails:
            return person.name, person.emails[0]
    for person in reported_people(_report_text(ctx, code)):
        if person.emails:
            return person.name, person.emails[0]
    return None


def _report_text(ctx, code):
    try:
        return own_text(parse(ctx.store.report(code, 1)))
    except OSError:            # a purged case has no report any more
        return ""


def unusable(ctx, code, address):
    """Why `address` may not receive mail for the reported person ('' when it may)."""
    address = (address or "").strip().lower()
    if not is_email(address):
        return "not an email address"
    readers = (*ctx.committee.members, *ctx.committee.interim_pool, *ctx.committee.escalation)
    taken = {m.email.lower() for m in readers} | ctx.own_addresses
    if address in taken or ctx.replies.token_of(address) or ctx.replies.is_alias(address):
        return CANNOT_USE
    if ctx.reporters.wrote_from(code, address):                       # the one door: a yes or no only
        return CANNOT_USE
    return ""


PROBES_PER_MEMBER, PROBES_PER_CASE, PROBE_WINDOW = 3, 5, timedelta(days=1)
TOO_MANY = ("too many addresses were tried for the reported person in the last day, so this one was "
            "not checked; try again tomorrow, or ask the admin")


def screened(ctx, code, member, address):
    """`unusable` for an address a member gives, counted (see the module's docstring): why it
    may not be used ('' when it may), or TOO_MANY without looking at it."""
    recorded = (ctx.store.get(code).get("reported_contact") or {}).get("email")
    if recorded and (address or "").strip().lower() == recorded:
        return unusable(ctx, code, address)          # asked before: nothing new to learn
    who = f"contact-probe:member:{member.email.lower()}"
    full = ctx.throttle.allow({who: PROBES_PER_MEMBER, f"contact-probe:case:{code}": PROBES_PER_CASE},
                              ctx.clock.now(), PROBE_WINDOW)
    if not full:
        return unusable(ctx, code, address)
    by_member = who in full
    day = ctx.clock.now().date().isoformat()
    ctx.alerts.send(f"contact-probe:{code}:{day}:{member.email.lower() if by_member else 'case'}",
                    "addresses for the reported person tried too often",
                    detail=(f"{member.name} tried more than {PROBES_PER_MEMBER} addresses in a day" if by_member else
                            f"members tried more than {PROBES_PER_CASE} addresses on this case in a day") +
                    " with #reported-contact or #to-reported; a refusal says whether an address may be used, "
                    "so many tries could find the reporter's",
                    kept="the address was neither checked nor recorded; the member was asked to wait", case=code)
    ctx.store.log(code, "reported person's address not checked: too many tried", by=member.name)
    return TOO_MANY


def parse_contact(text):
    """(name, address) from `Name <address>` or a bare address, or None."""
    name, address = (address_pairs(text or "") or [("", "")])[0]
    return (name.strip() or address, address) if is_email(address) else None


def record_contact(ctx, code, name, address):
    ctx.store.update(code, {"reported_contact": {"name": name, "email": address.lower(),
                                                 "at": iso(ctx.clock.now())}})


def expected_sender(ctx, code):
    """The address the reported person writes from (their reply address's sender check)."""
    recorded = ctx.store.get(code).get("reported_contact")
    return (recorded["email"],) if recorded else ()


def to_reported(ctx, code, msg, kind, key):
    """Queue `msg` for the reported person, from the alias, in their thread. False if no
    usable address is recorded (the caller refuses first; this is the last check)."""
    recorded = ctx.store.get(code).get("reported_contact")
    if not recorded or unusable(ctx, code, recorded["email"]):
        ctx.store.log(code, "no usable address to write to the reported person", kind_of_mail=kind)
        return False
    case = ctx.store.get(code)
    tokens, threads = dict(case.get("tokens", {})), dict(case.get("threads", {}))
    token = derive_token(ctx.secret, code, PARTICIPANT)
    tokens[digest(token)] = PARTICIPANT
    data, message_id = ctx.composer.addressed_bytes(
        ctx.composer.as_bytes(msg), to=recorded["email"], to_name=recorded["name"],
        reply_to=ctx.replies.format(token), thread=threads.get(PARTICIPANT, ()))
    # The null sender, as for the reporter: a bounce from them is nobody's business but the admin's.
    queued = ctx.outbox.enqueue(key, "", recorded["email"], data, kind=kind, case=code)
    if queued:
        threads[PARTICIPANT] = (threads.get(PARTICIPANT, []) + [message_id])[-THREAD_KEEP:]
    ctx.store.update(code, {"tokens": tokens, "threads": threads})
    ctx.poke()
    return queued


def record_message(ctx, code, direction, text, **extra):
    """Keep one message to ("to") or from ("from") the reported person on the case."""
    case = ctx.store.get(code)
    entry = dict(extra, at=iso(ctx.clock.now()), direction=direction, text=text)
    ctx.store.update(code, {"reported_messages": case.get("reported_messages", []) + [entry]},
                     event={"kind": f"reported person: message {direction} them", "by":
                            "reported" if direction == "from" else "the committee"})
