"""The reporter's side repeats itself at the alias: recorded, not relayed (L5, R4).

A plain-mail vacation bot answers each of our mails to the reporter with the same text.
Its first answer is added to the case like any addition; a later one with the same text
(give or take quotes, dates and spacing) adds nothing, so it reaches no member and causes
no mail: the loop settles within two messages.

Reads: msg, code, dedup_key. Sets: nothing; stops the flow on a repeat.
"""

from mailrouter.errors import Stop


def run(item, ctx):
    text = ctx.throttle.text_digest(item.msg)
    added = dict(ctx.store.get(item.code).get("added_texts", {}))
    if added.get(text, item.dedup_key) != item.dedup_key:
        raise Stop("repeats an earlier addition", event={"kind": "repeated text (not relayed)", "by": "reporter"})
    if text not in added:
        added[text] = item.dedup_key      # kept with its message, so a retry is not a repeat
        ctx.store.update(item.code, {"added_texts": added})
