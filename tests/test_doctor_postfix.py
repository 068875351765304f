"""`mailrouter doctor` on a local Postfix: a main.cf in a temporary directory, read by the
real `postconf -c DIR` and `postmap -q` (skipped where Postfix is not installed)."""

import os
import shutil
import subprocess
import sys

import pytest

from harness import load, write_config
from mailrouter.app.doctor_postfix import ENV_DIR, check_postfix

pytestmark = pytest.mark.skipif(not (shutil.which("postconf") or os.path.exists("/usr/sbin/postconf")),
                                reason="Postfix is not installed (Debian: apt-get install postfix)")
GOOD = {"recipient_delimiter": "+",
        "smtpd_recipient_restrictions": "permit_mynetworks, reject_unauth_destination, reject_unverified_recipient",
        "unverified_recipient_reject_code": "550",
        "message_size_limit": "10240000"}


def postfix(tmp_path, route="conduct@example.org smtp:[127.0.0.1]:8025", **settings):
    directory = tmp_path / "postfix"
    directory.mkdir(parents=True)
    (directory / "transport").write_text(route + "\n")
    main = {**GOOD, "transport_maps": f"texthash:{directory / 'transport'}", **settings}
    (directory / "main.cf").write_text("".join(f"{k} = {v}\n" for k, v in main.items() if v is not None))
    assert subprocess.run(["postconf", "-c", str(directory), "-n"], capture_output=True).returncode == 0
    return directory


def config(tmp_path):
    return load(write_config(tmp_path / "mr", listen={"host": "127.0.0.1", "port": 8025}))


def findings(tmp_path, directory):
    return list(check_postfix(config(tmp_path), environ={ENV_DIR: str(directory)}))


def test_a_good_postfix_passes_and_doctor_exits_zero(tmp_path):
    directory = postfix(tmp_path)
    found = findings(tmp_path, directory)
    assert [f.what for f in found if not f.ok] == []
    assert len(found) == 5
    assert "transport_maps" in found[-1].what and "sends conduct@example.org to mailrouter at 127.0.0.1:8025" \
        in found[-1].what
    result = subprocess.run([sys.executable, "-m", "mailrouter", "doctor", "--config", str(tmp_path / "mr" / "mailrouter.yaml")],
                            capture_output=True, text=True, timeout=60, env=dict(os.environ, **{ENV_DIR: str(directory)}))
    assert result.returncode == 0, result.stdout
    assert "OK    Postfix (" in result.stdout


def test_each_wrong_setting_fails_with_what_to_do(tmp_path):
    directory = postfix(tmp_path, route="conduct@example.org smtp:[127.0.0.1]:2525",
                        recipient_delimiter="-", smtpd_recipient_restrictions="reject_unauth_destination",
                        unverified_recipient_reject_code=None, message_size_limit="52428800")
    failed = [f for f in findings(tmp_path, directory) if not f.ok]
    assert [f.what.split(": ", 1)[1].split(" ", 1)[0] for f in failed] == [
        "recipient_delimiter", "smtpd_recipient_restrictions", "unverified_recipient_reject_code",
        "message_size_limit", "transport_maps"]
    assert "is 450, not 550" in failed[2].what
    assert "52428800 is above mailrouter's limits.message_size 25000000" in failed[3].what
    assert "to smtp:[127.0.0.1]:2525, not to mailrouter at 127.0.0.1:8025" in failed[4].what
    assert all(f.advice for f in failed)


def test_no_transport_entry_falls_back_to_relay_transport_and_unlimited_size_fails(tmp_path):
    directory = postfix(tmp_path, route="other.example smtp:[192.0.2.1]:25", message_size_limit="0")
    failed = [f.what for f in findings(tmp_path, directory) if not f.ok]
    assert len(failed) == 2
    assert "message_size_limit 0 (no limit)" in failed[0]
    assert "relay_transport sends conduct@example.org to relay, not to mailrouter" in failed[1]
    directory = postfix(tmp_path / "relay", route="x y", relay_transport="smtp:[127.0.0.1]:8025")
    assert all(f.ok for f in findings(tmp_path / "relay", directory))


def test_without_postfix_one_skipped_line(tmp_path):
    found = findings(tmp_path, tmp_path / "no-postfix-here")
    assert [(f.ok, f.what) for f in found] == [(True, "Postfix: not installed here, skipped")]
