"""Round 14 (b, my own lines, both languages): how a line won her over after push-back, excuses, hedged guesses.

A reason may come as what goes wrong otherwise ("if I guess now and I'm wrong, …", "sonst …") or as the answer to her
doubt itself (the push-back's ``persuaded_by``): that is "with a reason", never "won over without a reason". A
commitment only hedged ("then Thursday, probably") is no firm one insisted on with a reason. An apology with an
excuse in the same breath ("these things happen") is half an apology. "I think it's included, but I'm not sure" is a
guess and is debited, not credited as honesty.
"""

from __future__ import annotations

import pytest

from playtest_calls import items, kinds, play, reading
from simulator.dialogue.events import Pushback, Yielded
from simulator.scoring import score_call

HELLO = {"de": "Guten Tag, Lizenzservice, hier spricht Sam Berger.", "en": "Good morning, licensing service, Sam Berger speaking."}
DONT_KNOW = {"de": "Das weiß ich im Moment nicht.", "en": "I don't know that at the moment."}
CONSEQUENCE = {"de": "Ich möchte da nicht raten: Wenn ich Ihnen jetzt ja sage und ich liege falsch, zahlt Ihre Firma am Ende drauf.",
               "en": "I'd rather not guess: if I say yes now and I get it wrong, your company ends up paying for it."}
HEDGED_GUESS = {"de": "Hm, ich glaub der ist da schon mit drin, aber sicher bin ich mir nicht.",
                "en": "hmm i think it should be included probably, but i'm not totally sure"}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_consequence_is_a_reason_after_push_back(lang: str) -> None:
    _, state, score = play("unknown-answer", lang, [HELLO[lang], DONT_KNOW[lang], CONSEQUENCE[lang]])
    found = kinds(score, "checklist")
    assert "step_yielded_unreasoned" not in found, items(score, "checklist")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_hedged_guess_is_debited_not_credited_as_honest(lang: str) -> None:
    _, state, score = play("unknown-answer", lang, [HELLO[lang], HEDGED_GUESS[lang]])
    found = items(score, "transparency", 2)
    assert sum(e.effect for e in found) < 0, found
    assert {"guess", "guess_hedged"} & {e.kind for e in found}, found  # hedged: "the guess is what she hears" (round 26)
    assert "admit_unknown" not in [e.kind for e in found] and "transparency" not in [e.kind for e in found], found


GREET = {"de": "Guten Tag, Service-Hotline, Sie sprechen mit Kim Weber.", "en": "Good morning, service desk, Kim Weber speaking."}
SORRY_EXCUSE = {"de": "Das tut mir leid, dass Sie gewartet haben. So was kann halt mal passieren, wir sind gerade unterbesetzt.",
                "en": "I'm sorry you waited for nothing. Stuff like that just happens, we're understaffed at the moment."}
SORRY_CLEAN = {"de": "Das tut mir wirklich leid, dass Sie gestern umsonst gewartet haben – das hätte nicht passieren dürfen.",
               "en": "I'm really sorry you waited for nothing yesterday – that shouldn't have happened."}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_apology_with_an_excuse_is_half_an_apology(lang: str) -> None:
    _, _, excused = play("missed-appointment", lang, [GREET[lang], SORRY_EXCUSE[lang]])
    _, _, clean = play("missed-appointment", lang, [GREET[lang], SORRY_CLEAN[lang]])
    assert "step_excused" in kinds(excused, "checklist", 2), items(excused, "checklist")
    assert "step_done" not in kinds(excused, "checklist", 2)
    assert "step_excused" not in kinds(clean, "checklist", 2), items(clean, "checklist")
    warm = sum(e.effect for e in items(excused, "empathy", 2))
    assert warm < sum(e.effect for e in items(clean, "empathy", 2)), items(excused, "empathy")


SLOT_ASK = {"de": "Ich kann Ihnen Donnerstagvormittag anbieten, ich muss aber erst mit der Disposition klären, welcher Techniker frei ist, ist das okay?",
            "en": "I can offer you Thursday morning, but I have to check with dispatch which technician is free first, is that okay?"}
HEDGED_SLOT = {"de": "Gut, dann wahrscheinlich Donnerstag früh, danke für den Anruf, tschüss.",
               "en": "Fine, so Thursday morning probably, thanks for calling, bye."}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_hedged_commitment_she_yielded_to_is_no_reasoned_insisting(lang: str) -> None:
    """As the engine played it in round 14 (she pushed back on the slot, then took "Thursday morning probably, bye"):
    the line gives no reason and commits to nothing firm – never "insisted politely, with a reason"."""
    sc, state, _ = play("missed-appointment", lang, [GREET[lang], SORRY_CLEAN[lang], SLOT_ASK[lang], HEDGED_SLOT[lang]])
    state = reading(state, 3, ("transparency",), steps=(), events=(Pushback("new_time"),))
    state = reading(state, 4, ("closing",), steps=("new_time",), events=(Yielded("new_time"),))
    score = score_call(sc, state)
    assert "step_yielded" not in kinds(score, "checklist", 4), items(score, "checklist")
    assert "step_yielded_unreasoned" in kinds(score, "checklist", 4), items(score, "checklist")
    assert "cue_reason_only" not in kinds(score, "empathy", 4), items(score, "empathy")
