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


# -- the trainee's profile -------------------------------------------------------
PROFILE_FILE = "profile.json"
"""The profile's file name in the user config folder (``SIMULATOR_CONFIG_DIR`` overrides the folder)."""


def config_dir() -> str:
    """SIMULATOR_CONFIG_DIR, else the user config folder for 'simulator' (platformdirs)."""
    env = os.environ.get("SIMULATOR_CONFIG_DIR", "")
    if env:
        return env
    import platformdirs  # only when a profile is read or written

    return platformdirs.user_config_dir("simulator", appauthor=False)


def profile_path() -> str:
    return os.path.join(config_dir(), PROFILE_FILE)


def load_profile() -> str | None:
    """The trainee name saved in the profile, or None (no profile yet, or unreadable)."""
    import json

    try:
        with open(profile_path(), encoding="utf-8") as fh:
            name = json.load(fh).get("trainee")
    except (OSError, ValueError, AttributeError):
        return None
    name = " ".join(str(name).split()) if name else ""
    return name or None


def save_profile(name: str) -> bool:
    """Remember ``name`` as this user's trainee name; False when the folder cannot be written (nothing raised)."""
    import json

    try:
        os.makedirs(config_dir(), exist_ok=True)
        with open(profile_path(), "w", encoding="utf-8") as fh:
            json.dump({"trainee": name}, fh, ensure_ascii=False)
        return True
    except OSError:
        return False


def os_user() -> str:
    """The operating system's name for the user ('' when it has none)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):  # no passwd entry, no USER/LOGNAME
        return ""


def profile_trainee(ask=None) -> str | None:
    """The trainee's name for storing calls: the saved profile; else asked once (``ask(default) -> str``) or the
    OS user name, and saved. None when there is no name at all (the call is then stored anonymously)."""
    name = load_profile()
    if name:
        return name
    default = os_user()
    if ask is not None:
        answer = " ".join((ask(default) or "").split())
        name = answer or default
    else:
        name = default
    if name:
        save_profile(name)
    return name or None
