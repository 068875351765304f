"""Where mailrouter finds the files an admin touches.

The configuration file, in this order: `--config`; `$MAILROUTER_CONFIG`; under systemd the
unit's ConfigurationDirectory= (`$CONFIGURATION_DIRECTORY/mailrouter.yaml`, no fallback:
a service never runs the example); `/etc/mailrouter/mailrouter.yaml`; else the bundled
example (the caller prints a notice). The state directory defaults to the unit's
StateDirectory= (`$STATE_DIRECTORY`), and secrets come from its LoadCredential=
(`$CREDENTIALS_DIRECTORY/NAME`), so no secret file needs to be readable by the service user.
"""

from pathlib import Path

CONFIG_NAME = "mailrouter.yaml"
ETC_CONFIG = Path("/etc/mailrouter") / CONFIG_NAME


def find_config(given, environ, etc_config=None):
    """Return (path, searched): the configuration to load, or None for the bundled example."""
    etc_config = Path(etc_config or ETC_CONFIG)
    if given:
        return Path(given), ["--config"]
    if environ.get("MAILROUTER_CONFIG"):
        return Path(environ["MAILROUTER_CONFIG"]), ["$MAILROUTER_CONFIG"]
    managed = systemd_dirs(environ, "CONFIGURATION_DIRECTORY")
    if managed:
        return managed[0] / CONFIG_NAME, ["$CONFIGURATION_DIRECTORY"]
    searched = ["--config", "$MAILROUTER_CONFIG", str(etc_config)]
    return (etc_config if etc_config.is_file() else None), searched


def systemd_dirs(environ, name):
    """The folders systemd passes in $STATE_DIRECTORY and the like (':'-separated)."""
    return [Path(part) for part in environ.get(name, "").split(":") if part]


def read_credential(node, environ):
    """The secret named by `node` from $CREDENTIALS_DIRECTORY (LoadCredential=NAME:PATH)."""
    name = node.text(required=True)
    if "/" in name or name in (".", ".."):
        raise node.error("a credential name (as in LoadCredential=NAME:PATH), not a path")
    folder = environ.get("CREDENTIALS_DIRECTORY")
    if not folder:
        raise node.error("$CREDENTIALS_DIRECTORY is not set: run mailrouter from its systemd "
                         f"unit with LoadCredential={name}:/path/to/secret")
    try:
        return (Path(folder) / name).read_text(encoding="utf-8").strip()
    except OSError as error:
        raise node.error(f"cannot read the credential {name} ({error.strerror})")


__all__ = ["CONFIG_NAME", "ETC_CONFIG", "find_config", "read_credential", "systemd_dirs"]
