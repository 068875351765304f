"""`mailrouter queue` and `case show` on mail waiting for its first attempt: no queue file,
its only copy on disk a journal record (outbound/outbox_journal.py, app/first_attempts.py).

A silent relay keeps every attempt hanging, so what the worker queued stays in the daemon's
memory; the commands run in subprocesses against the same state directory, while the
daemon runs and after a kill -9.
"""

import subprocess
import sys

from harness import RunningDaemon, load, report, write_config
from test_durability import wait_until
from test_leaving_and_away import CHIDI, reload, without_chidi, write_members
from test_outbox_memory import (SilentRelay, journals, killed_with_mail_in_memory, queue_files,
                                restarted_an_hour_later, restarted_until_settled)
from test_queue import listing, queue

REPORTER = "reporter@example.net"
FORWARDED = ["ana@example.org", "bo@example.org", "chidi@example.org"]


def case_show(path, code):
    shown = subprocess.run([sys.executable, "-m", "mailrouter", "case", "show", code.replace(" ", "-"),
                            "--config", str(path)], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    return [line for line in shown.stdout.splitlines() if line.startswith("  ") and " forward " in line]


def spooled(config):
    return list((config.state_dir / "spool").glob("*.msg"))


def first_attempts(path):
    found = listing(path)["outbox"]
    assert all(e["first_attempt"] and e["attempts"] == 0 for e in found), found
    return {e["to"]: e for e in found}


def with_mail_in_memory(tmp_path):
    """(relay, config path, daemon): one report's four mails in its memory, attempts hanging."""
    relay = SilentRelay()
    path = write_config(tmp_path, relay.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report())
        wait_until(lambda: len(running.state.outbox.queued()) == 4 and len(relay.held) >= 1)
    except BaseException:
        running.stop()
        relay.close()
        raise
    return relay, path, running


def test_mail_in_the_running_daemons_memory_is_listed_and_cannot_be_deleted(tmp_path):
    relay, path, running = with_mail_in_memory(tmp_path)
    try:
        assert queue_files(running.config) == []          # in memory only: the journal is the copy
        code = running.store.codes()[0]
        waiting = first_attempts(path)
        assert set(waiting) == {"reporter", *FORWARDED}
        assert {e["case"] for e in waiting.values()} == {code}
        text = queue(path)
        assert text.stdout.count("waiting for its first attempt") == 4
        assert REPORTER not in text.stdout and REPORTER not in queue(path, "--json").stdout
        assert [line.endswith("waiting for its first attempt") for line in case_show(path, code)] == [True] * 3
        chidi = waiting["chidi@example.org"]["id"]
        refused = queue(path, "delete", chidi[:8], "--yes")
        assert refused.returncode == 5 and "cannot reach it" in refused.stderr
        retried = queue(path, "retry", chidi[:8])
        assert retried.returncode == 0 and "needs nothing" in retried.stdout
        exported = queue(path, "export", chidi[:8], str(tmp_path / "chidi.eml"))
        assert exported.returncode == 0, exported.stderr
        assert b"chidi@example.org" in (tmp_path / "chidi.eml").read_bytes()
        assert chidi in running.state.outbox.queue             # the daemon still owes it
    finally:
        running.stop()
        relay.close()
    # Stopped, the daemon gave each its queue file: listed once, as any queued entry.
    after = listing(path)["outbox"]
    assert len(after) == 4 and not any(e["first_attempt"] for e in after)


def test_after_a_kill_the_journal_shows_what_is_owed_and_delete_keeps_it_from_the_restart(tmp_path, sink):
    relay = SilentRelay()
    path = write_config(tmp_path, relay.port)
    config = load(path)
    # Killed once the spool entry is done: its case records flush after the journal's.
    killed_with_mail_in_memory(path, relay, lambda: journals(config) and len(relay.held) >= 1 and not spooled(config))
    assert queue_files(config) == []
    waiting = first_attempts(path)
    assert set(waiting) == {"reporter", *FORWARDED}
    code = waiting["reporter"]["case"]
    assert [line.endswith("waiting for its first attempt") for line in case_show(path, code)] == [True] * 3
    deleted = queue(path, "delete", waiting["chidi@example.org"]["id"][:8], "--yes")
    assert deleted.returncode == 0 and "will not be sent" in deleted.stdout, deleted.stderr
    assert set(first_attempts(path)) == {"reporter", *FORWARDED[:2]}
    restarted_until_settled(path, config, sink, 3)
    assert sink.messages_to("chidi@example.org") == []
    for address in [REPORTER, *FORWARDED[:2]]:
        assert len(sink.messages_to(address)) == 1, address
    assert listing(path)["outbox"] == []


def test_case_show_says_withdrawn_and_deleted_for_mail_taken_back_unsent(tmp_path, sink):
    """Each message taken back unsent has its sent.log line (its journal never brings it
    back), saying why: `case show` tells the admin so, not "delivered" as for a 250."""
    relay, path, running = with_mail_in_memory(tmp_path)
    try:
        code = running.store.codes()[0]
        write_members(tmp_path, without_chidi())
        reload(running)                  # Chidi left: his forward is withdrawn
    finally:
        running.stop()
        relay.close()
    bo = {e["to"]: e for e in listing(path)["outbox"]}["bo@example.org"]["id"]
    assert queue(path, "delete", bo[:8], "--yes").returncode == 0
    restarted_an_hour_later(path, sink, 2)
    shown = {line.split("<")[1].split(">")[0]: line for line in case_show(path, code)}
    assert shown["ana@example.org"].endswith("  delivered")
    assert shown["bo@example.org"].endswith("deleted by the admin (not sent)")
    assert shown[CHIDI].endswith("withdrawn (not sent)")
