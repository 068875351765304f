"""Who wrote a report, before anything else happens to it (P8).

A report's `From:` is not always its author:
- **Lists and groups rewrite it.** Google Groups writes `'Noa Fischer' via Sprint <group@…>`
  and keeps the person in `X-Original-From`, `X-Original-Sender` and often `Reply-To`;
  Mailman's DMARC mitigation writes `Noa Fischer via Orga <orga@lists…>` with the person in
  `Reply-To` or `Cc`; Sympa writes `"Noa Fischer (via orga)"`; Microsoft 365 groups send as
  the group with the person in `Reply-To`; groups.io folds the person's address into its
  own (`'Noa Fischer via groups.io' <noa.fischer=gmail.com@groups.io>`). We undo each rewriting.
- **Shared mailboxes and helpdesks** send with `Sender:` or an envelope sender of their own.
  Every address of the message is kept as the author's.

The acknowledgement goes where the author will see it: the person found behind a list's
rewriting; else a `Reply-To` of one personal mailbox; else `From`; else the envelope sender.
With none of these, nobody is acknowledged and the admin is alerted (stages/acknowledge).
"""

import re
from dataclasses import dataclass
from email.errors import MessageError
from email.header import decode_header, make_header
from email.utils import getaddresses

from mailrouter.mail.addresses import deliverable
from mailrouter.mail.message import header
from mailrouter.mail.names import fold

_VIA = re.compile(r"^\s*['\"]?(?P<name>.*?)['\"]?\s+(?:via|через|über)\s+(?P<list>.+?)\s*$", re.IGNORECASE)
# Mailman 2 and Exchange: "orga@lists… on behalf of Noa Fischer"
_ON_BEHALF = re.compile(r"^\s*['\"]?(?P<list>.*?)\s+(?:on behalf of|im auftrag von|de la part de|en nombre de|"
                        r"em nome de|per conto di|namens|w imieniu)\s+['\"]?(?P<name>.+?)['\"]?\s*$", re.IGNORECASE)
_SYMPA = re.compile(r"^\s*['\"]?(?P<name>.*?)['\"]?\s*\((?:via|par|über)\s+[^)]*\)\s*$", re.IGNORECASE)
# The author's address folded into a list's local part: `local=domain.tld` (groups.io).
_FOLDED = re.compile(r"(?P<local>[^=@\s]{1,64})=(?P<domain>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,63})")
MAX_DISPLAY_NAME = 300          # a longer display name is cut before the patterns read it (T4)
_ORIGINAL_HEADERS = ("X-Original-From", "X-Google-Original-From", "X-Original-Sender",
                     "X-MS-Exchange-Organization-OriginalSender", "X-Sympa-Original-From")
_LIST_MARKERS = ("List-Id", "List-Post", "Mailing-List", "X-Mailman-Version", "X-Google-Group-Id",
                 "X-Sympa-To", "X-MS-Exchange-Organization-Group", "X-MS-Has-Attach-Group")


@dataclass(frozen=True)
class Author:
    """The person who wrote a message, with every address and name seen for them."""

    addresses: tuple = ()
    names: tuple = ()
    ack_to: str = ""           # where replies reach them ('' when nowhere safe)
    found_by: str = "from"     # from | list rewriting | reply-to | envelope

    @property
    def name(self):
        return self.names[0] if self.names else ""


def mailboxes(msg, name):
    """(display name, address) of every mailbox in an address header; never raises.

    Read from the raw header, so encoded words split in the middle of a character (as some
    clients write long names) are joined before decoding.
    """
    raw = _raw_decoded(msg, name) or header(msg, name)
    if not raw:
        return []
    try:
        pairs = getaddresses([raw])
    except (ValueError, IndexError, TypeError):
        return []
    return [(" ".join(n.split()), a.strip()) for n, a in pairs if "@" in (a or "")]


def _raw_decoded(msg, name):
    try:
        raw = next((v for k, v in msg.raw_items() if k.lower() == name.lower()), None)
        if raw is None or "=?" not in raw:
            return None
        return str(make_header(decode_header(raw)))
    except (MessageError, LookupError, ValueError, UnicodeError, AttributeError, TypeError):
        return None


def list_addresses(msg):
    """Addresses the message names as its list's (From of a rewriting list, List-Post, …)."""
    found = set()
    post = header(msg, "List-Post")
    found.update(a.lower() for a in re.findall(r"mailto:([^>\s?]+)", post, re.IGNORECASE))
    for match in re.findall(r"list\s+(\S+@\S+?)[;\s]", header(msg, "Mailing-List") + " "):
        found.add(match.lower())
    list_id = re.search(r"<([^>]+)>", header(msg, "List-Id"))
    if list_id:
        label, _, domain = list_id.group(1).partition(".")
        found.add(f"{label}@{domain}".lower())
    return found


def rewritten_by_list(msg, from_name, from_address):
    """True when `From:` names a list or group, not the person who wrote."""
    for name in (h for h in _ORIGINAL_HEADERS if h != "X-Google-Original-From"):
        # Google Groups names the sender there even when it left From as it was (most senders'
        # domains do not ask it to rewrite): the same address as From is no rewriting.
        if header(msg, name) and {a.lower() for _, a in mailboxes(msg, name)} != {from_address.lower()}:
            return True
    lists = list_addresses(msg)
    is_list_post = any(header(msg, h) for h in _LIST_MARKERS)
    if is_list_post and unfolded_address(from_address):
        return True
    short = from_name[:MAX_DISPLAY_NAME]
    named_via = bool(_VIA.match(short) or _SYMPA.match(short) or _ON_BEHALF.match(short))
    return (from_address.lower() in lists) or (named_via and is_list_post) or \
        (named_via and bool(mailboxes(msg, "Reply-To")))


def through_own_group(msg, own_addresses):
    """True when our alias is itself a group (Google Groups, Microsoft 365, Mailman) that passed
    the message on: its list headers name an address of ours. They say how a report travelled,
    not that it is a list's post."""
    return bool(list_addresses(msg) & {a.lower() for a in own_addresses})


def unfolded_address(address):
    """`noa.fischer@gmail.com` from `noa.fischer=gmail.com@groups.io`: groups.io (and lists
    like it) fold the author's address into the local part of the one they send from; ''
    when `address` has no such shape."""
    local, _, _ = (address or "").rpartition("@")
    match = _FOLDED.fullmatch(local)
    if not match:
        return ""
    unfolded = f"{match.group('local')}@{match.group('domain')}"
    return unfolded if deliverable(unfolded) else ""


def person_name(display_name):
    """'Noa Fischer' from "'Noa Fischer' via Sprint", '"Noa Fischer (via orga)"' or
    'Noa Fischer (PyConf Support)' (a role or company in brackets is not the name)."""
    name = (display_name or "")[:MAX_DISPLAY_NAME]
    for pattern in (_ON_BEHALF, _VIA, _SYMPA):
        match = pattern.match(name)
        if match:
            name = match.group("name")
            break
    name = re.sub(r"\s*[(\[][^)\]]*[)\]]\s*|\s+[|–—]\s+.*$", " ", name)
    return " ".join(name.split()).strip(" '\"")


def find_author(msg, mail_from, own_addresses=()):
    """The author of `msg` (an `Author`), undoing list rewriting and shared mailboxes."""
    own = {a.lower() for a in own_addresses}
    sender = mailboxes(msg, "From")
    from_name, from_address = sender[0] if len(sender) == 1 else ("", "")
    lists = list_addresses(msg)
    names, addresses, originals = [], [], []
    if from_address and rewritten_by_list(msg, from_name, from_address):
        found_by = "list rewriting"
        originals = _behind_list(msg, from_name, from_address, lists, own)
        names += [n for n, _ in originals] + [person_name(from_name)]
        addresses += [a for _, a in originals] + ([from_address] if unfolded_address(from_address) else [])
    else:
        found_by = "from"
        names.append(person_name(from_name))
        addresses += [from_address, unfolded_address(from_address)]
    if "@" in from_name:      # a display name that is an address (`"rahel.m@…" <…>`) is one too
        addresses += [a for a in re.findall(r"[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+", from_name)]
    personal_reply = [(n, a) for n, a in mailboxes(msg, "Reply-To")
                      if a.lower() not in lists | own and not role_account(a)]
    for name_, address in personal_reply:
        names.append(name_)
        addresses.append(address)
    for name_, address in mailboxes(msg, "Sender"):
        if address.lower() not in lists | own and not _list_bounce(address, lists):
            addresses.append(address)
    if mail_from and mail_from.lower() not in own and not _list_bounce(mail_from, lists):
        addresses.append(mail_from)
    addresses = _unique(a for a in addresses if a and a.lower() not in lists | own)
    names = _unique(n for n in names if n and "@" not in n)
    ack_to, found_by = _ack_address(found_by, originals, personal_reply, from_address, mail_from, lists)
    return Author(tuple(addresses), tuple(names), ack_to, found_by)


def _behind_list(msg, from_name, from_address, lists, own):
    """The people behind a list's rewriting of From; `lists` gains the list's address. An
    address the list folded the author's into (`noa=gmail.com@groups.io`) is theirs too:
    it is unfolded, and not taken for the list's."""
    unfolded = unfolded_address(from_address)
    if not unfolded:
        lists.add(from_address.lower())
    originals = [(person_name(from_name), unfolded)] if unfolded else []
    return originals + _original_people(msg, person_name(from_name), lists | own)


def _original_people(msg, name, not_people):
    """The person behind a list's rewriting: its original-sender headers, a personal
    Reply-To, or (Mailman) the Cc that carries the same name."""
    found = [(d, a) for h in _ORIGINAL_HEADERS + ("X-Orig-Sender",) for d, a in mailboxes(msg, h)]
    found += [(d, a) for d, a in mailboxes(msg, "Reply-To") if a.lower() not in not_people and not role_account(a)]
    folded = fold(name)
    found += [(d, a) for d, a in mailboxes(msg, "Cc")
              if folded and fold(d) == folded and a.lower() not in not_people]
    return [(d, a) for d, a in found if not _list_bounce(a, not_people)]


def _ack_address(found_by, originals, personal_reply, from_address, mail_from, lists):
    # Only deliverable addresses are answered: a malformed From (an unbalanced quote, a
    # control byte) falls through to the envelope sender, else to nobody.
    if found_by == "list rewriting":
        originals = [(n, a) for n, a in originals if deliverable(a)]
        return (originals[0][1] if originals else ""), found_by
    personal_reply = [(n, a) for n, a in personal_reply if deliverable(a)]
    if len(personal_reply) == 1:
        return personal_reply[0][1], "reply-to"
    if deliverable(from_address):
        return from_address, "from"
    if deliverable(mail_from) and mail_from.lower() not in lists:
        return mail_from, "envelope"
    return "", "nowhere"


def _list_bounce(address, lists):
    """`group+bncBD…@googlegroups.com`, `orga-bounces@lists…`: a list's own return path."""
    local, _, domain = address.lower().rpartition("@")
    for listed in lists:
        list_local, _, list_domain = listed.rpartition("@")
        if domain == list_domain and local.startswith(list_local):
            return True
    return bool(re.search(r"(?:^|[+-])(?:bnc|bounces?)\b", local))


ROLE_ACCOUNTS = {"support", "helpdesk", "help", "info", "noreply", "no-reply", "tickets", "ticket", "team",
                 "replies", "reply", "forum", "community", "discourse", "groups", "list", "lists",
                 "office", "contact", "admin", "hello", "events", "event", "orga", "organizers", "staff",
                 "service", "servicedesk", "desk", "feedback", "conduct", "coc", "abuse", "security",
                 "notifications", "mailer", "bounce", "bounces", "postmaster", "webmaster"}


def role_account(address):
    """`support+id48213@…`, `helpdesk@…`: a team's mailbox, not where one person reads."""
    local = address.lower().rsplit("@", 1)[0].split("+", 1)[0]
    return local in ROLE_ACCOUNTS or local.split("-", 1)[0] in ROLE_ACCOUNTS


def _unique(values):
    seen, out = set(), []
    for value in values:
        key = value.lower()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out
