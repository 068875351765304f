"""The reading process scrubs a report it reads ahead before the worker asks (pipeline/
reading.py): a guess at the identity identify_reporter will find. The worker takes that
answer only for the same identity, settings and notes; any other call goes to the child.
A wrong answer taken would show another person's name to the members, so each guard is
tried here with a call the guess does not fit."""

from harness import RunningDaemon, held_worker, load, report, write_config
from mailrouter.entry_dir import EntryDir
from mailrouter.mail.message import SAFE_SMTPUTF8
from mailrouter.pipeline import worker as worker_module
from mailrouter.pipeline.reading import Reader
from mailrouter.privacy.identify import reporter_identity
from mailrouter.privacy.identity_store import Identity

ALIAS = "conduct@example.org"
OWN = {ALIAS}
ZOE = Identity(("zoe@example.net",), "Zoe Quist", names=("Zoe Quist",), people=(("Zoe Quist", ("zoe@example.net",)),))
INES = "Ines Duarte <ines@example.net>"


def text_of(answer):
    return answer[0].as_bytes(policy=SAFE_SMTPUTF8).decode("utf-8", "replace")


class Reading:
    """A real reading process, fed two spool entries the way the worker feeds it."""

    def __init__(self, tmp_path, second_body, second_sender=INES, second_from="ines@example.net"):
        config = load(write_config(tmp_path))
        self.committee, self.unknown = config.committee, config.attachments
        spool = EntryDir(tmp_path / "spool")
        self.first = spool.path_of(spool.put(report(body="Apricot jar.\n"),
                                             {"mail_from": "reporter@example.net", "rcpt_tos": [ALIAS]}))
        second = spool.put(report(body=second_body, sender=second_sender),
                           {"mail_from": second_from, "rcpt_tos": [ALIAS]})
        self.second, self.second_raw = spool.path_of(second), spool.payload(second)
        self.reader = Reader(10.0)

    def take_first(self, committee=None):
        """The first entry read and scrubbed; the second is then read (and scrubbed) ahead."""
        msg = self.reader.parse_entry(self.first)
        raw = self.reader.parsed(open(self.first, "rb").read().split(b"\n", 1)[1])
        self.reader.read_ahead(self.second)
        identity = reporter_identity(msg, raw, "reporter@example.net", self.committee, OWN)
        self.reader.scrub(raw, identity, self.unknown, [], committee or self.committee, OWN)

    def take_second(self):
        msg = self.reader.parse_entry(self.second)
        return msg, self.reader.parsed(self.second_raw)


def second_scrubbed(reading, identity=None, notes=(), own=OWN, sender="ines@example.net"):
    """The first entry taken, then the second, scrubbed for `identity` (by default the one
    identify_reporter finds); returns the answer."""
    reading.take_first()
    msg, raw = reading.take_second()
    identity = identity or reporter_identity(msg, raw, sender, reading.committee, own)
    try:
        return reading.reader.scrub(raw, identity, reading.unknown, list(notes), reading.committee, own)
    finally:
        reading.reader.close()


def test_the_answer_found_ahead_is_the_one_the_child_gives_when_asked(tmp_path):
    reading = Reading(tmp_path, "Ines Duarte here. Someone took my mango jar.\n")
    ahead = second_scrubbed(reading)
    assert reading.reader.answered_ahead == 1
    assert "Ines" not in text_of(ahead) and "mango" in text_of(ahead)


def test_the_identity_found_ahead_is_the_one_identify_reporter_finds(tmp_path):
    reading = Reading(tmp_path, "Ines Duarte here. Someone took my mango jar.\n")
    reading.take_first()
    msg, raw = reading.take_second()
    try:
        ahead = reading.reader.identity_ahead(raw, reading.committee, OWN)
        assert ahead == reporter_identity(msg, raw, "ines@example.net", reading.committee, OWN)
        assert "Ines Duarte" in ahead.names and reading.reader.identified_ahead == 1
    finally:
        reading.reader.close()


def test_no_identity_is_taken_from_ahead_with_other_settings(tmp_path):
    reading = Reading(tmp_path, "Ines Duarte here. Someone took my mango jar.\n")
    reading.take_first()
    msg, raw = reading.take_second()
    try:
        reloaded = load(write_config(tmp_path / "reloaded")).committee     # a reload: another object
        assert reading.reader.identity_ahead(raw, reloaded, OWN) is None
        assert reading.reader.identity_ahead(raw, reading.committee, OWN | {"admin@example.org"}) is None
        assert reading.reader.identity_ahead(raw + b"\n", reading.committee, OWN) is None  # other bytes
        assert reading.reader.identified_ahead == 0
    finally:
        reading.reader.close()


def test_another_identity_is_scrubbed_by_the_child_not_answered_by_the_guess(tmp_path):
    # The guess is Ines (the sender); the identity found is Zoe, whose name the text holds.
    reading = Reading(tmp_path, "Zoe Quist wrote this, sent on by Ines. Someone took my mango jar.\n")
    answer = second_scrubbed(reading, identity=ZOE)
    assert reading.reader.answered_ahead == 0
    assert "Zoe" not in text_of(answer) and "mango" in text_of(answer)


def test_notes_already_made_are_kept_by_asking_the_child(tmp_path):
    reading = Reading(tmp_path, "Ines Duarte here. Someone took my mango jar.\n")
    answer = second_scrubbed(reading, notes=["A note made before."])
    assert reading.reader.answered_ahead == 0
    assert "A note made before." in answer[2]


def test_other_own_addresses_are_asked_again(tmp_path):
    reading = Reading(tmp_path, "Ines Duarte here. Someone took my mango jar.\n")
    second_scrubbed(reading, own=OWN | {"admin@example.org"})
    assert reading.reader.answered_ahead == 0


def test_a_member_writing_to_the_alias_is_not_scrubbed_ahead(tmp_path):
    # (Her mail is not scrubbed at all: the guess would be work thrown away.)
    reading = Reading(tmp_path, "Ana here. Someone took my mango jar.\n", second_sender="Ana Lima <ana@example.org>",
                      second_from="ana@example.org")
    second_scrubbed(reading, sender="ana@example.org")
    assert reading.reader.answered_ahead == 0


def test_under_a_backlog_reports_are_scrubbed_ahead_and_reach_the_members_clean(tmp_path, sink, monkeypatch):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        monkeypatch.setattr(worker_module, "BURST_WINDOW", 0.0)    # one batch: each read ahead
        running.send(report(body="Apricot jar.\n"))         # the reading process holds the settings
        running.run_until_idle()
        release = held_worker(running)
        for n in range(5):
            running.send(report(body=f"Ines Duarte here. Someone took my jar number {n}.\n", sender=INES),
                         mail_from="ines@example.net")
        release.set()
        running.run_until_idle()
        assert running.daemon.worker.reader.answered_ahead >= 4
        assert running.daemon.worker.reader.identified_ahead >= 4
        forwards = [m.text() for m in sink.messages_to("bo@example.org") if "jar number" in m.text()]
        assert len(forwards) == 5 and not any("Ines" in text or "ines@" in text for text in forwards)
    finally:
        running.stop()


def test_an_entry_scrubbed_ahead_sends_the_next_to_the_child_as_soon_as_it_is_taken(tmp_path):
    """The worker will likely not call the child for an entry scrubbed ahead, so the child
    reads the next one from the moment that entry is taken, not only after its scrub call; a
    guess that does not fit (another identity) is still asked of the child, behind the next."""
    reading = Reading(tmp_path, "Zoe Quist wrote this, sent on by Ines. Someone took my mango jar.\n")
    third = EntryDir(tmp_path / "spool").put(report(body="Ines Duarte here. My plum jar too.\n", sender=INES),
                                             {"mail_from": "ines@example.net", "rcpt_tos": [ALIAS]})
    third_path = EntryDir(tmp_path / "spool").path_of(third)
    try:
        reading.take_first()
        reading.reader.read_ahead(third_path)        # as the worker names its next before taking one
        msg, raw = reading.take_second()
        assert reading.reader._ahead is not None and reading.reader._ahead[0] == third_path
        answer = reading.reader.scrub(raw, ZOE, reading.unknown, [], reading.committee, OWN)
        assert reading.reader.answered_ahead == 0    # the guess was Ines: the child was asked
        assert "Zoe" not in text_of(answer) and "mango" in text_of(answer)
        reading.reader.parse_entry(third_path)
        assert reading.reader._guess is not None     # the third was read and scrubbed ahead all the same
    finally:
        reading.reader.close()
