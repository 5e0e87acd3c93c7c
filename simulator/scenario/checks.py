"""Cross references of a built scenario: ids unique, every reference names something, no cycles."""

from __future__ import annotations

from collections.abc import Callable

from simulator.errors import SourceLocation
from simulator.scenario.fields import suggest
from simulator.scenario.model import Scenario


def cross_check(sc: Scenario, error: Callable[[SourceLocation, str], None]) -> None:
    """Report every dangling or circular reference of ``sc`` through ``error(location, message)``."""
    step_ids = [s.id for s in sc.steps]
    fact_ids = [f.id for f in sc.facts]
    for kind, ids, items in (("step", step_ids, sc.steps), ("fact", fact_ids, sc.facts), ("event", [e.id for e in sc.events], sc.events)):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                error(item.location, f"duplicate {kind} id '{item.id}'")
            seen.add(item.id)
    for step in sc.steps:
        for ref in step.needs:
            if ref not in step_ids:
                error(step.location, f"step '{step.id}' requires unknown step '{ref}'{suggest(ref, step_ids)}")
            elif ref == step.id:
                error(step.location, f"step '{step.id}' requires itself")
        for ref in step.before:
            if ref not in step_ids:
                error(step.location, f"step '{step.id}' before names unknown step '{ref}'{suggest(ref, step_ids)}")
            elif ref == step.id or ref in step.needs:
                error(step.location, f"step '{step.id}' cannot come before '{ref}': it is itself or one it requires")
        for ref in step.reveals:
            if ref not in fact_ids:
                error(step.location, f"step '{step.id}' reveals unknown fact '{ref}'{suggest(ref, fact_ids)}")
    for ref in sc.end.solved_when:
        if ref not in step_ids:
            error(sc.end.location, f"end.solved_when names unknown step '{ref}'{suggest(ref, step_ids)}")
    if not sc.end.solved_when and sc.end.location.line:
        error(sc.end.location, "end.solved_when needs at least one step")
    for step in sc.steps:
        for ref in step.pushback.unless_steps if step.pushback else ():
            if ref not in step_ids:
                error(step.pushback.location,
                      f"step '{step.id}' pushback.unless_steps names unknown step '{ref}'{suggest(ref, step_ids)}")
    for ev in sc.events:
        if ev.after_step and ev.after_step not in step_ids:
            error(ev.location, f"event '{ev.id}' after_step names unknown step '{ev.after_step}'{suggest(ev.after_step, step_ids)}")
        for ref in ev.unless_steps:
            if ref not in step_ids:
                error(ev.location, f"event '{ev.id}' unless_steps names unknown step '{ref}'{suggest(ref, step_ids)}")
        for ref in ev.requires:
            if ref not in step_ids:
                error(ev.location, f"event '{ev.id}' requires names unknown step '{ref}'{suggest(ref, step_ids)}")
        if ev.requires and ev.kind == "line_drop":
            error(ev.location, f"event '{ev.id}': requires does not apply to kind line_drop (a line drops when it drops)")
        if ev.kind != "line_drop" and ev.saved_line:
            error(ev.location, f"event '{ev.id}': saved_line only applies to kind line_drop")
        if ev.kind == "line_drop" and any(ev.unless_said.by_lang.values()):
            error(ev.unless_said.location, f"event '{ev.id}': unless_said does not apply to kind line_drop (a line drops "
                                           "whatever was said)")
    for step in sc.steps:  # a stem is a word with '*' at its end ("prüf*"); anywhere else the '*' is a typo
        pb = step.pushback
        for phrases in (step.recognise, pb.insist if pb else None, pb.persuaded_by if pb else None,
                        *(p for ob in step.objections for p in (ob.phrases, ob.unless))):
            for lang, options in (phrases.by_lang.items() if phrases else ()):
                for phrase in options:
                    bad = [w for w in str(phrase).replace("|", " ").split() if "*" in w.rstrip("*") or w.endswith("**")]
                    if bad:
                        error(phrases.location, f"step '{step.id}' phrase '{phrase}' ({lang}): '*' marks a stem only "
                                                f"at the end of a word ('prüf*'), not in '{bad[0]}'")
                    if (twice := _twice(str(phrase))):  # "don't|do not know" reads as three words, all required
                        error(phrases.location, f"step '{step.id}' phrase '{phrase}' ({lang}): '{twice}' stands in two "
                                                "of its words – alternatives are single words; write separate phrases")
    for said in sc.already_said:  # she has said it in her opening, or once a fact of hers is out
        if said.since != "opening" and said.since not in fact_ids:
            error(said.location, f"already_said '{said.id}' since names neither 'opening' nor a fact: "
                                 f"'{said.since}'{suggest(said.since, ('opening', *fact_ids))}")
    used = {f for s in sc.steps for f in s.reveals}
    for fact in sc.facts:
        if fact.id not in used and not fact.answer:  # a fact she only answers when asked needs no step
            error(fact.location, f"fact '{fact.id}' is never revealed by any step")
    # a step that needs itself through a cycle can never be taken
    deps = {s.id: set(s.needs) for s in sc.steps}
    for sid in step_ids:
        stack, seen = list(deps.get(sid, ())), set()
        while stack:
            cur = stack.pop()
            if cur == sid:
                error(sc.step(sid).location, f"step '{sid}' depends on itself through 'requires'")
                break
            if cur not in seen:
                seen.add(cur)
                stack.extend(deps.get(cur, ()))


def _twice(phrase: str) -> str:
    """A word that is an alternative in two different words of *phrase* ("whether|if it's|if it is": 'if'), or ''; a
    word said twice on its own is fine ("step by step")."""
    seen: dict[str, tuple[int, bool]] = {}
    for i, word in enumerate(phrase.split()):
        for alt in word.split("|"):
            first, alternative = seen.setdefault(alt, (i, "|" in word))
            if first != i and (alternative or "|" in word):
                return alt
    return ""
