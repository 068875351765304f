"""The `mailrouter` command.

Exit codes: 0 success; 1 runtime error; 2 usage error; 3 invalid configuration;
4 no such case; 5 the daemon holds the state directory (tick without --dry-run).
"""

import argparse
import asyncio
import os
import sys
from pathlib import Path

from mailrouter import __version__
from mailrouter.app import logs
from mailrouter.app.auditing import cli_action
from mailrouter.app.cli_audit import audit_arguments, audit_command
from mailrouter.app.cli_cases import case_command, list_cases
from mailrouter.app.cli_doctor import run_doctor
from mailrouter.app.cli_purge import purge_arguments, purge_command
from mailrouter.app.cli_sanctions import HELP as SANCTIONS_HELP, list_sanctions, sanctions_arguments
from mailrouter.app.cli_records import stats, stats_arguments, status, status_arguments
from mailrouter.app.cli_queue import HELP as QUEUE_HELP, queue_arguments, queue_command
from mailrouter.app.cli_errors import print_config_error, root_refusal, run_command
from mailrouter.app.cli_tick import run_tick
from mailrouter.app.exits import EXIT_CONFIG, EXIT_ERROR, EXIT_OK, EXIT_USAGE
from mailrouter.errors import ConfigError, MailrouterError
from mailrouter.settings.config import bundled_config_path, load_config
from mailrouter.settings.locations import find_config

# The worker, the intake and the courier share one interpreter. Each file or pipe operation of
# the worker's lets the GIL go, and taking it back waited up to the whole switch interval while
# the event loop ran (issue 11: py-spy put about a tenth of the worker's time there). A shorter
# interval hands it back sooner, for a few more switches.
GIL_SWITCH_SECONDS = 0.0005

CONFIG_HELP = ("daemon configuration file (default: $MAILROUTER_CONFIG, else "
               "$CONFIGURATION_DIRECTORY/mailrouter.yaml under systemd, else "
               "/etc/mailrouter/mailrouter.yaml, else the bundled example)")


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    if args.config and args.global_config and args.config != args.global_config:
        parser.error(f"--config given twice ({args.global_config} and {args.config})")
    path, searched = find_config(args.config or args.global_config, os.environ)
    if path is None:
        print(f"mailrouter: no configuration file given or found ({', '.join(searched)}); "
              f"using the bundled example {bundled_config_path()}, for trying mailrouter out only",
              file=sys.stderr)
    if args.command == "doctor":           # loads the configuration itself: a FAIL among others
        args.config = path
        return run_command(args.handler, None, args)
    try:
        config = load_config(path)
    except ConfigError as error:
        print_config_error(error)
        return EXIT_CONFIG
    code = run_command(args.handler, config, args)
    if not root_refusal(config, args.command):
        cli_action(config, args, code)         # every admin action goes into the audit log
    return code


def build_parser():
    parser = argparse.ArgumentParser(
        prog="mailrouter", description="Code of Conduct reports, routed by email.")
    parser.add_argument("--version", action="version", version=f"mailrouter {__version__}")
    # --config goes before or after the command; the two land in different places (a
    # subcommand's default would overwrite the main parser's value) and are merged in main().
    parser.add_argument("--config", dest="global_config", metavar="PATH", help=CONFIG_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name, handler, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--config", metavar="PATH", help=CONFIG_HELP)
        sub.set_defaults(handler=handler)
        return sub

    command("serve", serve, "run the daemon: SMTP intake, worker and outbound queue")
    command("check-config", check_config,
            "validate the configuration and committee files exactly as serve would")
    command("cases", list_cases, "list cases: code name, date, status (never report text)").add_argument(
        "--json", action="store_true", help="as JSON")
    sanctions_arguments(command("sanctions", list_sanctions, SANCTIONS_HELP))
    queue_arguments(command("queue", queue_command, QUEUE_HELP))
    _case_arguments(command("case", case_command, "show one case and its event log, export its report "
                            "document, reveal its reporter, or release an original attachment"))
    status_arguments(command("status", status, "the status spreadsheet: one row per case, the "
                             "procedure's columns, no reporter and no reported person"))
    stats_arguments(command("stats", stats, "transparency report: counts over a period, small "
                            "counts hidden, no case named"))
    _tick_arguments(command("tick", run_tick, "run the deadlines due at a time (the daemon does this "
                            "every minute by itself)"))
    _route_arguments(command("route", route_dry_run,
                             "show who would receive a report, without sending or storing anything"))
    purge_arguments(command("purge", purge_command, "the end of retention: purge what is due (the daemon "
                            "does this daily), or list what would go and when (--dry-run)"))
    audit_arguments(command("audit", audit_command, "check the audit log's hash chain, or print its head"))
    command("doctor", run_doctor, "check the installation: configuration, keys and permissions, "
            "local state directory, relay; OK or FAIL with what to do")
    return parser


def _case_arguments(show):
    show.add_argument("action", choices=["show", "export", "reveal", "release"],
                      help="show: the case and its log; export: its report document; reveal: tell the case's eligible members "
                           "who reported; release: send them the sealed original of an attachment "
                           "(each a chair's decision, logged)")
    show.add_argument("code", help='the code name, e.g. "quiet harbor" or quiet-harbor')
    show.add_argument("attachment", nargs="?", type=int,
                      help="release: the attachment's number (see `case show`)")
    show.add_argument("--reason", help="reveal, release: why (recorded in the case log and told to members)")
    show.add_argument("--format", choices=["md", "html", "pdf"], help="export: the format (default md)")
    show.add_argument("--output", metavar="FILE", help="export: write here (mode 0600), not standard output")
    show.add_argument("--chair", metavar="EMAIL",
                      help="reveal, release: the chair who decided (a member with role chair)")


def _route_arguments(route):
    route.add_argument("--dry-run", action="store_true", required=True,
                       help="required: route never sends from the command line")
    route.add_argument("file", help="the report as a .eml file")


def _tick_arguments(tick):
    tick.add_argument("--at", metavar="TIME", help="e.g. 2026-12-01T09:00 (local time unless an offset "
                                                   "is given); default: now")
    tick.add_argument("--dry-run", action="store_true",
                      help="print what would be sent and to whom, and change nothing")


def serve(config, args):
    from mailrouter.app.daemon import Daemon

    logs.configure(config.log_level)
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    try:
        daemon = Daemon(config)
        asyncio.run(daemon.serve_forever())
    except OSError as error:
        print(f"mailrouter: cannot start: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    except MailrouterError as error:
        print(f"mailrouter: cannot start: {error}", file=sys.stderr)
        return EXIT_ERROR
    if daemon.failure:                       # non-zero, so that systemd restarts the service
        print(f"mailrouter: stopped: {daemon.failure}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def check_config(config, args):
    committee = config.committee
    active = sum(1 for m in committee.members if m.active)
    print(f"{config.source}: OK")
    print(f"  alias {config.alias}, {_intake(config)}")
    print(f"  {len(committee.members)} members ({active} active), "
          f"{sum(len(v) for v in committee.conflicts.values())} declared conflicts, "
          f"{len(committee.escalation)} escalation contacts, {len(committee.reserves)} reserves")
    print(f"  outbound: {config.outbound.method}"
          + (f" to {config.outbound.smtp.host}:{config.outbound.smtp.port}" if config.outbound.smtp
             else f" into {config.outbound.maildir}"))
    policy = config.policy
    print(f"  policy: {policy.name}, routing {policy.routing}, decisions by {policy.decision_rule}"
          f" (quorum {policy.quorum:g}), min_readers {policy.min_readers}, time zone {policy.timezone}")
    print(f"  state directory: {config.state_dir}")
    return EXIT_OK


def _intake(config):
    """Where reports come in: the SMTP listener, or the IMAP folder and what follows intake."""
    imap = config.intake.imap
    if config.intake.method != "imap":
        return f"listening on {config.listen_host}:{config.listen_port}"
    after = f"move {imap.move_to}" if imap.move_to else "delete"
    return f"intake: IMAP folder {imap.folder} at {imap.host}:{imap.port} ({imap.security}), after intake: {after}"


def route_dry_run(config, args):
    from mailrouter.cases.eligibility import decide
    from mailrouter.casework.onboarding import committee_in_force
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
    decision = decide(committee_in_force(config), identity_parties(identity) + parties)   # + declared when joining
    print(f"Parties named in the report: {len(parties)} (besides the reporter)")
    for member in decision.eligible:
        print(f"  would receive:  {member.name} <{member.email}>")
    for reader in _stand_ins(config, identity_parties(identity) + parties, len(decision.eligible)):
        role = "escalation" if "escalation" in reader.roles else "reserve"
        print(f"  would receive:  {reader.name} <{reader.email}> (interim reader, {role}: fewer than "
              f"min_readers {config.policy.min_readers} members can)")
    for member in config.committee.members:
        reason = decision.excluded.get(member.email)
        if reason:
            # The reason class only: never which person a conflict is with.
            print(f"  excluded:       {member.name} <{member.email}>: {reason}")
    if identity.share:
        print("The reporter asked to share their identity with the committee.")
    return EXIT_OK


def _stand_ins(config, parties, readers):
    """The reserves, then escalation contacts, casework/interim.py would bring in, screened alike."""
    from mailrouter.cases.eligibility import decide

    chosen = []
    for candidate in config.committee.interim_pool:
        if readers + len(chosen) >= config.policy.min_readers:
            break
        if config.committee.member(candidate.email) is None and \
                candidate in decide(config.committee, parties, interim=[candidate]).eligible:
            chosen.append(candidate)
    return chosen


if __name__ == "__main__":
    sys.exit(main())
