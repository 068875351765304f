"""The daemon configuration: one loader, validated into frozen dataclasses.

`load_config(path)` is what `serve` and `check-config` both run. With no path it loads the
bundled example configuration (config/ in the repository), the embedded default.
Relative paths in a config file resolve against that file's folder; the state directory
and Maildir of the bundled example resolve against the working directory instead, since
the package folder may not be writable. Under systemd, an unset state directory is the
unit's StateDirectory= (settings/locations.py: lookup order, systemd folders, credentials).
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from mailrouter.settings import defaults
from mailrouter.settings.committee import Committee, load_committee
from mailrouter.settings.locations import systemd_dirs
from mailrouter.errors import ConfigError
from mailrouter.settings.mailbox import Intake, OAuth2, credentials, load_intake
from mailrouter.settings.policy import Policy, load_policy
from mailrouter.settings.yaml_source import Problems, load_yaml, parse_duration, parse_size

TOP_KEYS = ("alias", "committee_name", "admin", "listen", "outbound", "state_dir",
            "members_file", "conflicts_file", "limits", "log_level", "policy", "authserv_id",
            "attachments", "intake")


@dataclass(frozen=True)
class RetryPolicy:
    first: float = parse_duration(defaults.RETRY_FIRST)
    maximum: float = parse_duration(defaults.RETRY_MAX)
    give_up: float = parse_duration(defaults.RETRY_GIVE_UP)
    jitter: float = defaults.RETRY_JITTER


@dataclass(frozen=True)
class SMTPRelay:
    host: str
    port: int = defaults.OUTBOUND_SMTP_PORT
    security: str = defaults.OUTBOUND_SECURITY
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = parse_duration(defaults.OUTBOUND_TIMEOUT)
    oauth: OAuth2 | None = None         # auth: xoauth2 (submission at a hosted provider)


@dataclass(frozen=True)
class Outbound:
    method: str = defaults.OUTBOUND_METHOD          # "maildir" or "smtp"
    maildir: Path | None = None
    smtp: SMTPRelay | None = None
    concurrency: int = defaults.OUTBOUND_CONCURRENCY
    retry: RetryPolicy = RetryPolicy()


@dataclass(frozen=True)
class Limits:
    message_size: int = parse_size(defaults.MESSAGE_SIZE)
    recipients_per_transaction: int = defaults.RECIPIENTS_PER_TRANSACTION
    connections: int = defaults.CONNECTIONS
    connections_per_client: int = defaults.CONNECTIONS_PER_CLIENT
    concurrent_data: int = defaults.CONCURRENT_DATA
    command_call_limit: int = defaults.COMMAND_CALL_LIMIT
    data_timeout: float = parse_duration(defaults.DATA_TIMEOUT)
    idle_timeout: float = parse_duration(defaults.IDLE_TIMEOUT)
    session_lifetime: float = parse_duration(defaults.SESSION_LIFETIME)
    daily_acks_per_sender: int = defaults.DAILY_ACKS_PER_SENDER
    repeats_per_sender: int = defaults.REPEATS_PER_SENDER
    repeat_window: float = parse_duration(defaults.REPEAT_WINDOW)
    join_repeated_reports: bool = defaults.JOIN_REPEATED_REPORTS
    message_cpu_seconds: float = defaults.MESSAGE_CPU_SECONDS


@dataclass(frozen=True)
class Config:
    source: Path | None
    alias: str
    committee_name: str
    admin: str | None
    listen_host: str
    listen_port: int
    state_dir: Path
    members_file: Path
    conflicts_file: Path
    outbound: Outbound
    limits: Limits
    committee: Committee
    log_level: str = defaults.LOG_LEVEL
    policy: Policy = Policy()
    authserv_id: str | None = None      # A3: the front MTA's Authentication-Results id
    attachments: str = defaults.ATTACHMENTS   # what cannot be cleaned: "withhold" or "pass" (P6)
    intake: Intake = Intake()           # SMTP listener (default) or an IMAP mailbox

    @property
    def domain(self):
        return self.alias.rsplit("@", 1)[1].lower()


def bundled_config_path():
    """The example configuration shipped with the package (config/ in the repository)."""
    return Path(__file__).resolve().parents[1] / "example_config" / "mailrouter.yaml"


def load_config(path=None, environ=None):
    """Load and validate a configuration file and the committee files it names; every
    problem found is reported at once (ConfigErrors), each with file, line and key."""
    environ = os.environ if environ is None else environ
    bundled = path is None
    path = Path(path) if path else bundled_config_path()
    root = load_yaml(path).mapping()
    base = path.parent
    problems = Problems()
    take = problems.take
    take(lambda: root.only_keys(*TOP_KEYS))

    alias = take(lambda: root.get("alias").email(required=True))
    # The bundled example may live in a read-only package folder: its state and outgoing
    # mail go under the working directory instead.
    writable_base = Path.cwd() if bundled else base
    # Left out under systemd: the unit's StateDirectory=mailrouter mailrouter-outgoing.
    managed = [str(folder) for folder in systemd_dirs(environ, "STATE_DIRECTORY")]
    state_dir = take(lambda: _path(root.get("state_dir", (managed or [defaults.STATE_DIR])[0]), writable_base))
    members_file = take(lambda: _path(root.get("members_file", defaults.MEMBERS_FILE), base))
    conflicts_file = take(lambda: _path(root.get("conflicts_file", defaults.CONFLICTS_FILE), base))
    maildir_default = managed[1] if len(managed) > 1 else defaults.OUTBOUND_MAILDIR
    fields = _settings(root, take, lambda: _outbound(root.get("outbound"), writable_base, base, environ,
                                                     maildir_default))
    fields["committee"] = take(lambda: load_committee(members_file, conflicts_file, alias or "")) \
        if members_file and conflicts_file else None
    fields["intake"] = take(lambda: load_intake(root.get("intake"), base, environ))
    problems.check()
    return Config(source=path, alias=alias, state_dir=state_dir, members_file=members_file,
                  conflicts_file=conflicts_file, **fields)


def _settings(root, take, outbound):
    """The keys that stand alone, each checked on its own so every problem is reported."""
    listen = root.get("listen")
    take(lambda: listen.mapping().only_keys("host", "port"))
    return dict(
        committee_name=take(lambda: root.get("committee_name", defaults.COMMITTEE_NAME).text(required=True)),
        admin=take(lambda: root.get("admin").email()),
        listen_host=take(lambda: listen.get("host", defaults.LISTEN_HOST).text(required=True)),
        listen_port=take(lambda: _port(listen.get("port", defaults.LISTEN_PORT), allow_zero=True)),
        outbound=take(outbound),
        limits=take(lambda: _limits(root.get("limits"))),
        log_level=take(lambda: root.get("log_level", defaults.LOG_LEVEL).choice("DEBUG", "INFO", "WARNING",
                                                                                "ERROR")),
        policy=take(lambda: load_policy(root.get("policy"))),
        authserv_id=take(lambda: root.get("authserv_id").text()),
        attachments=take(lambda: root.get("attachments", defaults.ATTACHMENTS).choice("withhold", "pass")),
    )


def _outbound(node, writable_base, base, environ, maildir_default):
    node = node.mapping().only_keys("method", "maildir", "smtp", "concurrency", "retry")
    method = node.get("method", defaults.OUTBOUND_METHOD).choice("maildir", "smtp")
    smtp = None
    if method == "smtp":
        if not node.has("smtp"):
            raise node.get("smtp").error("is required when method is smtp")
        smtp = _smtp(node.get("smtp"), base, environ)
    return Outbound(
        method=method,
        maildir=_path(node.get("maildir", maildir_default), writable_base),
        smtp=smtp,
        concurrency=node.get("concurrency", defaults.OUTBOUND_CONCURRENCY).integer(minimum=1),
        retry=_retry(node.get("retry")),
    )


def _smtp(node, base, environ):
    node = node.mapping().only_keys("host", "port", "security", "username", "auth", "password_file",
                                    "password_env", "password_credential", "timeout", "token_endpoint",
                                    "client_id", "client_secret_file", "refresh_token_file")
    password, oauth = credentials(node, base, environ)
    return SMTPRelay(
        host=node.get("host").text(required=True),
        port=_port(node.get("port", defaults.OUTBOUND_SMTP_PORT)),
        security=node.get("security", defaults.OUTBOUND_SECURITY).choice("none", "starttls", "tls"),
        username=node.get("username").text(),
        password=password,
        timeout=node.get("timeout", defaults.OUTBOUND_TIMEOUT).duration(),
        oauth=oauth,
    )


def _retry(node):
    node = node.mapping().only_keys("first", "max", "give_up", "jitter")
    policy = RetryPolicy(
        first=node.get("first", defaults.RETRY_FIRST).duration(),
        maximum=node.get("max", defaults.RETRY_MAX).duration(),
        give_up=node.get("give_up", defaults.RETRY_GIVE_UP).duration(),
        jitter=node.get("jitter", defaults.RETRY_JITTER).number(0, 1),
    )
    if policy.maximum < policy.first:
        raise node.get("max").error("must not be shorter than retry.first")
    return policy


def _limits(node):
    node = node.mapping().only_keys(
        "message_size", "recipients_per_transaction", "connections", "connections_per_client",
        "concurrent_data", "command_call_limit", "data_timeout", "idle_timeout", "session_lifetime",
        "daily_acks_per_sender", "repeats_per_sender", "repeat_window", "join_repeated_reports",
        "message_cpu_seconds")
    return Limits(
        message_size=node.get("message_size", defaults.MESSAGE_SIZE).size(),
        recipients_per_transaction=node.get(
            "recipients_per_transaction", defaults.RECIPIENTS_PER_TRANSACTION).integer(minimum=1),
        connections=node.get("connections", defaults.CONNECTIONS).integer(minimum=1),
        connections_per_client=node.get(
            "connections_per_client", defaults.CONNECTIONS_PER_CLIENT).integer(minimum=1),
        concurrent_data=node.get("concurrent_data", defaults.CONCURRENT_DATA).integer(minimum=1),
        command_call_limit=node.get("command_call_limit", defaults.COMMAND_CALL_LIMIT).integer(minimum=10),
        data_timeout=node.get("data_timeout", defaults.DATA_TIMEOUT).duration(),
        idle_timeout=node.get("idle_timeout", defaults.IDLE_TIMEOUT).duration(),
        session_lifetime=node.get("session_lifetime", defaults.SESSION_LIFETIME).duration(),
        daily_acks_per_sender=node.get(
            "daily_acks_per_sender", defaults.DAILY_ACKS_PER_SENDER).integer(minimum=1),
        repeats_per_sender=node.get("repeats_per_sender", defaults.REPEATS_PER_SENDER).integer(minimum=1),
        repeat_window=node.get("repeat_window", defaults.REPEAT_WINDOW).duration(),
        join_repeated_reports=node.get("join_repeated_reports", defaults.JOIN_REPEATED_REPORTS).boolean(),
        message_cpu_seconds=node.get("message_cpu_seconds", defaults.MESSAGE_CPU_SECONDS).number(minimum=0.1, maximum=3600),
    )


def _path(node, base):
    text = node.text(required=True)
    path = Path(text).expanduser()
    return path if path.is_absolute() else Path(base) / path


def _port(node, allow_zero=False):
    port = node.integer(minimum=0 if allow_zero else 1)
    if port > 65535:
        raise node.error("must be a TCP port (1-65535)")
    return port


__all__ = ["Config", "ConfigError", "Intake", "Limits", "Outbound", "RetryPolicy", "SMTPRelay",
           "bundled_config_path", "load_config"]
