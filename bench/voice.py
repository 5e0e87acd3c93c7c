"""Voice benchmark: TTS speed, recognition accuracy (general vs domain model), turn latency.

Run:  PYTHONPATH=. python bench/voice.py [--variant f2] [--rate 150]

Prints figures only (no assertions). The trainee lines below are NOT part of
the domain model: the model is built from DOMAIN_SENTENCES (a printer
scenario's lines) plus the generic agent lines in simulator/voice/data.
"""

from __future__ import annotations

import argparse
import statistics
import time

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", default="f2", help="espeak-ng variant for the trainee lines")
    parser.add_argument("--rate", type=int, default=150, help="words per minute")
    args = parser.parse_args()

    from simulator.scenario.model import LineSettings, VoiceSettings
    from simulator.voice.domain import DomainVocabulary, agent_lines
    from simulator.voice.effects import impair
    from simulator.voice.stt import SphinxRecognizer, word_error_rate
    from simulator.voice.tts import EspeakCommandSynthesizer, EspeakSynthesizer, split_sentences

    generic = set(agent_lines("en"))
    leaked = [line for line in TRAINEE_LINES if line in generic or line in DOMAIN_SENTENCES]
    print(f"trainee lines: {len(TRAINEE_LINES)} (in the domain model: {len(leaked)})")

    voice = VoiceSettings(variant=args.variant, rate=args.rate)
    engines = {"espeak (pyttsx3)": EspeakSynthesizer(), "espeak-ng (subprocess)": EspeakCommandSynthesizer()}
    clips = {}
    for label, synth in engines.items():
        synth.synthesize("warm up", "en", voice)
        times = []
        for line in TRAINEE_LINES:
            t0 = time.perf_counter()
            clips[line] = synth.synthesize(line, "en", voice)
            times.append(time.perf_counter() - t0)
        print(f"TTS {label}: median {1000 * statistics.median(times):.1f} ms per sentence, "
              f"max {1000 * max(times):.1f} ms")
    audio_seconds = sum(c.duration for c in clips.values())

    t0 = time.perf_counter()
    general = SphinxRecognizer()
    t_general = time.perf_counter() - t0
    t0 = time.perf_counter()
    domain = SphinxRecognizer(DomainVocabulary(DOMAIN_SENTENCES, DOMAIN_WORDS))
    t_domain = time.perf_counter() - t0
    print(f"load: general model {t_general:.2f} s, domain model (build + load) {t_domain:.2f} s")

    line_settings = LineSettings(kind="mobile", dropout_rate=0.0, noise_snr_db=25.0)
    for label, rec in (("general LM", general), ("domain LM", domain)):
        for channel in ("clean", "telephone"):
            errors = words = 0.0
            t0 = time.perf_counter()
            for i, line in enumerate(TRAINEE_LINES):
                clip = clips[line] if channel == "clean" else impair(clips[line], line_settings, i).audio
                hyp = rec.transcribe(clip).text
                n = len(line.split())
                errors += word_error_rate(line, hyp) * n
                words += n
            elapsed = time.perf_counter() - t0
            print(f"STT {label:10s} {channel:9s}: WER {errors / words:.3f}, "
                  f"decode {elapsed / audio_seconds:.3f} s per s of audio")

    # End of trainee utterance -> first customer sample ready.
    reply = ("Oh, the light is blinking orange now. I did not touch anything, honestly. "
             "What should I do next?")
    customer = VoiceSettings(variant="f3", rate=165, pitch=55)
    line = LineSettings(kind="mobile", dropout_rate=0.5, dropout_ms=200, noise_snr_db=20.0, noise="babble")
    from simulator.voice.audio import Audio

    first_sentence = split_sentences(reply)[0]
    for label, synth in engines.items():
        whole, first, stream_last, parts = [], [], [], {"recognise": [], "synthesise": [], "impair": []}
        for i, said in enumerate(TRAINEE_LINES[:20]):
            clip = clips[said]
            t0 = time.perf_counter()
            domain.transcribe(clip)
            time.sleep(0.001)  # stand-in for analyser + dialogue engine
            t_rec = time.perf_counter() - t0
            t0 = time.perf_counter()
            impair(synth.synthesize(reply, "en", customer), line, i)
            whole.append(t_rec + time.perf_counter() - t0)
            t0 = time.perf_counter()
            spoken = synth.synthesize(first_sentence, "en", customer)
            t_syn = time.perf_counter() - t0
            impair(spoken, line, i)
            t_imp = time.perf_counter() - t0 - t_syn
            first.append(t_rec + t_syn + t_imp)
            parts["recognise"].append(t_rec)
            parts["synthesise"].append(t_syn)
            parts["impair"].append(t_imp)
            # Streaming recognition: all but the last 300 ms was decoded while the trainee spoke.
            samples = clip.array()
            cut = max(0, clip.frames - int(0.3 * clip.rate))
            stream = domain.stream()
            stream.feed(Audio(clip.rate, samples[:cut]))
            t0 = time.perf_counter()
            stream.feed(Audio(clip.rate, samples[cut:]))
            stream.finish()
            time.sleep(0.001)
            impair(synth.synthesize(first_sentence, "en", customer), line, i)
            stream_last.append(time.perf_counter() - t0)
        ms = {k: 1000 * statistics.median(v) for k, v in parts.items()}
        print(f"latency {label}: whole reply {1000 * statistics.median(whole):.0f} ms, "
              f"first sentence {1000 * statistics.median(first):.0f} ms "
              f"(recognise {ms['recognise']:.0f} + synthesise {ms['synthesise']:.0f} + impair {ms['impair']:.0f}), "
              f"first sentence with streaming recognition {1000 * statistics.median(stream_last):.0f} ms "
              f"(medians; target <= 250 ms)")

if __name__ == "__main__":
    main()
