"""Blocking calls run side by side: the group commit's fsyncs (durable.py).

An fsync releases the GIL, and the file system joins concurrent fsyncs into one journal
commit, where fsyncs one after another each wait for their own.
"""

from concurrent.futures import ThreadPoolExecutor

THREADS = 8
_pool = []                               # made on first use: most processes never need it


def each(function, items):
    """Call `function(item)` for every item, at once; raise the first error met."""
    items = list(items)
    if len(items) < 2:
        for item in items:
            function(item)
        return
    if not _pool:
        _pool.append(ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="mailrouter-sync"))
    for future in [_pool[0].submit(function, item) for item in items]:
        future.result()
