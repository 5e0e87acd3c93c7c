"""How the customer reads short answers and joins her own sentences (``dialogue/data/reading.yaml``).

* :func:`clean` – a trainee line as it is kept (control characters gone, length capped).

Language data, not rules about the trainee's manner (that is the analyser's job):

* :func:`assents` – the line is a yes to what she just offered ("Sure, go ahead." after "Shall I tell you?"),
* :func:`invites` – the line asks her to tell in her own words ("Erzählen Sie mal"),
* :func:`requests_story` – the line asks her to tell what her problem is ("What seems to be the issue?"),
* :func:`vague_when` – a sentence says when, or who, only vaguely ("someone will probably call, sometime"),
* :func:`without_offer` – the line without its offer of help or request for her story ("how can I help?"),
* :func:`asks` – the line asks her to say something, with or without a question mark,
* :func:`asks_to_look` – the line asks her to go and look, or check ("look under your desk – is there a strip?"),
* :func:`credits_her` – a clause only thanks her for, or grants, what she did ("Danke, dass Sie … geprüft haben"),
* :func:`gives_reason` – the line says why the trainee asks ("Oft hängt der Drucker an einer Leiste …", "because …"),
* :func:`hedges` – the line hedges an answer it does not know ("ich glaub eher nicht"): a guess to her,
* :func:`signs_off` – the line says goodbye ("pfiat eahna", "dann war's das von meiner Seite"),
* :func:`her_action` – the line asks whether she did something ("Did you restart it?"),
* :func:`checks_status` – the line asks whether it works now ("Is it working now?"),
* :func:`checks_agreement` – the line ends by asking whether she agrees ("… Okay?", "Passt das?"),
* :func:`checks_back` – the line ends by checking back what it said ("… Richtig so?", "Have I got that right?"),
* :func:`clause_breaks` – where a clause can be split ("… an add-on SKU | but I'll check with licensing"),
* :func:`drop_acknowledgement` – a sentence without its leading "Gut," / "Yes, please." (said once per answer).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from simulator.analysis.language import compiled
from simulator.analysis.normaliser import without_quotes

READING_FILE = Path(__file__).with_name("data") / "reading.yaml"
MAX_LINE = 2000
"""Longest trainee line kept in the transcript (characters)."""
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
"""Where a sentence of a trainee line or a reply ends: after . ! ? or …, before the next word (one pattern for the
dialogue package)."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    """A trainee line as it is kept: control characters gone, length capped, spaces folded."""
    text = _CONTROL.sub(" ", text or "")
    text = " ".join(text.split())
    return text[:MAX_LINE]


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, tuple[str, ...]]]:
    data = yaml.safe_load(READING_FILE.read_text(encoding="utf-8")) or {}
    return {key: {lang: tuple(v) for lang, v in per_lang.items()} for key, per_lang in data.items()}


@lru_cache(maxsize=None)  # bounded by the data file's keys × languages × anchorings
def _pattern(key: str, lang: str, anchored: str = "") -> re.Pattern[str] | None:
    per_lang = _table().get(key, {})
    options = per_lang.get(lang) or per_lang.get("en", ())
    if not options:
        return None
    body = "(?:" + "|".join(f"(?:{o})" for o in options) + ")"
    return re.compile({"start": "^" + body, "full": "^" + body + "$"}.get(anchored, body), re.IGNORECASE)


_PUNCTUATION = re.compile(r"[.,!?;:…]")


def spoken(text: str) -> bool:
    """*text* has no punctuation before its end – a speech recogniser's text ("ah ok also sind sie gerade am rechner
    oder nur am handy"): one sentence, whose questions have lost their "?" and whose clauses their commas."""
    return not _PUNCTUATION.search((text or "").strip().rstrip(".!?… "))


def _words(line: str) -> str:
    """The line lower-cased, spaces folded, without quotes around it."""
    return " ".join((line or "").split()).strip(" \"'„“”‚‘’").lower()


def _without_lead_in(text: str, lang: str) -> str:
    lead = _pattern("lead_in", lang, "start")
    for _ in range(4):
        m = lead.match(text) if lead else None
        if not m or not m.group(0).strip():
            break
        rest = text[m.end():].lstrip(" ,.!–-")
        if not rest:
            break
        text = rest
    return text


def signs_off(line: str, lang: str) -> bool:
    """The line says goodbye ("pfiat eahna", "dann war's das von meiner Seite", "… bye")."""
    pattern = _pattern("sign_off", lang)
    return bool(pattern and pattern.search(_words(line)))


def thanks_alone(clause: str, lang: str) -> bool:
    """The clause only thanks her ("great got it thanks", "Super, danke", "thank you"): an acknowledgement."""
    pattern = _pattern("thanks_alone", lang, "full")
    return bool(pattern and pattern.match(_words(clause).strip(" ,.;:!–-")))


_COMMA = re.compile(r"\s*[,;]\s+|\s+[–—-]\s+")


def without_thanks(line: str, lang: str) -> str:
    """*line* (stripped) without its clauses that only thank her (:func:`thanks_alone`): "… a really useful clue" for
    "… a really useful clue, thank you"; '' for a bare "ok thanks"."""
    pieces = [p for s in SENTENCE_END.split(line) if s.strip() for c in clause_breaks(s, lang) for p in _COMMA.split(c)]
    if not any(thanks_alone(p, lang) for p in pieces):
        return line.strip()
    return " ".join(p.strip() for p in pieces if not thanks_alone(p, lang)).strip()


def assents(line: str, lang: str) -> bool:
    """The line is a yes (or a go-ahead) to something she offered: it starts with one, or is only a bare "okay"."""
    text = _words(line)
    if not text:
        return False
    refuse = _pattern("refuse", lang, "start")
    if refuse and refuse.match(text):
        return False
    alone = _pattern("assent_alone", lang, "full")
    if alone and alone.match(text.strip(" .!,…")):
        return True
    text = _without_lead_in(text, lang)
    if refuse and refuse.match(text):
        return False
    start = _pattern("assent", lang, "start")
    return bool(start and start.match(text)) or bool(alone and alone.match(text.strip(" .!,…")))


def invites(line: str, lang: str) -> bool:
    """The line asks her to tell what happened in her own words."""
    pattern = _pattern("invite", lang)
    return bool(pattern and pattern.search(_words(line)))


def requests_story(line: str, lang: str) -> bool:
    """The line asks her to tell what her problem is ("What seems to be the issue?", "Was ist denn das Problem?")."""
    pattern = _pattern("story_request", lang)
    return bool(pattern and pattern.search(_words(line)))


def without_offer(line: str, lang: str) -> str:
    """*line* (lower case) without its offers of help and requests for her story ("Hi, licensing, Tom here, how can I
    help?" – "hi, licensing, tom here,"); the line itself, lower case, when it has none."""
    text = _words(line)
    for key in ("offer_help", "story_request"):
        pattern = _pattern(key, lang)
        text = pattern.sub(" ", text) if pattern else text
    return " ".join(text.split())


def vague_when(sentence: str, lang: str) -> bool:
    """The sentence says when, or who, only vaguely ("someone will probably call, sometime before Thursday",
    "irgendwann vorher"); never one with a number in it."""
    pattern = _pattern("vague_when", lang)
    return bool(pattern and pattern.search(_words(sentence))) and not compiled(lang).clocked(sentence)


def asks(line: str, lang: str) -> bool:
    """The line asks her to say something, even without a question mark ("Sagen Sie mal, …", "Tell me …")."""
    pattern = _pattern("ask", lang)
    return bool(pattern and pattern.search(_words(line))) or invites(line, lang)


def requests(line: str, lang: str, *, marked: bool = False) -> bool:
    """The line asks her to do or tell something: a question, a request to tell, or a request ("… bitte …", "could
    you …", a sentence opening with the verb: "Check the suffix."); ``marked``: only the last kind, a request in so
    many words ("Woran scheitert es denn?" asks, it requests nothing)."""
    if not marked and ("?" in line or asks(line, lang)):
        return True
    pattern = _pattern("request", lang)
    return bool(pattern and any(pattern.search(_words(s)) for s in SENTENCE_END.split(line) if s.strip()))


def asks_to_look(line: str, lang: str) -> bool:
    """The line asks her to go and look, or check ("Schauen Sie mal unter den Tisch …", "look under your desk - is
    there a power strip?"): a question put so is not one about a fact she knows without looking."""
    pattern = _pattern("look", lang)
    return bool(pattern and pattern.search(_words(line)))


def asks_only_for_information(line: str, lang: str) -> bool:
    """Every sentence of *line* is a question that asks her for information ("Damit es diesmal passt: Wann haben Sie
    in den nächsten Tagen Termine?", "When does it need to run, and what days work for you?"): the line commits to
    nothing – no date booked, no time promised."""
    pattern = _pattern("info_question", lang)
    sentences = [s for s in SENTENCE_END.split(_words(line)) if s.strip()]
    return bool(pattern and sentences) and all(s.endswith("?") and pattern.search(s) for s in sentences)


def asks_without_booking(line: str, lang: str) -> bool:
    """*line* asks her for information in a W-question and names no day or hour outside its questions ("Das kläre ich
    intern. Damit der neue Termin passt: Bis wann muss der Arbeitsplatz stehen, und welche Zeiten sind ungünstig?"):
    it books nothing, whatever else it states (round 32: she answered "Gut. Das trage ich mir ein.")."""
    pattern = _pattern("info_question", lang)
    sentences = [s for s in SENTENCE_END.split(_words(line)) if s.strip()]
    asked = [s for s in sentences if s.endswith("?") and pattern and pattern.search(s)]
    return bool(asked) and not any(time_words(s, lang) for s in sentences if not s.endswith("?"))


def credits_her(clause: str, lang: str) -> bool:
    """The clause only thanks her for, grants or waives what she did or said ("Thanks for checking the plug", "Ich
    glaube Ihnen, dass der Stecker drin ist", "Gut, dass Sie den Stecker schon angeguckt haben", "no need to check the
    plug again"): it asks nothing of her. A clause that asks ("…, oder?") is no such credit."""
    pattern = _pattern("credits_her", lang, "start")
    text = _words(clause)
    return (bool(pattern and (pattern.match(text) or pattern.match(_without_lead_in(text, lang))))
            and not clause.rstrip().endswith("?"))


def concedes(between: str, lang: str) -> bool:
    """The words between a kind act and the rude words turn against it ("Ich verstehe ja, dass Sie sauer sind, aber
    das ist echt nicht mein Problem"): the kindness was only conceded, the rudeness stands (``concession``)."""
    pattern = _pattern("concession", lang)
    return bool(pattern and pattern.search(between))


def cuts(line: str, lang: str) -> bool:
    """The line mocks her or pushes her off in words no kind act beside them softens ("oh i totally understand, must be
    so hard to look under a desk", "that's not on us") – ``cutting``."""
    pattern = _pattern("cutting", lang)
    return bool(pattern and pattern.search(_words(line)))


def gives_reason(line: str, lang: str) -> bool:
    """The line says why the trainee asks ("Weil …", "oft …", "damit …", "dann wissen wir …", "because …")."""
    pattern = _pattern("reason", lang)
    return bool(pattern and pattern.search(_words(line)))


def hedges(line: str, lang: str) -> bool:
    """The line hedges an answer it does not know ("ich glaub eher nicht", "I doubt it"): a guess to her."""
    pattern = _pattern("hedge", lang)
    return bool(pattern and pattern.search(_words(line)))


def her_action(line: str, lang: str) -> bool:
    """A sentence of the line asks whether she did something ("Haben Sie den PC schon neu gestartet?")."""
    pattern = _pattern("her_action", lang)
    sentences = SENTENCE_END.split(" ".join((line or "").split()))
    return bool(pattern) and any(s.endswith("?") and pattern.search(s.strip().lower()) for s in sentences)


def checks_status(line: str, lang: str) -> bool:
    """A question of the line asks whether it works now, or whether the fault is still there ("Is it working now?",
    "Is the problem still happening?"): she answers from where the call stands."""
    pattern = _pattern("status_check", lang)
    sentences = SENTENCE_END.split(" ".join((line or "").split()))
    return bool(pattern) and any(s.endswith("?") and pattern.search(s.strip().lower()) for s in sentences)


def checks_agreement(line: str, lang: str) -> bool:
    """The line's last sentence only asks whether she agrees ("… Okay?", "Passt das?", "Does that work for you?")."""
    pattern = _pattern("agreement_check", lang)
    sentences = [s for s in SENTENCE_END.split(" ".join((line or "").split())) if s.strip()]
    last = sentences[-1].strip() if sentences else ""
    return bool(pattern) and last.endswith("?") and pattern.search(last.lower()) is not None


def checks_back(line: str, lang: str) -> bool:
    """The line's last sentence checks back what the trainee has just said ("… Richtig so?", "Hab ich das richtig
    verstanden?", "…, right?"): after a recap she confirms it."""
    pattern = _pattern("check_back", lang)
    if pattern and spoken(line) and not (line or "").rstrip().endswith("?"):  # a recogniser's recap runs on into its
        # tag ("… der nie kam stimmt dit so"; round 35)
        words, tag = compiled(lang).standard(line or "").lower().split(), _pattern("check_back", lang, "full")
        return len(words) > SPOKEN_TAG_WORDS and any(tag.match(" ".join(words[-n:])) for n in range(2, SPOKEN_TAG_WORDS))
    sentences = [s for s in SENTENCE_END.split(" ".join((line or "").split())) if s.strip()]
    last = sentences[-1].strip() if sentences else ""
    return bool(pattern) and last.endswith("?") and pattern.search(last.lower()) is not None


SPOKEN_TAG_WORDS = 7
"""A spoken line longer than this may end in a check-back tag of fewer words ("stimmt das so", "is that right")."""


def time_words(text: str, lang: str) -> frozenset[str]:
    """The words of *text* that name a time – days, parts of the day, hours (``time_word``), lower case, a plural "s"
    dropped ("mornings" is "morning")."""
    pattern = _pattern("time_word", lang)
    return frozenset(m.group().lower().rstrip("s") for m in pattern.finditer(text or "")) if pattern else frozenset()


@lru_cache(maxsize=256)
def dated(examples: tuple[str, ...], lang: str) -> bool:
    """Every one of *examples* (a step's) names a day or an hour (:func:`time_words`): a step that books a time."""
    return bool(examples) and all(time_words(e, lang) for e in examples)


def without_besides(text: str, lang: str) -> str:
    """*text* without what a question sets aside ("Besides the reboot, what else …" – ``besides``)."""
    pattern = _pattern("besides", lang)
    return pattern.sub(" ", text) if pattern else text


def announces_summary(line: str, lang: str) -> bool:
    """The line only announces a summary and ends before it ("Let me sum up what I understood." – ``summary_announced``)."""
    pattern = _pattern("summary_announced", lang)
    return bool(pattern and pattern.search(_words(line)))


def names_recap(line: str, lang: str) -> bool:
    """The line names itself a recap ("So to recap: …", "Zusammengefasst: …" – ``recap_named``)."""
    pattern = _pattern("recap_named", lang)
    return bool(pattern and pattern.search(_words(line)))


def names_time(text: str, lang: str) -> bool:
    """The line names a time, loosely – a :func:`time_words` word, a duration or a number word (``time_named``)."""
    pattern = _pattern("time_named", lang)
    return bool(time_words(text, lang)) or bool(pattern and pattern.search(text or ""))


def agrees_on(line: str, lang: str) -> bool:
    """The line ends by checking back or asking her agreement: a recap that brings the fix and asks "Is that okay?" is
    the summary of what is agreed, as one that asks "Does that sound right?" (round 16, EN mobile-caller)."""
    return checks_back(line, lang) or checks_agreement(line, lang)


def clause_breaks(clause: str, lang: str, key: str = "clause_break") -> list[str]:
    """*clause* cut before each word where a new thought can start ("but", "then", "I'll"); the pieces, in order.
    ``key``: the data's breaks to use ('credit_break': where a clause that credits her may end)."""
    pattern = _pattern(key, lang)
    if not pattern:
        return [clause]
    cuts = [m.start() for m in pattern.finditer(clause) if m.start() > 0]
    pieces, last = [], 0
    for cut in cuts:
        pieces.append(clause[last:cut])
        last = cut
    pieces.append(clause[last:])
    return [p for p in pieces if p.strip()]


def acknowledges(sentence: str, lang: str) -> bool:
    """The sentence opens with an acknowledgement ("Gut, …", "Yes, please.", "Okay.")."""
    pattern = _pattern("acknowledgement", lang, "start")
    return bool(pattern and pattern.match(sentence.strip() + " "))


def ends_acknowledging(text: str, lang: str) -> bool:
    """*text* ends in an acknowledgement ("Kürzer ginge es auch, aber gut."): what follows need not open with one."""
    pattern = _pattern("acknowledgement_end", lang)
    return bool(pattern and pattern.search(text.strip().lower()))


def drop_acknowledgement(sentence: str, lang: str) -> str:
    """*sentence* without its leading acknowledgement(s), first letter capitalised ('' when nothing else is left)."""
    pattern, carried = _pattern("acknowledgement", lang, "start"), _pattern("carried", lang, "start")
    text = sentence.strip() + " "
    for _ in range(3):
        m = pattern.match(text) if pattern else None
        if not m:
            break
        if carried and carried.match(text[m.end():]) and not m.group(0).rstrip().endswith((".", "!")):
            return sentence.strip()  # "Gut, dass das jemand klärt": the word carries the sentence
        text = text[m.end():]
    text = text.strip().lstrip("–- ")
    if len(text.split()) < 2:
        return ""
    return text[0].upper() + text[1:]


def word_data(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The inflectional endings and the compound particles of *lang*, for matching scenario phrases
    (:mod:`simulator.dialogue.phrases`)."""
    table = _table()
    return table.get("endings", {}).get(lang, ()), table.get("particles", {}).get(lang, ())


def sentence_of(segment: str, text: str) -> str:
    """The sentence of *text* that holds the stretch *segment* (words compared, case and punctuation aside): where a
    stretch of the line came close to a step's examples; *text* itself when no one sentence holds it all."""
    words = " ".join(re.findall(r"\w+", segment.lower()))
    return next((s for s in SENTENCE_END.split(text) if words and words in " ".join(re.findall(r"\w+", s.lower()))),
                text)

