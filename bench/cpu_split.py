"""(b) on R reports, with the CPU of each thread and helper process per report: which part of
mailrouter a change made cheaper, and the relay (smtp-sink) beside it.

    cd /tmp && PYTHONPATH=/path/to/tree python /path/to/tree/bench/cpu_split.py 1000

Run it from outside the repository, alternating two trees: from inside it, `python -m
mailrouter serve` imports the working tree's code whatever PYTHONPATH says.
"""

import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402  (bench/run.py: the same daemon, relay and sender)


def snapshot(process):
    threads = {t.id: t.user_time + t.system_time for t in process.threads()}
    children = {}
    for child in process.children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        children[child.pid] = (times.user, times.system)
    return threads, children


def main():
    reports = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    relay = bench.make_relay("smtp-sink")
    daemon = bench.Mailrouter(relay.port)
    try:
        time.sleep(1)
        threads_before, children_before = snapshot(daemon.ps)
        sink_before = sum(psutil.Process(relay.process.pid).cpu_times()[:2])
        started = time.perf_counter()
        subprocess.Popen(["smtp-source", "-s", "8", "-l", "3000", "-m", str(reports), "-f", "reporter@example.net",
                          "-t", "conduct@example.org", f"127.0.0.1:{daemon.port}"])
        while relay.count() < reports * (bench.COMMITTEE + 1):
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        threads, children = snapshot(daemon.ps)
        per = 1000 / reports
        spent = {t: cpu - threads_before.get(t, 0) for t, cpu in threads.items()}
        kids = {pid: (u - children_before.get(pid, (0, 0))[0], s - children_before.get(pid, (0, 0))[1])
                for pid, (u, s) in children.items()}
        total = sum(spent.values()) + sum(u + s for u, s in kids.values())
        print(f"{reports / elapsed:.1f} reports/s, {elapsed:.1f} s, total CPU {total * per:.2f} ms/report")
        for thread, cpu in sorted(spent.items(), key=lambda item: -item[1]):
            if cpu * per >= 0.1:
                print(f"  thread {thread}: {cpu * per:.2f} ms/report")
        for pid, (user, system) in kids.items():
            if user + system > 0.01:
                print(f"  child {pid}: user {user * per:.2f} sys {system * per:.2f} ms/report")
        sink = sum(psutil.Process(relay.process.pid).cpu_times()[:2]) - sink_before
        print(f"  smtp-sink: {sink * per:.2f} ms/report")
    finally:
        daemon.stop()
        relay.stop()


if __name__ == "__main__":
    main()
