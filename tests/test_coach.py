"""Issue 14, practising alone: the ring, coach mode (hints), the profile, the agent's card – in the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.dialogue import Engine
from simulator.dialogue.coach import KINDS, Coach, hints
from simulator.dialogue.events import CoachHint, parse_event
from simulator.dialogue.session import Call, replay
from simulator.reports.debrief import markdown_from_view
from simulator.reports.view import DebriefView
from simulator.scenario import available, load
from simulator.strings import strings

PLUG_EN = ["Hello, IT desk, Sam speaking.", "Check the plug.", "Please reboot the router and renew the DHCP lease."]


@pytest.fixture(autouse=True)
def own_profile(tmp_path, monkeypatch):
    """Every test has its own config folder: no real profile is read or written."""
    monkeypatch.setenv("SIMULATOR_CONFIG_DIR", str(tmp_path / "config"))


# -- the hints ---------------------------------------------------------------------
def test_one_hint_per_turn_in_the_seed_texts_terms_and_never_the_solution():
    sc = load("checked-plug")
    state = replay(Engine(sc, "en"), PLUG_EN)[-1]
    got = hints(sc, state)
    assert [(n, h.hint) for n, h in got][:2] == [(2, "reason"), (3, "jargon")]
    assert len({n for n, _ in got}) == len(got)  # at most one per turn
    for lang in ("de", "en"):
        s = strings(lang)
        for kind in KINDS:
            text = s.t(f"coach.{kind}")
            assert text != f"coach.{kind}" and len(text) < 160
            for step in sc.steps:  # a nudge about how to talk, never a step's answer
                assert step.reply.get(lang)[:30] not in text


def test_a_good_call_gets_few_hints_and_hints_are_pure():
    for sid in available():
        sc = load(sid)
        for lang in sc.languages:
            path = Path(__file__).parent / "scripts" / sid / f"{lang}-good.txt"
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            state = replay(Engine(sc, lang), lines)[-1]
            assert hints(sc, state) == hints(sc, state)
            assert len(hints(sc, state)) <= 3, (sid, lang, hints(sc, state))


def test_a_coach_hint_is_an_event_at_the_edge():
    assert CoachHint("jargon").to_json() == "coach:jargon" and parse_event("coach:jargon") == CoachHint("jargon")


def test_the_coach_remembers_what_it_showed_and_the_debrief_lists_it():
    sc = load("checked-plug")
    coach = Coach(sc, enabled=True)
    call = Call(Engine(sc, "de"), observers=[coach])
    call.play(["Hallo, IT-Hotline, Sam am Apparat.", "Prüfen Sie den Stecker.",
               "Bitte starten Sie den Router neu und erneuern Sie die DHCP-Lease."])
    assert [h.hint for _, h in coach.all_shown()][:2] == ["reason", "jargon"]
    view = DebriefView.build(sc, call.state, call.score, hints=coach.all_shown())
    assert [h.kind for h in view.hints][:2] == ["reason", "jargon"] and view.hints[0].label == "Nach Zug 2"
    md = markdown_from_view(view)
    assert "## Coach-Hinweise" in md and "Transparenz" in md
    assert DebriefView.build(sc, call.state, call.score).hints == ()  # no coach, no hints


# -- the terminal -------------------------------------------------------------------
def play(*args, input: str):
    return CliRunner().invoke(cli, ["play", "checked-plug", "--ui", "terminal", "--no-voice", *args], input=input)


def test_terminal_rings_then_the_customer_opens_and_the_coach_hints():
    typed = "\n".join(PLUG_EN) + "\n\n\n"
    result = play("--lang", "en", "--coach", "--no-store", input=typed)
    assert result.exit_code == 0, result.output
    out = result.output
    s = strings("en")
    ring, opening = out.index(s.t("ring")), out.index("Yes, Brenda Hall, accounts")
    assert ring < opening  # the phone rings before she says anything
    assert s.t("coach.reason") in out.replace("\n", " ") or "Transparency (Transparenz)" in out
    assert "Coach hints" in out  # the debrief lists them


def test_exam_mode_has_no_hints():
    result = play("--lang", "en", "--coach", "--exam", "--no-store", input="\n".join(PLUG_EN) + "\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Transparency (Transparenz)" not in result.output and "Coach hints" not in result.output
    assert strings("en").t("coach_exam") in result.output


def test_the_german_terminal_rings_too():
    typed = "IT-Hotline, Berger, guten Tag, was kann ich für Sie tun?\n\n\n"
    result = play("--lang", "de", "--no-store", input=typed)
    assert result.exit_code == 0, result.output
    assert strings("de").t("ring") in result.output and "Hahn" in result.output


# -- the profile ----------------------------------------------------------------------
def test_calls_accumulate_under_the_profile_unless_private(tmp_path, monkeypatch):
    from simulator.config import load_profile, profile_trainee
    from simulator.storage import Store

    monkeypatch.setenv("USER", "mia")
    monkeypatch.setenv("LOGNAME", "mia")
    db = f"sqlite:///{tmp_path / 'p.db'}"
    for _ in range(2):
        result = play("--lang", "en", "--db", db, input=PLUG_EN[0] + "\n\n\n")
        assert result.exit_code == 0, result.output
    assert load_profile() == "mia"
    with Store.open(db) as store:
        assert len(store.history("mia")) == 2  # the same trainee, not anonymous
    result = play("--lang", "en", "--db", db, "--private", input=PLUG_EN[0] + "\n\n\n")
    with Store.open(db) as store:
        assert len(store.history("mia")) == 2  # a private run is not hers (nor stored unless store_private)
    result = play("--lang", "en", "--db", db, "--trainee", "Other", input=PLUG_EN[0] + "\n\n\n")
    with Store.open(db) as store:
        assert len(store.history("Other")) == 1  # --trainee still overrides
    assert profile_trainee(ask=lambda default: "never asked again") == "mia"


def test_the_profile_is_asked_once(tmp_path):
    from simulator.config import load_profile, profile_trainee

    asked = []
    assert profile_trainee(ask=lambda default: asked.append(default) or "  Mia  Kraus ") == "Mia Kraus"
    assert profile_trainee(ask=lambda default: asked.append(default) or "x") == "Mia Kraus"
    assert len(asked) == 1 and load_profile() == "Mia Kraus"
    (tmp_path / "config" / "profile.json").write_text("{not json", encoding="utf-8")
    assert load_profile() is None  # a broken file is no crash: asked again


# -- the agent's card in the terminal ---------------------------------------------
def test_terminal_card_shows_only_what_the_agent_knows():
    from rich.console import Console

    from simulator.ui.terminal import TerminalUI

    ui = TerminalUI(Console(record=True, width=100))
    rambler = load("voicebox-rambler")
    ui.console.print(ui.persona_card(rambler, "en"))
    text = ui.console.export_text()
    assert "Gordon Walsh" not in text and "Brookner" not in text and strings("en").t("caller_unknown") in text
    assert load("checked-plug").persona.known("en")["name"] == "Brenda Hall"
