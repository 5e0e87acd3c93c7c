"""The string catalogue: everything a trainee or trainer reads, one YAML file per language.

Layout: ``simulator/strings/<lang>.yaml`` for every language in
:data:`simulator.vocabulary.LANGUAGES`. Nested sections become dotted keys:

* top-level strings – interface words (``total``, ``call_ended``, ``keys_call`` …)
* ``dimension.<name>`` – the one label of each rubric dimension
* ``reason.<reason>`` – the one label of each outcome reason
* ``speaker.<speaker>`` – transcript speaker labels
* ``column.<name>`` – table headers of the debrief
* ``earns.<dimension>``, ``advice.<dimension>`` – the rubric card and each dimension's overall tip
* ``cue.<kind>`` – emotional cues named in evidence notes
* ``item.<kind>.note`` / ``item.<kind>.tip`` – one note and tip per kind of evidence

``strings(lang).t(key, **values)`` returns the text with ``{placeholders}``
filled by :meth:`str.format`; a key missing in ``lang`` comes from English,
a key missing everywhere comes back as itself (visible, never a crash). The
YAML is parsed on first use, not at import.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from simulator.vocabulary import FALLBACK_LANGUAGE, LANGUAGES, dimension_key, reason_key, speaker_key

__all__ = ["Strings", "flatten", "languages", "strings"]


class Strings:
    """The catalogue of one language (with English behind it)."""

    __slots__ = ("lang", "_own", "_fallback")

    def __init__(self, lang: str, own: dict[str, str], fallback: dict[str, str]) -> None:
        self.lang = lang
        """The language of the strings (English when the one asked for has no catalogue)."""
        self._own = own
        self._fallback = fallback

    def t(self, key: str, **values: object) -> str:
        """The text of ``key``, placeholders filled from ``values``."""
        text = self._own.get(key)
        if text is None:
            text = self._fallback.get(key, key)
        return text.format(**values) if values else text

    __call__ = t

    def has(self, key: str) -> bool:
        """True when ``key`` exists in this language or in the fallback."""
        return key in self._own or key in self._fallback

    def keys(self) -> frozenset[str]:
        """The keys this language defines itself."""
        return frozenset(self._own)

    # -- the closed vocabularies' labels -------------------------------------------------
    def dimension(self, name: str) -> str:
        """The one label of a rubric dimension."""
        return self.t(dimension_key(name))

    def reason(self, reason: str) -> str:
        """The one label of an outcome reason."""
        return self.t(reason_key(reason))

    def speaker(self, speaker: str) -> str:
        """Who spoke a transcript line."""
        return self.t(speaker_key(speaker))


def flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    """Nested mappings as one flat mapping with dotted keys."""
    out: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


@lru_cache(maxsize=None)
def _table(lang: str) -> dict[str, str]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = resources.files(__name__).joinpath(f"{lang}.yaml").read_text(encoding="utf-8")
    return flatten(yaml.load(raw, Loader=loader) or {})


@lru_cache(maxsize=None)
def strings(lang: str) -> Strings:
    """The catalogue of ``lang`` (English for a language without one); cached."""
    if lang not in LANGUAGES:
        lang = FALLBACK_LANGUAGE
    return Strings(lang, _table(lang), _table(FALLBACK_LANGUAGE))


def languages() -> tuple[str, ...]:
    """Languages with a catalogue."""
    return LANGUAGES
