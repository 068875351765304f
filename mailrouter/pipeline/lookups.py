"""What `classify` asks of the case store about one message, answered for the worker."""

from mailrouter.cases.declarations import own_text
from mailrouter.cases.message_ids import ReporterMessageIds
from mailrouter.commands.parse import parse
from mailrouter.mail.quoting import split_own_text
from mailrouter.cases.reference import answered_case, referenced_case, sender_member
from mailrouter.cases.tokens import digest


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

    def member_about_case(self, mail_from):
        """A test for a member's mail to the alias that is about one of their cases."""
        def about_case(msg):
            return sender_member(msg, mail_from, self.ctx.committee) is not None and \
                referenced_case(msg, self.ctx.store) is not None
        return about_case

    def newcomer_answer(self, mail_from):
        """A test for a newcomer's mail to the alias that starts with #conflict or #no-conflicts."""
        def answers(msg):
            member = sender_member(msg, mail_from, self.ctx.committee)
            if member is None or self.ctx.onboarding is None or not self.ctx.onboarding.newcomer(member.email):
                return False
            commands, _ = parse(split_own_text(own_text(msg))[0])
            return bool(commands) and commands[0].name in ("conflict", "no-conflicts")
        return answers

    def answered_case(self, msg):
        """The case whose mail to the reporter `msg` answers (signed Message-IDs), or None."""
        ids = ReporterMessageIds(self.ctx.secret, self.ctx.config.domain)
        return answered_case(msg, self.ctx.store, ids)[1]
