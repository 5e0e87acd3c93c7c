"""Pronunciation: the written form of a customer line turned into what a speaker says, before synthesis.

espeak-ng's text front end (which every MBROLA voice goes through) reads "DNS-Server" as "dennis ...", "Cache"
the German way and garbles "nslookup", "ipconfig" and phone numbers. :func:`speakable` rewrites such forms
with the per-language table in ``data/pronunciation.yaml`` (acronyms spelled the way a German or English
speaker names the letters, loan words spelled for espeak-ng's German rules, commands, phone numbers digit
by digit). Only what is spoken changes: the text shown on screen, stored in the
transcript or scored is never rewritten. :func:`applies` says for which engines (measured per engine,
docs/voice.md "Pronunciation"): German MBROLA and espeak-ng, not Pico, hibari or Piper (their own text rules
read acronyms better than the spelled form), and no English engine.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "pronunciation.yaml"

_JOIN_BEFORE, _JOIN_AFTER = r"(?:(?<=\w)(-))?(?<!\w)", r"(?:(-)(?=\w)|(?!\w))"
"""Around a rewritten word: a hyphen joining it to the next or previous word (captured, to become a space)."""
_CAPS = re.compile(_JOIN_BEFORE + r"([A-ZÄÖÜ]{2,5})" + _JOIN_AFTER)
"""An ALL-CAPS word of 2-5 letters (also inside a hyphenated word: "Split-DNS-Regel")."""
_PHONE = re.compile(r"(?<!\w)(?<!\d\.)0\d{2,}(?:[ /]\d{2,})*(?!\w|\.\d)")
"""A phone number: a run of digit groups separated by spaces or a slash, the first beginning with 0."""


@lru_cache(maxsize=None)
def _table(lang: str) -> dict[str, Any] | None:
    import yaml

    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    entry = data.get(lang)
    if not entry:
        return None
    words = {str(k): str(v) for k, v in (entry.get("words") or {}).items()}
    pattern = None
    if words:
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        pattern = re.compile(_JOIN_BEFORE + f"({alternatives})" + _JOIN_AFTER)
    return {
        "engines": set(entry.get("engines") or ()),
        "spell_caps": bool(entry.get("spell_caps")),
        "hyphens": bool(entry.get("hyphens")),
        "digits": [str(d) for d in entry.get("digits") or ()],
        "letters": {str(k): str(v) for k, v in (entry.get("letters") or {}).items()},
        "words": words,
        "pattern": pattern,
    }


def engine_kind(engine: str) -> str:
    """``mb-de6`` -> ``mbrola``; ``pico``, ``hibari``, ``piper`` as they are; an espeak-ng voice -> ``espeak``."""
    if engine.startswith("mb-"):
        return "mbrola"
    return engine if engine in ("pico", "hibari", "piper") else "espeak"


def applies(lang: str, engine: str) -> bool:
    """True when lines in ``lang`` spoken by ``engine`` (``mb-de6``, ``pico``, ``de+m3``...) are rewritten."""
    table = _table(lang)
    return table is not None and engine_kind(engine) in table["engines"]


def speakable(text: str, lang: str) -> str:
    """``text`` as it is said in ``lang``: phone numbers digit by digit, the words of the table, then
    (``spell_caps``) any other ALL-CAPS word of 2-5 letters spelled; (``hyphens``) a hyphen joining a rewritten
    word to its neighbour becomes a space ("DNS-Cache" -> "Deh Enn Ess Käsch"), other hyphens stay. The dot in "5.1" is left to espeak-ng, which says "fünf Punkt eins" itself. Unknown
    languages: unchanged."""
    table = _table(lang)
    if table is None:
        return text
    digits = table["digits"]
    if len(digits) == 10:
        text = _PHONE.sub(lambda m: ", ".join(" ".join(digits[int(d)] for d in group)
                                              for group in re.split(r"[ /]", m.group(0))), text)
    if table["pattern"] is not None:
        text = table["pattern"].sub(lambda m: _joined(m, table["words"][m.group(2)], table["hyphens"]), text)
    if table["spell_caps"] and table["letters"]:
        letters = table["letters"]
        text = _CAPS.sub(lambda m: m.group(0) if m.group(2) in table["words"] else  # listed: already said
                         _joined(m, " ".join(letters.get(c, c) for c in m.group(2)), table["hyphens"]), text)
    return text


def _joined(match: re.Match, said: str, hyphens: bool) -> str:
    """``said`` for the matched word, with the hyphens that joined it to its neighbours: kept, or (``hyphens``)
    spaces, so espeak-ng does not run "Deh Enn Ess-Käsch" together."""
    before, after = match.group(1), match.group(3)
    sep = " " if hyphens and said != match.group(2) else "-"  # a word listed as itself stays as it is
    return (sep if before else "") + said + (sep if after else "")


def spoken(text: str, lang: str, engine: str, always: bool = False) -> str:
    """What ``engine`` is given to say for ``text``: :func:`speakable` where it :func:`applies` (or ``always``:
    to measure the other engines with it), else ``text``."""
    return speakable(text, lang) if always or applies(lang, engine) else text
