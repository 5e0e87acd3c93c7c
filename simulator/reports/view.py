"""The debrief of one finished call as plain data: built once, drawn by every renderer.

``DebriefView.build(scenario, state, score, lang)`` decides everything a
debrief shows – labels (from the string catalogue), which evidence carries a
tip, which dimensions get a section, which tips come first, the order of the
timeline – so the renderers only lay it out:

* terminal (rich): :func:`simulator.ui.debrief.debrief_renderables`
* Markdown and HTML files: :mod:`simulator.reports.debrief` (+ ``templates/debrief.html.j2``)
* the pygame window: draws ``view.total_text``, ``view.rows`` (``label``, ``fraction``,
  ``value_text``, ``tone``) as bars, and ``view.timeline`` / ``view.top_tips`` as the
  scrollable evidence list; fixed words come from ``view.words``.

Nothing here imports a UI library, and no event string is parsed: the view
reads the score's evidence and the transcript's turns only.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.strings import strings
from simulator.vocabulary import DIMENSIONS

GOOD_FROM = 80.0
"""A dimension scoring at least this is shown as good (and the scorer gives it no overall tip)."""
FAIR_FROM = 50.0
"""A dimension scoring at least this (and below :data:`GOOD_FROM`) is shown as fair; below it, poor."""
TOP_TIPS = 3
"""How many overall tips the debrief puts first."""
TONES = ("good", "fair", "poor", "na")
"""How a value is judged, for colour; every renderer also prints the number (meaning never rests on colour)."""


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One reason for points won or lost, ready to show."""

    dimension: str
    """The dimension's key (one of :data:`simulator.vocabulary.DIMENSIONS`)."""
    label: str
    """The dimension's label."""
    turn: int
    """Trainee turn the evidence belongs to (0 = before the first trainee line)."""
    quote: str
    """The words quoted, bare ('' when none)."""
    quoted: str
    """The quote in the language's quotation marks ('' when none)."""
    effect: float
    """Points added to (positive) or taken from (negative) the dimension."""
    note: str
    """What happened."""
    tip: str
    """What to do next time; '' where the item earned points (a 'Good.' would only be noise)."""
    speaker: str = "trainee"
    """Whose words ``quote`` is: 'trainee', 'customer' (``quoted`` then says so), or ''."""
    kind: str = ""
    """The kind of evidence (catalogue ``item.<kind>``); 'base' for the dimension's starting value."""


@dataclass(frozen=True, slots=True)
class DimensionRow:
    """One rubric dimension: its bar in the summary and, when applicable, its section."""

    key: str
    """The dimension's key."""
    label: str
    """The one label of the dimension (catalogue ``dimension.<key>``)."""
    value: float | None
    """0..100, or None when the scenario does not score this dimension."""
    value_text: str
    """The value as shown: '65', or the catalogue's 'n/a'."""
    weight: float
    """Weight in the total."""
    fraction: float
    """Bar fill, 0..1 (0 when not applicable)."""
    tone: str
    """good | fair | poor | na (see :data:`TONES`)."""
    evidence: tuple[EvidenceView, ...]
    """Why the value is what it is, in the scorer's order."""
    tip: str
    """The dimension's overall tip ('' when it scored well or is not applicable)."""


@dataclass(frozen=True, slots=True)
class TipView:
    """One overall tip, named by its dimension."""

    dimension: str
    """The dimension's key."""
    label: str
    """The dimension's label."""
    text: str
    """The tip."""


@dataclass(frozen=True, slots=True)
class TranscriptLine:
    """One line of the call as the debrief shows it."""

    turn: int
    """Trainee turn number the line belongs to."""
    speaker: str
    """customer | trainee (see :data:`simulator.vocabulary.SPEAKERS`)."""
    label: str
    """Who spoke: the speaker's label, or the trainee's name in a shared seminar call."""
    text: str
    """What was said."""


@dataclass(frozen=True, slots=True)
class HintView:
    """One coach hint shown during the call (coach mode), as the debrief lists it."""

    turn: int
    """The trainee turn after which the hint was shown."""
    kind: str
    """What it was about (see :data:`simulator.dialogue.coach.KINDS`)."""
    label: str
    """'After turn 3'."""
    text: str
    """The hint as it was shown."""


@dataclass(frozen=True, slots=True)
class Words:
    """The fixed words a debrief renderer needs, in the view's language."""

    debrief: str
    """Title word ('Debrief')."""
    caller: str
    """Label of the persona line."""
    outcome: str
    """Label of the outcome line."""
    total: str
    """Label of the total."""
    dimension: str
    """Column header: dimension."""
    weight: str
    """Column header: weight."""
    score: str
    """Column header: score."""
    turn: str
    """Column header: turn."""
    effect: str
    """Column header: effect."""
    what_happened: str
    """Column header: the note."""
    tip: str
    """Label of a tip."""
    top_tips: str
    """Heading of the tips that come first."""
    evidence: str
    """Heading of the evidence list."""
    no_evidence: str
    """Shown for a scored dimension without evidence."""
    transcript: str
    """Heading of the transcript."""
    hints: str = ""
    """Heading of the coach hints."""


@dataclass(frozen=True, slots=True)
class DebriefView:
    """Everything a debrief shows about one finished call.

    Renderers iterate ``rows`` for the summary table (every dimension, in
    rubric order), ``sections`` for one block per scored dimension, and may
    use ``timeline`` (all evidence by turn) and ``top_tips`` instead. Built by
    :meth:`build`; never changed afterwards.
    """

    lang: str
    """Language of the labels (notes and tips are in the score's language)."""
    title: str
    """The scenario's title ('' without a scenario)."""
    heading: str
    """'Debrief: <title>'."""
    persona: str
    """'Name, role, company' of the caller ('' without a scenario)."""
    outcome: str
    """The outcome reason's label ('' when the call has no outcome)."""
    outcome_reason: str | None
    """The outcome reason's key (see :data:`simulator.vocabulary.REASONS`), or None."""
    resolved: bool
    """The problem was solved (or a workable next step reached)."""
    total: float
    """Weighted total, 0..100."""
    total_text: str
    """The total as shown: '56 / 100'."""
    rows: tuple[DimensionRow, ...]
    """Every dimension, in rubric order."""
    sections: tuple[DimensionRow, ...]
    """The dimensions that get their own block (the scored ones), in rubric order."""
    timeline: tuple[EvidenceView, ...]
    """All evidence ordered by turn, then rubric order."""
    top_tips: tuple[TipView, ...]
    """At most :data:`TOP_TIPS` overall tips, weakest dimension first."""
    transcript: tuple[TranscriptLine, ...]
    """The call, line by line ('' labels never occur)."""
    hints: tuple[HintView, ...]
    """The coach hints shown during the call, in turn order (empty without coach mode)."""
    words: Words
    """Fixed words for headings and columns."""

    @classmethod
    def build(cls, scenario, state, score, lang: str | None = None, hints=None) -> "DebriefView":
        """The view of ``score`` for the call ``state`` of ``scenario`` (either may be None), in ``lang`` (default: the score's).

        ``hints``: (turn, CoachHint) pairs shown during the call; None reads them from the state's turns (a stored call).
        """
        s = strings(lang or score.lang)
        order = {name: i for i, name in enumerate(DIMENSIONS)}
        rows = tuple(_row(s, d) for d in sorted(score.dimensions, key=lambda d: order.get(d.name, len(order))))
        title = scenario.title.get(s.lang) if scenario is not None else ""
        outcome = state.outcome if state is not None else None
        weakest = sorted((r for r in rows if r.tip and r.value is not None), key=lambda r: (r.value, order.get(r.key, 0)))
        return cls(
            lang=s.lang,
            title=title,
            heading=f"{s.t('debrief')}: {title}" if title else s.t("debrief"),
            persona=_persona(scenario, s.lang),
            outcome=s.reason(outcome.reason) if outcome is not None else "",
            outcome_reason=outcome.reason if outcome is not None else None,
            resolved=bool(outcome and outcome.resolved),
            total=score.total,
            total_text=f"{score.total:.0f} / 100",
            rows=rows,
            sections=tuple(r for r in rows if r.value is not None),
            timeline=tuple(sorted((e for r in rows for e in r.evidence if e.kind != "base"),
                                  key=lambda e: (e.turn, order.get(e.dimension, 0)))),
            top_tips=tuple(TipView(r.key, r.label, r.tip) for r in weakest[:TOP_TIPS]),
            transcript=_transcript(s, state),
            hints=_hints(s, state, hints),
            words=Words(
                debrief=s.t("debrief"), caller=s.t("caller"), outcome=s.t("outcome"), total=s.t("total"),
                dimension=s.t("column.dimension"), weight=s.t("column.weight"), score=s.t("column.score"),
                turn=s.t("column.turn"), effect=s.t("column.effect"), what_happened=s.t("column.note"),
                tip=s.t("tip"), top_tips=s.t("top_tips"), evidence=s.t("evidence"), no_evidence=s.t("no_evidence"),
                transcript=s.t("transcript"), hints=s.t("hints"),
            ),
        )


def tone(value: float | None) -> str:
    """good | fair | poor for a 0..100 value, na for None."""
    if value is None:
        return "na"
    return "good" if value >= GOOD_FROM else "fair" if value >= FAIR_FROM else "poor"


def _row(s, d) -> DimensionRow:
    label = s.dimension(d.name)
    value = d.value
    return DimensionRow(
        key=d.name,
        label=label,
        value=value,
        value_text=s.t("not_applicable") if value is None else f"{value:.0f}",
        weight=d.weight,
        fraction=0.0 if value is None else max(0.0, min(100.0, value)) / 100,
        tone=tone(value),
        evidence=((_base(s, d, label),) + tuple(
            EvidenceView(
                dimension=d.name, label=label, turn=e.turn, quote=e.quote,
                quoted=_quoted(s, e.quote, getattr(e, "speaker", "trainee")),
                effect=e.effect, note=e.note, tip=e.tip if e.effect <= 0 else "",
                speaker=getattr(e, "speaker", "trainee"), kind=getattr(e, "kind", ""),
            )
            for e in d.evidence
        )) if value is not None else (),
        tip=d.tip if value is not None else "",
    )


def _quoted(s, quote: str, speaker: str) -> str:
    """The quote in the language's marks; the customer's words say they are hers."""
    if not quote:
        return ""
    return s.t("quoted_customer" if speaker == "customer" else "quoted", text=quote)


def _base(s, d, label: str) -> EvidenceView:
    """The dimension's starting value as the first line of its evidence, so every number adds up on screen."""
    base = getattr(d, "base", 0.0)
    return EvidenceView(dimension=d.name, label=label, turn=0, quote="", quoted="", effect=base,
                        note=s.t("base_note", base=f"{base:.0f}"), tip="", speaker="", kind="base")


def _persona(scenario, lang: str) -> str:
    if scenario is None:
        return ""
    p = scenario.persona
    return ", ".join(x for x in (p.name.get(lang), p.role.get(lang), p.company.get(lang)) if x)


def _transcript(s, state) -> tuple[TranscriptLine, ...]:
    if state is None:
        return ()
    return tuple(
        TranscriptLine(turn=t.number, speaker=t.speaker, label=getattr(t, "by", "") or s.speaker(t.speaker), text=t.text)
        for t in state.transcript
    )


def _hints(s, state, hints) -> tuple[HintView, ...]:
    """The coach hints: those given, else the ones a stored call kept with its turns (typed events, kind 'coach')."""
    if hints is None:
        hints = tuple((t.number, e) for t in (state.transcript if state is not None else ())
                      for e in t.events if getattr(e, "kind", "") == "coach")
    return tuple(HintView(turn=n, kind=h.detail, label=s.t("hint_turn", n=n), text=s.t(f"coach.{h.detail}"))
                 for n, h in sorted(hints, key=lambda p: p[0]))
