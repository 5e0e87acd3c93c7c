"""Charts drawn on the server as inline SVG: no script, no network, readable without colour.

Every chart carries its numbers as text too (a title per point, the value
beside the line), so a screen reader or a projector in bad light loses
nothing.
"""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 260, 70, 6
"""Size of one progress chart (viewBox units) and its inner margin."""


def heat_class(value: float | None) -> str:
    """CSS class of a heat-map cell: good (>= 80), fair (>= 50), poor, or na."""
    if value is None:
        return "na"
    return "good" if value >= 80 else "fair" if value >= 50 else "poor"


def sparkline(points: list, label: str = "") -> Markup:
    """An SVG line of ``points`` (objects with ``label`` and ``value`` 0..100; None: hidden), with its last value."""
    shown = [(i, p) for i, p in enumerate(points) if p.value is not None]
    if not shown:
        return Markup("")
    n = max(len(points) - 1, 1)
    xy = [(PAD + (WIDTH - 2 * PAD - 40) * i / n, PAD + (HEIGHT - 2 * PAD) * (1 - p.value / 100)) for i, p in shown]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5"><title>{escape(p.label)}: {p.value:g} '
                   f'(n={p.trainees})</title></circle>' for (x, y), (_, p) in zip(xy, shown))
    last = shown[-1][1].value
    return Markup(
        f'<svg class="spark" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}: '
        f'{escape(shown[0][1].label)} {shown[0][1].value:g} … {escape(shown[-1][1].label)} {last:g}">'
        f'<line x1="{PAD}" y1="{PAD + (HEIGHT - 2 * PAD) * 0.2:.1f}" x2="{WIDTH - 40}" '
        f'y2="{PAD + (HEIGHT - 2 * PAD) * 0.2:.1f}" class="ref"/>'
        f'<polyline points="{path}" fill="none"/>{dots}'
        f'<text x="{WIDTH - 34}" y="{xy[-1][1] + 4:.1f}">{last:g}</text></svg>')
