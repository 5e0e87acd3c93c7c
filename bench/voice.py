"""Voice benchmark: recognition accuracy, turn latency, customer-voice intelligibility, memory, idle CPU.

Run:  PYTHONPATH=. python bench/voice.py [--only wer,latency,voices,memory,idle] [--quick] [--lang de] [--recognizer whisper] [--scenario expert-user]

Prints figures only (no assertions; targets are in docs/voice.md). The trainee
lines (44 English below, 44 German in bench/voice_lines.py) are in no scenario
and not in PocketSphinx's domain model, which is built from DOMAIN_SENTENCES
(a printer scenario's lines) plus the generic agent lines in simulator/voice/data.
Figures depend on the machine's load: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

TRAINEE_LINES = [
    "could you tell me what happens when you switch it on",
    "i am sorry you had to wait so long",
    "let me check your ticket",
    "good morning you are through to the service desk",
    "can you tell me what the printer display shows",
    "is the power cable plugged into the wall socket",
    "please check whether the green light is on",
    "i understand that you need this done quickly",
    "could you restart the printer for me",
    "what happens when you try to print a page",
    "is the network cable connected to the printer",
    "could you tell me the name of the printer",
    "i will stay on the line while you check",
    "have you changed anything on your computer today",
    "is anyone else in your office having this problem",
    "can you see the printer in the list of devices",
    "please switch off the printer and wait a few seconds",
    "does the display show any error code",
    "i am going to connect to your computer now",
    "could you read the message on the screen to me",
    "thank you that is very helpful",
    "i know this is urgent for you",
    "let us try one more thing",
    "please open the print queue",
    "are there any documents waiting in the queue",
    "i will delete the old print jobs",
    "could you try to print the document again",
    "does the paper tray have enough paper",
    "is the toner low",
    "if the call drops i will ring you back straight away",
    "may i have a number where i can call you back",
    "i am sorry about the trouble with your presentation",
    "the printer seems to be offline",
    "please press the power button on the printer",
    "can you check the cable at the back of the printer",
    "is the light on the network socket blinking",
    "that sounds like a problem with the driver",
    "i will reinstall the printer driver for you",
    "it should print now please try again",
    "did the page come out",
    "great i am glad it works now",
    "is there anything else i can do for you today",
    "i will close the ticket then",
    "thanks for your patience and have a good afternoon",
]
DOMAIN_SENTENCES = [
    "my printer does not print anything",
    "the printer on the third floor is not working",
    "i have to print my presentation for a meeting in ten minutes",
    "the display shows an error",
    "there is a red light blinking on the printer",
    "the green light is off",
    "i already switched it off and on",
    "of course it is plugged in",
    "the cable is connected",
    "nothing comes out of the printer",
    "the documents are stuck in the print queue",
    "it says the printer is offline",
    "my colleague can print fine",
    "the paper tray is full",
    "the toner was changed last week",
    "is the printer switched on",
    "check the network cable of the printer",
    "restart the printer",
    "delete the print jobs in the queue",
    "reinstall the printer driver",
    "can you print a test page",
    "i will call you back if the line drops",
]
DOMAIN_WORDS = ["printer", "toner", "queue", "driver", "offline", "display", "tray", "cable", "socket", "network", "presentation"]


ENGLISH_VOICES = {"espeak-ng en-us+f2": "f2", "espeak-ng en-us+m3": "m3", "hibari": "hibari"}
"""Trainee voices for English (name -> persona variant)."""
GERMAN_VOICES = {"MBROLA de6": "mb-de6", "MBROLA de7": "mb-de7", "Pico": "pico", "espeak-ng de+f3": "f3"}
"""Trainee voices for German."""
PHONE = dict(kind="mobile", dropout_rate=0.0, noise_snr_db=25.0)
"""The telephone impairment of the WER figures: band limit, mu-law, 25 dB pink noise, no dropouts."""


def load_average() -> str:
    import os

    return "load average %.1f %.1f %.1f on %d cores" % (*os.getloadavg(), os.cpu_count() or 1)


def synth_plain():
    from simulator.voice.tts import EspeakCommandSynthesizer

    return EspeakCommandSynthesizer(clear_voices=False)


def synth_clear():
    from simulator.voice.tts import EspeakCommandSynthesizer

    return EspeakCommandSynthesizer(clear_voices=True)


def speak(lang: str, variant: str, text: str, rate: int = 150):
    """``text`` by the named voice: mb-*/pico/hibari/piper through the clear backend, f*/m* through plain espeak-ng."""
    from simulator.scenario.model import VoiceSettings

    clear = variant.startswith("mb-") or variant in ("pico", "hibari", "piper")
    synth = _SYNTHS.setdefault(clear, synth_clear() if clear else synth_plain())
    return synth.synthesize(text, lang, VoiceSettings(variant=variant, rate=rate))


_SYNTHS: dict = {}


def installed(variant: str) -> bool:
    from simulator.voice import voices

    if variant.startswith("mb-"):
        return voices.mbrola_installed(variant[3:])
    if variant == "pico":
        return voices.pico_installed()
    if variant == "hibari":
        return voices.hibari_installed()
    if variant == "piper":
        return voices.piper_installed()
    return True


def wer_section(quick: bool) -> None:
    """WER per recogniser, language, voice; clean and over the telephone line."""
    from simulator.scenario.model import LineSettings
    from simulator.voice.domain import DomainVocabulary
    from simulator.voice.effects import impair
    from simulator.voice.stt import SphinxRecognizer, word_error_rate
    from simulator.voice.whisper import WhisperRecognizer, normalise

    sys.path.insert(0, str(Path(__file__).parent))
    from voice_lines import TRAINEE_LINES_DE

    phone = LineSettings(**PHONE)
    plans = [
        ("en", TRAINEE_LINES, ENGLISH_VOICES, {
            "sphinx (domain LM)": lambda: SphinxRecognizer(DomainVocabulary(DOMAIN_SENTENCES, DOMAIN_WORDS)),
            "sphinx-general": lambda: SphinxRecognizer(),
            "whisper": lambda: WhisperRecognizer("en")}),
        ("de", TRAINEE_LINES_DE, GERMAN_VOICES, {"whisper": lambda: WhisperRecognizer("de")}),
    ]
    print(f"== WER ({load_average()})")
    for lang, lines, voices, recognizers in plans:
        if ONLY_LANG and lang != ONLY_LANG:
            continue
        recognizers = {k: v for k, v in recognizers.items() if not ONLY_REC or k.startswith(ONLY_REC)}
        lines = lines[:12] if quick else lines
        for rec_name, make in recognizers.items():
            rec = make()
            for voice_name, variant in voices.items():
                if not installed(variant):
                    print(f"  {lang} {rec_name:18s} {voice_name:20s}: voice not installed")
                    continue
                for channel in ("clean", "telephone"):
                    errors = words = 0.0
                    audio_s = decode_s = 0.0
                    for i, line in enumerate(lines):
                        clip = speak(lang, variant, line)
                        if channel == "telephone":
                            clip = impair(clip, phone, i).audio
                        t0 = time.perf_counter()
                        hyp = rec.transcribe(clip).text
                        decode_s += time.perf_counter() - t0
                        audio_s += clip.duration
                        n = len(line.split())
                        errors += word_error_rate(normalise(line), hyp) * n
                        words += n
                    print(f"  {lang} {rec_name:18s} {voice_name:20s} {channel:9s}: WER {errors / words:.3f} "
                          f"({len(lines)} lines), decode {decode_s / audio_s:.2f} s per s of audio", flush=True)


def speech_end(clip) -> float:
    """Seconds from the clip's start to its last voiced 20 ms frame (synthesisers pad with silence)."""
    import numpy as np

    x = clip.resampled(16000).array().astype(np.float64)
    n = len(x) // 320
    rms = np.sqrt((x[: n * 320].reshape(n, 320) ** 2).mean(axis=1))
    voiced = np.nonzero(rms > 150)[0]
    return (voiced[-1] + 1) * 0.02 if len(voiced) else 0.0


def latency_section(quick: bool) -> None:
    """End of trainee speech -> first customer audio, push-to-talk and hands-free (see bench/voice_latency.py)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from voice_latency import latency

    latency(quick, speak, speech_end, installed, load_average(), ONLY_LANG, ONLY_REC, SCENARIO)


def voices_section(quick: bool) -> None:
    """Customer-voice intelligibility: Whisper WER on each persona's lines, per engine, clean and over its line.

    Each persona speaks its first sentences (10, 4 with --quick) with its own rate and pitch, once per
    engine that can play it: plain espeak-ng, the voice the product picks (``clear_voice``) and every other
    installed clear voice of the persona's gender. "clean" is the synthesised audio as the listener's
    speaker gets it on a good line; "line" adds the persona's telephone impairment (band limit, codec,
    noise and, for mobile callers, dropouts that swallow words whatever the voice).
    """
    from dataclasses import replace

    from simulator.scenario import load
    from simulator.scenario.library import available
    from simulator.voice.effects import impair
    from simulator.voice.stt import word_error_rate
    from simulator.voice.tts import split_sentences
    from simulator.voice.voices import clear_voice
    from simulator.voice.whisper import WhisperRecognizer, normalise

    print(f"== customer-voice intelligibility: Whisper WER on persona lines, clean / over the line ({load_average()})")
    recs = {"en": WhisperRecognizer("en"), "de": WhisperRecognizer("de")}
    alternatives = {("de", "f"): ["mb-de7", "pico"], ("de", "m"): ["mb-de6"],
                    ("en", "f"): ["hibari", "pico"], ("en", "m"): ["piper", "mb-us2", "mb-us3"]}
    per_persona = 4 if quick else 10
    for lang in ("en", "de"):
        totals: dict[str, list[float]] = {}
        for sid in available():
            sc = load(sid)
            voice = sc.persona.voice.get(lang)
            if voice is None:
                continue
            lines = [s for step in sc.steps for t in step.reply.all(lang) for s in split_sentences(t)][:per_persona]
            gender = "m" if voice.variant.startswith("m") else "f"
            default = clear_voice(lang, voice) or voice.variant
            engines = [voice.variant] + [v for v in alternatives[(lang, gender)] if installed(v)]
            row = []
            for variant in dict.fromkeys(engines):
                settings = replace(voice, variant=variant)
                sums = [0.0, 0.0, 0]
                for i, line in enumerate(lines):
                    clear = variant != voice.variant
                    synth = _SYNTHS.setdefault(clear, synth_clear() if clear else synth_plain())
                    clip = synth.synthesize(line, lang, settings)
                    n = len(normalise(line).split())
                    sums[0] += word_error_rate(normalise(line), recs[lang].transcribe(clip).text) * n
                    sums[1] += word_error_rate(normalise(line), recs[lang].transcribe(impair(clip, sc.line, i).audio).text) * n
                    sums[2] += n
                mark = "*" if variant == default else ""
                key = f"{variant}{mark}"
                row.append(f"{key} {sums[0] / max(1, sums[2]):.2f}/{sums[1] / max(1, sums[2]):.2f}")
                for name in (variant, "default" if mark else ""):
                    if name:
                        t = totals.setdefault(name, [0.0, 0.0, 0])
                        t[0] += sums[0]
                        t[1] += sums[1]
                        t[2] += sums[2]
            print(f"  {lang} {sid:20s} {voice.variant:3s} (* = the product's voice): " + ", ".join(row), flush=True)
        print(f"  {lang} all personas (clean/line): " + ", ".join(
            f"{n} {c / max(1, w):.3f}/{li / max(1, w):.3f}" for n, (c, li, w) in totals.items()), flush=True)


def memory_section(quick: bool) -> None:
    """Peak memory of a German voice call (Whisper loaded, every turn recognised, every reply synthesised)."""
    import resource

    from simulator.dialogue import Engine
    from simulator.dialogue.session import Call
    from simulator.scenario import load
    from simulator.voice.registry import voice_for_call
    from simulator.voice.speaker import Speaker

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scripts = Path(__file__).parent.parent / "tests" / "scripts" / "checked-plug"
    said = [s for s in (scripts / "de-good.txt").read_text(encoding="utf-8").splitlines() if s.strip()]
    sc = load("checked-plug")
    pipeline = voice_for_call(sc, "de", tts="espeak-ng", listen=True, player="null")
    call = Call(Engine(sc, "de"), seed=2, observers=[Speaker(pipeline)])
    call.play(pipeline.hear(speak("de", "mb-de6" if installed("mb-de6") else "f3", s)).text for s in said)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"== memory: peak RSS {peak / 1024:.0f} MB for a German voice call with Whisper "
          f"(before the call {before / 1024:.0f} MB)")


def idle_section(quick: bool) -> None:
    """CPU used while a voice call waits (window worker threads alive, Whisper loaded, nobody speaking)."""
    from simulator.scenario import load
    from simulator.voice.registry import voice_for_call
    from simulator.voice.worker import VoiceWorker

    class NoMic:
        def open(self):
            return self

    pipeline = voice_for_call(load("checked-plug"), "de", tts="espeak-ng", listen=True, player="null")
    worker = VoiceWorker(pipeline, microphone=NoMic())
    seconds = 3.0 if quick else 10.0
    c0, t0 = time.process_time(), time.perf_counter()
    time.sleep(seconds)
    used = time.process_time() - c0
    worker.close()
    print(f"== idle: {100 * used / (time.perf_counter() - t0):.2f} % of one core while a voice call waits "
          f"({seconds:.0f} s)")


ONLY_LANG = ""
"""--lang: only this language in the WER and latency sections."""
ONLY_REC = ""
"""--recognizer: only recognisers whose name starts so in the WER and latency sections."""
SCENARIO = "checked-plug"
"""--scenario: the customer of the latency section (its tests/scripts/<id>/<lang>-good.txt are the trainee's turns)."""
SECTIONS = {"wer": wer_section, "latency": latency_section, "voices": voices_section,
            "memory": memory_section, "idle": idle_section}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections: " + ", ".join(SECTIONS))
    parser.add_argument("--quick", action="store_true", help="a few lines per figure (a smoke run)")
    parser.add_argument("--lang", default="", help="WER section: only this language")
    parser.add_argument("--recognizer", default="", help="WER section: only recognisers whose name starts so")
    parser.add_argument("--scenario", default="checked-plug", help="latency section: the customer (expert-user: a man)")
    args = parser.parse_args()
    global ONLY_LANG, ONLY_REC, SCENARIO
    ONLY_LANG, ONLY_REC, SCENARIO = args.lang, args.recognizer, args.scenario
    for name in args.only.split(","):
        SECTIONS[name.strip()](args.quick)


if __name__ == "__main__":
    main()
