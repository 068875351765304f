"""The reading process (pipeline/reading.py) is sent the committee only when it changed: a
reload puts a new committee in force, and the people a report names are found with it, even
for a report read ahead under the committee before."""

import asyncio
import pickle
import time
from pathlib import Path

from harness import MEMBERS, RunningDaemon, held_worker, load, report, write_config
from mailrouter.pipeline import worker as worker_module
from mailrouter.mail.message import SAFE_SMTP, SAFE_SMTPUTF8, parse
from mailrouter.pipeline.reading_process import _clean_copy, dumps
from mailrouter.privacy.identity_store import Identity

HERE = Path(__file__).parent

EVE = {"name": "Eve Novak", "email": "eve@example.org"}


def forwards(sink, member, word):
    return [m for m in sink.messages_to(member) if word in m.text()]


def test_after_a_reload_adds_a_member_a_report_naming_her_is_kept_from_her(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        running.send(report(body="Apricot jar.\n"))        # the reading process holds the committee
        running.run_until_idle()
        assert forwards(sink, "bo@example.org", "Apricot")
        write_config(tmp_path, sink.port, members=MEMBERS + [EVE])
        assert running._call(running.daemon.reloader.reload("test")) is True
        running.send(report(body="Eve Novak took my mango jar.\n", sender="Ines Duarte <ines@example.net>"),
                     mail_from="ines@example.net")
        running.run_until_idle()
        # Named in the report, the new member is one of its parties: it is never forwarded to her.
        assert forwards(sink, "bo@example.org", "mango")
        assert not forwards(sink, EVE["email"], "mango")
    finally:
        running.stop()


def test_a_reload_between_two_entries_of_a_batch_names_people_with_the_new_committee(
        tmp_path, sink, monkeypatch):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        worker = running.daemon.worker
        monkeypatch.setattr(worker_module, "BURST_WINDOW", 0.0)    # a backlog: one batch for both
        running.send(report(body="Apricot jar.\n"))         # the reading process holds the committee
        running.run_until_idle()
        write_config(tmp_path, sink.port, members=MEMBERS + [EVE])
        process, reloads = worker.process, []

        def process_then_reload(entry_id):
            done = process(entry_id)         # its scrub call sent the next entry to be read ahead
            if not reloads:                  # put in force before the next entry is taken
                reloads.append(asyncio.run_coroutine_threadsafe(running.daemon.reloader.reload("test"),
                                                                running.loop))
                deadline = time.monotonic() + 10
                while not worker._pending and time.monotonic() < deadline:
                    time.sleep(0.01)
            return done
        monkeypatch.setattr(worker, "process", process_then_reload)
        release = held_worker(running)
        running.send(report(body="Banana jar.\n"))
        running.send(report(body="Eve Novak took my mango jar.\n", sender="Ines Duarte <ines@example.net>"),
                     mail_from="ines@example.net")
        release.set()
        running.run_until_idle()
        assert reloads[0].result(10) is True
        assert forwards(sink, "bo@example.org", "Banana") and forwards(sink, "bo@example.org", "mango")
        assert not forwards(sink, EVE["email"], "mango")
    finally:
        running.stop()


def test_the_clean_copy_comes_back_from_the_reading_process_byte_for_byte(tmp_path):
    """Its header objects travel as their text (cheaper to pickle): every corpus report
    written out after the trip is the one made, in ASCII and in UTF-8 mail."""
    config = load(write_config(tmp_path))
    identity = Identity(("reporter@example.net",), "Jane Reporter")
    paths = sorted(p for corpus in ("corpus", "corpus2", "corpus3") for p in (HERE / corpus).glob("*.eml"))
    assert len(paths) > 100
    for path in paths:
        report = _clean_copy(parse(path.read_bytes()), identity, config.attachments, [])[0]
        made = [report.as_bytes(policy=policy) for policy in (SAFE_SMTP, SAFE_SMTPUTF8)]
        travelled = pickle.loads(dumps(report))
        assert [travelled.as_bytes(policy=policy) for policy in (SAFE_SMTP, SAFE_SMTPUTF8)] == made, path.name
