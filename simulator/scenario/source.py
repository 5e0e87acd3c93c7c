"""YAML read with positions: every mapping, list and scalar remembers where it stood.

Bytes become text (UTF-8, no NUL, at most :data:`~simulator.scenario.safe_yaml.MAX_BYTES`),
text becomes a node tree (:mod:`simulator.scenario.safe_yaml`), and the tree
becomes plain values wrapped in :class:`Located` so that the model builder can
report ``path:line:col`` for any field. Nothing here raises on bad input:
every mistake is a :class:`~simulator.errors.Problem` with a line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from simulator.errors import Problem, SourceLocation
from simulator.scenario.safe_yaml import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_VALUES,
    AliasNode,
    LimitExceeded,
    ScalarReader,
    ValueProblem,
    compose,
    one_line,
)


@dataclass(frozen=True, slots=True)
class Located:
    """A YAML value with the place it came from."""

    value: Any
    """dict[str, Located] | list[Located] | str | int | float | bool | None."""
    location: SourceLocation
    """Where the value starts."""
    key_location: SourceLocation | None = None
    """For a mapping entry: where its key starts."""


def position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of byte ``offset``; the column counts characters."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def decode(path: str, data: bytes) -> tuple[str | None, Problem | None]:
    """The text of a scenario file, or the problem that stops it being read."""
    if len(data) > MAX_BYTES:
        line, col = position(data, MAX_BYTES)
        return None, Problem(SourceLocation(path, line, col),
                             f"the file is {len(data):,} bytes; a scenario may be at most {MAX_BYTES:,}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = position(data, exc.start)
        return None, Problem(SourceLocation(path, line, col),
                             f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = position(data, nul)
        return None, Problem(SourceLocation(path, line, col), "not a text file (contains NUL bytes)")
    return text, None


class _Stop(Exception):
    """Conversion cannot go on (nested too deep through aliases); carries the one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _location(path: str, node: yaml.Node) -> SourceLocation:
    mark = node.start_mark
    return SourceLocation(path, mark.line + 1, mark.column + 1)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, AliasNode):
        return [node.target]
    if isinstance(node, yaml.MappingNode):
        return [value for _, value in node.value]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def expansion_problem(path: str, root: yaml.Node) -> Problem | None:
    """An alias that refers to its own container, or aliases expanding to more than :data:`MAX_VALUES` values.

    One pass over the composed nodes (at most ``MAX_NODES``), never over the
    expansion: each node's expanded size is computed once (iterative
    post-order, so chains of aliases cannot exhaust Python's stack).
    """
    on_path, done = 1, 2
    state: dict[int, int] = {}
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            total = (0 if isinstance(node, AliasNode) else 1) + sum(size[id(c)] for c in _children(node))
            size[key], state[key] = total, done
            if total > MAX_VALUES:
                return Problem(_location(path, node),
                               f"aliases expand this to more than {MAX_VALUES:,} values: too large for a scenario")
            continue
        if state.get(key) == done:
            continue
        state[key] = on_path
        stack.append((node, True))
        for child in _children(node):
            if state.get(id(child)) == on_path:  # only an alias can point back up
                name = f"'*{one_line(node.anchor)}' " if isinstance(node, AliasNode) else ""
                return Problem(_location(path, node), f"alias {name}refers to a value that contains it")
            if state.get(id(child)) != done:
                stack.append((child, False))
    return None


class _Converter:
    """Node tree -> Located values; aliases are expanded (checked beforehand by :func:`expansion_problem`)."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.scalars = ScalarReader()

    def convert(self, node: yaml.Node, depth: int = 1, key_loc: SourceLocation | None = None) -> Located:
        loc = _location(self.path, node)
        while isinstance(node, AliasNode):
            node = node.target
        if isinstance(node, yaml.ScalarNode):
            try:
                value = self.scalars.value(node)
            except ValueProblem as exc:
                self.problems.append(Problem(loc, f"cannot read value: {exc}"))
                value = None
            return Located(value, loc, key_loc)
        if depth > MAX_DEPTH:
            raise _Stop(Problem(loc, f"nested more than {MAX_DEPTH} levels deep (aliases included)"))
        if isinstance(node, yaml.MappingNode):
            return Located(self.mapping(node, depth), loc, key_loc)
        return Located([self.convert(n, depth + 1) for n in node.value], loc, key_loc)

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Located]:
        out: dict[str, Located] = {}
        for key_node, value_node in node.value:
            kloc = _location(self.path, key_node)
            while isinstance(key_node, AliasNode):
                key_node = key_node.target
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(kloc, "a key must be a plain word"))
                continue
            key = str(key_node.value)
            if key in out:
                self.problems.append(Problem(kloc, f"duplicate key '{one_line(key)}'"))
            out[key] = self.convert(value_node, depth + 1, kloc)
        return out


def syntax_problem(path: str, text: str, exc: yaml.YAMLError) -> Problem:
    """One compiler-style line for any PyYAML error (never its multi-line ``in "<unicode string>"`` text)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        loc = SourceLocation(path, mark.line + 1, mark.column + 1) if mark else SourceLocation(path, 1, 1)
        what = one_line(exc.problem or exc.context or "invalid YAML", 160)
        context = exc.context_mark
        if exc.problem and exc.context and context is not None and mark is not None and context.line != mark.line:
            if exc.problem.startswith("but "):  # "expected a single document ..., but found another document"
                what = f"{one_line(exc.context, 80)} (line {context.line + 1}), {what}"
            else:
                what += f" ({one_line(exc.context, 80)} at line {context.line + 1})"
        prefix = "" if isinstance(exc, LimitExceeded) else "YAML syntax error: "
        return Problem(loc, prefix + what)
    if isinstance(exc, yaml.reader.ReaderError):
        offset = max(0, min(int(exc.position), len(text)))
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character or 0)
        return Problem(SourceLocation(path, line, col),
                       f"unacceptable character U+{ord(char):04X} (control characters are not allowed)")
    return Problem(SourceLocation(path, 1, 1), f"YAML syntax error: {one_line(str(exc), 160)}")


def read_yaml(path: str, text: str) -> tuple[Located | None, list[Problem]]:
    """Parse ``text``; syntax errors and exceeded limits come back as problems, never raised.

    Each unreadable value (a bad ``!!int``, an unknown tag) is one problem and
    stands as None in the tree; callers drop further problems at its location
    (see :func:`unreadable_locations`).
    """
    problems: list[Problem] = []
    try:
        node = compose(text)
    except yaml.YAMLError as exc:
        return None, [syntax_problem(path, text, exc)]
    if node is None:
        return None, [Problem(SourceLocation(path, 1, 1), "the file is empty")]
    bomb = expansion_problem(path, node)
    if bomb is not None:
        return None, [bomb]
    try:
        root = _Converter(path, problems).convert(node)
    except _Stop as stop:
        return None, [stop.problem]
    return root, problems


def unreadable_locations(problems: list[Problem]) -> set[SourceLocation]:
    """Locations of the values :func:`read_yaml` could not read."""
    return {p.location for p in problems if p.message.startswith("cannot read value: ")}
