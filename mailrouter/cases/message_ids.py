"""Our Message-IDs on mail to the reporter, signed, so an answer sent to the alias finds its case (R4).

A plain-mail vacation bot (or a person) answering our acknowledgement or status mail may
write to the alias instead of the case's reply address, and without RFC 3834 headers. Its
In-Reply-To/References still carry the Message-ID we gave, which is

    <r.NONCE.TAG@domain>    NONCE: 8 random bytes; TAG: HMAC(state secret; NONCE, case code), 10 bytes

in lowercase base32. Signed rather than indexed: it needs no record of what we sent, so it
survives restarts and a lost outbox; without the state secret nobody can read the case from
it or make one; and two mails to the same reporter cannot be linked by their ids. Finding
the case tests the tag against each code name (one HMAC per case, a few microseconds; only
mail that carries one of our ids pays it).

A weaker sign is the subject: `Re: [code name] Your report was received` and the other
subjects of our mail to the reporter, answered. A new report, written by a person, does not
carry one of those. It is found anywhere in the subject, whatever comes before it: reply
prefixes in every language (`回复:`, `Ynt:`, `ΑΠ:`, `Atb.:`, full-width `Re：`), a gateway's
`[EXTERNAL]` or `*****SPAM*****`, a helpdesk's `[Ticket#…] RE:` or an auto-reply's
`Automatic reply:` (classify tells the automatic ones apart).
"""

import base64
import hmac
import re
import secrets
import unicodedata
from email.utils import make_msgid

from mailrouter.keyed import keyed_digest, purpose_key
from mailrouter.mail.message import header

NONCE, TAG = 8, 10
_OURS = re.compile(r"<r\.([a-z2-7]{13})\.([a-z2-7]{16})@([^<>\s]+)>")
# The subjects of mail to the reporter (acknowledge, deadlines/actions, commands/reporter,
# authenticate, casework/appeals), after their `[code name]`.
REPORTER_SUBJECTS = ("your report was received", "your report is being reviewed", "an update on your report",
                     "a message from the committee", "a message in your name was not shared",
                     "about your appeal",
                     # issue 14: #consult, and the status mail's subject by stage (deadlines/actions.py)
                     "the proposed resolution", "a resolution has been proposed",
                     "your view on the proposed resolution", "a resolution is being put into effect",
                     "your report is closed", "your safety arrangement for the upcoming event")
_ANSWERED_SUBJECT = re.compile(r"\[([a-z]+ [a-z]+)\]\s*(?:" +
                               "|".join(re.escape(s) for s in REPORTER_SUBJECTS) + r")\b", re.IGNORECASE)


def _b32(data):
    return base64.b32encode(data).decode().lower().rstrip("=")


class ReporterMessageIds:
    def __init__(self, secret, domain):
        self.key = purpose_key(secret, "reporter-message-id")
        self.domain = domain.lower()

    def make(self, code):
        """A fresh Message-ID for mail to the reporter of case `code`."""
        nonce = secrets.token_bytes(NONCE)
        return f"<r.{_b32(nonce)}.{_b32(self._tag(nonce, code))}@{self.domain}>"

    def case_of(self, text, codes):
        """The case one of our signed Message-IDs in `text` belongs to (the last one that
        verifies wins), or None."""
        for nonce, tag, domain in reversed(_OURS.findall((text or "").lower())):
            if domain != self.domain or _b32(_unb32(nonce)) != nonce or _b32(_unb32(tag)) != tag:
                continue         # only the one spelling we write
            nonce_bytes, tag_bytes = _unb32(nonce), _unb32(tag)
            found = next((c for c in codes if hmac.compare_digest(self._tag(nonce_bytes, c), tag_bytes)), None)
            if found:
                return found
        return None

    def _tag(self, nonce, code):
        return keyed_digest(self.key, nonce, code)[:TAG]


def _unb32(text):
    return base64.b32decode(text.upper() + "=" * (-len(text) % 8))


# The weekly digest to members (deadlines/scheduler.py): about no one case, never a report.
DIGEST_SUBJECT = "Your open Code of Conduct cases"
_DIGEST_ID = re.compile(r"<[^<>@\s]+\.digest@[^<>\s]+>")


def digest_message_id(domain):
    """The Message-ID of a digest, which an answer carries in In-Reply-To/References."""
    return make_msgid(idstring="digest", domain=domain)


def answered_digest(msg):
    """Yes when `msg` answers our digest to members: its Message-ID referenced, or its subject
    anywhere in the Subject."""
    subject = " ".join(unicodedata.normalize("NFKC", header(msg, "Subject")).split())
    return DIGEST_SUBJECT.lower() in subject.lower() or \
        bool(_DIGEST_ID.search(f"{header(msg, 'In-Reply-To')} {header(msg, 'References')}"))


def answered_subject_code(subject):
    """The code name in a reply to one of our subjects to the reporter, or None."""
    match = _ANSWERED_SUBJECT.search(" ".join(unicodedata.normalize("NFKC", subject or "").split()))
    return match.group(1).lower() if match else None
