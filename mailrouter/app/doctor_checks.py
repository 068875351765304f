"""The checks `mailrouter doctor` runs, one function each: `check(config)` yields Findings.

CHECKS lists them in order. Larger checks have their own module, appended after these by
cli_doctor.py: the IMAP mailbox (`doctor_imap.py`), the front MTA (`doctor_postfix.py`).
"""

import os
import pwd
import re
import smtplib
import socket
import ssl
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet

RELAY_TIMEOUT = 10.0          # seconds: doctor must answer quickly even if the relay does not
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs",
                       "lustre", "9p", "gpfs", "beegfs", "fuse.sshfs", "fuse.s3fs", "fuse.rclone", "davfs"}


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str
    advice: str = ""


def ok(what):
    return Finding(True, what)


def fail(what, advice):
    return Finding(False, what, advice)


def user_name(uid):
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def nearest_existing(path):
    path = Path(path).absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_state_dir(config):
    root = config.state_dir
    if not root.exists():
        parent = nearest_existing(root)
        if os.access(parent, os.W_OK):
            yield ok(f"state directory {root} does not exist yet; `mailrouter serve` creates it")
        else:
            yield fail(f"state directory {root} does not exist and {parent} is not writable",
                       f"create it for the daemon's user: install -d -m 700 -o mailrouter {root}")
        return
    info = root.stat()
    if not stat.S_ISDIR(info.st_mode):
        yield fail(f"state directory {root} is not a directory", "point state_dir at a directory")
        return
    yield from _private(root, info, 0o700, "state directory")
    try:
        with tempfile.TemporaryFile(dir=root):
            pass
        yield ok(f"state directory {root} is writable")
    except OSError as error:
        yield fail(f"cannot write in {root} ({error.strerror})",
                   f"run as the daemon's user (sudo -u {user_name(info.st_uid)} mailrouter doctor), "
                   "and check the disk is mounted read-write and not full")


def _private(path, info, mode, label):
    """Mode and owner of a state file or directory."""
    actual = stat.S_IMODE(info.st_mode)
    if actual != mode:
        yield fail(f"{label} {path} has mode {actual:04o}, not {mode:04o}", f"chmod {mode:o} {path}")
    else:
        yield ok(f"{label} {path} has mode {mode:04o}")
    if info.st_uid != os.geteuid():
        owner, me = user_name(info.st_uid), user_name(os.geteuid())
        yield fail(f"{label} {path} belongs to {owner}, not to the user running this ({me})",
                   f"run mailrouter as {owner} (sudo -u {owner} mailrouter doctor); if {me} runs "
                   f"the daemon, chown {'-R ' if path.is_dir() else ''}{me} {path}")
    else:
        yield ok(f"{label} {path} belongs to {user_name(info.st_uid)}")


def check_keys(config):
    root = config.state_dir
    if not root.exists():
        return
    has_data = any((root / sub).exists() and any((root / sub).iterdir()) for sub in ("cases", "identities"))
    for name, valid in (("secret.key", lambda key: len(key) >= 32),       # raw random bytes
                        ("identity.key", lambda key: _fernet_key(key.strip()))):
        path = root / name
        if not path.exists():
            if has_data:
                yield fail(f"{path} is missing, but the state directory holds cases",
                           "restore it from your backup: without it reply addresses and sealed "
                           "records cannot be read")
            else:
                yield ok(f"{path} does not exist yet; `mailrouter serve` creates it")
            continue
        yield from _private(path, path.stat(), 0o600, "key file")
        try:
            good = valid(path.read_bytes())
        except OSError as error:
            yield fail(f"cannot read {path} ({error.strerror})", "run as the daemon's user")
            continue
        yield ok(f"{path} holds a valid key") if good else \
            fail(f"{path} does not hold a valid key", "restore it from your backup")


def _fernet_key(key):
    try:
        Fernet(key)
    except ValueError:
        return False
    return True


def filesystem_of(path, mounts_text):
    """(mount point, filesystem type) holding `path`, from the text of /proc/mounts."""
    best = ("", "")
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])
        inside = path == mount or path.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best[0]):
            best = (mount, fields[2])
    return best


def check_local_disk(config, mounts="/proc/mounts"):
    path = os.path.realpath(nearest_existing(config.state_dir))
    try:
        text = Path(mounts).read_text()
    except OSError:
        yield ok(f"cannot tell which filesystem holds {path} ({mounts} unreadable)")
        return
    mount, kind = filesystem_of(path, text)
    if kind in NETWORK_FILESYSTEMS or kind.startswith("nfs"):
        yield fail(f"state directory is on {kind} ({mount}), a network filesystem",
                   "move state_dir to a local disk: mailrouter answers 250 only after fsync, and "
                   "network filesystems do not keep that promise (nor flock)")
    else:
        yield ok(f"state directory is on a local filesystem ({kind or 'unknown'} at {mount or '/'})")


def check_relay(config):
    outbound = config.outbound
    if outbound.method != "smtp":
        folder = nearest_existing(outbound.maildir)
        yield ok(f"outbound Maildir {outbound.maildir} is writable") if os.access(folder, os.W_OK) else \
            fail(f"outbound Maildir {outbound.maildir} is not writable", "fix its owner or outbound.maildir")
        return
    relay = outbound.smtp
    where = f"relay {relay.host}:{relay.port}"
    timeout = min(relay.timeout, RELAY_TIMEOUT)
    try:
        client = smtplib.SMTP_SSL(relay.host, relay.port, timeout=timeout,
                                  context=ssl.create_default_context()) if relay.security == "tls" \
            else smtplib.SMTP(relay.host, relay.port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as error:
        yield fail(f"{where} cannot be reached ({_reason(error)})",
                   "check outbound.smtp.host and port, that the relay runs, and that it lets this host in")
        return
    with client:
        yield from _relay_session(client, relay, where)


def _relay_session(client, relay, where):
    try:
        code, _ = client.ehlo()
        if code != 250:
            yield fail(f"{where} refused EHLO ({code})", "check the relay's configuration for this host")
            return
        yield ok(f"{where} answers EHLO")
        if relay.security == "starttls":
            if not client.has_extn("starttls"):
                yield fail(f"{where} does not offer STARTTLS", "enable STARTTLS on the relay, or set "
                           "outbound.smtp.security to none (loopback relays only) or tls")
                return
            client.starttls(context=ssl.create_default_context())
            client.ehlo()
            yield ok(f"{where} STARTTLS works (certificate verified)")
        if relay.username:
            if not client.has_extn("auth"):
                yield fail(f"{where} offers no AUTH", "enable AUTH on the relay, or remove outbound.smtp.username")
                return
            client.login(relay.username, relay.password or "")
            yield ok(f"{where} accepts the login of {relay.username}")
    except smtplib.SMTPAuthenticationError as error:
        yield fail(f"{where} refused the login ({error.smtp_code})",
                   "check outbound.smtp.username and the password file or environment variable")
    except (OSError, smtplib.SMTPException, ssl.SSLError) as error:
        yield fail(f"{where}: {_reason(error)}", "check the relay's TLS certificate and configuration")


def _reason(error):
    if isinstance(error, (socket.timeout, TimeoutError)) or "timed out" in str(error):
        return "timed out"
    return getattr(error, "strerror", None) or str(error) or error.__class__.__name__


CHECKS = [check_state_dir, check_keys, check_local_disk, check_relay]
