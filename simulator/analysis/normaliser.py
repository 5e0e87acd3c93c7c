"""Turns raw text into folded word tokens with spans back into the original.

Folding: lower case, ``ä→ae ö→oe ü→ue ß→ss``, other accents stripped,
typographic apostrophes made plain. Punctuation is dropped, but clause
boundaries are remembered as marker items (``.`` ``?`` ``,``) so that patterns
can use them when the text has punctuation, without relying on them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 2000
"""Only this many leading characters of a line are analysed (longer lines are cut)."""

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "’": "'", "‘": "'", "`": "'", "´": "'"})
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP = re.compile(r"[.;:!\n\r…]")
_CLEAN = re.compile(r"[^\w']|_")


_QUOTED = re.compile(r"[‚„“\"«»](?:[^‚„“”‘\"«»]){1,200}[‘“”\"«»]|(?<!\w)'[^']{1,200}'(?!\w)")


def without_quotes(line: str) -> str:
    """*line* without what it quotes: the words of a note the trainee dictates ("write 'Mr Yilmaz may change my e-mail
    settings' on a note") are not how he asks her to do something, and a quoted word ("I'd rather not give you a
    'probably'") is hers, not his guess. The one home of the quote pattern (the dialogue and the scoring read it)."""
    return _QUOTED.sub(" ", line or "")


@dataclass(frozen=True, slots=True)
class Item:
    """One word or clause-boundary marker of a normalised line."""

    norm: str
    """Folded form: a lower-case word, or one of ``.`` ``?`` ``,`` for a boundary."""
    start: int
    """Start offset in the original text."""
    end: int
    """End offset (exclusive) in the original text."""
    is_word: bool
    """True for words, False for boundary markers."""


def fold(text: str) -> str:
    """Lower-case and fold umlauts and accents (``Ärger`` → ``aerger``)."""
    folded = text.lower().translate(_FOLD)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _boundary(gap: str, prev_end: int, gap_start: int) -> tuple[str, int] | None:
    """The boundary marker a gap between two words stands for, with its offset."""
    if not gap or gap.isspace():
        return None
    if "?" in gap:
        return "?", gap_start + gap.index("?")
    stop = _STOP.search(gap)
    if stop:
        # "d.h." / "16.30" / "1.2.3.4": a dot glued between words is no sentence end.
        if gap == "." and prev_end >= 0:
            return None
        return ".", gap_start + stop.start()
    if "," in gap:
        return ",", gap_start + gap.index(",")
    return None


def items(text: str) -> list[Item]:
    """Words and boundary markers of *text* (at most :data:`MAX_CHARS` characters are read)."""
    text = text[:MAX_CHARS]
    out: list[Item] = []
    prev_end = -1
    for match in _WORD.finditer(text):
        start, end = match.span()
        gap_start = prev_end if prev_end >= 0 else 0
        mark = _boundary(text[gap_start:start], prev_end, gap_start)
        if mark and out:
            out.append(Item(mark[0], mark[1], mark[1] + 1, False))
        word = _CLEAN.sub("", fold(match.group()))
        if word:
            out.append(Item(word, start, end, True))
        prev_end = end
    tail = text[prev_end:] if prev_end >= 0 else ""
    if out and "?" in tail:
        at = prev_end + tail.index("?")
        out.append(Item("?", at, at + 1, False))
    return out
