"""Everything a stage, a command or a deadline works with, built once by the composition
root (app/daemon.py) and passed down. Each field is one service from a lower layer."""

from collections.abc import Callable
from dataclasses import dataclass, field

from mailrouter.audit import AuditLog

from mailrouter.cases.acks import AckLedger
from mailrouter.cases.availability import AwayBook, Departures
from mailrouter.cases.codenames import CodeNames
from mailrouter.cases.onboarding_store import OnboardingStore
from mailrouter.cases.return_paths import ReturnPaths
from mailrouter.cases.store import CaseStore
from mailrouter.cases.throttle import SenderThrottle
from mailrouter.cases.tokens import ReplyAddresses
from mailrouter.clock import Clock
from mailrouter.entry_dir import EntryDir
from mailrouter.outbound.alerts import Alerts
from mailrouter.outbound.compose import Composer
from mailrouter.outbound.mailboxes import MailboxHealth
from mailrouter.outbound.outbox import Outbox
from mailrouter.privacy.reporters import Reporters
from mailrouter.settings.committee import Committee
from mailrouter.settings.config import Config


def _nothing() -> None:
    return None


@dataclass
class Context:
    config: Config
    committee: Committee
    clock: Clock
    secret: bytes            # derives reply tokens and outbox keys
    store: CaseStore
    reporters: Reporters     # the one door to who reported
    ledger: AckLedger        # acknowledgements sent per sender and day (L4)
    outbox: Outbox
    held: EntryDir           # automatic mail kept for the admin
    composer: Composer
    replies: ReplyAddresses
    codenames: CodeNames
    alerts: Alerts
    return_paths: ReturnPaths   # signed envelope senders of member mail, and their check
    mailboxes: MailboxHealth    # which member mailboxes bounce
    throttle: SenderThrottle    # senders repeating themselves to the alias (R4)
    audit: AuditLog             # what was done: mail sent, commands, reveals, purges (issue 13)
    poke: Callable[[], None] = _nothing     # wakes the courier after mail was queued
    away: AwayBook | None = None            # who is away by #away, and since when (issue 12)
    departures: Departures | None = None    # members who left members.yaml
    onboarding: OnboardingStore | None = None   # members who joined later (casework/onboarding.py)
    # code -> who may receive the case's mail now (casework/send_screen.py's Verdict): published
    # by the worker, read by the courier's send-time screen on its own thread
    verdicts: dict = field(default_factory=dict)
    # outbox id -> (code, event) of a withdrawal whose "mail withdrawn" event is not yet durable
    # (casework/withdrawal.py: logged again if its group commit failed)
    withdrawals_owed: dict = field(default_factory=dict)

    @property
    def own_addresses(self) -> set[str]:
        return {self.config.alias.lower()} | ({self.config.admin.lower()} if self.config.admin else set())
