"""Which pipeline a message takes: a decision from envelope, headers and the reply address."""

from mailrouter.mail.message import header, header_addresses, sole_mailbox
from mailrouter.pipeline.item import Kind
from mailrouter.privacy.authorship import rewritten_by_list, through_own_group
from mailrouter.mail.screening import AUTOREPLY_SUBJECT, automatic_reason, carried_reason


# Why mail/screening.carried_reason finds a copy of our own mail in a message (not a delivery report);
# tests/test_g6_reporter_forwards_ours.py fails if those words change there.
OUR_COPY = ("carries a copy of our own mail", "quotes our own mail's headers")

# Who holds a case reply address ("reporter", "member:<email>" ...) -> the kind of mail to it.
PARTICIPANT_KINDS = {
    "newcomer": (Kind.ONBOARDING_ANSWER, "to a newcomer's welcome reply address"),
    "reporter": (Kind.REPORTER_REPLY, "to the reporter's reply address"),
    "reported": (Kind.REPORTED_REPLY, "to the reported person's reply address"),     # issue 14
    "moderator": (Kind.MODERATOR_REPLY, "to a moderator's reply address"),
    "member": (Kind.MEMBER_REPLY, "to a member's reply address"),
}


def classify(msg, mail_from, recipient, replies, loop_header, participant_of, member_about_case=None,
             released=False, answered_case=None, member_command=None,
             newcomer_answer=None, party_about_case=None, answers_members=None):
    """Return (Kind, reason). `participant_of(token)` names who holds a reply address;
    `member_about_case(msg)` tells whether a member's mail to the alias is about a case;
    `released`: an admin released this message from held/, so it is not automatic mail;
    `answered_case(msg)`: how it answers our mail to a reporter ("signed id", "case address", "subject") (R4);
    `member_command(msg)`, `newcomer_answer(msg)`: a member's #away or #back (issue 12), a newcomer's answer
    to the welcome (#conflict, #no-conflicts), at the alias: never a report;
    `party_about_case(msg)`: "reported"/"moderator" when the reported person or a moderator writes
    to the alias about a case that wrote to them, else None; `answers_members(msg)`: "case" or "digest"
    when it answers our mail to members (F4). Neither is ever a new case."""
    if replies.return_token_of(recipient):       # signed or not: match_bounce checks, holds if not
        return Kind.BOUNCE, "to a return path"
    token = replies.token_of(recipient)
    participant = participant_of(token) if token else None
    reason = None if released else _automatic(msg, mail_from, loop_header, participant, member_about_case,
                                                     replies)
    autoreply = not released and (reason or AUTOREPLY_SUBJECT.match(header(msg, "Subject")))
    if participant and autoreply:
        return Kind.CASE_AUTOMATIC, reason or "automatic reply (subject)"      # L7
    answers = None if token or answered_case is None else answered_case(msg)
    if answers == "subject" and member_about_case is not None and member_about_case(msg):
        answers = None    # a subject is no proof: a member's mail about the case (MEMBER_TO_ALIAS)
    if answers and autoreply:
        return _automatic_answer(msg, reason)
    if reason:
        return Kind.AUTOMATIC, reason
    if participant:
        return PARTICIPANT_KINDS.get(participant.split(":", 1)[0], PARTICIPANT_KINDS["member"])
    if answers:      # a signed id before the member check: a member may also be a reporter
        return Kind.REPORTER_TO_ALIAS, "answers our mail to the reporter, sent to the alias"
    if member_command is not None and member_command(msg):
        return Kind.MEMBER_COMMAND, "a member's #away or #back, sent to the alias"
    if newcomer_answer is not None and newcomer_answer(msg):
        return Kind.ONBOARDING_ANSWER, "a newcomer's answer to the welcome, sent to the alias"
    if member_about_case is not None and member_about_case(msg):
        return Kind.MEMBER_TO_ALIAS, "a member's mail about a case, sent to the alias"
    return _party_or_report(party_about_case and party_about_case(msg), autoreply,
                            not released and answers_members and answers_members(msg))


def _automatic_answer(msg, reason):
    """An answer to our mail to the reporter that looks automatic: held on its case, unless all
    that marks it is a copy of our mail in it (the reporter forwarding it with new words, F6)."""
    if reason in OUR_COPY and not AUTOREPLY_SUBJECT.match(header(msg, "Subject")):
        return Kind.REPORTER_FORWARD, reason
    return Kind.AUTOMATIC_TO_ALIAS, reason or "automatic reply (subject)"


OWN_ADDRESS = "claims to come from our own address (a loop or a forgery)"


def claims_ours(msg, mail_from, replies):
    """Whether the From or the envelope sender is one of ours (the alias, any `alias+…`
    address) with no Reply-To outside our addresses: our own mail come back, or a forgery.
    (A web form that writes as the alias names the person in Reply-To: a report; so does an
    alias that is itself a group, rewriting From as "X via" the alias, or sending a person's
    mail on from its own bounce address, `alias+bnc…`, with From as it was.)"""
    mailbox = sole_mailbox(msg)
    if not any(_ours(a, replies) for a in (mail_from, mailbox and mailbox.addr_spec) if a):
        return False
    if mailbox and rewritten_by_list(msg, mailbox.display_name, mailbox.addr_spec):
        return False
    if mailbox and not _ours(mailbox.addr_spec, replies) and \
            through_own_group(msg, [f"{replies.local}@{replies.domain}"]):
        return False
    return all(_ours(address, replies) for address in header_addresses(msg, "Reply-To"))


def _ours(address, replies):
    local, _, domain = address.strip().lower().rpartition("@")
    return domain == replies.domain.lower() and local.partition("+")[0] == replies.local.lower()


def _automatic(msg, mail_from, loop_header, participant, member_about_case, replies):
    """Why the message is automatic mail (L1), or None."""
    reason = automatic_reason(msg, mail_from, loop_header) or (claims_ours(msg, mail_from, replies) and OWN_ADDRESS)
    if reason or participant:
        return reason
    reason = carried_reason(msg, loop_header)      # a bounce wrapped, or quoting our own mail
    if reason and member_about_case is not None and member_about_case(msg):
        return None                                # a member forwarding case mail to the alias
    return reason


# Mail from the reported person or a moderator about their case, sent to the alias.
PARTY_KINDS = {"reported": (Kind.REPORTED_TO_ALIAS, "the reported person's mail about their case, sent to the alias"),
               "moderator": (Kind.MODERATOR_TO_ALIAS, "a moderator's mail about a case, sent to the alias")}


def _party_or_report(party, autoreply, answered):
    if (party or answered) and autoreply:     # an auto-reply without RFC 3834 headers: held, never relayed
        return Kind.AUTOMATIC, "automatic reply (subject) about a case"
    if party:
        return PARTY_KINDS[party]
    if answered == "digest":
        return Kind.AUTOMATIC, "an answer to the committee's digest, sent to the alias"
    if answered:
        return Kind.ANSWER_TO_MEMBERS, "answers our mail to members about a case, sent to the alias"
    return Kind.REPORT, "to the alias"
