"""Play-test round 21: steps and readings a careful trainer would expect (see the cases' comments)."""

from __future__ import annotations

import pytest

from playtest_calls import replayed

EXPERT_DE = ["Guten Tag, Müller vom Service Desk. Was haben Sie schon geprüft?",
             "Also per IP geht es, nur die Namen lösen nicht auf, seit dem Update.",
             "Schauen Sie bitte mal in die NRPT-Tabelle, ob die Regel für pixelwerk.intern da ist.",
             "Ich gebe das ans Netzwerkteam weiter, die müssen das Profil korrigieren."]


@pytest.mark.parametrize(("line", "taken"), [
    # close to "Bis morgen zehn Uhr bekommen Sie eine Rückmeldung vom Netzwerkteam", but no time at all
    ("Das Netzwerkteam meldet sich dann bei Ihnen.", False),
    ("Die melden sich dann bei Ihnen, keine Sorge.", False),
    ("Die melden sich morgen früh bei Ihnen, spätestens um zehn.", True),
])
def test_a_time_step_needs_a_time(line, taken):
    state = replayed("expert-user", "de", EXPERT_DE + [line])
    assert "escalate" in state.steps_done
    assert ("commit_time" in state.steps_done) is taken


def test_the_admission_is_quoted_where_it_was_said():
    """The honesty step taken by insisting after her push-back: the credit quotes the line that admitted it."""
    from playtest_calls import items, play

    from simulator.scoring import consistency

    sc, state, score = play("unknown-answer", "en", [
        "Hello, this is Sam from IT support, how can I help?",
        "What exactly would you like to know about the licence?",
        "I see. I'm honestly not sure about that one.",
        "I will revert back to you.",
        "Thanks for calling, bye."])
    honest = [e for e in items(score, "transparency") if e.kind == "admit_unknown"]
    assert [(e.turn, e.quote) for e in honest] == [(3, "I'm honestly not sure about that one.")]
    assert consistency.problems(sc, state, score) == []
