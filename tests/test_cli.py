"""The command line, as a user types it: exit codes, one-line errors, JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli, main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_help_lists_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in ("play", "validate", "analyse", "scenarios", "rubric", "report"):
        assert name in result.output


def test_scenarios_lists_ids_and_languages() -> None:
    result = CliRunner().invoke(cli, ["scenarios"])
    assert result.exit_code == 0
    assert "checked-plug" in result.output and "de,en" in result.output


def test_validate_clean_library_exits_0() -> None:
    proc = run("validate", "scenarios")
    assert proc.returncode == 0, proc.stderr
    assert "valid" in proc.stderr


def test_validate_broken_file_is_compiler_style_without_traceback() -> None:
    proc = run("validate", "tests/data/broken/refs.yaml", "tests/data/broken/syntax.yaml")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "tests/data/broken/refs.yaml:" in proc.stderr and "(did you mean 'empathy'?)" in proc.stderr
    assert "tests/data/broken/syntax.yaml:4:1: YAML syntax error" in proc.stderr


def test_unknown_scenario_and_language_exit_2_with_one_line() -> None:
    proc = run("play", "no-such-thing", "--json")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "unknown scenario 'no-such-thing'" in proc.stderr
    proc = run("play", "checked-plug", "--lang", "fr", "--json")
    assert proc.returncode == 2 and "unknown language 'fr'" in proc.stderr and "Traceback" not in proc.stderr


def test_play_script_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "s.txt"
    script.write_text("Guten Tag, IT-Service, Weber am Apparat. Was genau passiert, wenn Sie drucken?\n\n"
                      "Das ist ärgerlich. Können Sie bitte nachsehen, ob der Stecker steckt?\n", encoding="utf-8")
    assert main(["play", "checked-plug", "--lang", "de", "--seed", "4", "--script", str(script), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["scenario"] == "checked-plug" and doc["lang"] == "de"
    speakers = [t["speaker"] for t in doc["turns"]]
    assert speakers[0] == "customer" and speakers.count("trainee") == 2
    assert "greeting" in doc["turns"][1]["acts"] and "open_question" in doc["turns"][1]["acts"]
    assert set(doc["outcome"]) >= {"resolved", "reason", "final_mood"}
    assert doc["outcome"]["reason"] == "script_end"


def test_missing_script_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "checked-plug", "--script", "/nonexistent.txt", "--json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("simulator: cannot read script") and err.count("\n") == 1


def test_analyse_jsonl_reads_stdin() -> None:
    proc = run("analyse", "--lang", "en", "--jsonl", stdin="hello this is anna from it support\n\n\x00\x01garbage\nwhat happens when you switch it on\n")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(l) for l in proc.stdout.splitlines()]
    assert len(rows) == 4
    assert "greeting" in rows[0]["acts"]
    assert rows[1]["acts"] == []
    assert "open_question" in rows[3]["acts"]


def test_analyse_unknown_language() -> None:
    proc = run("analyse", "--lang", "xx")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_interactive_terminal_call_shows_rubric_then_debrief() -> None:
    lines = "Good morning, IT desk, Sam speaking. What exactly happens when you print?\n\n\n"
    proc = run("play", "checked-plug", "--lang", "en", "--ui", "terminal", "--no-voice", "--no-store", stdin=lines)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Brenda Hall" in out and "Checklist" in out  # persona card and checklist before the call
    assert out.index("Checklist") < out.index("Customer: Yes, Brenda Hall")
    assert "Well, I came in this morning" in out  # the customer answered the open question
    assert "Outcome" in out and out.rindex("Outcome") > out.index("Well, I came in")  # debrief after the call
    exam = run("play", "checked-plug", "--lang", "en", "--ui", "terminal", "--no-voice", "--no-store", "--exam", stdin="\n\n")
    assert exam.returncode == 0 and "Have the power supply checked" not in exam.stdout.split("Customer:")[0]


def test_bad_report_path_is_refused_before_the_call(tmp_path: Path) -> None:
    proc = run("play", "checked-plug", "--report", str(tmp_path / "x.pdf"), "--no-store", stdin="hello\n")
    assert proc.returncode == 2 and "use a .html or .md file" in proc.stderr
    assert "Customer" not in proc.stdout  # no call was played


def test_report_is_written(tmp_path: Path) -> None:
    out = tmp_path / "debrief.html"
    proc = run("play", "checked-plug", "--lang", "de", "--script", "tests/scripts/checked-plug/de-good.txt",
               "--report", str(out), "--no-store")
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") or html.lower().startswith("<!doctype html>")
    assert "Brigitte Hahn" in html or "Stecker" in html
