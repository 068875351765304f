"""Pure checks on an incoming message: is it automatic mail, may it be acknowledged?

Checks decide, stages act: nothing here changes state. Each returns a short reason
(for the case log and DEBUG logs) or None.
"""

from mailrouter.mail.message import header

AUTOMATIC_LOCAL_PARTS = ("mailer-daemon", "postmaster")
BULK_PRECEDENCE = ("bulk", "junk", "list")
SUPPRESS_VALUES = ("all", "autoreply", "oof")


def automatic_reason(msg, envelope_from, loop_header):
    """Why this is automatic mail that must never become a case (L1, L3, L6), or None."""
    if not envelope_from:
        return "null sender (bounce or notification)"
    if header(msg, loop_header):
        return "carries our own loop marker"
    auto = header(msg, "Auto-Submitted").strip().lower()
    if auto and not auto.startswith("no"):
        return f"Auto-Submitted: {auto.split(';')[0]}"
    if msg.get_content_type() == "multipart/report":
        return "delivery or disposition report"
    if header(msg, "X-Autoreply") or header(msg, "X-Autorespond") or \
            header(msg, "Precedence").strip().lower() == "auto_reply":
        return "auto-reply headers"
    if _local_part(envelope_from) in AUTOMATIC_LOCAL_PARTS:
        return "sent by a mail system account"
    return None


def no_ack_reason(msg, sender, own_addresses, via_list=False):
    """Why a report must not be acknowledged even though it is recorded (L1), or None.

    `via_list`: the author was found behind a group's rewriting of From; its list headers
    say how the report travelled, not that it is bulk mail, and the person is answered.
    """
    precedence = header(msg, "Precedence").strip().lower()
    if precedence in BULK_PRECEDENCE and not via_list:
        return f"Precedence: {precedence}"
    if any(name.lower().startswith("list-") for name in msg.keys()) and not via_list:
        return "mailing list post"
    suppress = {v.strip().lower() for v in header(msg, "X-Auto-Response-Suppress").split(",")}
    if suppress & set(SUPPRESS_VALUES):
        return "sender asked for no automatic replies"
    if not sender:
        return "no usable sender address"
    local = _local_part(sender)
    if local in AUTOMATIC_LOCAL_PARTS or local.endswith("-request") or local.startswith("owner-"):
        return "sent by a list or mail system account"
    if sender.lower() in own_addresses:
        return "sent by mailrouter itself"
    return None


def _local_part(address):
    return (address or "").rsplit("@", 1)[0].lower()
