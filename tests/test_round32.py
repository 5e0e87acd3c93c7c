"""Play-test round 32: readings and debrief items four fresh testers found (public-sector formal German, Bavarian,
Australian and scripted call-centre English), and the review's own calls; neighbours that must not change beside each."""

from __future__ import annotations

import pytest

from playtest_calls import items as _items
from playtest_calls import kinds as _kinds
from playtest_calls import play as _play
from playtest_calls import rules
from playtest_calls import script
from simulator.scoring import consistency


def _call(sid: str, lang: str, lines: list[str], seed: int = 0):
    return _play(sid, lang, lines, seed)


def _problems(sc, state, score) -> list[str]:
    return consistency.problems(sc, state, score)


MOBILE_REFUSED = ["it hotline hier ist sam guten tag",
                  "herr reuter damit wir uns nicht verlieren unter welcher nummer erreiche ich sie falls die verbindung "
                  "abreißt",
                  "das nervt klar zweimal rausgeflogen was genau geht bei den mails nicht",
                  "okay also die mails gehen seit heute früh nicht und sie sind unterwegs haben sie einen laptop dabei",
                  "verstehe dann schreiben sie bitte auf einen zettel dass herr yilmaz die freigabe bekommt mit datum und "
                  "unterschrift machen ein foto und schicken mir das per sms ich schalte es dann in spätestens fünfzehn "
                  "minuten frei",
                  "also festgehalten foto per sms ich schalte frei und herr yilmaz stellt um gute fahrt herr reuter"]


def test_a_recap_of_a_fix_she_refused_is_no_summary_of_what_was_agreed():
    """She refused the fix ('Einfach so? Ist das denn überhaupt gültig?'); the recap after it earned '+25 summed up what
    was agreed' while the checklist said 'not reached: summarise what was agreed' – and the time named on the refused
    fix '+15' beside 'not reached: give a time frame', both without a quote."""
    sc, state, score = _call("mobile-caller", "de", MOBILE_REFUSED, seed=5)
    assert state.solved_at is None
    summ = _items(score, "summarising")
    assert "summary_end" not in [e.kind for e in summ]
    unagreed = [e for e in summ if e.kind == "summary_end_unagreed"]
    assert unagreed and unagreed[0].effect == 0 and unagreed[0].turn == 6 and "festgehalten" in unagreed[0].quote
    assert "no_summary_end" not in [e.kind for e in summ]  # it did sum up: not "never summed up"
    said = [e for e in _items(score, "checklist") if e.kind == "step_blocked_said"]
    assert {e.turn for e in said} == {5, 6} and all(e.quote and e.effect < 0 for e in said)
    assert "step_blocked" not in _kinds(score, "checklist")
    assert _problems(sc, state, score) == []


def test_the_recap_after_an_agreed_fix_still_earns_the_summary():
    """Neighbour: a call whose fix she accepted – the recap is the summary of what was agreed."""
    sc, state, score = _call("mobile-caller", "de", script("mobile-caller", "de-r24-good"))
    assert state.solved_at is not None
    summ = _kinds(score, "summarising")
    assert "summary_end" in summ and "summary_end_unagreed" not in summ
    assert _problems(sc, state, score) == []


def test_a_blocked_step_never_said_quotes_nothing():
    """Neighbour: a step behind a missing one, never said at all, stays the bare 'not reached'."""
    _, _, score = _call("checked-plug", "en", ["Hello, IT helpdesk, Sam speaking.", "Bye."])
    blocked = [e for e in _items(score, "checklist") if e.kind.startswith("step_blocked")]
    assert blocked and all(e.kind == "step_blocked" and not e.quote for e in blocked)
