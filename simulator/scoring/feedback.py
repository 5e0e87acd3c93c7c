"""The words of the rubric and the debrief, per language, from ``data/tips.yaml``.

No language knowledge in Python: labels, what earns points, overall advice,
and one note + tip per kind of evidence are data. Loaded once per language.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from simulator.errors import UsageError


class Feedback:
    """Texts of one language."""

    def __init__(self, lang: str, data: dict) -> None:
        self.lang = lang
        self._data = data

    @staticmethod
    @lru_cache(maxsize=None)
    def for_language(lang: str) -> "Feedback":
        data = _all()
        if lang not in data:
            raise UsageError(f"no debrief texts for language '{lang}' (available: {', '.join(sorted(data))})")
        return Feedback(lang, data[lang])

    def label(self, dimension: str) -> str:
        return self._data["labels"].get(dimension, dimension)

    def earns(self, dimension: str) -> str:
        return self._data["earns"].get(dimension, "")

    def advice(self, dimension: str) -> str:
        return self._data["advice"].get(dimension, "")

    def cue(self, kind: str) -> str:
        return self._data["cues"].get(kind, kind)

    def reason(self, reason: str) -> str:
        return self._data["reasons"].get(reason, reason)

    def word(self, key: str) -> str:
        return self._data["words"].get(key, key)

    def level(self, level: str) -> str:
        return self._data["words"].get("levels", {}).get(level, level)

    def item(self, kind: str, **values) -> tuple[str, str]:
        """(note, tip) of one kind of evidence, with ``values`` filled in."""
        entry = self._data["items"][kind]
        return entry["note"].format(**values), entry["tip"].format(**values)

    def text(self, key: str) -> str:
        return self._data["items"].get(key, "")


@lru_cache(maxsize=1)
def _all() -> dict:
    raw = resources.files("simulator.scoring").joinpath("data", "tips.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(raw)
