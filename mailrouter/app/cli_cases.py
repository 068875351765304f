"""`mailrouter cases` and `mailrouter case show|reveal|release`: the admin's view of the cases.

Reading is done here; a change (a chair's reveal or release) is queued as a spool entry
that the daemon's worker runs, because the worker is the case store's only writer.
"""

import json
import sys

from mailrouter.app.exits import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE
from mailrouter.app.first_attempts import awaiting_first_attempt, sent_ids
from mailrouter.cases.codenames import unslug
from mailrouter.cases.store import CaseStore, UnknownCase
from mailrouter.clock import SystemClock
from mailrouter.outbound.outbox import DELETED, DELIVERED, WITHDRAWN

# What a message's `sent.log` line says of it (outbound/outbox.read_sent).
SENT_LOG_SAYS = {DELIVERED: "delivered", WITHDRAWN: "withdrawn (not sent)",
                 DELETED: "deleted by the admin (not sent)"}


def list_cases(config, args):
    codes, store = [], None
    if (config.state_dir / "cases").exists():        # nothing is created just to list
        store = CaseStore(config.state_dir / "cases", SystemClock())
        codes = store.codes()
    rows = [(code, case["created"], case.get("status", "new")) for code, case in
            ((code, store.get(code)) for code in codes)]
    if getattr(args, "json", False):
        print(json.dumps([{"code": c, "opened": o, "status": s} for c, o, s in rows], indent=2))
        return EXIT_OK
    if not rows:
        print("no cases")
        return EXIT_OK
    print(f"{'CODE NAME':<28} {'OPENED (UTC)':<26} STATUS")
    for code, opened, status in rows:
        print(f"{code:<28} {opened:<26} {status}")
    return EXIT_OK


def case_command(config, args):
    if args.action == "show":
        return show_case(config, args)
    if args.action == "export":
        from mailrouter.app.cli_records import export
        return export(config, args)
    return reveal(config, args)


def reveal(config, args):
    """`case reveal` and `case release`: a chair's decision, carried to the daemon by the spool."""
    from mailrouter.commands.admin import request_release, request_reveal

    if not args.reason or not args.chair:
        print(f"mailrouter: case {args.action} needs --reason and --chair", file=sys.stderr)
        return EXIT_USAGE
    if args.action == "release" and not args.attachment:
        print("mailrouter: case release needs the attachment's number (see `case show`)", file=sys.stderr)
        return EXIT_USAGE
    chair = config.committee.member(args.chair)
    if chair is None or not chair.active or "chair" not in chair.roles:
        print(f"mailrouter: {args.chair} is not an active member with the chair role", file=sys.stderr)
        return EXIT_USAGE
    store = CaseStore(config.state_dir / "cases", SystemClock())
    code = unslug(args.code)
    if not store.exists(code):
        print(f"mailrouter: no case named {code!r}", file=sys.stderr)
        return EXIT_NOT_FOUND
    if args.action == "release":
        listed = {a["number"] for a in store.get(code).get("attachments", [])}
        if args.attachment not in listed:
            print(f"mailrouter: case {code!r} has no attachment {args.attachment}", file=sys.stderr)
            return EXIT_NOT_FOUND
        entry = request_release(config, code, args.attachment, chair.email, args.reason)
        print(f"Release of attachment {args.attachment} of {code} queued as {entry}; the daemon logs it "
              "and sends the original to the members on the case.")
        return EXIT_OK
    entry = request_reveal(config, code, chair.email, args.reason)
    print(f"Reveal of {code} queued as {entry}; the daemon logs it and tells the eligible members.")
    return EXIT_OK


def show_case(config, args):
    from mailrouter.app.state import open_state
    from mailrouter.cases.eligibility import eligibility_for
    from mailrouter.casework.onboarding import committee_in_force
    from mailrouter.outbound.mailboxes import problem_lines
    from mailrouter.privacy.reporters import Reporters

    state = open_state(config, SystemClock(), create_keys=False)
    code = unslug(args.code)
    try:
        case = state.store.get(code)
        events = state.store.events(code)
    except UnknownCase:
        print(f"mailrouter: no case named {code!r}", file=sys.stderr)
        return EXIT_NOT_FOUND
    decision = eligibility_for(case, committee_in_force(config), Reporters(state.identities))
    print(f"Case:     {case['code']}")
    print(f"Opened:   {case['created']}")
    print(f"Status:   {case.get('status', 'new')}")
    for line in receipt_lines(case, state.outbox):
        print(line)
    print(f"Eligible now: {', '.join(decision.eligible_emails) or '-'}   (who new mail would reach; "
          "not who received what)")
    for attachment in case.get("attachments", []):
        print(f"Attachment {attachment['number']}: {attachment['shown_as'] or '(no name)'} "
              f"({attachment['type']}, {attachment['size']} bytes, {attachment['handling']})")
    for email, reason in sorted(decision.excluded.items()):
        print(f"Excluded: {email} ({reason})")
    for line in problem_lines(events):       # bounces from members' mailboxes (record_bounce)
        print(line)
    print("Events:")
    for event in events:
        detail = ", ".join(f"{k}={v}" for k, v in event.items() if k not in ("at", "kind", "by"))
        print(f"  {event['at']}  {event['kind']}  by {event.get('by', '-')}"
              + (f"  ({detail})" if detail else ""))
    return EXIT_OK


def receipt_lines(case, outbox):
    """Who actually received the case, what and when: the case's receipts (outbound/case_mail.py)
    with the outbox's word on each delivery; and its interim readers (casework/interim.py)."""
    lines = [f"Interim:  {r['name']} <{r['email']}> ({r['as']}) since {r['since']}, after {r['why']}"
             for r in case.get("interim", ())]
    receipts = case.get("receipts", ())
    waiting = awaiting_first_attempt(outbox) if receipts else {}
    # Read after the journal: a message delivered meanwhile is then "delivered", not "not sent".
    sent = sent_ids(outbox) if receipts else {}
    lines.append("Received: (when queued; delivery state from the outbox)" if receipts else "Received: -")
    for r in receipts:
        state = _delivery(outbox, r["entry"], waiting, sent)
        lines.append(f"  {r['at']}  {r['kind']:<10} {r['name']} <{r['to']}>  {state}")
    return lines


def _delivery(outbox, entry_id, waiting, sent):
    # Fresh reads, not the Outbox's own (made when this process opened it, before the journal).
    if entry_id in sent:
        return SENT_LOG_SAYS.get(sent[entry_id], sent[entry_id])
    if entry_id in outbox.failed_entries:
        return "failed"
    if entry_id in outbox.queue.files:
        return "queued"
    # No file: the running daemon holds it in memory (or, after a crash, its start will send it).
    return "waiting for its first attempt" if entry_id in waiting else "not sent (withdrawn or deleted)"

