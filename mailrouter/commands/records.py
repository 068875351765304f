"""Member commands over the committee's records: the report document (#export for a
chair, #history for a member eligible for the case now), the memory of a person (#cases)
and whether a case is in scope (#in-scope, shown in the document and counted in stats).

What a member is told about other cases is decided by eligibility now (cases/history.py):
a member conflicted with a case learns only that some cases were withheld. A refusal of
#history reads the same for a case that does not exist and one the member may not see.
"""

from mailrouter.casework.context import Context
from mailrouter.casework.document_formats import FORMATS, file_name, render_document
from mailrouter.casework.report_document import build
from mailrouter.cases.codenames import unslug
from mailrouter.cases.declarations import own_text, reported_people
from mailrouter.cases.eligibility import may_know_reporter
from mailrouter.cases.history import cases_about, known_to, readers
from mailrouter.commands.parse import parse
from mailrouter.commands.reply import CommandError, Reply, command
from mailrouter.mail.quoting import split_own_text
from mailrouter.commands.spreadsheet import choice_setter
from mailrouter.outbound.case_mail import return_path, to_members
from mailrouter.settings.committee import Member

NOT_AVAILABLE = "no report document is available to you under that code name"
# fpdf2 sets about 10,000 characters a second here (README "Records"): by mail, a longer
# document comes as Markdown, so that one #export never holds the worker for long.
PDF_BY_MAIL_MAX_CHARS = 100_000

_in_scope = choice_setter("in_scope", ("yes", "no"))


@command("in-scope", "yes|no", "whether the report is in scope (report document, stats)")
def set_in_scope(reply: Reply, arg: str) -> str:
    return _in_scope(reply, arg)


def _format(arg, default="pdf"):
    fmt = (arg or default).strip().lower()
    if fmt not in FORMATS:
        raise CommandError(f"the document comes as {', '.join(FORMATS)}")
    return fmt


def send_document(reply: Reply, code: str, fmt: str, kind: str) -> str:
    """Mail the report document of `code` to the member who asked, as an attachment, in the
    thread of the case they wrote from, queued as mail about `code` (the send-time screen
    asks about the case it carries); return the format sent."""
    ctx = reply.ctx
    doc = build(ctx.store, ctx.reporters, ctx.committee, code, identity=may_know_reporter(reply.member))
    if fmt == "pdf" and doc.size > PDF_BY_MAIL_MAX_CHARS:
        fmt = "md"
    msg = ctx.composer.unaddressed(
        subject=f"[{reply.code}] Report document: {code}", auto_submitted="auto-replied",
        body=ctx.composer.render("notice.txt.j2", code=reply.code,
                                 text=f"The report document of {code} is attached ({fmt}). It is "
                                      "confidential: please do not forward it or keep it where others "
                                      "can read it."))
    maintype, subtype = FORMATS[fmt]
    msg.add_attachment(render_document(doc, fmt, ctx.composer), maintype=maintype, subtype=subtype,
                       filename=file_name(doc, fmt))
    to_members(ctx, reply.code, [reply.member], msg, kind, reply.key(kind, code), about=code)
    ctx.store.log(code, f"report document sent ({kind})", by=f"member:{reply.member.email.lower()}",
                  format=fmt)
    return fmt


@command("export", "[pdf|md|html]", "(chair) the report document of this case, to you only")
def export(reply: Reply, arg: str) -> str:
    if "chair" not in reply.member.roles:
        raise CommandError("only a chair can export a case's report document")
    fmt = send_document(reply, reply.code, _format(arg), "export")
    return f"the report document ({fmt}) is on its way to you only"


@command("history", "[CODE NAME] [pdf|md|html]", "the report document of this (or an earlier) case, "
         "if you may see that case")
def history(reply: Reply, arg: str) -> str:
    words = (arg or "").split()
    fmt = _format(words.pop() if words and words[-1].lower() in FORMATS else "")
    code = unslug(" ".join(words)) if words else reply.code
    ctx = reply.ctx
    if code not in ctx.store.names or not ctx.store.exists(code):    # only issued names reach the disk
        raise CommandError(NOT_AVAILABLE)
    _not_pending(ctx, reply.member)
    if reply.member.email.lower() not in readers([ctx.store.get(code)], ctx.committee, ctx.reporters)[code]:
        raise CommandError(NOT_AVAILABLE)
    fmt = send_document(reply, code, fmt, "history")
    return f"the report document of {code} ({fmt}) is on its way to you"


@command("cases", "[NAME <EMAIL>]", "earlier cases about a person (only those you may see); "
         "without a name, all cases")
def cases(reply: Reply, arg: str) -> str:
    return memory_of(reply.ctx, reply.member, arg)


def _not_pending(ctx: Context, member: Member) -> None:
    """A newcomer who has not answered the welcome has declared no conflicts yet: the
    committee's records wait for their answer (issue 12)."""
    if ctx.onboarding is not None and ctx.onboarding.pending(member.email.lower()):
        raise CommandError("answer the welcome first (#conflict NAME lines, then #no-conflicts); "
                           "the committee's records are open to you after that")


def memory_of(ctx: Context, member: Member, arg: str) -> str:
    """#cases, answered for `member`: from a case thread, or in mail to the alias."""
    _not_pending(ctx, member)
    if arg.strip():
        people = reported_people(f"Reported person: {arg.strip()}") + ctx.committee.people_named_in(arg)
        found = cases_about(ctx.store, people)
    else:
        found = [ctx.store.get(code) for code in ctx.store.codes()]
    known = known_to(member.email, found, readers(found, ctx.committee, ctx.reporters))
    lines = [f"  {c['code']}: opened {c['created'][:10]}, {c.get('status', 'new')}, resolution: "
             f"{c.get('resolution') or 'none recorded'}" for c in known.cases]
    about = f"about {arg.strip()}" if arg.strip() else "in all"
    head = f"{len(known.cases)} case(s) {about} that you may see"
    withheld = f"; {known.withheld} more withheld (you have a conflict or are not on them)" if known.withheld else ""
    return "\n".join([head + withheld + (":" if lines else "")] + lines)


def asks_memory(msg) -> str | None:
    """The argument of a `#cases` line that opens a member's mail to the alias, or None."""
    commands, _ = parse(split_own_text(own_text(msg))[0])
    return commands[0].arg if len(commands) == 1 and commands[0].name == "cases" else None


ASK_ON_A_CASE = ("Your #cases to the committee's address could not be answered: our mail server "
                 "could not confirm that it came from you. Send #cases in a reply to any case mail "
                 "you received instead.")


def answer_memory(ctx: Context, member: Member, arg: str | None, key: str) -> None:
    """Answer a member's `#cases` sent to the alias, at their own address, in no case thread
    (`arg` None: the sender was not verified, so only how to ask is said)."""
    text = ASK_ON_A_CASE if arg is None else memory_of(ctx, member, arg)
    msg = ctx.composer.message(to=member.email, to_name=member.name, subject="Your #cases",
                               body=ctx.composer.render("member_how_to_reply.txt.j2", text=text))
    ctx.outbox.enqueue(f"cases:{key}", return_path(ctx, f"cases:{key}", member.email), member.email,
                       ctx.composer.as_bytes(msg), kind="cases", case=None)
    ctx.poke()
