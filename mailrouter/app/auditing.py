"""What the daemon and the CLI write into the audit log (mailrouter/audit.py), in one place.

A mail is recorded as sent when the relay answered 250 (the courier calls `mail_sent`
before it records the delivery, so a crash between the two re-sends and records twice,
which is what happened, and never leaves a sent mail unrecorded): queueing is only an
intention, and a queued mail that fails for good was never sent. Recipients are written
as roles, never as addresses.
"""

import logging
import sys

from mailrouter.audit import AuditLog
from mailrouter.clock import SystemClock

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


def mail_sent(audit, config, meta):
    """The courier's hook: one record per delivery. A failure to record is logged, never
    raised: the mail went, and raising would only send it again."""
    try:
        audit.record("mail-sent", kind=meta.get("kind"), case=meta.get("case"), to=recipient_role(config, meta))
    except Exception as error:
        log.error("audit: a delivery could not be recorded (%s)", error.__class__.__name__)


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
