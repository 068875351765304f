"""Logging set-up: one logger per concern, and nothing identifying at INFO or above (P5).

Under systemd (INVOCATION_ID or JOURNAL_STREAM set) the journal adds the time itself and
reads a `<N>` syslog priority at the start of each line, so lines carry the priority and
no timestamp: `journalctl -p err` then finds every error and alert.
"""

import logging
import os
import sys

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JOURNAL_FORMAT = "%(levelname)s %(name)s: %(message)s"
SYSLOG_PRIORITY = {logging.CRITICAL: 2, logging.ERROR: 3, logging.WARNING: 4, logging.INFO: 6,
                   logging.DEBUG: 7}


class JournalFormatter(logging.Formatter):
    """`<3>ERROR name: message`; every line of a multi-line record keeps the priority."""

    def __init__(self):
        super().__init__(JOURNAL_FORMAT)

    def format(self, record):
        priority = SYSLOG_PRIORITY.get(record.levelno, 3 if record.levelno > logging.WARNING else 7)
        return "\n".join(f"<{priority}>{line}" for line in super().format(record).splitlines())


def under_systemd(environ=None):
    environ = os.environ if environ is None else environ
    return bool(environ.get("INVOCATION_ID") or environ.get("JOURNAL_STREAM"))


def configure(level="INFO", stream=None, environ=None):
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JournalFormatter() if under_systemd(environ) else logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiosmtpd logs every SMTP command line (MAIL FROM:<address> included) at INFO.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    logging.getLogger("aiosmtplib").setLevel(logging.WARNING)
