"""What the daemon and the CLI write into the audit log (mailrouter/audit.py), in one place.

A mail is recorded as sent when the relay answered 250 (`mail_sent`, before `sent.log`
notes the delivery): queueing is only an intention, and a queued mail that fails for good
was never sent. Recipients are written as roles, never as addresses.
"""

import sys

from mailrouter.audit import AuditLog
from mailrouter.clock import SystemClock, iso

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


def mail_sent(config, clock, meta):
    """The (fields, time) of the `mail-sent` record of `meta`'s mail, by our clock, computed
    once before each attempt and written at the relay's 250 by whoever hears it (the courier
    or the relay process: outbound/taken_notes.py)."""
    fields = dict(kind=meta.get("kind"), case=meta.get("case"), to=recipient_role(config, meta))
    return fields, iso(clock.now())


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
