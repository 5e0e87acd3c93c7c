"""Interface strings of the window and seminar mode: a thin view of the string catalogue.

``Texts(lang)(key, **values)`` is :meth:`simulator.strings.Strings.t`; the
window's older keys ``dim_<name>``, ``reason_<reason>``, ``customer`` and
``you`` are mapped onto the catalogue's ``dimension.*``, ``reason.*`` and
``speaker.*`` so every screen shows the same label as the reports.
"""

from __future__ import annotations

from simulator.strings import Strings, strings
from simulator.vocabulary import LANGUAGES, dimension_key, reason_key, speaker_key

LEGACY_KEYS = {"customer": speaker_key("customer"), "you": speaker_key("trainee")}
"""Old window keys that now live in a catalogue section."""


def catalogue_key(key: str) -> str:
    """The catalogue key for a (possibly older) window key."""
    if key.startswith("dim_"):
        return dimension_key(key[4:])
    if key.startswith("reason_"):
        return reason_key(key[7:])
    return LEGACY_KEYS.get(key, key)


class Texts:
    """The interface strings of one language; falls back to English, then to the key itself."""

    def __init__(self, lang: str) -> None:
        self.strings: Strings = strings(lang)
        """The catalogue behind these texts."""
        self.lang = self.strings.lang
        """The language shown (English when ``lang`` has no catalogue)."""

    def __call__(self, key: str, **values: object) -> str:
        found = catalogue_key(key)
        if not self.strings.has(found):
            return key  # as before: a missing key shows itself
        return self.strings.t(found, **values)

    def keys(self) -> set[str]:
        return set(self.strings.keys())


def languages() -> tuple[str, ...]:
    """Languages that have interface strings."""
    return LANGUAGES
