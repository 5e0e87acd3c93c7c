"""Test-wide settings: no test writes into the user's own progress database, profile or sound card."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_database(tmp_path_factory: pytest.TempPathFactory) -> None:
    os.environ["SIMULATOR_DB"] = f"sqlite:///{tmp_path_factory.mktemp('db') / 'tests.db'}"
    os.environ["SIMULATOR_CONFIG_DIR"] = str(tmp_path_factory.mktemp("config"))  # no test writes the user's profile
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
