"""PyYAML, bounded: a scenario file cannot make the reader hang, eat memory or crash.

A scenario is a few hundred values, nested six or seven levels, 10–20 KB. The
limits below are generous for that and small enough that any file – alias
bombs ("billion laughs"), 10,000-deep nesting, self-referencing aliases,
4,000-digit numbers, impossible dates – is refused within a second with the
line and column of the culprit.

:class:`BoundedLoader` is PyYAML's pure-Python ``SafeLoader`` whose composer
counts nodes and nesting depth and keeps aliases visible (:class:`AliasNode`)
instead of silently sharing the anchored node, so that expansion can be
counted later. :func:`scalar_value` constructs one scalar without ever
raising anything but :class:`ValueProblem`.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

MAX_BYTES = 512 * 1024
"""Largest scenario file read (the shipped ones are 10–18 KB; a 240 KB opening line still fits)."""
MAX_NODES = 10_000
"""Most YAML nodes (values, keys, aliases) in one file (the shipped ones have about 700; 10,000 compose in 0.5 s)."""
MAX_VALUES = 20_000
"""Most values once every alias is expanded (the shipped ones have about 700 and no aliases)."""
MAX_DEPTH = 50
"""Deepest nesting of mappings and lists, aliases included (the shipped ones go 7 deep)."""
MAX_DIGITS = 30
"""Longest whole number, in digits (and letters of 0x..), that is read as a number; int() of 4,300+ digits raises."""
MAX_INT = 2**53
"""Largest whole number kept (beyond it a float loses integers and formatting overflows)."""

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
INT_TAG = "tag:yaml.org,2002:int"


class LimitExceeded(yaml.MarkedYAMLError):
    """The file is larger, deeper or more repetitive than a scenario can be."""


class ValueProblem(Exception):
    """A scalar that cannot be read; the message is one line for the user."""


class AliasNode(yaml.Node):
    """``*name`` in the file: points at the anchored node, remembers where the alias stood."""

    id = "alias"

    def __init__(self, target: yaml.Node, anchor: str, start_mark: yaml.Mark, end_mark: yaml.Mark) -> None:
        super().__init__(target.tag, target, start_mark, end_mark)
        self.anchor = anchor

    @property
    def target(self) -> yaml.Node:
        """The anchored node (may contain this alias: a cycle)."""
        return self.value


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader whose composer refuses too many nodes or too deep nesting, raising at the spot."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.node_count = 0
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        self.node_count += 1
        if self.node_count > MAX_NODES:
            raise LimitExceeded(None, None, f"more than {MAX_NODES:,} values in one file: too large for a scenario",
                                event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            target = super().compose_node(parent, index)  # raises for an undefined alias
            return AliasNode(target, event.anchor, event.start_mark, event.end_mark)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise LimitExceeded(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1
        return super().compose_node(parent, index)


def compose(text: str) -> yaml.Node | None:
    """The node tree of the single document in ``text`` (None when empty); raises ``yaml.YAMLError``."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def one_line(text: str, limit: int = 60) -> str:
    """``text`` on one line (control characters escaped), cut to ``limit`` characters."""
    out = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text))
    return out if len(out) <= limit else out[: limit - 1] + "…"


class ScalarReader:
    """Constructs scalars with SafeLoader's rules, minus the ways that raise or explode.

    * timestamps stay text (no scenario field is a date; ``2001-13-45`` must not crash);
    * whole numbers longer than :data:`MAX_DIGITS` digits or beyond :data:`MAX_INT` are refused;
    * any constructor error (bad base64, ``!!int abc``, ``!!bool maybe``, unknown tags)
      becomes a :class:`ValueProblem`.
    """

    def __init__(self) -> None:
        self._constructor = SafeConstructor()

    def value(self, node: yaml.ScalarNode) -> Any:
        raw = str(node.value)
        if node.tag == TIMESTAMP_TAG:
            return raw
        if node.tag == INT_TAG:
            digits = sum(ch.isalnum() for ch in raw)  # hex digits too; the 0x prefix counts, harmlessly
            if digits > MAX_DIGITS:
                raise ValueProblem(f"a number of {digits:,} digits is too large")
        try:
            value = self._constructor.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as exc:
            raise ValueProblem(one_line(exc.problem or exc.context or "unreadable value", 120)) from None
        except (yaml.YAMLError, ValueError, TypeError, KeyError, OverflowError, ArithmeticError):
            kind = node.tag.rsplit(":", 1)[-1]
            raise ValueProblem(f"'{one_line(raw)}' is not a valid {kind}") from None
        finally:
            self._constructor.constructed_objects.clear()
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
            raise ValueProblem(f"the number '{one_line(raw)}' is too large")
        if isinstance(value, (bytes, bytearray)):
            return value.decode("utf-8", "replace")
        if not isinstance(value, (str, int, float, bool, type(None))):
            return raw
        return value
