"""A private Postfix instance on loopback, for the tests that put Postfix in front of mailrouter.

Debian's postfix package, run as `postfix -c DIR`: its own config, queue and data directories
under one temporary folder, its own hostname, listening only on 127.0.0.1:PORT. The system's
Postfix (/etc/postfix, /var/spool/postfix) is neither read for settings nor started nor changed.

The main.cf and transport lines an admin would write come from README.md ("Deploy: behind
Postfix"), so the README's recipe is exactly what the tests run. Only the lines that make this
a private, throw-away instance are added here (`instance_lines`).
"""

import os
import re
import shutil
import smtplib
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from harness import wait_for_smtp_greeting

README = Path(__file__).resolve().parent.parent / "README.md"
SBIN = "/usr/sbin:/usr/bin:/sbin:/bin"
TOOLS = ("postfix", "postconf", "postmap")
QUEUES = ("maildrop", "incoming", "active", "deferred", "hold", "corrupt")


def which(tool):
    return shutil.which(tool, path=os.environ.get("PATH", "") + ":" + SBIN)


def require_postfix():
    """Skip without Postfix or root, with the reason; under CI=true that is a failure."""
    missing = [tool for tool in TOOLS if not which(tool)]
    problem = None
    if missing:
        problem = f"Postfix is not installed ({', '.join(missing)} missing; Debian package postfix)"
    elif os.geteuid() != 0:
        problem = "a private Postfix instance needs root to start (postfix -c DIR start)"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem + ": CI must run this test (.ci/run installs postfix)")
        pytest.skip(problem)


def readme_section(heading):
    """The text of the README section under `heading`, up to the next heading."""
    text = README.read_text()
    start = text.find(heading + "\n")
    assert start >= 0, f"README.md has no heading {heading!r}"
    body = text[start + len(heading) + 1:]
    following = re.search(r"^#", body, re.MULTILINE)
    return body[:following.start()] if following else body


def code_files(section):
    """The indented code blocks of a README section, split into files by their
    `# /path/to/file` comment lines: {path: [lines]}."""
    files, current = {}, None
    for line in section.splitlines():
        if not line.startswith("    "):
            if line.strip():            # prose ends a code block, and with it the file
                current = None
            continue
        line = line[4:]
        match = re.match(r"#\s+(/\S+)", line)
        if match:
            current = files.setdefault(match.group(1), [])
        elif current is not None and line.strip() and not line.startswith("#"):
            current.append(line)
    return files


def postfix_recipe():
    """The README's Postfix recipe: {"main.cf": lines, "master.cf": lines, "transport": lines,
    "mailrouter.yaml": lines}."""
    files = code_files(readme_section("### Deploy: behind Postfix"))
    wanted = {"main.cf": "/etc/postfix/main.cf", "master.cf": "/etc/postfix/master.cf",
              "transport": "/etc/postfix/transport",
              "mailrouter.yaml": "/etc/mailrouter/mailrouter.yaml"}
    missing = [path for path in wanted.values() if path not in files]
    assert not missing, f"README's Postfix recipe lacks {missing}"
    return {name: files[path] for name, path in wanted.items()}


def main_cf_settings(lines):
    """main.cf lines (continuations joined) -> {name: value}."""
    settings, name = {}, None
    for line in lines:
        if line[:1].isspace() and name:
            settings[name] += " " + line.strip()
            continue
        name, _, value = line.partition("=")
        name = name.strip()
        settings[name] = value.strip()
    return settings


class PostfixInstance:
    """Start with `start()`, always `stop()` (it also removes the folder)."""

    def __init__(self, port, recipe, instance_main_cf=(), instance_transport=()):
        # Not under pytest's tmp_path: that is mode 0700 and the postfix user must get in.
        self.root = Path(tempfile.mkdtemp(prefix="mailrouter-postfix-"))
        self.root.chmod(0o755)
        self.config_dir = self.root / "etc"
        self.queue_dir = self.root / "queue"
        self.data_dir = self.root / "data"
        self.maillog = self.root / "maillog"
        self.port = port
        self.hostname = f"postfix-{uuid.uuid4().hex[:10]}.mailrouter-test.invalid"
        self.main_cf = [line.replace("/etc/postfix/", f"{self.config_dir}/")
                        for line in recipe["main.cf"]]
        self.master_cf_lines = list(recipe["master.cf"])
        self.transport = list(recipe["transport"])
        self.instance_main_cf = list(instance_main_cf)
        self.instance_transport = list(instance_transport)
        self.started = False

    def instance_lines(self):
        """What makes this a private instance; none of it is part of the README's recipe."""
        return [
            "compatibility_level = 3.6",
            f"queue_directory = {self.queue_dir}",
            f"data_directory = {self.data_dir}",
            f"myhostname = {self.hostname}",
            "mydestination =",
            "inet_interfaces = loopback-only",
            "inet_protocols = ipv4",
            "mail_owner = postfix",
            "setgid_group = postdrop",
            f"maillog_file = {self.maillog}",
            f"maillog_file_prefixes = {self.root}",
            "alias_maps =",
            "alias_database =",
            "smtpd_peername_lookup = no",
            "smtp_dns_support_level = disabled",
            "biff = no",
            *self.instance_main_cf,
        ]

    def master_cf(self):
        """Only the services this instance needs, none chrooted, smtpd on 127.0.0.1:port."""
        services = [
            f"127.0.0.1:{self.port} inet n - n - - smtpd",
            "pickup unix n - n 60 1 pickup",
            "cleanup unix n - n - 0 cleanup",
            "qmgr unix n - n 300 1 qmgr",
            "rewrite unix - - n - - trivial-rewrite",
            "bounce unix - - n - 0 bounce",
            "defer unix - - n - 0 bounce",
            "trace unix - - n - 0 bounce",
            "verify unix - - n - 1 verify",
            "flush unix n - n 1000? 0 flush",
            "proxymap unix - - n - - proxymap",
            "smtp unix - - n - - smtp",
            "relay unix - - n - - smtp",
            "showq unix n - n - - showq",
            "error unix - - n - - error",
            "retry unix - - n - - error",
            "discard unix - - n - - discard",
            "anvil unix - - n - 1 anvil",
            "scache unix - - n - 1 scache",
            "postlog unix-dgram n - n - 1 postlogd",
            *self.master_cf_lines,
        ]
        return "\n".join(services) + "\n"

    def postfix(self, *args, check=True):
        result = subprocess.run([which("postfix"), "-c", str(self.config_dir), *args],
                                capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"postfix {' '.join(args)} failed ({result.returncode}):\n"
                                 f"{result.stdout}{result.stderr}\n{self.log()}")
        return result

    def start(self):
        self.config_dir.mkdir()
        self.queue_dir.mkdir(mode=0o755)      # root's; `postfix check` makes what is inside
        main_cf = self.instance_lines()
        recipe_names = set(main_cf_settings(self.main_cf))
        overlap = recipe_names & set(main_cf_settings(main_cf))
        assert not overlap, f"instance lines would override the recipe: {overlap}"
        (self.config_dir / "main.cf").write_text("\n".join(main_cf + self.main_cf) + "\n")
        (self.config_dir / "master.cf").write_text(self.master_cf())
        transport = self.config_dir / "transport"
        transport.write_text("\n".join(self.transport + self.instance_transport) + "\n")
        subprocess.run([which("postmap"), "-c", str(self.config_dir), str(transport)],
                       check=True, capture_output=True, timeout=60)
        self.postfix("check")          # creates the queue and data directories, checks both files
        self.started = True
        self.postfix("start")
        self.wait_for_greeting()
        return self

    def stop(self):
        try:
            if self.started:
                result = self.postfix("stop", check=False)
                if result.returncode != 0:
                    self._kill_master()
                self._wait_for_master_exit()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _master_pid(self):
        try:
            return int((self.queue_dir / "pid" / "master.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def _kill_master(self):
        pid = self._master_pid()
        if pid:
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass

    def _wait_for_master_exit(self, timeout=60):
        pid = self._master_pid()
        deadline = time.monotonic() + timeout
        while pid and time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        if pid:
            self._kill_master()

    def wait_for_greeting(self, timeout=60):
        wait_for_smtp_greeting(self.port, "Postfix", self.log, timeout=timeout)

    def queued(self):
        """Files in the instance's mail queues (a message Postfix holds, or a bounce)."""
        return sorted(str(path.relative_to(self.queue_dir)) for queue in QUEUES
                      for path in (self.queue_dir / queue).rglob("*") if path.is_file())

    def wait_until_queue_empty(self, timeout=120):
        deadline = time.monotonic() + timeout
        while self.queued():
            if time.monotonic() > deadline:
                raise AssertionError(f"Postfix's queue did not drain: {self.queued()}\n{self.log()}")
            time.sleep(0.1)

    def log(self, lines=60):
        try:
            text = self.maillog.read_text(errors="replace")
        except OSError:
            return "(no maillog)"
        return "maillog, last lines:\n" + "\n".join(text.splitlines()[-lines:])

    def client(self, source="127.0.0.2"):
        """An SMTP client from another loopback address than mailrouter's, as the outside
        world: 127.0.0.1 is in mynetworks, 127.0.0.2 is not."""
        client = smtplib.SMTP("127.0.0.1", self.port, timeout=120, source_address=(source, 0))
        client.ehlo("client.example.net")
        return client
