"""Review reminders for sanctions (cases/sanctions.py): before a sanction's end date, on
it, and for a permanent ban every `sanction_review_every_days`, to the case's members.

Sanctions outlive their cases' resolution, so these are kept apart from the open cases'
deadlines (deadlines/when.py): the store indexes the cases that have sanctions
(`CaseStore.sanctioned`), and this keeps each one's next reminder in memory, as the
scheduler does for open cases. A reminder sent is recorded under the sanction's
`reminded`, and its outbox key is idempotent, so each goes out once.
"""

import logging

from mailrouter.casework.notices import tell_members
from mailrouter.cases.sanctions import next_review, pending_reviews
from mailrouter.clock import iso
from mailrouter.outbound.case_mail import audience

log = logging.getLogger("mailrouter.deadlines.scheduler")


class SanctionReviews:
    def __init__(self, ctx):
        self.ctx = ctx
        self.next_due = {}

    def rebuild(self):
        self.next_due.clear()
        for code in list(self.ctx.store.sanctioned):
            self.refresh(code)

    def refresh(self, code):
        if code not in self.ctx.store.sanctioned:
            return
        due = next_review(self.ctx.store.get(code), self.ctx.config.policy)
        if due is None:
            self.next_due.pop(code, None)
        else:
            self.next_due[code] = due

    def tick(self, now):
        done = []
        for code in [c for c, at in self.next_due.items() if at <= now]:
            done += self._remind(code, now)
            self.refresh(code)
        return done

    def _remind(self, code, now):
        done = []
        case = self.ctx.store.get(code)
        for review in pending_reviews(case, self.ctx.config.policy, now):
            sanction = case["sanctions"][review.number - 1]
            members = audience(self.ctx, case)
            tell_members(self.ctx, code, members, reminder_text(review, sanction), "reminder",
                         f"sanction:{code}:{review.number}:{review.key}:{review.at.date().isoformat()}",
                         subject="Reminder")
            sanctions = [dict(s) for s in case["sanctions"]]
            sanctions[review.number - 1]["reminded"] = dict(sanction.get("reminded", {}), **{review.key: iso(now)})
            case = self.ctx.store.update(code, {"sanctions": sanctions},
                                         event={"kind": "sanction review reminder", "by": "mailrouter",
                                                "number": review.number, "reminder": review.key})
            log.info("case %s: sanction %d review reminder (%s): %d member(s)", code, review.number,
                     review.key, len(members))
            done.append((code, f"sanction {review.number} review reminder ({review.key}): "
                               f"{len(members)} member(s)"))
        return done


def reminder_text(review, sanction):
    what = f"{sanction['kind']} against {', '.join(sanction.get('against', ()))}"
    if review.key == "before":
        when = f"ends on {sanction['until']}"
    elif review.key == "on":
        when = "ends today; review it"
    else:
        when = f"has been in force since {sanction['at'][:10]}: it is due for its periodic review"
    return (f"Sanction {review.number} on this case ({what}) {when}.\n\n{sanction['text']}\n\n"
            f"To end it early, reply #sanction end {review.number}; to extend it, record a new one with "
            "#sanction.")
