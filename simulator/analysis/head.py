"""The analyser's learned second opinion: a small per-act classifier over a sentence embedding.

Trained by ``python -m simulator.analysis.train`` (see ``docs/analyser.md``),
which writes two small files per language next to the rule data:

* ``data/head-<lang>.json`` – per act the combination *policy* chosen by
  cross-validation on the bank's train split, the Platt calibration, and the
  rules' own precision (the confidence of a rule hit when no model runs);
  readable without numpy;
* ``data/head-<lang>.npz`` – the head's weights (numpy).

A policy says how the head's calibrated probability ``p`` and the rule hit
``r`` combine for one act:

* ``rules`` – ``r`` (the head is not trusted for this act);
* ``head``  – ``p >= threshold`` (the head sees the rule hits as inputs, so this is a stacked model);
* ``union`` – ``r or p >= threshold``;
* ``veto``  – ``r and p >= threshold``.

The head's inputs are the line's embedding and the rule hits, so it needs the
rules to run first; it never invents evidence: an act the head adds gets the
whole line as its evidence span.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Sequence

from simulator.analysis.acts import ACTS

__all__ = ["POLICIES", "KEPT_ACTS", "QUOTED_ACTS", "Head", "HeadInfo", "Policy", "combine", "head_info", "load_head"]

DATA = Path(__file__).resolve().parent / "data"
POLICIES = ("rules", "head", "union", "veto")
"""How rule hit and head probability combine for one act (see the module docstring)."""


@dataclass(frozen=True, slots=True)
class Policy:
    """How one act is decided."""

    mode: str
    """One of :data:`POLICIES`."""
    threshold: float = 0.5
    """Calibrated probability at or above which the head says yes."""


@dataclass(frozen=True, slots=True)
class HeadInfo:
    """The numpy-free part of a trained head: policies, calibration, rule precision."""

    lang: str
    """Language the head was trained for."""
    backend: str
    """Embedding backend the head was trained on (a :data:`simulator.analysis.embeddings.REGISTRY` name)."""
    dim: int
    """Embedding size the head expects."""
    enabled: bool
    """Whether the combination won on held-out data; False keeps the analyser rules-only by default."""
    policies: dict[str, Policy]
    """Per act: how rules and head combine (chosen by cross-validation on the train split)."""
    platt: dict[str, tuple[float, float]]
    """Per act: ``(a, b)`` with calibrated ``p = 1 / (1 + exp(-(a * logit + b)))``, fitted on out-of-fold logits."""
    rule_precision: dict[str, float]
    """Per act: how often a rule hit was right on the train split (the confidence of a rule hit without the head)."""


def _path(lang: str, suffix: str) -> Path:
    return DATA / f"head-{lang}.{suffix}"


@cache
def head_info(lang: str) -> HeadInfo | None:
    """The trained head's description for *lang*, or None when no head was trained."""
    path = _path(lang, "json")
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return HeadInfo(
        lang,
        str(raw["backend"]),
        int(raw["dim"]),
        bool(raw.get("enabled", False)),
        {a: Policy(p["mode"], float(p.get("threshold", 0.5))) for a, p in raw["policies"].items()},
        {a: (float(ab[0]), float(ab[1])) for a, ab in raw["platt"].items()},
        {a: float(v) for a, v in raw["rule_precision"].items()},
    )


class Head:
    """Per-act classifier over ``[embedding, rule hits]`` (standardised), with Platt calibration.

    With ``hidden`` weights it is a one-hidden-layer network (ReLU), shared by
    all acts; without, a per-act logistic regression.
    """

    def __init__(self, info: HeadInfo, weights, bias, mean, scale, hidden=None) -> None:
        self.info = info
        self._w, self._b, self._mean, self._scale = weights, bias, mean, scale
        self._hidden = hidden  # (W1, b1) or None
        self._platt_a = [info.platt.get(a, (1.0, 0.0))[0] for a in ACTS]
        self._platt_b = [info.platt.get(a, (1.0, 0.0))[1] for a in ACTS]

    @classmethod
    def from_arrays(cls, info: HeadInfo, arrays) -> "Head":
        """A head from a mapping of numpy arrays ``W``, ``b``, ``mean``, ``scale`` (and ``W1``, ``b1`` for a hidden layer)."""
        hidden = (arrays["W1"], arrays["b1"]) if "W1" in arrays else None
        return cls(info, arrays["W"], arrays["b"], arrays["mean"], arrays["scale"], hidden)

    def probabilities(self, vectors, rule_hits) -> list[list[float]]:
        """Calibrated probability per line (rows of *vectors*) and act (:data:`ACTS` order)."""
        import numpy as np

        hits = np.asarray(rule_hits, dtype=np.float32).reshape(len(vectors), len(ACTS))
        x = (np.concatenate([np.asarray(vectors, dtype=np.float32), hits], axis=1) - self._mean) / self._scale
        if self._hidden is not None:
            x = np.maximum(x @ self._hidden[0] + self._hidden[1], 0.0)
        logits = x @ self._w + self._b
        z = logits * np.asarray(self._platt_a) + np.asarray(self._platt_b)
        return (1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))).tolist()


def load_head(lang: str) -> Head | None:
    """The trained head of *lang* (weights and description), or None when either file is missing."""
    info = head_info(lang)
    path = _path(lang, "npz")
    if info is None or not path.exists():
        return None
    import numpy as np

    with np.load(path) as arrays:
        return Head.from_arrays(info, {k: arrays[k] for k in ("W", "b", "mean", "scale", "W1", "b1") if k in arrays})


QUOTED_ACTS = ("jargon",)
"""Acts the head may confirm or veto but never add: they need the term itself as evidence ("Clarity −25:
'DNS'"), and a false one costs a lay caller's trust ("Netzwerk" is what her own screen says)."""


KEPT_ACTS = ("time_commitment", "summary", "rude", "reassurance")
"""Acts whose rule hits the head may not veto (it may still add them): a time commitment is an essential step in
several scenarios, and missing one ('within 30 minutes', its own span) left an excellent call unsolved; the head
vetoed explicit recaps ('Nochmal zusammengefasst: …') and named rudeness ('nicht mein Problem'). The rules'
precision for these acts on the train split is 0.78-0.98, and keeping their hits left held-out F1 unchanged.
Reassurance since round 25 (rule precision 0.87-0.89): the head vetoed "Nein, keine Sorge." to a caller afraid to
touch the cable, who then refused the check; held-out F1 moved by 0.001 or less."""


def combine(rule_acts: Sequence[str], probabilities: Sequence[float], policies: dict[str, Policy]) -> list[str]:
    """The acts (in :data:`ACTS` order) after applying each act's policy to its rule hit and head probability."""
    found = set(rule_acts)
    out = []
    for act, p in zip(ACTS, probabilities):
        policy = policies.get(act, Policy("rules"))
        r = act in found
        yes = p >= policy.threshold
        if act in KEPT_ACTS and r:
            keep = True  # a rule hit of a kept act stays; the head may still add the act where the rules missed it
        elif act in QUOTED_ACTS and policy.mode in ("head", "union"):
            keep = r and (yes or policy.mode == "union")  # never added without a term; 'head' may still veto
        elif policy.mode == "head":
            keep = yes
        elif policy.mode == "union":
            keep = r or yes
        elif policy.mode == "veto":
            keep = r and yes
        else:
            keep = r
        if keep:
            out.append(act)
    return out


def sigmoid(z: float) -> float:
    """The logistic function, safe for large arguments."""
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
