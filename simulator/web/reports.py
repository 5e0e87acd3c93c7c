"""Progress reports for the pages and downloads: the report code of :mod:`simulator.reports.progress`, cached briefly.

A cohort report over a large store takes a few hundred milliseconds; pages
reuse one for :data:`TTL` seconds (per process, read-only: a serve process
never answers from another's cache, and nothing written waits for it).
Notes and adjustments are read fresh on the call page.
"""

from __future__ import annotations

import io
import threading
import time
from typing import Any

from simulator.reports.progress_model import EmptySelection, Selection

TTL = 30.0
"""Seconds a computed report is reused."""
_cache: dict[tuple[Any, ...], tuple[float, Any]] = {}
_lock = threading.Lock()


def report(store: Any, sel: Selection) -> Any:
    """The report of ``sel`` (None when no scored call matches), from the cache when fresh."""
    from simulator.reports.progress import build_report

    key = (id(store), sel)
    now = time.monotonic()
    with _lock:
        hit = _cache.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    try:
        value = build_report(store, sel)
    except EmptySelection:
        value = None
    with _lock:
        if len(_cache) > 500:
            _cache.clear()
        _cache[key] = (now + TTL, value)
    return value


def forget() -> None:
    """Drop every cached report (after a write this process made, e.g. a deletion)."""
    with _lock:
        _cache.clear()


def download(rep: Any, fmt: str, filename: str) -> Any:
    """A CSV or PDF download of a report (pseudonyms only, as the report code writes them)."""
    from fastapi.responses import Response

    from simulator.reports.progress import write_csv, write_pdf

    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in filename)[:80] or "report"
    if fmt == "csv":
        out = io.StringIO()
        write_csv(rep, out)
        body, media = out.getvalue().encode("utf-8"), "text/csv; charset=utf-8"
    else:
        buf = io.BytesIO()
        write_pdf(rep, buf)
        body, media = buf.getvalue(), "application/pdf"
    return Response(body, media_type=media, headers={"content-disposition": f'attachment; filename="{safe}.{fmt}"'})
