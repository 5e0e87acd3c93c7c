"""Play-test round 11: which credits a finished call gets, with which label, quote and turn.

Finding ids (EN 3, 21, 38, …; DE 17, 21, …) are the testers' (/tmp/r11/{en,de}/findings.md). Each test reads lines of
its own (both languages) through the scorer, pinning the analyser's reading where the class is the scorer's: whatever
acts the analyser finds, the scorer judges them the same way.
"""

from __future__ import annotations

import pytest

from simulator.scoring import score_call
from simulator.scoring.consistency import problems
from simulator.scoring.recap import summarises
from simulator.scoring.transcript import ScoredCall

from playtest_calls import items as _items
from playtest_calls import play as _play
from playtest_calls import reading as _reading

GREET = {"de": "Guten Morgen, IT-Hotline, Sie sprechen mit Sam Berger. Was kann ich für Sie tun?",
         "en": "Good morning, IT helpdesk, you're speaking with Sam Berger. What can I do for you?"}


def _as(sid: str, lang: str, line: str, acts: tuple[str, ...], evidence=()):
    """A greeting, then ``line`` read as ``acts``: scenario, state and score."""
    sc, state, _ = _play(sid, lang, [GREET[lang], line])
    state = _reading(state, 2, acts, evidence or tuple((a, line) for a in acts))
    return sc, state, score_call(sc, state)


def _credits(score, turn: int, *kinds: str) -> list:
    return [e for d in ("summarising", "questioning") for e in _items(score, d, turn)
            if e.effect > 0 and e.kind.startswith(kinds)]


# -- EN 3/13/38, DE 17/21: a line the analyser reads as a summary earns summary credit only if it takes up what was said
@pytest.mark.parametrize("sid, lang, line", [
    ("checked-plug", "en", "Sounds like a firmware fault, that happens after updates."),
    ("checked-plug", "de", "Klingt nach einem Firmwarefehler, das kommt nach Updates öfter vor."),
    ("diva-complaint", "en", "Probably some DHCP lease thing on the concentrator, the engineers will look."),
    ("diva-complaint", "de", "Vermutlich irgendwas mit dem DHCP-Lease am Konzentrator, die Techniker schauen."),
    ("checked-plug", "en", "Sorry, what was your name, and what number can I call you back on?"),
    ("checked-plug", "de", "Entschuldigung, wie war Ihr Name, und unter welcher Nummer erreiche ich Sie?"),
])
def test_a_line_that_takes_up_nothing_said_is_no_summary(sid: str, lang: str, line: str) -> None:
    sc, state, score = _as(sid, lang, line, ("summary",))
    assert not summarises(ScoredCall(sc, state, None), state.trainee_turns[1], hers=True)
    assert not _credits(score, 2, "summary", "listening_summary")
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("sid, lang, line", [
    ("unknown-answer", "en", "Hm, the pro licence has pretty much every module in it, I'd say it's included."),
    ("unknown-answer", "de", "Hm, bei der Pro-Lizenz ist eigentlich jedes Modul dabei, das müsste mit drin sein."),
])
def test_a_guess_read_as_a_summary_earns_no_summary_credit(sid: str, lang: str, line: str) -> None:
    """EN 38: the guess was debited in transparency and credited "+25 summarised" beside it."""
    sc, state, score = _as(sid, lang, line, ("summary",))
    assert not _credits(score, 2, "summary", "listening_summary")


@pytest.mark.parametrize("sid, lang, line", [
    ("checked-plug", "en", "I see, so this morning the printer shows no light and makes no noise at all, and the statements are due."),
    ("checked-plug", "de", "Verstehe, also seit heute Morgen zeigt der Drucker kein Licht und macht keinen Mucks, und die Abrechnung muss raus."),
])
def test_a_real_summary_of_her_words_keeps_its_full_credit(sid: str, lang: str, line: str) -> None:
    sc, state, score = _as(sid, lang, line, ("summary",), (("summary", line.split(",")[1].strip().split()[0]),))
    assert summarises(ScoredCall(sc, state, None), state.trainee_turns[1], hers=True)


@pytest.mark.parametrize("lang, line", [
    ("en", "ok so your ethernet link dropped and the NIC lost the LAN connection, no network since"),
    ("de", "ok also der Ethernet-Link ist weg und die Netzwerkkarte hat keine LAN-Verbindung, kein Netzwerk seitdem"),
])
def test_a_summary_in_jargon_for_a_lay_caller_earns_half(lang: str, line: str) -> None:
    """EN 21: "ok so no network connection right … ethernet cable" got the full +25 for a lay receptionist."""
    sc, state, score = _as("jargon-averse", lang, line, ("summary", "jargon"))
    got = [e.kind for e in _credits(score, 2, "summary")]
    assert got and all(k.endswith("_brief") for k in got)


def test_no_pattern_of_the_scoring_wording_holds_a_control_character() -> None:
    """EN 38: "\\bi'd say\\b" in double quotes was YAML for a backspace – "I'd say it's included" was no guess."""
    import yaml

    from simulator.scoring.wording import DATA_FILE

    def strings(x):
        if isinstance(x, dict):
            return [s for v in x.values() for s in strings(v)]
        if isinstance(x, list):
            return [s for v in x for s in strings(v)]
        return [x] if isinstance(x, str) else []

    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    assert not [s for s in strings(data) if any(ord(c) < 32 for c in s)]


@pytest.mark.parametrize("lang, line", [
    ("de", "Ich versteh, dass Ihnen ein Ja lieber wär. Aber wenn ich jetzt „ist bestimmt drin“ sag und es stimmt nicht, zahlt Ihr Chef drauf."),
    ("de", "Wenn ich Ihnen sag, das ist wahrscheinlich dabei, und dann kostet es extra, ist keinem geholfen."),
    ("en", "If I say it's probably included and it isn't, your boss signs for the wrong thing."),
    ("en", "I won't guess on this one, I'd rather find out properly."),
])
def test_a_refusal_that_quotes_the_guess_is_no_guess(lang: str, line: str) -> None:
    """DE 1/2: the refusal to guess quoted the guess ("wenn ich … sag") and lost its understanding as "a guess"."""
    from simulator.scoring.wording import guesses

    assert not guesses(line, lang)


# -- EN 26/42/47, 14/32: one judgement of a time – a past slot, a symptom's start, opening hours promise nothing ---------
@pytest.mark.parametrize("lang, line, expected", [
    ("en", "The technician was booked for yesterday between nine and twelve.", ""),
    ("en", "So the trouble started last Monday, right?", ""),
    ("en", "Our licensing colleagues are here until 5 pm today.", ""),
    ("en", "I'll call you back today before 5 pm.", "concrete"),
    ("en", "As soon as the form is in, the change takes fifteen minutes.", "concrete"),
    ("en", "They'll get back to you shortly, tomorrow or the day after.", "vague"),
    ("de", "Der Techniker war für gestern von neun bis zwölf eingeplant.", ""),
    ("de", "Das geht also seit Montag so?", ""),
    ("de", "Die Kollegen von der Lizenzabteilung sind heute bis 17 Uhr erreichbar.", ""),
    ("de", "Ich rufe Sie heute vor 17 Uhr zurück.", "concrete"),
    ("de", "Die melden sich zeitnah bei Ihnen.", "vague"),
])
def test_a_time_is_judged_once_as_a_promise(lang: str, line: str, expected: str) -> None:
    from simulator.scoring.lines import time_promise

    span = {"en": ("yesterday", "last Monday", "until 5 pm", "before 5 pm", "fifteen minutes", "shortly"),
            "de": ("gestern", "seit Montag", "bis 17 Uhr", "vor 17 Uhr", "zeitnah")}[lang]
    time = next(s for s in span if s in line)
    sc, state, score = _as("unknown-answer", lang, line, ("time_commitment",), (("time_commitment", time),))
    assert time_promise(ScoredCall(sc, state, None), state.trainee_turns[1]) == expected
    frames = [e for e in _items(score, "transparency", 2) if e.kind == "time_frame" and e.effect > 0]
    assert bool(frames) == (expected == "concrete")


@pytest.mark.parametrize("lang, vague_line", [
    ("en", "The team will revert back to you shortly, maybe tomorrow or the day after."),
    ("de", "Die Kollegen melden sich zeitnah bei Ihnen, vielleicht morgen oder übermorgen."),
])
def test_a_vague_time_is_not_the_time_step_done(lang: str, vague_line: str) -> None:
    """EN 14: transparency said "only a vague time" and the checklist "step done: concrete time commitment"."""
    sc, state, score = _as("diva-complaint", lang, vague_line, ("time_commitment",), (("time_commitment", vague_line),))
    step = next(s for s in sc.steps if "time_commitment" in s.acts)
    state = _reading(state, 2, ("time_commitment",), (("time_commitment", vague_line),), steps=(step.id,))
    score = score_call(sc, state)
    kinds = [e.kind for e in _items(score, "checklist", 2)]
    assert "step_vague_time" in kinds and "step_done" not in kinds


# -- EN 39 / DE 13: a curt or regional goodbye is a goodbye – before anything was solved it ended the call early ---------
@pytest.mark.parametrize("lang, last", [
    ("en", "not my problem really. bye"),
    ("en", "can't help you there, cheers, bye"),
    ("de", "do konn i nix macha. pfiat eahna"),
    ("de", "Da kann ich nix machen. Tschüss."),
])
def test_an_unread_goodbye_before_the_solution_is_no_missing_goodbye(lang: str, last: str) -> None:
    sc, state, _ = _play("missed-appointment", lang, [GREET[lang], last])
    state = _reading(state, 2, (), ())
    score = score_call(sc, state)
    kinds = [e.kind for e in _items(score, "courtesy")]
    assert "no_closing" not in kinds and "premature_close" in kinds


# -- EN 4: a call abandoned after the greeting is no passable call -------------------------------------------------------
@pytest.mark.parametrize("sid", ["checked-plug", "diva-complaint", "mobile-caller"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_call_abandoned_after_the_greeting_scores_well_below_30(sid: str, lang: str) -> None:
    sc, state, score = _play(sid, lang, [GREET[lang]])
    assert score.total < 28
    assert "nothing_explained" in [e.kind for e in _items(score, "clarity")]
    assert problems(sc, state, score) == []


# -- DE 17: no sentence ends at an abbreviation's dot, in either language ------------------------------------------------
@pytest.mark.parametrize("text, span, sentence", [
    ("Das ist vermutlich die Anmeldung bzw. die Freigabe am Server. Dann geht es.", "Anmeldung",
     "Das ist vermutlich die Anmeldung bzw. die Freigabe am Server."),
    ("Vielen Dank für Ihre Geduld, Frau Dr. Vogt. Schönen Tag!", "Geduld", "Vielen Dank für Ihre Geduld, Frau Dr. Vogt."),
    ("Schauen Sie z. B. am Stecker nach, ca. zwei Minuten. Gut?", "Stecker", "Schauen Sie z. B. am Stecker nach, ca. zwei Minuten."),
    ("Check a cable, e.g. the one at the wall. Then tell me.", "cable", "Check a cable, e.g. the one at the wall."),
    ("Thanks for waiting, Mr. Reed. Bye!", "waiting", "Thanks for waiting, Mr. Reed."),
])
def test_a_sentence_does_not_end_at_an_abbreviation(text: str, span: str, sentence: str) -> None:
    from simulator.scoring.transcript import sentence_of

    assert sentence_of(text, span) == sentence


# -- EN 23: her goodbye is no mood turn to answer --------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["de", "en"])
def test_her_goodbye_is_no_mood_drop_to_answer(lang: str) -> None:
    from dataclasses import replace

    sc, state, _ = _play("jargon-averse", lang, [GREET[lang], "ok", "ok bye"])
    bye = {"en": "Thanks ever so much, that was really kind. Bye!", "de": "Vielen lieben Dank, das war sehr nett. Tschüss!"}
    exchanges = tuple(replace(x, reply=replace(x.reply, text=bye[lang]))
                      if x.trainee is not None and x.trainee.number == 2 and x.reply is not None else x
                      for x in state.exchanges)
    exchanges = tuple(replace(x, trainee=replace(x.trainee, mood=x.trainee.mood - 40))
                      if x.trainee is not None and x.trainee.number == 2 else x for x in exchanges)
    state = replace(state, exchanges=exchanges)
    score = score_call(sc, state)
    assert not [e for e in _items(score, "empathy", 3) if e.kind == "cue_missed"]
