"""Where scenarios come from: the shipped library (package data), SIMULATOR_SCENARIOS and --scenarios; the user's win."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import simulator
from simulator.cli import cli
from simulator.errors import UsageError
from simulator.scenario import available, load
from simulator.scenario.library import ENV_VAR, SCENARIO_DIR, find

REPO = Path(__file__).resolve().parent.parent


def test_shipped_library_is_package_data_and_the_top_level_folder_is_the_same_files() -> None:
    assert SCENARIO_DIR == Path(simulator.__file__).resolve().parent / "scenarios"
    assert len(list(SCENARIO_DIR.glob("*.yaml"))) == 8
    top = REPO / "scenarios"
    names = sorted(p.name for p in SCENARIO_DIR.glob("*.yaml"))
    assert sorted(p.name for p in top.glob("*.yaml")) == names
    match, mismatch, errors = filecmp.cmpfiles(top, SCENARIO_DIR, names, shallow=False)
    assert not mismatch and not errors


def user_folder(tmp_path: Path, title: str = "MY OWN printer") -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    text = (SCENARIO_DIR / "checked-plug.yaml").read_text(encoding="utf-8")
    text = text.replace('  en: "The printer is dead', f'  en: "{title} is dead', 1)
    (folder / "checked-plug.yaml").write_text(text, encoding="utf-8")
    (folder / "my-case.yaml").write_text(text.replace("\nid: checked-plug\n", "\nid: my-case\n", 1), encoding="utf-8")
    return folder


def test_env_folder_adds_scenarios_and_its_same_id_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = user_folder(tmp_path)
    monkeypatch.setenv(ENV_VAR, os.pathsep.join(["", str(folder), ""]))  # empty entries are skipped, as in PATH
    assert "my-case" in available() and "mobile-caller" in available()
    assert find("checked-plug") == folder / "checked-plug.yaml"
    assert load("checked-plug").title.get("en").startswith("MY OWN printer")
    monkeypatch.delenv(ENV_VAR)
    assert load("checked-plug").title.get("en").startswith("The printer")  # no stale cache


def test_env_folder_that_does_not_exist_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nope"))
    with pytest.raises(UsageError, match="SIMULATOR_SCENARIOS names a folder that does not exist"):
        available()


def test_scenarios_option_lists_and_plays_the_users_scenarios_without_leaking(tmp_path: Path) -> None:
    folder = user_folder(tmp_path)
    (folder / "broken.yaml").write_text("id: broken\n", encoding="utf-8")
    runner = CliRunner()
    listed = runner.invoke(cli, ["scenarios", "--scenarios", str(folder)])
    assert listed.exit_code == 0, listed.output
    lines = {line.split()[0]: line for line in listed.output.splitlines()}
    assert len(lines) == 10
    assert "MY OWN printer" in lines["checked-plug"] and "my-case" in lines
    assert "invalid: simulator validate" in lines["broken"]
    rubric = runner.invoke(cli, ["rubric", "my-case", "--scenarios", str(folder), "--lang", "en"])
    assert rubric.exit_code == 0, rubric.output
    assert "MY OWN printer" in rubric.output
    played = runner.invoke(cli, ["play", "my-case", "--scenarios", str(folder), "--lang", "en", "--json", "--no-store",
                                 "--no-voice"], input="hello, this is IT support\n")
    assert played.exit_code == 0, played.output
    assert '"scenario": "my-case"' in played.output
    again = runner.invoke(cli, ["scenarios"])  # the folder belonged to the previous command only
    assert again.exit_code == 0 and "my-case" not in again.output and len(again.output.splitlines()) == 8


def test_scenarios_option_needs_an_existing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["scenarios", "--scenarios", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "does not exist" in result.output
