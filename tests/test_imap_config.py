"""The `intake:` section and submission auth: what loads, and errors that name file, line, key."""

import re

import pytest

from harness import write_config
from mailrouter.errors import ConfigError
from mailrouter.intake.imap_envelope import envelope, headers_of
from mailrouter.settings.config import load_config


def secrets(tmp_path):
    for name, text in (("pw", "imap-pw\n"), ("secret", "client-secret\n"), ("refresh", "refresh-1\n")):
        (tmp_path / name).write_text(text)


def imap(**overrides):
    section = {"method": "imap", "host": "imap.example.org", "username": "conduct@example.org",
               "password_file": "pw"}
    section.update(overrides)
    return {key: value for key, value in section.items() if value is not None}


OAUTH = {"password_file": None, "auth": "xoauth2", "token_endpoint": "https://oauth2.example.com/token",
         "client_id": "client", "client_secret_file": "secret", "refresh_token_file": "refresh"}


def error_of(tmp_path, **config):
    secrets(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, **config), environ={})
    return str(caught.value)


def test_smtp_is_the_default_and_imap_loads_with_its_defaults(tmp_path):
    secrets(tmp_path)
    assert load_config(write_config(tmp_path)).intake.method == "smtp"
    assert load_config(write_config(tmp_path, intake="smtp")).intake.imap is None
    settings = load_config(write_config(tmp_path, intake=imap())).intake.imap
    assert (settings.port, settings.security, settings.folder, settings.move_to) == (993, "tls", "INBOX", None)
    assert (settings.password, settings.poll_interval, settings.timeout) == ("imap-pw", 60.0, 60.0)
    assert settings.delete_sent is False
    assert "imap-pw" not in repr(settings)
    settings = load_config(write_config(tmp_path, intake=imap(
        security="starttls", folder="Reports", after_intake={"move": "Done"}, poll_interval="2m",
        sent_copies="delete"))).intake.imap
    assert (settings.port, settings.folder, settings.move_to, settings.poll_interval) == (143, "Reports", "Done", 120.0)
    assert settings.delete_sent is True


def test_xoauth2_for_imap_and_for_submission(tmp_path):
    secrets(tmp_path)
    smtp = {"host": "smtp.example.org", "port": 587, "security": "starttls", "username": "conduct@example.org",
            **{k: v for k, v in OAUTH.items() if v is not None}}
    config = load_config(write_config(tmp_path, intake=imap(**OAUTH), outbound={"method": "smtp", "smtp": smtp}))
    oauth = config.intake.imap.oauth
    assert (oauth.client_id, oauth.client_secret, oauth.refresh_token_file.name) == ("client", "client-secret", "refresh")
    assert config.intake.imap.password is None and config.outbound.smtp.oauth == oauth
    assert "client-secret" not in repr(config)


@pytest.mark.parametrize("intake, expected", [
    ("imap", r"intake: must be smtp, or a mapping with method: imap"),
    (imap(host=None), r"intake\.host: is required"),
    (imap(security="none"), r"intake\.security: none is allowed for a loopback host only"),
    (imap(password_file=None), r"intake\.password_file: give password_file or password_env"),
    (imap(password_env="PW"), r"intake\.password_env: give password_file or password_env, not both"),
    (imap(password_file=None, password_env="PW"), r"intake\.password_env: environment variable PW is not set"),
    (imap(port=70000), r"intake\.port: must be a TCP port"),
    (imap(after_intake="archive"), r"intake\.after_intake: must be one of: delete"),
    (imap(after_intake={"move": "INBOX"}), r"intake\.after_intake\.move: must differ from the folder"),
    (imap(poll_interval="soon"), r"intake\.poll_interval: not a duration"),
    (imap(sent_copies="purge"), r"intake\.sent_copies: must be one of: keep, delete"),
    (imap(flder="INBOX"), r"intake\.flder: unknown key"),
    (imap(**OAUTH, password_env="PW"), r"intake\.password_env: does not go with auth: xoauth2"),
    (imap(**{**OAUTH, "refresh_token_file": None}), r"intake\.refresh_token_file: is required with auth: xoauth2"),
    (imap(**{**OAUTH, "refresh_token_file": "missing"}), r"intake\.refresh_token_file: cannot read missing"),
    (imap(**{**OAUTH, "token_endpoint": "http://oauth2.example.com/token"}),
     r"intake\.token_endpoint: must be an https:// URL"),
    (imap(client_id="x"), r"intake\.client_id: does not go with auth: password"),
])
def test_intake_errors_name_file_line_and_key(tmp_path, intake, expected):
    message = error_of(tmp_path, intake=intake)
    assert re.search(r"^mailrouter\.yaml:\d+: " + expected, message), message


def test_loopback_allows_plain_imap_and_an_http_token_endpoint(tmp_path):
    secrets(tmp_path)
    section = imap(host="127.0.0.1", security="none", **{**OAUTH, "token_endpoint": "http://127.0.0.1:9/token"})
    assert load_config(write_config(tmp_path, intake=section)).intake.imap.port == 143


def test_submission_xoauth2_needs_a_username(tmp_path):
    smtp = {"host": "smtp.example.org", **{k: v for k, v in OAUTH.items() if v is not None}}
    message = error_of(tmp_path, outbound={"method": "smtp", "smtp": smtp})
    assert re.search(r"^mailrouter\.yaml:\d+: outbound\.smtp\.username: is required with auth: xoauth2", message)


# -- the envelope an IMAP message stands for -------------------------------------------
ALIAS = "conduct@example.org"
LIVE = "conduct+" + "a" * 32 + "@example.org"


def env(headers, accepts=lambda address: address.lower() == LIVE):
    raw = ("\r\n".join(headers) + "\r\n\r\nbody\r\n").encode()
    return envelope(headers_of(raw), ALIAS, accepts)


def test_recipients_are_the_alias_and_the_live_case_addresses_of_every_recipient_header():
    # Delivered to the case address: the alias in To was not a recipient of this delivery.
    assert env([f"Delivered-To: {LIVE}", "To: conduct@example.org"])[1] == [LIVE]
    assert env(["Delivered-To: mailbox@provider.example", f"X-Original-To: {LIVE}"])[1] == [LIVE]
    assert env(["To: Someone <someone@example.net>", f"Cc: Committee <{LIVE.upper()}>"])[1] == [LIVE.upper()]
    assert env(["To: CONDUCT@Example.org", f"Cc: {LIVE}"])[1] == [ALIAS, LIVE]     # a Reply-All: both
    assert env(["Delivered-To: conduct@example.org", f"To: {LIVE}"])[1] == [ALIAS, LIVE]   # the alias Bcc'd
    assert env(["To: someone@example.net"])[1] == [ALIAS]                    # e.g. a Bcc: the alias


def test_an_address_named_twice_is_one_recipient():
    assert env(["Delivered-To: conduct@example.org", "X-Original-To: Conduct@Example.org",
                "To: conduct@example.org, The Committee <CONDUCT@EXAMPLE.ORG>", "Cc: conduct@example.org"])[1] == [ALIAS]
    assert env([f"Delivered-To: {LIVE}", f"To: {LIVE.upper()}", f"Cc: {ALIAS}, {LIVE}"])[1] == [LIVE]
    assert env(["Delivered-To: mailbox@provider.example", f"To: {ALIAS}, {LIVE.upper()}",
                f"Cc: {ALIAS}, {LIVE}"])[1] == [ALIAS, LIVE.upper()]


def test_a_dead_or_malformed_plus_address_falls_back_to_the_alias():
    assert env(["Delivered-To: conduct+expired@example.org"])[1] == [ALIAS]
    assert env(["To: conduct+" + "b" * 32 + "@example.org"])[1] == [ALIAS]
    assert env(["To: conductor+x@example.org", "Cc: conduct@example.net"])[1] == [ALIAS]
    assert env(["Delivered-To: conduct+expired@example.org", f"Cc: {LIVE}"])[1] == [LIVE]


def test_sender_is_the_return_path_else_from_and_a_null_path_stays_null():
    assert env(["Return-Path: <jane@example.net>", "From: Other <other@example.net>"])[0] == "jane@example.net"
    assert env(["Return-Path: <>", "From: MAILER-DAEMON <mailer-daemon@example.net>"])[0] == ""
    assert env(["From: Jane <jane@example.net>"])[0] == "jane@example.net"
    assert env(["Return-Path: <bad address@x>", "From: a@example.net, b@example.net"])[0] == ""
    # A Google Group in front of the mailbox: the envelope sender is the group's bounce address.
    assert env(["Return-Path: <conduct+bncBCX3@example.org>", "From: Jane <jane@example.net>"])[0] == \
        "jane@example.net"
