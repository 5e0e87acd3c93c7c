"""Property tests: the analyser never crashes and always returns sane results."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.analysis import ACTS, LANGUAGES, Analyser

languages = st.sampled_from(LANGUAGES)
garbage = st.binary(max_size=400).map(lambda b: b.decode("utf-8", errors="replace"))
latin = st.binary(max_size=400).map(lambda b: b.decode("latin-1"))
control = st.text(alphabet=st.characters(max_codepoint=0x20), max_size=200)
emoji = st.text(alphabet=st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF), max_size=50)
words = st.lists(
    st.sampled_from(["sie", "bitte", "drucker", "?", ",", "ärger", "you", "restart", "mhm", "\x00", "🙂", "DNS", "morgen", "uhr", "16"]),
    max_size=60,
).map(" ".join)
texts = st.one_of(st.text(), garbage, latin, control, emoji, words)


def check(lang: str, text: str) -> None:
    result = Analyser.for_language(lang).analyse(text)
    assert result.text == text
    assert set(result.acts) <= set(ACTS)
    assert len(result.acts) == len(set(result.acts))
    assert len(result.evidence) == len(result.acts)
    for evidence in result.evidence:
        assert 0 <= evidence.start <= evidence.end <= len(text)
        assert evidence.text == text[evidence.start : evidence.end]
    assert isinstance(result.is_noise, bool)
    assert result.word_count == len(result.tokens)


@settings(max_examples=300, deadline=None)
@given(languages, texts)
def test_any_text(lang: str, text: str) -> None:
    check(lang, text)


@settings(max_examples=20, deadline=None)
@given(languages, words, st.integers(min_value=100, max_value=5000))
def test_huge_lines(lang: str, chunk: str, repeat: int) -> None:
    check(lang, (chunk + " ") * repeat if chunk else "x" * 10_000)


def test_fixed_nasties() -> None:
    for lang in LANGUAGES:
        for text in ["", "\x00" * 50, "a" * 10_000, "Drücken " * 2000, "?" * 5000, "\ud800", "ﬁ ½ ǅ", "\u200b\u200b"]:
            check(lang, text)
