"""Telling the admin: once per item, by mail (when an admin address is set) and at ERROR.

Alert text names case codes and entry ids, never a reporter's address: relay answers are
quoted with addresses masked.
"""

import logging
import re

log = logging.getLogger("mailrouter.outbound.alerts")
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+")


def mask_addresses(text):
    return _ADDRESS.sub("<address>", str(text))


class Alerts:
    def __init__(self, config, composer, outbox, poke=lambda: None):
        self.config = config
        self.composer = composer
        self.outbox = outbox
        self.poke = poke

    def send(self, key, what, detail, kept, case=None, entry=None):
        log.error("ALERT %s (case %s, entry %s)", what, case or "-", entry or "-")
        if not self.config.admin:
            return
        body = self.composer.render("alert.txt.j2", what=what, detail=mask_addresses(detail),
                                    kept=kept, case=case, entry=entry)
        msg = self.composer.message(to=self.config.admin, subject=f"[mailrouter alert] {what}",
                                    body=body, auto_submitted="auto-generated")
        self.outbox.enqueue(f"alert:{key}", "", self.config.admin, self.composer.as_bytes(msg),
                            kind="alert", case=case)
        self.poke()

    def quarantined(self, entry_id, reason, case=None):
        """`case`: one an earlier attempt opened for the message, which may lack its mails."""
        kept = f"the message is in the spool's quarantine folder as {entry_id}.msg"
        if case:
            kept += (f". Case {case} was opened for it and may lack its acknowledgement or forwards:"
                     f" `mailrouter queue release {entry_id}` completes it once the cause is fixed")
        self.send(f"quarantine:{entry_id}", "a message could not be processed and was quarantined",
                  detail=str(reason), kept=kept, case=case, entry=entry_id)

    def undeliverable(self, entry_id, meta, reason, error):
        if meta.get("kind") == "alert":
            log.error("an alert could not be delivered (%s): %s", entry_id, reason)
            return
        self.send(f"undeliverable:{entry_id}", f"outgoing mail {reason}",
                  detail=f"a {meta.get('kind')} message: {error}",
                  kept=f"the message is in the outbox's failed folder as {entry_id}.msg",
                  case=meta.get("case"), entry=entry_id)
