"""What the tests of tests/corpus4/ share: a file's reports run through one real daemon
(corpus_checks.run_corpus), the mail members received, and whether a planted needle shows
in what a member's client can show or save."""

import re
import unicodedata

import pytest

from corpus_checks import MEMBERS, run_corpus
from mailrouter.mail.names import fold, spaceless_script
from readable import readable_text


def reporter_tests(corpus, reports, every_member=False):
    """The fixture and three tests a corpus4 file runs over `reports`: name -> (envelope
    sender, acknowledged address, planted needles, evidence that must survive). A test module
    assigns them to its own names: `results, test_…, test_…, test_… = reporter_tests(…)`.
    `every_member`: each member gets the forward, and the envelope sender is a needle too."""
    @pytest.fixture(scope="module")
    def results(tmp_path_factory):
        return run_reports(corpus, {name: report[0] for name, report in reports.items()}, tmp_path_factory)

    @pytest.mark.parametrize("name", sorted(reports))
    def becomes_a_case_with_its_forwards_and_its_ack(results, name):
        code, mail = results[name]
        assert code == 250
        sent_to = [m.rcpt_tos[0] for m in forwards(member_mail(mail))]
        assert set(sent_to) == MEMBERS if every_member else len(sent_to) >= 2
        acks = [m for m in mail if "Your report was received" in str(m["Subject"])]
        assert [m.rcpt_tos for m in acks] == [[reports[name][1]]]

    @pytest.mark.parametrize("name", sorted(reports))
    def carries_no_needle(results, name):
        mail = member_mail(results[name][1])
        assert mail
        needles = reports[name][2] + ([("addr", reports[name][0])] if every_member else [])
        for message in mail:
            seen = everything(message)
            for needle in needles:
                assert not found(needle, seen), (message.rcpt_tos[0], needle)

    @pytest.mark.parametrize("name", sorted(reports))
    def keeps_the_evidence(results, name):
        seen = readable(forwards(member_mail(results[name][1]))[0])
        for evidence in reports[name][3]:
            assert " ".join(evidence.split()) in seen, evidence

    return results, becomes_a_case_with_its_forwards_and_its_ack, carries_no_needle, keeps_the_evidence


def check_forwarded_with_evidence(outcome, evidence):
    """The report was answered 250 and forwarded to every member, each forward with `evidence`."""
    code, mail = outcome
    assert code == 250
    assert {m.rcpt_tos[0] for m in forwards(mail)} == MEMBERS
    for forward in forwards(mail):
        seen = readable(forward)
        for words in evidence:
            assert words in seen, words


def check_no_secret(mail, secrets, names, also_shown=lambda text: ""):
    """No member-bound message carries one of `secrets` (as written, in what a member reads
    or in its raw bytes) or one of `names` (whole folded words, in what a member reads and in
    `also_shown(that)`: the same text as some tool would show it)."""
    member_bound = member_mail(mail)
    assert member_bound
    for message in member_bound:
        seen = readable_text(message.msg)
        raw = message.data.decode("utf-8", "replace").lower() + message.data.decode("latin-1").lower()
        for secret in secrets:
            assert secret.lower() not in seen.lower() and secret.lower() not in raw, (message.rcpt_tos, secret)
        folded = " ".join(fold(seen + "\n" + also_shown(seen)).split())
        for form in names:
            assert not re.search(rf"(?<!\w){re.escape(' '.join(fold(form).split()))}(?!\w)", folded), form


def run_reports(folder, senders, tmp_path_factory):
    """{name: (SMTP code, mail sent)} for each report in `folder`, from `senders[name]`."""
    facts = {name: {"mail_from": sender, "conflicts": {}} for name, sender in senders.items()}
    return run_corpus(folder, facts, tmp_path_factory)


def member_mail(mail):
    return [m for m in mail if m.rcpt_tos[0] in MEMBERS]


def forwards(mail):
    """The forwards of the report itself, not the other notes members may get about it."""
    return [m for m in mail if "New report" in str(m["Subject"])]


def everything(message):
    """What a member's client can show or save of `message` and its raw bytes decoded, both
    also in their NFKC form (full-width letters and digits read as ASCII)."""
    seen = readable_text(message.msg) + "\n" + message.data.decode("utf-8", "replace")
    return seen + "\n" + unicodedata.normalize("NFKC", seen)


def readable(message):
    """The text a member reads in `message`, its whitespace squeezed."""
    return " ".join(readable_text(message.msg).split())


def found(needle, seen):
    """Whether `needle` shows in `seen`: ("phone", n) in any script's digits, ("addr" or
    "literal", s) as written, a name (("name", s), or a bare string) as whole folded words
    (anywhere in a script without spaces); a bare "tel:…" string is a phone number."""
    if isinstance(needle, str):
        needle = ("phone", needle[4:]) if needle.startswith("tel:") else ("any", needle)
    kind, value = needle
    if kind == "phone":
        return _digits(value) in _digits(seen)
    if kind in ("addr", "literal"):
        return " ".join(value.lower().split()) in " ".join(seen.lower().split())
    folded, form = " ".join(fold(seen).split()), " ".join(fold(value).split())
    pattern = re.escape(form) if spaceless_script(form) else rf"(?<!\w){re.escape(form)}(?!\w)"
    return re.search(pattern, folded) is not None or (kind == "any" and value.lower() in seen.lower())


def _digits(text):
    return "".join(str(unicodedata.decimal(c)) for c in re.findall(r"\d", text))
