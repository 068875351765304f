"""CPU per report inside the worker, by stage: where a report's milliseconds go.

    python bench/profile_report.py                 # smtp-source's 3 KB report (bench/run.py (b))
    python bench/profile_report.py --prose         # a 3 KB report in words (names, sentences)
    python bench/profile_report.py --html 3 --reports 3   # an HTML-only 3 MB chat export
    py-spy record -f raw -o out.txt -- python bench/profile_report.py --reports 300

One daemon in this process, a 7-member committee, reports put straight into the spool and
processed by `Worker.process`. The reading process's work (parse, clean copy, named
people) runs inline here, so it is counted too. Times are the worker thread's CPU
(time.thread_time), not wall time: on a shared machine they move far less with the load.
"""

import argparse
import asyncio
import collections
import quopri
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from harness import report, write_config  # noqa: E402

from mailrouter.app.daemon import Daemon  # noqa: E402
from mailrouter.cases.parties import named_parties  # noqa: E402
from mailrouter.pipeline import pipelines, reading_process, worker  # noqa: E402
from mailrouter.pipeline.item import Kind  # noqa: E402
from mailrouter.settings.config import load_config  # noqa: E402

SMTP_SOURCE = (b"From: <reporter@example.net>\r\nTo: <conduct@example.org>\r\nDate: Sun, 29 Nov 2026 22:23:20 +0000\r\n"
               b"Message-Id: <%d.0003.0000@vm>\r\n\r\n"
               + b"".join(b"%dX" % i + b"X" * 77 + b"\r\n" for i in range(1, 39)))
HTML_LINE = ('<tr style="font-family:Segoe UI,sans-serif;color:#222;background:#f7f7f7"><td>[12:01]</td>'
             '<td><b>someone</b></td><td>you should not be here, nobody wants you at this meetup</td></tr>\n')
PROSE = ("At the sprint on Saturday one of the attendees kept making remarks about my accent and, when I asked "
         "him to stop, he followed me to the coffee area and repeated them. Two other people saw it happen. ")


class InlineReader:
    """The reading process's operations, run in this thread (pipeline/reading.py)."""
    last = None

    def parse_entry(self, path):
        self.last = reading_process._read_entry(path)[2]
        return self.last

    def parsed(self, raw):
        return raw

    def identity_ahead(self, raw, committee, own_addresses):
        return None                        # the stage finds it itself, and is timed doing so

    def identify(self, raw, mail_from, committee, own_addresses):
        return None

    def scrub(self, raw, identity, unknown, notes, committee, own_addresses):
        return reading_process._clean_copy(self.last, identity, unknown, notes) + (
            named_parties(self.last, committee, identity),)

    def read_ahead(self, path):
        pass

    def close(self):
        pass


def timed(spent, owner, name, label):
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        started = time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.thread_time() - started
    setattr(owner, name, wrapper)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--reports", type=int, default=150)
    parser.add_argument("--prose", action="store_true")
    parser.add_argument("--html", type=float, metavar="MB", help="an HTML-only report of MB megabytes")
    args = parser.parse_args()
    spent = collections.Counter()
    for stage in pipelines.PIPELINES[Kind.REPORT]:
        timed(spent, stage, "run", "stage " + stage.__name__.rsplit(".", 1)[1])
    timed(spent, worker.Worker, "process", "the whole report (Worker.process, commit included)")
    folder = Path(tempfile.mkdtemp(prefix="mailrouter-profile-"))
    try:
        run(folder, args, spent)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder, args, spent):
    members = [{"name": f"Member {i}", "email": f"member{i}@example.org"} for i in range(7)]
    config = load_config(write_config(folder, members=members, conflicts={}, limits={
        "daily_acks_per_sender": 1_000_000, "repeats_per_sender": 1_000_000,
        "join_repeated_reports": False}))
    daemon = Daemon(config, rng=random.Random(2))
    daemon.worker.reader = InlineReader()
    for i in range(args.reports + 5):
        if i == 5:
            spent.clear()                  # the first few warm the caches and imports
        raw = report(body=(PROSE * 15)[:3000] + f"\n{i}\n", message_id=f"<p-{i}@example.net>") \
            if args.prose else html_report(args.html, i) if args.html else SMTP_SOURCE % i
        entry = daemon.state.spool.put(raw, {"mail_from": "reporter@example.net", "rcpt_tos": ["conduct@example.org"]})
        daemon.worker.process(entry)
    for label, seconds in spent.most_common():
        print(f"{seconds / args.reports * 1000:8.2f} ms CPU per report  {label}")
    daemon.worker.close()
    asyncio.run(daemon.transport.close())


def html_report(megabytes, i):
    """A chat export pasted as HTML (a table, inline styles), quoted-printable as Outlook sends it."""
    rows = HTML_LINE * int(megabytes * 1024 * 1024 * 0.95 // len(HTML_LINE))
    body = quopri.encodestring(f"<html><body><table>{rows}</table><p>{i}</p></body></html>".encode())
    return report(body="", message_id=f"<h-{i}@example.net>").replace(
        b"text/plain; charset=utf-8", b"text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"
    ) + body.replace(b"\n", b"\r\n")


if __name__ == "__main__":
    main()
