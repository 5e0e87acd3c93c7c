"""Play-test round 11, second scorer pass: credits a poor or mediocre call got for what its lines did not do.

Finding ids are the testers' (/tmp/r11/{en,de}/findings.md). Each test plays lines of its own (both languages) and
pins the analyser's reading where the class is the scorer's: whatever acts are read, the scorer judges them so.
"""

from __future__ import annotations

import pytest

from simulator.dialogue.events import Yielded
from simulator.scoring import score_call
from simulator.scoring.consistency import problems
from simulator.scoring.feedback import Feedback

from playtest_calls import items as _items
from playtest_calls import play as _play
from playtest_calls import reading as _reading

GREET = {"de": "Guten Morgen, IT-Hotline, Sie sprechen mit Sam Berger. Was kann ich für Sie tun?",
         "en": "Good morning, IT helpdesk, you're speaking with Sam Berger. What can I do for you?"}


def _opening_items(score, lang: str, turn: int):
    cue = Feedback.for_language(lang).cue("opening")
    return [e for e in _items(score, "empathy", turn) if cue in e.note]


# -- DE 8: a warm word after a rude line repairs the insult; it does not answer the stress she opened with ------------
@pytest.mark.parametrize("lang, rude, sorry", [
    ("de", "naja meistens ist es eh der user. gucken sie halt mal unterm tisch", "ja ok sorry. is da n schalter dran?"),
    ("de", "Jetzt stellen Sie sich mal nicht so an, das ist doch nur ein Drucker.", "Entschuldigung, das war blöd von mir."),
    ("en", "look, nine times out of ten it's the user. just check under the desk", "ok sorry. is there a switch on it?"),
    ("en", "Calm down, it's only a printer, not the end of the world.", "Sorry, that came out wrong."),
])
def test_a_warm_word_after_a_rude_line_does_not_answer_the_opening(lang: str, rude: str, sorry: str) -> None:
    sc, state, _ = _play("checked-plug", lang, [GREET[lang], rude, sorry])
    state = _reading(state, 2, ("rude",), (("rude", rude),))
    state = _reading(state, 3, ("empathy",), (("empathy", sorry),))
    score = score_call(sc, state)
    assert not [e for e in _opening_items(score, lang, 3) if e.effect > 0]
    assert [e for e in _opening_items(score, lang, 1) if e.kind == "cue_missed"]
    assert problems(sc, state, score) == []
    # the same words without the rude line before them answer her opening
    sc, state, _ = _play("checked-plug", lang, [GREET[lang], sorry])
    state = _reading(state, 2, ("empathy",), (("empathy", sorry),))
    score = score_call(sc, state)
    # (a bare "sorry" names nothing: half the share since round 13, still an answer)
    assert [e for e in _opening_items(score, lang, 2) if e.kind in ("cue_answered", "cue_answered_bare") and e.effect > 0]


# -- DE 5: her opening answered only after other business is answered late, for half – never "from the start" -------
@pytest.mark.parametrize("lang, business, warm", [
    ("de", "Was steht denn genau auf dem Bildschirm?", "Keine Sorge, Sie haben nichts falsch gemacht."),
    ("de", "Schauen Sie mal hinten an den Computer, da ist ein Kabel.", "Ach, das kann jedem passieren, alles gut."),
    ("en", "What exactly does the screen say?", "Don't worry, you haven't done anything wrong."),
    ("en", "Have a look at the back of the computer, there's a cable.", "Honestly, that can happen to anyone, it's fine."),
])
def test_the_opening_answered_after_other_business_is_late(lang: str, business: str, warm: str) -> None:
    sc, state, _ = _play("jargon-averse", lang, [GREET[lang], business, business, warm])
    for n in (2, 3):
        state = _reading(state, n, ("instruction",), (("instruction", business),))
    state = _reading(state, 4, ("reassurance",), (("reassurance", warm),))
    score = score_call(sc, state)
    late = [e for e in _opening_items(score, lang, 4) if e.effect > 0]
    assert late and all(e.kind.endswith("_late") for e in late)
    sc, on_time, _ = _play("jargon-averse", lang, [GREET[lang], warm])
    on_time = _reading(on_time, 2, ("reassurance",), (("reassurance", warm),))
    full = [e for e in _opening_items(score_call(sc, on_time), lang, 2) if e.effect > 0]
    assert full and not full[0].kind.endswith("_late")
    assert late[0].effect < full[0].effect
    assert problems(sc, state, score) == []


# -- DE 8: a step she gave in to after push-back, won over by a warm word alone, is no "politely, with a reason" -----
@pytest.mark.parametrize("lang, line, acts, reasoned", [
    ("de", "ja ok sorry. is da n schalter an der leiste? der muss an sein", ("empathy",), False),
    ("de", "Tut mir leid. Schauen Sie trotzdem nach der Leiste.", ("empathy", "instruction"), False),
    ("de", "Ich glaub Ihnen das, ich frag nur, weil die Leiste oft einen eigenen Schalter hat.", ("empathy",), True),
    ("en", "ok sorry. is there a switch on the strip? it has to be on", ("empathy",), False),
    ("en", "Sorry about that. Please check the strip anyway.", ("empathy", "instruction"), False),
    ("en", "I believe you, I'm only asking because those strips often have their own switch.", ("empathy",), True),
])
def test_a_step_yielded_without_a_reason_earns_half(lang: str, line: str, acts: tuple[str, ...], reasoned: bool) -> None:
    sc, state, _ = _play("checked-plug", lang, [GREET[lang], line])
    state = _reading(state, 2, acts, tuple((a, line) for a in acts), steps=("check_plug",),
                     events=(Yielded("check_plug"),))
    score = score_call(sc, state)
    kinds = [e.kind for e in _items(score, "checklist", 2) if e.effect > 0]
    assert kinds == (["step_yielded"] if reasoned else ["step_yielded_unreasoned"])
    said = [e for e in _items(score, "transparency", 2) if e.kind == "transparency" and e.effect > 0]
    assert bool(said) == reasoned


# -- DE 24: an offer in the line just before the goodbye makes it a proper close ---------------------------------------
@pytest.mark.parametrize("lang, offer, bye", [
    ("de", "Gibt's sonst noch etwas, das ich für Sie tun kann?", "Gut, dann tschüss."),
    ("de", "Kann ich Ihnen sonst noch helfen?", "Alles klar, auf Wiederhören."),
    ("en", "Is there anything else I can help you with?", "Right then, bye."),
    ("en", "Anything else I can do for you today?", "Okay, goodbye."),
])
def test_an_offer_just_before_the_goodbye_counts_for_it(lang: str, offer: str, bye: str) -> None:
    from playtest_calls import script

    from simulator.dialogue.events import Farewell, has

    # German: the script's lines up to the check of the cable, then a plain request to plug it back in (the script
    # reacted to a customer who had plugged it in unasked; since round 23 an explanation of how the cable slipped out
    # no longer asks her to plug it in by its likeness to the step's examples)
    lines = script("jargon-averse", f"{lang}-good")
    if lang == "de":
        lines = lines[:3] + ["Stecken Sie das Kabel bitte wieder ein, bis es klickt."]

    def open_after(k: int) -> bool:  # solved after k lines, and she has not said goodbye yet
        st = _play("jargon-averse", lang, lines[:k])[1]
        return st.solved and not has(st.trainee_turns[-1].events, Farewell)

    solved = lines[:next(k for k in range(1, len(lines) + 1) if open_after(k))]
    n = len(solved) + 2
    sc, state, _ = _play("jargon-averse", lang, solved + [offer, bye])
    state = _reading(state, n - 1, ("closed_question",), (("closed_question", offer),))
    state = _reading(state, n, ("closing",), (("closing", bye),))
    score = score_call(sc, state)
    assert "closing" in [e.kind for e in _items(score, "courtesy", n)]
    assert problems(sc, state, score) == []
    sc, plain, _ = _play("jargon-averse", lang, solved + ["Okay.", bye])
    plain = _reading(plain, n - 1, (), ())
    plain = _reading(plain, n, ("closing",), (("closing", bye),))
    assert "closing_bare" in [e.kind for e in _items(score_call(sc, plain), "courtesy", n)]


# -- a targeted W-question narrows down; the tip never suggests a question the trainee asked (own play, DE 19) -------
@pytest.mark.parametrize("lang, lines", [
    ("de", ["Guten Morgen, Lizenzservice, Jana Roth. Was kann ich für Sie tun?",
            "Verstehe, und bis wann muss Ihr Chef unterschreiben?",
            "Ich rufe Sie heute bis 15 Uhr zurück. Unter welcher Nummer erreiche ich Sie am besten?"]),
    ("en", ["Good morning, licensing support, Jana speaking. What can I do for you?",
            "I see, and by when does your boss need to sign?",
            "I'll call you back today by 3 pm. Which number is best to reach you on?"]),
])
def test_a_targeted_question_narrows_and_the_tip_suggests_nothing_asked(lang: str, lines: list[str]) -> None:
    sc, state, score = _play("unknown-answer", lang, lines)
    questioning = _items(score, "questioning")
    assert any(e.kind == "narrowing" and e.turn == 2 for e in questioning)
    assert not [e for e in questioning if e.kind.startswith("no_narrowing")]
    assert problems(sc, state, score) == []


def test_the_narrowing_tip_skips_questions_already_asked() -> None:
    lines = ["Guten Morgen, Lizenzservice, Jana Roth. Was kann ich für Sie tun?",
             "Ich rufe Sie heute bis 15 Uhr zurück. Unter welcher Nummer erreiche ich Sie am besten?"]
    _, state, score = _play("unknown-answer", "de", lines)
    tips = [e.tip for e in _items(score, "questioning") if e.kind.startswith("no_narrowing")]
    assert tips and not any("Unter welcher Nummer" in tip for tip in tips)
