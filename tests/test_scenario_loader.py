"""The scenario loader and validator: library files are clean, broken files fail like a compiler."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import ScenarioError, UsageError
from simulator.scenario import available, load, load_file, parse_scenario
from simulator.scenario.loader import SCENARIO_DIR

BROKEN = Path(__file__).parent / "data" / "broken"
LIBRARY = ["checked-plug", "mobile-caller", "diva-complaint", "voicebox-rambler", "jargon-averse",
           "missed-appointment", "expert-user", "unknown-answer"]


def problems_of(path: Path) -> list[str]:
    _, problems = parse_scenario(str(path), path.read_bytes())
    return [str(p) for p in problems]


@pytest.mark.parametrize("path", sorted(SCENARIO_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_library_scenarios_are_clean(path: Path) -> None:
    assert problems_of(path) == []


def test_library_has_every_fixed_id_in_both_languages() -> None:
    assert set(LIBRARY) <= set(available())
    for sid in LIBRARY:
        sc = load(sid)
        assert sc.languages == ("de", "en")
        assert sc.opening.get("de") and sc.opening.get("en")
        assert any(s.essential for s in sc.steps)


def test_locations_point_into_the_file() -> None:
    sc = load_file(SCENARIO_DIR / "checked-plug.yaml")
    lines = (SCENARIO_DIR / "checked-plug.yaml").read_text().splitlines()
    step = sc.step("check_plug")
    assert "check_plug" in lines[step.location.line - 1]
    assert sc.persona.location.line > 0


def test_refs_file_reports_every_problem_at_once_with_hints() -> None:
    out = problems_of(BROKEN / "refs.yaml")
    text = "\n".join(out)
    assert len(out) >= 9
    assert "unknown act 'open_questoin' (did you mean 'open_question'?)" in text
    assert "unknown act 'empathie' (did you mean 'empathy'?)" in text
    assert "requires unknown step 'chek_plug' (did you mean 'check_plug'?)" in text
    assert "reveals unknown fact 'strip_of' (did you mean 'strip_off'?)" in text
    assert "end.solved_when names unknown step 'power_onn'" in text
    assert "unknown dimension 'checklst' (did you mean 'checklist'?)" in text
    assert "mood.start must be between -100 and 100, not -250" in text
    # compiler style: path:line:col: message, sorted by line
    lines = [int(o.split(":")[1]) for o in out]
    assert lines == sorted(lines)
    empathie_line = next(o for o in out if "empathie" in o).split(":")[1]
    assert (BROKEN / "refs.yaml").read_text().splitlines()[int(empathie_line) - 1].strip() == "empathie:"


def test_typos_file() -> None:
    out = problems_of(BROKEN / "typos.yaml")
    assert f"{BROKEN / 'typos.yaml'}:1:1: unknown key 'verison' in the scenario (did you mean 'version'?)" in out
    assert any(":12:15: persona.tech_level must be one of low, medium, high, not 'expert'" in o for o in out)
    assert any(":11:35: voice rate must be between 80 and 400, not 9000" in o for o in out)
    assert any(":4:21: unknown language 'fr'" in o for o in out)
    assert any("id 'something-else' does not match the file name" in o for o in out)


@pytest.mark.parametrize("name,expected", [
    ("syntax.yaml", ":4:1: YAML syntax error"),
    ("empty.yaml", ":1:1: the file is empty"),
    ("list.yaml", ":2:1: a scenario must be a mapping"),
    ("latin1.yaml", "not UTF-8 text"),
    ("binary.yaml", "not a text file"),
])
def test_unreadable_files(name: str, expected: str) -> None:
    out = problems_of(BROKEN / name)
    assert len(out) == 1 and expected in out[0]


def test_already_said_since_typo_suggests_opening_or_a_fact() -> None:
    text = (SCENARIO_DIR / "checked-plug.yaml").read_text(encoding="utf-8")
    marker = "  - id: plug\n    since: opening\n"
    assert marker in text
    for wrong, right in (("openign", "opening"), ("no_light", "no_lights")):
        broken = text.replace(marker, marker.replace("opening", wrong))
        _, found = parse_scenario("checked-plug.yaml", broken.encode("utf-8"))
        messages = [str(p) for p in found]
        assert any(f"since names neither 'opening' nor a fact: '{wrong}' (did you mean '{right}'?)" in m
                   for m in messages), messages


def test_every_broken_file_raises_scenario_error_not_a_traceback() -> None:
    for path in BROKEN.glob("*.yaml"):
        with pytest.raises(ScenarioError) as info:
            load_file(path)
        assert info.value.exit_code == 1
        assert str(path) in str(info.value)


def test_unknown_scenario_is_a_usage_error_with_suggestion() -> None:
    with pytest.raises(UsageError) as info:
        load("checked-plugg")
    assert info.value.exit_code == 2
    assert "did you mean 'checked-plug'" in str(info.value)


def test_missing_file() -> None:
    with pytest.raises(UsageError):
        load("/nonexistent/x.yaml")
