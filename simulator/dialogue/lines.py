"""Lines any customer may say when her scenario has none of its own (``dialogue/data/customer.yaml``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LINES_FILE = Path(__file__).with_name("data") / "customer.yaml"


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, tuple[str, ...]]]:
    data = yaml.safe_load(LINES_FILE.read_text(encoding="utf-8")) or {}
    return {key: {lang: tuple(v) for lang, v in per_lang.items()} for key, per_lang in data.items()}


def customer_lines(lang: str, key: str) -> tuple[str, ...]:
    """The general lines for ``key`` in ``lang`` (English when the language has none)."""
    per_lang = _table().get(key, {})
    return per_lang.get(lang) or per_lang.get("en", ())
