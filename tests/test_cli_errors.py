"""No traceback on any path of the `mailrouter` command (issue 10, part 6).

Each run is the real command in a subprocess. The permission cases need root (to hand the
state directory to another user, or to drop the capabilities that let root ignore
permissions with setpriv): they are skipped elsewhere.
"""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from harness import state_after_one_report, write_config
from mailrouter.cases.store import CaseStore
from mailrouter.clock import SystemClock
from mailrouter.durable import group_commit
from mailrouter.errors import ConfigError
from mailrouter.settings.config import load_config

MAILROUTER = [sys.executable, "-m", "mailrouter"]
AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="needs root")
# Root without the capabilities that bypass file permissions: what any other user meets.
UNPRIVILEGED = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--inh-caps", "-all"]
NEEDS_SETPRIV = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                                   reason="needs root and setpriv")


def run_cli(*args, prefix=()):
    return subprocess.run([*prefix, *MAILROUTER, *args], capture_output=True, text=True, timeout=120)


def assert_clean_failure(result, *words, code=1):
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def test_missing_or_damaged_identity_key_is_one_line_not_a_traceback(tmp_path, sink):
    path = state_after_one_report(tmp_path, sink)
    code = CaseStore(tmp_path / "state" / "cases", SystemClock()).codes()[0]
    key = tmp_path / "state" / "identity.key"
    saved = key.read_bytes()
    key.unlink()
    assert_clean_failure(run_cli("case", "show", code, "--config", str(path)), "identity.key is missing")
    key.write_bytes(b"not a key\n")
    assert_clean_failure(run_cli("case", "show", code, "--config", str(path)), "identity.key is not a valid key")
    key.write_bytes(saved)
    assert run_cli("case", "show", code, "--config", str(path)).returncode == 0


def test_a_closed_pipe_ends_quietly(tmp_path):
    path = write_config(tmp_path)
    store = CaseStore(tmp_path / "state" / "cases", SystemClock())
    with group_commit():
        for number in range(1500):           # far more than a pipe holds
            store.create(f"case{number:04d} harbor", {"status": "new"}, b"report")
    shell = subprocess.run(f"{sys.executable} -m mailrouter cases --config {path} | head -1", shell=True,
                           capture_output=True, text=True, timeout=120)
    assert shell.stdout.startswith("CODE NAME") and shell.stdout.count("\n") == 1
    assert shell.stderr == ""
    # The reader gone before the first byte, every time (no race with head's timing), with
    # much to write and with one short line (which Python would write only at exit):
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}     # as in a shell
    for config in (path, write_config(tmp_path / "empty")):
        process = subprocess.Popen([*MAILROUTER, "cases", "--config", str(config)], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=buffered)
        process.stdout.close()
        assert process.wait(60) == 0
        assert process.stderr.read() == b""


@AS_ROOT
def test_root_refuses_a_state_directory_another_user_owns(tmp_path, sink):
    path = state_after_one_report(tmp_path, sink)
    state = tmp_path / "state"
    nobody = 65534
    for folder, dirs, files in os.walk(state):
        for name in [folder, *(os.path.join(folder, f) for f in dirs + files)]:
            os.chown(name, nobody, nobody)
    for args in (["cases"], ["case", "show", "any"], ["tick", "--dry-run"], ["queue"], ["queue", "delete", "abcdef"]):
        result = run_cli(*args, "--config", str(path))
        assert_clean_failure(result, "sudo -u nobody mailrouter " + args[0])
    owned_by_root = [name for folder, dirs, files in os.walk(state) for name in dirs + files
                     if os.stat(os.path.join(folder, name)).st_uid == 0]
    assert owned_by_root == []
    assert run_cli("check-config", "--config", str(path)).returncode == 0    # no state: allowed


@NEEDS_SETPRIV
def test_permission_denied_says_whom_to_run_as(tmp_path, sink):
    path = state_after_one_report(tmp_path, sink)
    (tmp_path / "state").chmod(0)
    try:
        result = run_cli("cases", "--config", str(path), prefix=UNPRIVILEGED)
    finally:
        (tmp_path / "state").chmod(0o700)
    assert_clean_failure(result, "permission denied", "sudo -u root mailrouter cases")


@NEEDS_SETPRIV
def test_tick_dry_run_works_with_a_read_only_parent_directory(tmp_path, sink):
    path = state_after_one_report(tmp_path, sink)
    before = sorted(os.listdir(tmp_path))
    tmp_path.chmod(0o555)
    try:
        result = run_cli("tick", "--dry-run", "--at", "2026-11-20T09:00", "--config", str(path),
                         prefix=UNPRIVILEGED)
    finally:
        tmp_path.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert "dry run" in result.stdout and "would send to" in result.stdout
    assert sorted(os.listdir(tmp_path)) == before


def write(folder, name, text):
    (folder / name).write_text(textwrap.dedent(text))


def test_check_config_reports_every_problem_at_once(tmp_path):
    path = write_config(tmp_path, limits={"message_size": "huge"}, lisen=1)
    path.write_text("\n".join(line for line in path.read_text().splitlines() if not line.startswith("alias:")))
    write(tmp_path, "members.yaml", """\
        members:
          - {name: Ana, email: ana@example.org, roles: [chiar]}
          - {name: Bo, email: not-an-address}
          - {email: c@example.org, colour: red}
        """)
    write(tmp_path, "conflicts.yaml", """\
        conflicts:
          ana@example.org: [{name: Y, emails: [nope]}]
          zed@example.org: [{name: X}]
        """)
    result = run_cli("check-config", "--config", str(path))
    assert_clean_failure(result, "invalid configuration (9 problems)", code=3)
    for problem in ("lisen: unknown key", "alias: is required", "limits.message_size: not a size",
                    "members.yaml:2: members[0].roles: unknown role 'chiar' (known roles: chair, triage)",
                    "members.yaml:3: members[1].email: not an email address",
                    "members.yaml:4: members[2].colour: unknown key", "members.yaml:4: members[2].name: is required",
                    "conflicts.yaml:2: conflicts.ana@example.org[0].emails[0]: not an email address",
                    "conflicts.yaml:3: conflicts.zed@example.org: not the email of a member"):
        assert problem in result.stderr, problem


def test_a_missing_alias_is_an_error(tmp_path):
    path = write_config(tmp_path)
    path.write_text("\n".join(line for line in path.read_text().splitlines() if not line.startswith("alias:")))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == "mailrouter.yaml:1: alias: is required"


def test_an_unknown_member_role_is_an_error(tmp_path):
    path = write_config(tmp_path, members=[{"name": "Ana", "email": "ana@example.org", "roles": ["Triage"]},
                                           {"name": "Bo", "email": "bo@example.org", "roles": "chairperson"}],
                        conflicts={})
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).endswith("members[1].roles: unknown role 'chairperson' (known roles: chair, triage)")
