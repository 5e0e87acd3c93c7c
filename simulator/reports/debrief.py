"""The debrief of one call as a file: a standalone HTML page or Markdown, chosen by suffix.

``write_debrief(path, scenario, state, score)``: ``.html``/``.htm`` -> one
self-contained page (inline CSS, no external resources, everything escaped
by jinja2's autoescape); ``.md``/``.markdown`` -> Markdown. Any other suffix
is a :class:`~simulator.errors.UsageError`. Both draw one
:class:`~simulator.reports.view.DebriefView`; they only format it.
"""

from __future__ import annotations

from pathlib import Path

from simulator.errors import UsageError
from simulator.reports.view import DebriefView

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def html_from_view(view: DebriefView) -> str:
    """The debrief as one HTML page."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("simulator.reports", "templates"),
        autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )
    return env.get_template("debrief.html.j2").render(view=view, w=view.words)


def render_html(scenario, state, score, hints=None) -> str:
    """The debrief of a scored call as one HTML page."""
    return html_from_view(DebriefView.build(scenario, state, score, hints=hints))


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or paragraph."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def markdown_from_view(view: DebriefView) -> str:
    """The debrief as Markdown."""
    w = view.words
    lines = [f"# {_md(view.heading)}", ""]
    meta = f"{w.caller}: {_md(view.persona)}"
    if view.outcome:
        meta += f" · {w.outcome}: {_md(view.outcome)}"
    lines += [meta, "", f"**{w.total}: {view.total_text}**", ""]
    lines += [f"| {w.dimension} | {w.weight} | {w.score} |", "|---|---:|---:|"]
    for r in view.rows:
        lines.append(f"| {_md(r.label)} | {r.weight:g} | {r.value_text} |")
    for r in view.sections:
        lines += ["", f"## {_md(r.label)} – {r.value_text}/100", ""]
        if not r.evidence:
            lines.append(w.no_evidence)
        else:
            lines += [f"| {w.turn} | {w.effect} | {w.what_happened} |", "|---:|---:|---|"]
            for e in r.evidence:
                cell = _md(e.note)
                if e.quoted:
                    cell += f" {_md(e.quoted)}"
                if e.tip:
                    cell += f" → {_md(e.tip)}"
                lines.append(f"| {e.turn} | {e.effect:+.1f} | {cell} |")
        if r.tip:
            lines += ["", f"**{w.tip}:** {_md(r.tip)}"]
    if view.hints:
        lines += ["", f"## {_md(w.hints)}", ""]
        lines += [f"- **{_md(h.label)}:** {_md(h.text)}" for h in view.hints]
    return "\n".join(lines) + "\n"


def render_markdown(scenario, state, score, hints=None) -> str:
    """The debrief of a scored call as Markdown."""
    return markdown_from_view(DebriefView.build(scenario, state, score, hints=hints))


def write_debrief(path, scenario, state, score, hints=None) -> Path:
    """Write the debrief to ``path`` (.html/.htm or .md/.markdown); returns the path."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in HTML_SUFFIXES:
        text = render_html(scenario, state, score, hints)
    elif suffix in MARKDOWN_SUFFIXES:
        text = render_markdown(scenario, state, score, hints)
    else:
        raise UsageError(f"cannot write a debrief as '{suffix or target.name}': use a .html or .md file")
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


class ReportFile:
    """Writes the debrief of a call to a file when it ends (``play --report``): a call observer."""

    def __init__(self, path, scenario, coach=None) -> None:
        self.path = path
        """Where to write (.html/.htm or .md/.markdown)."""
        self.scenario = scenario
        """The scenario played."""
        self.coach = coach
        """Coach mode's record of the hints shown (None without coach mode)."""

    def on_turn(self, state) -> None:
        return None

    def on_end(self, state, score) -> None:
        if score is not None:
            write_debrief(self.path, self.scenario, state, score,
                          self.coach.all_shown() if self.coach is not None else ())
