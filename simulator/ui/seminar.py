"""``simulator seminar``: one customer, several trainees, an instructor, a projector.

The pieces live beside what they belong to:

* :mod:`simulator.dialogue.seminar` -- the logic (:class:`Seminar` on
  :class:`~simulator.dialogue.session.Call` objects: hot seat, pause, marks,
  notes, adjustments, per-trainee scores, ranking), no UI;
* :mod:`simulator.ui.seminar_window` -- the projector screens (pygame);
* :mod:`simulator.ui.seminar_terminal` -- typed commands without a display;
* this module -- the click command, which also opens the store: every
  trainee's part of the seminar is stored as their own call (mode
  ``seminar``), with their own score and the instructor's notes.
"""

from __future__ import annotations

import click

from simulator.dialogue.seminar import MODES, Seminar, parse_trainees
from simulator.scenario.options import SCENARIOS_OPTION


def open_store(db: str | None):
    """The progress store; with the default database a failure is a warning (None), with --db an error."""
    from simulator.errors import BackendError

    try:
        from simulator.storage import Store

        return Store.open(db)
    except ImportError as exc:
        if db:
            raise BackendError(f"storing calls needs SQLAlchemy: pip install 'simulator[store]' ({exc.name})") from None
        click.echo("simulator: the seminar is not stored (SQLAlchemy is not installed)", err=True)
    except BackendError as exc:
        if db:
            raise
        click.echo(f"simulator: {exc.message} – the seminar is not stored", err=True)
    return None


def customer_voice(scenario, lang: str, tts: str, *, seed: int, asked: bool | None):
    """The voice pipeline speaking the customer; None (with a warning) when it is missing and was not asked for."""
    from simulator.errors import BackendError
    from simulator.voice.registry import voice_for_call

    try:
        return voice_for_call(scenario, lang, tts=tts, player="pygame", seed=seed)
    except BackendError as exc:
        if asked:
            raise  # asked for explicitly: fail at start-up, naming what is missing
        click.echo(f"simulator: {exc.message} – continuing without voice", err=True)
    return None


def trainee_logs(store, scenario, lang: str, names, *, seed: int, private: bool) -> dict:
    """One log per trainee: their stored call (mode seminar) keeps the opening and their own exchanges only."""
    from simulator.storage.log import CallLog

    return {name: CallLog(store, scenario, lang, seed=seed, trainee=name, mode="seminar", private=private, only=name)
            for name in names}


@click.command()
@click.argument("scenario", required=False, default="checked-plug")
@SCENARIOS_OPTION
@click.option("--trainees", required=True, metavar="NAMES", help='Comma-separated names, e.g. "Ana,Ben,Cem".')
@click.option("--lang", "lang", default=None, metavar="de|en", help="Language of the call (default: SIMULATOR_LANG or your locale).")
@click.option("--mode", type=click.Choice(MODES), default="hotseat", show_default=True,
              help="hotseat: take turns on one call; sequence: each trainee plays the whole call.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the customer's phrasings.")
@click.option("--ui", type=click.Choice(["auto", "window", "terminal"]), default="auto", show_default=True,
              help="A projector window when a display is present, else typed commands in the terminal.")
@click.option("--voice/--no-voice", "voice", default=None,
              help="Speak the customer's lines (default: on in the projector window, off in the terminal).")
@click.option("--tts", default="espeak-ng", show_default=True, help="Text-to-speech backend: espeak-ng, espeak (pyttsx3), silent.")
@click.option("--private", is_flag=True, help="Private practice: not stored unless the privacy setting store_private is on.")
@click.option("--store/--no-store", "store", default=True, show_default=True,
              help="Store each trainee's part of the seminar (their turns, score and the instructor's notes).")
@click.option("--db", default=None, envvar="SIMULATOR_DB", metavar="URL",
              help="Progress database: sqlite:///file.db or postgresql+psycopg://... (default: a SQLite file in your data folder).")
@click.option("--summary", default=None, metavar="FILE",
              help="Write a summary for the participants when the seminar ends: .html, or .pdf (needs reportlab).")
@click.option("--font-scale", "font_scale", type=click.FloatRange(0.6, 2.0), default=1.0, show_default=True,
              help="Text size on the projector (Ctrl +/− change it while running).")
@click.option("--exam", is_flag=True, help="Do not show the checklist on the projector.")
def seminar(scenario: str, trainees: str, lang: str | None, mode: str, seed: int, ui: str, voice: bool | None, tts: str,
            private: bool, store: bool, db: str | None, summary: str | None, font_scale: float, exam: bool) -> None:
    """Run a call on a projector with several trainees (hot seat or one after the other).

    A call that ends (the customer hangs up) does not end the seminar: rewind
    to a turn (F4, or /rewind N) and let the next trainee try from there; the
    ranking comes when the instructor ends the seminar (Esc, or /end).
    """
    from simulator.config import default_language
    from simulator.dialogue import Engine
    from simulator.scenario import load

    names = parse_trainees(trainees)
    if summary:
        from simulator.reports.seminar_summary import HTML_SUFFIXES, PDF_SUFFIXES

        if not summary.lower().endswith(HTML_SUFFIXES + PDF_SUFFIXES):  # before anything is played
            raise click.BadParameter("use a .html or .pdf file", param_hint="--summary")
    sc = load(scenario)
    engine = Engine(sc, lang or default_language())
    if ui == "auto":
        from simulator.ui.display import display_available

        ui = "window" if display_available() else "terminal"
    surface = None
    if ui == "window":  # before anything is stored: no window, no seminar
        from simulator.ui.display import open_display
        from simulator.ui.texts import Texts

        surface = open_display(Texts(engine.lang)("seminar"), (1600, 900))
    speak = voice if voice is not None else ui == "window"
    pipeline = customer_voice(sc, engine.lang, tts, seed=seed, asked=voice is not None) if speak else None
    db_store = open_store(db) if store else None
    worker = None
    try:
        logs = trainee_logs(db_store, sc, engine.lang, names, seed=seed, private=private) if db_store else None
        observers: list = []  # after the logs: a line is stored before it is spoken
        if pipeline is not None and ui == "window":
            from simulator.ui.seminar_window import seminar_voice

            worker, observer = seminar_voice(pipeline)
            observers.append(observer)
        elif pipeline is not None:
            from simulator.voice.speaker import Speaker

            observers.append(Speaker(pipeline))
        run = Seminar(engine, names, mode=mode, seed=seed, logs=logs, observers=observers)
        from simulator.ui.seminar_terminal import SeminarTerminal

        if ui == "window":
            from simulator.ui.seminar_window import run_seminar_window

            run_seminar_window(run, lang=engine.lang, voice=worker, surface=surface, font_scale=font_scale, exam=exam,
                               summary=summary)
            worker = None  # the window closed it
            terminal = SeminarTerminal(run, lang=engine.lang)
            terminal.show_ranking()
            if summary:
                terminal.write_summary(summary)
        else:
            SeminarTerminal(run, lang=engine.lang, summary=summary).run()
    finally:
        if worker is not None:
            worker.close()
        if pipeline is not None:  # its waiting espeak-ng processes end with the seminar
            pipeline.close()
        if db_store is not None:
            db_store.close()
