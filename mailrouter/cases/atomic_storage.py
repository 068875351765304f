"""A TinyDB storage that never leaves a torn file (D8).

TinyDB's JSONStorage rewrites its file in place; a crash mid-write leaves it unreadable.
This one writes a temporary file, fsyncs it, renames it over the old one and fsyncs
the directory.
"""

import json
from pathlib import Path

from tinydb.storages import Storage

from mailrouter.durable import atomic_write


class AtomicJSONStorage(Storage):
    def __init__(self, path, **kwargs):
        self.path = Path(path)

    def read(self):
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return json.loads(text) if text.strip() else None

    def write(self, data):
        atomic_write(self.path, json.dumps(data, separators=(",", ":")).encode("utf-8"))

    def close(self):
        pass
