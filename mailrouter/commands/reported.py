"""#to-reported and #reported-contact: the committee writes to the reported person (issue 14).

The text is prepared as for the reporter (privacy.reporter_text: no member's name,
address or signature, no quoted internal mail, held back when earlier mail is not
recognised) and then cleaned of the reporter, even one known to the committee (the one door's
outsider scrubber):
the reported person hears from "the committee" and never learns who reported or who is
on the case. casework/reported_person.py says where the mail goes.
"""

from mailrouter.casework import reported_person
from mailrouter.casework.notices import tell_members
from mailrouter.commands.people import reported
from mailrouter.commands.reply import CommandError, Reply, command, required
from mailrouter.commands.reporter import prepare
from mailrouter.outbound.case_mail import audience

NO_ADDRESS = ("nothing was sent: no address is known for the reported person. Record it with "
              "#reported-contact NAME <EMAIL> on a line of its own, then send again.")


def prepared_text(reply: Reply, arg: str) -> str:
    """The member's words fit for the reported person, or a CommandError saying why not."""
    words = prepare(reply, arg, "to-reported", "the reported person")
    # Whatever the member wrote of the reporter is cleaned out, even when the reporter agreed
    # to be known to the committee (the reported person is not the committee).
    clean = reply.ctx.reporters.outsider_scrubber(reply.code).text(words).strip()
    if not clean:
        raise CommandError("#to-reported found no words of yours to send")
    return clean


@command("to-reported", help="the text below goes to the reported person, signed by the committee")
def to_the_reported(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    clean = prepared_text(reply, arg)
    found = reported_person.contact(ctx, code)
    if found is None:
        raise CommandError(NO_ADDRESS)
    problem = reported_person.screened(ctx, code, reply.member, found[1])
    if problem == reported_person.TOO_MANY:
        raise CommandError(f"nothing was sent: {problem}")
    if problem:
        raise CommandError(f"nothing was sent: {problem}. Record another with #reported-contact NAME <EMAIL>.")
    reported_person.record_contact(ctx, code, *found)
    body = ctx.composer.render("to_reported.txt.j2", code=code, text=clean)
    # Not a subject of ours to the reporter (cases/message_ids.py): their answer to the alias
    # would be taken for the reporter's, and the reporter warned of a forgery.
    msg = ctx.composer.unaddressed(subject=f"[{code}] For you: a message from the committee", body=body)
    reported_person.to_reported(ctx, code, msg, "to-reported", reply.key("to-reported"))
    reported_person.record_message(ctx, code, "to", clean, by=reply.member.name)
    others = [m for m in audience(ctx, ctx.store.get(code)) if m.email != reply.member.email]
    tell_members(ctx, code, others, f"{reply.member.name} wrote to the reported person for the committee:"
                 f"\n\n{clean}", "to-reported-copy", reply.key("to-reported-copy"))
    reply.text_used = True
    return "sent to the reported person, signed by the committee; the other members have a copy"


@command("reported-contact", "NAME <EMAIL>", "where #to-reported writes (also recorded as a reported person)")
def reported_contact(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    found = reported_person.parse_contact(required(arg, "#reported-contact needs NAME <EMAIL>"))
    if found is None:
        raise CommandError("#reported-contact needs an email address, e.g. #reported-contact Sam <sam@example.net>")
    problem = reported_person.screened(ctx, code, reply.member, found[1])
    if problem:
        raise CommandError(problem)
    # As a party first: members with a conflict leave the case before anything is written.
    recorded = reported(reply, arg)
    reported_person.record_contact(ctx, code, *found)
    return f"the reported person's address is recorded for #to-reported ({recorded})"
