"""mailrouter's benchmark: baselines and mailrouter measured in one run, medians and ratios.

    python bench/run.py                      # the issue's sizes, 3 runs each
    python bench/run.py --runs 5 --quick     # smaller sizes for a quick look

(a) intake: `smtp-source` (Debian's postfix package), N messages of 3 KB over 8 sessions,
    against a do-nothing aiosmtpd sink, an fsync-only sink and `mailrouter serve`.
    Ratio: mailrouter msg/s ÷ fsync-only msg/s (target ≥ 0.7). The worker may fall
    behind during the burst; the time it takes to catch up is printed too.
(b) end to end: R reports to a 7-member committee until every acknowledgement and
    forward reached the relay, Postfix's `smtp-sink` (a C null sink: a Python one would
    take a quarter of a 2-core box from mailrouter). Reports/s, and ÷ fsync-only msg/s
    (target ≥ 0.15). The same with the Python null sink as relay is printed beside it.
    Then, the daemon idle, one report at a time: the time from the end of its DATA to the
    last of its eight mails reaching the sink (median of 5; target < 100 ms).
(c) the time the worker takes per report with C cases stored ÷ with an empty store
    (target ≤ 1.2). The C cases are written straight into the store's files (one real
    case cloned), so 100,000 take a minute or two, not hours over SMTP.
(d) mailrouter's peak RSS while 16 sessions each upload a 20 MB report (F4; target
    ≤ 150 MB), a run of its own; the peak during (b) is printed too.
(e) the scheduler's tick with C open cases and nothing due, and with C closed cases and
    ten open ones: it must not grow with closed cases and stay small with many open ones.

    python bench/run.py --only-tick          # (e) alone
    python bench/run.py --only-rss           # (d) alone
    python bench/run.py --only-cases         # (c) alone, at --cases (default 100,000)
    python bench/run.py --only-e2e --quick   # (b) alone, with the fsync-only sink it is divided by
    python bench/run.py --only-intake --quick  # (a) alone, likewise
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from harness import START  # noqa: E402  (the tests' fixed start time)
COMMITTEE = 7


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--messages", type=int, default=4000)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--cases", type=int, default=100000)
    parser.add_argument("--quick", action="store_true", help="1000 messages, 500 reports, 20000 cases")
    parser.add_argument("--only-tick", action="store_true", help="measure (e) only")
    parser.add_argument("--only-rss", action="store_true", help="measure (d) only")
    parser.add_argument("--only-cases", action="store_true", help="measure (c) only")
    parser.add_argument("--only-e2e", action="store_true", help="measure (b) only, with the fsync-only sink")
    parser.add_argument("--only-intake", action="store_true", help="measure (a) only, with the fsync-only sink")
    args = parser.parse_args()
    if args.quick:
        args.messages, args.reports, args.cases = 1000, 500, 20000
    if args.only_tick:
        report_tick_cost(args.cases)
        return
    if args.only_cases:
        report_store_growth(args.cases)
        return
    if not shutil.which("smtp-source"):
        sys.exit("smtp-source not found: apt-get install postfix")
    if args.only_e2e:
        report_end_to_end(args.runs, args.messages, args.reports)
        return
    if args.only_intake:
        report_intake(args.runs, args.messages)
        return
    if args.only_rss:
        print(f"(d) peak RSS, 16 sessions each uploading 20 MB: {upload_rss():.0f} MB (target ≤ 150)")
        return

    null, fsync, intake, catch_up, e2e, e2e_python, rss, latency, cpu = [], [], [], [], [], [], [], [], []
    for run in range(args.runs):
        null.append(sink_rate("null", args.messages))
        fsync.append(sink_rate("fsync", args.messages))
        rate, caught_up = mailrouter_intake(args.messages)
        intake.append(rate)
        catch_up.append(caught_up)
        reports_per_s, peak, idle_ms, cpu_ms = end_to_end(args.reports)
        e2e.append(reports_per_s)
        cpu.append(cpu_ms)
        e2e_python.append(end_to_end(args.reports, "python")[0])
        rss.append(peak)
        latency.append(idle_ms)
        print(f"run {run + 1}: null {null[-1]:.0f} msg/s, fsync {fsync[-1]:.0f} msg/s, "
              f"mailrouter intake {intake[-1]:.0f} msg/s (caught up {caught_up:.1f} s later), "
              f"end to end {reports_per_s:.1f} reports/s ({e2e_python[-1]:.1f} with the Python "
              f"sink as relay), peak RSS {peak:.0f} MB, "
              f"idle latency {idle_ms:.0f} ms, {sum(cpu_ms[:2]):.1f} ms CPU per report in (b)", flush=True)
    uploads = upload_rss()
    empty, full = store_growth(args.cases)

    m = statistics.median
    print()
    print(f"medians of {args.runs} runs ({args.messages} msgs of 3 KB over 8 sessions; "
          f"{args.reports} reports to a {COMMITTEE}-member committee)")
    print(f"  do-nothing aiosmtpd sink      {m(null):8.0f} msg/s")
    print(f"  fsync-only aiosmtpd sink      {m(fsync):8.0f} msg/s")
    print(f"  (a) mailrouter intake         {m(intake):8.0f} msg/s   ÷ fsync-only = {m(intake) / m(fsync):.2f} "
          f"(target ≥ 0.7); worker caught up {m(catch_up):.1f} s after the burst")
    print(f"  (b) end to end                {m(e2e):8.1f} reports/s ÷ fsync-only msg/s = "
          f"{m(e2e) / m(fsync):.3f} (target ≥ 0.15; relay: Postfix smtp-sink)")
    print(f"      with the Python null sink as relay {m(e2e_python):.1f} reports/s = {m(e2e_python) / m(fsync):.3f}")
    print_cpu([m(part) for part in zip(*cpu)])
    print_store_growth(args.cases, empty, full)
    print(f"      idle latency, report → last forward {m(latency):.0f} ms (target < 100)")
    print(f"  (d) peak RSS, 16 sessions each uploading 20 MB: {uploads:.0f} MB (target ≤ 150); "
          f"during (b) {m(rss):.0f} MB")
    report_tick_cost(args.cases)


def report_end_to_end(runs, messages, reports):
    fsync, e2e, e2e_python, cpu = [], [], [], []
    for run in range(runs):
        fsync.append(sink_rate("fsync", messages))
        rate, _, _, cpu_ms = end_to_end(reports)
        e2e.append(rate)
        cpu.append(cpu_ms)
        e2e_python.append(end_to_end(reports, "python")[0])
        print(f"run {run + 1}: fsync {fsync[-1]:.0f} msg/s, end to end {e2e[-1]:.1f} reports/s "
              f"({sum(cpu_ms[:2]):.1f} ms CPU per report), {e2e_python[-1]:.1f} with the Python sink as relay",
              flush=True)
    m = statistics.median
    print(f"  (b) end to end {m(e2e):.1f} reports/s ÷ fsync-only {m(fsync):.0f} msg/s = "
          f"{m(e2e) / m(fsync):.3f} (target ≥ 0.15; medians of {runs}; relay: Postfix smtp-sink)")
    print(f"      with the Python null sink as relay {m(e2e_python):.1f} reports/s = "
          f"{m(e2e_python) / m(fsync):.3f}")
    print_cpu([m(part) for part in zip(*cpu)])


def report_intake(runs, messages):
    fsync, intake = [], []
    for run in range(runs):
        fsync.append(sink_rate("fsync", messages))
        intake.append(mailrouter_intake(messages)[0])
        print(f"run {run + 1}: fsync {fsync[-1]:.0f} msg/s, mailrouter intake {intake[-1]:.0f} msg/s", flush=True)
    m = statistics.median
    print(f"  (a) intake {m(intake):.0f} msg/s ÷ fsync-only {m(fsync):.0f} msg/s = {m(intake) / m(fsync):.2f} "
          f"(target ≥ 0.7; medians of {runs})")


def report_store_growth(cases):
    empty, full = store_growth(cases)
    print_store_growth(cases, empty, full)


def print_store_growth(cases, empty, full):
    print(f"  (c) per report (median of 200), {cases} cases vs empty: {full * 1000:.2f} ms / "
          f"{empty * 1000:.2f} ms = {full / empty:.2f} (target ≤ 1.2)")


def report_tick_cost(cases):
    open_cases, closed_cases = tick_cost(cases, closed=False), tick_cost(cases, closed=True)
    print(f"  (e) tick, {cases} open cases, nothing due: {open_cases * 1000:.2f} ms; "
          f"{cases} closed + 10 open: {closed_cases * 1000:.2f} ms (medians of 50 ticks)")


# -- servers ------------------------------------------------------------------------------
class Sink:
    def __init__(self, mode):
        self.folder = Path(tempfile.mkdtemp(prefix=f"sink-{mode}-"))
        self.count_file = self.folder / "count"
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "sink.py"), "--mode", mode, "--dir", str(self.folder),
             "--count-file", str(self.count_file)], stdout=subprocess.PIPE, text=True)
        self.port = int(self.process.stdout.readline().split()[1])

    def count(self):
        return int(self._read()[0])

    def last_received(self):
        """time.time() of the last message received."""
        return self._read()[1]

    def _read(self):
        try:
            count, last = self.count_file.read_text().split()
            return int(count), float(last)
        except (OSError, ValueError):
            return 0, 0.0

    def stop(self):
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


class SmtpSinkRelay:
    """Postfix's `smtp-sink` (C, from the same package as `smtp-source`) as the relay: a
    real MTA's receiving side that discards, so the relay's own CPU (a Python aiosmtpd sink
    takes about a quarter of this 2-core box during (b)) is not charged to mailrouter.
    Same interface as `Sink`: `count()` and `last_received()`, read from its `-c` counters."""

    def __init__(self):
        self.port = free_port()
        user = ["-u", "root"] if os.geteuid() == 0 else []       # it insists when run as root
        self.process = subprocess.Popen(["smtp-sink", "-c", *user, f"127.0.0.1:{self.port}", "256"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.received, self.last = 0, 0.0
        threading.Thread(target=self._follow, daemon=True).start()
        wait_until(self._listening, timeout=10)

    def _listening(self):
        import socket
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def _follow(self):
        # Counters are rewritten in place ("\r... mesg=N ...") as each message's "." arrives.
        for chunk in iter(lambda: self.process.stdout.read1(65536), b""):
            found = re.findall(rb"mesg=(\d+)", chunk)
            if found and int(found[-1]) != self.received:
                self.received, self.last = int(found[-1]), time.time()

    def count(self):
        return self.received

    def last_received(self):
        return self.last

    def stop(self):
        self.process.terminate()
        self.process.wait()


def make_relay(kind):
    return SmtpSinkRelay() if kind == "smtp-sink" else Sink("null")


def free_port():
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailrouter:
    def __init__(self, relay_port, **limits):
        from harness import write_config  # the same config writer the tests use

        self.folder = Path(tempfile.mkdtemp(prefix="mailrouter-bench-"))
        members = [{"name": f"Member {i}", "email": f"member{i}@example.org"} for i in range(COMMITTEE)]
        outbound = {"method": "smtp", "smtp": {"host": "127.0.0.1", "port": relay_port},
                    "concurrency": 8}
        # smtp-source sends every message from one address, with the same text; lift the
        # per-sender daily ack cap and the repeat throttle, and do not join a repeated report
        # to the first one's case, so every report is filed and acknowledged, as (b) asks.
        config = write_config(self.folder, relay_port, members=members, conflicts={}, outbound=outbound,
                              limits={"daily_acks_per_sender": 1_000_000, "repeats_per_sender": 1_000_000,
                                      "join_repeated_reports": False,
                                      **limits})
        self.state = self.folder / "state"
        # The log goes to a file: a pipe nobody drains would block the daemon once full.
        self.log = open(self.folder / "serve.log", "w")
        self.process = subprocess.Popen([sys.executable, "-m", "mailrouter", "serve", "--config", str(config)],
                                        stderr=self.log)
        self.port = wait_for_port(self.folder / "serve.log", self.process)
        self.ps = psutil.Process(self.process.pid)

    def idle(self):
        spool = [p for p in (self.state / "spool").glob("*.msg")]
        queue = [p for p in (self.state / "outbox" / "queue").glob("*.msg")]
        journal = [p for p in (self.state / "outbox" / "journal").glob("*.msg")]   # mail in memory
        return not spool and not queue and not journal

    def stop(self):
        self.process.terminate()
        self.process.wait(60)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def smtp_source(port, messages, sender="reporter@example.net"):
    started = time.perf_counter()
    subprocess.run(["smtp-source", "-s", "8", "-l", "3000", "-m", str(messages), "-f", sender,
                    "-t", "conduct@example.org", f"127.0.0.1:{port}"], check=True)
    return time.perf_counter() - started


# -- measurements ---------------------------------------------------------------------------
def sink_rate(mode, messages):
    sink = Sink(mode)
    try:
        elapsed = smtp_source(sink.port, messages)
        return messages / elapsed
    finally:
        sink.stop()


def mailrouter_intake(messages):
    relay = Sink("null")
    daemon = Mailrouter(relay.port)
    try:
        elapsed = smtp_source(daemon.port, messages)
        burst_end = time.perf_counter()
        wait_until(daemon.idle, timeout=600)
        return messages / elapsed, time.perf_counter() - burst_end
    finally:
        daemon.stop()
        relay.stop()


def end_to_end(reports, relay_kind="smtp-sink"):
    relay = make_relay(relay_kind)
    daemon = Mailrouter(relay.port)
    expected = reports * (COMMITTEE + 1)
    peak = 0
    try:
        cpu_before, box_before = cpu_seconds(daemon.ps), box_jiffies()
        started = time.perf_counter()
        sender = subprocess.Popen(["smtp-source", "-s", "8", "-l", "3000", "-m", str(reports),
                                   "-f", "reporter@example.net", "-t", "conduct@example.org",
                                   f"127.0.0.1:{daemon.port}"])
        deadline = started + 900
        while relay.count() < expected:
            peak = max(peak, daemon.ps.memory_info().rss)
            if time.perf_counter() > deadline:
                raise SystemExit(f"end to end: only {relay.count()} of {expected} delivered")
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        cpu = [(after - before) * 1000 / reports for after, before in zip(cpu_seconds(daemon.ps), cpu_before)]
        cpu.append(box_busy(box_before, box_jiffies()))
        sender.wait()
        wait_until(daemon.idle, timeout=120)
        return reports / elapsed, peak / 1e6, idle_latency(daemon, relay), cpu
    finally:
        daemon.stop()
        relay.stop()


def cpu_seconds(process):
    """(user, system) CPU seconds of `process` and its children (the reading and relay processes)."""
    user = system = 0.0
    for each in [process, *process.children(recursive=True)]:
        try:
            times = each.cpu_times()
        except psutil.Error:
            continue                     # gone meanwhile
        user, system = user + times.user, system + times.system
    return user, system


def print_cpu(cpu):
    """mailrouter's CPU per report in (b), what the box could do at that cost alone, and how
    busy the box was: well below 100 %, a serial part (the worker thread) sets the pace."""
    user, system, busy = cpu
    print(f"      CPU per report in (b), daemon and its processes: {user + system:.1f} ms (user {user:.1f}, "
          f"system {system:.1f}); at that cost {os.cpu_count()} cores busy all the time would do "
          f"{os.cpu_count() * 1000 / (user + system):.0f} reports/s; the box was {busy:.0f} % busy "
          f"(every process, smtp-source and smtp-sink included)")


def box_jiffies():
    """(busy, total) CPU time of the whole machine so far, from /proc/stat (Linux)."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
    except OSError:
        return 0, 0
    idle = fields[3] + fields[4]                         # idle and waiting for I/O
    return sum(fields) - idle, sum(fields)


def box_busy(before, after):
    busy, total = after[0] - before[0], after[1] - before[1]
    return 100 * busy / total if total else float("nan")


def idle_latency(daemon, relay, samples=5):
    """Median ms from the end of one report's DATA to its last mail reaching the relay."""
    import smtplib

    from harness import report

    timings = []
    for i in range(samples):
        expected = relay.count() + COMMITTEE + 1
        time.sleep(0.5)                          # idle: the worker and courier asleep
        with smtplib.SMTP("127.0.0.1", daemon.port, timeout=30) as client:
            client.sendmail("reporter@example.net", ["conduct@example.org"],
                            report(body=f"idle report {i}\n", message_id=f"<idle-{i}@example.net>"))
            sent = time.time()                   # the 250 to DATA has come
        wait_until(lambda: relay.count() >= expected, timeout=60)
        time.sleep(0.15)                         # the sink writes its count every 0.1 s
        timings.append((relay.last_received() - sent) * 1000)
    return statistics.median(timings)


def upload_rss(sessions=16, size=20_000_000):
    """mailrouter's peak RSS (MB) while `sessions` clients each send one `size`-byte report."""
    relay = Sink("null")
    # All sessions come from 127.0.0.1: let every one in, as 16 reporters would be.
    daemon = Mailrouter(relay.port, connections_per_client=sessions)
    peak = 0
    try:
        sender = subprocess.Popen(["smtp-source", "-s", str(sessions), "-m", str(sessions), "-l", str(size),
                                   "-f", "reporter@example.net", "-t", "conduct@example.org",
                                   f"127.0.0.1:{daemon.port}"])
        while sender.poll() is None:
            peak = max(peak, daemon.ps.memory_info().rss)
            time.sleep(0.02)
        if sender.returncode != 0:
            raise SystemExit(f"(d) smtp-source failed ({sender.returncode})")
        return peak / 1e6
    finally:
        daemon.stop()
        relay.stop()


def store_growth(cases, samples=200):
    """Median worker time per report with an empty store and with `cases` stored.

    Both daemons live in this process and take reports in turn, so a change in the
    machine's load (other work on a shared host) weighs on both alike."""
    import asyncio

    from harness import report, write_config
    from mailrouter.settings.config import load_config
    from mailrouter.app.daemon import Daemon

    folders, daemons = [], []
    try:
        for stored in (0, cases):
            folders.append(Path(tempfile.mkdtemp(prefix="mailrouter-growth-")))
            members = [{"name": f"Member {i}", "email": f"member{i}@example.org"} for i in range(COMMITTEE)]
            config = load_config(write_config(folders[-1], members=members, conflicts={},
                                              limits={"daily_acks_per_sender": 1_000_000}))
            if stored:
                print(f"(c) filling the store with {stored} cases…", flush=True)
                fill_store_fast(Daemon(config, rng=random.Random(1)), stored, identities=True)
                # The fixture's files are written without fsync: flush them now, so their
                # writeback does not fall into the timings (real cases came over months).
                os.sync()
            daemons.append(Daemon(config, rng=random.Random(2)))      # index built from the files
        timings = ([], [])
        for i in range(samples):
            for which, daemon in enumerate(daemons):
                entry = daemon.state.spool.put(
                    report(body=f"report {i}\n", message_id=f"<growth-{which}-{i}@example.net>"),
                    {"mail_from": "reporter@example.net", "rcpt_tos": ["conduct@example.org"]})
                started = time.perf_counter()
                daemon.worker.process(entry)
                timings[which].append(time.perf_counter() - started)
        return [statistics.median(t) for t in timings]
    finally:
        for daemon in daemons:
            daemon.worker.close()
            asyncio.run(daemon.transport.close())
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def tick_cost(cases, closed):
    from harness import write_config
    from mailrouter.clock import FixedClock
    from mailrouter.settings.config import load_config
    from mailrouter.app.daemon import Daemon

    folder = Path(tempfile.mkdtemp(prefix="mailrouter-tick-"))
    try:
        config = load_config(write_config(folder, policy="numpy"))
        daemon = Daemon(config, clock=FixedClock(START), rng=random.Random(3))
        print(f"(e) filling the store with {cases} {'closed' if closed else 'open'} cases…", flush=True)
        fill_store_fast(daemon, cases, status="closed" if closed else "new")
        if closed:
            fill_store(daemon, 10, status="new")
        daemon = Daemon(config, clock=FixedClock(START), rng=random.Random(4))
        daemon.scheduler.rebuild()
        daemon.scheduler.tick()                     # the digest of START's week goes out once
        timings = []
        for _ in range(50):
            started = time.perf_counter()
            daemon.scheduler.tick()
            timings.append(time.perf_counter() - started)
        return statistics.median(timings)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def fill_store(daemon, count, status="new"):
    store = daemon.state.store
    for i in range(count):
        code = daemon.ctx.codenames.draw(store.names)
        store.reserve_name(code)
        store.create(code, {"status": status, "message_keys": [f"fill-{i}"], "processed": [f"fill-{i}"],
                            "tokens": {os.urandom(16).hex(): "reporter"}, "parties": [],
                            "eligible": [], "excluded": {}}, b"Subject: x\r\n\r\nfilled\r\n")


def fill_store_fast(daemon, count, status="new", identities=False):
    """`count` open cases, each like one `fill_store` writes through the store, but cloned
    straight into files (no fsync): a fixture, not a durability test. `identities`: each
    also gets a file in identities/, as a real case has (its sealed reporter), so a cost
    that grows with that folder shows in (c); the files are placeholders, never opened."""
    import json

    from mailrouter.cases.codenames import slug

    store = daemon.state.store
    fill_store(daemon, 1, status)
    (model,) = [d for d in store.root.iterdir() if d.is_dir()]
    tables = json.loads((model / "case.json").read_text())
    report_bytes = (model / "report-1.eml").read_bytes()
    names = []
    for i in range(count - 1):
        code = daemon.ctx.codenames.draw(store.names)
        store.names.add(code)
        names.append(code)
        tables["case"]["1"].update(code=code, message_keys=[f"fast-{i}"], processed=[f"fast-{i}"],
                                   tokens={os.urandom(16).hex(): "reporter"})
        folder = store.root / slug(code)
        folder.mkdir(mode=0o700)
        (folder / "case.json").write_text(json.dumps(tables, separators=(",", ":")))
        (folder / "report-1.eml").write_bytes(report_bytes)
        if identities:
            (store.root.parent / "identities" / f"{slug(code)}.bin").write_bytes(b"placeholder")
    with open(store.names_log, "a") as log:
        log.write("".join(f"{code}\n" for code in names))


def wait_for_port(log_path, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = re.search(r"listening on \S+ port (\d+)", log_path.read_text())
        if match:
            return int(match.group(1))
        if process.poll() is not None:
            break
        time.sleep(0.05)
    raise SystemExit(f"mailrouter serve did not start; see {log_path}")


def wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for mailrouter to catch up")
        time.sleep(0.05)


if __name__ == "__main__":
    main()
