"""A baseline SMTP sink for the benchmarks: `null` does nothing, `fsync` writes and fsyncs.

Prints `port N` on stdout once listening; writes the number of messages received, and the
time (time.time()) the last one was received, to `--count-file` every 0.1 s so the benchmark
can tell when a run is complete and how long one report took to its last forward.
"""

import argparse
import asyncio
import os
import time

from aiosmtpd.smtp import SMTP


class Handler:
    def __init__(self, mode, folder):
        self.mode, self.folder, self.count, self.last = mode, folder, 0, 0.0

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "fsync":
            # The plain way: write and fsync in the handler, as the HARDENING baseline does.
            path = os.path.join(self.folder, f"{self.count}.eml")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.write(fd, envelope.original_content)
            os.fsync(fd)
            os.close(fd)
        self.count += 1
        self.last = time.time()
        return "250 OK"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["null", "fsync"], default="null")
    parser.add_argument("--dir", default=".")
    parser.add_argument("--count-file", required=True)
    args = parser.parse_args()
    handler = Handler(args.mode, args.dir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname="sink", data_size_limit=None),
                                      "127.0.0.1", 0)
    print(f"port {server.sockets[0].getsockname()[1]}", flush=True)
    while True:
        with open(args.count_file, "w") as out:
            out.write(f"{handler.count} {handler.last:.6f}")
        await asyncio.sleep(0.1)


if __name__ == "__main__":
    asyncio.run(main())
