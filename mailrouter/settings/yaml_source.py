"""Reading hand-edited YAML so that every error names the file, the line and the key path.

`load_yaml(path)` returns a `Node`; a Node knows where it came from, and its typed
accessors (`.text()`, `.email()`, `.duration()`, …) raise `ConfigError` pointing there.
"""

import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from mailrouter.errors import ConfigError, ConfigErrors

EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
SIZE_RE = re.compile(r"^\s*(\d+)\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*$", re.IGNORECASE)
SIZE_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3,
              "kib": 1024, "mib": 1024**2, "gib": 1024**3}


def load_yaml(path, text=None, name=None):
    """Parse a YAML file (or `text` shown as `name`) into a Node at its root."""
    path = Path(path)
    label = name or path.name
    try:
        if text is None:
            text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(label, None, None, f"cannot read ({error.strerror})")
    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise ConfigError(label, line, None, f"YAML syntax: {error.problem or error.context}")
    return Node(label, data, "", 1 if data is None else _line_of(data))


class Problems:
    """Collects ConfigErrors so that one reading reports every problem, not only the first."""

    def __init__(self):
        self.errors = []

    def take(self, make, default=None):
        """`make()`, or `default` with its ConfigError(s) recorded."""
        try:
            return make()
        except ConfigError as error:
            self.add(error)
            return default

    def add(self, error):
        for one in getattr(error, "errors", None) or [error]:
            if str(one) not in map(str, self.errors):
                self.errors.append(one)

    def check(self):
        """Raise what was found: the one ConfigError, or ConfigErrors listing them all."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ConfigErrors(self.errors)


def parse_duration(text):
    """`24h`, `7d`, `2w`, `90s`, `5m` → seconds (float)."""
    match = DURATION_RE.match(str(text))
    if not match:
        raise ValueError(f"not a duration like 30m, 24h, 7d or 2w: {text!r}")
    return float(match.group(1)) * DURATION_UNITS[match.group(2)]


def parse_size(text):
    """`25MB`, `512KiB`, `1048576` → bytes (int)."""
    match = SIZE_RE.match(str(text))
    if not match:
        raise ValueError(f"not a size like 25MB: {text!r}")
    return int(match.group(1)) * SIZE_UNITS[(match.group(2) or "b").lower()]


def is_email(text):
    return isinstance(text, str) and bool(EMAIL_RE.match(text)) and len(text) <= 254


class Node:
    """One value of a YAML document, with the place it came from."""

    def __init__(self, file, value, path, line):
        self.file, self.value, self.path, self.line = file, value, path, line

    # -- navigation -------------------------------------------------------------
    def get(self, key, default=None):
        """The child `key` of a mapping, or a Node holding `default` if absent."""
        mapping = self.mapping()
        if key in mapping.value:
            return Node(self.file, mapping.value[key], self._child(key), _key_line(mapping.value, key))
        return Node(self.file, default, self._child(key), self.line)

    def has(self, key):
        return isinstance(self.value, dict) and key in self.value

    def items(self):
        """The children of a sequence, as Nodes."""
        if self.value is None:
            return []
        if not isinstance(self.value, list):
            raise self.error("expected a list")
        return [Node(self.file, item, f"{self.path}[{i}]", _item_line(self.value, i))
                for i, item in enumerate(self.value)]

    def pairs(self):
        """The (key, Node) pairs of a mapping."""
        mapping = self.mapping()
        return [(key, Node(self.file, value, self._child(key), _key_line(mapping.value, key)))
                for key, value in mapping.value.items()]

    def mapping(self):
        if self.value is None:
            return Node(self.file, {}, self.path, self.line)
        if not isinstance(self.value, dict):
            raise self.error("expected a mapping of keys to values")
        return self

    def only_keys(self, *allowed):
        """Refuse unknown keys, all of them: a misspelt key must not be silently ignored."""
        problems = Problems()
        for key, node in self.mapping().pairs():
            if key not in allowed:
                problems.add(node.error(f"unknown key (expected one of: {', '.join(allowed)})"))
        problems.check()
        return self

    # -- typed values -----------------------------------------------------------
    def text(self, required=False):
        if self.value is None:
            if required:
                raise self.error("is required")
            return None
        if isinstance(self.value, (dict, list)) or isinstance(self.value, bool):
            raise self.error("expected a text value")
        text = str(self.value).strip()
        if required and not text:
            raise self.error("must not be empty")
        return text

    def email(self, required=False):
        text = self.text(required)
        if text is None:
            return None
        if not is_email(text):
            raise self.error("not an email address")
        return text

    def integer(self, minimum=None):
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.error("expected a whole number")
        if minimum is not None and self.value < minimum:
            raise self.error(f"must be at least {minimum}")
        return self.value

    def number(self, minimum=None, maximum=None):
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            raise self.error("expected a number")
        if (minimum is not None and self.value < minimum) or (maximum is not None and self.value > maximum):
            raise self.error(f"must be between {minimum} and {maximum}")
        return float(self.value)

    def boolean(self):
        if not isinstance(self.value, bool):
            raise self.error("expected true or false")
        return self.value

    def choice(self, *options):
        text = self.text(required=True)
        if text not in options:
            raise self.error(f"must be one of: {', '.join(options)}")
        return text

    def duration(self):
        try:
            return parse_duration(self.value)
        except ValueError as error:
            raise self.error(str(error))

    def size(self):
        try:
            return parse_size(self.value)
        except ValueError as error:
            raise self.error(str(error))

    def text_list(self):
        """A list of strings; a single string is accepted as a list of one."""
        if isinstance(self.value, str):
            return [self.text(required=True)]
        return [item.text(required=True) for item in self.items()]

    def email_list(self):
        """A list of email addresses; a single address is accepted as a list of one."""
        if isinstance(self.value, str):
            return [self.email(required=True)]
        return [item.email(required=True) for item in self.items()]

    def error(self, problem):
        return ConfigError(self.file, self.line, self.path or None, problem)

    def _child(self, key):
        return f"{self.path}.{key}" if self.path else str(key)


def _line_of(value):
    if isinstance(value, (CommentedMap, CommentedSeq)) and value.lc.line is not None:
        return value.lc.line + 1
    return 1


def _key_line(mapping, key):
    if isinstance(mapping, CommentedMap):
        try:
            return mapping.lc.key(key)[0] + 1
        except (KeyError, TypeError):
            pass
    return _line_of(mapping)


def _item_line(seq, index):
    if isinstance(seq, CommentedSeq):
        try:
            return seq.lc.item(index)[0] + 1
        except (KeyError, TypeError, IndexError):
            pass
    return _line_of(seq)
