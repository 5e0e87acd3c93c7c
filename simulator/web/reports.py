"""Progress reports for the pages and downloads: the report code of :mod:`simulator.reports.progress`, cached briefly.

A cohort report over a large store takes a second or more, HR's gated
quarter several: pages reuse one report per selection (per process,
read-only). A stale report is served while one background thread computes
the new one, and concurrent requests for a report nobody has yet wait for
one computation instead of each starting their own. Staleness is bounded:
:data:`TTL` for trainee and instructor reports, :data:`HR_TTL` for HR's
closed periods (their figures do not change with new calls). Notes and
adjustments are read fresh on the call page; a deletion made by this process
drops the cache at once, other processes' copies age out within :data:`TTL`.
"""

from __future__ import annotations

import io
import threading
import time
from typing import Any

from simulator.reports.progress_model import EmptySelection, Selection

TTL = 60.0
"""Seconds a trainee or cohort report is served before it is computed again."""
HR_TTL = 600.0
"""Seconds an HR report of a closed period is served before it is computed again."""
_cache: dict[tuple[Any, ...], tuple[float, Any]] = {}
_running: dict[tuple[Any, ...], threading.Event] = {}
_lock = threading.Lock()


def _compute(store: Any, sel: Selection) -> Any:
    from simulator.reports.progress import build_report

    try:
        return build_report(store, sel)
    except EmptySelection:
        return None


def _refresh(compute: Any, ttl: float, key: tuple[Any, ...], done: threading.Event) -> None:
    try:
        value = compute()
        with _lock:
            if len(_cache) > 500:
                _cache.clear()
            _cache[key] = (time.monotonic() + ttl, value)
    finally:
        with _lock:
            _running.pop(key, None)
        done.set()


def _background(compute: Any, ttl: float, key: tuple[Any, ...], done: threading.Event) -> None:
    try:
        _refresh(compute, ttl, key, done)
    except Exception:  # noqa: BLE001 - the stale report stays; the next request past the TTL tries again
        pass


def report(store: Any, sel: Selection) -> Any:
    """The report of ``sel`` (None when no scored call matches): fresh, or stale while a refresh runs."""
    return memo(store, sel, lambda: _compute(store, sel), HR_TTL if sel.audience == "hr" else TTL)


def memo(store: Any, what: Any, compute: Any, ttl: float = TTL) -> Any:
    """``compute()``, cached under ``what`` for ``ttl`` seconds: fresh, or stale while one refresh runs."""
    key = (id(store), what)
    with _lock:
        hit = _cache.get(key)
        running = _running.get(key)
        if hit is not None and hit[0] > time.monotonic():
            return hit[1]
        if running is None:
            running = _running[key] = threading.Event()
            starter = True
        else:
            starter = False
    if hit is not None:  # stale: answer now, refresh in the background (once)
        if starter:
            threading.Thread(target=_background, args=(compute, ttl, key, running), daemon=True).start()
        return hit[1]
    if starter:
        _refresh(compute, ttl, key, running)  # errors (a bad period) reach the caller
    else:
        running.wait(120)
    with _lock:
        hit = _cache.get(key)
    return hit[1] if hit is not None else compute()


def warm(store: Any) -> None:
    """Compute HR's default report in the background (a serve process starts with it ready)."""
    threading.Thread(target=lambda: _safe(store, Selection(audience="hr")), daemon=True).start()


def _safe(store: Any, sel: Selection) -> None:
    try:
        report(store, sel)
    except Exception:  # noqa: BLE001 - warming is best effort; the page shows the error itself
        pass


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


def xapi_download(statements: Any, filename: str) -> Any:
    """xAPI 1.0.3 statements as a JSON download (the ones ``simulator export xapi`` writes)."""
    from fastapi.responses import Response

    from simulator.reports.xapi import _write

    out = io.StringIO()
    _write(statements, out)
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in filename)[:80] or "statements"
    return Response(out.getvalue().encode("utf-8"), media_type="application/json",
                    headers={"content-disposition": f'attachment; filename="{safe}.xapi.json"'})


def call_statements(store: Any, **filter_args: Any) -> Any:
    """One xAPI statement per scored call of the filter (pseudonymous actors; private runs never)."""
    from simulator.reports.aggregate import Filter
    from simulator.reports.xapi import HOME, call_statements as statements

    return statements(store, Filter(**filter_args), HOME, "completed")


def group_statements(rep: Any) -> Any:
    """One xAPI statement per cohort HR's gated report shows (no statement about a person)."""
    from simulator.reports.xapi import HOME, group_statements as statements

    return statements(rep, HOME, "completed")

