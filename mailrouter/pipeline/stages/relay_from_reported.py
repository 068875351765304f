"""The reported person wrote back: record it on the case and relay it to the members on it.

Their own words only (quoted copies of our mail and a `-- ` signature trimmed), cleaned of
the reporter as the report is (they may name who they think reported): members see what
the clean copy would show. Attachments are not relayed (they could carry anything about
the reporter); the message is kept in held/ for the admin when it had any. A `#review`
line at the top asks for a review (casework/reviews.py). Never sent to the reporter, and
the members are the case's audience at the moment of sending. Mail to the alias that names
the case by its subject only (`unconfirmed`, stages/find_party_case.py) is relayed and
recorded marked so, and asks for no review: anyone who saw the subject could have sent it.

Reads: msg, raw, code, dedup_key, mail_from, recipient, unconfirmed. Sets: nothing.
"""

import json

from mailrouter.casework import reported_person, reviews
from mailrouter.cases.declarations import own_text
from mailrouter.commands.parse import parse
from mailrouter.mail.quoting import split_own_text, trimmed
from mailrouter.outbound.case_mail import audience, to_members

UNCONFIRMED = ("(Unconfirmed: this came to the committee's address from the reported person's address, "
               "naming the case only in its subject, so it may not be from them.)")


def run(item, ctx):
    commands, _ = parse(split_own_text(own_text(item.msg))[0])
    wants_review = not item.unconfirmed and any(c.name == "review" for c in commands)
    words = trimmed(_without_command_lines(own_text(item.msg)))
    text = ctx.reporters.scrubber(item.code).text(words).strip()
    if item.unconfirmed:
        text = f"{UNCONFIRMED}\n\n{text}"
    dropped = _attachments(item)
    if dropped:
        _keep_for_admin(item, ctx)
    reported_person.record_message(ctx, item.code, "from", text, review=wants_review, attachments=dropped,
                                   unconfirmed=item.unconfirmed)
    case = ctx.store.get(item.code)
    body = ctx.composer.render("relay_reported.txt.j2", code=item.code, text=text or "(no text)",
                               review=wants_review, dropped=dropped)
    msg = ctx.composer.unaddressed(subject=f"[{item.code}] From the reported person", body=body)
    to_members(ctx, item.code, audience(ctx, case), msg, "reported-relay", f"reported-relay:{item.dedup_key}")
    if wants_review:
        reviews.request(ctx, item.code, text, item.dedup_key)


def _without_command_lines(text):
    """The text with the `#` lines at its top taken off (they are for mailrouter)."""
    commands, rest = parse(text)
    return rest if commands else text


def _attachments(item):
    return len(list(item.msg.iter_attachments())) if item.msg.is_multipart() else 0


def _keep_for_admin(item, ctx):
    envelope = json.dumps({"mail_from": item.mail_from, "rcpt_tos": [item.recipient]})
    ctx.held.put(item.raw, {"reason": "the reported person's attachments (not relayed)", "case": item.code,
                            "received": ctx.clock.now().isoformat(), "envelope": envelope})
