"""What follows when a spool entry is set aside (quarantined) for the admin.

Nothing accepted is lost, and nobody is left in silence: the admin gets an alert (naming
the case when an earlier attempt already opened one, so it is completed by hand or by
`mailrouter queue release`), and a sender who is a person gets a short notice that the
message arrived and a person will look at it. The notice carries nothing of the message
(no subject, no text, no code name) and goes once per entry, from the alias with the null
sender, under the same daily cap as acknowledgements.
"""

import hmac
import logging
import re

from mailrouter.casework.context import Context
from mailrouter.keyed import keyed_digest
from mailrouter.mail.addresses import plausible_human
from mailrouter.mail.message import header
from mailrouter.mail.screening import never_answered
from mailrouter.settings.defaults import LOOP_HEADER

log = logging.getLogger("mailrouter.casework.quarantine")
_NOTICE_ID = re.compile(r"<q\.([0-9a-z-]{1,80})\.([0-9a-f]{20})@")


def after_quarantine(ctx: Context, entry_id: str, reason: str, meta: dict | None, msg=None, key=None) -> None:
    """Alert the admin and, when the envelope sender is a plausible person, reassure them.

    `msg` and `key` (its dedup key) are what the last attempt read, or None; `msg` may be the
    header section alone (pipeline/failures.py). The entry is never parsed whole here: it may
    be the message whose reading ran past its budget (T4).
    """
    code = ctx.store.by_message.get(key) if key else None
    ctx.alerts.quarantined(entry_id, reason, case=code)
    sender = (meta or {}).get("mail_from") or ""
    if meta is None or meta.get("command") or not plausible_human(sender, ctx.own_addresses):
        return
    if _automatic(msg, sender, ctx.own_addresses):
        return                                   # never answer automatic mail (L1)
    if code is not None and ctx.store.get(code).get("acknowledged"):
        return                                   # the reporter already heard from us
    reassure(ctx, sender, f"quarantine:{entry_id}", f"quarantine-notice:{entry_id}", entry_id)


def reassure(ctx: Context, sender: str, ledger_key: str, outbox_key: str, entry_id: str) -> None:
    """The short "a person will look at it" notice, once per `outbox_key`, within the daily
    cap per sender. Its Message-ID names `entry_id`, signed (`answered_entry`)."""
    day = ctx.clock.now().date().isoformat()
    if not ctx.ledger.allows(sender, ledger_key, day):
        log.info("spool %s: notice not sent (daily limit)", entry_id)
        return
    body = ctx.composer.render("received_for_review.txt.j2")
    notice = ctx.composer.message(to=sender, subject="Your message was received", body=body)
    del notice["Message-ID"]
    notice["Message-ID"] = f"<q.{entry_id}.{_signature(ctx, entry_id)}@{ctx.config.domain}>"
    if ctx.outbox.enqueue(outbox_key, "", sender, ctx.composer.as_bytes(notice), kind="quarantine notice"):
        ctx.ledger.record(sender, ledger_key, day)
        log.info("spool %s: the sender was told a person will look at it", entry_id)
        ctx.poke()


def answered_entry(ctx: Context, msg) -> str | None:
    """The spool entry whose notice `msg` answers (by our signed Message-ID), or None."""
    for entry_id, signature in _NOTICE_ID.findall(f"{header(msg, 'In-Reply-To')} {header(msg, 'References')}"):
        if hmac.compare_digest(signature, _signature(ctx, entry_id)):
            return entry_id
    return None


def _signature(ctx, entry_id):
    return keyed_digest(ctx.secret, "quarantine-notice", entry_id.encode()).hex()[:20]


def _automatic(msg, sender, own_addresses):
    try:
        return msg is not None and never_answered(msg, sender, LOOP_HEADER, own_addresses)
    except Exception:                            # noqa: BLE001 (unreadable headers: the envelope decides)
        return False
