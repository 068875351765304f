"""Where the configuration comes from (issue 10.4): --config (before or after the command),
$MAILROUTER_CONFIG, systemd's $CONFIGURATION_DIRECTORY, /etc/mailrouter, the bundled example;
and what systemd hands over: $STATE_DIRECTORY and credentials."""

import pytest

from harness import write_config
from mailrouter.app.cli import main
from mailrouter.errors import ConfigError
from mailrouter.settings import locations
from mailrouter.settings.config import bundled_config_path, load_config

SYSTEMD_VARIABLES = ("MAILROUTER_CONFIG", "CONFIGURATION_DIRECTORY", "STATE_DIRECTORY",
                     "CREDENTIALS_DIRECTORY")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in SYSTEMD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    # The /etc step, pointed at a file that does not exist unless a test writes it.
    monkeypatch.setattr(locations, "ETC_CONFIG", tmp_path / "etc" / "mailrouter.yaml")


def configs(tmp_path, *names):
    return [write_config(tmp_path / name, alias=f"{name}@example.org") for name in names]


def checked(capsys, *argv):
    """Run `mailrouter check-config` in-process; return (exit code, stdout, stderr)."""
    code = main(["check-config", *argv] if "check-config" not in argv else list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_config_flag_works_before_and_after_the_command(tmp_path, capsys):
    path, = configs(tmp_path, "given")
    for argv in (["--config", str(path), "check-config"], ["check-config", "--config", str(path)]):
        code, out, err = checked(capsys, *argv)
        assert code == 0 and f"{path}: OK" in out and "given@example.org" in out, (argv, out, err)


def test_config_flag_given_twice_differently_is_a_usage_error(tmp_path, capsys):
    one, two = configs(tmp_path, "one", "two")
    with pytest.raises(SystemExit) as caught:
        main(["--config", str(one), "check-config", "--config", str(two)])
    assert caught.value.code == 2 and "--config given twice" in capsys.readouterr().err


def test_each_step_of_the_lookup_order(tmp_path, monkeypatch, capsys):
    flag, env, managed, etc = configs(tmp_path, "flag", "env", "managed", "etc")
    monkeypatch.setattr(locations, "ETC_CONFIG", etc)
    monkeypatch.setenv("CONFIGURATION_DIRECTORY", str(managed.parent))
    monkeypatch.setenv("MAILROUTER_CONFIG", str(env))
    assert "flag@example.org" in checked(capsys, "--config", str(flag))[1]
    assert "env@example.org" in checked(capsys)[1]
    monkeypatch.delenv("MAILROUTER_CONFIG")
    assert "managed@example.org" in checked(capsys)[1]
    monkeypatch.delenv("CONFIGURATION_DIRECTORY")
    code, out, err = checked(capsys)
    assert code == 0 and "etc@example.org" in out and err == ""


def test_without_any_configuration_the_bundled_example_runs_with_a_notice(capsys):
    code, out, err = checked(capsys)
    assert code == 0 and f"{bundled_config_path()}: OK" in out
    assert "no configuration file given or found" in err and "bundled example" in err
    assert str(locations.ETC_CONFIG) in err


def test_a_service_never_falls_back_to_the_example(tmp_path, monkeypatch, capsys):
    """Under systemd an empty ConfigurationDirectory is an error, not the example config."""
    monkeypatch.setenv("CONFIGURATION_DIRECTORY", str(tmp_path / "empty"))
    code, out, err = checked(capsys)
    assert code == 3 and "mailrouter.yaml: cannot read" in err and "bundled" not in err


def test_state_dir_defaults_to_the_units_state_directory(tmp_path):
    path = write_config(tmp_path)
    text = path.read_text()
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("state_dir")))
    environ = {"STATE_DIRECTORY": f"{tmp_path}/lib/mailrouter:{tmp_path}/lib/mailrouter-outgoing"}
    config = load_config(path, environ=environ)
    assert config.state_dir == tmp_path / "lib" / "mailrouter"
    assert config.outbound.maildir == tmp_path / "lib" / "mailrouter-outgoing"
    assert load_config(path, environ={}).state_dir == tmp_path / "mailrouter-state"
    # A configured state_dir wins over systemd's.
    assert load_config(write_config(tmp_path), environ=environ).state_dir == tmp_path / "state"


def smtp_config(tmp_path, **smtp):
    return write_config(tmp_path, outbound={"method": "smtp", "smtp": {"host": "127.0.0.1", **smtp}})


def test_relay_password_comes_from_a_systemd_credential(tmp_path):
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "relay-password").write_text("s3cret\n")
    path = smtp_config(tmp_path, password_credential="relay-password")
    config = load_config(path, environ={"CREDENTIALS_DIRECTORY": str(credentials)})
    assert config.outbound.smtp.password == "s3cret"
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert "mailrouter.yaml:" in str(caught.value)
    assert "outbound.smtp.password_credential: $CREDENTIALS_DIRECTORY is not set" in str(caught.value)
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={"CREDENTIALS_DIRECTORY": str(tmp_path / "none")})
    assert "cannot read the credential relay-password" in str(caught.value)


def test_only_one_password_source(tmp_path):
    path = smtp_config(tmp_path, password_credential="relay-password", password_env="X")
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={"X": "y"})
    assert "give one of password_file, password_env, password_credential" in str(caught.value)
