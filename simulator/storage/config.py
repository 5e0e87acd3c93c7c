"""Where the store lives and which privacy settings exist.

The database URL comes from ``--db URL``, else the ``SIMULATOR_DB``
environment variable, else a SQLite file in the user's data directory
(``platformdirs.user_data_dir('simulator')/simulator.db``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV_VAR = "SIMULATOR_DB"
"""Environment variable naming the database URL."""
BUSY_TIMEOUT_MS = 30_000
"""How long a SQLite writer waits for another writer before giving up."""
MIN_GROUP_SIZE = 5
"""Default k of the privacy gate: an aggregate is shown to HR only when it rests on at least k distinct trainees."""


@dataclass(frozen=True, slots=True)
class PrivacySetting:
    """One privacy switch, stored in the ``settings`` table."""

    key: str
    """Name used by ``simulator privacy set KEY VALUE``."""
    default: str
    """Value when never set."""
    choices: tuple[str, ...]
    """Allowed values; empty: a whole number that may only be raised (min_group)."""
    help: str
    """What the switch does, one line."""


PRIVACY_SETTINGS: tuple[PrivacySetting, ...] = (
    PrivacySetting("hr_view", "aggregates", ("aggregates", "individual"),
                   "What HR reports show: cohort aggregates only (cohorts of at least 5) or per-pseudonym rows too."),
    PrivacySetting("min_group", str(MIN_GROUP_SIZE), (),
                   "k of the privacy gate: HR sees an aggregate only when it rests on at least k trainees (raise only)."),
    PrivacySetting("store_private", "false", ("true", "false"),
                   "Whether practice runs marked private are stored at all."),
    PrivacySetting("store_audio", "false", ("true", "false"),
                   "Whether call audio may be stored (never, unless switched on)."),
)
"""Every privacy switch, in display order."""

PRIVACY_DEFAULTS: dict[str, str] = {s.key: s.default for s in PRIVACY_SETTINGS}
"""Key -> default value."""


def default_url() -> str:
    """The embedded default: a SQLite file in the user's data directory."""
    from pathlib import Path

    import platformdirs

    folder = Path(platformdirs.user_data_dir("simulator"))
    return f"sqlite:///{folder / 'simulator.db'}"


def database_url(url: str | None = None) -> str:
    """The URL to use: the one given, else $SIMULATOR_DB, else the default SQLite file."""
    return url or os.environ.get(ENV_VAR) or default_url()


def redact(url: str) -> str:
    """The URL with any password replaced by '***' (for error messages)."""
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    if ":" in creds:
        creds = creds.split(":", 1)[0] + ":***"
    return f"{scheme}://{creds}@{host}"
