"""What stages work with: built once by the composition root and passed down."""

from dataclasses import dataclass


@dataclass
class Context:
    config: object
    committee: object
    clock: object
    secret: bytes
    store: object          # CaseStore
    reporters: object      # Reporters: the one door to who reported
    ledger: object         # AckLedger
    outbox: object         # Outbox
    held: object           # EntryDir of automatic mail kept for the admin
    composer: object
    replies: object        # ReplyAddresses
    codenames: object
    alerts: object
    poke: object = lambda: None     # wakes the courier after mail was queued

    @property
    def own_addresses(self):
        return {self.config.alias.lower()} | ({self.config.admin.lower()} if self.config.admin else set())
