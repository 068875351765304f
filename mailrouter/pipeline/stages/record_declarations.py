"""Record what the report says of itself: on someone's behalf, anonymous, pre-event (issue 14).

- Sent by a delegate (members.yaml `delegates:`) or a member passing on someone else's
  report (privacy/identify.py made them its messenger, not a protected person): `delegate`
  is their name, and their `Actions taken:` section is `delegate_summary`, taken from the
  clean copy, so it names nobody the report's reporter protection removes.
- `Anonymous: yes`: `anonymous` is true; `forget_reporter` drops the identity once the
  acknowledgement is queued.
- `Concern: pre-event` (and `Event date:`): `concern` and `event_date`, for the wording of
  the mail to the reporter and the members' reminder on the event date (deadlines/).

Each becomes a note in the members' forward. Reads: raw, msg, identity, report, code, notes.
Sets: notes (the members' notes, kept on the case as well).
"""

from mailrouter.cases import report_marks
from mailrouter.mail.message import body_text


def run(item, ctx):
    messenger = _messenger(item.identity, ctx.committee)
    if messenger is None and not report_marks.may_carry_marks(item.raw):
        return
    words = report_marks.own_words(body_text(item.msg))
    changes, notes = {}, []
    if messenger is not None:
        summary = report_marks.actions_taken(report_marks.own_words(body_text(item.report)))
        changes.update(delegate=messenger.name, delegate_summary=summary or None)
        notes.append(_passed_on(messenger, ctx.committee, summary))
    if report_marks.is_anonymous(words):
        changes["anonymous"] = True
        notes.append("The reporter asked to stay anonymous: no follow-up with them is possible, and "
                     "mailrouter keeps nothing of who they are.")
    if report_marks.is_pre_event(words):
        day = report_marks.event_date(words)
        changes.update(concern="pre-event", event_date=day)
        notes.append("A pre-event concern: the reporter asks for a safety arrangement for an upcoming "
                     "event" + (f" on {day}; you will be reminded that day." if day else
                                " (no `Event date:` line was given)."))
    if not changes:
        return
    item.notes = [*item.notes, *notes]
    ctx.store.update(item.code, dict(changes, notes=list(item.notes)),
                     event={"kind": "declarations recorded", "by": "mailrouter", "fields": sorted(changes)})


def _passed_on(messenger, committee, summary):
    role = "a delegate" if committee.delegate(messenger.email) else "a committee member"
    return (f"Passed on by {messenger.name}, {role}; the original reporter is protected. "
            + (f"Their summary of actions taken:\n{summary}" if summary else
               "They gave no summary of actions taken (an `Actions taken:` line)."))


def _messenger(identity, committee):
    """The delegate or member who sent the report, when they are not among its protected people."""
    author = identity.reply_address.lower() if identity is not None else ""
    person = committee.delegate(author) or committee.member(author)
    if person is None:
        return None
    protected = {a.lower() for _, emails in identity.people for a in emails}
    return None if author in protected or not identity.people else person
