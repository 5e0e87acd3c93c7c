"""Scenario files that can't hurt: a few hundred malformed variants of the shipped scenarios.

Each variant goes through ``simulator validate`` in-process (CliRunner). For
every one: no traceback, done within 2 s, and every line printed is
``file:line:col: message`` pointing into the file. Variants broken by
construction (alias bombs, deep nesting, huge numbers, impossible dates,
NaN/inf, empty lists, NUL, non-UTF-8, control characters, a wrong type at a
key) must exit 1; the shipped files and harmless edits must exit 0; random
truncations and byte flips may go either way, but a file that passes must
give a scenario whose numbers are finite and that has a language.

The corpus is generated (fixed seed), not stored: see :func:`variants`.
"""

from __future__ import annotations

import dataclasses
import math
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from simulator.cli import cli
from simulator.scenario.library import SCENARIO_DIR
from simulator.scenario.loader import parse_scenario
from simulator.scenario.safe_yaml import MAX_BYTES

SEED = 20261130
SHIPPED = sorted(SCENARIO_DIR.glob("*.yaml"))
TIME_LIMIT = 2.0
"""CPU seconds one variant may take (the loader's own bounds keep each well under 1 s). CPU time, not wall time:
other test workers on a loaded machine slow the wall clock, not this process's work."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One generated scenario file."""

    name: str
    """Test id: shipped file, kind, number."""
    stem: str
    """File name without .yaml (the scenario id must match it)."""
    data: bytes
    """The file's bytes."""
    expect: int | None
    """1: broken by construction; 0: valid; None: either (random damage)."""


# -- locating values in a shipped file ----------------------------------------
@dataclass(frozen=True, slots=True)
class Spot:
    """A value node in the text: where it starts and ends, and its resolved tag."""

    start: int
    """Character offset of the value."""
    end: int
    """Character offset just after it."""
    tag: str
    """Resolved YAML tag (int, float, str, seq, map)."""


def spots(text: str) -> list[Spot]:
    """Every value (not key) below the root, in document order."""
    out: list[Spot] = []

    def walk(node: yaml.Node) -> None:
        children = [v for _, v in node.value] if isinstance(node, yaml.MappingNode) else (
            node.value if isinstance(node, yaml.SequenceNode) else [])
        for child in children:
            out.append(Spot(child.start_mark.index, child.end_mark.index, child.tag.rsplit(":", 1)[-1]))
            walk(child)

    walk(yaml.compose(text, Loader=yaml.SafeLoader))
    return out


def replace(text: str, spot: Spot, new: str) -> str:
    """``text`` with the value at ``spot`` replaced, keeping the whitespace that ends its span."""
    span = text[spot.start:spot.end]
    tail = span[len(span.rstrip()):]
    return text[:spot.start] + new + tail + text[spot.end:]


def insert(data: bytes, offset: int, what: bytes) -> bytes:
    return data[:offset] + what + data[offset:]


def set_top(text: str, key: str, value: str) -> str:
    """Replace a top-level ``key: value`` line (flow value on one line)."""
    new, n = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
    assert n == 1, key
    return new


# -- the corpus -----------------------------------------------------------------
BOMB_SEQ = "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))
BOMB_MAP = "m0: &m0 {a: x, b: x, c: x, d: x, e: x, f: x, g: x, h: x}\n" + "".join(
    f"m{i}: &m{i} {{a: *m{i - 1}, b: *m{i - 1}, c: *m{i - 1}, d: *m{i - 1}, e: *m{i - 1}, f: *m{i - 1}, g: *m{i - 1}, h: *m{i - 1}}}\n"
    for i in range(1, 9))
NUMBERS = [".nan", ".inf", "-.inf", ".NaN", "1.0e+400", "9" * 4000, "0x" + "f" * 1000, ":".join(["59"] * 20),
           "!!float nan", "2001-13-45", "2001-02-30 25:61:61"]
"""Values that must never pass where a number is expected."""


def variants_of(path: Path, rng: random.Random) -> Iterator[Variant]:
    stem = path.stem
    data = path.read_bytes()
    text = data.decode("utf-8")
    places = spots(text)
    numeric = [s for s in places if s.tag in ("int", "float")]
    n = 0

    def v(kind: str, new: bytes | str, expect: int | None) -> Variant:
        nonlocal n
        n += 1
        raw = new.encode("utf-8") if isinstance(new, str) else new
        return Variant(f"{stem}-{kind}-{n}", stem, raw, expect)

    # valid: the file itself, Windows line ends, a BOM, a comment, a 240 KB opening line
    yield v("shipped", data, 0)
    yield v("comment", text + "\n# the end\n", 0)
    if stem == "checked-plug":
        yield v("crlf", data.replace(b"\n", b"\r\n"), 0)
        yield v("bom", b"\xef\xbb\xbf" + data, 0)
        long = "Mein Drucker druckt nicht mehr, ich habe alles versucht. " * 4300
        yield v("long-opening", re.sub(r"^opening:\n  de: .*$", f"opening:\n  de: {long}", text, count=1, flags=re.M), 0)
        yield v("too-big", text + "#" * MAX_BYTES + "\n", 1)
    # alias bombs, self references, deep nesting
    yield v("bomb-seq", BOMB_SEQ + text.replace("\nopening:", "\nopening: *a9\nx-opening:", 1), 1)
    yield v("bomb-map", BOMB_MAP + text, 1)
    yield v("bomb-flow", "b: &b [" + ",".join(["x"] * 300) + "]\nc: &c [" + ",".join(["*b"] * 300) + "]\n" + text, 1)
    yield v("self-seq", set_top(text, "languages", "&l [de, *l]"), 1)
    yield v("self-map", text.replace("\npersona:\n", "\npersona: &p\n  self: *p\n", 1), 1)
    yield v("self-mutual", "x: &x [&y [*x, *y]]\n" + text, 1)
    for depth in (51, 500):  # the scanner looks ahead at most 1024 characters: deeper costs the same
        yield v(f"deep-flow{depth}", set_top(text, "languages", "[" * depth + "]" * depth), 1)
    yield v("deep-block", text + "".join(" " * (2 * i) + "- \n" for i in range(600)), 1)
    yield v("deep-map", text + "".join(" " * i + f"k{i}:\n" for i in range(600)), 1)
    # numbers: NaN, infinities, huge, sexagesimal, impossible dates -- each at a random numeric field
    for value, spot in zip(NUMBERS, rng.sample(numeric, len(NUMBERS)), strict=False):
        yield v("number", replace(text, spot, value), 1)
    yield v("version-date", set_top(text, "version", "2001-13-45"), 1)
    yield v("version-huge", set_top(text, "version", "1" * 5000), 1)
    # empty lists where something is required
    yield v("languages-empty", set_top(text, "languages", "[]"), 1)
    yield v("languages-null", set_top(text, "languages", ""), 1)
    yield v("steps-empty", re.sub(r"^steps:\n(?:(?:  .*|)\n)*", "steps: []\n", text, count=1, flags=re.M), 1)
    # a wrong type at a random sample of values (every value is a candidate)
    for spot in rng.sample(places, 8):
        yield v("wrong-type", replace(text, spot, "[[]]"), 1)
    for spot in rng.sample([s for s in places if s.tag not in ("seq", "map")], 4):
        yield v("wrong-type", replace(text, spot, "{x: 1}"), 1)
    # bytes that are not scenario text
    for _ in range(2):
        yield v("nul", insert(data, rng.randrange(len(data)), b"\x00"), 1)
    yield v("latin1", insert(data, rng.randrange(len(data)), b"\xff"), 1)
    yield v("bad-utf8", insert(data, rng.randrange(len(data)), b"\xc3\x28"), 1)
    for ch in (b"\x01", b"\x1b", b"\x7f"):
        yield v("control", insert(data, rng.randrange(len(data)), ch), 1)
    # YAML that is not a scenario: tags, two documents, a duplicate key, unbalanced brackets
    yield v("python-tag", set_top(text, "version", "!!python/object/apply:os.system [echo hi]"), 1)
    yield v("unknown-tag", set_top(text, "version", "!custom 1"), 1)
    yield v("bad-bool", set_top(text, "version", "!!bool maybe"), 1)
    yield v("two-docs", text + "\n---\nid: again\n", 1)
    yield v("duplicate", text + "\nversion: 1\n", 1)
    yield v("unclosed", set_top(text, "languages", "[de, en"), 1)
    # random damage: truncation and byte flips (may still be valid)
    for _ in range(3):
        yield v("truncated", data[: rng.randrange(len(data))], None)
    for _ in range(3):
        i = rng.randrange(len(data))
        yield v("byte-flip", data[:i] + bytes([data[i] ^ rng.randrange(1, 256)]) + data[i + 1:], None)


def variants() -> list[Variant]:
    rng = random.Random(SEED)
    return [variant for path in SHIPPED for variant in variants_of(path, rng)]


VARIANTS = variants()


# -- checks -----------------------------------------------------------------------
def plausible(value: object, seen: set[int] | None = None) -> list[str]:
    """What is wrong with a scenario that passed validation (non-finite or huge numbers)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, float):
        return [] if math.isfinite(value) else [repr(value)]
    if isinstance(value, int):
        return [] if abs(value) <= 2**53 else ["huge int"]
    if dataclasses.is_dataclass(value):
        return [p for f in dataclasses.fields(value) for p in plausible(getattr(value, f.name), seen)]
    if isinstance(value, dict):
        return [p for k, x in value.items() for p in plausible(k, seen) + plausible(x, seen)]
    if isinstance(value, (list, tuple)):
        return [p for x in value for p in plausible(x, seen)]
    return []


def test_corpus_is_a_few_hundred_variants_of_every_shipped_file() -> None:
    assert len(SHIPPED) == 8
    assert len(VARIANTS) >= 300
    assert len({v.name for v in VARIANTS}) == len(VARIANTS)
    assert {v.stem for v in VARIANTS} == {p.stem for p in SHIPPED}


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_validate_never_crashes_or_hangs_and_points_at_a_line(variant: Variant, tmp_path: Path) -> None:
    path = tmp_path / f"{variant.stem}.yaml"
    path.write_bytes(variant.data)
    started = time.process_time()
    result = CliRunner().invoke(cli, ["validate", str(path)])
    elapsed = time.process_time() - started
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        pytest.fail("traceback:\n" + "".join(traceback.format_exception(*result.exc_info)))
    assert elapsed < TIME_LIMIT, f"took {elapsed:.2f} s"
    assert result.exit_code in (0, 1), result.output
    if variant.expect is not None:
        assert result.exit_code == variant.expect, result.stderr
    lines = result.stderr.splitlines()
    assert lines and re.fullmatch(r"[01] of 1 scenario file\(s\) valid", lines[-1]), result.stderr
    problems = lines[:-1]
    n_lines = variant.data.count(b"\n") + 1
    pattern = re.compile(re.escape(str(path)) + r":(\d+):(\d+): \S")
    for line in problems:
        m = pattern.match(line)
        assert m, f"not file:line:col: {line[:200]!r}"
        assert 1 <= int(m.group(1)) <= n_lines and int(m.group(2)) >= 1, line[:200]
    if result.exit_code == 1:
        assert problems
    else:
        assert not problems
        scenario, found = parse_scenario(str(path), variant.data)
        assert scenario is not None and not found
        assert scenario.languages and not plausible(scenario)


# -- the named cases of the report, with their exact messages -----------------------
def problems(name: str, data: bytes) -> list[str]:
    _, found = parse_scenario(name, data)
    return [str(p) for p in found]


CHECKED_PLUG = (SCENARIO_DIR / "checked-plug.yaml").read_text(encoding="utf-8")


def test_alias_bomb_is_refused_at_the_alias_within_a_second() -> None:
    started = time.process_time()
    out = problems("bomb.yaml", BOMB_SEQ.encode())
    assert time.process_time() - started < 1.0
    assert out == ["bomb.yaml:5:7: aliases expand this to more than 20,000 values: too large for a scenario"]


def test_self_reference_and_depth() -> None:
    assert problems("s.yaml", b"a: &a [*a]\n") == ["s.yaml:1:8: alias '*a' refers to a value that contains it"]
    assert problems("d.yaml", b"a: " + b"[" * 600 + b"]" * 600) == ["d.yaml:1:53: nested more than 50 levels deep"]


def test_numbers_dates_and_languages_that_used_to_pass_or_crash() -> None:
    def at(key: str, value: str) -> list[str]:
        return problems("checked-plug.yaml", set_top(CHECKED_PLUG, key, value).encode())

    assert at("version", "2001-13-45") == ["checked-plug.yaml:5:10: version must be a whole number, not '2001-13-45'"]
    assert at("version", "9" * 4000) == ["checked-plug.yaml:5:10: cannot read value: a number of 4,000 digits is too large"]
    assert at("languages", "[]") == ["checked-plug.yaml:10:12: languages needs at least one of de, en"]
    nan = CHECKED_PLUG.replace("  trust_start: 35", "  trust_start: .nan", 1)
    line = 1 + CHECKED_PLUG[:CHECKED_PLUG.index("  trust_start: 35")].count("\n")  # wherever the file has it
    assert problems("checked-plug.yaml", nan.encode()) == [
        f"checked-plug.yaml:{line}:16: mood.trust_start must be a finite number, not nan"]


def test_unreadable_bytes_have_a_line_and_column() -> None:
    data = CHECKED_PLUG.encode()
    offset = data.index(b"Drucker")
    assert problems("x.yaml", data[:offset] + b"\xff" + data[offset:]) == [
        "x.yaml:8:12: not UTF-8 text (byte 0xff); save the file as UTF-8"]
    assert problems("x.yaml", data[:offset] + b"\x00" + data[offset:]) == ["x.yaml:8:12: not a text file (contains NUL bytes)"]


def test_yaml_errors_are_one_compiler_style_line() -> None:
    out = problems("x.yaml", CHECKED_PLUG.encode() + b"\n---\na: 1\n")
    assert len(out) == 1 and "\n" not in out[0] and "<unicode string>" not in out[0]
    assert re.match(r"x\.yaml:\d+:1: YAML syntax error: expected a single document", out[0])
