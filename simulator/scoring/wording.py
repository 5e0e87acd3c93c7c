"""Language data the scoring rules need (``scoring/data/wording.yaml``): introductions, team names, proper closings,
weak back-channels, guesses."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from simulator.analysis.normaliser import without_quotes

DATA_FILE = Path(__file__).with_name("data") / "wording.yaml"


@lru_cache(maxsize=1)
def _data() -> dict:
    """The parsed data file, read once per process (callers only read it). Parsing it costs ~30 ms CPU; it used to be
    parsed again for every (kind, language) asked, ten times in a call's first turns."""
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=None)
def _patterns(kind: str, lang: str, flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    data = _data()
    found = (data.get(kind) or {}).get(lang) or (data.get(kind) or {}).get("en") or []
    return re.compile("|".join(f"(?:{p})" for p in found), flags) if found else None


def clock_at(text: str, lang: str) -> int:
    """Where in *text* its first time stands (-1: none; :meth:`Language.clock_at`)."""
    from simulator.analysis.language import compiled

    return compiled(lang).clock_at(text)


def _clocked(text: str, lang: str) -> bool:
    """*text* has a number that can be a time, not an extension or a ticket number (:meth:`Language.clocked`)."""
    from simulator.analysis.language import compiled

    return compiled(lang).clocked(text)


def standard(text: str, lang: str) -> str:
    """*text* with regional spellings in standard words, as the analyser reads them ("Griaß Gott" – "grüß Gott"); the
    language data only, no learned head loaded."""
    from simulator.analysis.language import compiled

    return compiled(lang).standard(text or "")


def word_count(text: str, lang: str) -> int:
    """The words of *text* as the customer counts them against her ``mood.max_words`` (the analyser's tokens)."""
    from simulator.analysis.language import compiled

    return compiled(lang).word_count(text or "")


def introduces(text: str, lang: str) -> bool:
    """The line says who the agent is (their name): a greeting that is an introduction – "my name is …",
    or the phone formula with the name alone between commas ("IT-Hotline, Berger, guten Morgen.")."""
    pattern, surname = _patterns("introduction", lang), _patterns("surname", lang, 0)
    text = standard(text, lang)
    return bool(pattern and pattern.search(text or "")) or bool(surname and surname.search(text or ""))


def names_team(text: str, lang: str) -> bool:
    """The line names the team or company (half an introduction)."""
    pattern = _patterns("team", lang)
    return bool(pattern and pattern.search(standard(text, lang)))


ANSWER_WORDS = 4
"""A first sentence this short that names the team is the phone formula ("Ja, Helpdesk.", "Support."), even when the
analyser reads no greeting act in it."""


def answers_with_team(text: str, lang: str) -> bool:
    """The line answers the phone with the team's or company's name: in its opening words ("Yeah, hotline.",
    "MailHaus support, hello.") – not a team named somewhere later ("What's wrong with the service?")."""
    first = re.split(r"(?<=[.!?])\s+", (text or "").strip(), maxsplit=1)[0]
    return len(first.split()) <= ANSWER_WORDS and names_team(first, lang)


def greets(text: str, lang: str) -> bool:
    """The line holds a greeting word ("Guten Tag", "hello", "thanks for calling"), not only a team's name."""
    pattern = _patterns("greeting_word", lang)
    return bool(pattern and pattern.search(standard(text, lang)))


def closes_properly(text: str, lang: str) -> bool:
    """The line is more than a bare goodbye: it offers more help, thanks, or wishes well."""
    return offers_more(text, lang) or wishes_well(text, lang)


def offers_more(text: str, lang: str) -> bool:
    """The line asks whether anything else is open, or invites her to call again ("Kann ich noch etwas tun?") – and does
    not answer itself ("anything else? no? bye")."""
    pattern, answered = _patterns("closing_offer", lang), _patterns("closing_offer_answered", lang)
    line = standard(text, lang)
    return bool(pattern and pattern.search(line)) and not (answered and answered.search(line))


def wishes_well(text: str, lang: str) -> bool:
    """The line thanks or wishes well ("schönen Tag noch", "enjoy your coffee")."""
    pattern = _patterns("closing_wish", lang)
    return bool(pattern and pattern.search(standard(text, lang)))


def transparency_step(title: str, lang: str) -> bool:
    """The step's title promises an explanation or openness ("– politely, with a reason", "(transparency)")."""
    pattern = _patterns("transparency_step", lang)
    return bool(pattern and pattern.search(title or ""))


def vague(sentence: str, lang: str, *, time_only: bool = False) -> bool:
    """The sentence – one that holds a time or a call – promises only vaguely: a vague time ("zeitnah", "soon") or a
    hope or a guess ("hopefully", "wahrscheinlich"), or – unless ``time_only`` – no one who acts or only a try ("die
    melden sich", "someone should get in touch"); never a sentence with a number in it."""
    if _clocked(sentence, lang):
        return False
    kinds = ("vague_time", "vague_hedge") if time_only else ("vague_time", "vague_hedge", "vague_promise")
    return any((p := _patterns(k, lang)) is not None and p.search(sentence or "") for k in kinds)


@lru_cache(maxsize=None)
def _abbreviations() -> re.Pattern[str] | None:
    data = _data()
    found = [p for words in (data.get("abbreviation") or {}).values() for p in words or []]
    return re.compile(r"(?<!\w)(?:" + "|".join(found) + r")\.", re.IGNORECASE) if found else None


ABBREVIATION_DOT = "\u2024"
"""Stands in for the full stop of an abbreviation while sentences are cut (same length: offsets hold)."""


def mask_abbreviations(text: str) -> str:
    """*text* with the dots of abbreviations ("bzw.", "Dr.", "e.g.") replaced by :data:`ABBREVIATION_DOT`: no sentence
    ends there. The same length as *text*, so offsets into it hold."""
    pattern = _abbreviations()
    if not pattern or not text:
        return text or ""
    return pattern.sub(lambda m: m.group().replace(".", ABBREVIATION_DOT), text)


def says_goodbye(text: str, lang: str) -> bool:
    """The line says goodbye in words the analyser may not read as a closing ("bye", "pfiat eahna")."""
    pattern = _patterns("goodbye", lang)
    return bool(pattern and pattern.search(standard(text, lang)))


def commits_no_time(sentence: str, lang: str) -> bool:
    """The sentence's time is no promise of the agent's: a past slot, a symptom's start, someone's opening hours
    ("was booked for yesterday nine to twelve", "since Monday", "they're here until 5 pm")."""
    pattern = _patterns("time_no_commitment", lang)
    return bool(pattern and pattern.search(standard(sentence, lang)))


def own_time_promise(sentence: str, lang: str) -> bool:
    """In the sentence the agent herself commits to a time ("Ich rufe Sie bis heute 16 Uhr zurück")."""
    return bool(own_time(sentence, lang))


def own_time(sentence: str, lang: str) -> str:
    """The time the agent herself commits to in the sentence – its last two words ("bis sechzehn", "by 4") – or ''."""
    pattern = _patterns("own_time_promise", lang)
    found = pattern.search(standard(sentence, lang)) if pattern else None
    return " ".join(found.group(0).split()[-2:]) if found else ""


def weak_backchannel(text: str, lang: str) -> bool:
    """The whole span is a bare "ok", "gut", "yeah": a turn-taking noise, not a sign of listening."""
    pattern = _patterns("weak_backchannel", lang)
    return bool(pattern and pattern.fullmatch((text or "").strip(" .,!?…").lower()))




def guesses(text: str, lang: str) -> bool:
    """The line gives a confident guess ("it'll probably be included", "müsste eigentlich dabei sein"),
    not a refusal to guess that quotes one ("if I say probably and it costs extra …", "I'd rather not give you a
    'probably'": a quoted word is hers, not the trainee's guess)."""
    pattern, unless = _patterns("guess", lang), _patterns("guess_unless", lang)
    text = without_quotes(text)
    return bool(pattern and pattern.search(text)) and not (unless and unless.search(text))


def finds_out(text: str, lang: str) -> bool:
    """The line promises to find something out or come back with it ("ich kläre das", "I'll check with licensing and
    get back to you") – not any plan ("Dann trag ich Donnerstag ein" books a date; round 23)."""
    pattern = _patterns("find_out", lang)
    return bool(pattern and pattern.search(text or ""))


def checks_back(question: str, lang: str) -> bool:
    """The question only checks back on what was just summed up ("Is that right so far?", "Stimmt das so?")."""
    pattern = _patterns("check_back", lang)
    return bool(pattern and pattern.search(standard(question, lang).strip()))


_CLAUSE_BREAK = re.compile(r"\s[–—-]\s|[:;]\s|,\s")
"""Where a clause of a long question ends: a dash between words, a colon, a semicolon, a comma."""


def targeted(question: str, lang: str) -> bool:
    """The question asks for one thing ("bis wann …?", "since when …?"), not for the whole story – also as the last
    clause of a longer sentence ("I can offer Thursday or Friday - which one suits you better?"; round 32)."""
    pattern = _patterns("targeted_question", lang)
    clauses = [question, *_CLAUSE_BREAK.split(question)[1:]]
    return bool(pattern) and any(pattern.search(standard(c, lang).strip()) for c in clauses)


def asks_for_details(question: str, lang: str) -> bool:
    """The question asks for her details (name, number, ticket number, where to reach her), not about the problem."""
    pattern = _patterns("details_question", lang)
    return bool(pattern and pattern.search(standard(question, lang)))


@lru_cache(maxsize=None)
def function_words(lang: str) -> frozenset[str]:
    """Words that carry no content ("nicht", "eigentlich", "that"): sharing them restates nothing."""
    data = _data()
    words = (data.get("function_words") or {}).get(lang) or (data.get("function_words") or {}).get("en") or []
    return frozenset(str(w).lower() for w in words)


def states_cause(text: str, lang: str) -> bool:
    """The words say what caused it ("…, deshalb das Kreuz", "the cable had come loose", "that's why …")."""
    pattern = _patterns("states_cause", lang)
    return bool(pattern and pattern.search(standard(text, lang)))


def others_act(sentence: str, lang: str) -> bool:
    """The sentence says what someone else will do (the technician, the team, "we"), not what she should do now."""
    pattern = _patterns("others_act", lang)
    return bool(pattern and pattern.search(standard(sentence, lang).strip()))


def names_situation(text: str, lang: str) -> bool:
    """The words name what went wrong or her situation ("sorry you waited all morning", "das ist ärgerlich"); a
    feeling waved off ("kein Stress", "no worries": wording ``empathy_waved_off``) names none."""
    pattern, waved = _patterns("empathy_named", lang), _patterns("empathy_waved_off", lang)
    text = standard(text, lang)
    return bool(pattern and pattern.search(waved.sub(" ", text) if waved else text))


def hedges_the_past(sentence: str, lang: str) -> bool:
    """The sentence's only vague word is a hedge, and it looks nowhere ahead ("… had been turned off, probably knocked
    by accident"): a guess about what happened, no vague promise (``promise_ahead``)."""
    text = sentence or ""
    hedge, ahead = _patterns("vague_hedge", lang), _patterns("promise_ahead", lang)
    others = any((p := _patterns(k, lang)) is not None and p.search(text) for k in ("vague_time", "vague_promise"))
    return bool(hedge and hedge.search(text)) and not others and not (ahead and ahead.search(text))


def vague_when(sentence: str, lang: str) -> bool:
    """Only the sentence's time is vague ("I'll send you a confirmation later"): a vague time and no number, but no hope
    and no missing actor ("die melden sich zeitnah" leaves who open too)."""
    text = sentence or ""
    found = [(p := _patterns(k, lang)) is not None and bool(p.search(text))
             for k in ("vague_time", "vague_hedge", "vague_promise")]
    return not _clocked(text, lang) and found == [True, False, False]


def names_consequence(text: str, lang: str) -> bool:
    """The line says what goes wrong otherwise ("sonst …", "if I guess wrong, …"): a reason (wording ``consequence``)."""
    pattern = _patterns("consequence", lang)
    return bool(pattern and pattern.search(standard(text, lang)))


def hedges_commitment(text: str, lang: str) -> bool:
    """The line hedges what it commits to ("probably", "vermutlich"; wording ``commitment_hedge``)."""
    pattern = _patterns("commitment_hedge", lang)
    return bool(pattern and pattern.search(text or ""))


def excuses(text: str, lang: str) -> bool:
    """The line waves the failure off as nobody's doing ("these things happen", "da kann man nichts machen") – not
    where it tells her she did nothing wrong ("you haven't done anything wrong, these things happen" reassures her;
    round 16, EN jargon-averse), ``excuse_for_her``."""
    pattern, hers = _patterns("excuse", lang), _patterns("excuse_for_her", lang)
    line = standard(text, lang)
    return bool(pattern and pattern.search(line)) and not (hers and hers.search(line))


def recap_marker(sentence: str, lang: str) -> bool:
    """The sentence opens as a recap does ("So …", "Okay, …", "Also …", "Zusammengefasst: …", "If I understand you
    correctly, …"): with the call's words after it, it says back what was said (``scoring/recap.py``)."""
    pattern = _patterns("recap_marker", lang)
    return bool(pattern and pattern.search(standard(sentence, lang).strip()))


def result_only(word: str, lang: str) -> bool:
    """The content word only says how things stand now ("working", "läuft", "fine"): a recap of that alone names
    neither cause nor agreement ("Ok so it is working now.")."""
    pattern = _patterns("recap_result_only", lang)
    return bool(pattern and pattern.fullmatch(word))


def hedges_request(sentence: str, lang: str) -> bool:
    """The request hedges what it asks for ("could you maybe send us something in writing somehow", "schicken Sie uns
    irgendwie was"): no clear, short instruction (wording ``request_hedge``)."""
    pattern = _patterns("request_hedge", lang)
    return bool(pattern and pattern.search(sentence or ""))

