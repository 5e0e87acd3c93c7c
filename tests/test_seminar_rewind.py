"""Seminar mode at the edges: a hang-up does not end the seminar; notes, a rewind, the next trainee, the store, the summary."""

from __future__ import annotations

from pathlib import Path

import window_fakes as wf  # sets the SDL dummy drivers before pygame is imported

import pytest  # noqa: E402

from simulator.dialogue import Engine  # noqa: E402
from simulator.dialogue.seminar import Seminar  # noqa: E402
from simulator.errors import UsageError  # noqa: E402
from simulator.scenario import load  # noqa: E402
from simulator.ui.seminar_terminal import SeminarTerminal  # noqa: E402

SCRIPTS = Path(__file__).parent / "scripts" / "checked-plug"
RUDE = {"en": "Calm down, that's not my problem. Are you too stupid to plug in a printer?",
        "de": "Jetzt beruhigen Sie sich mal, das ist nicht mein Problem. Sind Sie zu dumm, einen Drucker einzustecken?"}


@pytest.fixture(scope="module")
def engine():
    return Engine(load("checked-plug"), "en")


def lines(lang="en", quality="good"):
    return [l for l in (SCRIPTS / f"{lang}-{quality}.txt").read_text(encoding="utf-8").splitlines() if l.strip()]


def hang_up(s: Seminar, lang: str = "en") -> int:
    """The trainee on the hot seat is rude until the customer hangs up; returns the turn that ended the call."""
    while not s.state.ended:
        s.say(RUDE[lang])
    assert s.state.outcome.reason == "hangup"
    return s.state.turn


def test_a_hang_up_does_not_end_the_seminar(engine):
    s = Seminar(engine, ["Ana", "Ben", "Cem"], scorer=wf.fake_score, clock=wf.FakeClock())
    s.say(lines()[0])
    s.pass_turn()
    end = hang_up(s)
    assert not s.finished and s.call.ended
    with pytest.raises(UsageError, match="rewind"):
        s.say("Sorry!")
    note = s.mark("insulted the customer")  # the instructor still marks, notes and adjusts
    adj = s.adjust("empathy", -10, "rude")
    assert (note.trainee, note.attempt, adj.trainee, adj.attempt) == ("Ben", 1, "Ben", 1)
    with pytest.raises(UsageError, match="ended the call"):
        s.rewind(end)
    for bad in (-1, end + 1, "two"):
        with pytest.raises(UsageError):
            s.rewind(bad)
    call = s.rewind(1)
    assert s.on_seat == "Cem" and call is s.call and not call.ended and s.state.turn == 1
    assert s.attempt.number == 2 and s.attempt.start == 1
    s.say(lines()[1])
    s.end_call()
    rows = {r.trainee: r for r in s.ranking()}
    assert rows["Ben"].turns == tuple(range(2, end + 1)) and rows["Ben"].taken == end - 1
    assert [(a.attempt, a.outcome, a.counted) for a in rows["Ben"].attempts] == [(1, "hangup", True)]
    assert rows["Ben"].adjustments == (adj,) and rows["Ben"].marks == (note,)
    assert rows["Cem"].turns == (2,) and [a.attempt for a in rows["Cem"].attempts] == [2]
    assert rows["Ana"].turns == (1,) and rows["Ana"].taken == 1  # turn 1 carried over, not said again
    with pytest.raises(UsageError):
        s.rewind(0)


def test_the_last_attempt_counts(engine):
    s = Seminar(engine, ["Ana", "Ben"], scorer=wf.fake_score, clock=wf.FakeClock())
    s.say(lines()[0])
    hang_up(s)
    s.rewind(1, "Ana")  # Ana tries her second line again
    s.say(lines()[1])
    s.end_call()
    (row,) = [r for r in s.ranking() if r.trainee == "Ana"]
    first = tuple(range(1, len(row.attempts[0].turns) + 1))  # her good line, then rude ones to the hang-up
    assert [(a.attempt, a.turns, a.new_turns, a.counted) for a in row.attempts] == [
        (1, first, first, False), (2, (1, 2), (2,), True)]
    assert row.turns == (1, 2) and row.score is row.attempts[-1].score
    assert row.taken == len(row.attempts[0].turns) + 1


def test_hang_up_notes_rewind_and_the_next_trainee_are_stored(engine, tmp_path):
    from simulator.storage import Store
    from simulator.storage.log import CallLog

    store = Store.open(f"sqlite:///{tmp_path / 'rewind.db'}")
    names = ("Ana", "Ben", "Cem")
    logs = {n: CallLog(store, engine.scenario, "en", trainee=n, mode="seminar", only=n) for n in names}
    s = Seminar(engine, names, logs=logs, clock=wf.FakeClock())
    s.say(lines()[0])
    s.say(lines()[1])
    s.pass_turn()
    end = hang_up(s)  # Ben
    s.mark("insulted the customer")
    s.adjust("empathy", -10, "rude")
    (ben,) = store.export("Ben")["sessions"]  # stored at once: his call has ended
    assert [(a["reason"], a["dimension"]) for a in ben["adjustments"]] == [("insulted the customer", None),
                                                                          ("rude", "empathy")]
    s.rewind(2)
    assert s.on_seat == "Cem"
    for line in lines()[2:4]:
        s.say(line)
    s.mark("good recap", "Cem")  # Cem's attempt is still open: stored when it ends
    s.pass_turn()  # Ana again, in the second attempt
    s.say(lines()[4])
    s.end_call()
    rows = {r.trainee: r for r in s.ranking()}
    export = {n: store.export(n)["sessions"] for n in names}
    said = {n: [[(t["number"], t["text"]) for t in c["turns"] if t["speaker"] == "trainee"] for c in export[n]]
            for n in names}
    assert said["Ben"] == [[(n, RUDE["en"]) for n in range(3, end + 1)]]  # one session: his attempt
    assert said["Cem"] == [[(3, lines()[2]), (4, lines()[3])]]  # his own words only, a session of attempt 2
    # Ana: attempt 1 (turns 1, 2) and attempt 2 (turns 1, 2 carried over, 5 new) -- a retry is a new session
    assert said["Ana"] == [[(1, lines()[0]), (2, lines()[1])], [(1, lines()[0]), (2, lines()[1]), (5, lines()[4])]]
    for n in names:
        assert all(c["mode"] == "seminar" and c["status"] == "finished" for c in export[n])
        for c in export[n]:  # the customer's lines kept: the opening and the replies to their own lines only
            own = {t["number"] for t in c["turns"] if t["speaker"] == "trainee"}
            assert {t["number"] for t in c["turns"] if t["speaker"] == "customer"} <= own | {0}
        assert export[n][-1]["total"] == pytest.approx(rows[n].automatic)  # the counted attempt is the newest
    assert [a["reason"] for a in export["Cem"][0]["adjustments"]] == ["good recap"]
    assert export["Ben"][0]["total"] == pytest.approx(rows["Ben"].attempts[0].score.total)
    assert len(store.history(trainee="Ana")) == 2 and len(store.history(trainee="Ben")) == 1
    store.close()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_terminal_hang_up_rewind_and_summary(lang, tmp_path):
    eng = Engine(load("checked-plug"), lang)
    good = lines(lang)
    html = tmp_path / "summary.html"
    typed = iter([good[0], "/next", RUDE[lang], RUDE[lang], RUDE[lang], "/note Ben ask why", "/adjust Ben empathy -10 rude",
                  "/pause", good[1], "/resume", "/rewind 1", good[1], good[2], "/rewind 9", "/rewind x y z",
                  f"/summary {tmp_path / 'summary.txt'}", "/end"])
    out: list[str] = []
    s = Seminar(eng, ["Ana", "Ben", "Cem"], scorer=wf.fake_score, clock=wf.FakeClock())
    SeminarTerminal(s, lang=lang, read=lambda prompt: next(typed), write=out.append, summary=str(html)).run()
    text = "\n".join(out)
    t = SeminarTerminal(s, lang=lang).t
    assert t("paused_terminal") in text and "/resume" in t("paused_terminal") and "F9" not in t("paused_terminal")
    assert t("call_over") in text and "/rewind" in t("call_over")
    assert t("rewound", n=1, attempt=2, trainee="Cem") in text
    assert "! no turn 9" in text and "! usage: /rewind" in text and "! cannot write a seminar summary" in text
    assert s.turns_of("Cem") == (2, 3) and s.counted("Ben").number == 1
    assert "ask why" in text.split(f"== {t('ranking')} ==")[1]  # marks and notes in the ranking
    page = html.read_text(encoding="utf-8")
    assert t("summary_written", path=html) in text
    for piece in ("Ana", "Ben", "Cem", "ask why", t("attempt", n=1), t("dimension.empathy")):
        assert piece in page


def test_summary_pdf_and_html_escape(engine, tmp_path):
    pytest.importorskip("reportlab")
    from simulator.reports.seminar_summary import build, render_html, write_summary

    s = Seminar(engine, ["<b>Ana</b>", "Ben"], scorer=wf.fake_score, clock=wf.FakeClock())
    s.say(lines()[0])
    s.mark("<script>x</script>")
    s.adjust("clarity", 5, "clear & calm")
    s.end_call()
    page = render_html(build(s, "en"))
    assert "<script>x" not in page and "&lt;b&gt;Ana" in page and "clear &amp; calm" in page
    pdf = write_summary(tmp_path / "s.pdf", s, lang="de")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    with pytest.raises(UsageError):
        write_summary(tmp_path / "missing" / "s.html", s, lang="en")


# -- the projector window: keys only, headless -------------------------------------------
@pytest.fixture(scope="module")
def display():
    import pygame

    pygame.display.init()
    pygame.font.init()
    yield
    pygame.display.quit()


def long_title_engine(lang: str) -> Engine:
    """checked-plug with a title far too long for one header line (it must wrap, not be cut)."""
    from dataclasses import replace

    sc = load("checked-plug")
    long = {"en": "The printer in accounts is dead on the last day of the month – \"I already checked the plug, "
                  "twice, and my manager needs the statements on her desk by three o'clock!\"",
            "de": "Der Drucker in der Buchhaltung ist am Monatsletzten tot – „Stecker hab ich schon zweimal geprüft, "
                  "und meine Chefin braucht die Auszüge um drei Uhr auf dem Tisch!“"}
    return Engine(replace(sc, title=replace(sc.title, variants={k: (v,) for k, v in long.items()})), lang)


def test_window_hang_up_notes_rewind_and_summary_by_keys(display, tmp_path, monkeypatch):
    import pygame

    from simulator.ui.seminar_window import SeminarWindow

    eng = long_title_engine("en")
    clock = wf.FakeClock()
    s = Seminar(eng, ["Ana", "Ben", "Cem"], scorer=wf.fake_score, clock=clock)
    w = SeminarWindow(s, lang="en", summary=str(tmp_path / "room.html"))
    surface = pygame.Surface((1366, 768))

    def keys(*events):
        for e in events:
            w.handle_event(e)
        w.update()
        w.draw(surface)

    keys(wf.typed(lines()[0]), wf.key(pygame.K_RETURN), wf.key(pygame.K_TAB))
    clock.now += 95
    while not s.state.ended:
        keys(wf.typed(RUDE["en"]), wf.key(pygame.K_RETURN))
    end = s.state.turn
    assert not s.finished and w.screen == "call" and "F4" in w.status
    keys(wf.typed("ignored"), wf.key(pygame.K_RETURN))  # Enter after the end: the rewind dialog, nothing typed
    assert w.dialog == "rewind" and w.dialog_entry.text == str(end - 1) and s.state.turn == end
    keys(wf.key(pygame.K_ESCAPE), wf.key(pygame.K_F7), wf.typed("too rude"), wf.key(pygame.K_RETURN))
    keys(wf.key(pygame.K_F8), wf.key(pygame.K_RETURN), wf.typed("-10"), wf.key(pygame.K_RETURN), wf.typed("rude"),
         wf.key(pygame.K_RETURN))
    assert [(m.trainee, m.note) for m in s.marks] == [("Ben", "too rude")] and s.adjustments[0].trainee == "Ben"
    clock.now += 30  # the discussion after the end does not run the call timer
    keys()
    assert wf.compare_golden(surface, "seminar-hangup-1366-en") <= wf.TOLERANCE  # long title wrapped, call over
    keys(wf.key(pygame.K_F4), wf.key(pygame.K_BACKSPACE), wf.typed("9"), wf.key(pygame.K_RETURN))
    assert w.dialog == "rewind" and "no turn 9" in w.status  # the dialog stays for a better number
    keys(wf.key(pygame.K_BACKSPACE), wf.typed("1"), wf.key(pygame.K_RETURN))
    assert w.dialog is None and s.on_seat == "Cem" and s.state.turn == 1 and s.attempt.number == 2
    keys(wf.typed(lines()[1]), wf.key(pygame.K_RETURN))
    assert s.turns_of("Cem") == (2,)
    keys(wf.key(pygame.K_ESCAPE))
    assert w.screen == "ranking" and s.finished
    keys(wf.key(pygame.K_DOWN), wf.key(pygame.K_s))
    assert (tmp_path / "room.html").exists() and "room.html" in w.status
    page = (tmp_path / "room.html").read_text(encoding="utf-8")
    assert "too rude" in page and "Cem" in page


def test_pause_is_a_full_screen_overlay(display):
    import pygame

    from simulator.ui.seminar_window import SeminarWindow

    eng = Engine(load("checked-plug"), "de")
    clock = wf.FakeClock()
    s = Seminar(eng, ["Ana", "Ben"], scorer=wf.fake_score, clock=clock)
    w = SeminarWindow(s, lang="de")
    surface = pygame.Surface((1920, 1080))
    for line in lines("de")[:2]:
        s.say(line)
        s.pass_turn()
    clock.now += 61
    w.handle_event(wf.key(pygame.K_F9))
    clock.now += 30
    w.update()
    w.draw(surface)
    assert s.paused
    # the middle of the screen is the overlay's colour, not a panel's white
    centre = surface.get_at((960, 200))[:3]
    assert sum(centre) < 200, centre
    assert wf.compare_golden(surface, "seminar-pause-1920-de") <= wf.TOLERANCE


def test_font_scale_and_exam(display):
    import pygame

    from simulator.ui.seminar_window import SeminarWindow

    s = Seminar(Engine(load("checked-plug"), "en"), ["Ana"], scorer=wf.fake_score, clock=wf.FakeClock())
    big = SeminarWindow(s, lang="en", font_scale=1.5, exam=True)
    assert big.font_scale == pytest.approx(SeminarWindow.SCALE * 1.5)
    surface = pygame.Surface((1366, 768))
    big.draw(surface)  # the exam hides the checklist; nothing overflows into an error
    assert big.fonts(768).body_size > SeminarWindow(s, lang="en").fonts(768).body_size


def test_sequence_rewind_is_the_same_trainee_trying_again(engine):
    s = Seminar(engine, ["Ana", "Ben"], mode="sequence", scorer=wf.fake_score, clock=wf.FakeClock())
    s.say(lines()[0])
    hang_up(s)
    s.rewind(1, "Ben")  # in sequence mode the seat stays: it is Ana's call
    assert s.on_seat == "Ana" and s.attempt.number == 2 and s.attempt.players == ("Ana",)
    s.say(lines()[1])
    s.pass_turn()
    assert s.on_seat == "Ben" and s.attempt.number == 1  # Ben's own first call
    s.say(lines()[0])
    s.end_call()
    rows = {r.trainee: r for r in s.ranking()}
    assert [(a.attempt, a.outcome_key) for a in rows["Ana"].attempts] == [(1, "reason.hangup"), (2, "reason.quit")]
    assert rows["Ana"].turns == (1, 2) and rows["Ben"].turns == (1,)
