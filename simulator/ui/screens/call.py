"""The call screen: persona card, mood and patience, checklist, transcript, answer box, timer and signal.

Every line the trainee sends (typed, or heard by push-to-talk) goes to the
:class:`~simulator.dialogue.session.Call` through the app; the screen only
renders ``call.state``. The ticks the trainee sets by hand belong to this
screen, so a retry (a new Call, a new CallScreen) starts without them.
"""

from __future__ import annotations

from typing import Any

from simulator.ui import theme
from simulator.ui.drawing import (draw_mood, event_kinds, format_clock, header, reason_text, status_bar,
                                  transcript_lines)
from simulator.ui.screens.card import COACH, card_lines, heard_so_far
from simulator.ui.widgets import Line, TextField, lines_of, panel, scroll_view, text, wrap

LINE_BARS = {"landline": 4, "office": 4, "mobile": 3}
"""Full signal (bars of 4) per line kind: a mobile line never shows full strength."""
PANELS = ("input", "transcript", "checklist", "persona")
"""The panels Tab moves through (the checklist is skipped in exam mode)."""
CURSOR = "▏"
"""Drawn at the answer box's insertion point."""


class CallScreen:
    """One attempt at the call, from taking it (or resuming it) to the debrief."""

    name = "call"

    def __init__(self, app: Any, call: Any) -> None:
        self.app = app
        """The TraineeApp (strings, status, voice)."""
        self.call = call
        """The Call shown and fed."""
        self.focus = "input"
        """Focused panel: input | transcript | checklist | persona."""
        self.transcript_offset = 0
        """First transcript line shown (when not following the end)."""
        self.follow = True
        """The transcript sticks to its newest line."""
        self.persona_offset = 0
        """First line of the persona card shown."""
        self.ticks: set[str] = set()
        """Checklist steps the trainee ticked by hand (this attempt only)."""
        self.cursor = 0
        """Selected checklist row."""
        self.entry = TextField(history=app.history)
        """The answer being typed (line history shared by all attempts)."""
        self.started_at = app.clock()
        """Clock time the call was taken (or resumed)."""
        self.ended_at: float | None = None
        """Clock time the call ended."""
        self.max_offsets: dict[str, int] = {}
        """Greatest scroll offset per panel, as found by the last frame."""
        self.page = 10
        """Lines per page of the focused panel, as found by the last frame."""
        self.drawn_turns = 0
        """Transcript lines drawn in the last frame."""
        if call.started and call.ended:
            self.ended_at = self.started_at

    @property
    def state(self):
        """The call's current state."""
        return self.call.state

    def panels(self) -> tuple[str, ...]:
        return tuple(p for p in PANELS if p != "checklist" or not self.app.exam)

    # -- actions ------------------------------------------------------------------
    def send(self, line: str) -> None:
        """The trainee says ``line``: the Call answers; the status line notes line drops and the end."""
        app, t = self.app, self.app.t
        line = line.strip()
        if not line or self.state.ended:
            return
        before = len(self.call.states)
        app.say(line)
        if len(self.call.states) == before:
            return
        self.follow = True
        state = self.state
        kinds = set().union(*(event_kinds(turn) for turn in state.exchanges[-1].turns))
        notes = []
        if "line_saved" in kinds:
            notes.append(t("line_saved"))
        elif "line_drop" in kinds:
            notes.append(t("line_drop"))
        if state.ended:
            self.ended_at = app.clock()
            notes.append(t("call_ended", reason=reason_text(t, state.outcome.reason)))
            notes.append("Enter → " + t("debrief"))
            app.say_status("  ·  ".join(notes), seconds=1e9)
        elif notes:
            app.say_status("  ·  ".join(notes))

    def toggle_tick(self) -> None:
        steps = self.app.scenario.steps
        if steps:
            self.ticks ^= {steps[self.cursor % len(steps)].id}

    def ticked(self) -> dict[str, str]:
        """Step -> 'auto' (recognised by the engine) or 'self' (ticked by the trainee)."""
        out = {s: "self" for s in self.ticks}
        out.update({s: "auto" for s in self.state.steps_done})
        return out

    def signal_bars(self) -> tuple[int, bool]:
        """(bars of 4, line breaking up now) from CallState.signal, line kind and voice dropouts."""
        now = self.app.clock()
        breaking = any(s <= now <= e for s, e in self.app.dropouts)
        line = self.app.scenario.line
        full = LINE_BARS.get(line.kind, 4)
        if line.noise_snr_db is not None and line.noise_snr_db < 15:
            full -= 1
        if line.dropout_rate > 0:
            full -= 1
        bars = 0 if breaking else round(self.state.signal * max(1, full))
        return bars, breaking

    # -- events -------------------------------------------------------------------
    def handle_event(self, event) -> None:
        import pygame

        if event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type == pygame.KEYUP:
            if event.key in (pygame.K_F2, pygame.K_SPACE):
                self.app.release_talk()
        elif event.type == pygame.TEXTINPUT:
            self._text(event.text)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y * 3)

    def update(self) -> None:
        return None

    def _text(self, value: str) -> None:
        if (self.app.voice_state == "listening" and not self.app.hands_free) or self.state.ended:
            return  # push-to-talk held: the keys are not typing (hands-free, typing takes over the turn)
        if self.focus != "input":
            if value == " ":
                return  # Space ticks in the checklist, handled as a key
            self.focus = "input"
        if not self.entry.text and not value.strip():
            return  # leading spaces: Space in an empty box is push-to-talk
        self.entry.insert(value)

    def scroll(self, delta: int) -> None:
        if self.focus == "persona":
            self.persona_offset = max(0, min(self.persona_offset + delta, self.max_offsets.get("persona", 0)))
            return
        top = self.max_offsets.get("transcript", 0)
        current = top if self.follow else self.transcript_offset
        self.transcript_offset = max(0, min(current + delta, top))
        self.follow = self.transcript_offset >= top

    def _key(self, event) -> None:
        import pygame

        key = event.key
        ctrl = bool(event.mod & pygame.KMOD_CTRL)
        if key == pygame.K_ESCAPE:
            self.app.end_call("quit")
            return
        if key == pygame.K_F3:
            self.app.toggle_coach()
            return
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.scroll((-1 if key == pygame.K_PAGEUP else 1) * self.page)
            return
        if self.state.ended:
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.app.end_call()
            return
        if key == pygame.K_TAB:
            order = self.panels()
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            self.focus = order[(order.index(self.focus) + step) % len(order)] if self.focus in order else "input"
            return
        if key == pygame.K_F2 or (key == pygame.K_SPACE and self.focus == "input" and not self.entry.text):
            self.app.push_to_talk()
            return
        if self.focus == "input":
            self._entry_key(key, ctrl)
        elif self.focus in ("transcript", "persona"):
            if key in (pygame.K_UP, pygame.K_DOWN):
                self.scroll(-1 if key == pygame.K_UP else 1)
            elif key == pygame.K_HOME:
                self.scroll(-10**6)
            elif key == pygame.K_END:
                self.scroll(10**6)
        elif self.focus == "checklist":
            n = max(1, len(self.app.scenario.steps))
            if key == pygame.K_UP:
                self.cursor = (self.cursor - 1) % n
            elif key == pygame.K_DOWN:
                self.cursor = (self.cursor + 1) % n
            elif key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
                self.toggle_tick()

    def _entry_key(self, key: int, ctrl: bool) -> None:
        import pygame

        entry = self.entry
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.send(entry.take())
        elif key == pygame.K_BACKSPACE:
            entry.backspace(word=ctrl)
        elif key == pygame.K_DELETE:
            entry.delete()
        elif key == pygame.K_LEFT:
            entry.left(word=ctrl)
        elif key == pygame.K_RIGHT:
            entry.right(word=ctrl)
        elif key == pygame.K_HOME:
            entry.home()
        elif key == pygame.K_END:
            entry.end()
        elif key == pygame.K_u and ctrl:
            entry.clear()
        elif key == pygame.K_UP and not entry.text:
            entry.recall()

    # -- drawing ------------------------------------------------------------------
    def draw(self, surface) -> None:
        import pygame

        app, t, sc, lang = self.app, self.app.t, self.app.scenario, self.app.lang
        w, h = surface.get_size()
        fonts = app.fonts(h)
        bars, breaking = self.signal_bars()
        elapsed = (self.ended_at if self.ended_at is not None else app.clock()) - self.started_at
        top = header(surface, fonts, sc.title.get(lang), clock=f"{t('call_time')} {format_clock(elapsed)}",
                     line=t("breaking_up") if breaking else t(f"line_{sc.line.kind}"), bars=bars)
        keys = t("keys_call") + ("" if app.exam else "  ·  " + t("coach_keys"))
        bottom = status_bar(surface, fonts, app.status_message(keys), alert=app.voice_state == "listening")
        pad = max(6, fonts.body_size // 2)
        left_w = max(fonts.body_size * 14, round(w * 0.3))
        x0, y0 = pad, top + pad
        col = pygame.Rect(x0, y0, left_w, bottom - y0 - pad)
        # persona card (scrollable)
        prect = pygame.Rect(col.left, col.top, col.width, round(col.height * (0.6 if app.exam else 0.34)))
        inner = panel(surface, prect, t("customer"), fonts, focused=self.focus == "persona")
        plines = card_lines(t, sc, lang, fonts, inner.width - 8, heard_so_far(self.state))
        self.max_offsets["persona"] = scroll_view(surface, inner, plines, fonts, self.persona_offset)
        # mood and patience
        y = prect.bottom + pad
        mood_h = fonts.bold.get_linesize() + 2 * round(fonts.body.get_linesize() * 1.25) + pad
        mrect = pygame.Rect(col.left, y, col.width, mood_h)
        draw_mood(surface, panel(surface, mrect, "", fonts), fonts, t, self.state, sc)
        # checklist
        y = mrect.bottom + pad
        crect = pygame.Rect(col.left, y, col.width, col.bottom - y)
        if app.exam:
            inner = panel(surface, crect, t("checklist"), fonts)
            for i, line in enumerate(wrap(fonts.body, t("exam"), inner.width)):
                text(surface, fonts.body, line, (inner.left, inner.top + i * fonts.body.get_linesize()), theme.MUTED)
        else:
            inner = panel(surface, crect, t("checklist"), fonts, focused=self.focus == "checklist",
                          hint=t("checklist_hint") if self.focus == "checklist" else "")
            self._draw_checklist(surface, inner, fonts)
        # transcript and input
        x1 = col.right + pad
        input_h = round(fonts.body.get_linesize() * 2.4)
        coaching = self.coaching()
        coach_h = round(fonts.body.get_linesize() * 3.4) + pad if coaching else 0
        trect = pygame.Rect(x1, y0, w - x1 - pad, bottom - y0 - 2 * pad - input_h - coach_h)
        inner = panel(surface, trect, t("transcript"), fonts, focused=self.focus == "transcript")
        lines = self.transcript_lines(fonts, inner.width - 8)
        offset = 10**9 if self.follow else self.transcript_offset
        self.max_offsets["transcript"] = scroll_view(surface, inner, lines, fonts, offset)
        if self.follow:
            self.transcript_offset = self.max_offsets["transcript"]
        self.page = max(1, inner.height // fonts.body.get_linesize() - 1)
        self.drawn_turns = len(self.state.transcript)
        if coaching:
            self._draw_coach(surface, pygame.Rect(x1, trect.bottom + pad, trect.width, coach_h - pad), fonts)
        self._draw_input(surface, pygame.Rect(x1, trect.bottom + pad + coach_h, trect.width, input_h), fonts)

    def transcript_lines(self, fonts, width: int) -> list[Line]:
        from simulator.dialogue.state import awaits_last_word, is_ringing

        t = self.app.t
        if is_ringing(self.state):  # nobody has spoken yet: the phone rings until the trainee's first line
            return (lines_of(fonts.bold, t("ring"), width, bold=True, colour=theme.FOCUS)
                    + lines_of(fonts.body, t("ring_hint"), width, colour=theme.MUTED))
        lines = transcript_lines(t, self.state, fonts, width)
        if awaits_last_word(self.state):  # she said goodbye: the next line is the trainee's last
            lines += lines_of(fonts.body, t("last_word_hint"), width, colour=theme.MUTED)
        return lines

    def coaching(self) -> bool:
        """Coach mode is on for this call (never in exam mode)."""
        coach = getattr(self.app, "coach", None)
        return coach is not None and coach.enabled and not self.app.exam

    def hint(self):
        """The coach's hint after the latest turn (None when that turn missed nothing)."""
        coach = getattr(self.app, "coach", None)
        return coach.hint_for(self.state) if coach is not None and self.coaching() else None

    def _draw_coach(self, surface, rect, fonts) -> None:
        """The coach box beside the transcript: the hint after the latest turn, or that the coach is listening."""
        t = self.app.t
        hint = self.hint()
        inner = panel(surface, rect, t("coach_title"), fonts)
        value = t(f"coach.{hint.detail}") if hint is not None else t("coach_on")
        colour = COACH if hint is not None else theme.MUTED
        for i, line in enumerate(wrap(fonts.body, value, inner.width)[: max(1, inner.height // fonts.body.get_linesize())]):
            text(surface, fonts.body, line, (inner.left, inner.top + i * fonts.body.get_linesize()), colour)

    def _draw_checklist(self, surface, rect, fonts) -> None:
        import pygame

        marks = self.ticked()
        step = fonts.body.get_linesize()
        y = rect.top
        clip = surface.get_clip()
        surface.set_clip(rect)
        box = fonts.body_size - 2
        for i, s in enumerate(self.app.scenario.steps):
            title = s.title.get(self.app.lang) + (" *" if s.essential else "")
            lines = wrap(fonts.body, title, rect.width - box - 10)
            if self.focus == "checklist" and i == self.cursor:
                pygame.draw.rect(surface, theme.HIGHLIGHT, (rect.left, y, rect.width, step * len(lines)))
            brect = pygame.Rect(rect.left, y + (step - box) // 2, box, box)
            kind = marks.get(s.id)
            pygame.draw.rect(surface, theme.GOOD if kind == "auto" else theme.TEXT, brect, width=2)
            if kind == "auto":
                pygame.draw.lines(surface, theme.GOOD, False, [(brect.left + 3, brect.centery),
                                  (brect.centerx - 1, brect.bottom - 4), (brect.right - 3, brect.top + 3)], 3)
            elif kind == "self":
                pygame.draw.line(surface, theme.TEXT, (brect.left + 3, brect.centery),
                                 (brect.right - 3, brect.centery), 2)
            colour = theme.MUTED if kind else theme.TEXT
            for j, line in enumerate(lines):
                text(surface, fonts.body, line, (rect.left + box + 10, y + j * step), colour)
            y += step * len(lines) + step // 4
        surface.set_clip(clip)

    def _draw_input(self, surface, rect, fonts) -> None:
        import pygame

        app, t = self.app, self.app.t
        focused = self.focus == "input"
        fill = theme.LISTENING if app.voice_state == "listening" else theme.INPUT
        pygame.draw.rect(surface, fill, rect, border_radius=6)
        pygame.draw.rect(surface, theme.FOCUS if focused else theme.PANEL_BORDER, rect,
                         width=3 if focused else 1, border_radius=6)
        pad = fonts.body_size // 2
        mark = -1
        if app.voice_state == "listening" and not self.entry.text:
            value, colour = app.voice_label(), theme.HEADER_TEXT
        elif app.voice_state == "recognising":
            value, colour = app.voice_label(), theme.MUTED
        elif self.entry.text:
            at = self.entry.position
            value, colour = self.entry.text, theme.TEXT
            if focused:
                value, mark = value[:at] + CURSOR + value[at:], at
        elif self.state.ended:
            value, colour = t("call_ended", reason=reason_text(t, self.state.outcome.reason)), theme.MUTED
        else:
            value, colour = t("type_here"), theme.MUTED
        lines = wrap(fonts.body, value, rect.width - 2 * pad)
        last = len(lines) - 1
        if mark >= 0:  # keep the line with the cursor in view (two lines fit)
            at = next((i for i, line in enumerate(lines) if CURSOR in line), last)
            last = max(at, min(1, last))
        shown = lines[max(0, last - 1):last + 1]
        for i, line in enumerate(shown):
            x, y = rect.left + pad, rect.top + pad // 2 + i * fonts.body.get_linesize()
            before, bar, after = line.partition(CURSOR) if mark >= 0 else (line, "", "")
            r = text(surface, fonts.body, before, (x, y), colour) if before else pygame.Rect(x, y, 0, 0)
            if bar:  # the cursor: a thin line between characters, not a glyph that takes room
                h = fonts.body.get_height()
                pygame.draw.line(surface, colour, (r.right + 1, y + 2), (r.right + 1, y + h - 3), 2)
                if after:
                    text(surface, fonts.body, after, (r.right + 3, y), colour)
