"""Labelled trainee lines for training and measuring the analyser's learned head (a developer tool).

Reads the independent line bank (``tests/data/bank/<lang>-NNN.jsonl``, field
``split`` = ``train`` | ``heldout``) and the older test corpora, and embeds
lines through a disk cache so that re-training does not re-embed what did not
change. Nothing here runs when the simulator plays: only
:mod:`simulator.analysis.train`, the tests and ``bench/`` use it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from simulator.analysis.acts import ACTS

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
BANK = DATA / "bank"
OLD_CORPORA = ("corpus", "heldout", "independent", "fresh")
"""The older corpora (``tests/data/<name>_<lang>.jsonl``), written by the team while building the rules."""


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled line."""

    text: str
    """What the trainee said."""
    acts: frozenset[str]
    """The acts a human annotator assigned (subset of :data:`ACTS`)."""
    source: str
    """File stem it came from (``de-004``, ``corpus_de``)."""
    split: str
    """``train`` or ``heldout`` (bank), or the old corpus name."""
    style: str = "typed"
    """``typed``, ``asr``, ``typo``, …"""
    prev: str | None = None
    """The previous customer line, when the writer gave one."""


def _rows(path: Path, split: str | None) -> list[Row]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        raw = json.loads(line)
        out.append(
            Row(
                str(raw["text"]),
                frozenset(a for a in raw.get("acts", ()) if a in ACTS),
                path.stem,
                split or str(raw.get("split", "train")),
                str(raw.get("style") or "typed"),
                raw.get("prev") or None,
            )
        )
    return out


def bank(lang: str, split: str | None = None, root: Path = BANK) -> list[Row]:
    """The bank's lines of *lang*, all or only those of *split* (``train`` / ``heldout``), in file order."""
    rows: list[Row] = []
    for path in sorted(root.glob(f"{lang}-*.jsonl")):
        rows += _rows(path, None)
    return [r for r in rows if split is None or r.split == split]


def old(lang: str, names: Iterable[str] = OLD_CORPORA) -> list[Row]:
    """The older corpora of *lang* (split = corpus name)."""
    rows: list[Row] = []
    for name in names:
        path = DATA / f"{name}_{lang}.jsonl"
        if path.exists():
            rows += _rows(path, name)
    return rows


def strip_punctuation(text: str) -> str:
    """*text* as a speech recogniser would give it: lower case, no punctuation marks."""
    kept = "".join(c if c.isalnum() or c.isspace() or c in "'-" else " " for c in text.lower())
    return " ".join(kept.split())


def cache_dir() -> Path:
    """Where embeddings are cached between runs (``SIMULATOR_TRAIN_CACHE``, else ``~/.cache/simulator-train``)."""
    return Path(os.environ.get("SIMULATOR_TRAIN_CACHE") or Path.home() / ".cache" / "simulator-train")


def embed_cached(texts: Sequence[str], embedder, tag: str, batch: int = 64, progress: bool = False):
    """Embeddings of *texts* (numpy (n, dim)) from the disk cache *tag*, embedding and storing the missing ones."""
    import numpy as np

    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    store = folder / f"{embedder.name}-{tag}.npz"
    known: dict[str, np.ndarray] = {}
    for path in sorted(folder.glob(f"{embedder.name}-{tag}*.npz")):  # also what parallel runs stored under tag-*
        if ".tmp" not in path.name:
            with np.load(path) as saved:
                known.update(zip(saved["keys"].tolist(), saved["vectors"]))
    missing = list(dict.fromkeys(k for k in keys if k not in known))

    def save() -> None:
        tmp = store.with_name(store.stem + ".tmp.npz")
        np.savez(tmp, keys=np.array(list(known)), vectors=np.stack(list(known.values())))
        tmp.replace(store)

    if missing:
        by_key = dict(zip(keys, texts))
        for number, start in enumerate(range(0, len(missing), batch), 1):
            chunk = missing[start : start + batch]
            for key, vector in zip(chunk, embedder.embed([by_key[k] for k in chunk])):
                known[key] = vector
            if progress:
                print(f"  embedded {min(start + batch, len(missing))}/{len(missing)}", flush=True)
            if number % 8 == 0:  # an interrupted run keeps what it did
                save()
        save()
    return np.stack([known[k] for k in keys]) if keys else np.zeros((0, embedder.dim), dtype=np.float32)
