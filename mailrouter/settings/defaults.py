"""Every default value of mailrouter, in one place.

The example configuration in config/ documents each of these; the loader falls back to
them for any key an admin leaves out.
"""

# alias: no default, every configuration names its own address (missing, it is an error)
COMMITTEE_NAME = "Code of Conduct Committee"
LISTEN_HOST = "127.0.0.1"
LISTEN_PORT = 8025
STATE_DIR = "mailrouter-state"
MEMBERS_FILE = "members.yaml"
CONFLICTS_FILE = "conflicts.yaml"

OUTBOUND_METHOD = "maildir"
OUTBOUND_MAILDIR = "mailrouter-outgoing"   # beside the state directory, not in it
OUTBOUND_SMTP_PORT = 25
OUTBOUND_SECURITY = "none"             # none | starttls | tls
OUTBOUND_CONCURRENCY = 4               # parallel relay connections
OUTBOUND_TIMEOUT = "60s"

# Q2: Postfix's schedule, 5 minutes doubling to about 70, give up after 5 days.
RETRY_FIRST = "5m"
RETRY_MAX = "70m"
RETRY_GIVE_UP = "5d"
RETRY_JITTER = 0.2

MESSAGE_SIZE = "25MB"                  # S4
RECIPIENTS_PER_TRANSACTION = 5         # S7
CONNECTIONS = 64                       # S5
CONNECTIONS_PER_CLIENT = 8
CONCURRENT_DATA = 16
COMMAND_CALL_LIMIT = 100               # S6: per verb in one session
DATA_TIMEOUT = "10m"                   # S6: a large upload on a slow link
# S6: between two commands. RFC 5321 suggests 5 minutes, but an MTA sends its next command
# within milliseconds, and an idle session holds a slot a reporter may need; Postfix itself
# waits 10 s under stress. A front MTA that is cut off reconnects.
IDLE_TIMEOUT = "60s"
SESSION_LIFETIME = "30m"               # S6: one connection, however busy (Postfix reuses one ≤ 5 min)
DAILY_ACKS_PER_SENDER = 10             # L4 (Mailman's default)
REPEATS_PER_SENDER = 10                # R4: repeated text to the alias held after this many
REPEAT_WINDOW = "180m"                 #     messages in this window (FreeScout's defaults)
JOIN_REPEATED_REPORTS = True           # the same report again from its sender joins its case
MESSAGE_CPU_SECONDS = 20               # T4: reading one message, then it is set aside
MAX_PROCESSING_ATTEMPTS = 3            # D9
# R2: a worker on one message or tick this long is stuck and the systemd watchdog is no
# longer fed; ten times the per-message budget, so a slow message is never taken for one.
WORKER_STUCK_AFTER = 300               # seconds

LOOP_HEADER = "X-Mailrouter-Loop"      # L2/L3
LOG_LEVEL = "INFO"

ATTACHMENTS = "withhold"               # attachments that cannot be cleaned are withheld (P6)

# Intake: `smtp` (the listener above) or an IMAP mailbox at a hosted provider (issue 10).
INTAKE_METHOD = "smtp"
IMAP_SECURITY = "tls"                  # tls (port 993) | starttls (port 143)
IMAP_TLS_PORT = 993
IMAP_STARTTLS_PORT = 143
IMAP_FOLDER = "INBOX"
IMAP_POLL_INTERVAL = "60s"             # only where the server lacks IDLE
IMAP_TIMEOUT = "60s"                   # socket timeout for every IMAP command
IMAP_IDLE_REISSUE = 10 * 60            # seconds; RFC 2177 asks for less than 29 minutes (Q5)
IMAP_BACKOFF_FIRST = 1.0               # seconds; reconnects double up to the maximum, with jitter
IMAP_BACKOFF_MAX = 300.0
