"""#to-moderators SPACE: the recommended response goes to that space's moderators.

PyDistrict step 7: "communicate the recommended response to the administrators/moderators
of the online community. The organizers should not state who reported this incident." The
text is prepared fail-closed like #to-reporter's, and cleaned of the reporter too
(casework/moderation.py); each eligible moderator gets their own message and reply address.
"""

from datetime import timedelta

from mailrouter.casework.moderation import eligible_moderators, for_moderators, record_sent, to_moderators
from mailrouter.casework.notices import tell_members
from mailrouter.commands.reply import CommandError, Reply, command
from mailrouter.commands.reporter import held_back_message
from mailrouter.outbound.case_mail import audience


@command("to-moderators", "SPACE", help="the text below goes to the moderators of SPACE, signed by the committee")
def to_the_moderators(reply: Reply, arg: str) -> str:
    ctx, code = reply.ctx, reply.code
    space, _, rest = arg.strip().partition(" ")
    moderators = _moderators_of(reply, space.lower())
    as_is = rest.strip().lower() in ("as-is", "as is")
    text = "\n".join(t for t in ("" if as_is else rest, reply.full_text or reply.text) if t).strip()
    if not text:
        raise CommandError("#to-moderators needs the recommended response, below the command")
    prepared = for_moderators(ctx, code, text, reply.member, as_is=as_is)
    if prepared.held_back:
        raise CommandError(held_back_message(prepared.held_back).replace("the reporter", "the moderators")
                           .replace("#to-reporter as-is", f"#to-moderators {space.lower()} as-is"))
    if not prepared.text:
        raise CommandError("#to-moderators found no words of yours to send (only quoted mail)")
    space = space.lower()
    body = ctx.composer.render("to_moderators.txt.j2", code=code, space=space, text=prepared.text,
                               by=_answer_by(ctx))
    msg = ctx.composer.unaddressed(subject=f"[{code}] A recommended response for {space}", body=body)
    to_moderators(ctx, code, moderators, msg, "to-moderators", reply.key("to-moderators", space))
    record_sent(ctx, code, space, moderators, prepared.text, f"member:{reply.member.email.lower()}")
    others = [m for m in audience(ctx, ctx.store.get(code)) if m.email != reply.member.email]
    tell_members(ctx, code, others, f"{reply.member.name} sent the recommended response to the "
                 f"{len(moderators)} moderator(s) of {space}:\n\n{prepared.text}",
                 "to-moderators-copy", reply.key("to-moderators-copy", space))
    reply.text_used = True
    return f"sent to {len(moderators)} moderator(s) of {space}, each alone; the other members have a copy"


def _moderators_of(reply, space):
    spaces = sorted(reply.ctx.committee.moderators)
    listed = ", ".join(spaces) if spaces else "none (add `moderators:` to members.yaml)"
    if not space:
        raise CommandError(f"#to-moderators needs a space: #to-moderators SPACE (the spaces: {listed})")
    if space not in spaces:
        raise CommandError(f"no moderators are known for {space!r}; nothing was sent (the spaces: {listed})")
    moderators = eligible_moderators(reply.ctx, reply.ctx.store.get(reply.code), space)
    if not moderators:
        raise CommandError(f"none of the moderators of {space} may receive mail about this case (a "
                           f"conflict or a party to it); nothing was sent (the spaces: {listed})")
    return moderators


def _answer_by(ctx):
    days = ctx.config.policy.moderators_respond_days
    return None if days is None else (ctx.clock.now() + timedelta(days=days)).strftime("%A %d %B %Y")
