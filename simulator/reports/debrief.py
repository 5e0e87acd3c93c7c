"""The debrief of one call as a file: a standalone HTML page or Markdown, chosen by suffix.

``write_debrief(path, scenario, state, score)``: ``.html``/``.htm`` -> one
self-contained page (inline CSS, no external resources, everything escaped
by jinja2's autoescape); ``.md``/``.markdown`` -> Markdown. Any other suffix
is a :class:`~simulator.errors.UsageError`.
"""

from __future__ import annotations

from pathlib import Path

from simulator.errors import UsageError
from simulator.scoring.feedback import Feedback

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")


def _context(scenario, state, score) -> dict:
    fb = Feedback.for_language(score.lang)
    lang = score.lang
    persona = scenario.persona
    who = ", ".join(x for x in (persona.name.get(lang), persona.role.get(lang), persona.company.get(lang)) if x)
    dims = []
    for d in score.dimensions:
        dims.append({
            "name": d.name, "label": fb.label(d.name), "weight": d.weight, "value": d.value,
            "value_text": fb.word("not_applicable") if d.value is None else f"{d.value:.0f}",
            "evidence": d.evidence, "tip": d.tip,
        })
    words = {k: fb.word(k) for k in ("debrief", "persona", "outcome", "total", "dimension", "weight", "score",
                                      "turn", "effect", "note", "tip", "no_evidence", "quote")}
    outcome = fb.reason(state.outcome.reason) if state is not None and state.outcome is not None else ""
    return {"lang": lang, "title": scenario.title.get(lang), "persona": who, "outcome": outcome,
            "score": score, "dims": dims, "words": words}


def render_html(scenario, state, score) -> str:
    """The debrief as one HTML page."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("simulator.reports", "templates"),
        autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )
    return env.get_template("debrief.html.j2").render(**_context(scenario, state, score))


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or paragraph."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(scenario, state, score) -> str:
    """The debrief as Markdown."""
    c = _context(scenario, state, score)
    w = c["words"]
    lines = [f"# {w['debrief']}: {_md(c['title'])}", ""]
    meta = f"{w['persona']}: {_md(c['persona'])}"
    if c["outcome"]:
        meta += f" · {w['outcome']}: {_md(c['outcome'])}"
    lines += [meta, "", f"**{w['total']}: {score.total:.0f} / 100**", ""]
    lines += [f"| {w['dimension']} | {w['weight']} | {w['score']} |", "|---|---:|---:|"]
    for d in c["dims"]:
        lines.append(f"| {_md(d['label'])} | {d['weight']:g} | {d['value_text']} |")
    for d in c["dims"]:
        if d["value"] is None:
            continue
        lines += ["", f"## {_md(d['label'])} – {d['value_text']}/100", ""]
        if not d["evidence"]:
            lines.append(w["no_evidence"])
        else:
            lines += [f"| {w['turn']} | {w['effect']} | {w['note']} |", "|---:|---:|---|"]
            for e in d["evidence"]:
                cell = _md(e.note)
                if e.quote:
                    cell += f" «{_md(e.quote)}»"
                if e.effect <= 0:
                    cell += f" → {_md(e.tip)}"
                lines.append(f"| {e.turn} | {e.effect:+.1f} | {cell} |")
        if d["tip"]:
            lines += ["", f"**{w['tip']}:** {_md(d['tip'])}"]
    return "\n".join(lines) + "\n"


def write_debrief(path, scenario, state, score) -> Path:
    """Write the debrief to ``path`` (.html/.htm or .md/.markdown); returns the path."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in HTML_SUFFIXES:
        text = render_html(scenario, state, score)
    elif suffix in MARKDOWN_SUFFIXES:
        text = render_markdown(scenario, state, score)
    else:
        raise UsageError(f"cannot write a debrief as '{suffix or target.name}': use a .html or .md file")
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


class ReportFile:
    """Writes the debrief of a call to a file when it ends (``play --report``): a call observer."""

    def __init__(self, path, scenario) -> None:
        self.path = path
        """Where to write (.html/.htm or .md/.markdown)."""
        self.scenario = scenario
        """The scenario played."""

    def on_turn(self, state) -> None:
        return None

    def on_end(self, state, score) -> None:
        if score is not None:
            write_debrief(self.path, self.scenario, state, score)
