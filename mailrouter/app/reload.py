"""Reloading the configuration: on SIGHUP (systemctl reload) and when a watched file changes.

mailrouter.yaml, members.yaml and conflicts.yaml are read again with the same loader as at
start-up. An invalid edit changes nothing: the error (file:line:key) is logged, the admin is
alerted once per distinct error, and the last good configuration stays in force. A valid one
is handed to the worker thread, which puts it in force between two messages: no message is
processed half under the old committee and half under the new.

The committee, the policy, the admin address, the committee name, authserv_id, attachments
and log_level change at once; the rest (alias, listening address, state directory, outbound,
limits) is bound to open sockets and files and takes effect at the next restart. The
templates are read again too (an admin's edit is in force from the next message on); the
watcher does not look at them: a template edit waits for SIGHUP.
"""

import asyncio
import dataclasses
import hashlib
import logging
import os
import threading

from mailrouter.app import notify
from mailrouter.casework import availability, onboarding as declared_conflicts
from mailrouter.commands import onboarding
from mailrouter.casework.interim import bring_in_everywhere
from mailrouter.errors import MailrouterError
from mailrouter.settings.config import bundled_config_path, load_config

log = logging.getLogger("mailrouter.app.reload")
RELOADABLE = ("source", "committee", "members_file", "conflicts_file", "policy", "admin",
              "committee_name", "authserv_id", "attachments", "log_level")
WATCH_SECONDS = 2.0
APPLY_TIMEOUT = 120.0        # the worker may be in the middle of a long message


def signature(paths):
    """What identifies the files' current contents without reading them."""
    found = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            found.append((str(path), None))
        else:
            found.append((str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino))
    return tuple(found)


def watched(config):
    return [path for path in (config.source, config.members_file, config.conflicts_file) if path]


class Reloader:
    def __init__(self, daemon):
        self.daemon = daemon
        self.lock = asyncio.Lock()
        self.loaded = self.good = signature(watched(daemon.config))
        self.alerted = set()
        self.rejected = None             # the error keeping the last edit out, for STATUS=
        self.reloads = 0

    async def reload(self, why):
        """Load the files again and put them in force; False if they were refused."""
        async with self.lock:
            notify.reloading()
            try:
                new = await asyncio.to_thread(self._load, why)
                if new is not None:
                    await asyncio.to_thread(self._put_in_force, new)
            finally:
                notify.sd_notify("READY=1")
            return new is not None

    async def watch(self, stopping, interval=WATCH_SECONDS):
        """Poll the files; reload once a change has settled (an editor may write in steps)."""
        seen = signature(watched(self.daemon.config))
        while not stopping.is_set():
            try:
                await asyncio.wait_for(stopping.wait(), interval)
                return
            except asyncio.TimeoutError:
                pass
            now = signature(watched(self.daemon.config))
            if now != seen:
                seen = now                 # still changing: look again next round
            elif now != self.loaded:
                await self.reload("a configuration file changed")

    def _load(self, why):
        config = self.daemon.config
        self.loaded = signature(watched(config))
        try:
            new = load_config(None if config.source == bundled_config_path() else config.source)
        except MailrouterError as error:
            self._refuse(why, error)
            return None
        except Exception as error:       # a loader bug must not stop the daemon either
            log.exception("configuration reload failed")
            self._refuse(why, error)
            return None
        self.good, self.rejected = signature(watched(new)), None
        if watched(new) != watched(config):      # members_file or conflicts_file moved
            self.loaded = self.good
        return keep_restart_only(config, new)

    def _refuse(self, why, error):
        self.rejected = str(error)
        log.error("configuration reload (%s) refused, the last good configuration stays "
                  "in force: %s", why, error)
        key = hashlib.sha256(f"{error}|{self.good}".encode()).hexdigest()[:16]
        if key not in self.alerted:
            self.alerted.add(key)
            self.daemon.alerts.send(
                f"config:{key}", "a configuration edit was refused",
                detail=str(error),
                kept="the last good configuration stays in force; correct the file, check it "
                     "with `mailrouter check-config`, and save it again or run "
                     "`systemctl reload mailrouter`")

    def _put_in_force(self, new):
        done = threading.Event()

        def change():                    # runs in the worker thread, between two messages
            apply_config(self.daemon, new)
            done.set()
        self.daemon.worker.between_messages(change)
        if not done.wait(APPLY_TIMEOUT):
            log.warning("the worker is busy: the new configuration applies after its message")


def keep_restart_only(old, new):
    """`new`, with the settings that need a restart kept as they are (and said so)."""
    kept = {f.name: getattr(old, f.name) for f in dataclasses.fields(old)
            if f.name not in RELOADABLE and getattr(old, f.name) != getattr(new, f.name)}
    if kept:
        log.warning("changed in the configuration, in force after a restart: %s",
                    ", ".join(sorted(kept)))
    return dataclasses.replace(new, **kept)


def apply_config(daemon, new):
    """Swap the configuration everywhere it is held (worker thread only)."""
    old, before = daemon.config, daemon.ctx.committee
    daemon.config = daemon.ctx.config = daemon.composer.config = daemon.alerts.config = new
    daemon.composer.reload_templates()                    # an edited template: from the next message on
    daemon.ctx.committee = new.committee
    declared_conflicts.refresh_committee(daemon.ctx)      # in force before anyone is caught up
    availability.committee_changed(daemon.ctx, before)   # who left (their queued mail withdrawn), who is away
    onboarding.committee_changed(daemon.ctx)             # newcomers welcomed; declared conflicts kept in force
    if new.log_level != old.log_level:
        logging.getLogger().setLevel(new.log_level)
    if new.policy != old.policy:
        daemon.scheduler.rebuild()       # deadlines are re-timed under the new policy
    daemon.reloader.reloads += 1
    daemon.ctx.audit.record("config-reload", members=len(new.committee.members), policy=new.policy.name)
    if new.committee != old.committee or new.policy.min_readers != old.policy.min_readers:
        bring_in_everywhere(daemon.ctx, "a change to the committee")   # never nobody (casework/interim)
    committee = new.committee
    log.info("configuration reloaded: %d members (%d active), %d declared conflicts, policy %s",
             len(committee.members), sum(1 for m in committee.members if m.active),
             sum(len(v) for v in committee.conflicts.values()), new.policy.name)
