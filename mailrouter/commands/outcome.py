"""#outcome: the category a case closed with, which decides how long it is kept.

The policy's `retention:` names the outcomes (`no_violation`, `warning`, `ban` …) and how
long after closing each case keeps its reporter's identity (deadlines/retention.py).
"""

from mailrouter.commands.reply import CommandError, Reply, command, required
from mailrouter.settings.policy import OUTCOME_RE


@command("outcome", "NAME", "the outcome, for how long the case is kept (e.g. no_violation, warning, ban)")
def set_outcome(reply: Reply, arg: str) -> str:
    name = required(arg, "#outcome needs the outcome's name").strip().lower().replace("-", "_")
    known = [outcome for outcome, _ in reply.ctx.config.policy.retention]
    if (known and name not in known) or not OUTCOME_RE.match(name):
        raise CommandError(f"the outcome must be one of: {', '.join(known) or 'a single word'}")
    reply.ctx.store.update(reply.code, {"outcome": name})
    kept = reply.ctx.config.policy.retention_of(name)
    how_long = "kept for ever" if kept is None else f"the reporter's identity is kept {kept / 86400:.0f} days after closing"
    return f"outcome recorded: {name} ({how_long})"
