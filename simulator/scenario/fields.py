"""Generic field readers for the scenario builder: text, numbers, choices, lists of names.

Each reader takes a :class:`Located` node (or None when the key is absent),
returns a usable value (the default on a mistake) and records every mistake as
a :class:`~simulator.errors.Problem` with ``path:line:col``; nothing raises.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable

from simulator.analysis.acts import ACTS
from simulator.errors import Problem, SourceLocation
from simulator.scenario.model import EMPTY_PHRASES, EMPTY_TEXT, LANGUAGES, Phrases, Text
from simulator.scenario.safe_yaml import one_line
from simulator.scenario.source import Located


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' or ''."""
    word = str(word)
    if len(word) > 100:
        return ""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


class FieldReader:
    """Reads fields of one file and records problems; the scenario builder extends it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = LANGUAGES

    # -- reporting -------------------------------------------------------
    def error(self, where: Located | SourceLocation, message: str) -> None:
        loc = where.location if isinstance(where, Located) else where
        # one line per problem, whatever text the file held (ids and values are quoted into messages)
        self.problems.append(Problem(loc, one_line(message, 400)))

    # -- generic readers -------------------------------------------------
    def mapping(self, node: Located | None, what: str, known: tuple[str, ...], required: tuple[str, ...] = ()) -> dict[str, Located]:
        if node is None:
            return {}
        if not isinstance(node.value, dict):
            self.error(node, f"{what} must be a mapping of keys to values")
            return {}
        for key, child in node.value.items():
            if key not in known:
                self.error(child.key_location or child, f"unknown key '{one_line(key)}' in {what}{suggest(key, known)}")
        for key in required:
            if key not in node.value:
                self.error(node, f"{what} needs '{key}'")
        return node.value

    def items(self, node: Located | None, what: str) -> list[Located]:
        if node is None:
            return []
        if node.value is None:
            return []
        if not isinstance(node.value, list):
            self.error(node, f"{what} must be a list")
            return []
        return node.value

    def string(self, node: Located | None, what: str, default: str = "") -> str:
        if node is None:
            return default
        if isinstance(node.value, bool) or node.value is None or isinstance(node.value, (dict, list)):
            self.error(node, f"{what} must be text")
            return default
        return str(node.value)

    def number(self, node: Located | None, what: str, default: float, low: float | None = None, high: float | None = None) -> float:
        if node is None:
            return default
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(node, f"{what} must be a number, not '{one_line(value)}'")
            return default
        if not math.isfinite(value):
            self.error(node, f"{what} must be a finite number, not {value}")
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(node, f"{what} must be between {low:g} and {high:g}, not {value:g}")
            return default
        return float(value)

    def integer(self, node: Located | None, what: str, default: int, low: int = 0, high: int = 10_000) -> int:
        if node is None:
            return default
        if isinstance(node.value, bool) or not isinstance(node.value, int):
            self.error(node, f"{what} must be a whole number, not '{one_line(node.value)}'")
            return default
        if not low <= node.value <= high:
            self.error(node, f"{what} must be between {low} and {high}, not {node.value}")
            return default
        return node.value

    def flag(self, node: Located | None, what: str, default: bool) -> bool:
        if node is None:
            return default
        if not isinstance(node.value, bool):
            self.error(node, f"{what} must be true or false, not '{one_line(node.value)}'")
            return default
        return node.value

    def choice(self, node: Located | None, what: str, choices: tuple[str, ...], default: str) -> str:
        if node is None:
            return default
        value = self.string(node, what, default)
        if value not in choices:
            self.error(node, f"{what} must be one of {', '.join(choices)}, not '{one_line(value)}'{suggest(value, choices)}")
            return default
        return value

    def words(self, node: Located | None, what: str) -> list[tuple[str, Located]]:
        """A list of identifiers (or a single one)."""
        if node is None or node.value is None:
            return []
        nodes = node.value if isinstance(node.value, list) else [node]
        out = []
        for n in nodes:
            if isinstance(n.value, (dict, list)) or n.value is None:
                self.error(n, f"{what} must be a list of names")
                continue
            out.append((str(n.value), n))
        return out

    def acts(self, node: Located | None, what: str) -> tuple[str, ...]:
        out = []
        for name, n in self.words(node, what):
            if name not in ACTS:
                self.error(n, f"unknown act '{one_line(name)}'{suggest(name, ACTS)}")
            else:
                out.append(name)
        return tuple(out)

    def text(self, node: Located | None, what: str, required: bool = False) -> Text:
        """A text per language: {de: str | [str...], en: ...}."""
        if node is None:
            return EMPTY_TEXT
        if isinstance(node.value, str) or not isinstance(node.value, dict):
            self.error(node, f"{what} needs a text per language ({', '.join(self.languages)}), e.g. 'de: ...' and 'en: ...'")
            return EMPTY_TEXT
        variants: dict[str, tuple[str, ...]] = {}
        for lang, child in node.value.items():
            if lang not in LANGUAGES:
                self.error(child.key_location or child, f"unknown language '{one_line(lang)}' in {what}{suggest(lang, LANGUAGES)}")
                continue
            values = child.value if isinstance(child.value, list) else [child]
            texts = []
            for v in values:
                if isinstance(v.value, (dict, list)) or v.value is None or isinstance(v.value, bool):
                    self.error(v, f"{what} ({lang}) must be text")
                    continue
                s = str(v.value).strip()
                if not s:
                    self.error(v, f"{what} ({lang}) is empty")
                    continue
                texts.append(s)
            if texts:
                variants[lang] = tuple(texts)
        if required or variants:
            for lang in self.languages:
                if lang not in variants:
                    self.error(node, f"{what} has no '{lang}' text")
        return Text(variants, node.location)

    def phrases(self, node: Located | None, what: str) -> Phrases:
        if node is None:
            return EMPTY_PHRASES
        text = self.text(node, what)
        return Phrases(dict(text.variants), node.location)

