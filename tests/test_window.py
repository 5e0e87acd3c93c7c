"""The trainee window, driven headless (SDL dummy driver) with injected key events.

The window plays a :class:`Call`: these tests build the Call with a fake scorer
and a recording observer and check that the window feeds it, never scores it
itself and shows what the Call scored.
"""

from __future__ import annotations

import time
from pathlib import Path

import window_fakes as wf  # sets SDL_VIDEODRIVER/SDL_AUDIODRIVER=dummy before pygame is imported

import pygame  # noqa: E402
import pytest  # noqa: E402

from simulator.dialogue import Engine  # noqa: E402
from simulator.dialogue.session import Call  # noqa: E402
from simulator.scenario import load  # noqa: E402
from simulator.ui.screens.card import card_lines, heard_so_far  # noqa: E402
from simulator.ui.trainee import TraineeApp  # noqa: E402
from simulator.ui.window import run_window  # noqa: E402

SCRIPTS = Path(__file__).parent / "scripts" / "checked-plug"
SIZE = (1366, 768)


from window_fakes import display  # noqa: E402,F401  (the module's dummy window)


@pytest.fixture(scope="module")
def scenario():
    return load("checked-plug")


LAST_WORD = {"en": "Bye, Ms Hall, take care!", "de": "Tschüss, Frau Hahn, alles Gute!"}
"""The trainee's goodbye after hers: the last line of a call (her goodbye no longer ends it)."""


def script(lang: str, quality: str = "good") -> list[str]:
    lines = [line for line in (SCRIPTS / f"{lang}-{quality}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines + [LAST_WORD[lang]] if quality == "good" else lines


def make(scenario, lang="en", *, scorer=wf.fake_score, observers=(), clock=None, **kw) -> TraineeApp:
    call = Call(Engine(scenario, lang), scorer=scorer, observers=observers)
    return TraineeApp(call, clock=clock or wf.FakeClock(), **kw)


def pump(app: TraineeApp, events, surface=None) -> None:
    """Post events to pygame's queue, then let the app take them as the real loop does."""
    for event in events:
        pygame.event.post(event)
    for event in pygame.event.get():
        app.handle_event(event)
    app.update()
    if surface is not None:
        app.draw(surface)


def say(app: TraineeApp, line: str, surface=None) -> None:
    pump(app, [wf.typed(line), wf.key(pygame.K_RETURN)], surface)


def test_whole_scripted_call_through_key_events(scenario):
    app = make(scenario)
    surface = pygame.Surface(SIZE)
    app.draw(surface)
    assert app.screen == "start" and not app.call.started  # nothing started (or stored) before Enter
    pump(app, [wf.key(pygame.K_RETURN)], surface)
    assert app.screen == "call"
    assert app.view.drawn_turns == 0  # the phone rings: nobody has spoken yet
    ring = [line.text for line in app.view.transcript_lines(app.fonts(768), 800)]
    assert ring[0] == app.t("ring") and app.t("ring_hint") in " ".join(ring)
    lines = script("en")
    for n, line in enumerate(lines, start=1):
        if app.call.ended:
            break
        shown = " ".join(x.text for x in app.view.transcript_lines(app.fonts(768), 800))
        assert (app.t("last_word_hint") in shown) == (n == len(lines))  # her goodbye came: this line ends it
        say(app, line, surface)
        assert app.call.state.turn == n
        assert app.view.entry.text == ""
    state = app.call.state
    assert state.ended and state.outcome.reason == "solved"
    assert app.view.drawn_turns == len(state.transcript) >= 2 * len(lines) - 1
    assert set(app.view.ticked()) == {s.id for s in scenario.steps}  # every step recognised -> ticked
    assert app.screen == "call"  # the last customer line stays visible ...
    pump(app, [wf.key(pygame.K_RETURN)], surface)
    assert app.screen == "debrief"  # ... until Enter
    assert app.view.score is app.call.score and app.call.score.total > 0
    assert len(app.call.states) == len(lines) + 1
    pump(app, [wf.key(pygame.K_ESCAPE)])
    assert app.quit


def test_german_interface_text(scenario):
    app = make(scenario, lang="de")
    assert app.t("transcript") == "Gesprächsverlauf"
    app.take_call()
    app.view.send(script("de")[0])
    lines = [line.text for line in app.view.transcript_lines(app.fonts(768), 800)]
    assert lines[0] == "Sie (1)" and "Kunde" in lines  # the trainee answered the ring; then the customer opened


def test_trainee_ticks_checklist_with_keyboard_and_exam_hides_it(scenario):
    app = make(scenario)
    app.take_call()
    pump(app, [wf.key(pygame.K_TAB), wf.key(pygame.K_TAB)])
    assert app.view.focus == "checklist"
    pump(app, [wf.key(pygame.K_DOWN), wf.key(pygame.K_DOWN), wf.key(pygame.K_SPACE), wf.typed(" ")])
    assert app.view.ticked() == {"check_plug": "self"}
    pump(app, [wf.key(pygame.K_SPACE)])
    assert app.view.ticked() == {}
    pump(app, [wf.typed("H")])  # typing jumps back to the answer box
    assert app.view.focus == "input" and app.view.entry.text == "H"

    exam = make(scenario, exam=True)
    exam.take_call()
    assert "checklist" not in exam.view.panels()
    pump(exam, [wf.key(pygame.K_TAB), wf.key(pygame.K_TAB)])
    assert exam.view.focus == "persona"


def test_escape_ends_the_call_through_the_call_scored_once_and_stored_once(scenario):
    scorer, store = wf.CountingScorer(), wf.EndRecorder()
    app = make(scenario, scorer=scorer, observers=[store])
    surface = pygame.Surface(SIZE)
    pump(app, [wf.key(pygame.K_RETURN)])
    say(app, script("en")[0])
    assert [s.turn for s in store.turns] == [0, 1]  # the store hears every turn as it happens
    pump(app, [wf.key(pygame.K_ESCAPE)], surface)
    assert app.screen == "debrief"
    assert app.call.state.outcome.reason == "quit"
    for _ in range(3):  # drawing and scrolling the debrief never scores again
        pump(app, [wf.key(pygame.K_DOWN)], surface)
    assert len(scorer.calls) == 1
    assert store.ends == [(app.call.state, app.call.score)]
    assert app.view.score is app.call.score


def test_a_call_the_customer_ends_is_scored_once_not_again_at_the_debrief(scenario):
    scorer, store = wf.CountingScorer(), wf.EndRecorder()
    app = make(scenario, scorer=scorer, observers=[store])
    app.take_call()
    for line in script("en"):
        if not app.call.ended:
            say(app, line)
    assert app.call.ended and len(scorer.calls) == 1  # scored by the Call when the customer ended it
    pump(app, [wf.key(pygame.K_RETURN)], pygame.Surface(SIZE))
    assert app.screen == "debrief"
    assert len(scorer.calls) == 1 and len(store.ends) == 1


def test_retry_from_turn_n_is_a_new_call_scored_and_stored_once_more(scenario):
    scorer, store = wf.CountingScorer(), wf.EndRecorder()
    app = make(scenario, scorer=scorer, observers=[store])
    app.take_call()
    for line in script("en", "poor")[:4]:
        app.view.send(line)
    first = app.call
    after_two = first.states[2]
    app.end_call()
    pump(app, [wf.typed("r"), wf.typed("9")])
    assert app.view.retry_entry == "9"
    pump(app, [wf.key(pygame.K_RETURN)])
    assert app.screen == "debrief" and "0" in app.status.text  # out of range: asked again
    pump(app, [wf.key(pygame.K_BACKSPACE), wf.typed("2"), wf.key(pygame.K_RETURN)])
    assert app.screen == "call"
    assert app.call is not first and first.ended
    assert app.call.state is after_two and len(app.call.states) == 3
    assert store.turns[-1] is after_two  # the resumed call told the store where it starts: a new session
    app.view.send(script("en")[2])
    assert app.call.state.turn == 3
    assert app.call.state.transcript[:len(after_two.transcript)] == after_two.transcript
    pump(app, [wf.key(pygame.K_ESCAPE)])
    assert len(scorer.calls) == 2  # one score per attempt, none by the window
    assert [end[0] for end in store.ends] == [first.state, app.call.state]
    assert [end[1] for end in store.ends] == [first.score, app.call.score]


def test_a_retry_does_not_carry_hand_ticks_over(scenario):
    app = make(scenario)
    app.take_call()
    app.view.send(script("en")[0])
    pump(app, [wf.key(pygame.K_TAB), wf.key(pygame.K_TAB), wf.key(pygame.K_DOWN), wf.key(pygame.K_DOWN),
               wf.key(pygame.K_SPACE)])
    assert "self" in app.view.ticked().values()
    app.end_call()
    assert app.retry(1)
    assert app.screen == "call"
    assert "self" not in app.view.ticked().values()
    assert app.view.focus == "input" and app.view.entry.text == ""


def test_answer_box_cursor_keys(scenario):
    app = make(scenario)
    app.take_call()
    entry = app.view.entry
    ctrl = pygame.KMOD_LCTRL
    pump(app, [wf.typed("hello world")] + [wf.key(pygame.K_LEFT)] * 5 + [wf.typed("big ")])
    assert entry.text == "hello big world"
    pump(app, [wf.key(pygame.K_HOME), wf.typed(">"), wf.key(pygame.K_END), wf.typed("!")])
    assert entry.text == ">hello big world!"
    pump(app, [wf.key(pygame.K_LEFT, mod=ctrl), wf.key(pygame.K_LEFT, mod=ctrl), wf.typed("very ")])
    assert entry.text == ">hello very big world!"
    pump(app, [wf.key(pygame.K_RIGHT, mod=ctrl), wf.key(pygame.K_BACKSPACE, mod=ctrl)])
    assert entry.text == ">hello very  world!"
    pump(app, [wf.key(pygame.K_RIGHT), wf.key(pygame.K_BACKSPACE), wf.key(pygame.K_DELETE)])
    assert entry.text == ">hello very orld!"
    app.draw(pygame.Surface(SIZE))  # the cursor mid-text draws
    pump(app, [wf.key(pygame.K_RETURN)])
    assert app.call.state.trainee_turns[-1].text == ">hello very orld!"


def test_text_size_keys_do_not_type_into_the_box(scenario):
    app = make(scenario)
    surface = pygame.Surface(SIZE)
    app.take_call()
    ctrl = pygame.KMOD_LCTRL
    before = app.fonts(768).body_size
    # SDL sends the character of a Ctrl+key as TEXTINPUT right after the KEYDOWN on some layouts
    pump(app, [wf.key(pygame.K_EQUALS, mod=ctrl), wf.typed("="), wf.key(pygame.K_KP_PLUS, mod=ctrl), wf.typed("+")],
         surface)
    assert app.fonts(768).body_size > before and app.view.entry.text == ""
    pump(app, [wf.key(pygame.K_MINUS, mod=ctrl), wf.typed("-")] * 2, surface)
    assert app.font_scale == 1.0 and app.view.entry.text == ""
    pump(app, [wf.key(pygame.K_KP_PLUS), wf.typed("+")])  # without Ctrl the keypad + types
    assert app.view.entry.text == "+"


def test_scrolling(scenario):
    app = make(scenario)
    surface = pygame.Surface(SIZE)
    app.take_call()
    for line in script("en"):
        if not app.call.ended:
            app.view.send(line)
    app.draw(surface)
    view = app.view
    top = view.max_offsets["transcript"]
    assert top > 0 and view.follow
    pump(app, [wf.key(pygame.K_PAGEUP)], surface)
    assert not view.follow and view.transcript_offset == max(0, top - view.page)
    pump(app, [wf.key(pygame.K_PAGEDOWN)] * 5, surface)
    assert view.follow
    for size in ((800, 600), (1920, 1080)):  # resizable: any size lays out
        app.draw(pygame.Surface(size))


def wait_for(app, condition, seconds=3.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.update()
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_push_to_talk_runs_off_the_ui_thread_and_dropouts_cut_the_signal(scenario):
    clock = wf.FakeClock()
    voice = wf.FakePipeline()
    app = make(scenario, voice=voice, microphone=wf.FakeMicrophone(), clock=clock)
    try:
        pump(app, [wf.key(pygame.K_RETURN)])
        assert voice.spoken == []  # the phone rings: the customer has not said anything yet
        pump(app, [wf.key(pygame.K_F2)])  # the trainee answers the ring by voice
        assert app.voice_state == "listening"
        pump(app, [wf.typed("x")])  # typing is ignored while talking
        assert app.view.entry.text == ""
        pump(app, [wf.key_up(pygame.K_F2)])
        assert wait_for(app, lambda: app.call.state.turn == 1)
        assert app.call.state.transcript[0].text == voice.heard
        assert app.voice_state == "idle"
        assert wait_for(app, lambda: len(voice.spoken) == 1)  # her opening is spoken through the worker
        assert voice.spoken == [app.call.state.last_customer_line]
        assert wait_for(app, lambda: app.dropouts)
        start, end = app.dropouts[0]
        clock.now = (start + end) / 2
        assert app.view.signal_bars() == (0, True)
        clock.now = end + 0.5
        app.update()
        assert app.view.signal_bars() == (4, False)
    finally:
        app.close()


def test_no_microphone_is_a_status_line_and_typing_still_works(scenario):
    app = make(scenario, voice=wf.FakePipeline(), microphone=wf.FakeMicrophone(present=False))
    try:
        pump(app, [wf.key(pygame.K_RETURN)])
        assert wait_for(app, lambda: app.mic_message)
        pump(app, [wf.key(pygame.K_SPACE)])  # Space in an empty box = push-to-talk
        assert app.voice_state == "idle"
        assert "PortAudio lists no input device" in app.status.text
        say(app, "What exactly happens when you print?")
        assert app.call.state.turn == 1
    finally:
        app.close()
    silent = make(scenario)
    silent.take_call()
    pump(silent, [wf.key(pygame.K_F2)])
    assert silent.status.text == silent.t("voice_off")


def test_line_drop_shows_in_status_and_signal():
    app = make(load("mobile-caller"))
    app.take_call()
    assert app.view.signal_bars()[0] < 4  # a mobile line never shows full strength
    for _ in range(4):  # the scenario drops the line after turn 4 (unless the agent took a callback number)
        app.view.send("I understand, that's really annoying.")
    assert app.call.state.outcome.reason == "line_dropped"
    assert app.status.text.startswith(app.t("line_drop"))
    assert app.view.signal_bars()[0] == 0
    lines = [line.text for line in app.view.transcript_lines(app.fonts(768), 800)]
    assert "— " + app.t("line_drop") + " —" in lines


def test_run_window_plays_the_call_it_is_given_and_returns_the_last_one(scenario):
    scorer, store = wf.CountingScorer(), wf.EndRecorder()
    call = Call(Engine(scenario, "en"), scorer=scorer, observers=[store])
    line = script("en")[0]
    steps = iter([
        [wf.key(pygame.K_RETURN)],                              # take the call
        [wf.typed(line), wf.key(pygame.K_RETURN)],              # one line
        [wf.key(pygame.K_ESCAPE)],                              # end it -> debrief
        [wf.typed("r"), wf.typed("1"), wf.key(pygame.K_RETURN)],  # retry from turn 1
        [pygame.event.Event(pygame.QUIT)],                      # close the window mid-call
    ])
    screens = []

    def on_frame(app):
        screens.append(app.screen)
        for event in next(steps, []):
            pygame.event.post(event)

    last = run_window(call, fps=1000, on_frame=on_frame)
    pygame.display.init()  # run_window closed the display; the module fixture expects it
    pygame.display.set_mode((64, 64))
    assert screens[0] == "start" and "debrief" in screens
    assert last is not call and call.ended and last.ended
    assert last.state.outcome.reason == "interrupted" and last.score is not None
    assert len(scorer.calls) == 2 and len(store.ends) == 2


def test_debrief_renders_the_shared_debrief_view_with_the_terminals_labels(scenario):
    from simulator.strings import strings
    from simulator.ui.screens.debrief import evidence_lines

    app = make(scenario, lang="de")
    app.take_call()
    for line in script("de"):
        if not app.call.ended:
            app.view.send(line)
    app.end_call()
    view = app.view.debrief
    assert view is app.view.debrief  # built once
    assert [r.label for r in view.rows][0] == strings("de").dimension("empathy") == "Verständnis zeigen"
    lines = [line.text for line in evidence_lines(app.t, view, app.fonts(768), 800)]
    assert any("Verständnis zeigen" in line for line in lines) and not any("Empathie" in line for line in lines)
    for size in ((800, 600), (640, 480), (1920, 1080)):
        app.draw(pygame.Surface(size))


def test_debrief_without_a_score_says_why(scenario):
    def broken(scenario, state, *, turns=None):
        raise ImportError("scoring needs numpy")

    app = make(scenario, scorer=broken)
    app.take_call()
    pump(app, [wf.key(pygame.K_ESCAPE)], pygame.Surface(SIZE))
    assert app.screen == "debrief" and app.call.score is None
    assert app.score_error == "scoring needs numpy" and app.view.debrief is None


def test_closing_the_window_on_the_start_screen_starts_nothing(scenario):
    store = wf.EndRecorder()
    call = Call(Engine(scenario, "en"), scorer=wf.CountingScorer(), observers=[store])

    def on_frame(app):
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    assert run_window(call, fps=1000, on_frame=on_frame) is call
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    assert not call.started and store.turns == [] and store.ends == [] and call.scorer.calls == []


# -- screenshots ---------------------------------------------------------------
def screens(scenario, lang="en"):
    """Yield (name, surface) for the start, call and debrief screens with a fixed clock."""
    clock = wf.FakeClock(1000.0)
    app = make(scenario, lang=lang, clock=clock)
    surface = pygame.Surface(SIZE)
    app.draw(surface)
    yield "start", surface
    app.take_call()
    app.draw(surface)
    yield "ring", surface  # the phone rings until the trainee's first line
    lines = script(lang)
    for line in lines[:4]:
        app.view.send(line)
    clock.now += 83
    app.view.ticks.add("recap")
    app.draw(surface)
    yield "call", surface
    for line in lines[4:]:
        if not app.call.ended:
            app.view.send(line)
    app.end_call()
    app.draw(surface)
    yield "debrief", surface


@pytest.mark.parametrize("lang", ["en", "de"])
def test_screens_match_golden(scenario, lang):
    for name, surface in screens(scenario, lang):
        diff = wf.compare_golden(surface, f"{name}-{lang}")
        assert diff <= wf.TOLERANCE, f"{name}-{lang}: {diff:.3%} of pixels differ from the golden screenshot"


# -- coach mode (F3) ---------------------------------------------------------------
COACH_LINES = {
    "en": ["Hello, IT desk, Sam speaking.", "Check the plug.", "Please reboot the router and renew the DHCP lease."],
    "de": ["Hallo, IT-Hotline, Sam am Apparat.", "Prüfen Sie den Stecker.",
           "Bitte starten Sie den Router neu und erneuern Sie die DHCP-Lease."],
}


def test_f3_switches_the_coach_one_hint_per_turn_kept_for_the_debrief_and_exam_has_none(scenario):
    from simulator.dialogue.coach import Coach
    from simulator.dialogue.events import CoachHint

    app = make(scenario, observers=[Coach(scenario, enabled=False)])
    surface = pygame.Surface(SIZE)
    pump(app, [wf.key(pygame.K_RETURN)], surface)
    first, plug, jargon = COACH_LINES["en"]
    say(app, first, surface)
    assert app.view.hint() is None and not app.view.coaching()  # coach mode is off until F3
    pump(app, [wf.key(pygame.K_F3)], surface)
    assert app.coach.enabled and app.status.text == app.t("coach_on")
    say(app, plug, surface)  # a request without a reason: she refuses
    assert app.view.hint() == CoachHint("reason")
    say(app, jargon, surface)  # jargon to a caller who does not speak it
    assert app.view.hint() == CoachHint("jargon")
    assert app.coach.all_shown() == ((2, CoachHint("reason")), (3, CoachHint("jargon")))
    pump(app, [wf.key(pygame.K_F3)], surface)
    assert not app.coach.enabled and app.view.hint() is None and app.status.text == app.t("coach_off")
    pump(app, [wf.key(pygame.K_ESCAPE)], surface)
    assert app.screen == "debrief"
    assert [(h.turn, h.kind) for h in app.view.debrief.hints] == [(2, "reason"), (3, "jargon")]

    exam = make(scenario, exam=True, observers=[Coach(scenario, enabled=True)])
    pump(exam, [wf.key(pygame.K_RETURN)], surface)
    say(exam, plug, surface)
    pump(exam, [wf.key(pygame.K_F3)], surface)
    assert exam.coach is None and exam.view.hint() is None and exam.status.text == exam.t("coach_exam")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_coach_screen_matches_golden(scenario, lang):
    from simulator.dialogue.coach import Coach

    clock = wf.FakeClock(1000.0)
    app = make(scenario, lang=lang, clock=clock, observers=[Coach(scenario, enabled=True)])
    surface = pygame.Surface(SIZE)
    app.take_call()
    for line in COACH_LINES[lang][:2]:
        app.view.send(line)
    clock.now += 41
    app.clear_status()
    app.draw(surface)
    assert app.view.hint() is not None
    diff = wf.compare_golden(surface, f"coach-{lang}")
    assert diff <= wf.TOLERANCE, f"coach-{lang}: {diff:.3%} of pixels differ from the golden screenshot"


# -- the agent's card: only what the agent knows -------------------------------------
def test_the_ramblers_card_hides_the_name_until_he_says_it():
    rambler = load("voicebox-rambler")
    app = make(rambler, clock=wf.FakeClock(1000.0))
    surface = pygame.Surface(SIZE)
    app.draw(surface)
    diff = wf.compare_golden(surface, "start-rambler-en")
    assert diff <= wf.TOLERANCE, f"start-rambler-en: {diff:.3%} of pixels differ from the golden screenshot"
    app.take_call()

    def card() -> str:
        return " ".join(line.text for line in card_lines(app.t, rambler, "en", app.fonts(768), 500,
                                                         heard_so_far(app.call.state)))

    assert "Gordon Walsh" not in card() and "Brookner" not in card() and app.t("caller_unknown") in card()
    app.view.send("Hello, IT service desk, Sam speaking.")
    assert "Gordon Walsh" not in card()  # he rambles on without his name
    app.view.send("Before we go on: may I have your name and a number to call you back?")
    assert "Gordon Walsh" in card() and "Brookner Drinks Wholesale" in card()  # now the agent knows
