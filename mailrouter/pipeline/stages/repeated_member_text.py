"""A member's mail that repeats their previous message on the case: recorded, not relayed (L5).

Two members' plain-mail vacation bots (no RFC 3834 headers) answer each relay with the same
text, each answer relayed to the other: a loop through us without end. A member's message
whose text (quotes, signature, case and spacing aside) is the one they sent to the case last
time is not relayed again, so such bots settle within two messages each. Only the previous
message counts: "Agreed." said twice at different points of a discussion is said twice.
Commands in it have run already (run_commands); the member is not told (a bot would answer).

Reads: reply (set by run_commands), msg, code, participant, dedup_key. Sets: nothing; stops
the flow on a repeat.
"""

from mailrouter.errors import Stop


def run(item, ctx):
    if not item.reply.text or item.reply.text_used:
        return
    text = ctx.throttle.text_digest(item.msg)
    last = dict(ctx.store.get(item.code).get("last_texts", {}))
    earlier = last.get(item.participant)
    if earlier and earlier[0] == text and earlier[1] != item.dedup_key:     # a retry is no repeat
        raise Stop("repeats the member's previous message",
                   event={"kind": "repeated text (not relayed)", "by": item.participant})
    last[item.participant] = [text, item.dedup_key]
    ctx.store.update(item.code, {"last_texts": last})
