"""What `classify` asks of the case store about one message, answered for the worker, and
the call to `classify` with all of it."""

from mailrouter.cases.declarations import own_text
from mailrouter.cases.message_ids import ReporterMessageIds, answered_digest
from mailrouter.cases.reference import answered_case, answered_member_mail, party_case, referenced_case, sender_member
from mailrouter.cases.tokens import digest
from mailrouter.commands.records import asks_memory
from mailrouter.commands.parse import parse
from mailrouter.keyed import keyed_digest
from mailrouter.mail.quoting import split_own_text
from mailrouter.pipeline.classify import classify
from mailrouter.pipeline.item import Kind

MEMBER_COMMANDS = {"away", "back"}
ONE_KEY_PER_PARTY = {Kind.REPORTED_REPLY: "reported", Kind.REPORTED_TO_ALIAS: "reported",
               Kind.MODERATOR_REPLY: "moderator", Kind.MODERATOR_TO_ALIAS: "moderator"}      # what a member may send to the alias itself (issue 12)

# A Reply-All names a case reply address and the alias: one message, handled once as the reply
# it is, on the reply address's path (proof of the sender there; at the alias a subject alone
# is none: the reported person's words marked unconfirmed and their #review dropped, a member's
# held and answered with how to reply). The alias's copy of it is not run at all.
REPLY_KINDS = {Kind.REPORTER_REPLY, Kind.MEMBER_REPLY, Kind.REPORTED_REPLY, Kind.MODERATOR_REPLY}
ALIAS_COPIES = {Kind.REPORTER_TO_ALIAS, Kind.MEMBER_TO_ALIAS, Kind.REPORTED_TO_ALIAS, Kind.MODERATOR_TO_ALIAS,
                Kind.ANSWER_TO_MEMBERS, Kind.REPORTER_FORWARD}


class CaseLookups:
    def __init__(self, ctx):
        self.ctx = ctx

    def participant_of(self, token):
        """Who holds this reply address: "reporter", a member id, or None."""
        found = self.ctx.store.by_token.get(digest(token))
        if found is None and self.ctx.onboarding is not None:     # the welcome's reply address
            newcomer = self.ctx.onboarding.by_token(digest(token))
            return f"newcomer:{newcomer}" if newcomer else None
        return found[1] if found else None

    def classify(self, msg, meta, recipient, loop_header):
        """The kind of `msg` for `recipient`, with everything `classify` asks of the store."""
        mail_from = meta["mail_from"]
        return classify(msg, mail_from, recipient, self.ctx.replies, loop_header, self.participant_of,
                        self.member_about_case(mail_from), released=bool(meta.get("released")),
                        answered_case=self.answered_case, member_command=self.member_command(mail_from),
                        newcomer_answer=self.newcomer_answer(mail_from),
                        party_about_case=lambda msg: self.party_about_case(msg, mail_from),
                        answers_members=self.answers_members)

    def recipients(self, msg, meta, loop_header):
        """(recipient, kind, reason) for each recipient of a spool entry whose pipeline runs:
        each address once, and not the alias's copy of a reply to a case address (REPLY_KINDS),
        whatever that copy alone reads as (with a new subject and no reference: a report)."""
        seen, found = set(), []
        for recipient in meta["rcpt_tos"]:
            if recipient.lower() not in seen:
                seen.add(recipient.lower())
                found.append((recipient, *self.classify(msg, meta, recipient, loop_header)))
        if any(kind in REPLY_KINDS for _, kind, _ in found):
            # A committee member's Reply-All: its alias copy never runs. Anyone else's alias copy
            # that reads as a report (a witness who copies a member's case address) still does.
            member = sender_member(msg, meta["mail_from"], self.ctx.committee) is not None
            found = [each for each in found if each[1] not in ALIAS_COPIES
                     and not (member and self.ctx.replies.is_alias(each[0]))]
        return found

    def member_about_case(self, mail_from):
        """A test for a member's mail to the alias that is about one of their cases."""
        def about_case(msg):
            # `#cases` alone is a question to the committee's memory, never a report.
            return sender_member(msg, mail_from, self.ctx.committee) is not None and \
                (referenced_case(msg, self.ctx.store) is not None or asks_memory(msg) is not None)
        return about_case

    def member_command(self, mail_from):
        """A test for a member's mail to the alias that holds only #away or #back lines."""
        def only_availability(msg):
            if sender_member(msg, mail_from, self.ctx.committee) is None:
                return False
            commands, text = parse(split_own_text(own_text(msg))[0])
            return bool(commands) and not text and all(c.name in MEMBER_COMMANDS for c in commands)
        return only_availability

    def newcomer_answer(self, mail_from):
        """A test for a newcomer's mail to the alias that starts with #conflict or #no-conflicts."""
        def answers(msg):
            member = sender_member(msg, mail_from, self.ctx.committee)
            if member is None or self.ctx.onboarding is None or not self.ctx.onboarding.newcomer(member.email):
                return False
            commands, _ = parse(split_own_text(own_text(msg))[0])
            return bool(commands) and commands[0].name in ("conflict", "no-conflicts")
        return answers

    def party_about_case(self, msg, mail_from):
        """"reported" or "moderator" when the sender is one a case wrote to, writing about it."""
        found = party_case(msg, mail_from, self.ctx.store)
        return found[1].split(":", 1)[0] if found else None

    def answers_members(self, msg):
        """"digest" when `msg` answers our digest to members, "case" when it answers other mail of
        ours to members about a case, else None."""
        if answered_digest(msg):
            return "digest"
        return "case" if answered_member_mail(msg, self.ctx.store) else None

    def answered_case(self, msg):
        """How `msg` answers our mail to a reporter (signed Message-IDs, their case address
        copied, our subject), or None."""
        ids = ReporterMessageIds(self.ctx.secret, self.ctx.config.domain)
        return answered_case(msg, self.ctx.store, ids, self.ctx.replies)[1]

    def item_key(self, key, kind, recipient):
        """What marks the message processed on its case (D5): a report's own key; one key for
        the reporter's addition whichever address it came to (the alias and the case address
        both: added once), a keyed digest; one for the reported person's or a moderator's
        message, to their reply address or the alias or both; else one per recipient."""
        if kind is Kind.REPORT:
            return key
        if kind in (Kind.REPORTER_REPLY, Kind.REPORTER_TO_ALIAS, Kind.ANSWER_TO_MEMBERS, Kind.REPORTER_FORWARD):
            return "reporter:" + keyed_digest(self.ctx.secret, key).hex()[:40]
        if kind in ONE_KEY_PER_PARTY:      # the same for the reported person or a moderator, alias or not
            return f"{key}:{ONE_KEY_PER_PARTY[kind]}"
        return f"{key}:{recipient.lower()}"
