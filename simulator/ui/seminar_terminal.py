"""The seminar with typed commands, for machines without a display (the logic is :mod:`simulator.dialogue.seminar`)."""

from __future__ import annotations

from collections.abc import Callable

import click

from simulator.dialogue.seminar import Seminar
from simulator.errors import UsageError


class SeminarTerminal:
    """The seminar with typed commands.

    Lines starting with ``/`` are instructor commands; any other line is the
    answer of the trainee on the hot seat.
    """

    def __init__(self, seminar: Seminar, *, lang: str, read: Callable[[str], str] | None = None,
                 write: Callable[[str], None] | None = None, summary: str | None = None) -> None:
        from simulator.ui.texts import Texts

        self.s = seminar
        self.t = Texts(lang)
        self.lang = lang
        self.summary = summary  # --summary: written when the seminar ends
        self.read = read or (lambda prompt: click.prompt(prompt, default="", show_default=False, prompt_suffix=""))
        self.write = write or click.echo

    def _customer(self) -> None:
        state = self.s.state
        if state.last_customer_line:
            self.write(f"{self.t('customer')} ({state.turn}): {state.last_customer_line}")

    def run(self) -> Seminar:
        """Read lines until the seminar is over (``/end`` or end of input), then show the ranking."""
        s, t = self.s, self.t
        self.write(f"{t('seminar')}: {s.scenario.title.get(s.engine.lang)}  ·  {', '.join(s.trainees)}  ·  {s.mode}")
        self.briefing()
        self.write(t("terminal_help"))
        self._customer()
        while not s.finished:
            prompt = f"[{s.on_seat}{' · ' + t('paused_title') if s.paused else ''}]> "
            try:
                line = self.read(prompt)
            except (EOFError, click.exceptions.Abort):
                s.end_call()
                break
            try:
                self.command(line)
            except UsageError as exc:
                self.write(f"! {exc.message}")
        self.show_ranking()
        if self.summary:
            self.write_summary(self.summary)
        return s

    def briefing(self) -> None:
        """What the room should know before the first line: the caller, what the agent knows, the rubric's weights."""
        from simulator.ui.drawing import dimension_name
        from simulator.ui.seminar_views import rubric_weights

        s, t, lang = self.s, self.t, self.lang
        p, sit = s.scenario.persona, s.scenario.situation
        who = ", ".join(x for x in (p.name.get(lang), p.role.get(lang), p.company.get(lang)) if x)
        self.write(f"{t('briefing')}: {who}")
        self.write(f"  {t('what_you_know')}: {sit.briefing.get(lang) or sit.technical.get(lang)}")
        weights = rubric_weights(s.scenario)
        self.write(f"  {t('rubric')}: " + "  ·  ".join(f"{dimension_name(t, d)} × {w:g}" for d, w in weights.items()
                                                        if w))

    def command(self, line: str) -> None:
        """One typed line: an instructor command (``/...``) or the answer of the trainee on the hot seat."""
        s, t = self.s, self.t
        line = line.strip()
        if not line:
            return
        if not line.startswith("/"):
            self._answer(line)
            return
        cmd, _, rest = line[1:].partition(" ")
        cmd = cmd.lower()
        if cmd in ("next", "n"):
            who = s.pass_turn()
            if not s.finished:
                self.write(f"→ {t('hot_seat')}: {who}")
                if s.mode == "sequence":
                    self._customer()
        elif cmd in ("mark", "m"):
            m = s.mark(*self._about(rest))
            self.write(t("marked", n=m.turn) + f" {m.trainee}")
        elif cmd == "note":
            note, who = self._about(rest)
            if not note:
                raise UsageError("/note needs a text")
            m = s.mark(note, who)
            self.write(t("marked", n=m.turn) + f" {m.trainee}: {m.note}")
        elif cmd == "adjust":
            self._adjust(rest)
        elif cmd in ("pause", "resume"):
            if (cmd == "pause") != s.paused:
                s.toggle_pause()
            self.write(t("paused_terminal") if s.paused else t("resumed"))
        elif cmd in ("rewind", "r"):
            self._rewind(rest)
        elif cmd == "summary":
            if not rest.strip():
                raise UsageError("/summary needs a file name, e.g. /summary seminar.html")
            self.write_summary(rest.strip())
        elif cmd == "end":
            s.end_call()
        elif cmd in ("help", "h", "?"):
            self.write(t("terminal_help"))
        else:
            raise UsageError(f"unknown command /{cmd}: " + t("terminal_help"))

    def _answer(self, line: str) -> None:
        from simulator.ui.drawing import reason_text

        s, t = self.s, self.t
        before = s.state.ended
        if before and not s.paused:  # in the interface's language, with what can be done now
            self.write("! " + t("call_over"))
            return
        state = s.say(line)
        self._customer()
        if state.ended and not before:
            self.write(t("call_ended", reason=reason_text(t, state.outcome.reason)))
            if s.mode == "sequence" and s.current < len(s.trainees) - 1:
                self.write(t("next_trainee", trainee=s.trainees[s.current + 1]) + "  (/next)")
            self.write(t("call_over"))

    def _about(self, rest: str) -> tuple[str, str | None]:
        """'Ben too fast' -> ('too fast', 'Ben') when the first word is a trainee's name; else (rest, None)."""
        first, _, tail = rest.strip().partition(" ")
        if first in self.s.trainees:
            return tail.strip(), first
        return rest.strip(), None

    def _rewind(self, rest: str) -> None:
        s, t = self.s, self.t
        parts = rest.split()
        if not parts or len(parts) > 2:
            raise UsageError("usage: /rewind N [TRAINEE], e.g. /rewind 2 Cem (0 = the opening)")
        s.rewind(parts[0], parts[1] if len(parts) > 1 else None)
        self.write(t("rewound", n=s.attempt.start, attempt=s.attempt.number, trainee=s.on_seat))
        self._customer()

    def write_summary(self, path: str) -> None:
        """Write the seminar summary (.html, or .pdf) for the participants."""
        from simulator.reports.seminar_summary import write_summary

        target = write_summary(path, self.s, lang=self.lang)
        self.write(self.t("summary_written", path=target))

    def _adjust(self, rest: str) -> None:
        from simulator.ui.drawing import dimension_name

        s = self.s
        parts = rest.split()
        trainee = None
        if parts and parts[0] in s.trainees:
            trainee = parts.pop(0)
        if len(parts) < 3:
            raise UsageError("usage: /adjust [TRAINEE] DIMENSION +N REASON, e.g. /adjust empathy +5 good recap")
        adj = s.adjust(parts[0].lower(), parts[1], " ".join(parts[2:]), trainee)
        applied = s.applied(adj.trainee)[-1]  # as it counts against the trainee's score so far
        self.write(f"{adj.trainee}: {applied.shown(dimension_name(self.t, adj.dimension))} ({adj.reason})")

    def show_ranking(self) -> None:
        """The ranking; per trainee the lines said, the attempts, the dimensions, adjustments as applied, marks and notes."""
        from simulator.ui.drawing import dimension_name

        s, t = self.s, self.t
        self.write("")
        self.write(f"== {t('ranking')} ==")
        self.write(f"{t('rank'):>2}  {t('trainee'):<16} {t('automatic'):>11} {t('adjusted'):>11}  {t('turns_header')}")
        for row in s.ranking():
            auto = "–" if row.automatic is None else f"{row.automatic:.0f}"
            adj = "–" if row.adjusted is None else f"{row.adjusted:.0f}"
            self.write(f"{row.rank:>2}  {row.trainee:<16} {auto:>11} {adj:>11}  {row.taken}")
            for r in row.attempts:
                label = t("attempt_counted" if r.counted and len(row.attempts) > 1 else "attempt", n=r.attempt)
                total = "–" if r.score is None else f"{r.score.total:.0f}"
                outcome = t(r.outcome_key)
                self.write(f"      {label}: {total}  ·  {t('turns_header')} {', '.join(map(str, r.turns))}  ·  {outcome}")
            if row.score is not None:
                dims = [f"{dimension_name(t, d.name)} {'–' if d.value is None else f'{d.value:.0f}'}"
                        for d in row.score.dimensions]
                self.write("      " + "  ·  ".join(dims))
            for a in row.applied:
                self.write(f"      {a.shown(dimension_name(t, a.adjustment.dimension))}: {a.adjustment.reason} "
                           f"({t('turn', n=a.adjustment.turn)})")
            for m in row.marks:
                self.write(f"      ⚑ {t('turn', n=m.turn)}: {m.note or t('mark')}")
        if s.score_error:
            self.write(t("score_unavailable", reason=s.score_error))
