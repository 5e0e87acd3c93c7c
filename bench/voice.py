"""Voice benchmark: recognition accuracy, turn latency, customer-voice intelligibility, memory, idle CPU.

Run:  PYTHONPATH=. python bench/voice.py [--only wer,latency,voices,memory,idle] [--quick] [--lang de]
      [--recognizer whisper] [--scenario expert-user] [--rates 1,0.9] [--lines 10:]

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


_DE_UNITS = {"null": 0, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
             "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "sechzehn": 16, "siebzehn": 17}
_DE_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
            "achtzig": 80, "neunzig": 90}
_DE_IN_COMPOUNDS = {"ein": 1, **{k: v for k, v in _DE_UNITS.items() if 2 <= v <= 9}, "sech": 6, "sieb": 7}
_EN_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                        "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_EN_UNITS.update({"oh": 0, **{w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}})


def _german_number(word: str) -> int | None:
    """``word`` as a number when it is one German number word (``null``..``neuntausend...``), else None.

    ``ein``/``eine`` alone are articles and stay words; ``eins`` is a number."""
    if word in _DE_UNITS:
        return _DE_UNITS[word]
    if word in _DE_TENS:
        return _DE_TENS[word]
    if word.endswith("zehn") and _DE_IN_COMPOUNDS.get(word[:-4], 0) >= 3:  # dreizehn..neunzehn
        return 10 + _DE_IN_COMPOUNDS[word[:-4]]
    for big, factor in (("tausend", 1000), ("hundert", 100)):
        if big in word:
            head, tail = word.split(big, 1)
            n = 1 if head in ("", "ein") else _DE_IN_COMPOUNDS.get(head)
            rest = 0 if tail == "" else _german_number(tail.removeprefix("und"))
            return None if n is None or rest is None else n * factor + rest
    if "und" in word:  # einundzwanzig
        unit, tens = word.split("und", 1)
        if unit in _DE_IN_COMPOUNDS and tens in _DE_TENS:
            return _DE_IN_COMPOUNDS[unit] + _DE_TENS[tens]
    return None


def fair_words(text: str, lang: str = "de") -> list[str]:
    """The normalised words of the fair WER: the same rules for the reference and every voice's transcript.

    After :func:`simulator.voice.whisper.normalise` (lower case, no punctuation): hyphens split words
    (``DNS-Cache`` = ``DNS Cache``); a number word becomes its digits (``fünf`` = ``5``, ``einundzwanzig`` =
    ``21``; not the article ``ein``/``eine``); ``punkt``/``komma``/``point`` between two numbers goes (``5.1``
    spoken ``fünf Punkt eins``); and a run of numbers is one word however it is grouped (``0172 5534 89``
    = ``null eins sieben zwei fünf fünf drei vier acht neun`` = ``0172553489``).
    """
    from simulator.voice.whisper import normalise

    words = normalise(text).replace("-", " ").split()
    as_digits = [str(n) if (n := (_german_number(w) if lang == "de" else _EN_UNITS.get(w))) is not None else w
                 for w in words]
    out: list[str] = []
    for i, w in enumerate(as_digits):
        between = 0 < i < len(as_digits) - 1 and as_digits[i - 1].isdigit() and as_digits[i + 1].isdigit()
        if w in ("punkt", "komma", "point") and between:
            continue
        if w.isdigit() and out and out[-1].isdigit():
            out[-1] += w
        else:
            out.append(w)
    return out


def _join_compounds(words: list[str], known: set[str]) -> list[str]:
    """Adjacent words joined where together they are one word of ``known`` (``Kurz Fassung`` = ``Kurzfassung``)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for k in (3, 2):
            if i + k <= len(words) and "".join(words[i:i + k]) in known:
                out.append("".join(words[i:i + k]))
                i += k
                break
        else:
            out.append(words[i])
            i += 1
    return out


def fair_errors(reference: str, hypothesis: str, lang: str = "de") -> tuple[float, int]:
    """(word errors, reference words) of the fair WER: :func:`fair_words` on both sides, then a compound split on
    one side only is joined (both ways, the same for every voice). The reference count is before the joining,
    so every voice is divided by the same number."""
    from simulator.voice.stt import word_error_rate

    ref, hyp = fair_words(reference, lang), fair_words(hypothesis, lang)
    n = len(ref)
    hyp = _join_compounds(hyp, set(ref))
    ref = _join_compounds(ref, set(hyp))
    return word_error_rate(" ".join(ref), " ".join(hyp)) * len(ref), n


def load_average() -> str:
    import os

    return "load average %.1f %.1f %.1f on %d cores" % (*os.getloadavg(), os.cpu_count() or 1)


def synth_plain(pronounce: bool | str = True):
    from simulator.voice.tts import EspeakCommandSynthesizer

    return EspeakCommandSynthesizer(clear_voices=False, pronounce=pronounce)


def synth_clear(pronounce: bool | str = True):
    from simulator.voice.tts import EspeakCommandSynthesizer

    return EspeakCommandSynthesizer(clear_voices=True, pronounce=pronounce)


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
    noise and, for mobile callers, dropouts that swallow words whatever the voice). Each figure is printed
    raw (``normalise`` only: "fünf" against "5" is an error) and fair (:func:`fair_errors`: numbers, hyphens
    and compound spacing normalised, the same for every voice). ``--rates 1,0.9,0.8`` also measures every
    engine at those fractions of the persona's rate; ``--scenario a,b`` only those personas; ``--lines 10:``
    other sentences (Python slice of each persona's sentences; 10 onwards: those not in the default run).
    ``--pronounce on,off`` measures every engine with the pronunciation rewrite (simulator/voice/pronunciation.py,
    the product's way) and with the text as written (rows marked ``[written]``); ``always`` rewrites for every
    engine, also those the product leaves alone (Pico, hibari, Piper; rows marked ``[rewritten]``);
    ``--engines default`` only the product's voice per persona (``--engines mb-de6,mb-de4``: those); ``--show``
    prints each sentence's clean transcript.
    """
    from dataclasses import replace

    from simulator.scenario import load
    from simulator.scenario.library import available
    from simulator.voice.effects import impair
    from simulator.voice.stt import word_error_rate
    from simulator.voice.tts import split_sentences
    from simulator.voice.voices import clear_voice
    from simulator.voice.whisper import WhisperRecognizer, normalise

    print(f"== customer-voice intelligibility: Whisper WER on persona lines, clean/line raw, clean/line fair "
          f"({load_average()})")
    recs: dict = {}
    alternatives = {("de", "f"): ["mb-de7", "pico"], ("de", "m"): ["mb-de6", "mb-de2", "mb-de4", "mb-de8"],
                    ("en", "f"): ["hibari", "pico"], ("en", "m"): ["piper", "mb-us2", "mb-us3"]}
    first, last = (int(x) if x else None for x in LINES.split(":")) if LINES else (0, 4 if quick else 10)
    personas = [p for p in SCENARIO_LIST.split(",") if p] if SCENARIO_LIST else None
    for lang in ("en", "de"):
        if ONLY_LANG and lang != ONLY_LANG:
            continue
        totals: dict[str, list[float]] = {}
        for sid in available():
            if personas is not None and sid not in personas:
                continue
            sc = load(sid)
            voice = sc.persona.voice.get(lang)
            if voice is None:
                continue
            rec = recs.setdefault(lang, WhisperRecognizer(lang))
            lines = [s for step in sc.steps for t in step.reply.all(lang) for s in split_sentences(t)][first:last]
            gender = "m" if voice.variant.startswith("m") else "f"
            default = clear_voice(lang, voice) or voice.variant
            engines = [voice.variant] + [v for v in alternatives[(lang, gender)] if installed(v)]
            if ENGINES == "default":
                engines = [default]
            elif ENGINES:
                engines = [v for v in engines if v in ENGINES.split(",")]
            row = []
            for variant, factor, pronounce in ((v, f, p) for v in dict.fromkeys(engines) for f in RATES
                                               for p in PRONOUNCE):
                settings = replace(voice, variant=variant, rate=round(voice.rate * factor))
                sums = [0.0, 0.0, 0, 0.0, 0.0, 0]  # raw clean, line, words; fair the same
                for i, line in enumerate(lines):
                    clear = variant != voice.variant
                    synth = _SYNTHS.setdefault((clear, pronounce), synth_clear(pronounce) if clear
                                               else synth_plain(pronounce))
                    clip = synth.synthesize(line, lang, settings)
                    n = len(normalise(line).split())
                    for k, audio in ((0, clip), (1, impair(clip, sc.line, i).audio)):
                        hyp = rec.transcribe(audio).text
                        if SHOW and k == 0:
                            print(f"    {variant}{_tag(pronounce)}: {line!r} -> {hyp!r}", flush=True)
                        sums[k] += word_error_rate(normalise(line), hyp) * n
                        errors, fair_n = fair_errors(line, hyp, lang)
                        sums[3 + k] += errors
                    sums[2] += n
                    sums[5] += fair_n
                mark = "*" if variant == default and factor == 1.0 else ""
                mark = mark if pronounce is True else ""
                key = variant + (f"@{factor:g}" if factor != 1.0 else "") + _tag(pronounce) + mark
                row.append(f"{key} {_ratio(sums[0], sums[2])}/{_ratio(sums[1], sums[2])} "
                           f"fair {_ratio(sums[3], sums[5])}/{_ratio(sums[4], sums[5])}")
                for name in (key.rstrip("*"), "default" if mark else ""):
                    if name:
                        t = totals.setdefault(name, [0.0] * 6)
                        for j in range(6):
                            t[j] += sums[j]
            print(f"  {lang} {sid:20s} {voice.variant:3s} (* = the product's voice): " + ", ".join(row), flush=True)
        print(f"  {lang} all personas (clean/line raw, fair): " + ", ".join(
            f"{n} {_ratio(t[0], t[2], 3)}/{_ratio(t[1], t[2], 3)} fair {_ratio(t[3], t[5], 3)}/{_ratio(t[4], t[5], 3)}"
            for n, t in totals.items()), flush=True)


def _tag(pronounce: bool | str) -> str:
    return {True: "", False: "[written]"}.get(pronounce, "[rewritten]")


def _ratio(errors: float, words: float, digits: int = 2) -> str:
    return f"{errors / max(1, words):.{digits}f}"


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
"""--lang: only this language in the WER, latency and voices sections."""
ONLY_REC = ""
"""--recognizer: only recognisers whose name starts so in the WER and latency sections."""
SCENARIO = "checked-plug"
"""--scenario: the customer of the latency section (its tests/scripts/<id>/<lang>-good.txt are the trainee's turns)."""
SCENARIO_LIST = ""
"""voices section: only these personas (--scenario, comma-separated)."""
LINES = ""
"""voices section: which of each persona's sentences (--lines, a slice such as 10: or 0:20; default :10)."""
RATES = (1.0,)
"""voices section: fractions of the persona's rate to measure (--rates)."""
PRONOUNCE = (True,)
"""voices section: with the pronunciation rewrite (True, the product's way), the text as written (False) and/or
rewritten for every engine ("always") (--pronounce)."""
SHOW = False
"""voices section: print each sentence's clean transcript (--show)."""
ENGINES = ""
"""voices section: "" every engine, "default" the product's voice, or these variants (--engines)."""
SECTIONS = {"wer": wer_section, "latency": latency_section, "voices": voices_section,
            "memory": memory_section, "idle": idle_section}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections: " + ", ".join(SECTIONS))
    parser.add_argument("--quick", action="store_true", help="a few lines per figure (a smoke run)")
    parser.add_argument("--lang", default="", help="WER, latency and voices sections: only this language")
    parser.add_argument("--recognizer", default="", help="WER section: only recognisers whose name starts so")
    parser.add_argument("--scenario", default="", help="latency section: the customer (default checked-plug; "
                        "expert-user: a man); voices section: only these personas (comma-separated)")
    parser.add_argument("--lines", default="", help="voices section: a slice of each persona's sentences (10:)")
    parser.add_argument("--rates", default="1", help="voices section: fractions of the persona's rate (1,0.9,0.8)")
    parser.add_argument("--pronounce", default="on", help="voices section: on, off, always or a list (on,off): the "
                        "pronunciation rewrite where the product applies it, nowhere (as written), for every engine")
    parser.add_argument("--show", action="store_true", help="voices section: print each clean transcript")
    parser.add_argument("--engines", default="", help="voices section: default (the product's voice) or variants")
    args = parser.parse_args()
    global ONLY_LANG, ONLY_REC, SCENARIO, SCENARIO_LIST, RATES, LINES, PRONOUNCE, ENGINES, SHOW
    ONLY_LANG, ONLY_REC = args.lang, args.recognizer
    SCENARIO, SCENARIO_LIST = args.scenario or "checked-plug", args.scenario
    RATES = tuple(float(r) for r in args.rates.split(","))
    LINES = args.lines
    PRONOUNCE = tuple({"on": True, "off": False}.get(p.strip(), p.strip()) for p in args.pronounce.split(","))
    ENGINES, SHOW = args.engines, args.show
    for name in args.only.split(","):
        SECTIONS[name.strip()](args.quick)


if __name__ == "__main__":
    main()
