"""A crash loop: reports arrive over SMTP while `mailrouter serve` is killed with SIGKILL
again and again, at random moments of intake, processing and delivery (issue 11).

The client behaves as a sending MTA: a report counts as accepted only when it read the
250; anything else (refused connection, dropped session, 4xx) is sent again, with the same
Message-ID. The relay is a real aiosmtpd sink that stays up throughout. Afterwards: every
report is exactly one case, each case has its acknowledgement and a forward to every
eligible member, and mail that reached the relay twice (a kill between the relay's 250
and the outbox removal) is counted and kept under 0.5 %.
"""

import json
import os
import random
import re
import signal
import smtplib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from harness import Sink, _free_port, load, report, write_config
from mailrouter.audit import verify
from mailrouter.cases.store import CaseStore
from mailrouter.clock import SystemClock
from mailrouter.settings.defaults import OUTBOUND_CONCURRENCY
from test_durability import start_serve

REPORTS = 400
KILLS = 8
SENDERS_IN_PARALLEL = 4
ARRIVAL_LAG = 1.0          # seconds; see _duplicates_per_kill
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]   # Dana is inactive
SEED = int(os.environ.get("CRASH_LOOP_SEED", "20261129"))    # another seed: repeat with it
PHRASES = ["kept interrupting me during the talk", "made a joke about my accent at dinner",
           "followed me to the hotel lobby", "posted my photo in the chat without asking",
           "ignored my request to stop messaging me", "shouted at a volunteer at the desk"]


@pytest.mark.slow
def test_kill_9_loop_loses_no_report_and_duplicates_no_case(tmp_path):
    rng = random.Random(SEED)
    print(f"\ncrash loop seed {SEED}")
    sink = TimedSink().start()
    port = _free_port()       # fixed: a restarted daemon is found where the client left it
    outbound = {"method": "smtp", "smtp": {"host": "127.0.0.1", "port": sink.port},
                "retry": {"first": "1s", "max": "2s", "jitter": 0.0}}
    config_path = write_config(tmp_path, sink.port, outbound=outbound,
                               listen={"host": "127.0.0.1", "port": port})
    reports = [_report(i, rng) for i in range(REPORTS)]
    loop = CrashLoop(config_path, tmp_path, rng)
    try:
        with ThreadPoolExecutor(SENDERS_IN_PARALLEL) as pool:
            sent = pool.map(lambda one: _send_until_accepted(port, *one, loop.stopping), reports)
            loop.kill_repeatedly()
            tries = list(sent)
        loop.drain()
    finally:
        sink.stop()

    config = load(config_path)
    store = CaseStore(config.state_dir / "cases", SystemClock())
    assert len(store.codes()) == REPORTS, "a report was lost or filed twice"
    assert not list((config.state_dir / "spool" / "quarantine").glob("*.msg"))
    assert not list((config.state_dir / "outbox" / "failed").glob("*.msg"))
    assert sink.messages_to("admin@example.org") == []          # no quarantine, nothing given up
    problems, _, _ = verify(config.state_dir / "audit" / "audit.log")
    assert problems == [], f"kill -9 broke the audit log's chain: {problems[:3]}"
    forwards = _forwards_by_marker(sink.all())
    for number, (sender, marker, _) in enumerate(reports):
        acks = {m["Message-ID"] for m in sink.messages_to(sender)}
        assert len(acks) == 1, f"report {number}: {len(acks)} different acknowledgements"
        assert sorted(forwards.get(marker, [])) == MEMBERS, f"report {number} forwarded to {forwards.get(marker)}"
    per_kill = _duplicates_per_kill(sink, loop.kill_times)
    duplicates = sum(per_kill)
    mails = len(sink.all()) - duplicates
    rate = 100 * duplicates / mails
    print(f"crash loop: {REPORTS} reports ({sum(tries) - REPORTS} sent again), {loop.kills} kills "
          f"(at {', '.join(loop.moments)}), {mails} mails, {duplicates} delivered twice ({rate:.2f} %; "
          f"per kill {per_kill})")
    assert loop.kills == KILLS
    # Each mail's audit record is written before `sent.log` notes it: a kill in between sends
    # and records it twice, and no kill leaves a mail the relay took unrecorded.
    lines = (config.state_dir / "audit" / "audit.log").read_bytes().splitlines()
    recorded = sum(1 for line in lines if json.loads(line)["event"] == "mail-sent")
    assert mails <= recorded <= len(sink.all()), (recorded, mails, len(sink.all()))
    # A mail goes out twice only when a kill falls between the relay's 250 and the outbox
    # removal: at most the deliveries under way then, one per relay connection.
    assert max(per_kill) <= OUTBOUND_CONCURRENCY
    assert rate <= 0.5


class TimedSink(Sink):
    """The relay, noting when each mail arrived (to tell which kill a duplicate followed)."""

    def __init__(self):
        super().__init__()
        self.times = []

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        with self.lock:                     # `received` and `times` stay index for index
            self.times.append(time.monotonic())
        return answer


class CrashLoop:
    """Runs `mailrouter serve`, kills it with SIGKILL at random moments, restarts it."""

    def __init__(self, config_path, tmp_path, rng):
        self.config_path, self.state = config_path, tmp_path / "state"
        self.rng = rng
        self.kills, self.moments, self.kill_times = 0, [], []
        self.stopping = threading.Event()
        self.process, _ = start_serve(config_path)

    def kill_repeatedly(self, timeout=150):
        deadline = time.monotonic() + timeout
        while self.kills < KILLS:
            time.sleep(self.rng.uniform(0.3, 3.0))
            self.moments.append(self._activity())
            self.kill_times.append(time.monotonic())
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
            self.kills += 1
            self.process, _ = start_serve(self.config_path)
            assert time.monotonic() < deadline, "the crash loop took too long"

    def _activity(self):
        """What the daemon had on hand when killed (for the printed figures)."""
        spool = len(list((self.state / "spool").glob("*.msg")))
        outbox = len(list((self.state / "outbox" / "queue").glob("*.msg")))
        return f"spool {spool}/outbox {outbox}"

    def drain(self, timeout=90):
        """Let the last daemon finish: spool, outbox and its journal empty (an entry leaves
        the spool only once its mail is queued, a journal record only after the relay's 250
        for all its mail)."""
        deadline = time.monotonic() + timeout
        journal = self.state / "outbox" / "journal"       # mail waiting in memory: its record stays
        try:
            while self._activity() != "spool 0/outbox 0" or list(journal.glob("*.msg")):
                assert time.monotonic() < deadline, f"never drained: {self._activity()}"
                time.sleep(0.1)
        finally:
            self.stopping.set()
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(20)


def _report(number, rng):
    sender = f"reporter{number}@example.net"
    marker = f"crashmark{number:04d}q"
    body = (f"At the sprint someone {rng.choice(PHRASES)}.\nReference {marker}.\n"
            + "More detail follows.\n" * rng.randrange(1, 30))
    raw = report(subject=f"Incident {rng.randrange(10**6)}", body=body, sender=f"Reporter <{sender}>",
                 message_id=f"<crash-{number}@example.net>")
    return sender, marker, raw


def _send_until_accepted(port, sender, marker, raw, stopping):
    """As a sending MTA does: again until a 250 was read; returns the number of tries."""
    for tries in range(1, 200):
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                refused = client.sendmail(sender, ["conduct@example.org"], raw)
            assert refused == {}
            return tries
        except smtplib.SMTPResponseException as error:
            if error.smtp_code >= 500:
                raise
        except (OSError, smtplib.SMTPException):
            pass
        if stopping.is_set():
            break
        time.sleep(0.2)
    raise AssertionError(f"{marker} was never accepted")


def _duplicates_per_kill(sink, kill_times):
    """Mail the relay got twice (the same Message-ID to the same recipient), counted against
    the kill that came between the two copies; a copy with no kill between is a bug. The
    relay may note a mail a moment after the kill of the daemon that sent it (its last
    bytes were on the wire), well within ARRIVAL_LAG: that kill counts."""
    first, per_kill = {}, [0] * len(kill_times)
    with sink.lock:
        arrivals = list(zip(sink.received, sink.times))
    for mail, at in arrivals:
        for recipient in mail.rcpt_tos:
            key = (mail["Message-ID"], recipient.lower())
            if key not in first:
                first[key] = at
                continue
            kills = [k for k, killed in enumerate(kill_times) if first[key] - ARRIVAL_LAG < killed < at]
            assert kills, f"{recipient} got the same mail twice with no kill between"
            per_kill[kills[0]] += 1
    return per_kill


def _forwards_by_marker(received):
    """marker -> members who received a forward carrying it (once per distinct Message-ID)."""
    seen, found = set(), {}
    for m in received:
        match = re.search(r"crashmark\d{4}q", m.text())
        member = m.rcpt_tos[0].lower()
        if match and member in MEMBERS and (m["Message-ID"], member) not in seen:
            seen.add((m["Message-ID"], member))
            found.setdefault(match.group(0), []).append(member)
    return found
