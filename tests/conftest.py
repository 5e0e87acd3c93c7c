"""Test-wide settings: no test writes into the user's own progress database, profile or sound card."""

from __future__ import annotations

import os

import pytest

# The product reads lines with rules + the learned head (SIMULATOR_EMBEDDINGS=auto). Most tests pin the
# rules alone: they are exact, fast (no 30 ms embedding per line) and what the golden totals are based on.
# Tests of the product as shipped (tests/test_understanding_with_head.py) set auto themselves;
# SIMULATOR_TEST_EMBEDDINGS=auto runs the whole suite with the head.
os.environ["SIMULATOR_EMBEDDINGS"] = os.environ.get("SIMULATOR_TEST_EMBEDDINGS", "none")


@pytest.fixture(autouse=True, scope="session")
def _private_database(tmp_path_factory: pytest.TempPathFactory) -> None:
    os.environ["SIMULATOR_DB"] = f"sqlite:///{tmp_path_factory.mktemp('db') / 'tests.db'}"
    os.environ["SIMULATOR_CONFIG_DIR"] = str(tmp_path_factory.mktemp("config"))  # no test writes the user's profile
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
