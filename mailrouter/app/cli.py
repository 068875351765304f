"""The `mailrouter` command.

Exit codes: 0 success; 1 runtime error; 2 usage error; 3 invalid configuration;
4 no such case; 5 the daemon holds the state directory (tick without --dry-run).
"""

import argparse
import asyncio
import sys
from pathlib import Path

from mailrouter import __version__
from mailrouter.app import logs
from mailrouter.clock import SystemClock
from mailrouter.cases.codenames import unslug
from mailrouter.settings.config import load_config
from mailrouter.errors import ConfigError, MailrouterError
from mailrouter.cases.store import CaseStore, UnknownCase

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CONFIG, EXIT_NOT_FOUND, EXIT_BUSY = 0, 1, 2, 3, 4, 5


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"mailrouter: invalid configuration: {error}", file=sys.stderr)
        return EXIT_CONFIG
    return args.handler(config, args)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="mailrouter", description="Code of Conduct reports, routed by email.")
    parser.add_argument("--version", action="version", version=f"mailrouter {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name, handler, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--config", metavar="PATH",
                         help="daemon configuration file (default: the bundled example)")
        sub.set_defaults(handler=handler)
        return sub

    command("serve", serve, "run the daemon: SMTP intake, worker and outbound queue")
    command("check-config", check_config,
            "validate the configuration and committee files exactly as serve would")
    command("cases", list_cases, "list cases: code name, date, status (never report text)")
    show = command("case", case_command,
                   "show one case and its event log, reveal its reporter, or release an original attachment")
    show.add_argument("action", choices=["show", "reveal", "release"],
                      help="show: the case and its log; reveal: tell the case's eligible members "
                           "who reported; release: send them the sealed original of an attachment "
                           "(each a chair's decision, logged)")
    show.add_argument("code", help='the code name, e.g. "quiet harbor" or quiet-harbor')
    show.add_argument("attachment", nargs="?", type=int,
                      help="release: the attachment's number (see `case show`)")
    show.add_argument("--reason", help="reveal, release: why (recorded in the case log and told to members)")
    show.add_argument("--chair", metavar="EMAIL",
                      help="reveal, release: the chair who decided (a member with role chair)")
    tick = command("tick", run_tick,
                   "run the deadlines due at a time (the daemon does this every minute by itself)")
    tick.add_argument("--at", metavar="TIME", help="e.g. 2026-12-01T09:00 (local time unless an offset "
                                                   "is given); default: now")
    tick.add_argument("--dry-run", action="store_true",
                      help="print what would be sent and to whom, and change nothing")
    route = command("route", route_dry_run,
                    "show who would receive a report, without sending or storing anything")
    route.add_argument("--dry-run", action="store_true", required=True,
                       help="required: route never sends from the command line")
    route.add_argument("file", help="the report as a .eml file")
    return parser


def serve(config, args):
    from mailrouter.app.daemon import Daemon

    logs.configure(config.log_level)
    try:
        asyncio.run(Daemon(config).serve_forever())
    except OSError as error:
        print(f"mailrouter: cannot start: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    except MailrouterError as error:
        print(f"mailrouter: cannot start: {error}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def check_config(config, args):
    committee = config.committee
    active = sum(1 for m in committee.members if m.active)
    print(f"{config.source}: OK")
    print(f"  alias {config.alias}, listening on {config.listen_host}:{config.listen_port}")
    print(f"  {len(committee.members)} members ({active} active), "
          f"{sum(len(v) for v in committee.conflicts.values())} declared conflicts, "
          f"{len(committee.escalation)} escalation contacts")
    print(f"  outbound: {config.outbound.method}"
          + (f" to {config.outbound.smtp.host}:{config.outbound.smtp.port}" if config.outbound.smtp
             else f" into {config.outbound.maildir}"))
    policy = config.policy
    print(f"  policy: {policy.name}, routing {policy.routing}, decisions by {policy.decision_rule}"
          f" (quorum {policy.quorum:g}), time zone {policy.timezone}")
    print(f"  state directory: {config.state_dir}")
    return EXIT_OK


def list_cases(config, args):
    store = CaseStore(config.state_dir / "cases", SystemClock())
    codes = store.codes()
    if not codes:
        print("no cases")
        return EXIT_OK
    print(f"{'CODE NAME':<28} {'OPENED (UTC)':<26} STATUS")
    for code in codes:
        case = store.get(code)
        print(f"{code:<28} {case['created']:<26} {case.get('status', 'new')}")
    return EXIT_OK


def case_command(config, args):
    if args.action == "show":
        return show_case(config, args)
    return reveal(config, args)


def route_dry_run(config, args):
    from mailrouter.cases.eligibility import decide
    from mailrouter.mail.message import parse
    from mailrouter.cases.parties import named_parties
    from mailrouter.privacy.identify import reporter_identity
    from mailrouter.privacy.reporters import identity_parties

    try:
        raw = Path(args.file).read_bytes()
    except OSError as error:
        print(f"mailrouter: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return EXIT_ERROR
    msg = parse(raw)
    identity = reporter_identity(msg, raw, "", config.committee, {config.alias.lower()})
    parties = named_parties(msg, config.committee, identity)
    decision = decide(config.committee, identity_parties(identity) + parties)
    print(f"Parties named in the report: {len(parties)} (besides the reporter)")
    for member in decision.eligible:
        print(f"  would receive:  {member.name} <{member.email}>")
    for member in config.committee.members:
        reason = decision.excluded.get(member.email)
        if reason:
            # The reason class only: never which person a conflict is with.
            print(f"  excluded:       {member.name} <{member.email}>: {reason}")
    if identity.share:
        print("The reporter asked to share their identity with the committee.")
    return EXIT_OK


def run_tick(config, args):
    from mailrouter.deadlines.scheduler import parse_at

    try:
        at = parse_at(args.at) if args.at else SystemClock().now()
    except ValueError:
        print(f"mailrouter: --at: not a time like 2026-12-01T09:00: {args.at!r}", file=sys.stderr)
        return EXIT_USAGE
    return tick_preview(config, at) if args.dry_run else tick_now(config, at)


def tick_now(config, at):
    from mailrouter.clock import FixedClock
    from mailrouter.app.daemon import Daemon, StateLocked, hold_state_lock

    try:
        lock = hold_state_lock(config.state_dir)
    except StateLocked:
        print("mailrouter: the daemon is running on this state directory and runs due deadlines every "
              "minute by itself; nothing was done. Use --dry-run to preview.", file=sys.stderr)
        return EXIT_BUSY
    try:
        daemon = Daemon(config, clock=FixedClock(at))
        done = daemon.worker.run_tick_after_rebuild(at)
        asyncio.run(_deliver(daemon))
    finally:
        lock.close()
    for code, what in done:
        print(f"{code}: {what}")
    print(f"{len(done)} deadline(s) run at {at.isoformat()}")
    return EXIT_OK


def tick_preview(config, at):
    import dataclasses
    import shutil
    import tempfile

    from mailrouter.clock import FixedClock
    from mailrouter.app.daemon import Daemon
    from mailrouter.outbound.transports import PreviewTransport

    # A throwaway copy, removed below: nothing here must survive a crash, so no durable.py.
    scratch = Path(tempfile.mkdtemp(prefix=".tick-preview-", dir=config.state_dir.parent))
    try:
        copy = scratch / "state"
        shutil.copytree(config.state_dir, copy, ignore=shutil.ignore_patterns("daemon.lock"))
        preview = PreviewTransport()
        daemon = Daemon(dataclasses.replace(config, state_dir=copy), clock=FixedClock(at), transport=preview)
        done = daemon.worker.run_tick_after_rebuild(at)
        asyncio.run(_deliver(daemon))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"At {at.isoformat()} (dry run: nothing was sent or changed):")
    for code, what in done:
        print(f"  {code}: {what}")
    for recipient, subject in preview.sent:
        print(f"  would send to {recipient}: {subject}")
    if not done:
        print("  nothing is due")
    return EXIT_OK


async def _deliver(daemon):
    await daemon.courier.drain_once()
    await daemon.transport.close()


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
    from mailrouter.app.daemon import open_state
    from mailrouter.cases.eligibility import eligibility_for
    from mailrouter.privacy.reporters import Reporters

    state = open_state(config, SystemClock(), create_keys=False)
    code = unslug(args.code)
    try:
        case = state.store.get(code)
        events = state.store.events(code)
    except UnknownCase:
        print(f"mailrouter: no case named {code!r}", file=sys.stderr)
        return EXIT_NOT_FOUND
    decision = eligibility_for(case, config.committee, Reporters(state.identities))
    print(f"Case:     {case['code']}")
    print(f"Opened:   {case['created']}")
    print(f"Status:   {case.get('status', 'new')}")
    print(f"Eligible: {', '.join(decision.eligible_emails) or '-'}")
    for attachment in case.get("attachments", []):
        print(f"Attachment {attachment['number']}: {attachment['shown_as'] or '(no name)'} "
              f"({attachment['type']}, {attachment['size']} bytes, {attachment['handling']})")
    for email, reason in sorted(decision.excluded.items()):
        print(f"Excluded: {email} ({reason})")
    print("Events:")
    for event in events:
        detail = ", ".join(f"{k}={v}" for k, v in event.items() if k not in ("at", "kind", "by"))
        print(f"  {event['at']}  {event['kind']}  by {event.get('by', '-')}"
              + (f"  ({detail})" if detail else ""))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
