"""The fair WER of bench/voice.py --only voices: numbers, hyphens and compound spacing count the same for
every voice (docs/voice.md, "Customer voices per persona")."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("bench_voice", Path(__file__).parent.parent / "bench" / "voice.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.mark.parametrize("text,words", [
    ("Null eins sieben zwei, fünf fünf drei vier, acht neun.", ["0172553489"]),
    ("Die 0172 5534 89.", ["die", "0172553489"]),
    ("die 5.1 haben", ["die", "51", "haben"]),
    ("die fünf Punkt eins haben", ["die", "51", "haben"]),
    ("DNS-Cache geleert", ["dns", "cache", "geleert"]),
    ("einundzwanzig", ["21"]), ("dreizehn", ["13"]), ("zweihundertdrei", ["203"]), ("siebzehn", ["17"]),
    ("ein Drucker, eine Frage", ["ein", "drucker", "eine", "frage"]),  # articles stay words
    ("Genau.", ["genau"]),
])
def test_fair_words(text, words) -> None:
    assert bench.fair_words(text) == words


def test_number_spelling_and_grouping_are_no_errors() -> None:
    assert bench.fair_errors("Null eins sieben zwei, fünf fünf drei vier, acht neun.", "0172 553489") == (0.0, 1)
    spoken = "die null eins sieben zwei fünf fünf drei vier acht neun"
    assert bench.fair_errors("Die 0172 5534 89.", spoken) == (0.0, 2)
    assert bench.fair_errors("Nummer ist die 0341 22 87 14.", "nummer ist die 0341 228714") == (0.0, 4)


def test_compound_spacing_is_joined_both_ways_but_wrong_words_still_count() -> None:
    assert bench.fair_errors("Okay, Kurzfassung: Tunnel steht", "okay kurz fassung tunnel steht") == (0.0, 4)
    assert bench.fair_errors("durch die Liefer Scheine", "durch die lieferscheine") == (0.0, 4)
    assert bench.fair_errors("Okay, Kurzfassung: Tunnel steht", "okay kurz versungen tunnel steht") == (2.0, 4)


def test_a_one_word_line_weighs_one_word() -> None:
    assert bench.fair_errors("Genau.", "und dann") == (2.0, 1)
    assert bench.fair_errors("Genau.", "genau") == (0.0, 1)
