"""The audit log's cost (issue 13): one append alone, records in a group commit, records
from concurrent threads (the courier's sessions), two processes appending at once, and
verify. Wall time includes the fsync; CPU is what the daemon's other threads wait for (the
GIL). Run: PYTHONPATH=. python bench/audit.py [N]   (N records per run, default 500)
"""

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from mailrouter.audit import AuditLog, verify
from mailrouter.clock import SystemClock
from mailrouter.durable import group_commit

N = int(sys.argv[1]) if len(sys.argv) > 1 else 500
root = Path(tempfile.mkdtemp(prefix="h8-audit-"))
log = AuditLog(root, SystemClock())
single, cpu = [], time.thread_time()
for _ in range(N):
    t = time.perf_counter(); log.record("mail-sent", kind="forward", case="quiet harbor", to="member:Ana Lima"); single.append(time.perf_counter() - t)
cpu = (time.thread_time() - cpu) / N
t = time.perf_counter()
for _ in range(N // 10):
    with group_commit():
        for _ in range(10):
            log.record("command", case="quiet harbor", by="member:Ana Lima", command="status", ok=True)
batched = (time.perf_counter() - t) / (N // 10 * 10)
t = time.perf_counter(); problems, count, head = verify(log.path); v = time.perf_counter() - t
print(f"one append (flock, head, fsync): median {statistics.median(single)*1000:.2f} ms wall, "
      f"{cpu*1000:.3f} ms CPU, over {N}")
print(f"inside a group commit of 10: {batched*1000:.3f} ms per record")
print(f"verify {count} records: {v*1000:.0f} ms, problems {problems}, {log.path.stat().st_size / count:.0f} bytes/record")
log2 = AuditLog(Path(tempfile.mkdtemp(prefix="h8-audit-")), SystemClock())
def courier_session():
    for _ in range(N // 8):
        log2.record("mail-sent", kind="forward", case="quiet harbor", to="member:Ana Lima")
threads = [threading.Thread(target=courier_session) for _ in range(8)]
t, cpu = time.perf_counter(), time.process_time()
for th in threads: th.start()
for th in threads: th.join()
el, cpu = time.perf_counter() - t, time.process_time() - cpu
problems, count, _ = verify(log2.path)
print(f"8 threads x {N // 8} records: {el*1000/count:.3f} ms wall, {cpu*1000/count:.3f} ms CPU per record "
      f"({count} records, problems {problems})")
other = subprocess.Popen([sys.executable, "-c", "import sys; from mailrouter.audit import AuditLog; "
                          "from mailrouter.clock import SystemClock; log = AuditLog(sys.argv[1], SystemClock())\n"
                          "for _ in range(int(sys.argv[2])): log.record('cli', command='case', action='show')",
                          str(log2.root), str(N)])
courier_session()
other.wait()
problems, count, _ = verify(log2.path)
print(f"with another process appending {N} at once: {count} records, problems {problems}")
# Last, as it stubs os.fsync for the process: the Python side of an append (the flock, the
# head, the JSON and the write), which is what holds the GIL while the daemon's other threads wait.
os.fsync = lambda fd: None
log3 = AuditLog(Path(tempfile.mkdtemp(prefix="h8-audit-")), SystemClock())
cpu = time.thread_time()
for _ in range(N * 4):
    log3.record("mail-sent", kind="forward", case="quiet harbor", to="member:Ana Lima")
print(f"without the fsync: {(time.thread_time() - cpu) / (N * 4) * 1e6:.0f} µs CPU per record over {N * 4}")
