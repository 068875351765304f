"""Commands members give by email: lines starting with `#` at the top of a reply.

Each handler changes the case and returns a one-line confirmation, or raises
CommandError with the reason; the stage that runs them sends the author one reply with a
line per command and records every command in the case log with its date and author.
"""

import email
import re
from dataclasses import dataclass, field
from email import policy
from datetime import timedelta

from mailrouter.outbound.case_mail import audience, to_members, to_reporter
from mailrouter.clock import iso
from mailrouter.cases.declarations import reported_people
from mailrouter.cases.decisions import VOTES, outcome
from mailrouter.cases.eligibility import eligibility_for, party_from_record, party_record, same_person
from mailrouter.errors import MailrouterError
from mailrouter.privacy.reporter_text import for_reporter
from mailrouter.settings.yaml_source import parse_duration

COMMAND_LINE = re.compile(r"^#(?P<name>[a-z][a-z-]*)\b[ \t]*(?P<arg>.*?)\s*$", re.IGNORECASE)
STATUSES = ("new", "investigating", "waiting", "resolved", "closed")
HELP = """Commands (on lines of their own at the top of your reply; several are fine):
  #help                          this list
  #status new|investigating|waiting|resolved|closed
  #safety-risk yes|no            #repeat-risk yes|no|maybe
  #action TEXT                   an action needed (status spreadsheet)
  #resolution TEXT               the resolution (status spreadsheet)
  #note TEXT                     recorded in the case log, not sent to anyone
  #reported NAME <EMAIL>         record the reported person (members with a conflict leave the case)
  #to-reporter                   the text below goes to the reporter, signed by the committee
  #propose TEXT                  open a proposal for the committee to vote on
  #vote yes|no|abstain           vote on the open proposal
  #recuse [public]               leave this case (others are told someone recused; `public`: who)
  #no-conflict                   (when asked) you have no conflict: you will receive the report
  #escalate                      send a code-named summary to the escalation contacts
  #eta 2w                        the projected timeline told to the reporter when the target passes
  #acted TEXT                    record an urgent action taken alone (another member must #confirm)
  #confirm N                     confirm urgent action N on behalf of the committee
Anything below the commands is shared with the other committee members on the case."""


class CommandError(MailrouterError):
    pass


@dataclass
class Command:
    line: int
    name: str
    arg: str


@dataclass
class Reply:
    """One member's reply being processed."""

    ctx: object
    code: str
    member: object
    text: str = ""                 # the words below the commands
    full_text: str = ""            # everything below the commands, quotes included (#to-reporter sorts it)
    confirmations: list = field(default_factory=list)
    text_used: bool = False        # #to-reporter took the text: nothing left to relay


def parse(own_text):
    """(commands, text below them). Commands are the `#` lines at the top."""
    lines = own_text.replace("\r\n", "\n").split("\n")
    commands, index = [], 0
    while index < len(lines):
        line = lines[index].strip()
        match = COMMAND_LINE.match(line)
        if match:
            commands.append(Command(index + 1, match.group("name").lower(), match.group("arg")))
        elif line:
            break
        index += 1
    return commands, "\n".join(lines[index:]).strip()


def run(reply, command):
    handler = HANDLERS.get(command.name)
    if handler is None:
        raise CommandError(f"unknown command #{command.name}\n\n{HELP}")
    return handler(reply, command.arg)


# -- the spreadsheet columns ------------------------------------------------------------
def set_status(reply, arg):
    status = arg.lower()
    if status not in STATUSES:
        raise CommandError(f"status must be one of: {', '.join(STATUSES)}")
    changes = {"status": status}
    if status in ("resolved", "closed"):
        changes[f"{status}_at"] = iso(reply.ctx.clock.now())
    reply.ctx.store.update(reply.code, changes)
    return f"status is now {status}"


def choice_setter(field_name, options):
    def handler(reply, arg):
        value = arg.lower()
        if value not in options:
            raise CommandError(f"answer with {' or '.join(options)}")
        reply.ctx.store.update(reply.code, {field_name: value})
        return f"{field_name.replace('_', ' ')} recorded: {value}"
    return handler


def add_action(reply, arg):
    text = _required(arg, "#action needs the action on the same line")
    case = reply.ctx.store.get(reply.code)
    reply.ctx.store.update(reply.code, {"actions": case.get("actions", []) + [text]})
    return "action recorded"


def set_resolution(reply, arg):
    reply.ctx.store.update(reply.code, {"resolution": _required(arg, "#resolution needs the text")})
    return "resolution recorded"


def note(reply, arg):
    _required(arg, "#note needs the note on the same line")
    return "note recorded (not sent to anyone)"


def show_help(reply, arg):
    return HELP


# -- people ---------------------------------------------------------------------------------
def recuse(reply, arg):
    ctx, code = reply.ctx, reply.code
    case = ctx.store.get(code)
    others = [m for m in audience(ctx, case) if m.email != reply.member.email]
    ctx.store.update(code, {"access": dict(case.get("access", {}), **{reply.member.email.lower(): "recused"})})
    who = reply.member.name if arg.lower() == "public" else "A committee member"
    _tell(ctx, code, others, f"{who} recused from this case.", "recusal", f"recuse:{reply.member.email}")
    return "you have recused: you will receive nothing more about this case"


def reported(reply, arg):
    ctx, code = reply.ctx, reply.code
    people = reported_people(f"Reported person: {_required(arg, '#reported needs a name or an email')}")
    case = ctx.store.get(code)
    before = {m.email for m in eligibility_for(case, ctx.committee, ctx.reporters).eligible}
    parties = list(case.get("parties", []))
    for person in people + ctx.committee.people_named_in(arg):
        if not any(same_person(person, p) for p in _persons(parties)):
            parties.append(party_record(person))
    ctx.store.update(code, {"parties": parties, "reported": arg})
    case = ctx.store.get(code)
    after = {m.email for m in eligibility_for(case, ctx.committee, ctx.reporters).eligible}
    leaving = [m for m in ctx.committee.members if m.email in before - after]
    for member in leaving:   # one short notice, no case content
        _tell(ctx, code, [member], "You have a conflict with, or are involved in, this case. You will "
              "receive nothing more about it.", "removed", f"removed:{member.email}")
    asked = ask_for_conflicts(ctx, code) if case.get("stage") == "triage" else 0
    return (f"reported person recorded; {len(leaving)} member(s) left the case"
            + (f"; {asked} member(s) asked about conflicts" if asked else ""))


def ask_for_conflicts(ctx, code):
    """Triage: ask eligible members without access whether they have a conflict."""
    case = ctx.store.get(code)
    access = dict(case.get("access", {}))
    pending = [m for m in eligibility_for(case, ctx.committee, ctx.reporters).eligible
               if m.email.lower() not in access]
    access.update({m.email.lower(): "asked" for m in pending})
    ctx.store.update(code, {"access": access, "stage": "conflict-check"})
    body = ctx.composer.render("conflict_check.txt.j2", code=code, reported=case.get("reported", ""))
    msg = ctx.composer.unaddressed(subject=f"[{code}] Conflict check for a new case", body=body)
    return to_members(ctx, code, pending, msg, "conflict-check", f"conflict-check:{code}")


def no_conflict(reply, arg):
    from mailrouter.pipeline.stages.forward import forward_stored_report

    case = reply.ctx.store.get(reply.code)
    state = case.get("access", {}).get(reply.member.email.lower())
    if state == "granted":
        return "you already receive this case"
    if state != "asked":
        raise CommandError("you were not asked about a conflict for this case")
    eligible = eligibility_for(case, reply.ctx.committee, reply.ctx.reporters).eligible
    if not any(m.email == reply.member.email for m in eligible):
        raise CommandError("you can no longer join this case")
    access = dict(case["access"], **{reply.member.email.lower(): "granted"})
    reply.ctx.store.update(reply.code, {"access": access})
    forward_stored_report(reply.ctx, reply.code, [reply.member])
    return "thank you: the report is on its way to you"


# -- the reporter -----------------------------------------------------------------------------
def held_back_message(held):
    shown = "\n".join(f"    {line}" for line in held.splitlines()[:12])
    return ("nothing was sent to the reporter. Below your words there is text that looks like "
            "earlier mail, and it could not be recognised as quoted mail to leave out:\n\n"
            f"{shown}\n\nDelete it and send again, or, if it is meant for the reporter, start "
            "with `#to-reporter as-is` (member names and addresses are still removed).")


def to_the_reporter(reply, arg):
    ctx, code = reply.ctx, reply.code
    as_is = arg.strip().lower() in ("as-is", "as is")
    text = "\n".join(t for t in ("" if as_is else arg, reply.full_text or reply.text) if t).strip()
    if not text:
        raise CommandError("#to-reporter needs the text to send, below the command")
    prepared = for_reporter(text, reply.member, ctx.committee, as_is=as_is)
    if prepared.held_back:
        raise CommandError(held_back_message(prepared.held_back))
    clean = prepared.text
    if not clean:
        raise CommandError("#to-reporter found no words of yours to send (only quoted mail)")
    body = ctx.composer.render("to_reporter.txt.j2", code=code, text=clean)
    msg = ctx.composer.unaddressed(subject=f"[{code}] A message from the committee", body=body)
    stamp = iso(ctx.clock.now())
    to_reporter(ctx, code, msg, "to-reporter", f"to-reporter:{code}:{stamp}:{reply.member.email}")
    case = ctx.store.get(code)
    ctx.store.update(code, {"followups": case.get("followups", []) + [{"at": stamp, "text": clean}],
                            "last_followup": stamp})
    others = [m for m in audience(ctx, case) if m.email != reply.member.email]
    _tell(ctx, code, others, f"{reply.member.name} wrote to the reporter for the committee:\n\n{clean}",
          "to-reporter-copy", f"to-reporter-copy:{stamp}")
    reply.text_used = True
    return "sent to the reporter, signed by the committee; the other members have a copy"


# -- decisions ----------------------------------------------------------------------------------
def propose(reply, arg):
    ctx, code = reply.ctx, reply.code
    text = _required(arg or reply.text, "#propose needs the proposal")
    if not arg:
        reply.text_used = True         # the text below the command was the proposal
    case = ctx.store.get(code)
    proposals = list(case.get("proposals", []))
    number = len(proposals) + 1
    proposals.append({"number": number, "text": text, "by": reply.member.email.lower(),
                      "opened": iso(ctx.clock.now()), "status": "open", "votes": {}})
    ctx.store.update(code, {"proposals": proposals})
    _tell(ctx, code, audience(ctx, case), f"{reply.member.name} proposes (proposal {number}):\n\n{text}\n\n"
          f"Reply with #vote yes, #vote no or #vote abstain. Rule: {ctx.config.policy.decision_rule}.",
          "proposal", f"proposal:{number}")
    return f"proposal {number} opened and sent to the committee"


def vote(reply, arg):
    ctx, code = reply.ctx, reply.code
    choice = arg.lower().strip()
    if choice not in VOTES:
        raise CommandError("vote yes, no or abstain")
    case = ctx.store.get(code)
    proposals = list(case.get("proposals", []))
    open_ones = [p for p in proposals if p["status"] == "open"]
    if not open_ones:
        raise CommandError("there is no open proposal to vote on")
    proposal = open_ones[-1]
    proposal["votes"] = dict(proposal["votes"], **{reply.member.email.lower(): choice})
    members = audience(ctx, case)
    result = outcome(proposal, [m.email for m in members], ctx.config.policy.decision_rule,
                     ctx.config.policy.quorum)
    if result:
        proposal["status"], proposal["decided"] = result, iso(ctx.clock.now())
    ctx.store.update(code, {"proposals": proposals})
    if result:
        ctx.store.log(code, f"proposal {proposal['number']} {result}", by="mailrouter",
                      rule=ctx.config.policy.decision_rule)
        _tell(ctx, code, members, f"Proposal {proposal['number']} {result}:\n\n{proposal['text']}",
              "decision", f"decision:{proposal['number']}")
    return f"vote recorded on proposal {proposal['number']}" + (f"; it {result}" if result else "")


def escalate(reply, arg):
    ctx, code = reply.ctx, reply.code
    sent = escalate_case(ctx, code, reason=f"requested by a committee member{': ' + arg if arg else ''}")
    if not sent:
        raise CommandError("no escalation contacts are configured in members.yaml")
    return f"a code-named summary went to {sent} escalation contact(s)"


def escalate_case(ctx, code, reason):
    """A summary without identity or report text to the escalation contacts."""
    case = ctx.store.get(code)
    contacts = ctx.committee.escalation
    report_text = None
    if ctx.config.policy.escalation_includes_report:      # the scrubbed copy: never the identity
        report = email.message_from_bytes(ctx.store.report(code), policy=policy.default)
        body_part = report.get_body(preferencelist=("plain",))
        report_text = body_part.get_content() if body_part is not None else ""
    body = ctx.composer.render("escalation.txt.j2", code=code, case=case, reason=reason,
                               members=len(audience(ctx, case)), report_text=report_text)
    msg = ctx.composer.unaddressed(subject=f"[{code}] Escalated to you", body=body,
                                   auto_submitted="auto-generated")
    stamp = iso(ctx.clock.now())
    for contact in contacts:
        ctx.composer.address(msg, to=contact.email, to_name=contact.name)
        ctx.outbox.enqueue(f"escalation:{code}:{stamp}:{contact.email}", "", contact.email,
                           ctx.composer.as_bytes(msg), kind="escalation", case=code)
    ctx.store.update(code, {"escalated": stamp}, event={"kind": "escalated", "by": "mailrouter",
                                                         "reason": reason, "contacts": len(contacts)})
    ctx.poke()
    return len(contacts)


def set_eta(reply, arg):
    try:
        seconds = parse_duration(_required(arg, "#eta needs a duration such as 10d or 2w"))
    except ValueError as error:
        raise CommandError(str(error))
    eta = reply.ctx.clock.now() + timedelta(seconds=seconds)
    reply.ctx.store.update(reply.code, {"eta": iso(eta)})
    return f"projected resolution recorded: {eta.date().isoformat()}"


def acted(reply, arg):
    ctx, code = reply.ctx, reply.code
    text = _required(arg, "#acted needs what you did, on the same line")
    case = ctx.store.get(code)
    actions = list(case.get("acted", []))
    number = len(actions) + 1
    actions.append({"number": number, "by": reply.member.email.lower(), "at": iso(ctx.clock.now()),
                    "text": text, "confirmed": None})
    ctx.store.update(code, {"acted": actions})
    others = [m for m in audience(ctx, case) if m.email != reply.member.email]
    _tell(ctx, code, others, f"{reply.member.name} took urgent action {number}:\n\n{text}\n\n"
          f"Review it and reply #confirm {number} for the committee.", "acted", f"acted:{number}")
    return f"urgent action {number} recorded; another member must #confirm {number}"


def confirm(reply, arg):
    ctx, code = reply.ctx, reply.code
    case = ctx.store.get(code)
    actions = list(case.get("acted", []))
    waiting = [a for a in actions if not a.get("confirmed")]
    chosen = next((a for a in waiting if str(a["number"]) == arg.strip()), None) if arg.strip() else \
        (waiting[-1] if waiting else None)
    if chosen is None:
        raise CommandError("no unconfirmed urgent action with that number")
    if chosen["by"] == reply.member.email.lower():
        raise CommandError("another member must confirm an action you took")
    chosen["confirmed"] = {"by": reply.member.email.lower(), "at": iso(ctx.clock.now())}
    ctx.store.update(code, {"acted": actions})
    return f"urgent action {chosen['number']} confirmed"


HANDLERS = {
    "help": show_help, "status": set_status, "note": note, "action": add_action,
    "resolution": set_resolution, "safety-risk": choice_setter("safety_risk", ("yes", "no")),
    "repeat-risk": choice_setter("repeat_risk", ("yes", "no", "maybe")),
    "recuse": recuse, "reported": reported, "no-conflict": no_conflict,
    "to-reporter": to_the_reporter, "propose": propose, "vote": vote, "escalate": escalate,
    "eta": set_eta, "acted": acted, "confirm": confirm,
}


def _required(arg, problem):
    if not arg or not arg.strip():
        raise CommandError(problem)
    return arg.strip()


def _persons(records):
    return [party_from_record(r) for r in records]


def _tell(ctx, code, members, text, kind, key):
    """A short notice to members about the case, in their thread."""
    if not members:
        return 0
    msg = ctx.composer.unaddressed(subject=f"[{code}] Committee update",
                                   body=ctx.composer.render("notice.txt.j2", code=code, text=text),
                                   auto_submitted="auto-generated")
    return to_members(ctx, code, members, msg, kind, f"{kind}:{code}:{key}")
