"""T4: a message's budget bounds the worker's own time on it too, not only the child's.

a14's 2.9 MB HTML table delayed the next report 22.9 s against a 20 s budget: the reading
process stopped at the budget, but before it the worker had read the table as text twice
itself (the throttle's digest, the appeal check: 1.4 s) and then rested half a second for a
burst that had ended. Now the child works out the body text once, within the budget, and the
parsed message brings it along; the worker's time between its calls to the child counts
against the same budget; and the worker rests only while mail is still arriving.
"""

import time

import pytest

from harness import RunningDaemon, load, report, write_config
from mailrouter.mail import message
from mailrouter.pipeline.stages import appeal
from mailrouter.pipeline.worker import BURST_PAUSE_MAX

BUDGET = 1.0
REPORTER = "reporter@example.net"


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the daemon never got there"
        time.sleep(0.01)


@pytest.fixture
def budgeted(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port, limits={"message_cpu_seconds": BUDGET})))
    yield running.start()
    running.stop()


def html_report(rows):
    table = "<table>" + "<tr><td>Sam Rivera</td><td>said it again</td></tr>" * rows + "</table>"
    return report(body="").replace(b"text/plain; charset=utf-8", b"text/html; charset=utf-8") + table.encode()


def test_the_worker_reads_no_body_text_itself(budgeted, sink, monkeypatch):
    """The throttle and the appeal check read the body text in the worker: the message the child
    parsed brings it along, so the worker never turns HTML into text for them."""
    in_the_worker = []
    real = message.html_to_text
    monkeypatch.setattr(message, "html_to_text", lambda html: in_the_worker.append(len(html)) or real(html))
    assert budgeted.send(html_report(rows=200), mail_from=REPORTER)[0] == 250
    budgeted.run_until_idle()
    assert len(budgeted.store.codes()) == 1 and sink.messages_to(REPORTER)    # a case, acknowledged
    assert in_the_worker == []


def test_the_worker_s_own_time_between_calls_counts_against_the_budget(budgeted, sink, monkeypatch):
    """A stage between parsing and the clean copy that takes the whole budget in the worker: the
    message is set aside when its budget runs out, as if the child had been slow."""
    real = appeal.run

    def slow_appeal_check(item, ctx):    # the injected slowness: the worker's own time
        time.sleep(BUDGET * 1.2)
        return real(item, ctx)

    monkeypatch.setattr(appeal, "run", slow_appeal_check)
    assert budgeted.send(report(), mail_from=REPORTER)[0] == 250
    wait_until(lambda: budgeted.state.spool.quarantined_ids())
    (entry,) = budgeted.state.spool.quarantined_ids()
    reason = (budgeted.state.spool.quarantine_dir / f"{entry}.reason").read_text()
    assert reason == f"Unreadable: reading took longer than its budget of {BUDGET:g} s"
    assert budgeted.store.codes() == []


@pytest.fixture
def roomy(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port, limits={"message_cpu_seconds": 10})))
    yield running.start()
    running.stop()


def test_after_a_slow_message_the_worker_does_not_rest_once_mail_stopped_arriving(roomy, sink, monkeypatch):
    """The burst rule rests the worker after an entry only while mail is still arriving: a report
    that came in during a slow entry, and nothing after it, is read at once."""
    real = appeal.run
    slow = {"left": 1}

    def one_slow_entry(item, ctx):
        if slow["left"]:
            slow["left"] -= 1
            time.sleep(1.0)              # under the budget: the entry is processed as usual
        return real(item, ctx)

    monkeypatch.setattr(appeal, "run", one_slow_entry)
    worker = roomy.daemon.worker
    rests = []
    real_sleep = time.sleep
    monkeypatch.setattr("mailrouter.pipeline.worker.time.sleep", lambda s: rests.append(s) or real_sleep(s))
    assert roomy.send(report(), mail_from=REPORTER)[0] == 250
    wait_until(lambda: worker.busy_since is not None)
    real_sleep(0.2)                      # the next report arrives during the slow entry
    assert roomy.send(report(sender="Someone Else <else@example.net>"), mail_from="else@example.net")[0] == 250
    roomy.run_until_idle()
    assert len(roomy.store.codes()) == 2
    assert BURST_PAUSE_MAX not in rests  # (the old rule rested min(3 × 1 s, BURST_PAUSE_MAX))
