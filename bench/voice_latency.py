"""Turn latency of a voice call: end of trainee speech -> first customer sample, with its breakdown.

Used by ``bench/voice.py --only latency``. Each trainee line of
``tests/scripts/checked-plug/<lang>-good.txt`` is synthesised, fed at
real-time pace through the real play path (``VoicePipeline.listen`` ->
``Call.say`` -> ``Speaker`` -> ``VoicePipeline.speak``) and timed twice:

* push-to-talk: the chunks stop at the end of speech (the key is released
  there), so the figure is release -> first customer sample;
* hands-free: the chunks go on with silence; the figure runs from the end of
  speech and so includes the end-of-turn pause (``EndpointSettings.end_ms``).

Per push-to-talk turn the time is split into: recogniser finalisation
(release -> ``listen`` returns), engine turn (``Call.say`` -> the ``Speaker``
observer, incl. the analyser), synthesis of the first sentence, line
impairment, player start (resampling to the mixer's rate, handing the clip
over), and whatever is left between. Wall and CPU time (of this process) are
given; the CPU after the release depends less on other people's load. The
player is the real pygame one on SDL's dummy driver (nothing is heard).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def timing_player():
    """The real pygame player (SDL's dummy audio driver unless one is set), noting when each clip was handed
    to the mixer (``started``: its first sample plays from then) and when ``play`` was entered.

    ``wait`` returns at once, so the bench does not sit through each reply being spoken.
    """
    import os

    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from simulator.voice.player import PygamePlayer

    class TimingPlayer(PygamePlayer):
        def __init__(self) -> None:
            super().__init__()
            self.entered: list[float] = []
            self.started: list[float] = []
            self.started_cpu: list[float] = []

        def play(self, audio) -> None:
            self.entered.append(time.perf_counter())
            super().play(audio)
            self.started.append(time.perf_counter())
            self.started_cpu.append(time.process_time())

        def wait(self, timeout=None) -> bool:
            return True

    return TimingPlayer()


@dataclass(slots=True)
class Marks:
    """Clock readings of one turn (perf_counter seconds)."""

    release: float = 0.0
    release_cpu: float = 0.0
    heard: float = 0.0
    said: float = 0.0
    engine_done: float = 0.0
    synth: list[tuple[float, float]] = field(default_factory=list)
    impair: list[tuple[float, float]] = field(default_factory=list)
    play_entered: float = 0.0
    played: float = 0.0
    played_cpu: float = 0.0


class TimedSynthesizer:
    """Wraps the call's synthesiser, noting (start, end) of each sentence."""

    def __init__(self, inner: Any, marks: list) -> None:
        self.inner, self.marks, self.name = inner, marks, inner.name

    def synthesize(self, text, lang, voice):
        t = time.perf_counter()
        out = self.inner.synthesize(text, lang, voice)
        self.marks[0].synth.append((t, time.perf_counter()))
        return out

    def __getattr__(self, name):
        return getattr(self.inner, name)


class TimedSpeaker:
    """The call's Speaker, noting when the engine's turn reached it."""

    def __init__(self, inner: Any, marks: list) -> None:
        self.inner, self.marks = inner, marks

    def on_turn(self, state) -> None:
        self.marks[0].engine_done = time.perf_counter()
        self.inner.on_turn(state)

    def on_end(self, state, score) -> None:
        self.inner.on_end(state, score)


def _fed(chunks, end: float, mark: Marks, release: bool):
    """The chunks; notes the release (the chunk holding the end of speech); push-to-talk stops there."""
    at = 0.0
    for chunk in chunks:
        at += chunk.duration
        if not mark.release and at >= end:
            mark.release, mark.release_cpu = time.perf_counter(), time.process_time()
            yield chunk
            if release:
                return
            continue
        yield chunk


def run(lang: str, recognizer: str, variant: str, said: list[str], speak, speech_end, mode: str,
        scenario: str = "checked-plug") -> list[Marks]:
    """One call of ``scenario`` in ``mode`` (``push-to-talk`` or ``hands-free``); the marks of each turn."""
    import simulator.voice.registry as registry
    from simulator.dialogue import Engine
    from simulator.dialogue.session import Call
    from simulator.scenario import load
    from simulator.voice.registry import voice_for_call
    from simulator.voice.speaker import Speaker
    from simulator.voice.streaming import wav_chunks

    current: list[Marks] = [Marks()]
    sc = load(scenario)
    pipeline = voice_for_call(sc, lang, tts="espeak-ng", recognizer=recognizer, listen=True, player="null")
    player = timing_player()
    pipeline.player = player
    pipeline.synthesizer = TimedSynthesizer(pipeline.synthesizer, current)
    real_impair = registry.impair

    def timed_impair(*args, **kwargs):
        t = time.perf_counter()
        out = real_impair(*args, **kwargs)
        current[0].impair.append((t, time.perf_counter()))
        return out

    registry.impair = timed_impair
    try:
        call = Call(Engine(sc, lang), seed=2, observers=[TimedSpeaker(Speaker(pipeline), current)])
        call.start()
        out = []
        for line in said:
            if call.ended:
                break
            clip = speak(lang, variant, line)
            mark = current[0] = Marks()
            chunks = _fed(wav_chunks(clip, realtime=True), speech_end(clip), mark, mode == "push-to-talk")
            text = pipeline.listen(chunks, push_to_talk=mode == "push-to-talk").text
            mark.heard = mark.said = time.perf_counter()
            before = len(player.started)
            call.say(text)
            if len(player.started) > before:
                mark.played, mark.played_cpu = player.started[before], player.started_cpu[before]
                mark.play_entered = player.entered[before]
                out.append(mark)
    finally:
        registry.impair = real_impair
    return out


def report(lang: str, recognizer: str, variant: str, target: int, ptt: list[Marks], hands: list[Marks],
           end_ms: int) -> None:
    """Print the medians: push-to-talk with its breakdown, then hands-free."""
    def med(xs) -> float:
        return 1000 * statistics.median(xs) if xs else float("nan")

    if ptt:
        first = [m for m in ptt if m.synth and m.impair]
        total = med([m.played - m.release for m in ptt])
        print(f"  {lang} {recognizer:7s} ({variant}) push-to-talk: release -> first customer sample median "
              f"{total:.0f} ms wall (max {1000 * max(m.played - m.release for m in ptt):.0f}, target {target}), "
              f"over {len(ptt)} turns; {med([m.played_cpu - m.release_cpu for m in ptt]):.0f} ms CPU", flush=True)
        parts = [("recogniser finalisation", [m.heard - m.release for m in ptt]),
                 ("engine turn (analyser, planner)", [m.engine_done - m.said for m in ptt]),
                 ("TTS first sentence", [m.synth[0][1] - m.synth[0][0] for m in first]),
                 ("line impairment", [m.impair[0][1] - m.impair[0][0] for m in first]),
                 ("player start (resample, mixer)", [m.played - m.play_entered for m in first]),
                 ("other (call.say and Speaker around them)", [
                     (m.played - m.release) - (m.heard - m.release) - (m.engine_done - m.said)
                     - (m.synth[0][1] - m.synth[0][0]) - (m.impair[0][1] - m.impair[0][0]) - (m.played - m.play_entered)
                     for m in first])]
        print("      " + "; ".join(f"{name} {med(xs):.0f}" for name, xs in parts) + " (ms, medians)")
        print("      per turn (total = recogniser + engine + TTS + impairment, ms): " + ", ".join(
            f"{1000 * (m.played - m.release):.0f} = {1000 * (m.heard - m.release):.0f} + "
            f"{1000 * (m.engine_done - m.said):.0f} + {1000 * (m.synth[0][1] - m.synth[0][0]) if m.synth else 0:.0f} + "
            f"{1000 * (m.impair[0][1] - m.impair[0][0]) if m.impair else 0:.0f}" for m in ptt))
    if hands:
        print(f"  {lang} {recognizer:7s} ({variant}) hands-free: end of speech -> first customer sample median "
              f"{med([m.played - m.release for m in hands]):.0f} ms wall (incl. the {end_ms} ms end-of-turn "
              f"pause; recogniser done {med([m.heard - m.release for m in hands]):.0f} ms after the end of speech), "
              f"{med([m.played_cpu - m.release_cpu for m in hands]):.0f} ms CPU", flush=True)


def latency(quick: bool, speak, speech_end, installed, load_average: str, only_lang: str = "",
            only_rec: str = "", scenario: str = "checked-plug") -> None:
    """The latency section: each (language, recogniser), push-to-talk and hands-free (``--lang``, ``--recognizer``);
    ``--scenario`` picks the customer (checked-plug: a woman, hibari/Pico; expert-user: a man, Piper/MBROLA de6)."""
    scripts = Path(__file__).parent.parent / "tests" / "scripts" / scenario
    print(f"== latency ({scenario}): end of trainee speech -> first customer sample played ({load_average})")
    for lang, recognizer, variant, target in (("en", "sphinx", "f2", 250), ("en", "whisper", "f2", 250),
                                              ("de", "whisper", "mb-de6", 800)):
        if (only_lang and lang != only_lang) or (only_rec and not recognizer.startswith(only_rec)):
            continue
        if not installed(variant):
            variant = "f3"
        said = [s for s in (scripts / f"{lang}-good.txt").read_text(encoding="utf-8").splitlines() if s.strip()]
        said = said[:3] if quick else said
        c0 = time.process_time()
        ptt = run(lang, recognizer, variant, said, speak, speech_end, "push-to-talk", scenario)
        hands = run(lang, recognizer, variant, said, speak, speech_end, "hands-free", scenario)
        from simulator.voice.streaming import EndpointSettings

        report(lang, recognizer, variant, target, ptt, hands, EndpointSettings().end_ms)
        print(f"      (both runs used {time.process_time() - c0:.1f} s CPU)")
