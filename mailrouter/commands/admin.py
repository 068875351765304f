"""Admin commands from the CLI, carried to the daemon through the spool.

The worker is the only writer of the case store (STYLE 9), so a CLI command is a spool
entry that the worker runs in turn with the mail, or at the next start if the daemon is
down. Nothing is lost and nothing races.
"""

import logging

from mailrouter.entry_dir import EntryDir
from mailrouter.cases.eligibility import may_know_reporter
from mailrouter.outbound.case_mail import audience, to_members

log = logging.getLogger("mailrouter.commands.admin")


def request_reveal(config, code, chair_email, reason):
    spool = EntryDir(config.state_dir / "spool")
    return spool.put(b"", {"command": "reveal", "code": code, "by": chair_email, "reason": reason,
                           "mail_from": "", "rcpt_tos": []})


def request_release(config, code, number, chair_email, reason):
    spool = EntryDir(config.state_dir / "spool")
    return spool.put(b"", {"command": "release", "code": code, "attachment": number, "by": chair_email,
                           "reason": reason, "mail_from": "", "rcpt_tos": []})


def run(entry_id, meta, ctx):
    handlers = {"reveal": reveal, "release": release}
    handler = handlers.get(meta.get("command"))
    if handler is None:
        raise ValueError(f"unknown command {meta.get('command')!r}")
    handler(entry_id, meta, ctx)
    chair = ctx.committee.member(meta.get("by"))
    ctx.audit.record(meta["command"], case=meta.get("code"), by=f"member:{chair.name}" if chair else "admin",
                     attachment=meta.get("attachment"))


def reveal(entry_id, meta, ctx):
    """A chair's decision: the members on the case learn who reported; it is logged."""
    code = meta["code"]
    reporter = ctx.reporters.reveal(code)
    case = ctx.store.get(code)
    # on the case now: not those still in a conflict check, nor escalation contacts standing in
    members = [m for m in audience(ctx, case) if may_know_reporter(m)]
    chair = ctx.committee.member(meta["by"])
    body = ctx.composer.render("reveal.txt.j2", code=code, chair=chair.name, reason=meta["reason"],
                               reporter_name=reporter.name or "(no name given)",
                               reporter_address=reporter.address)
    msg = ctx.composer.unaddressed(subject=f"[{code}] The reporter's identity has been shared",
                                   body=body, auto_submitted="auto-generated")
    to_members(ctx, code, members, msg, "reveal", f"reveal:{code}:{entry_id}")
    ctx.store.log(code, "identity revealed", by=f"member:{chair.email.lower()}", reason=meta["reason"],
                  members=len(members))
    log.info("case %s: identity shared with members on a chair's decision", code)


def release(entry_id, meta, ctx):
    """A chair's decision: the members on the case get an attachment's sealed original.

    The original may carry what cleaning removed (a photo's location, a document's author):
    that is why it is a logged decision, and why it goes only to the case's audience now.
    """
    code, number = meta["code"], int(meta["attachment"])
    data = ctx.reporters.unseal(code, f"attachment-{number}")
    about = ctx.reporters.sealed_record(code, f"attachment-{number}-about") or {}
    if data is None:
        ctx.store.log(code, "attachment release failed: no sealed original", attachment=number)
        return
    case = ctx.store.get(code)
    members = [m for m in audience(ctx, case) if may_know_reporter(m)]   # an original may name the reporter
    chair = ctx.committee.member(meta["by"])
    body = ctx.composer.render("release.txt.j2", code=code, chair=chair.name, reason=meta["reason"],
                               number=number)
    msg = ctx.composer.unaddressed(subject=f"[{code}] Original of attachment {number}", body=body,
                                   auto_submitted="auto-generated")
    maintype, _, subtype = (about.get("content_type") or "application/octet-stream").partition("/")
    # Named as members saw it: the original name may be the reporter's (it was renamed).
    shown = next((a.get("shown_as") for a in case.get("attachments", []) if a.get("number") == number), "")
    msg.add_attachment(data, maintype=maintype, subtype=subtype or "octet-stream",
                       filename=shown or f"attachment-{number}")
    to_members(ctx, code, members, msg, "release", f"release:{code}:{number}:{entry_id}")
    ctx.store.log(code, "original attachment released", by=f"member:{chair.email.lower()}",
                  attachment=number, reason=meta["reason"], members=len(members))
    log.info("case %s: original of attachment %d released on a chair's decision", code, number)
