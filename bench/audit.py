"""The audit log's cost (issue 13): one append alone, records in a group commit, records
from concurrent threads (the courier's sessions), and verify. Run: PYTHONPATH=. python bench/audit.py
"""

import statistics
import tempfile
import threading
import time
from pathlib import Path
from mailrouter.audit import AuditLog, verify
from mailrouter.clock import SystemClock
from mailrouter.durable import group_commit
root = Path(tempfile.mkdtemp(prefix="h8-audit-"))
log = AuditLog(root, SystemClock())
single = []
for _ in range(500):
    t = time.perf_counter(); log.record("mail-sent", kind="forward", case="quiet harbor", to="member:Ana Lima"); single.append(time.perf_counter() - t)
t = time.perf_counter()
for _ in range(50):
    with group_commit():
        for _ in range(10):
            log.record("command", case="quiet harbor", by="member:Ana Lima", command="status", ok=True)
batched = (time.perf_counter() - t) / 500
t = time.perf_counter(); problems, count, head = verify(log.path); v = time.perf_counter() - t
print(f"one append (flock, tail read, fsync): median {statistics.median(single)*1000:.2f} ms over 500")
print(f"inside a group commit of 10: {batched*1000:.3f} ms per record")
print(f"verify {count} records: {v*1000:.0f} ms, problems {problems}, {log.path.stat().st_size / count:.0f} bytes/record")
log2 = AuditLog(Path(tempfile.mkdtemp(prefix="h8-audit-")), SystemClock())
def courier_session():
    for _ in range(100):
        log2.record("mail-sent", kind="forward", case="quiet harbor", to="member:Ana Lima")
threads = [threading.Thread(target=courier_session) for _ in range(8)]
t = time.perf_counter()
for th in threads: th.start()
for th in threads: th.join()
el = time.perf_counter() - t
problems, count, _ = verify(log2.path)
print(f"8 threads x 100 records: {el*1000/count:.2f} ms per record ({count} records, problems {problems})")
