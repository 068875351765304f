"""Keep automatic mail (bounces, auto-replies, loops) where an admin can see it; answer nothing.

Reads: raw, reason, mail_from, recipient, entry_id. Sets: nothing. The envelope is kept
(sealed) so that `mailrouter queue release` can send a message held by mistake through the
pipeline. Mail that claims to come from our own address (a loop or a forgery) is also told
to the admin, at most once a day: a loop must not become a flood of alerts.
"""

import json

from mailrouter.pipeline.classify import OWN_ADDRESS


def run(item, ctx):
    envelope = json.dumps({"mail_from": item.mail_from, "rcpt_tos": [item.recipient]})
    ctx.held.put(item.raw, {"reason": item.reason, "received": ctx.clock.now().isoformat(),
                            "envelope": envelope})
    if item.reason == OWN_ADDRESS:
        ctx.alerts.send(f"own-address:{ctx.clock.now().date().isoformat()}",
                        "mail to the alias claims to come from our own address; it is held",
                        detail="its From or envelope sender is the alias or one of its +addresses, with no "
                               "Reply-To of a person: our own mail come back (a loop) or a forgery. It was "
                               "not acknowledged and is no case (later ones today are held without an alert)",
                        kept="in the held folder (`mailrouter queue`, `mailrouter queue release ID`)",
                        entry=item.entry_id)
