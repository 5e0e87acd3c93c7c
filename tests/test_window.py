"""The trainee window, driven headless (SDL dummy driver) with injected key events."""

from __future__ import annotations

import time
from pathlib import Path

import window_fakes as wf  # sets SDL_VIDEODRIVER/SDL_AUDIODRIVER=dummy before pygame is imported

import pygame  # noqa: E402
import pytest  # noqa: E402

from simulator.dialogue import Engine  # noqa: E402
from simulator.scenario import load  # noqa: E402
from simulator.ui.window import CallWindow  # noqa: E402

SCRIPTS = Path(__file__).parent / "scripts" / "checked-plug"
SIZE = (1366, 768)


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.display.quit()


@pytest.fixture(scope="module")
def scenario():
    return load("checked-plug")


def script(lang: str, quality: str = "good") -> list[str]:
    return [line for line in (SCRIPTS / f"{lang}-{quality}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def make(scenario, lang="en", **kw) -> CallWindow:
    kw.setdefault("scorer", wf.fake_score)
    kw.setdefault("clock", wf.FakeClock())
    return CallWindow(Engine(scenario, lang), **kw)


def pump(window: CallWindow, events, surface=None) -> None:
    """Post events to pygame's queue, then let the window take them as the real loop does."""
    for event in events:
        pygame.event.post(event)
    for event in pygame.event.get():
        window.handle(event)
    window.tick()
    if surface is not None:
        window.draw(surface)


def say(window: CallWindow, line: str, surface=None) -> None:
    pump(window, [wf.typed(line), wf.key(pygame.K_RETURN)], surface)


def test_whole_scripted_call_through_key_events(scenario):
    w = make(scenario)
    surface = pygame.Surface(SIZE)
    w.draw(surface)
    assert w.model.screen == "start"
    assert w.model.drawn_turns == 0
    pump(w, [wf.key(pygame.K_RETURN)], surface)
    assert w.model.screen == "call"
    assert w.model.drawn_turns == 1  # the opening line is on screen
    lines = script("en")
    for n, line in enumerate(lines, start=1):
        if w.model.state.ended:
            break
        say(w, line, surface)
        assert w.model.state.turn == n
        assert w.model.entry.text == ""
    state = w.model.state
    assert state.ended and state.outcome.reason == "solved"
    assert w.model.transcript_length == len(state.transcript) >= 2 * len(lines) - 1
    assert set(w.ticked()) == {s.id for s in scenario.steps}  # every step recognised -> ticked
    assert w.model.screen == "call"  # the last customer line stays visible ...
    pump(w, [wf.key(pygame.K_RETURN)], surface)
    assert w.model.debrief_visible  # ... until Enter
    assert w.model.score is not None and w.model.score.total > 0
    assert len(w.model.states) == len(lines) + 1
    pump(w, [wf.key(pygame.K_ESCAPE)])
    assert w.model.quit


def test_german_interface_text(scenario):
    w = make(scenario, lang="de")
    assert w.t("transcript") == "Gesprächsverlauf"
    w.take_call()
    w.send(script("de")[0])
    lines = [line.text for line in w.transcript_lines(w.fonts(768), 800)]
    assert lines[0] == "Kunde" and any(l.startswith("Sie (1)") for l in lines)


def test_trainee_ticks_checklist_with_keyboard_and_exam_hides_it(scenario):
    w = make(scenario)
    w.take_call()
    pump(w, [wf.key(pygame.K_TAB), wf.key(pygame.K_TAB)])
    assert w.model.focus == "checklist"
    pump(w, [wf.key(pygame.K_DOWN), wf.key(pygame.K_DOWN), wf.key(pygame.K_SPACE), wf.typed(" ")])
    assert w.ticked() == {"check_plug": "self"}
    pump(w, [wf.key(pygame.K_SPACE)])
    assert w.ticked() == {}
    pump(w, [wf.typed("H")])  # typing jumps back to the answer box
    assert w.model.focus == "input" and w.model.entry.text == "H"

    exam = make(scenario, exam=True)
    assert "checklist" not in exam.panels()
    exam.take_call()
    pump(exam, [wf.key(pygame.K_TAB), wf.key(pygame.K_TAB)])
    assert exam.model.focus == "persona"


def test_escape_ends_call_scores_and_calls_store_hooks(scenario):
    stored = []
    w = make(scenario, store_hooks=[lambda sc, state, score: stored.append((sc.id, state.outcome.reason, score))])
    pump(w, [wf.key(pygame.K_RETURN)])
    say(w, script("en")[0])
    pump(w, [wf.key(pygame.K_ESCAPE)])
    assert w.model.debrief_visible
    assert w.model.state.outcome.reason == "quit"
    assert stored == [("checked-plug", "quit", w.model.score)]


def test_retry_from_turn_n_resumes_that_state(scenario):
    w = make(scenario)
    w.take_call()
    lines = script("en", "poor")
    for line in lines[:4]:
        w.send(line)
    after_two = w.model.states[2]
    w.end_call()
    pump(w, [wf.typed("r"), wf.typed("9")])
    assert w.model.retry_entry == "9"
    pump(w, [wf.key(pygame.K_RETURN)])
    assert w.model.debrief_visible and "0" in w.model.status  # out of range: asked again
    pump(w, [wf.key(pygame.K_BACKSPACE), wf.typed("2"), wf.key(pygame.K_RETURN)])
    assert w.model.screen == "call"
    assert w.model.state is after_two and len(w.model.states) == 3
    good = script("en")
    w.send(good[2])
    assert w.model.state.turn == 3
    assert w.model.state.transcript[:len(after_two.transcript)] == after_two.transcript


def test_scrolling_and_text_size_keys(scenario):
    w = make(scenario)
    surface = pygame.Surface(SIZE)
    w.take_call()
    for line in script("en"):
        if not w.model.state.ended:
            w.send(line)
    w.draw(surface)
    top = w.model.max_offsets["transcript"]
    assert top > 0 and w.model.follow
    pump(w, [wf.key(pygame.K_PAGEUP)], surface)
    assert not w.model.follow and w.model.transcript_offset == max(0, top - w.model.page)
    pump(w, [wf.key(pygame.K_PAGEDOWN)] * 5, surface)
    assert w.model.follow
    before = w.fonts(768).body_size
    pump(w, [wf.key(pygame.K_EQUALS, mod=pygame.KMOD_LCTRL)], surface)
    assert w.fonts(768).body_size > before
    for size in ((800, 600), (1920, 1080)):  # resizable: any size lays out
        w.draw(pygame.Surface(size))


def wait_for(window, condition, seconds=3.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        window.tick()
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_push_to_talk_runs_off_the_ui_thread_and_dropouts_cut_the_signal(scenario):
    clock = wf.FakeClock()
    voice = wf.FakePipeline()
    mic = wf.FakeMicrophone()
    w = make(scenario, voice=voice, microphone=mic, clock=clock)
    try:
        pump(w, [wf.key(pygame.K_RETURN)])
        assert wait_for(w, lambda: w.model.dropouts)
        assert voice.spoken == [w.model.state.last_customer_line]
        start, end = w.model.dropouts[0]
        clock.now = (start + end) / 2
        assert w.signal_bars() == (0, True)
        clock.now = end + 0.5
        w.tick()
        assert w.signal_bars() == (4, False)
        pump(w, [wf.key(pygame.K_F2)])
        assert w.model.voice_state == "listening"
        pump(w, [wf.typed("x")])  # typing is ignored while talking
        assert w.model.entry.text == ""
        pump(w, [wf.key_up(pygame.K_F2)])
        assert wait_for(w, lambda: w.model.state.turn == 1)
        assert w.model.state.transcript[1].text == voice.heard
        assert w.model.voice_state == "idle"
    finally:
        w.close()


def test_no_microphone_is_a_status_line_and_typing_still_works(scenario):
    w = make(scenario, voice=wf.FakePipeline(), microphone=wf.FakeMicrophone(present=False))
    try:
        pump(w, [wf.key(pygame.K_RETURN)])
        assert wait_for(w, lambda: w.model.mic_message)
        pump(w, [wf.key(pygame.K_SPACE)])  # Space in an empty box = push-to-talk
        assert w.model.voice_state == "idle"
        assert "PortAudio lists no input device" in w.model.status
        say(w, "What exactly happens when you print?")
        assert w.model.state.turn == 1
    finally:
        w.close()
    silent = make(scenario)
    silent.take_call()
    pump(silent, [wf.key(pygame.K_F2)])
    assert silent.model.status == silent.t("voice_off")


def test_line_drop_shows_in_status_and_signal(scenario):
    sc = load("mobile-caller")
    w = CallWindow(Engine(sc, "en"), scorer=wf.fake_score, clock=wf.FakeClock())
    w.take_call()
    assert w.signal_bars()[0] < 4  # a mobile line never shows full strength
    for _ in range(4):  # the scenario drops the line after turn 4 (unless the agent took a callback number)
        w.send("I understand, that's really annoying.")
    assert w.model.state.outcome.reason == "line_dropped"
    assert w.model.status.startswith(w.t("line_drop"))
    assert w.signal_bars()[0] == 0
    lines = [line.text for line in w.transcript_lines(w.fonts(768), 800)]
    assert "— " + w.t("line_drop") + " —" in lines


# -- screenshots ---------------------------------------------------------------
def screens(scenario, lang="en"):
    """Yield (name, surface) for the start, call and debrief screens with a fixed clock."""
    clock = wf.FakeClock(1000.0)
    w = make(scenario, lang=lang, clock=clock)
    surface = pygame.Surface(SIZE)
    w.draw(surface)
    yield "start", surface
    w.take_call()
    lines = script(lang)
    for line in lines[:4]:
        w.send(line)
    clock.now += 83
    w.model.ticks.add("recap")
    w.draw(surface)
    yield "call", surface
    for line in lines[4:]:
        if not w.model.state.ended:
            w.send(line)
    w.end_call()
    w.draw(surface)
    yield "debrief", surface


@pytest.mark.parametrize("lang", ["en", "de"])
def test_screens_match_golden(scenario, lang):
    for name, surface in screens(scenario, lang):
        diff = wf.compare_golden(surface, f"{name}-{lang}")
        assert diff <= wf.TOLERANCE, f"{name}-{lang}: {diff:.3%} of pixels differ from the golden screenshot"
