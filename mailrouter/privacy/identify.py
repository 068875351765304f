"""The reporter's identity, from one incoming report (pure; used by the pipeline and by
`mailrouter route --dry-run`, so both reach the same answer).

Protected are the author (lists' rewriting and shared mailboxes undone, see authorship)
and anyone whose report an intermediary forwards (see forwards). Every address and name
seen for them is kept, including a surname that only their sign-off gives, another
address of theirs that forwarded evidence shows next to their name (or a short form of it:
"Camille D."), the name it shows next to an address of theirs ("To: Mel T. <…>"), and what
they give for themselves (self_named: a self-introduction, their S/MIME certificate, a
check of their own signature).
"""

import re

from mailrouter.cases.declarations import own_text, reported_people, wants_to_share
from mailrouter.mail.addresses import deliverable
from mailrouter.mail.cyrillic_spellings import cyrillic_names, shows_cyrillic
from mailrouter.mail.hypocorisms import short_forms, theirs
from mailrouter.mail.message import HEADER_END, body_text, header, normalise_line_ends, sole_mailbox
from mailrouter.privacy.authorship import find_author, person_name
from mailrouter.privacy.chat_speakers import export_speaker_names
from mailrouter.privacy.forwards import forwarded_messages
from mailrouter.privacy.intermediaries import (addresses_of_name, carried_by_intermediary, declared_reporters,
                                               names_on_whose_behalf, speaks_for_someone)
from mailrouter.mail.names import fold, local_part_words, name_words
from mailrouter.privacy.own_contacts import own_contacts
from mailrouter.privacy.self_named import certified_addresses, introduced_names, verified_as_theirs
from mailrouter.privacy.phones import own_phone_numbers
from mailrouter.privacy.subject_phones import subject_phone_numbers
from mailrouter.privacy.signature import names_signed
from mailrouter.privacy.signoff_words import name_on_line
from mailrouter.mail.quoting import own_after_inline_quotes, split_own_text
from mailrouter.privacy.identity_store import Identity


def reporter_identity(msg, raw, mail_from, committee=None, own_addresses=()):
    """Everything that identifies who reported `msg`, as an Identity."""
    author = find_author(msg, mail_from, own_addresses)
    text = own_text(msg)
    words, rest = split_own_text(text)
    known = {w for n in author.names for w in name_words(n)} | \
        {w for a in author.addresses for w in local_part_words(a)}
    names = list(author.names) + names_signed(words, known, author.addresses)
    # The whole text: header blocks of forwards can stand in the own words (a helpdesk's "Requester:").
    forwards = forwarded_messages(msg, text)
    mine = list(author.addresses)
    key_ids = _given_for_themselves(msg, (text, words), forwards, names, mine)
    # A delegate (members.yaml `delegates:`) forwards reports by their role: every message
    # they carry is someone else's report, whether or not they say so (issue 14).
    delegate = committee is not None and any(committee.delegate(a) for a in author.addresses)
    protected, others, details = _sort_forwards(forwards, (names, mine), words, reported_people(text), delegate)
    ours = {a.lower() for a in own_addresses}
    people = [(names[0] if names else "", tuple(_unique([a for a in mine if a.lower() not in ours])))] + protected + [(name, (address,) if address else ()) for name, address in declared_reporters(words)]
    sender_is_member = committee is not None and any(committee.member(a) for a in author.addresses)
    if len(people) > 1 or sender_is_member or delegate or speaks_for_someone(words):
        people += [(name, tuple(addresses_of_name(words, name))) for name in names_on_whose_behalf(words)]
    people = _with_addresses_beside_their_names(people, forwards)
    addresses = _unique([a for _, emails in people for a in emails])
    all_names = _unique(names + [n for n, _ in people if n])
    if (delegate or sender_is_member and speaks_for_someone(words)) and len(people) > 1:
        # A member or delegate passing on a report sent to them is its messenger, not a
        # party: a member stays on the case. They are who the acknowledgement and replies go to.
        people = people[1:]
        all_names = _unique([n for n, _ in people if n])
    head = normalise_line_ends(raw).split(HEADER_END, 1)[0]
    details = tuple(_unique(_own_details(_with_interleaved(words, rest) + _html_words(msg, text),
                                         addresses + list(own_addresses))
                            + details + key_ids + subject_phone_numbers(header(msg, "Subject"))))
    all_names = _in_other_forms_too(msg, text, _unique(all_names + names_of_addresses(
        text, [d for d in details if "@" in d[1:]])))
    return Identity(tuple(addresses), names[0] if names else "", (head.decode("utf-8", "replace"),),
                    share=wants_to_share(text), names=tuple(all_names), people=tuple(people),
                    others=tuple(others), ack_to=_not_a_members(author, msg, committee),
                    details=details,
                    found_by=author.found_by)


def _in_other_forms_too(msg, text, names):
    """`names`, the short forms of their given names the mail uses for them ("Majo" of María José,
    not "Pepe Romero"), and in a mail that shows Cyrillic their likely Cyrillic spellings ("Olga
    Ivanova" named "Ольги Ивановой" in a Russian report: their case forms follow, scrub_patterns)."""
    subject = header(msg, "Subject")
    own_words = {w for n in names for w in name_words(n)}
    forms = {f for n in names for f in short_forms(name_words(n))} - own_words
    names = _unique(names + theirs(forms, subject + "\n" + text, own_words,
                                   [p.name for p in reported_people(text)])) if forms else names
    if not shows_cyrillic(subject, text):
        return names
    return _unique(names + [spelling for name in names for spelling in cyrillic_names(name)])


def _not_a_members(author, msg, committee):
    """Where the reporter's mail goes: never to a committee member's address that only a Reply-To
    gives (the reported member's, typed in or forged: invariant 1); then to the From. (A member
    behind a list's rewriting, or in the From, is answered there.)"""
    ack_to = author.ack_to
    if committee is None or author.found_by != "reply-to" or not committee.member(ack_to):
        return ack_to
    mailbox = sole_mailbox(msg)
    sender = mailbox.addr_spec if mailbox else ""
    return ack_to if sender.lower() == ack_to.lower() else (sender if deliverable(sender) else "")


def _with_interleaved(words, rest):
    """The own words, and those that go on below a quote pasted with no attribution (their
    sign-off's phone line there is theirs too)."""
    more = own_after_inline_quotes(rest)
    return words + "\n\n" + more if more.strip() else words


def names_of_addresses(text, addresses):
    """A name line of `text` whose every word is a word of the local part of one of `addresses`
    (the other addresses the reporter gives as theirs): "Amelie Hartmann" over her comment in a
    helpdesk thread that gives amelie.hartmann@…: theirs."""
    wanted = [set(local_part_words(a)) for a in addresses]
    found = []
    for line in text.split("\n") if wanted else ():
        name = name_on_line(line)
        if name and len(known := set(name_words(name))) >= 2 and any(known <= words for words in wanted):
            found.append(name)
    return found


def _own_details(words, known):
    """The phone numbers, other addresses and handles (as "@handle") the reporter gives as
    theirs in their own words (`phones`, `own_contacts`); `known` addresses are left out."""
    numbers, addresses, handles = own_contacts(words, exclude=known)
    return own_phone_numbers(words) + numbers + addresses + handles


def _html_words(msg, text):
    """The own words of the HTML alternative when the plain one was read: a link's target
    (`signal.me/#p/+49…`, `sms:+49…`, `t.me/handle`) behind "message me" is theirs too."""
    markup_text = body_text(msg, prefer=("html",))
    return "\n\n" + split_own_text(markup_text)[0] if markup_text and markup_text != text else ""


def _given_for_themselves(msg, texts, forwards, names, mine):
    """Extends `names` and `mine` with what the report ties to its author: a self-introduction
    in their own words, forwarded mail addressed to them, an S/MIME certificate of theirs, a
    check of their own signature; gives that check's key ids."""
    text, words = texts
    names.extend(introduced_names(words))
    mine.extend(certified_addresses(msg, mine))
    names.extend(export_speaker_names(msg, names, mine))
    for forwarded in forwards:
        for name, address in forwarded.recipients:
            theirs = address.lower() in {a.lower() for a in mine}
            name = person_name(name) if "@" not in name else ""     # "Mel T. (personal)": "Mel T."
            # A name, not a letter a header comment left ("To: (…x…) <their address>").
            if any(len(w) > 1 for w in name_words(name)) and (theirs or _short_form(name, names)):
                names.append(name)
                mine.append(address)
    signed_names, signed_addresses, key_ids = verified_as_theirs(text, names, mine)
    names.extend(signed_names)
    mine.extend(signed_addresses)
    return key_ids


def _short_form(name, names):
    """"Camille D." or "Mel T." for "Camille Dubois" or "Melissa Thompson": the first word or
    its first letters (three at least), then the same words or their initials."""
    words = name_words(name)
    if len(words) < 2 or len(words[0]) < 3:
        return False
    for known in map(name_words, names):
        if len(known) >= len(words) and known[0].startswith(words[0]) and \
                all(w == k or (len(w) == 1 and k.startswith(w)) for w, k in zip(words[1:], known[1:])):
            return True
    return False


def _sort_forwards(forwards, reporter, words, reported, delegate=False):
    """(people to protect, authors of evidence, phone numbers of the protected) of the forwards.

    `reporter` is (names, addresses), lists that a forward of the reporter's own earlier mail
    extends with the names and addresses it shows for them.
    """
    names, mine = reporter
    protected, others, details = [], [], []
    context, protected_before = words, False
    for forwarded in forwards:
        person = (forwarded.names[0] if forwarded.names else "", tuple(forwarded.addresses))
        if any(person) and _same(person, (names[0] if names else "", mine)):
            # The reporter quoting their own earlier mail: the names there are theirs too, and
            # so are the addresses it gives for them (Sender, Reply-To, read receipts).
            names.extend([n for n in forwarded.names if n and fold(n) not in {fold(k) for k in names}])
            mine.extend(forwarded.addresses)
        elif any(person):
            # Judged on the words that carry it: the sender's for the first forward, the
            # carrying message's for a forward inside a forward.
            intermediary = delegate or carried_by_intermediary(context, forwarded)
            # Right under a protected person's header block ("Requester: …" then "X wrote:")
            # the words are that person's own.
            intermediary = intermediary or (protected_before and not re.search(r"\w", context))
            protect = intermediary and not _is_reported(person, reported)
            protected_before = protect
            (protected if protect else others).append(person)
            details += list(forwarded.details) if protect else []
        context = forwarded.text
    return protected, others, details


def _with_addresses_beside_their_names(people, forwards):
    """Forwarded evidence written to the reporter shows another address of theirs."""
    folded = {fold(n) for n, _ in people if n}
    extra = {}
    for forwarded in forwards:
        for name, address in forwarded.recipients:
            if address and name and fold(name) in folded:
                extra.setdefault(fold(name), []).append(address)
    return [(n, tuple(_unique(list(emails) + extra.get(fold(n), [])))) for n, emails in people]


def _same(a, b):
    emails_a = {e.lower() for e in a[1]}
    return bool(emails_a & {e.lower() for e in b[1]}) or (bool(a[0]) and fold(a[0]) == fold(b[0]))


def _is_reported(person, reported):
    return any(_same(person, (p.name, p.emails)) for p in reported)


def _unique(values):
    seen, out = set(), []
    for value in values:
        if value and value.lower() not in seen:
            seen.add(value.lower())
            out.append(value)
    return out
