"""The words of the rubric and the evidence notes, per language: a thin view of the string catalogue.

No language knowledge in Python: labels, what earns points, overall advice,
and one note + tip per kind of evidence live in ``simulator/strings/<lang>.yaml``
(sections ``dimension``, ``earns``, ``advice``, ``cue``, ``item``, ``reason``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from simulator.errors import UsageError
from simulator.strings import Strings, strings
from simulator.vocabulary import LANGUAGES


class ItemText(NamedTuple):
    """The words of one evidence item."""

    note: str
    """What happened."""
    tip: str
    """What to do."""
    kind: str
    """The catalogue key ``item.<kind>`` they came from."""


class Feedback:
    """Rubric and evidence texts of one language."""

    def __init__(self, lang: str, catalogue: Strings) -> None:
        self.lang = lang
        """The language of the notes and tips."""
        self.strings = catalogue
        """The catalogue behind these texts."""

    @staticmethod
    @lru_cache(maxsize=None)
    def for_language(lang: str) -> "Feedback":
        if lang not in LANGUAGES:
            raise UsageError(f"no debrief texts for language '{lang}' (available: {', '.join(LANGUAGES)})")
        return Feedback(lang, strings(lang))

    def label(self, dimension: str) -> str:
        return self.strings.dimension(dimension)

    def earns(self, dimension: str) -> str:
        return self.strings.t(f"earns.{dimension}")

    def advice(self, dimension: str) -> str:
        return self.strings.t(f"advice.{dimension}")

    def cue(self, kind: str) -> str:
        return self.strings.t(f"cue.{kind}")

    def reason(self, reason: str) -> str:
        return self.strings.reason(reason)

    def item(self, kind: str, **values) -> ItemText:
        """(note, tip, kind) of one kind of evidence, with ``values`` filled in."""
        return ItemText(self.strings.t(f"item.{kind}.note", **values), self.strings.t(f"item.{kind}.tip", **values), kind)

    def text(self, key: str) -> str:
        """A scalar of the ``item`` section (e.g. ``essential_mark``)."""
        return self.strings.t(f"item.{key}")
