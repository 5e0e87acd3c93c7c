"""Language data for the courtesy rules (``scoring/data/courtesy.yaml``): introductions and proper closings."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).with_name("data") / "courtesy.yaml"


@lru_cache(maxsize=None)
def _patterns(kind: str, lang: str) -> re.Pattern[str] | None:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")) or {}
    found = (data.get(kind) or {}).get(lang) or (data.get(kind) or {}).get("en") or []
    return re.compile("|".join(f"(?:{p})" for p in found), re.IGNORECASE) if found else None


def introduces(text: str, lang: str) -> bool:
    """The line names the agent, the team or the company (a greeting that is an introduction)."""
    pattern = _patterns("introduction", lang)
    return bool(pattern and pattern.search(text or ""))


def closes_properly(text: str, lang: str) -> bool:
    """The line is more than a bare goodbye: it offers more help, thanks, or wishes well."""
    pattern = _patterns("proper_closing", lang)
    return bool(pattern and pattern.search(text or ""))
