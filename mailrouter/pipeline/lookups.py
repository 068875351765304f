"""What `classify` asks of the case store about one message, answered for the worker."""

from mailrouter.cases.message_ids import ReporterMessageIds
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

    def answered_case(self, msg):
        """The case whose mail to the reporter `msg` answers (signed Message-IDs), or None."""
        ids = ReporterMessageIds(self.ctx.secret, self.ctx.config.domain)
        return answered_case(msg, self.ctx.store, ids)[1]
