"""Round 14 (scorer A): one reading of what a line sums up – never a question, an instruction or a reaction; a plain
recap the analyser missed still counts; the quote is the sentence that says it back (scoring/recap.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from playtest_calls import kinds, items, play, reading
from simulator.scoring.consistency import problems
from simulator.scoring.recap import recap_sentence, summarises
from simulator.scoring.scorer import score_call
from simulator.scoring.transcript import ScoredCall


def _turn(state, n):
    return next(t for t in state.trainee_turns if t.number == n)


# -- 1: a question, an instruction or a reaction read as a summary sums nothing up --------------------------------
@pytest.mark.parametrize("lang,lines", [
    ("de", ["IT-Hotline, Berger, guten Tag. Was genau passiert denn, wenn Sie drucken wollen?",
            "Das ist natürlich ärgerlich. Wo steht der Drucker denn genau, und seit wann ist das so?"]),
    ("en", ["IT helpdesk, Sam speaking. What exactly happens when you try to print?",
            "Right, that's annoying. Where exactly is the printer, and since when has this been going on?"]),
    ("en", ["IT helpdesk, Sam speaking. What exactly happens when you try to print?",
            "Okay madam. Kindly check the power cable once more and the fuse also."]),
    ("de", ["IT-Hotline, Berger, guten Tag. Was genau passiert denn, wenn Sie drucken wollen?",
            "Halt, halt. Zu viel auf einmal. Was ist denn jetzt genau?"]),
])
def test_a_line_read_as_a_summary_that_says_nothing_back_is_none(lang: str, lines: list[str]) -> None:
    sc, state, _ = play("checked-plug", lang, lines)
    read = reading(state, 2, tuple(dict.fromkeys(_turn(state, 2).acts + ("summary",))),
                   (("summary", _turn(state, 2).text),))  # the learned head's reading: the whole line
    call = ScoredCall(sc, read, None)
    assert not summarises(call, _turn(read, 2)) and not summarises(call, _turn(read, 2), hers=True)
    score = score_call(sc, read)
    assert not [e for e in items(score, "summarising", 2) if e.effect > 0]
    assert "listening_summary" not in kinds(score, "questioning", 2)


@pytest.mark.parametrize("lang,last", [
    ("en", "Ok so it is working now. Anything else? Thank you, bye."),
    ("de", "Ok, läuft also wieder. Sonst noch was? Danke, tschüss."),
])
def test_the_bare_result_is_no_recap_of_cause_and_agreement(lang: str, last: str) -> None:
    if lang == "en":
        lines = ["IT helpdesk, Sam speaking. What exactly happens when you try to print?",
                 "Could you check the power strip under your desk, please? I'm asking because the strip has its own "
                 "switch.", "Then please switch the strip on and then the printer.", last]
    else:
        lines = ["IT-Hotline, Berger. Was genau passiert, wenn Sie drucken wollen?",
                 "Schauen Sie bitte nach der Steckdosenleiste unter dem Tisch? Ich frage, weil die Leiste einen "
                 "eigenen Schalter hat.", "Dann schalten Sie bitte die Leiste ein und danach den Drucker.", last]
    sc, state, score = play("checked-plug", lang, lines)
    n = state.trainee_turns[-1].number
    assert not [e for e in items(score, "summarising", n) if e.effect > 0]
    assert "transparency_recap" not in kinds(score, "transparency", n)
    # the checklist's recap step, if the engine heard it there, is only half done – the same reading
    assert "step_done" not in [e.kind for e in items(score, "checklist", n) if "ummar" in e.note or "usammen" in e.note]
    assert problems(sc, state, score) == []


# -- 2: a plain recap the analyser read no summary in still counts, quoted by its sentence -------------------------
@pytest.mark.parametrize("lang,line,said", [
    ("en", "Okay, Thursday's the deadline, mornings are best. Let me see what I can offer.",
     "It has to be done by Thursday, mornings ideally."),
    ("de", "Also, der Kalender zeigt ein rotes Kreuz, seit heute früh. Ich schau mir das gleich an.",
     "Der Kalender zeigt seit heute früh nur noch ein rotes Kreuz."),
])
def test_the_scorer_reads_a_plain_recap_of_her_words(lang: str, line: str, said: str) -> None:
    sc, state, _ = play("jargon-averse", lang, ["Hallo." if lang == "de" else "Hello.", line])
    # what she said before the line is fixed here, so the reading does not depend on her phrasing
    ex = tuple(replace(x, reply=replace(x.reply, text=said)) if x.trainee is not None and x.trainee.number == 1
               and x.reply is not None else x for x in state.exchanges)
    state = replace(state, exchanges=ex)
    # the checklist's summary steps taken (else it says "step missing" and the debrief may not credit one beside it)
    recap = tuple(st.id for st in sc.steps if list(st.acts[:1]) == ["summary"])
    read = reading(state, 2, tuple(a for a in _turn(state, 2).acts if a != "summary"),
                   tuple((a, x) for a, x in _turn(state, 2).evidence if a != "summary") or (("none", ""),),
                   steps=tuple(dict.fromkeys(_turn(state, 2).steps + recap)))
    call = ScoredCall(sc, read, None)
    first = line.split(". ")[0] + "."
    assert recap_sentence(call, _turn(read, 2), hers=True) == first


# -- the paraphrase is quoted by the sentence that says it back, not the one beside it -----------------------------
@pytest.mark.parametrize("lang,line", [
    ("de", "Das tut mir leid, Frau Dr. Vogt – Sie haben den ganzen Vormittag auf den Techniker gewartet und niemand "
           "hat angerufen. Das ist nicht in Ordnung. Ich schaue gerade in Ihr Ticket."),
    ("en", "I'm sorry, Dr Vogt – you waited all morning for the technician and nobody called. That's not okay. "
           "I'm looking at your ticket now."),
])
def test_the_echo_is_quoted_by_its_own_sentence(lang: str, line: str) -> None:
    greeting = "Service-Desk, Berger, guten Tag." if lang == "de" else "Service desk, Sam speaking, good morning."
    sc, state, score = play("missed-appointment", lang, [greeting, line])
    quoted = [e.quote for d in ("questioning", "summarising") for e in items(score, d, 2)
              if e.kind in ("listening_summary", "paraphrase_before", "listening")]
    assert quoted and all("nicht in Ordnung" not in q and "not okay" not in q for q in quoted)
