"""Step examples and example conversations: reading them from the YAML tree and checking them.

``steps[].examples`` gives example trainee lines per language that take the
step; the engine recognises a step when a line is close enough to them
(:mod:`simulator.analysis.similarity`). ``conversations`` are trainee lines
with the steps, events and acts expected per line; the builder checks their
shape and references here, ``simulator validate`` plays them through the
engine (:mod:`simulator.dialogue.conversations`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.analysis.acts import ACTS
from simulator.errors import SourceLocation
from simulator.scenario.fields import FieldReader, suggest
from simulator.scenario.model import LANGUAGES, Conversation, ConversationLine, Scenario
from simulator.scenario.safe_yaml import one_line
from simulator.scenario.source import Located

MIN_WORDS = 1
"""An example needs at least this many content words to be compared with anything."""
CONFUSABLE = 0.5
"""An example this similar to an example of a step it competes with (and closer to it than to its own) is reported."""
CONFUSABLE_MARGIN = 0.1
"""…when it is closer to that step than to its own by this much."""


@dataclass(frozen=True, slots=True)
class Spot:
    """Where one example stands: for messages about it."""

    step: str
    """The step it belongs to."""
    lang: str
    """Its language."""
    text: str
    """The example."""
    location: SourceLocation
    """Where it stands in the file."""


def example_spots(node: Located | None, step: str) -> list[Spot]:
    """Every example under a step's ``examples:`` node, with its place (shape errors are the text reader's)."""
    if node is None or not isinstance(node.value, dict):
        return []
    out = []
    for lang, child in node.value.items():
        values = child.value if isinstance(child.value, list) else [child]
        for v in values:
            if isinstance(v.value, str) and v.value.strip():
                out.append(Spot(step, str(lang), v.value.strip(), v.location))
    return out


def _related(requires: dict[str, tuple[str, ...]]) -> set[tuple[str, str]]:
    """Pairs of steps of which one needs the other (directly or not): they are never open for the same line."""
    pairs = set()
    for sid in requires:
        stack, seen = list(requires.get(sid, ())), set()
        while stack:
            cur = stack.pop()
            if cur in seen:
                continue
            seen.add(cur)
            pairs.update({(sid, cur), (cur, sid)})
            stack.extend(requires.get(cur, ()))
    return pairs


def check_examples(spots: list[Spot], languages: tuple[str, ...], error: Callable[[SourceLocation, str], None],
                   requires: dict[str, tuple[str, ...]] | None = None) -> None:
    """Report examples too short to compare, given twice, or confusable with a step they compete with."""
    from simulator.analysis.similarity import Lexical, content_words, language_data

    seen: dict[tuple[str, str], Spot] = {}
    usable: dict[str, list[Spot]] = {}
    for spot in spots:
        if spot.lang not in languages:
            continue
        data = language_data(spot.lang)
        words = content_words(spot.text, data.stopwords)
        key = (spot.lang, " ".join(words))
        if len(words) < MIN_WORDS:
            error(spot.location, f"step '{spot.step}' example ({spot.lang}) has too few content words to compare "
                                 f"('{one_line(spot.text, 60)}'); write a whole sentence an agent would say")
            continue
        if key in seen:
            first = seen[key]
            where = "this step" if first.step == spot.step else f"step '{first.step}'"
            error(spot.location, f"step '{spot.step}' example ({spot.lang}) repeats an example of {where} in its content words "
                                 f"(line {first.location.line})")
            continue
        seen[key] = spot
        usable.setdefault(spot.lang, []).append(spot)
    related = _related(requires or {})
    for lang, group in usable.items():
        backend = Lexical(language_data(lang).stopwords)
        backend.fit([s.text for s in group])
        vectors = [backend.vector(s.text) for s in group]
        for i, spot in enumerate(group):
            own, other, other_step = 0.0, 0.0, ""
            for j, that in enumerate(group):
                if i == j or (spot.step, that.step) in related:
                    continue
                score = backend.score(vectors[i], vectors[j])
                if that.step == spot.step:
                    own = max(own, score)
                elif score > other:
                    other, other_step = score, that.step
            siblings = sum(1 for s in group if s.step == spot.step) > 1
            if siblings and other >= CONFUSABLE and other - own >= CONFUSABLE_MARGIN:
                error(spot.location, f"step '{spot.step}' example ({lang}) reads more like step '{other_step}' "
                                     f"({other:.2f}) than like the other examples of '{spot.step}' ({own:.2f}); "
                                     f"reword it or move it to '{other_step}'")


def read_conversations(reader: FieldReader, node: Located | None) -> tuple[Conversation, ...]:
    """The ``conversations:`` list: ids, language, seed and the lines with their expectations."""
    out = []
    for child in reader.items(node, "conversations"):
        m = reader.mapping(child, "a conversation", ("id", "lang", "seed", "lines"), ("id", "lang", "lines"))
        cid = reader.string(m.get("id"), "conversation id")
        what = f"conversation '{cid}'"
        lang = reader.choice(m.get("lang"), f"{what} lang", LANGUAGES, reader.languages[0])
        if "lang" in m and lang not in reader.languages:
            reader.error(m["lang"], f"{what} is in '{lang}', which is not in the scenario's languages")
        lines = []
        for n, item in enumerate(reader.items(m.get("lines"), f"{what} lines"), 1):
            spec = reader.mapping(item, f"{what} line {n}", ("say", "steps", "events", "acts"), ("say",))
            steps = spec.get("steps")
            events = spec.get("events")
            acts = spec.get("acts")
            lines.append(ConversationLine(
                say=reader.string(spec.get("say"), f"{what} line {n} say"),
                steps=None if steps is None else tuple(w for w, _ in reader.words(steps, f"{what} line {n} steps")),
                events=tuple(w for w, _ in reader.words(events, f"{what} line {n} events")),
                acts=reader.acts(acts, f"{what} line {n} acts"),
                location=item.location,
                steps_location=(steps or item).location,
                events_location=(events or item).location,
                acts_location=(acts or item).location,
            ))
        if "lines" in m and not lines:
            reader.error(m["lines"], f"{what} needs at least one line")
        out.append(Conversation(cid, lang, reader.integer(m.get("seed"), f"{what} seed", 0, 0, 2**31),
                                tuple(lines), child.location))
    return tuple(out)


def check_conversations(sc: Scenario, error: Callable[[SourceLocation, str], None]) -> None:
    """Conversation ids unique; every expected step a step of the scenario; events written ``kind:detail``."""
    step_ids = [s.id for s in sc.steps]
    seen: set[str] = set()
    for conv in sc.conversations:
        if conv.id in seen:
            error(conv.location, f"duplicate conversation id '{conv.id}'")
        seen.add(conv.id)
        for line in conv.lines:
            for ref in line.steps or ():
                if ref not in step_ids:
                    error(line.steps_location, f"conversation '{conv.id}' expects unknown step '{ref}'"
                                               f"{suggest(ref, step_ids)}")
            for event in line.events:
                kind, _, detail = event.partition(":")
                if not kind.strip() or (":" in event and not detail.strip()):
                    error(line.events_location, f"conversation '{conv.id}' event '{one_line(event)}' must be written "
                                                f"'kind' or 'kind:detail', e.g. 'pushback:{step_ids[0] if step_ids else 'step'}'")


__all__ = ["ACTS", "Spot", "check_conversations", "check_examples", "example_spots", "read_conversations"]
