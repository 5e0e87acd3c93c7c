"""The command line: ``simulator play | validate | analyse | scenarios | rubric | ...``.

Only click is imported at start-up; everything heavy (rich, the analyser,
pygame, speech, SQLAlchemy) is imported inside the command that needs it, so
``simulator --help`` stays fast. Every :class:`SimulatorError` becomes one
line on stderr and its exit code; no traceback reaches the user for bad input.
"""

from __future__ import annotations

import json
import os
import sys

import click

from simulator.config import default_language  # re-exported: older code imports it from here
from simulator.errors import Interrupted, UsageError
from simulator.scenario.options import SCENARIOS_OPTION

DEFAULT_SCENARIO = "checked-plug"


LANG_OPTION = click.option("--lang", "lang", default=None, metavar="de|en",
                           help="Language of the call (default: SIMULATOR_LANG or your locale).")


class LazyGroup(click.Group):
    """A group whose subcommands live in other modules and are imported only when used.

    ``LAZY`` maps a command name to ``"module:attribute"``; each subsystem keeps
    its own commands (storage, reports, seminar) without slowing ``--help``.
    """

    LAZY: dict[str, tuple[str, str]] = {
        # name: ("module:attribute", short help shown by --help without importing)
        "rubric": ("simulator.scoring.commands:rubric", "Show the rubric and persona card of a scenario."),
        "explain": ("simulator.dialogue.explain:explain", "Explain how the customer reads one trainee line: acts, steps, reply."),
        "seminar": ("simulator.ui.seminar:seminar", "Run a call on a projector with several trainees (hot seat)."),
        "trainee": ("simulator.storage.commands:trainee", "Add, export or delete trainees."),
        "cohort": ("simulator.storage.commands:cohort", "List and manage cohorts."),
        "history": ("simulator.storage.commands:history", "List stored calls."),
        "report": ("simulator.reports.commands:report", "Progress reports for trainees, instructors and HR."),
        "export": ("simulator.reports.xapi:export", "Export calls as xAPI statements for a learning system (LRS)."),
        "privacy": ("simulator.storage.commands:privacy", "Show or change the privacy settings."),
        "serve": ("simulator.web.commands:serve", "Run the web application for instructors, HR and admins."),
        "user": ("simulator.web.commands:user", "Web accounts: add, list, roles, cohort assignments, audit log."),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.LAZY))

    def invoke(self, ctx: click.Context) -> object:
        """Run the subcommand; Ctrl-C and a closed pipe end it as a user expects, not as click's 'Aborted!' (exit 1).

        Ctrl-C: ``simulator: interrupted``, exit 130; a declined confirmation or
        end of input at a prompt: ``simulator: aborted``, exit 130; the reader
        of stdout going away (``simulator ... | head``): exit 0, silently.
        """
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            if sys.stderr.isatty():
                click.echo(err=True)  # end the line the terminal echoed '^C' on
            raise Interrupted("interrupted") from None
        except (click.exceptions.Abort, EOFError):
            raise Interrupted("aborted") from None
        except BrokenPipeError:
            try:  # the flush at exit must not hit the closed pipe again
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            raise click.exceptions.Exit(0) from None

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.LAZY:
            import importlib

            module, attr = self.LAZY[name][0].split(":")
            try:
                return getattr(importlib.import_module(module), attr)
            except (ImportError, AttributeError) as exc:
                raise UsageError(f"the '{name}' command is not available: {exc}") from None
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.LAZY:
                rows.append((name, self.LAZY[name][1]))
            else:
                cmd = super().get_command(ctx, name)
                if cmd is not None and not cmd.hidden:
                    rows.append((name, cmd.get_short_help_str(limit=formatter.width - 20)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="simulator")
def cli() -> None:
    """Practise IT-support calls with a role-played customer, and get an explained score."""


# -- scenarios ---------------------------------------------------------------
@cli.command()
@SCENARIOS_OPTION
def scenarios() -> None:
    """List the scenarios: id, languages, title (your --scenarios and SIMULATOR_SCENARIOS folders first)."""
    from simulator.errors import ScenarioError
    from simulator.scenario import load
    from simulator.scenario.library import library

    for sid, path in library().items():
        try:
            sc = load(sid)
        except ScenarioError:  # one broken file of the user's must not hide the others
            click.echo(f"{sid:20} {'':6} (invalid: simulator validate {path})")
            continue
        title = sc.title.get("en") or sc.title.get(sc.languages[0])
        click.echo(f"{sid:20} {','.join(sc.languages):6} {title}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def validate(paths: tuple[str, ...]) -> None:
    """Check scenario files (or folders of them); print every problem, compiler style."""
    from pathlib import Path

    from simulator.scenario.loader import parse_scenario

    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")))
        else:
            files.append(path)
    if not files:
        raise UsageError("no scenario files found in " + ", ".join(paths))
    bad = 0
    for f in files:
        try:
            data = f.read_bytes()
        except OSError as exc:
            click.echo(f"{f}: cannot read file: {exc.strerror or exc}", err=True)
            bad += 1
            continue
        scenario, problems = parse_scenario(str(f), data)
        if scenario is not None and not problems and scenario.conversations:  # play the example conversations
            from simulator.dialogue.conversations import check_conversations

            problems = check_conversations(scenario)
        for problem in problems:
            click.echo(str(problem), err=True)
        bad += bool(problems)
    click.echo(f"{len(files) - bad} of {len(files)} scenario file(s) valid", err=True)
    if bad:
        raise SystemExit(1)


# -- analyser ----------------------------------------------------------------
@cli.command()
@LANG_OPTION
@click.option("--jsonl", is_flag=True, help="One JSON object per line (the default output is JSON lines too; this flag is accepted for scripts).")
def analyse(lang: str | None, jsonl: bool) -> None:
    """Read one trainee utterance per line on stdin; write its communication acts as JSON lines."""
    from simulator.analysis import Analyser

    analyser = Analyser.for_language(lang or default_language())
    stream = click.get_text_stream("stdin", errors="replace")
    for raw in stream:
        text = raw.rstrip("\n")
        result = analyser.analyse(text)
        out = {
            "text": text,
            "acts": list(result.acts),
            "evidence": [{"act": e.act, "start": e.start, "end": e.end, "text": e.text} for e in result.evidence],
        }
        click.echo(json.dumps(out, ensure_ascii=False))


# -- play --------------------------------------------------------------------
def _script_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return [line.rstrip("\n") for line in fh if line.strip()]
    except OSError as exc:
        raise UsageError(f"cannot read script {path}: {exc.strerror or exc}") from None


def _audio_files(paths: tuple[str, ...]) -> list[str]:
    """WAV files of --audio-script: files as given, folders expanded in name order."""
    from pathlib import Path

    files: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(str(f) for f in sorted(path.glob("*.wav")))
        elif path.is_file():
            files.append(str(path))
        else:
            raise UsageError(f"no such audio file or folder: {p}")
    if not files:
        raise UsageError("--audio-script found no .wav files")
    return files


@cli.command()
@click.argument("scenario", required=False, default=DEFAULT_SCENARIO)
@SCENARIOS_OPTION
@LANG_OPTION
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the customer's phrasings (same seed, same call).")
@click.option("--script", "script", type=click.Path(), default=None, help="Play non-interactively: one trainee line per line of FILE.")
@click.option("--audio-script", "audio_script", multiple=True, metavar="WAV|DIR",
              help="Play non-interactively from recorded trainee answers, one WAV per turn (repeatable; a folder is read in name order).")
@click.option("--json", "as_json", is_flag=True, help="Print the whole call as one JSON document.")
@click.option("--ui", type=click.Choice(["auto", "terminal", "window"]), default="auto", show_default=True,
              help="Where to play: a window when a display is present, else the terminal.")
@click.option("--exam", is_flag=True, help="Hide the checklist (exam mode); no coach hints.")
@click.option("--coach", "coach_mode", is_flag=True,
              help="Coach mode: after a turn that missed something, one short hint (never the solution; not in --exam).")
@click.option("--voice/--no-voice", "voice", default=None,
              help="Speak the customer's lines (default: on in interactive play, off for scripts).")
@click.option("--tts", default="espeak-ng", show_default=True, help="Text-to-speech backend: espeak-ng, espeak (pyttsx3), silent.")
@click.option("--mic", is_flag=True, help="Answer by microphone (push-to-talk); typing stays possible.")
@click.option("--hands-free", "hands_free", is_flag=True,
              help="Answer by microphone without a key: listening starts when the customer stops, ends when you do.")
@click.option("--recognizer", default=None, metavar="NAME",
              help="Speech recognizer: whisper (offline, German default), sphinx (offline, English default), "
                   "vosk:/path/to/model, google (online).")
@click.option("--report", "report", type=click.Path(), default=None,
              help="Write the debrief to FILE.html (standalone page) or FILE.md (Markdown).")
@click.option("--audio-out", "audio_out", type=click.Path(), default=None, help="Write every customer line (and trainee recording) as numbered WAV files into DIR.")
@click.option("--trainee", default=None,
              help="Who is practising (name or pseudonym T-xxxxxx); default: your profile (asked once, else your login name).")
@click.option("--private", is_flag=True, help="A private practice run: not stored unless the privacy setting store_private is on.")
@click.option("--store/--no-store", "store", default=True, show_default=True, help="Store the call (turn by turn) in the progress database.")
@click.option("--db", default=None, envvar="SIMULATOR_DB", metavar="URL",
              help="Progress database: sqlite:///file.db or postgresql+psycopg://... (default: a SQLite file in your data folder).")
def play(scenario: str, lang: str | None, seed: int, script: str | None, audio_script: tuple[str, ...], as_json: bool,
         ui: str, exam: bool, coach_mode: bool, voice: bool | None, tts: str, mic: bool, hands_free: bool, recognizer: str | None, report: str | None,
         audio_out: str | None, trainee: str | None, private: bool, store: bool, db: str | None) -> None:
    """Take a call: SCENARIO is an id (see 'simulator scenarios') or a path to a .yaml file."""
    from simulator.dialogue import Engine
    from simulator.dialogue.session import Call
    from simulator.scenario import load
    from simulator.strings import strings

    sc = load(scenario)
    engine = Engine(sc, lang or default_language())
    if report:
        _check_report_path(report)  # before the call, not after it
    scripted = script is not None or bool(audio_script) or as_json
    files = _audio_files(audio_script) if audio_script else []
    lines = _script_lines(script) if script is not None else None
    speak = voice if voice is not None else not scripted
    mic = mic or hands_free
    pipeline = None
    if speak or audio_out or files or mic:
        from simulator.errors import BackendError
        from simulator.voice.registry import voice_for_call

        try:
            pipeline = voice_for_call(sc, engine.lang, tts=tts if speak or audio_out else None, recognizer=recognizer,
                                      listen=bool(files) or mic, player="pygame" if speak and not scripted else "null",
                                      audio_out=audio_out, seed=seed, hands_free=hands_free)
        except BackendError as exc:
            if voice is not None or files or audio_out:
                raise  # asked for explicitly: fail at start-up, naming what is missing
            click.echo(strings(engine.lang).t("voice_unavailable", message=exc.message), err=True)
    window = not scripted and (ui == "window" or (ui == "auto" and _display()))
    if trainee is None and not private and store and not scripted:  # progress accumulates under the profile's name
        trainee = _profile_trainee(ask=not window)
    # coach mode: hints after a missed turn; the window may switch it on later (F3), exam mode never has it
    coach = None
    if not exam and (coach_mode or window):
        from simulator.dialogue.coach import Coach

        coach = Coach(sc, enabled=coach_mode)
    # The observers, in the order they hear each turn: the store first (a line is kept before anything
    # else can go wrong), then what the trainee sees, then the voice, then the report file.
    observers: list = []
    log = _call_log(sc, engine.lang, seed, trainee, private, "exam" if exam else "practice", db, coach) if store else None
    if log is not None:
        observers.append(log)
    terminal = None
    if not window and not as_json:
        from simulator.ui.terminal import TerminalUI

        terminal = TerminalUI(live=not scripted, scenario=sc, coach=coach)
        observers.append(terminal)
    elif coach is not None:
        observers.append(coach)  # the window finds it among the observers
    if pipeline is not None and (speak or audio_out) and not window:
        from simulator.voice.speaker import Speaker

        observers.append(Speaker(pipeline))
    if report:
        from simulator.reports.debrief import ReportFile

        observers.append(ReportFile(report, sc, coach))
    call = Call(engine, seed=seed, observers=observers)
    try:
        if scripted:
            if files:
                source = (pipeline.hear_file(f).text for f in files)
            elif lines is not None:
                source = iter(lines)
            else:
                source = (line.rstrip("\n") for line in sys.stdin if line.strip())
            call.play(source)
            unplayed = len(lines) - call.state.turn if lines is not None else 0
            if unplayed > 0:  # the customer ended the call (hung up, line dropped, turn limit)
                s = strings(engine.lang)
                click.echo(s.t("script_unplayed", turn=call.state.turn, reason=s.reason(call.state.outcome.reason),
                               count=unplayed), err=True)
            if as_json:
                doc = call_json(call.state)
                doc["score"] = call.score.to_json()
                click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
            return
        if window:
            from simulator.ui.window import run_window

            run_window(call, exam=exam, voice=pipeline)
            return
        terminal.run(call, exam=exam, voice=pipeline, mic=mic)
    finally:
        if pipeline is not None:  # no decode thread or espeak-ng process outlives the call
            pipeline.close()


def _profile_trainee(*, ask: bool) -> str | None:
    """The name the calls are stored under: the profile; on first use asked in the terminal (else the login name)."""
    from simulator.config import load_profile, profile_trainee
    from simulator.strings import strings

    known = load_profile()
    if known:
        return known
    s = strings(default_language())
    prompt = (lambda default: click.prompt(s.t("profile_prompt", default=default), default=default,
                                           show_default=False)) if ask and sys.stdin.isatty() else None
    name = profile_trainee(prompt)
    if name:
        click.echo(s.t("profile_saved", name=name), err=True)
    return name


def _call_log(sc, lang: str, seed: int, trainee: str | None, private: bool, mode: str, db: str | None, coach=None):
    """The store for this call; with the default database a failure is a warning, with --db an error."""
    from simulator.errors import BackendError
    from simulator.strings import strings

    try:
        from simulator.storage import Store
        from simulator.storage.log import CallLog

        return CallLog(Store.open(db), sc, lang, seed=seed, trainee=trainee, mode=mode, private=private, coach=coach)
    except ImportError as exc:
        if db:
            raise BackendError(f"storing calls needs SQLAlchemy: pip install 'simulator[store]' ({exc.name})") from None
        click.echo(strings(lang).t("store_unavailable"), err=True)
    except BackendError as exc:
        if db:
            raise
        click.echo(strings(lang).t("store_failed", message=exc.message), err=True)
    return None


def _check_report_path(report: str) -> None:
    from pathlib import Path

    from simulator.reports.debrief import HTML_SUFFIXES, MARKDOWN_SUFFIXES

    target = Path(report)
    if target.suffix.lower() not in HTML_SUFFIXES + MARKDOWN_SUFFIXES:
        raise UsageError(f"cannot write a debrief as '{target.suffix or target.name}': use a .html or .md file")
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {report}: no such folder {target.parent}")


def _display() -> bool:
    """A display is there to open a window on (pygame is imported only when DISPLAY is set)."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    from simulator.ui.window import display_available

    return display_available()


def call_json(state) -> dict:
    """The JSON document of a finished call."""
    return {
        "scenario": state.scenario_id,
        "lang": state.lang,
        "seed": state.seed,
        "turns": [t.to_json() for t in state.transcript],
        "outcome": state.outcome.to_json() if state.outcome else None,
    }


def main(argv: list[str] | None = None) -> int:
    """Entry point ``simulator = "simulator.cli:main"``: run the CLI in click's standalone mode; return the exit code.

    click prints every :class:`~simulator.errors.SimulatorError` (one line, see
    :mod:`simulator.errors`) and exits; the exit is turned back into the
    return value, so ``sys.exit(main())`` and tests calling ``main([...])``
    both work.
    """
    try:
        cli.main(args=argv, prog_name="simulator")
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        click.echo(f"simulator: {exc.code}", err=True)
        return 1
    except KeyboardInterrupt:  # before or after click's own handling (e.g. during shell completion)
        click.echo("simulator: interrupted", err=True)
        return 130
    return 0
