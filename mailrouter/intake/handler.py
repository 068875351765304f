"""The SMTP intake: accept mail for the alias and live case addresses, spool it, answer.

The DATA handler only validates and spools (D4); everything else happens in the worker.
250 is answered only after the spool entry is committed and its directory fsynced (D1);
any failure before that answers 451 4.3.0 with no internal detail (D6, D7), a full disk
452 4.3.1 (RFC 3463's "mail system full"), so the sender keeps the message and retries.
"""

import asyncio
import logging
import errno
import re

from mailrouter.draft import Draft
from mailrouter.mail.message import header_line_end

log = logging.getLogger("mailrouter.intake.handler")

OK_RECIPIENT = "250 2.1.5 Recipient OK"
UNKNOWN_RECIPIENT = "550 5.1.1 No such recipient here"
TOO_MANY_RECIPIENTS = "452 4.5.3 Too many recipients in this message"
TEMPORARY_FAILURE = "451 4.3.0 Local error, please try again later"
DISK_FULL = "452 4.3.1 Insufficient system storage, please try again later"
HEADER_TOO_LARGE = "552 5.3.4 Message header too large"
MESSAGE_TOO_LARGE = "552 5.3.4 Message size exceeds fixed maximum message size"
TOO_MANY_HOPS = "554 5.4.6 Too many hops (possible mail loop)"
MAX_HEADER_BYTES = 100 * 1024           # S10, as Postfix
MAX_RECEIVED = 50
DRAFT_MEMORY = 1024 * 1024              # F4: a bigger message spills to the spool's disk
_RECEIVED = re.compile(rb"(?:\A|\n|\r(?!\n))received:", re.IGNORECASE)


def queued(entry_id):
    return f"250 2.0.0 Queued as {entry_id}"


class IntakeHandler:
    """aiosmtpd handler: hooks named after the protocol events we need."""

    def __init__(self, spool, replies, is_live_token, recipient_limit, on_spooled):
        self.spool = spool
        self.replies = replies
        self.is_live_token = is_live_token
        self.recipient_limit = recipient_limit
        self.on_spooled = on_spooled

    def __dir__(self):
        """Only the hooks: aiosmtpd looks through `dir()` and `inspect.getmembers()` of the
        handler for every connection to find them (as for the protocol, smtp_server.py)."""
        return sorted({name for klass in type(self).__mro__ for name in vars(klass)
                       if name.startswith(("handle_", "auth_"))})

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if len(envelope.rcpt_tos) >= self.recipient_limit:
            return TOO_MANY_RECIPIENTS
        # A case reply address, or a signed return path (`+b-…`, bounces): is_live_token checks.
        token = self.replies.token_of(address) or self.replies.return_token_of(address)
        if self.replies.is_alias(address) or (token and self.is_live_token(token)):
            envelope.rcpt_tos.append(address)
            return OK_RECIPIENT
        return UNKNOWN_RECIPIENT

    def new_draft(self):
        """Where DATA goes as it arrives: memory up to DRAFT_MEMORY, then the spool's disk (F4)."""
        return Draft(self.spool.root, DRAFT_MEMORY, MAX_HEADER_BYTES + 4)

    async def handle_DATA(self, server, session, envelope):
        draft = envelope.draft
        if server.message_size_limit and draft.size > server.message_size_limit:
            return MESSAGE_TOO_LARGE
        problem = header_problem(draft.head, draft.size)
        if problem:
            return problem
        # aiosmtpd gives the null sender as "<>"; the spool records it as "".
        sender = "" if envelope.mail_from in (None, "", "<>") else envelope.mail_from
        meta = {"mail_from": sender, "rcpt_tos": list(envelope.rcpt_tos)}
        try:
            # The write runs in a thread so fsync never stalls other sessions (F3). If the
            # client vanishes meanwhile, the thread still finishes: one whole entry (D3).
            entry_id = await asyncio.to_thread(self.spool.put_draft, draft, meta)
        except Exception as error:   # D6: whatever failed, the sender sees only 451
            full = isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)
            log.error("spool write failed (%s); answered %s", error.__class__.__name__,
                      "452" if full else "451")
            return DISK_FULL if full else TEMPORARY_FAILURE
        self.on_spooled()
        return queued(entry_id)

    async def handle_exception(self, error):
        # aiosmtpd answers `500 Error: (ValueError) …` by default, leaking internals and
        # making senders bounce; this hook must itself never fail (D6).
        try:
            log.error("intake error (%s); answered 451", error.__class__.__name__)
        except BaseException:
            pass
        return TEMPORARY_FAILURE


def header_problem(window, size):
    """S10: a cheap look at the header section; returns an SMTP reply or None.

    `window` is the message's first MAX_HEADER_BYTES+4 bytes, `size` its whole length. The
    header section ends at the blank line in the message's own line ends (CRLF, or bare
    LF from a script: see mail/message.py).
    """
    window = window[:MAX_HEADER_BYTES + 4]
    end = window.find(header_line_end(window) * 2)
    if end < 0 and size > MAX_HEADER_BYTES:
        return HEADER_TOO_LARGE
    head = window[:end] if end >= 0 else window
    if len(_RECEIVED.findall(head)) > MAX_RECEIVED:
        return TOO_MANY_HOPS
    return None
