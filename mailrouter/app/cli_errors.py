"""What the `mailrouter` command says instead of a traceback: the problem and what to do.

Every subcommand runs through `run_command`. A closed pipe (`mailrouter cases | head -1`)
ends quietly; a permission problem names the state directory's owner to run as; a missing
or damaged key, an unreadable entry or any other known error is one line on stderr.
Run as root against a state directory another user owns, a command that would write there
refuses before touching it: files it created would be root's, and the daemon could not
read them.
"""

import os
import pwd
import sys

from mailrouter.app.exits import EXIT_ERROR, EXIT_OK
from mailrouter.errors import ConfigError, MailrouterError

# The subcommands that open (and may create files in) the state directory.
STATE_COMMANDS = {"serve", "cases", "case", "tick", "queue", "purge", "sanctions"}
EXIT_INTERRUPTED = 130


def owner_of(path):
    """The name of the user owning `path`, or None if it cannot be seen."""
    try:
        uid = os.stat(path).st_uid
    except OSError:
        return None
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def root_refusal(config, command):
    """Why root must not run `command` on this state directory, or None."""
    if command not in STATE_COMMANDS or os.geteuid() != 0:
        return None
    try:
        uid = os.stat(config.state_dir).st_uid
    except OSError:
        return None
    if uid == 0:
        return None
    owner = owner_of(config.state_dir)
    return (f"{config.state_dir} belongs to the user {owner}; run as root, this command could leave "
            f"files there that {owner} cannot read. Run it as that user: "
            f"sudo -u {owner} mailrouter {command} ...")


def permission_advice(config, command, error):
    where = error.filename or config.state_dir
    owner = owner_of(config.state_dir) or "the user the daemon runs as (e.g. mailrouter)"
    return (f"mailrouter: permission denied: {where}. Run mailrouter as the owner of "
            f"{config.state_dir}: sudo -u {owner} mailrouter {command} ...")


def print_config_error(error):
    """One line per problem (check-config collects them all: settings/yaml_source.py)."""
    problems = getattr(error, "errors", None) or [error]
    if len(problems) == 1:
        print(f"mailrouter: invalid configuration: {problems[0]}", file=sys.stderr)
        return
    print(f"mailrouter: invalid configuration ({len(problems)} problems):", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)


def run_command(handler, config, args):
    """Run a subcommand's handler; return its exit code whatever happens."""
    refusal = root_refusal(config, args.command)
    if refusal:
        print(f"mailrouter: {refusal}", file=sys.stderr)
        return EXIT_ERROR
    try:
        code = handler(config, args)
        sys.stdout.flush()             # a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:            # the reader stopped reading (`| head -1`): not an error
        with open(os.devnull, "w") as devnull:     # so the exit's flush does not fail again
            os.dup2(devnull.fileno(), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except PermissionError as error:
        print(permission_advice(config, args.command, error), file=sys.stderr)
    except ConfigError as error:
        print_config_error(error)
    except MailrouterError as error:
        print(f"mailrouter: {error}", file=sys.stderr)
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        print(f"mailrouter: {error.strerror or error.__class__.__name__}{where}", file=sys.stderr)
    except Exception as error:         # a bug: still one line, and the name to report it by
        print(f"mailrouter: internal error ({error.__class__.__name__}: {error}); please report it",
              file=sys.stderr)
    return EXIT_ERROR
