"""The built wheel carries the scenario library: installed in a fresh virtualenv, run from a folder far from
the repository, ``simulator scenarios`` lists all eight and a scripted call plays.

Offline on purpose: the wheel is built from a copy of the source with the
setuptools already in this virtualenv (``--no-build-isolation --no-index``),
and installed with ``--no-deps``. The fresh virtualenv has no system site
packages; the runtime dependencies (PyYAML, click, rich, ...) come from this
virtualenv's site-packages through a ``.pth`` line. A ``.pth`` line only adds
a folder to ``sys.path`` (it does not run that folder's own ``.pth`` files),
so this checkout's editable install of ``simulator`` is not active there; the
test asserts that ``simulator`` is imported from the fresh virtualenv.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tests" / "scripts" / "checked-plug" / "en-good.txt"


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed; returns its folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    shutil.copytree(REPO / "simulator", src / "simulator", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", str(tmp / "dist"), str(src)], cwd=tmp)
    wheels = list((tmp / "dist").glob("simulator-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as whl:
        shipped = sorted(n for n in whl.namelist() if n.startswith("simulator/scenarios/") and n.endswith(".yaml"))
    assert len(shipped) == 8, shipped

    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
         str(wheels[0])], cwd=tmp)
    purelib = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp)
                   .stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    (purelib / "zz_runtime_deps.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    return venv


def test_wheel_lists_the_shipped_scenarios_and_plays_a_call_outside_the_source_tree(installed: Path,
                                                                                      tmp_path: Path) -> None:
    bindir = installed / ("Scripts" if os.name == "nt" else "bin")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "SIMULATOR_SCENARIOS", "VIRTUAL_ENV")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               SIMULATOR_LANG="en", PYTHONDONTWRITEBYTECODE="1")

    where = run([str(bindir / "python"), "-c", "import simulator, sys; print(simulator.__file__)"], elsewhere, env)
    assert Path(where.stdout.strip()).is_relative_to(installed), where.stdout

    listed = run([str(bindir / "simulator"), "scenarios"], elsewhere, env).stdout.splitlines()
    assert len(listed) == 8, listed
    assert {line.split()[0] for line in listed} >= {"checked-plug", "mobile-caller", "voicebox-rambler"}

    script = elsewhere / "trainee.txt"
    shutil.copy2(SCRIPT, script)
    played = run([str(bindir / "simulator"), "play", "checked-plug", "--lang", "en", "--script", str(script),
                  "--json", "--no-store", "--no-voice"], elsewhere, env)
    call = json.loads(played.stdout)
    assert call["scenario"] == "checked-plug" and len(call["turns"]) > 3
    assert call["outcome"] is not None
