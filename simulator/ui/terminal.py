"""Terminal play with rich: persona card, transcript, mood, typed answers.

Rendering only: every method takes a scenario and a :class:`CallState` (or a
score) and prints it; the play loop feeds typed lines to the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.text import Text as RichText

from simulator.strings import strings
from simulator.vocabulary import LANGUAGES, reason_key, speaker_key
from simulator.vocabulary import REASONS as OUTCOME_REASONS

if TYPE_CHECKING:
    from simulator.dialogue import CallState
    from simulator.scenario import Scenario

TERMINAL_KEYS = {
    "customer": speaker_key("customer"), "trainee": speaker_key("trainee"), "prompt": speaker_key("trainee"),
    "mood": "mood", "patience": "patience", "checklist": "checklist", "briefing": "what_you_know",
    "quit": "terminal_quit_hint", "talk": "terminal_talk_hint", "listening": "terminal_listening",
    "recognising": "recognising",
}
"""The terminal's short names for catalogue keys (``LABELS[lang][name]``)."""


class _ByLanguage(Mapping):
    """``LABELS[lang][name]`` / ``REASONS[lang][reason]``: catalogue strings under the terminal's names."""

    def __init__(self, keys: dict[str, str]) -> None:
        self._keys = keys

    def __getitem__(self, lang: str) -> dict[str, str]:
        s = strings(lang)
        return {name: s.t(key) for name, key in self._keys.items()}

    def __iter__(self):
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


LABELS: Mapping[str, dict[str, str]] = _ByLanguage(TERMINAL_KEYS)
"""Terminal words per language, from the string catalogue."""
REASONS: Mapping[str, dict[str, str]] = _ByLanguage({r: reason_key(r) for r in OUTCOME_REASONS})
"""Outcome reason labels per language, from the string catalogue (the same as every debrief)."""


def mood_bar(mood: float, width: int = 20) -> RichText:
    """-100..100 as a coloured bar."""
    filled = round((mood + 100) / 200 * width)
    colour = "red" if mood < -40 else "yellow" if mood < 10 else "green"
    return RichText("█" * filled + "░" * (width - filled), style=colour)


class TerminalUI:
    """Renders calls in a terminal."""

    def __init__(self, console: Console | None = None, *, live: bool = True, scenario: Scenario | None = None,
                 coach=None) -> None:
        self.console = console or Console(highlight=False)
        self.live = live
        """True: show each reply as it comes (interactive); False: the whole transcript at the end (a script)."""
        self.scenario = scenario
        """The scenario played (set by :meth:`run`; needed for the persona card and the debrief)."""
        self.coach = coach
        """Coach mode (a :class:`simulator.dialogue.coach.Coach`), or None (exam mode, or coaching not asked for)."""

    def persona_card(self, sc: Scenario, lang: str, heard: str = "") -> Panel:
        """What the agent knows: the persona fields known before the call (or said since: ``heard``), the briefing."""
        known = sc.persona.known(lang, heard)
        body = RichText()
        body.append(known.get("name") or strings(lang).t("caller_unknown"), style="bold")
        rest = ", ".join(v for k, v in known.items() if k != "name")
        body.append(f" – {rest}\n" if rest else "\n")
        body.append(sc.situation.briefing.get(lang) or sc.situation.technical.get(lang))
        return Panel(body, title=sc.title.get(lang), subtitle=strings(lang).t("what_you_know"))

    def status(self, state: CallState) -> RichText:
        s = strings(state.lang)
        line = RichText(f"{s.t('mood')} ")
        line.append_text(mood_bar(state.mood))
        line.append(f"  {s.t('patience')} {state.patience:.0f}")
        return line

    def line(self, speaker: str, text: str, lang: str) -> None:
        style = "bold cyan" if speaker == "customer" else "bold"
        self.console.print(RichText.assemble((f"{strings(lang).speaker(speaker)}: ", style), text))

    def outcome(self, state: CallState) -> None:
        if state.outcome is None:
            return
        s = strings(state.lang)
        self.console.rule(s.t("call_ended", reason=s.reason(state.outcome.reason)))

    def show_transcript(self, sc: Scenario, state: CallState) -> None:
        self.console.print(self.persona_card(sc, state.lang))
        for turn in state.transcript:
            self.line(turn.speaker, turn.text, state.lang)
            hint = self.coach.shown.get(turn.number) if self.coach is not None and turn.speaker == "customer" else None
            if hint is not None:
                self.hint(hint, state.lang)
        self.console.print(self.status(state))
        self.outcome(state)

    # -- the call's view (a CallObserver) --------------------------------------------
    def on_turn(self, state: CallState) -> None:
        """Live: show the customer's new line and the mood; otherwise wait for the end."""
        from simulator.dialogue.state import awaits_last_word, is_ringing

        hint = self.coach.hint_for(state) if self.coach is not None else None
        if not self.live:
            return
        if is_ringing(state):  # the phone rings; the trainee's first line answers it
            s = strings(state.lang)
            self.console.print(s.t("ring"), style="bold yellow")
            self.console.print(s.t("ring_hint"), style="dim")
            return
        reply = state.exchanges[-1].reply
        if reply is not None:
            self.line("customer", reply.text, state.lang)
        if hint is not None and not state.ended:
            self.hint(hint, state.lang)
        if state.turn:
            self.console.print(self.status(state))
        if awaits_last_word(state):
            self.console.print(strings(state.lang).t("last_word_hint"), style="dim")

    def hint(self, hint, lang: str) -> None:
        """One coach hint, set apart from the call's lines."""
        s = strings(lang)
        self.console.print(RichText.assemble((f"  ➜ {s.t('coach_title')}: ", "bold magenta"),
                                             (s.t(f"coach.{hint.detail}"), "magenta")))

    def on_end(self, state: CallState, score) -> None:
        """The outcome and the debrief (a scripted call shows its transcript first)."""
        from simulator.ui.debrief import show_debrief

        if self.live:
            self.outcome(state)
        elif self.scenario is not None:
            self.show_transcript(self.scenario, state)
        if score is not None and self.scenario is not None:
            show_debrief(self.console, self.scenario, state, score,
                         hints=self.coach.all_shown() if self.coach is not None else ())

    def run(self, call, *, exam: bool = False, voice=None, mic: bool = False):
        """Interactive call: typed lines (or push-to-talk with ``mic``) go to ``call`` until it ends.

        This object must be among the call's observers (it shows the replies);
        returns the call.
        """
        from simulator.ui.rubric_card import rubric_renderables

        sc, lang = call.scenario, call.lang
        self.scenario = sc
        parts = rubric_renderables(sc, lang, exam)  # the rubric is shown before the call, never hidden
        parts[0] = self.persona_card(sc, lang)  # the card shows only what the agent knows (persona.known_to_agent)
        for part in parts:
            self.console.print(part)
        microphone = self._microphone(lang) if mic else None
        self.console.print(LABELS[lang]["quit"], style="dim")
        if exam or self.coach is not None:
            self.console.print(strings(lang).t("coach_exam" if exam else "coach_on").split(" (")[0], style="dim")
        if microphone is not None:
            self.console.print(LABELS[lang]["talk"], style="dim")
        call.start()
        empty = 0
        while not call.ended:
            try:
                hands_free = microphone is not None and getattr(voice, "hands_free", False)
                text = "" if hands_free else self.console.input(f"[bold]{LABELS[lang]['prompt']}>[/] ")
                if microphone is not None and not text.strip():
                    text = self._listen(microphone, voice, lang)
            except (EOFError, KeyboardInterrupt):
                self.console.print()
                call.finish("quit")
                break
            if not text.strip():
                empty += 1
                if empty >= 2:
                    call.finish("quit")
                    break
            else:
                empty = 0
            call.say(text)
        return call

    def _microphone(self, lang: str):
        from simulator.errors import BackendError
        from simulator.voice.microphone import Microphone

        try:
            return Microphone().open()
        except BackendError as exc:
            self.console.print(f"{exc.message}", style="yellow")
            return None

    def _listen(self, microphone, voice, lang: str) -> str:
        """Record until Enter (hands-free: until the trainee stops speaking), recognise, show what was understood.

        No speech, or a failing recogniser: one line, and this turn is typed.
        """
        from simulator.errors import BackendError, SimulatorError

        if getattr(voice, "hands_free", False):
            state_labels = {"de": ("● Ich höre zu …", "… denke nach", "(nichts gehört – bitte tippen)"),
                            "en": ("● listening …", "… thinking", "(heard nothing – please type)")}
            listening, thinking, nothing = state_labels.get(lang, state_labels["en"])
            voice.player.wait()  # the customer has finished: the microphone must not hear them
            with self.console.status(listening) as shown:
                def on_state(state: str, text: str) -> None:
                    if state == "partial":
                        shown.update(f"{listening} {text}")
                    elif state == "thinking":
                        shown.update(f"{thinking} {text}")

                try:
                    text = voice.listen(microphone.chunks(), on_state).text
                except BackendError as exc:
                    self.console.print(exc.message, style="yellow")
                    text = ""
            if not text.strip():
                self.console.print(nothing, style="dim")
                return self.console.input(f"[bold]{LABELS[lang]['prompt']}>[/] ")
            self.console.print(f"» {text}", style="italic")
            return text
        from simulator.voice.streaming import PushToTalk

        talk = PushToTalk(voice, microphone)  # recognised while the key is held: only the end is left at Enter
        try:
            self.console.input(f"[red]● {LABELS[lang]['listening']}[/] ")
        except BaseException:  # Ctrl-C / end of input: the microphone and the listening thread stop too
            talk.close()
            raise
        self.console.print(LABELS[lang]["recognising"], style="dim")
        try:
            text = talk.release().text
        except SimulatorError as exc:  # the recording is kept; this turn is typed
            self.console.print(exc.message, style="yellow")
            return self.console.input(f"[bold]{LABELS[lang]['prompt']}>[/] ")
        except Exception as exc:  # a broken audio device (raised in the listening thread): no traceback
            self.console.print(f"speech input failed: {exc}", style="yellow")
            return self.console.input(f"[bold]{LABELS[lang]['prompt']}>[/] ")
        self.console.print(f"» {text}", style="italic")
        return text
