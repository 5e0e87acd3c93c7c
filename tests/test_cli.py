"""The command line, as a user types it: exit codes, one-line errors, JSON output.

Everything runs in-process through click's CliRunner (click's standalone
mode, as the entry point runs it); only the tests of the installed entry point
and of a real closed pipe start a process.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from simulator.cli import LazyGroup, cli, main

ROOT = Path(__file__).resolve().parent.parent
SIMULATOR = Path(sys.executable).parent / "simulator"
"""The installed console script of this virtualenv."""
COMPILER_LINE = re.compile(r"^[^:\n]+(:\d+:\d+)?: \S")
"""file:line:col: message (line and column left out when unknown)."""


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths (tests/data/..., scenarios) as a user in the checkout types them."""
    monkeypatch.chdir(ROOT)


def run(*args: str, stdin: str = "") -> Result:
    """``simulator ARGS`` in-process; no exception other than click's exit may escape (no traceback for bad input)."""
    result = CliRunner().invoke(cli, list(args), input=stdin, prog_name="simulator")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def one_line(result: Result, code: int) -> str:
    """The single stderr line of a failed command, after checking its exit code."""
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("simulator: "), result.stderr
    return result.stderr


# -- help and listings ----------------------------------------------------------------------------
def test_help_lists_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: simulator ")
    for name in ("play", "validate", "analyse", "scenarios", "rubric", "report"):
        assert name in result.stdout


def test_scenarios_lists_ids_and_languages() -> None:
    result = run("scenarios")
    assert result.exit_code == 0
    assert "checked-plug" in result.stdout and "de,en" in result.stdout


# -- validate ------------------------------------------------------------------------------------
def test_validate_clean_library_exits_0() -> None:
    result = run("validate", "scenarios")
    assert result.exit_code == 0, result.stderr
    assert "valid" in result.stderr


def test_validate_broken_file_is_compiler_style_without_traceback() -> None:
    result = run("validate", "tests/data/broken/refs.yaml", "tests/data/broken/syntax.yaml")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "tests/data/broken/refs.yaml:" in result.stderr and "(did you mean 'empathy'?)" in result.stderr
    assert "tests/data/broken/syntax.yaml:4:1: YAML syntax error" in result.stderr


def test_validate_broken_folder_prints_every_problem_compiler_style() -> None:
    result = run("validate", "tests/data/broken/")
    assert result.exit_code == 1
    *problems, summary = result.stderr.splitlines()
    assert problems and all(COMPILER_LINE.match(line) for line in problems), problems
    assert not any(line.startswith("simulator:") for line in problems)
    assert summary == "0 of 7 scenario file(s) valid"


def test_validate_without_files_is_one_line_exit_2(tmp_path: Path) -> None:
    assert "no scenario files found" in one_line(run("validate", str(tmp_path)), 2)


# -- play: bad input ------------------------------------------------------------------------------
def test_unknown_scenario_and_language_exit_2_with_one_line() -> None:
    assert "unknown scenario 'no-such-thing'" in one_line(run("play", "no-such-thing", "--json"), 2)
    assert "unknown language 'fr'" in one_line(run("play", "checked-plug", "--lang", "fr", "--json"), 2)


def test_broken_scenario_file_prints_its_problems_without_prefix() -> None:
    result = run("play", "tests/data/broken/typos.yaml", "--json", "--no-store")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("tests/data/broken/typos.yaml:") for line in lines), lines
    assert "tests/data/broken/typos.yaml:4:21: unknown language 'fr'" in lines
    assert result.stdout == ""


def test_missing_script_file_is_one_line() -> None:
    err = one_line(run("play", "checked-plug", "--script", "/nonexistent.txt", "--json", "--no-store"), 2)
    assert err.startswith("simulator: cannot read script")


def test_bad_report_path_is_refused_before_the_call(tmp_path: Path) -> None:
    result = run("play", "checked-plug", "--report", str(tmp_path / "x.pdf"), "--no-store", stdin="hello\n")
    assert "use a .html or .md file" in one_line(result, 2)
    assert "Customer" not in result.stdout  # no call was played


def test_click_usage_errors_keep_clicks_format() -> None:
    result = run("play", "--no-such-option")
    assert result.exit_code == 2
    assert "Usage: simulator play" in result.stderr and "No such option '--no-such-option'" in result.stderr
    assert run("no-such-command").exit_code == 2


def test_lazy_command_that_cannot_be_imported_is_one_line_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(LazyGroup.LAZY, "broken", ("simulator.no_such_module:command", "A command that is not there."))
    err = one_line(run("broken"), 2)
    assert "the 'broken' command is not available" in err


def test_analyse_unknown_language() -> None:
    assert "xx" in one_line(run("analyse", "--lang", "xx"), 2)


# -- interrupts and pipes ------------------------------------------------------------------------
@pytest.mark.parametrize(("raised", "code", "message"), [
    (KeyboardInterrupt(), 130, "simulator: interrupted\n"),
    (click.exceptions.Abort(), 130, "simulator: aborted\n"),
    (BrokenPipeError(), 0, ""),
])
def test_interrupts_and_closed_pipes(monkeypatch: pytest.MonkeyPatch, raised: BaseException, code: int,
                                     message: str) -> None:
    import simulator.analysis

    def boom(lang: str) -> None:
        raise raised

    monkeypatch.setattr(simulator.analysis.Analyser, "for_language", staticmethod(boom))
    result = run("analyse", "--lang", "en")
    assert result.exit_code == code and result.stderr == message


# -- main(): the entry point's return value ------------------------------------------------------
def test_main_returns_the_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "no-such-thing", "--json"]) == 2
    assert capsys.readouterr().err.startswith("simulator: unknown scenario 'no-such-thing'")
    assert main(["validate", "tests/data/broken/syntax.yaml"]) == 1
    assert main(["--help"]) == 0
    assert main(["--version"]) == 0


# -- play and analyse: output ---------------------------------------------------------------------
def test_play_script_json(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text("Guten Tag, IT-Service, Weber am Apparat. Was genau passiert, wenn Sie drucken?\n\n"
                      "Das ist ärgerlich. Können Sie bitte nachsehen, ob der Stecker steckt?\n", encoding="utf-8")
    result = run("play", "checked-plug", "--lang", "de", "--seed", "4", "--script", str(script), "--json", "--no-store")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["scenario"] == "checked-plug" and doc["lang"] == "de"
    speakers = [t["speaker"] for t in doc["turns"]]
    assert speakers[:2] == ["trainee", "customer"] and speakers.count("trainee") == 2  # the first line answers the ring
    assert "greeting" in doc["turns"][0]["acts"] and "open_question" in doc["turns"][0]["acts"]
    assert set(doc["outcome"]) >= {"resolved", "reason", "final_mood"}
    assert doc["outcome"]["reason"] == "script_end"


def test_analyse_jsonl_reads_stdin() -> None:
    result = run("analyse", "--lang", "en", "--jsonl",
                 stdin="hello this is anna from it support\n\n\x00\x01garbage\nwhat happens when you switch it on\n")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4
    assert "greeting" in rows[0]["acts"]
    assert rows[1]["acts"] == []
    assert "open_question" in rows[3]["acts"]


def test_interactive_terminal_call_shows_rubric_then_debrief() -> None:
    lines = "Good morning, IT desk, Sam speaking. What exactly happens when you print?\n\n\n"
    result = run("play", "checked-plug", "--lang", "en", "--ui", "terminal", "--no-voice", "--no-store", stdin=lines)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Brenda Hall" in out and "Checklist" in out  # persona card and checklist before the call
    assert out.index("Checklist") < out.index("Customer: Yes, Brenda Hall")
    assert "Well, I came in this morning" in out  # the customer answered the open question
    assert "Outcome" in out and out.rindex("Outcome") > out.index("Well, I came in")  # debrief after the call
    exam = run("play", "checked-plug", "--lang", "en", "--ui", "terminal", "--no-voice", "--no-store", "--exam",
               stdin="\n\n")
    assert exam.exit_code == 0 and "Have the power supply checked" not in exam.stdout.split("Customer:")[0]


def test_report_is_written(tmp_path: Path) -> None:
    out = tmp_path / "debrief.html"
    result = run("play", "checked-plug", "--lang", "de", "--script", "tests/scripts/checked-plug/de-good.txt",
                 "--report", str(out), "--no-store")
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.lower().startswith("<!doctype html>")
    assert "Brigitte Hahn" in html or "Stecker" in html


# -- the installed entry point (real processes) -------------------------------------------------
@pytest.mark.skipif(not SIMULATOR.exists(), reason="the simulator console script is not installed in this environment")
def test_installed_entry_point_exit_codes() -> None:
    proc = subprocess.run([str(SIMULATOR), "play", "nosuch"], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 2 and proc.stderr.startswith("simulator: unknown scenario 'nosuch'")
    assert proc.stderr.count("\n") == 1
    proc = subprocess.run([str(SIMULATOR), "--help"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("Usage: simulator ")


def test_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    """``simulator analyse | head -1``: the reader goes away; exit 0, nothing on stderr."""
    utterances = tmp_path / "in.txt"
    utterances.write_text("hello, what happens when you print?\n" * 20_000, encoding="utf-8")
    with utterances.open("rb") as stdin:
        proc = subprocess.Popen([sys.executable, "-m", "simulator", "analyse", "--lang", "en"], stdin=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
        assert proc.stdout.readline().startswith(b"{")
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(timeout=120) == 0 and err == b""
