"""DebriefView: built once per call, drawn by the terminal, Markdown, HTML and the window alike."""

from __future__ import annotations

import dataclasses
import html

import pytest

from simulator.dialogue import Engine
from simulator.dialogue.session import play as play_call
from simulator.reports.debrief import html_from_view, markdown_from_view
from simulator.reports.view import TOP_TIPS, DebriefView
from simulator.scenario import load
from simulator.scoring import score_call
from simulator.strings import strings
from simulator.ui.debrief import debrief_text
from simulator.ui.texts import Texts
from simulator.vocabulary import DIMENSIONS

CALL = {
    "de": ["Hallo, IT-Hotline, Berger.", "Geht der Drucker gar nicht an?",
           "Ja, schon klar. Ich frage nur, damit wir das ausschließen können. Schauen Sie trotzdem mal nach.",
           "Dann bitte die Leiste einschalten."],
    "en": ["Hello, IT helpdesk.", "Does the printer not switch on at all?", "Okay. Can you check the plug anyway?",
           "Maybe the power strip is off? Switch it on then.", "Right, so it was a PSU power issue. Bye."],
}


@pytest.fixture(scope="module", params=["de", "en"])
def call(request):
    lang = request.param
    sc = load("checked-plug")
    state = play_call(Engine(sc, lang), CALL[lang])
    return sc, state, score_call(sc, state)


def test_same_dimension_label_in_every_renderer(call):
    sc, state, score = call
    view = DebriefView.build(sc, state, score)
    s, window = strings(score.lang), Texts(score.lang)
    text = debrief_text(sc, state, score, width=120)
    md = markdown_from_view(view)
    page = html.unescape(html_from_view(view))
    for row in view.rows:
        label = s.dimension(row.key)
        assert row.label == label
        assert window(f"dim_{row.key}") == label  # what the window draws today
        assert f"│{label} " in text
        assert f"| {label} |" in md
        assert f"<td>{label}</td>" in page
    assert view.outcome == s.reason(state.outcome.reason) == window(f"reason_{state.outcome.reason}")


def test_view_is_frozen_and_in_rubric_order(call):
    view = DebriefView.build(*call)
    assert tuple(r.key for r in view.rows) == DIMENSIONS
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.total = 100  # type: ignore[misc]
    assert all(r.value is not None for r in view.sections)
    assert all(0.0 <= r.fraction <= 1.0 for r in view.rows)


def test_rules_live_in_the_view(call):
    view = DebriefView.build(*call)
    rows = [r for r in view.rows if r.value is not None]
    assert all(r.evidence[0].kind == "base" for r in rows)  # every starting value is an explained line
    for r in rows:  # and the lines add up to the value shown
        assert abs(max(0.0, min(100.0, sum(e.effect for e in r.evidence))) - r.value) < 0.11
    evidence = [e for r in view.rows for e in r.evidence if e.kind != "base"]
    assert evidence and all(e.tip == "" for e in evidence if e.effect > 0)
    assert all(e.tip for e in evidence if e.effect <= 0)
    assert len(view.timeline) == len(evidence)
    assert [e.turn for e in view.timeline] == sorted(e.turn for e in view.timeline)
    assert len(view.top_tips) <= TOP_TIPS
    values = [next(r.value for r in view.rows if r.key == t.dimension) for t in view.top_tips]
    assert values == sorted(values)
    assert all(e.quoted.startswith(("„", "“")) for e in evidence if e.quote and e.speaker == "trainee")
    assert all(e.quoted.startswith(("Kunde", "Customer")) for e in evidence if e.quote and e.speaker == "customer")


def test_not_applicable_dimension_has_no_section():
    sc = load("checked-plug")
    state = play_call(Engine(sc, "en"), CALL["en"][:2])
    score = score_call(sc, state)
    first = score.dimensions[0]
    score = dataclasses.replace(score, dimensions=(dataclasses.replace(first, value=None, tip=""), *score.dimensions[1:]))
    view = DebriefView.build(sc, state, score)
    assert view.rows[0].value_text == "n/a" and view.rows[0].tone == "na" and view.rows[0].fraction == 0.0
    assert view.rows[0] not in view.sections and not view.rows[0].evidence


def test_transcript_lines_are_labelled(call):
    sc, state, score = call
    view = DebriefView.build(sc, state, score)
    s = strings(score.lang)
    assert len(view.transcript) == len(state.transcript)
    assert {line.label for line in view.transcript} == {s.speaker("customer"), s.speaker("trainee")}
