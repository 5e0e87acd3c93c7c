"""Settings read from the environment, shared by the CLI and the user interfaces.

Cheap to import (only :mod:`os`), so any layer may use it without pulling in
the command line.
"""

from __future__ import annotations

import os


def default_language() -> str:
    """SIMULATOR_LANG, else German for a German locale, else English."""
    env = os.environ.get("SIMULATOR_LANG", "")
    if env:
        return env
    loc = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "de" if loc.lower().startswith("de") else "en"
