"""The analyser has no hidden state: scenario views never leak into the base or into each other."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from simulator.analysis import LANGUAGES, Analyser, Analysis
from simulator.analysis.fuzzy import Fuzzy
from simulator.analysis.language import load as compile_language
from simulator.dialogue import Engine
from simulator.errors import UsageError
from simulator.scenario import available, load

DATA = Path(__file__).parent / "data"


def _lines(lang: str) -> list[str]:
    path = DATA / f"corpus_{lang}.jsonl"
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fresh(lang: str) -> Analyser:
    """A base analyser compiled from the data file just now, sharing nothing with earlier tests."""
    return Analyser(compile_language(lang))


def test_base_analysis_is_the_same_after_every_scenario_is_loaded() -> None:
    before = {}
    for lang in LANGUAGES:
        fresh = _fresh(lang)
        before[lang] = [fresh.analyse(text) for text in _lines(lang)]
    views = 0
    for sid in available():
        scenario = load(sid)
        for lang in LANGUAGES:
            try:
                engine = Engine(scenario, lang)
            except UsageError:  # the scenario is not written in this language
                continue
            view = Analyser.for_scenario(scenario, lang)
            assert view.extras == engine.analyser.extras
            for text in _lines(lang)[::7]:  # fill the views' caches too
                view.analyse(text)
            views += 1
    assert views >= len(available())
    for lang in LANGUAGES:
        base, fresh = Analyser.for_language(lang), _fresh(lang)
        assert base.extras == fresh.extras and not base.extras.vocabulary and not base.extras.jargon
        changed = [t for t, b in zip(_lines(lang), before[lang]) if base.analyse(t) != b or fresh.analyse(t) != b]
        assert not changed, f"{len(changed)} {lang} lines analysed differently after loading scenarios: {changed[:5]}"


def test_two_scenario_views_do_not_see_each_others_extras() -> None:
    base = Analyser.for_language("de")
    first = base.with_extras(vocabulary=["zylinderkopf"], jargon=["zylinderkopf"])
    second = base.with_extras(vocabulary=["quarkspeise"], jargon=["quarkspeise"])
    again = base.with_extras(vocabulary=["zylinderkopf"], jargon=["zylinderkopf"])
    typos = "Der zylinderkopp und die quarkspeiße"
    assert first.analyse(typos).tokens[1] == "zylinderkopf" and first.analyse(typos).tokens[-1] == "quarkspeisse"
    assert second.analyse(typos).tokens[1] == "zylinderkopp" and second.analyse(typos).tokens[-1] == "quarkspeise"
    assert base.analyse(typos).tokens[1] == "zylinderkopp"
    assert "jargon" in first.analyse("Der Zylinderkopf ist hin").acts
    assert "jargon" not in second.analyse("Der Zylinderkopf ist hin").acts
    assert "jargon" not in base.analyse("Der Zylinderkopf ist hin").acts
    assert again.analyse(typos) == first.analyse(typos)
    assert base.extras.vocabulary == frozenset() and "quarkspeise" not in first.extras.vocabulary
    assert first is not base and second is not base


def test_real_scenarios_keep_their_jargon_to_themselves() -> None:
    line = "Ist der Router im Flur an?"
    averse = Analyser.for_scenario(load("jargon-averse"), "de")
    plug = Analyser.for_scenario(load("checked-plug"), "de")
    assert "jargon" in averse.analyse(line).acts
    assert "jargon" not in plug.analyse(line).acts
    assert "jargon" not in Analyser.for_language("de").analyse(line).acts
    assert Analyser.for_scenario(load("jargon-averse"), "de").analyse(line) == averse.analyse(line)


@pytest.mark.parametrize(
    ("lang", "text", "term"),
    [
        ("en", "Is the router in the hall cupboard showing lights?", "router"),
        ("en", "the cache which is basically the browser's short-term memory is full", "browser's"),
        ("de", "Schauen Sie bitte, ob am WLAN-Router Lämpchen leuchten.", "WLAN"),
        ("de", "Welches Betriebssystem haben Sie?", "Betriebssystem"),
    ],
)
def test_persona_jargon_has_an_evidence_span(lang: str, text: str, term: str) -> None:
    view = Analyser.for_scenario(load("jargon-averse"), lang)
    result = view.analyse(text)
    assert "jargon" in result.acts
    (evidence,) = [e for e in result.evidence if e.act == "jargon"]
    assert evidence.text == term == text[evidence.start : evidence.end]


def test_engine_uses_the_views_jargon_evidence() -> None:
    engine = Engine(load("jargon-averse"), "en")
    turn = engine.respond(engine.start(), "Is the router in the hall cupboard showing lights?").transcript[-2]
    assert ("jargon", "router") in turn.evidence


def test_persona_jargon_words_no_longer_match_by_chance() -> None:
    # the old phrase matcher took "unter" for a typo of "router"
    view = Analyser.for_scenario(load("jargon-averse"), "de")
    assert "jargon" not in view.analyse("Unter welcher Nummer kann ich Sie zurückrufen?").acts


def test_is_noise_is_set_by_analyse() -> None:
    assert "is_noise" in {f.name for f in fields(Analysis)}
    result = Analyser.for_language("de").analyse("äh ähm")
    assert result.is_noise is True and result.word_count == 2


def test_one_typo_policy_for_correction_and_phrases() -> None:
    analyser = Analyser.for_language("en")
    fuzzy = analyser.phrases(["power strip"]).fuzzy
    assert isinstance(fuzzy, Fuzzy)
    assert fuzzy == Analyser.for_language("en").phrases(["cable"]).fuzzy
    assert fuzzy.is_typo("swtich", "switch")  # swapped letters
    assert fuzzy.is_typo("steker", "stecker")
    assert not fuzzy.is_typo("frank", "krank")  # one letter off in a short word is another word
    assert not fuzzy.is_typo("leise", "lease")
    assert not fuzzy.is_typo("verschicken", "verschieben")
    de = Analyser.for_language("de")
    assert de.phrases(["krank"]).search(de.analyse("Hier ist Daniel Frank.")) is None
    assert de.phrases(["schalter"]).search(de.analyse("Ist er eingeschaltet?")) is None


def test_analysis_modules_import_without_a_cycle() -> None:
    code = (
        "import sys, simulator.analysis.phrases, simulator.analysis.result, simulator.analysis.fuzzy;"
        "assert 'simulator.analysis.analyser' not in sys.modules, 'phrases imports the analyser'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


def test_a_view_keeps_the_second_opinion_of_the_analyser_it_extends() -> None:
    """No hidden state: a scenario view asks its base's second opinion, not whatever the process configured last."""
    from simulator.analysis.analyser import Analyser
    from simulator.analysis.language import compiled
    from simulator.scenario import load

    marker = object()  # stands in for a SecondOpinion; never asked here
    plain, judged = Analyser(compiled("en")), Analyser(compiled("en"), opinion=marker)
    sc = load("checked-plug")
    assert plain.with_scenario(sc).opinion is None
    assert judged.with_scenario(sc).opinion is marker
    assert judged.with_extras(jargon=["frobnicator"]).opinion is marker
