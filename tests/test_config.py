"""Configuration: the bundled example loads; every error names file, line and key."""

import subprocess
import sys
import textwrap

import pytest

from harness import write_config
from mailrouter.settings.config import load_config
from mailrouter.errors import ConfigError


def write(folder, name, text):
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


def test_bundled_example_loads_with_every_documented_section():
    config = load_config()
    assert config.alias == "conduct@example.org"
    assert config.listen_port == 8025 and config.listen_host == "127.0.0.1"
    assert config.outbound.method == "maildir"
    assert [m.email for m in config.committee.members if m.active] == [
        "ana@example.org", "bo@example.org", "chidi@example.org"]
    assert config.limits.message_size == 25_000_000


def test_bad_member_email_names_file_line_and_key(tmp_path):
    path = write_config(tmp_path)
    write(tmp_path, "members.yaml", """\
        members:
          - name: Ana
            email: ana@example.org
          - name: Bo
            email: bo@example.org
          - name: Chidi
            email: chidi@example.org
          - name: Dee
            email: not-an-address
        """)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == "members.yaml:9: members[3].email: not an email address"


def test_unknown_key_is_an_error_not_ignored(tmp_path):
    path = write_config(tmp_path)
    text = path.read_text().replace("listen:", "lisen:\n  port: 1\nlisten:")
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "mailrouter.yaml:" in str(caught.value) and "lisen: unknown key" in str(caught.value)


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = write_config(tmp_path)
    write(tmp_path, "conflicts.yaml", "conflicts:\n  bo@example.org: [\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith("conflicts.yaml:3: YAML syntax")


def test_conflict_for_unknown_member_is_refused(tmp_path):
    path = write_config(tmp_path, conflicts={"zed@example.org": [{"name": "X"}]})
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "conflicts.zed@example.org: not the email of a member" in str(caught.value)


def test_bad_duration_and_missing_smtp_host(tmp_path):
    path = write_config(tmp_path, outbound={"method": "smtp", "smtp": {"port": 25}})
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "outbound.smtp.host: is required" in str(caught.value)
    path = write_config(tmp_path, outbound={"retry": {"first": "soon"}})
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "outbound.retry.first: not a duration" in str(caught.value)


def test_relay_password_from_environment_or_file(tmp_path):
    smtp = {"host": "127.0.0.1", "password_env": "RELAY_PW"}
    path = write_config(tmp_path, outbound={"method": "smtp", "smtp": smtp})
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert "environment variable RELAY_PW is not set" in str(caught.value)
    assert load_config(path, environ={"RELAY_PW": "s3cret"}).outbound.smtp.password == "s3cret"
    (tmp_path / "pw").write_text("from-file\n")
    smtp = {"host": "127.0.0.1", "password_file": "pw"}
    path = write_config(tmp_path, outbound={"method": "smtp", "smtp": smtp})
    assert load_config(path).outbound.smtp.password == "from-file"


def test_check_config_exits_nonzero_with_the_located_error(tmp_path):
    path = write_config(tmp_path)
    write(tmp_path, "members.yaml", "members:\n  - name: A\n    email: nope\n")
    result = subprocess.run([sys.executable, "-m", "mailrouter", "check-config", "--config", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 3
    assert "members.yaml:3: members[0].email: not an email address" in result.stderr


def test_check_config_accepts_a_valid_file(tmp_path):
    path = write_config(tmp_path)
    result = subprocess.run([sys.executable, "-m", "mailrouter", "check-config", "--config", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout and "3 active" in result.stdout
    assert "policy: default, routing direct, decisions by consensus" in result.stdout



def test_check_config_names_the_imap_folder_instead_of_the_listener(tmp_path):
    (tmp_path / "pw").write_text("imap-pw\n")
    imap = {"method": "imap", "host": "imap.example.org", "username": "conduct@example.org", "password_file": "pw"}
    for intake, expected in (
            (imap, "intake: IMAP folder INBOX at imap.example.org:993 (tls), after intake: delete"),
            ({**imap, "port": 1143, "security": "starttls", "folder": "Reports", "after_intake": {"move": "Done"}},
             "intake: IMAP folder Reports at imap.example.org:1143 (starttls), after intake: move Done")):
        path = write_config(tmp_path, intake=intake)
        result = subprocess.run([sys.executable, "-m", "mailrouter", "check-config", "--config", str(path)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert f"  alias conduct@example.org, {expected}\n" in result.stdout
        assert "listening on" not in result.stdout

def test_policy_preset_with_overrides_and_located_errors(tmp_path):
    config = load_config(write_config(tmp_path, policy={"preset": "numpy", "deadlock": "10d"}))
    assert (config.policy.name, config.policy.deadlock) == ("numpy", 10 * 86400)
    assert config.policy.resolution_target == 14 * 86400          # from the preset
    assert load_config(write_config(tmp_path, policy="retrospectives")).policy.followup is None
    for bad, message in ((("preset", "nosuch"),), "no such policy preset"), \
                        ((("deadlock", "soon"),), "policy.deadlock: not a duration"), \
                        ((("timezone", "Mars/Base"),), "policy.timezone: not a time zone"), \
                        ((("digest", {"day": "funday"}),), "policy.digest.day: must be one of"):
        with pytest.raises(ConfigError) as caught:
            load_config(write_config(tmp_path, policy=dict(bad)))
        assert message in str(caught.value) and "mailrouter.yaml:" in str(caught.value)


def test_every_preset_loads():
    from mailrouter.settings.policy import preset_names
    from mailrouter.settings.yaml_source import Node
    from mailrouter.settings.policy import load_policy

    assert preset_names() == ["jupyter", "numpy", "pydistrict", "pytorch", "retrospectives"]
    for name in preset_names():
        assert load_policy(Node("mailrouter.yaml", name, "policy", 1)).name == name


def test_the_example_documents_every_intake_key_and_its_imap_block_loads_uncommented(tmp_path):
    import re
    import shutil
    from pathlib import Path

    from mailrouter.settings.mailbox import IMAP_KEYS
    bundled = Path(__file__).parent.parent / "config"
    shutil.copytree(bundled, tmp_path / "config")
    path = tmp_path / "config" / "mailrouter.yaml"
    text = path.read_text()
    block = text[text.index("# intake:\n"):text.index("\n\n", text.index("# intake:\n"))]
    for key in IMAP_KEYS:
        assert re.search(rf"^#\s+(# )?{key}:", block, re.M), f"{key} is not documented in the example"
    live = "\n".join(line[2:] for line in block.splitlines() if not line.startswith("#   #"))
    live = live.replace("password_credential: imap-password", "password_file: pw")
    (tmp_path / "config" / "pw").write_text("imap-pw\n")
    path.write_text(text.replace(block, live).replace("# state_dir: /var/lib/mailrouter",
                                                      f"state_dir: {tmp_path / 'state'}"))
    imap = load_config(path, environ={}).intake.imap
    assert (imap.host, imap.port, imap.security, imap.folder, imap.move_to, imap.password) == \
        ("imap.example.org", 993, "tls", "INBOX", None, "imap-pw")
    assert load_config(bundled / "mailrouter.yaml", environ={}).intake.method == "smtp"
