"""The scheduler: runs due deadlines and the weekly digest, exactly once each.

It keeps, in memory, the next due time of every open case (built at start-up from the
case store, refreshed whenever the worker changes a case), so a tick looks only at cases
that are due: its cost grows with due work, not with the number of cases, and closed
cases are never looked at. It runs in the worker thread, the case store's only writer.
"""

import json
import logging
from datetime import datetime, timedelta

from mailrouter.casework.availability import away_list, refresh as refresh_availability
from mailrouter.cases.message_ids import DIGEST_SUBJECT, digest_message_id
from mailrouter.cases.sheet import SHEET_COLUMNS, sheet_csv, sheet_row
from mailrouter.deadlines import actions as clocks, retention
from mailrouter.outbound.case_mail import audience, return_path
from mailrouter.clock import iso
from mailrouter.deadlines.onboarding import remind_newcomers
from mailrouter.deadlines.sanction_reviews import SanctionReviews
from mailrouter.deadlines.when import is_open, next_due, pending
from mailrouter.durable import atomic_write
from mailrouter.settings.policy import WEEKDAYS

log = logging.getLogger("mailrouter.deadlines.scheduler")
PURGE_CHECK = timedelta(days=1)


class Scheduler:
    def __init__(self, ctx, state_dir):
        self.ctx = ctx
        self.digest_record = state_dir / "digests.json"
        self.next_due = {}
        self.purges_checked = None
        self.sanctions = SanctionReviews(ctx)      # reminders that outlive a case's resolution

    def rebuild(self):
        """Index every open case's next deadline (at start-up; re-times on a policy change)."""
        self.next_due.clear()
        for code in list(self.ctx.store.open_codes):
            self.refresh(code)
        self.sanctions.rebuild()

    def refresh(self, code):
        """Re-read one case after it changed."""
        self.sanctions.refresh(code)
        case = self.ctx.store.get(code)
        due = next_due(case, self.ctx.config.policy) if is_open(case) else None
        if due is None:
            self.next_due.pop(code, None)
        else:
            self.next_due[code] = due

    def tick(self, now=None):
        """Run everything due at `now`; return (code or '-', what was done) for each."""
        now = now or self.ctx.clock.now()
        done = [("-", "a member is back: catch-up sent") for _ in refresh_availability(self.ctx, now)]
        for code in [c for c, at in self.next_due.items() if at <= now]:
            done += self._run_case(code, now)
        done += self._digests(now)
        done += self._purges(now)
        done += remind_newcomers(self.ctx, now)
        done += self.sanctions.tick(now)
        return done

    def _purges(self, now):
        """Cases whose retention ended, checked once a day and at start-up (it reads every case)."""
        if self.purges_checked is not None and now - self.purges_checked < PURGE_CHECK:
            return []
        self.purges_checked = now
        return retention.purge_due(self.ctx, now)

    def _run_case(self, code, now):
        done = []
        case = self.ctx.store.get(code)
        for due in sorted(pending(case, self.ctx.config.policy), key=lambda d: d.at):
            if due.at > now:
                break
            what = clocks.fire(self.ctx, code, due)
            case = self.ctx.store.get(code)
            self.ctx.store.update(code, {"fired": dict(case.get("fired", {}), **{due.key: iso(now)})},
                                  event={"kind": "deadline", "by": "mailrouter", "deadline": due.key})
            log.info("case %s: deadline %s: %s", code, due.key, what)
            done.append((code, f"{due.key}: {what}"))
        self.refresh(code)
        return done

    # -- the weekly digest ------------------------------------------------------------------
    def _digests(self, now):
        policy = self.ctx.config.policy
        if policy.digest is None:
            return []
        moment = last_digest_moment(now, policy)
        record = self._digest_state()
        if record.get("last", "") >= moment.isoformat():
            return []
        sent, audited = self._send_digests(moment, now, record.get("audited", 0))
        atomic_write(self.digest_record, json.dumps({"last": moment.isoformat(), "audited": audited}).encode())
        return [("-", f"digest of {moment.date().isoformat()}: {sent} member(s)")]

    def _send_digests(self, moment, now, audited_before):
        rows_by_member = {}
        for code in sorted(self.ctx.store.open_codes):
            case = self.ctx.store.get(code)
            row = sheet_row(case)
            upcoming = pending(case, self.ctx.config.policy)
            row["Next deadline"] = min((d.at for d in upcoming), default=None)
            row["Overdue"] = ", ".join(d.key for d in upcoming if d.at <= now)
            for member in audience(self.ctx, case):
                rows_by_member.setdefault(member.email, (member, []))[1].append(row)
        chairs, audit = self._chairs(rows_by_member, audited_before)
        for member, rows in rows_by_member.values():
            body = self.ctx.composer.render("digest.txt.j2", rows=rows, member=member.name,
                                            columns=SHEET_COLUMNS, when=moment.date().isoformat(),
                                            away=away_list(self.ctx),
                                            audit=audit if member in chairs else None)
            msg = self.ctx.composer.message(
                to=member.email, to_name=member.name, auto_submitted="auto-generated",
                subject=f"{DIGEST_SUBJECT} ({len(rows)})", body=body)
            msg.replace_header("Message-ID", digest_message_id(self.ctx.config.domain))
            msg.add_attachment(sheet_csv(rows).encode("utf-8"), maintype="text", subtype="csv",
                               filename=f"cases-{moment.date().isoformat()}.csv")
            key = f"digest:{moment.isoformat()}:{member.email.lower()}"
            # Its rows' cases, so the send-time screen withdraws it if one may no longer reach them.
            self.ctx.outbox.enqueue(key, return_path(self.ctx, key, member.email), member.email,
                                    self.ctx.composer.as_bytes(msg), kind="digest",
                                    cases=[row["Code Name"] for row in rows])
        self.ctx.poke()
        return len(rows_by_member), audit[0]

    def _chairs(self, rows_by_member, audited_before):
        """The active chairs, and the audit log's (count, head) their digest carries.

        A chair hears the head every week the log grew, cases or not: a log rewritten on the
        server no longer holds the record whose hash their mailbox keeps (issue 13).
        """
        chairs = [m for m in self.ctx.committee.members if m.active and "chair" in m.roles]
        audit = self.ctx.audit.head()
        if audit[0] > audited_before:
            for chair in chairs:
                rows_by_member.setdefault(chair.email, (chair, []))
        return chairs, audit

    def _digest_state(self):
        try:
            return json.loads(self.digest_record.read_bytes())
        except FileNotFoundError:
            return {}


def last_digest_moment(now, policy):
    """The latest digest time at or before `now`, in the policy's time zone."""
    local = now.astimezone(policy.zone)
    hours, minutes = (int(x) for x in policy.digest.time.split(":"))
    days_back = (local.weekday() - WEEKDAYS.index(policy.digest.day)) % 7
    moment = (local - timedelta(days=days_back)).replace(hour=hours, minute=minutes, second=0, microsecond=0)
    if moment > local:
        moment -= timedelta(days=7)
    return moment


def parse_at(text):
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.now().astimezone().tzinfo)
