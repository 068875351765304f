"""`away:` of a member in members.yaml: the day they are back, or `true` until the line goes.

`away: 2026-12-20` (or `away: {until: 2026-12-20}`) means away up to that day, back on it;
`away: true` means away until the admin removes the line. `false` or no key: not away.
"""

from datetime import date, datetime

EXPECTED = "expected a date (YYYY-MM-DD), {until: YYYY-MM-DD}, true or false"


def away_value(node):
    """None (not away), True (until edited) or the date they are back."""
    value = node.value
    if isinstance(value, dict):
        node.only_keys("until")
        node, value = node.get("until"), node.get("until").value
    if value is None or value is False:
        return None
    if value is True:
        return True
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise node.error(EXPECTED) from None


def is_away(setting, today):
    """Does this `away:` setting (or a #away record's `until`) keep the member away on `today`?"""
    if setting is None:
        return False
    return setting is True or today < setting

