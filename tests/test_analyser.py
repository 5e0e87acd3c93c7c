"""The utterance analyser: corpus F1, the tricky rules, phrases, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.analysis import ACTS, LANGUAGES, Analyser, Analysis
from simulator.errors import UsageError

DATA = Path(__file__).parent / "data"


def _load(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _scores(rows: list[dict], lang: str) -> tuple[float, dict[str, float], str]:
    analyser = Analyser.for_language(lang)
    tp = dict.fromkeys(ACTS, 0)
    fp = dict.fromkeys(ACTS, 0)
    fn = dict.fromkeys(ACTS, 0)
    for row in rows:
        gold, got = set(row["acts"]), set(analyser.analyse(row["text"]).acts)
        for act in ACTS:
            tp[act] += act in gold and act in got
            fp[act] += act in got and act not in gold
            fn[act] += act in gold and act not in got
    per_act = {}
    lines = [f"{'act':18} {'F1':>5} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for act in ACTS:
        denominator = 2 * tp[act] + fp[act] + fn[act]
        per_act[act] = 2 * tp[act] / denominator if denominator else 1.0
        lines.append(f"{act:18} {per_act[act]:5.2f} {tp[act]:4} {fp[act]:4} {fn[act]:4}")
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro = 2 * t / (2 * t + f + n)
    return micro, per_act, "\n".join(lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_corpus_f1(lang: str) -> None:
    micro, per_act, table = _scores(_load(f"corpus_{lang}.jsonl"), lang)
    print(f"\ncorpus {lang}: micro-F1 {micro:.3f}\n{table}")
    assert micro >= 0.90, table
    weak = {act: f for act, f in per_act.items() if f < 0.80}
    assert not weak, f"acts below 0.80: {weak}\n{table}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout_f1(lang: str) -> None:
    """Written before tuning; reported, asserted only at a lower bar."""
    rows = _load(f"heldout_{lang}.jsonl")
    assert len(rows) >= 80
    micro, _, table = _scores(rows, lang)
    print(f"\nheld-out {lang}: micro-F1 {micro:.3f}\n{table}")
    assert micro >= 0.75, table



@pytest.mark.parametrize("lang", LANGUAGES)
def test_independent_f1(lang: str) -> None:
    """Written independently of the corpus (other domains, registers, ASR style);
    its failures were looked at while tuning, so it is a dev set."""
    rows = _load(f"independent_{lang}.jsonl")
    assert len(rows) >= 150
    assert sum(r["style"] == "asr" for r in rows) / len(rows) >= 0.35
    micro, _, table = _scores(rows, lang)
    print(f"\nindependent {lang}: micro-F1 {micro:.3f}\n{table}")
    assert micro >= 0.85, table


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fresh_f1(lang: str) -> None:
    """Written after tuning and never tuned on: the honest generalisation figure."""
    rows = _load(f"fresh_{lang}.jsonl")
    assert len(rows) >= 60
    micro, _, table = _scores(rows, lang)
    print(f"\nfresh {lang}: micro-F1 {micro:.3f}\n{table}")
    assert micro >= 0.80, table

def test_corpus_shape() -> None:
    rows = {lang: _load(f"corpus_{lang}.jsonl") for lang in LANGUAGES}
    everything = [r for lang_rows in rows.values() for r in lang_rows]
    assert len(everything) >= 500
    assert sum(r["style"] == "asr" for r in everything) / len(everything) >= 0.25
    for lang, lang_rows in rows.items():
        assert len(lang_rows) >= 300
        for row in lang_rows:
            assert set(row["acts"]) <= set(ACTS), row
            assert row["style"] in ("typed", "asr")
        for act in ACTS:
            count = sum(act in r["acts"] for r in lang_rows)
            assert count >= 20, f"{lang}: only {count} examples of {act}"


def acts(lang: str, text: str) -> tuple[str, ...]:
    return Analyser.for_language(lang).analyse(text).acts


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Können Sie bitte den Stecker prüfen?"),
        ("de", "könnten sie bitte den router neu starten"),
        ("en", "Could you check the cable?"),
        ("en", "could you please restart the router"),
    ],
)
def test_polite_request_is_instruction_not_question(lang: str, text: str) -> None:
    found = acts(lang, text)
    assert "instruction" in found
    assert "closed_question" not in found


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "haben sie den drucker neu gestartet", "closed_question"),
        ("de", "ist es die rote oder die grüne lampe", "closed_question"),
        ("de", "und seit wann ist das so", "open_question"),
        ("de", "können sie mir sagen wann das angefangen hat", "open_question"),
        ("en", "did you restart it", "closed_question"),
        ("en", "is it the red or the green light", "closed_question"),
        ("en", "and when did this start", "open_question"),
        ("en", "can you tell me when it started", "open_question"),
    ],
)
def test_questions_without_punctuation(lang: str, text: str, expected: str) -> None:
    assert expected in acts(lang, text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "Schalten Sie ihn für zehn Sekunden aus."), ("en", "Switch it off for ten seconds.")],
)
def test_duration_inside_instruction_is_no_time_commitment(lang: str, text: str) -> None:
    assert acts(lang, text) == ("instruction",)


@pytest.mark.parametrize(
    ("lang", "vague", "concrete"),
    [
        ("de", "Ich melde mich bald.", "Ich melde mich bis 16 Uhr."),
        ("en", "I'll get back to you soon.", "I'll get back to you by 4 pm."),
    ],
)
def test_vague_time_is_no_time_commitment(lang: str, vague: str, concrete: str) -> None:
    assert "time_commitment" not in acts(lang, vague)
    assert "time_commitment" in acts(lang, concrete)


@pytest.mark.parametrize(
    ("lang", "bare", "explained"),
    [
        ("de", "Ihr DNS-Server antwortet nicht.", "Der DNS-Server, das ist sozusagen das Telefonbuch des Internets, antwortet nicht."),
        ("en", "Your DNS server isn't responding.", "The DNS server, which is basically the internet's phone book, isn't responding."),
    ],
)
def test_explained_jargon_is_no_jargon(lang: str, bare: str, explained: str) -> None:
    assert "jargon" in acts(lang, bare)
    assert "jargon" not in acts(lang, explained)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "entschludigung für die wartezeit", "empathy"),
        ("de", "verstehe ihren ärger", "empathy"),
        ("de", "zusamenfassend kann man sagen", "summary"),
        ("en", "i undrestand your frustration", "empathy"),
        ("en", "i apolgise for the wait", "empathy"),
    ],
)
def test_typos_are_tolerated(lang: str, text: str, expected: str) -> None:
    assert expected in acts(lang, text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_evidence_spans_point_into_the_original(lang: str) -> None:
    analyser = Analyser.for_language(lang)
    for row in _load(f"corpus_{lang}.jsonl")[:200]:
        result = analyser.analyse(row["text"])
        assert [e.act for e in result.evidence] == list(result.acts)
        for evidence in result.evidence:
            assert 0 <= evidence.start <= evidence.end <= len(row["text"])
            assert row["text"][evidence.start : evidence.end] == evidence.text


def test_evidence_keeps_original_spelling() -> None:
    result = Analyser.for_language("de").analyse("Oh je, das ist ÄRGERLICH!")
    (evidence,) = result.evidence
    assert evidence.act == "empathy"
    assert evidence.text in result.text


def test_acts_are_in_canonical_order_without_duplicates() -> None:
    result = Analyser.for_language("de").analyse("Guten Tag, IT-Support, wie kann ich helfen? Tschüss!")
    assert list(result.acts) == sorted(set(result.acts), key=ACTS.index)


@pytest.mark.parametrize(
    ("lang", "text", "noise"),
    [
        ("de", "", True),
        ("de", "#@!", True),
        ("de", "äh", True),
        ("de", "😀😀", True),
        ("de", "mhm", False),
        ("en", "um", True),
        ("en", "uh huh", False),
    ],
)
def test_noise(lang: str, text: str, noise: bool) -> None:
    result = Analyser.for_language(lang).analyse(text)
    assert result.is_noise is noise
    if not noise:
        assert result.acts == ("active_listening",)


def test_word_count_and_tokens() -> None:
    result = Analyser.for_language("de").analyse("Drücken Sie bitte F5!")
    assert result.word_count == 4
    assert result.tokens == ("druecken", "sie", "bitte", "f5")


def test_analysis_is_frozen() -> None:
    result = Analyser.for_language("en").analyse("hello")
    assert isinstance(result, Analysis)
    with pytest.raises(AttributeError):
        result.text = "x"  # type: ignore[misc]


def test_analyser_is_cached() -> None:
    assert Analyser.for_language("de") is Analyser.for_language("de")


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        Analyser.for_language("fr")
    assert caught.value.exit_code == 2
    assert str(caught.value) == "unknown language 'fr' (choose de or en)"


class TestPhrases:
    def search(self, lang: str, phrases: list[str], text: str) -> str | None:
        analyser = Analyser.for_language(lang)
        return analyser.phrases(phrases).search(analyser.analyse(text))

    def test_all_words_any_order_prefix(self) -> None:
        assert self.search("de", ["stecker prüf"], "Prüfen Sie bitte, ob der Stecker sitzt.") == "stecker prüf"
        assert self.search("de", ["stecker prüf"], "Sitzt der Stecker?") is None

    def test_compound_part(self) -> None:
        assert self.search("de", ["leiste schalter"], "Ist der Schalter an der Steckdosenleiste an?") == "leiste schalter"

    def test_alternatives(self) -> None:
        phrase = "steckdosenleiste|mehrfachsteckdose schalter"
        assert self.search("de", [phrase], "der schalter an der mehrfachsteckdose") == phrase
        assert self.search("de", [phrase], "der schalter an der wand") is None

    def test_typos_and_umlauts(self) -> None:
        assert self.search("de", ["stecker prüf"], "prufen sie den steker") == "stecker prüf"
        assert self.search("en", ["power strip switch"], "is the swtich on the powr strip on") == "power strip switch"

    def test_first_matching_phrase_wins(self) -> None:
        phrases = ["neu start", "drucker"]
        assert self.search("de", phrases, "Starten Sie den Drucker neu") == "neu start"

    def test_short_words_need_a_prefix_match(self) -> None:
        assert self.search("en", ["cable"], "check the label") is None

    def test_matcher_is_cached(self) -> None:
        analyser = Analyser.for_language("en")
        assert analyser.phrases(("a b",)) is analyser.phrases(["a b"])
