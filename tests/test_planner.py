"""One coherent reply per turn: no verbatim repeats, no contradicting reactions, a nudge when stuck, push-back by persona."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from simulator.dialogue import Engine
from simulator.dialogue.events import GaveIn, Pushback, Yielded
from simulator.dialogue.lines import customer_lines
from simulator.dialogue.planner import ReplyPlan, choose
from simulator.dialogue.session import replay
from simulator.scenario import available, load

ROOT = Path(__file__).resolve().parent
SCRIPTS = sorted(p for folder in ("scripts", "scripts_independent") for p in (ROOT / folder).glob("*/*.txt"))


def _lines(path: Path) -> list[str]:
    return [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def _replies(state) -> list[str]:
    return [x.reply.text for x in state.exchanges if x.reply is not None]


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_no_reply_is_said_twice_in_a_call(path: Path) -> None:
    sid, lang = path.parent.name, path.name.split("-")[0]
    state = replay(Engine(load(sid), lang), _lines(path))[-1]
    replies = _replies(state)
    repeated = [r for i, r in enumerate(replies) if r in replies[:i]]
    assert not repeated, f"said twice: {repeated}"


def test_shuffled_calls_repeat_no_reply_and_never_praise_a_line_they_call_too_long() -> None:
    """Lines of every script, shuffled into new calls: still no verbatim repeat, no 'too long' + 'exactly'."""
    rng = random.Random(7)
    for sid in available():
        sc = load(sid)
        for lang in sc.languages:
            pool = [l for p in SCRIPTS if p.parent.name == sid and p.name.startswith(lang) for l in _lines(p)]
            for seed in range(4):
                lines = rng.sample(pool, min(len(pool), 10))
                state = replay(Engine(sc, lang), lines, seed=seed)[-1]
                replies = _replies(state)
                assert len(set(replies)) == len(replies), (sid, lang, seed, replies)
                ramble = sc.mood.ramble.reply.all(lang) if sc.mood.ramble and sc.mood.ramble.reply else ()
                friendly = [line for act, r in sc.reactions.items() if r.reply and r.mood > 0 for line in r.reply.all(lang)]
                for reply in replies:
                    if any(c in reply for c in ramble):
                        assert not any(f in reply for f in friendly), (sid, lang, reply)


def test_plan_keeps_one_reaction_the_strongest() -> None:
    plan = ReplyPlan("")
    plan.react("Thanks.", 2)
    plan.react("How dare you!", -30)
    plan.react("Yes, exactly.", 5)
    plan.add("Step answer.")
    assert plan.text() == "How dare you! Step answer."
    plan.complain("Too long!")
    assert plan.text().startswith("Too long! How dare you!")
    friendly = ReplyPlan("")
    friendly.react("Exactly, that's how I understood it.", 5)
    friendly.complain("That was too long, keep it short!")
    assert friendly.text() == "That was too long, keep it short!"


def test_choose_prefers_fresh_variants_and_drops_optional_repeats() -> None:
    said = "A\nB"
    assert choose(("A", "B", "C"), "k", said, optional=True) == "C"
    assert choose(("A", "B"), "k", said, optional=True) == ""
    assert choose(("A", "B"), "k", said, optional=False) in ("A", "B")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_stuck_trainee_is_nudged_in_character(lang: str) -> None:
    engine = Engine(load("jargon-averse"), lang)
    chatter = {"de": ["Hallo, hier ist der IT-Service.", "Okay.", "Gut.", "Hm, na ja."],
               "en": ["Hello, IT service desk here.", "Okay.", "Fine.", "Hm, well."]}[lang]
    state = replay(engine, chatter)[-1]
    nudges = customer_lines(lang, "offer") + customer_lines(lang, "nudge_next")
    assert any(n in r for r in _replies(state)[2:] for n in nudges), _replies(state)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_persona_that_yields_only_to_reasons_never_gives_in_to_bare_requests(lang: str) -> None:
    engine = Engine(load("checked-plug"), lang)
    bare = {"de": "Schauen Sie bitte nach dem Stecker.", "en": "Please check the plug."}[lang]
    state = replay(engine, [bare] * 5)[-1]
    events = [e for t in state.trainee_turns for e in t.events]
    assert Pushback("check_plug") in events
    assert GaveIn("check_plug") not in events and "check_plug" not in state.steps_done


def test_a_first_request_with_a_reason_is_accepted_at_once_where_the_persona_allows_it() -> None:
    sc = load("checked-plug")
    step = sc.step("check_plug")
    assert step.pushback is not None and not step.pushback.at_once  # this one resists the first time, whatever
    others = [(s, st) for s in (load(i) for i in available()) for st in s.steps if st.pushback and st.pushback.at_once]
    assert others, "some persona accepts a reasoned first request"


def test_reasoned_first_request_skips_pushback_but_a_bare_one_meets_it() -> None:
    import dataclasses

    sc = load("checked-plug")
    steps = tuple(dataclasses.replace(s, pushback=dataclasses.replace(s.pushback, at_once=True)) if s.pushback else s
                  for s in sc.steps)
    lenient = dataclasses.replace(sc, steps=steps)
    engine = Engine(lenient, "en")
    opening = "Hello, IT desk, Sam here. What exactly happens when you print?"
    reasoned = "I'm asking because it's the most common cause: could you check the power strip under the desk?"
    state = replay(engine, [opening, reasoned])[-1]
    last = state.trainee_turns[-1]
    assert "check_plug" in last.steps and Pushback("check_plug") not in last.events and Yielded("check_plug") not in last.events
    bare = replay(engine, [opening, "Check the power strip."])[-1].trainee_turns[-1]
    assert Pushback("check_plug") in bare.events
