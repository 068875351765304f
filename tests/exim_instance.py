"""A private Exim daemon on loopback, for the tests that put Exim in front of mailrouter.

Debian's exim4 package conflicts with postfix (both are the system's MTA), so CI never
installs it: .ci/run unpacks the exim4-daemon-light .deb with `dpkg -x` and names the binary
in MAILROUTER_EXIM. That binary wants its compiled-in user `Debian-exim`. When the system has
no such user, Exim runs in a private mount namespace (`unshare -m`) where /etc/passwd and
/etc/group are copies that add it, mapped to nobody/nogroup. The system's files stay as they
are. The configuration is `-C FILE`: the README's fragment plus the lines that make a
private, throw-away instance.
"""

import grp
import os
import pwd
import re
import shutil
import smtplib
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from harness import wait_for_smtp_greeting
from postfix_instance import readme_section

CI_EXIM = "/opt/mailrouter-ci/exim/usr/sbin/exim4"      # where .ci/run unpacks it
EXIM_USER = "Debian-exim"
NOBODY = 65534


def exim_binary():
    for candidate in (os.environ.get("MAILROUTER_EXIM"), shutil.which("exim4"),
                      shutil.which("exim"), CI_EXIM):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def _user_exists():
    try:
        pwd.getpwnam(EXIM_USER)
        return True
    except KeyError:
        return False


def require_exim():
    """Skip without an Exim binary or root, with the reason; under CI=true that is a failure."""
    problem = None
    if not exim_binary():
        problem = ("no Exim binary (set MAILROUTER_EXIM, or run .ci/run, which unpacks "
                   "Debian's exim4-daemon-light)")
    elif os.geteuid() != 0:
        problem = "the private Exim daemon needs root"
    elif not _user_exists() and not shutil.which("unshare"):
        problem = f"no {EXIM_USER} user and no unshare(1) to provide one privately"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem + ": CI must run this test")
        pytest.skip(problem)


def exim_recipe():
    """The README's Exim fragment: {"main": lines, "acl": lines, "routers": ..., "transports": ...}."""
    sections, current = {"main": []}, "main"
    for line in readme_section("### Deploy: behind Exim").splitlines():
        if not line.startswith("    "):
            continue
        line = line[4:]
        match = re.fullmatch(r"begin (\w+)", line.strip())
        if match:
            current = match.group(1)
            sections[current] = []
        elif line.strip() and not line.lstrip().startswith("#"):
            sections[current].append(line)
    missing = {"acl", "routers", "transports"} - set(sections)
    assert not missing, f"README's Exim fragment lacks the sections {missing}"
    return sections


class EximInstance:
    """Start with `start()`, always `stop()` (it also removes the folder)."""

    def __init__(self, port, recipe, mailrouter_port, sink_port):
        self.binary = exim_binary()
        self.root = Path(tempfile.mkdtemp(prefix="mailrouter-exim-"))
        self.root.chmod(0o755)
        self.port = port
        self.hostname = f"exim-{uuid.uuid4().hex[:10]}.mailrouter-test.invalid"
        self.recipe = recipe
        self.mailrouter_port = mailrouter_port
        self.sink_port = sink_port
        self.config = self.root / "exim.conf"
        self.mainlog = self.root / "log" / "mainlog"
        self.process = None

    def configuration(self, recipe_port="8025"):
        """The README fragment, its port made mailrouter's, in a minimal private configuration."""
        def fragment(name):
            return [line.replace(f"127.0.0.1::{recipe_port}", f"127.0.0.1::{self.mailrouter_port}")
                    for line in self.recipe[name]]
        assert any(f"127.0.0.1::{recipe_port}" in line for line in self.recipe["routers"])
        return "\n".join([
            f"primary_hostname = {self.hostname}",
            f"exim_path = {self.binary}",
            f"spool_directory = {self.root}/spool",
            f"log_file_path = {self.root}/log/%slog",
            f"pid_file_path = {self.root}/exim.pid",
            "keep_environment =",
            f"daemon_smtp_ports = {self.port}",
            "local_interfaces = 127.0.0.1",
            "host_lookup =",
            "rfc1413_hosts =",
            "tls_advertise_hosts =",
            "acl_smtp_rcpt = acl_check_rcpt",
            *fragment("main"),
            "",
            "begin acl",
            "acl_check_rcpt:",
            "# mailrouter sends out from here (in Debian: relay_from_hosts)",
            "  accept  hosts = 127.0.0.1",
            *fragment("acl"),
            "  accept  domains = example.org",
            "          verify = recipient",
            "  deny    message = relay not permitted",
            "",
            "begin routers",
            *fragment("routers"),
            "# the rest of the world is the test's sink",
            "to_sink:",
            "  driver = manualroute",
            f"  route_list = * 127.0.0.1::{self.sink_port}",
            "  self = send",
            "  transport = to_sink_smtp",
            "",
            "begin transports",
            *fragment("transports"),
            "to_sink_smtp:",
            "  driver = smtp",
            "",
            "begin retry",
            "*   *   F,2h,15m; G,16h,1h,1.5; F,4d,6h",
            "",
        ])

    def command(self, *args):
        """argv running Exim with this configuration, as the Debian-exim user exists."""
        exim = [self.binary, "-C", str(self.config), *args]
        if _user_exists():
            return exim
        return ["unshare", "-m", "sh", "-c",
                'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/group && shift 2 && '
                'exec "$@"', "sh", str(self.root / "passwd"), str(self.root / "group"), *exim]

    def run(self, *args, input=None, timeout=120):
        return subprocess.run(self.command(*args), input=input, capture_output=True,
                              text=True, timeout=timeout)

    def start(self):
        for sub in ("spool", "log"):
            (self.root / sub).mkdir()
            uid = pwd.getpwnam(EXIM_USER).pw_uid if _user_exists() else NOBODY
            gid = grp.getgrnam(EXIM_USER).gr_gid if _user_exists() else NOBODY
            os.chown(self.root / sub, uid, gid)
        (self.root / "passwd").write_text(Path("/etc/passwd").read_text()
                                          + f"{EXIM_USER}:x:{NOBODY}:{NOBODY}:Exim:/nonexistent:/usr/sbin/nologin\n")
        (self.root / "group").write_text(Path("/etc/group").read_text() + f"{EXIM_USER}:x:{NOBODY}:\n")
        self.config.write_text(self.configuration())
        checked = self.run("-bV")
        assert checked.returncode == 0, f"exim -bV refused the configuration:\n{checked.stdout}{checked.stderr}"
        self.log_file = open(self.root / "daemon.out", "wb")
        self.process = subprocess.Popen(self.command("-bdf", "-odi"), stdout=self.log_file,
                                        stderr=subprocess.STDOUT)
        self.wait_for_greeting()
        return self

    def stop(self):
        try:
            if self.process is not None:
                self.process.terminate()
                try:
                    self.process.wait(30)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(30)
                self.log_file.close()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def wait_for_greeting(self, timeout=60):
        def alive():
            if self.process.poll() is not None:
                raise AssertionError(f"Exim exited ({self.process.returncode}):\n{self.log()}")
        wait_for_smtp_greeting(self.port, "Exim", self.log, alive, timeout)

    def queue_count(self):
        result = self.run("-bpc")
        assert result.returncode == 0, result.stderr
        return int(result.stdout.strip())

    def log(self, lines=60):
        text = []
        for path in (self.mainlog, self.root / "log" / "paniclog", self.root / "daemon.out"):
            if path.exists():
                text.append(f"{path.name}:\n" + "\n".join(
                    path.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(text) or "(no Exim log)"

    def client(self, source="127.0.0.2"):
        """An SMTP client from the outside world (127.0.0.1 is mailrouter's, and trusted)."""
        client = smtplib.SMTP("127.0.0.1", self.port, timeout=120, source_address=(source, 0))
        client.ehlo("client.example.net")
        return client
