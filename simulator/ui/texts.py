"""Interface strings of the window and seminar mode (German and English), read from ``data/texts.yaml``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TEXTS_FILE = Path(__file__).with_name("data") / "texts.yaml"
"""Where the interface strings live."""


@lru_cache(maxsize=None)
def _table() -> dict[str, dict[str, str]]:
    import yaml

    with open(TEXTS_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


class Texts:
    """The interface strings of one language; falls back to English, then to the key itself."""

    def __init__(self, lang: str) -> None:
        table = _table()
        self.lang = lang if lang in table else "en"
        self._own = table[self.lang]
        self._fallback = table["en"]

    def __call__(self, key: str, **values: object) -> str:
        text = self._own.get(key) or self._fallback.get(key) or key
        return text.format(**values) if values else text

    def keys(self) -> set[str]:
        return set(self._own)


def languages() -> tuple[str, ...]:
    """Languages that have interface strings."""
    return tuple(_table())
