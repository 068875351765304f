"""Share a moderator's answer or remark with the members on the case (the audience at the
moment of sending), marked as from the moderator of its space. Never to the reporter.

Reads: moderation (set by moderator_answer), code, dedup_key. Sets: nothing.
"""

from mailrouter.outbound.case_mail import audience, to_members


def run(item, ctx):
    said = item.moderation
    spaces = ", ".join(said.spaces)
    what = f"#{said.answer}" if said.answer else "a remark"
    msg = ctx.composer.unaddressed(
        subject=f"[{item.code}] The moderator of {spaces}: {what}", sender_name=f"{said.name} (moderator of {spaces})",
        body=ctx.composer.render("relay_moderator.txt.j2", code=item.code, name=said.name, space=spaces,
                                 answer=said.answer, text=said.text))
    to_members(ctx, item.code, audience(ctx, ctx.store.get(item.code)), msg, "moderator-relay",
               f"moderator-relay:{item.dedup_key}")
