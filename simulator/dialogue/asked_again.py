"""What the customer says when the trainee asks for what she has already said, ruled out or asked not to be asked.

A caller who opens with "I'm an admin myself, skip the standard questions" and is asked "have you restarted the
computer?" is irritated ("Yes – I said so."), not helpful ("Shall I go through it from the start?"). The scenario's
``already_said`` entries name these things; the debrief debits the same lines (``scoring/asked_again.py``). A line
that says why it asks anyway ("I know, but …", "weil …") or sums up what she said asks nothing again.
"""

from __future__ import annotations

from functools import lru_cache

from simulator.analysis.result import Analysis
from simulator.dialogue.events import Revealed, details
from simulator.dialogue.lines import customer_lines
from simulator.dialogue.phrases import StepPhrases, step_phrases
from simulator.dialogue.planner import choose
from simulator.dialogue.reading import SENTENCE_END, gives_reason, without_besides

ASKING_ACTS = ("open_question", "closed_question", "instruction")
"""Acts of a line that asks her for something (a question, or a request to check)."""
ASKED_AGAIN_MOOD = 5
"""What being asked again for what she said costs her mood."""


@lru_cache(maxsize=256)
def _matcher(phrases: tuple[str, ...], lang: str) -> StepPhrases:
    return step_phrases(phrases, lang)


def names_it(phrases, sentence: str, lang: str) -> bool:
    """*sentence* holds an ``already_said`` entry's *phrases* (one matcher per entry and language, built once): the
    customer's reading and the debrief's (``scoring/asked_again.py``) are the same."""
    sentence = without_besides(sentence, lang)  # "Besides the reboot, what else …?" asks for something else
    analysis = Analysis(text=sentence, lang=lang, tokens=(), acts=(), evidence=(), is_noise=False)
    return _matcher(tuple(phrases), lang).search(analysis) is not None


def _asking(text: str, acts: tuple[str, ...]) -> list[str]:
    """The sentences of *text* that ask: those with a question mark; all of it for speech with none that asks acts."""
    sentences = [s for s in SENTENCE_END.split(text) if s.strip()]
    marked = [s for s in sentences if s.rstrip().endswith("?")]
    return marked or ([text] if any(a in acts for a in ASKING_ACTS) else [])


def asks_again(scenario, state, text: str, acts: tuple[str, ...], lang: str, whole: str = "") -> str:
    """The id of the ``already_said`` entry the line asks for again (said in her opening, or once its fact is out),
    with no reason and not as a recap; '' when it asks for nothing she said. *text* is what she heard of the line;
    a reason anywhere in the *whole* line counts ("… Sometimes the switch gets knocked by a foot" after the request –
    round 24: 'Yes, I have – I just told you that' before she found the strip off)."""
    if (not scenario.already_said or "summary" in acts or "transparency" in acts or gives_reason(text, lang)
            or gives_reason(whole, lang)):
        return ""
    asking = _asking(text, acts)
    revealed = {f for t in state.trainee_turns for f in details(t.events, Revealed)}
    for said in scenario.already_said:
        phrases = said.asks.get(lang)
        if not phrases or not (said.since == "opening" or said.since in revealed):
            continue
        if any(names_it(phrases, s, lang) for s in asking):
            return said.id
    return ""


def asked_again_line(speech, scenario, state, said: str, turn_no: int) -> str:
    """Her irritation at being asked again: the persona's ``asked_again`` filler, else a general line."""
    text = scenario.fillers.get("asked_again")
    return ((speech.say(text, state, "asked_again", said, optional=True) if text else "")
            or choose(customer_lines(state.lang, "asked_again"), f"{state.seed}:{turn_no}:again", said, optional=False))
