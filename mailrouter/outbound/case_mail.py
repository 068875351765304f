"""Sending mail about a case: every message goes through here.

Each recipient gets the message addressed to them alone, with their own reply address,
in their own thread (In-Reply-To and References chain onto the last message mailrouter
sent them about the case), and the thread is recorded. Members are taken from
`audience()`, which recomputes eligibility at the moment of sending (invariant 1).
"""

from mailrouter.cases.eligibility import eligibility_for, may_know_reporter
from mailrouter.cases.message_ids import ReporterMessageIds
from mailrouter.cases.tokens import derive_token, digest
from mailrouter.clock import iso

THREAD_KEEP = 20
# Mail that gives a reader the case itself: recorded per recipient on the case (`receipts`),
# so `case show` says who actually received what and when, not who would be eligible now.
RECEIPT_KINDS = ("forward", "onboarding", "catch-up", "reveal", "release")


def audience(ctx, case):
    """Members who receive case content now: eligible, not recused, and granted access.

    Once the reporter is known to the committee (shared or revealed), what is said on the
    case is no longer cleaned of them: an escalation contact standing in as an interim
    reader, who never learns who reported, then receives none of it."""
    readers = _granted(ctx, case)
    if ctx.reporters.shared_view(case["code"]) is not None:
        readers = [m for m in readers if may_know_reporter(m)]
    return readers


def _granted(ctx, case):
    decision = eligibility_for(case, ctx.committee, ctx.reporters)
    access = case.get("access", {})
    return [m for m in decision.eligible if access.get(m.email.lower()) == "granted"]


def on_case(ctx, case, member):
    """Is `member` on the case now: eligible and granted access, so they may post and use
    commands (what they receive is `audience`)?"""
    return member is not None and any(m.email == member.email for m in _granted(ctx, case))


def return_path(ctx, key, recipient, code=None):
    """The envelope sender of mail to a member: a signed return path naming this outbox
    delivery, so a bounce finds it (cases/return_paths.py). Mail to the reporter keeps the
    null sender (RFC 3834), and so do the admin's alerts."""
    return ctx.return_paths.address(ctx.outbox.entry_id(key), recipient, code)


def member_participant(member):
    return f"member:{member.email.lower()}"


def serialised(ctx, msg):
    """An unaddressed message as bytes: composed as bytes already (`unaddressed_bytes`,
    the forward) or an EmailMessage written out now."""
    return msg if isinstance(msg, bytes) else ctx.composer.as_bytes(msg)


def to_members(ctx, code, members, msg, kind, key, participant_of=member_participant, about=None):
    """Queue `msg` (an unaddressed message, or its bytes) for each member, in their thread of
    case `code`; return how many were queued now. `participant_of` names who holds the reply
    address each is given (a moderator: casework/moderation.py). `about` is the case whose
    content it carries when that is another one (#history): the outbox names that case, so
    the send-time screen asks whether the member may still read it, not the thread's case."""
    about = about or code
    queued = 0
    case = ctx.store.get(code)
    threads, tokens = dict(case.get("threads", {})), dict(case.get("tokens", {}))
    receipts = list(case.get("receipts", ()))
    base = serialised(ctx, msg)                       # once for all members
    for member in members:
        participant = participant_of(member)
        token = derive_token(ctx.secret, code, participant)
        tokens[digest(token)] = participant
        data, message_id = ctx.composer.addressed_bytes(
            base, to=member.email, to_name=member.name, reply_to=ctx.replies.format(token),
            thread=threads.get(participant, ()))
        member_key = f"{key}:{member.email.lower()}"
        if ctx.outbox.enqueue(member_key, return_path(ctx, member_key, member.email, about), member.email,
                              data, kind=kind, case=about):
            threads[participant] = (threads.get(participant, []) + [message_id])[-THREAD_KEEP:]
            queued += 1
            if kind in RECEIPT_KINDS:
                receipts.append({"to": member.email.lower(), "name": member.name, "kind": kind,
                                 "at": iso(ctx.clock.now()), "entry": ctx.outbox.entry_id(member_key)})
    ctx.store.update(code, {"threads": threads, "tokens": tokens, "receipts": receipts})
    ctx.poke()
    return queued


def to_reporter(ctx, code, msg, kind, key, first_in_thread=None):
    """Queue `msg` for the reporter, from the alias, in the reporter's thread."""
    envelope = ctx.reporters.envelope(code)
    if envelope is None:                 # e.g. a list's rewriting hid every address
        ctx.store.log(code, "no address to write to the reporter", kind_of_mail=kind)
        return False
    tokens = dict(ctx.store.get(code).get("tokens", {}))
    token = derive_token(ctx.secret, code, "reporter")
    tokens[digest(token)] = "reporter"
    # The reporter's thread (their own Message-ID first) is kept with their identity,
    # encrypted: a client's Message-ID can name its host or owner (P10).
    thread = list(envelope.thread) or ([first_in_thread] if first_in_thread else [])
    # Signed with the case, so an answer to it sent to the alias still finds the case (R4).
    data, message_id = ctx.composer.addressed_bytes(
        serialised(ctx, msg), to=envelope.address, to_name=envelope.name,
        reply_to=ctx.replies.format(token), thread=thread,
        message_id=ReporterMessageIds(ctx.secret, ctx.config.domain).make(code))
    queued = ctx.outbox.enqueue(key, "", envelope.address, data, kind=kind, case=code)
    if queued:
        ctx.reporters.record_thread(code, thread + [message_id])
    ctx.store.update(code, {"tokens": tokens})
    ctx.poke()
    return queued
