"""What the daemon and the CLI write into the audit log (mailrouter/audit.py), in one place.

A mail is recorded as sent when the relay answered 250 (`MailSent`, before the courier
notes the delivery): queueing is only an intention, and a queued mail that fails for good
was never sent. Recipients are written as roles, never as addresses.
"""

import logging
import sys

from mailrouter.audit import AuditLog
from mailrouter.clock import SystemClock, iso
from mailrouter.durable import fsync_file

log = logging.getLogger("mailrouter.audit")
REPORTER_KINDS = {"ack", "to-reporter", "status", "update", "forgery-notice", "consult"}
# CLI subcommands that only check or read the installation, not the committee's records.
NOT_RECORDED = {"serve", "check-config", "doctor", "audit"}


def recipient_role(config, meta):
    """'member:NAME', 'escalation', 'core team', 'admin', 'reporter', or 'other' (a sender answered)."""
    # The kind first: a member who reported is "reporter" on their acknowledgement, never
    # named. Only mail with a member's return path (case mail to members) names the member,
    # so a notice to a member who wrote to the alias does not say they did.
    if meta.get("kind") in REPORTER_KINDS:
        return "reporter"
    address = (meta.get("recipient") or "").lower()
    member = config.committee.member(address)
    if member is not None and meta.get("sender"):
        return f"member:{member.name}"
    if any(contact.email.lower() == address for contact in config.committee.escalation):
        return "escalation"
    if any(contact.email.lower() == address for contact in config.committee.core_team):
        return "core team"
    if config.admin and address == config.admin.lower():
        return "admin"
    return "other"


class MailSent:
    """The courier's records: one `mail-sent` record per mail the relay took (`Courier.records`).

    Written at once, on the courier's loop, unsynced, right after the relay's 250 and before
    the outbox notes it in `sent.log` (`Outbox.taken`); fsynced together, one fsync per
    courier pass or SYNC_SECONDS (`sync`, in a thread). A process kill (kill -9, OOM) loses
    none: a record is in the file before its mail's line is in `sent.log`, so a kill between
    the two re-sends the mail and records it twice, which is what happened. A power cut can
    lose the records written since the last fsync, at most one pass or SYNC_SECONDS: mails
    whose `sent.log` lines, written after them and never fsynced, could be lost with them
    (then the mail goes again and is recorded again), the trade-off `sent.log` makes.
    A failure to record is logged, never raised: the mail went, raising would only resend it.
    """

    def __init__(self, audit, config):
        self.audit = audit
        self.config = config
        self.unsynced = 0               # records written since the last fsync

    def now(self, meta):
        """Record without waiting; False if another writer holds the log (then: `waiting`)."""
        return self._record(meta, wait=False)

    def waiting(self, meta):
        """Record, waiting for the log's lock (in a thread, not on the loop)."""
        self._record(meta, wait=True)

    def fields(self, meta):
        """(fields, time) of the record of `meta`'s mail, for the relay process to write
        (outbound/relay_child.py), by our clock."""
        return self._fields(meta), iso(self.audit.clock.now())

    def sync(self):
        """fsync the records written since the last call (in a thread)."""
        if not self.unsynced:
            return
        self.unsynced = 0       # first: a record written during the fsync waits for the next
        try:
            fsync_file(self.audit.path)
        except Exception as error:   # not retried: Linux forgets the failed pages' error
            log.error("audit: delivery records could not be synced (%s)", error.__class__.__name__)

    def _record(self, meta, wait):
        try:
            if not self.audit.append_unsynced("mail-sent", self._fields(meta), wait=wait):
                return False
        except Exception as error:
            log.error("audit: a delivery could not be recorded (%s)", error.__class__.__name__)
            return True
        self.unsynced += 1
        return True


    def _fields(self, meta):
        return dict(kind=meta.get("kind"), case=meta.get("case"), to=recipient_role(self.config, meta))


def cli_action(config, args, exit_code):
    """Record an admin's `mailrouter` subcommand (its action and case, never its text)."""
    command = getattr(args, "command", None)
    if command in NOT_RECORDED or config is None or not _has_audit_log(config):
        return
    action = getattr(args, "action", None) or getattr(args, "queue_action", None)
    if getattr(args, "dry_run", False):
        action = f"{action or ''} dry-run".strip()
    code = getattr(args, "code", None)
    by = getattr(args, "chair", None)
    chair = config.committee.member(by) if by else None
    try:
        AuditLog(config.state_dir / "audit", SystemClock()).record(
            "cli", command=command, action=action, case=code, exit=exit_code,
            by=f"member:{chair.name}" if chair else "admin")
    except OSError as error:
        print(f"mailrouter: warning: the audit log could not record this ({error.strerror})", file=sys.stderr)


def _has_audit_log(config):
    """A state directory the daemon made, that this user may see into (else nothing was done)."""
    try:
        return (config.state_dir / "audit").is_dir()
    except OSError:
        return False
