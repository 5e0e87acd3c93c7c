"""YAML read with positions: every mapping, list and scalar remembers where it stood.

PyYAML's composer gives nodes with marks; we turn them into plain values
wrapped so that the model builder can report ``path:line:col`` for any field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from simulator.errors import Problem, SourceLocation


@dataclass(frozen=True, slots=True)
class Located:
    """A YAML value with the place it came from."""

    value: Any
    """dict[str, Located] | list[Located] | str | int | float | bool | None."""
    location: SourceLocation
    """Where the value starts."""
    key_location: SourceLocation | None = None
    """For a mapping entry: where its key starts."""


def _loc(path: str, node: yaml.Node) -> SourceLocation:
    mark = node.start_mark
    return SourceLocation(path, mark.line + 1, mark.column + 1)


_SCALAR = yaml.SafeLoader("")


def _convert(path: str, node: yaml.Node, problems: list[Problem], key_loc=None) -> Located:
    loc = _loc(path, node)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Located] = {}
        for key_node, value_node in node.value:
            kloc = _loc(path, key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(kloc, "a key must be a plain word"))
                continue
            key = str(key_node.value)
            if key in out:
                problems.append(Problem(kloc, f"duplicate key '{key}'"))
            out[key] = _convert(path, value_node, problems, kloc)
        return Located(out, loc, key_loc)
    if isinstance(node, yaml.SequenceNode):
        return Located([_convert(path, n, problems) for n in node.value], loc, key_loc)
    try:
        value = _SCALAR.construct_object(node, deep=True)
    except yaml.YAMLError as exc:  # e.g. a bad timestamp
        problems.append(Problem(loc, f"cannot read value: {exc}"))
        value = None
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("utf-8", "replace")
    elif not isinstance(value, (str, int, float, bool, type(None))):
        value = str(value)
    return Located(value, loc, key_loc)


def read_yaml(path: str, text: str) -> tuple[Located | None, list[Problem]]:
    """Parse ``text``; syntax errors come back as problems, never raised."""
    problems: list[Problem] = []
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = SourceLocation(path, mark.line + 1, mark.column + 1) if mark else SourceLocation(path)
        what = exc.problem or exc.context or "invalid YAML"
        problems.append(Problem(loc, f"YAML syntax error: {what}"))
        return None, problems
    except yaml.YAMLError as exc:
        problems.append(Problem(SourceLocation(path), f"YAML syntax error: {exc}"))
        return None, problems
    if node is None:
        problems.append(Problem(SourceLocation(path, 1, 1), "the file is empty"))
        return None, problems
    return _convert(path, node, problems), problems
