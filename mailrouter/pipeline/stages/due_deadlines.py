"""Carry out every deadline that is due (nudges, status mail, escalations) and the digest.

Reads: tick (now, the scheduler's index). Sets: tick.done, one line per deadline fired.
Each case's deadline is recorded as fired when it runs, so each mail goes out once.
"""


def run(item, ctx):
    item.tick.done = item.tick.scheduler.tick(item.tick.now)
