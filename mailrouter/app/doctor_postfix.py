"""`mailrouter doctor` on a local Postfix in front of the SMTP listener.

Only where Postfix is installed here (`postconf` on PATH and a main.cf in its configuration
directory; `MAILROUTER_POSTCONF_DIR` names another directory, as `postconf -c DIR` does).
It reads the effective settings with `postconf -c DIR -x` and looks the alias up in the
transport maps with `postmap -q`:

- `recipient_delimiter` holds `+`, so `conduct+TOKEN@` and `conduct+b-…@` reach us too;
- `smtpd_recipient_restrictions` has `reject_unverified_recipient`, with
  `unverified_recipient_reject_code = 550`: Postfix asks mailrouter about each recipient
  before it accepts, and refuses for good what mailrouter refuses;
- `message_size_limit` is not above mailrouter's `limits.message_size` (else Postfix accepts
  a message mailrouter then refuses, and the reporter gets a bounce from the front door);
- `transport_maps` (or else `relay_transport`) sends the alias to our listen address.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from mailrouter.app.doctor_checks import fail, ok

ENV_DIR = "MAILROUTER_POSTCONF_DIR"
TIMEOUT = 10.0
NAMES = ("recipient_delimiter", "smtpd_recipient_restrictions", "unverified_recipient_reject_code",
         "message_size_limit", "transport_maps", "relay_transport")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def check_postfix(config, environ=os.environ):
    if config.intake.method != "smtp":
        return
    postconf = shutil.which("postconf") or shutil.which("postconf", path="/usr/sbin:/usr/local/sbin")
    directory = environ.get(ENV_DIR) or (postconf and _run([postconf, "-h", "config_directory"])[1].strip())
    if not postconf or not directory or not (Path(directory) / "main.cf").is_file():
        yield ok("Postfix: not installed here, skipped")
        return
    code, out = _run([postconf, "-c", directory, "-x", *NAMES])
    if code != 0:
        yield fail(f"Postfix: postconf -c {directory} failed", f"run postconf -c {directory} -n and fix main.cf")
        return
    values = dict(line.split(" = ", 1) if " = " in line else (line.rstrip(" ="), "")
                  for line in out.splitlines() if line.strip())
    where = f"Postfix ({directory}/main.cf)"
    yield from _delimiter(values, where)
    yield from _verification(values, where)
    yield from _size(values, where, config.limits.message_size)
    yield from _route(values, where, config, postconf, directory)


def _delimiter(values, where):
    if "+" in values.get("recipient_delimiter", ""):
        yield ok(f"{where}: recipient_delimiter has +")
    else:
        yield fail(f"{where}: recipient_delimiter has no +, so replies to conduct+TOKEN@ and bounces "
                   "to the return paths do not reach mailrouter", "postconf -e 'recipient_delimiter = +'")


def _verification(values, where):
    restrictions = re.split(r"[\s,]+", values.get("smtpd_recipient_restrictions", ""))
    if "reject_unverified_recipient" in restrictions:
        yield ok(f"{where}: smtpd_recipient_restrictions verify each recipient with mailrouter")
    else:
        yield fail(f"{where}: smtpd_recipient_restrictions lack reject_unverified_recipient, so Postfix "
                   "accepts mail for addresses mailrouter refuses and bounces it later",
                   "add reject_unverified_recipient to smtpd_recipient_restrictions (after "
                   "reject_unauth_destination)")
    code = values.get("unverified_recipient_reject_code", "")
    if code == "550":
        yield ok(f"{where}: unverified_recipient_reject_code is 550")
    else:
        yield fail(f"{where}: unverified_recipient_reject_code is {code or 'unset'}, not 550, so senders "
                   "to a dead reply address retry for days", "postconf -e 'unverified_recipient_reject_code = 550'")


def _size(values, where, ours):
    try:
        theirs = int(values.get("message_size_limit", ""))
    except ValueError:
        theirs = -1
    if 0 < theirs <= ours:
        yield ok(f"{where}: message_size_limit {theirs} is not above mailrouter's {ours}")
    else:
        shown = "0 (no limit)" if theirs == 0 else values.get("message_size_limit") or "unset"
        yield fail(f"{where}: message_size_limit {shown} is above mailrouter's limits.message_size {ours}, "
                   "so Postfix accepts messages mailrouter refuses",
                   f"postconf -e 'message_size_limit = {ours}', or raise limits.message_size")


def _route(values, where, config, postconf, directory):
    alias, domain = config.alias, config.alias.rpartition("@")[2]
    postmap = str(Path(postconf).with_name("postmap"))
    target, source = None, "relay_transport"
    for table in re.split(r"[\s,]+", values.get("transport_maps", "").strip()):
        for key in (alias, domain) if table else ():
            code, out = _run([postmap, "-c", directory, "-q", key, table])
            if code == 0 and target is None:
                target, source = out.strip(), f"transport_maps ({table})"
    target = target or values.get("relay_transport", "")
    wanted = f"{config.listen_host}:{config.listen_port}"
    if _sends_to(target, config.listen_host, config.listen_port):
        yield ok(f"{where}: {source} sends {alias} to mailrouter at {wanted}")
    else:
        yield fail(f"{where}: {source} sends {alias} to {target or 'nowhere'}, not to mailrouter at {wanted}",
                   f"add `{alias} smtp:[{config.listen_host}]:{config.listen_port}` to the transport map "
                   "(then postmap it) and set recipient_delimiter = +")


def _sends_to(target, host, port):
    transport, _, nexthop = target.partition(":")
    found = re.fullmatch(r"\[?([^\]]+?)\]?:(\d+)", nexthop.strip())
    if transport != "smtp" or not found:
        return False
    same = found.group(1) == host or (found.group(1) in LOOPBACK and host in LOOPBACK)
    return same and int(found.group(2)) == port


def _run(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return 1, ""
    return done.returncode, done.stdout
