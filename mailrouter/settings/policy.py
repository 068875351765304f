"""The committee's procedure: routing, decisions and every clock.

`policy:` in mailrouter.yaml is a preset's name (`policy: numpy`), a preset with
overrides (`policy: {preset: numpy, deadlock: 10d}`), or a whole inline policy.
Presets live in config/policies/NAME.yaml, each value commented with where it comes from
in the community's document. Durations are written as people write them (`24h`, `7d`,
`2w`); `null` turns a clock off.
"""

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mailrouter.errors import ConfigError
from mailrouter.settings.yaml_source import load_yaml, parse_duration

ROUTINGS = ("direct", "triage")
DECISION_RULES = ("consensus", "two-thirds")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DURATIONS = ("acknowledge", "followup", "followup_nudge", "resolution_target", "resolution_nudge",
             "deadlock", "unilateral_report", "appeal_window", "mediation", "onboarding_reminder")
DURATIONS += ("review",)        # a review the reported person asked for is due (issue 14)
RETENTION_KEEPS = ("summary", "nothing")
OUTCOME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# Retention is written in the months and years people keep records for; a month counts
# 30 days and a year 365 (a purge a day or two early or late is of no consequence).
LONG_UNITS = {"month": 30 * 86400, "months": 30 * 86400, "year": 365 * 86400, "years": 365 * 86400}
LONG_RE = re.compile(r"^\s*(\d+)\s*([a-z]+)\s*$")
ONBOARDING_HISTORIES = ("summary", "full")


@dataclass(frozen=True)
class Digest:
    day: str = "monday"
    time: str = "09:00"


@dataclass(frozen=True)
class Policy:
    name: str = "default"
    routing: str = "direct"
    decision_rule: str = "consensus"
    quorum: float = 1.0
    acknowledge: float | None = parse_duration("24h")        # the acknowledgement must be out by then
    followup: float | None = parse_duration("1w")            # first word to the reporter (#to-reporter)
    followup_nudge: float | None = parse_duration("1d")      # members nudged this long before
    resolution_target: float | None = parse_duration("2w")
    resolution_nudge: float | None = parse_duration("1d")
    deadlock: float | None = parse_duration("1w")            # an undecided proposal is escalated
    unilateral_report: float | None = parse_duration("24h")  # #acted must be #confirm-ed by then
    appeal_window: float | None = parse_duration("30d")
    review: float | None = parse_duration("2w")              # the reported person's #review is due (members reminded)
    mediation: float | None = parse_duration("2w")           # told to the reporter in status mails
    digest: Digest | None = field(default_factory=Digest)
    timezone: str = "UTC"
    escalation_includes_report: bool = False
    onboarding_history: str = "summary"     # a joining member's case message: the discussion as counts, or in full
    onboarding_reminder: float | None = parse_duration("3d")   # a newcomer who has not answered is reminded
    # After Django's expunge dates: (outcome, seconds after closing or None: kept for ever).
    retention: tuple = ()
    retention_keeps: str = "summary"        # what of a purged case stays: summary or nothing

    def retention_of(self, outcome):
        """Seconds a case with this outcome is kept after closing; None: for ever (or no rule)."""
        return dict(self.retention).get(outcome)
    min_readers: int = 2        # below it, reserves and then the escalation body read the case (casework/interim)
    # Sanctions and clear and severe breaches (issue 14): whole days and hours, as named; None: off.
    sanction_review_days_before: int | None = 7     # members reminded this long before a sanction ends
    sanction_review_every_days: int | None = None   # a permanent ban reviewed this often
    severe_confirm_hours: int | None = 24           # #severe must be #confirm-ed by then, as #acted
    severe_ack: str | None = None                   # told to the reporter on #severe; None: nothing
    moderators_respond_days: int | None = 7   # moderators' answer to #to-moderators: nudged before, members told after
    # The reporter's say and the council's report (NumPy, Jupyter; commands/consultation.py, casework/council.py)
    consult_reporter: bool = False             # #enact waits for #consult (the proposed resolution to the reporter)
    report_to_council: bool = False            # closing an enacted case reports to the escalation contacts
    council_report_includes_text: bool = False  # that report carries the scrubbed report text

    @property
    def zone(self):
        return ZoneInfo(self.timezone)


def presets_dir():
    return Path(__file__).resolve().parents[1] / "example_config" / "policies"


def preset_names():
    return sorted(p.stem for p in presets_dir().glob("*.yaml"))


def load_policy(node):
    """The policy named or written under `policy:` (a Node); errors name file, line, key."""
    if node.value is None:
        return Policy()
    if isinstance(node.value, str):
        return _preset(node)
    node.mapping()
    base = _preset(node.get("preset")) if node.has("preset") else Policy()
    return _apply(node, base, allow_preset=True)


def _preset(node):
    name = node.text(required=True)
    if name not in preset_names():
        raise node.error(f"no such policy preset (there are: {', '.join(preset_names())})")
    preset = load_yaml(presets_dir() / f"{name}.yaml", name=f"policies/{name}.yaml")
    return _apply(preset, Policy(name=name), allow_preset=False)


def _apply(node, base, allow_preset):
    allowed = [f.name for f in fields(Policy) if f.name != "name"] + (["preset"] if allow_preset else [])
    node.only_keys(*allowed)
    changes = {}
    for key, child in node.pairs():
        if key == "preset":
            continue
        if key in DURATIONS:
            changes[key] = None if child.value is None else child.duration()
        elif key == "routing":
            changes[key] = child.choice(*ROUTINGS)
        elif key == "decision_rule":
            changes[key] = child.choice(*DECISION_RULES)
        elif key == "quorum":
            changes[key] = child.number(0.01, 1)
        elif key == "onboarding_history":
            changes[key] = child.choice(*ONBOARDING_HISTORIES)
        elif key == "min_readers":
            changes[key] = child.integer(1)
        elif key in SEVERE_AND_SANCTION_KEYS:
            changes[key] = _severe_or_sanction(key, child)
        elif key == "moderators_respond_days":
            changes[key] = None if child.value is None else child.integer(1)
        elif key == "escalation_includes_report":
            changes[key] = child.boolean()
        elif key in ("consult_reporter", "report_to_council", "council_report_includes_text"):
            changes[key] = child.boolean()
        elif key == "timezone":
            changes[key] = _timezone(child)
        elif key == "digest":
            changes[key] = _digest(child)
        elif key == "retention":
            changes[key] = _retention(child)
        elif key == "retention_keeps":
            changes[key] = child.choice(*RETENTION_KEEPS)
    return Policy(**{**base.__dict__, **changes})


SEVERE_AND_SANCTION_KEYS = {"sanction_review_days_before": 1, "sanction_review_every_days": 1,
                            "severe_confirm_hours": 1, "severe_ack": None}


def _severe_or_sanction(key, node):
    """A whole number (at least 1) of the unit the key names, or the severe_ack text; null: off."""
    if node.value is None:
        return None
    if key == "severe_ack":
        return node.text(required=True)
    return node.integer(SEVERE_AND_SANCTION_KEYS[key])


def _timezone(node):
    name = node.text(required=True)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise node.error("not a time zone name like Europe/Berlin or UTC")
    return name


def _digest(node):
    if node.value is None:
        return None
    node.mapping().only_keys("day", "time")
    day = node.get("day", "monday").choice(*WEEKDAYS)
    time = node.get("time", "09:00").text(required=True)
    hours, _, minutes = time.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        raise node.get("time").error("a time like 09:00")
    return Digest(day, f"{int(hours):02d}:{int(minutes):02d}")


def _retention(node):
    """`{no_violation: 6 months, warning: 12 months, ban: null}`: outcome -> how long."""
    kept = []
    for outcome, child in node.mapping().pairs():
        if not OUTCOME_RE.match(str(outcome)):
            raise child.error("an outcome is a lower-case word like no_violation or warning")
        kept.append((str(outcome), None if child.value is None else _long_duration(child)))
    return tuple(kept)


def _long_duration(node):
    match = LONG_RE.match(str(node.value))
    if match and match.group(2) in LONG_UNITS:
        return float(match.group(1)) * LONG_UNITS[match.group(2)]
    try:
        return node.duration()
    except ConfigError:
        raise node.error(f"not a time like 6 months, 1 year or 90d (null: kept for ever): {node.value!r}")
