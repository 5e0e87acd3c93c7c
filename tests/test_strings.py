"""The string catalogue and the vocabulary: one file per language, same keys, one label everywhere."""

from __future__ import annotations

import string
import subprocess
import sys

import pytest

from simulator.strings import _table, strings
from simulator.ui.texts import Texts
from simulator.vocabulary import DIMENSIONS, LANGUAGES, REASONS, SPEAKERS, dimension_key, reason_key, speaker_key


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_the_same_keys():
    keys = {lang: set(_table(lang)) for lang in LANGUAGES}
    for lang in LANGUAGES:
        assert keys[lang] == keys["en"], f"{lang}: missing {keys['en'] - keys[lang]}, extra {keys[lang] - keys['en']}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match_english(lang: str):
    en, own = _table("en"), _table(lang)
    for key, text in own.items():
        assert _fields(text) == _fields(en[key]), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_vocabulary_word_has_a_label(lang: str):
    table = _table(lang)
    wanted = [dimension_key(d) for d in DIMENSIONS] + [reason_key(r) for r in REASONS] + [speaker_key(s) for s in SPEAKERS]
    wanted += [f"earns.{d}" for d in DIMENSIONS] + [f"advice.{d}" for d in DIMENSIONS]
    assert [k for k in wanted if not table.get(k)] == []


def test_missing_key_falls_back_to_english_then_to_the_key(monkeypatch):
    de = strings("de")
    monkeypatch.setattr(de, "_own", {k: v for k, v in de._own.items() if k != "total"})
    assert de.t("total") == "Total"
    assert de.t("no.such.key") == "no.such.key"
    assert strings("fr").lang == "en" and strings("fr").t("total") == "Total"


def test_values_are_filled_in():
    assert strings("de").t("call_ended", reason="gelöst") == "Gespräch beendet: gelöst"


def test_window_texts_read_the_catalogue_with_their_old_keys():
    for lang in LANGUAGES:
        t, s = Texts(lang), strings(lang)
        for d in DIMENSIONS:
            assert t(f"dim_{d}") == s.dimension(d)
        for r in REASONS:
            assert t(f"reason_{r}") == s.reason(r)
        assert t("you") == s.speaker("trainee") and t("customer") == s.speaker("customer")
        assert t("dim_nonsense") == "dim_nonsense"


def test_vocabulary_import_is_cheap():
    code = "import sys, simulator.vocabulary, simulator.strings; print(sorted(m for m in ('yaml', 'rich', 'jinja2') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
