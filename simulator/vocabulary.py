"""The product's closed vocabularies, defined once: acts, rubric dimensions, languages, outcome reasons, speakers, modes.

Every other module imports these names from here instead of repeating the
tuples. Standard library only and no file is read at import, so anything –
``simulator --help``, the scenario validator, the window – may import it for
free. What a user *reads* for each name (a dimension's label, a reason's
wording) lives in the string catalogue, :mod:`simulator.strings`, under the
keys given by :func:`dimension_key` and :func:`reason_key`.
"""

from __future__ import annotations

ACTS: tuple[str, ...] = (
    "greeting",
    "open_question",
    "closed_question",
    "active_listening",
    "empathy",
    "reassurance",
    "summary",
    "transparency",
    "time_commitment",
    "admit_unknown",
    "jargon",
    "rude",
    "callback",
    "instruction",
    "closing",
)
"""Communicative acts the analyser recognises in a trainee's line, in the canonical order of ``Analysis.acts``."""

ACT_DESCRIPTIONS: dict[str, str] = {
    "greeting": "opens the call: greets and/or names self, team or company",
    "open_question": "invites the customer to describe in their own words (W-questions, 'tell me')",
    "closed_question": "answerable with yes/no or by choosing among given options",
    "active_listening": "a back-channel acknowledging what was said (mhm, verstehe, got it)",
    "empathy": "names or acknowledges the customer's feelings or situation; sincere apology",
    "reassurance": "assures the problem will be handled or affirms the customer",
    "summary": "restates or paraphrases what the customer said or what was done",
    "transparency": "tells what the agent is doing, will do next, has found, or why",
    "time_commitment": "a concrete time or duration for the next step or resolution",
    "admit_unknown": "honestly says they do not know or are not sure",
    "jargon": "a technical term the customer would not know, left unexplained",
    "rude": "disrespectful, condescending, blaming, sarcastic or dismissive",
    "callback": "asks for or confirms name, callback number, how to reach the customer",
    "instruction": "asks the customer to do a concrete action now",
    "closing": "closes the call: anything else, thanks, goodbye",
}
"""One line per act (English, for developers and scenario authors; not shown to trainees)."""

DIMENSIONS: tuple[str, ...] = (
    "empathy", "questioning", "summarising", "checklist", "clarity", "transparency", "courtesy", "outcome",
)
"""The rubric's dimensions, in display order (labels: catalogue key ``dimension.<name>``)."""

LANGUAGES: tuple[str, ...] = ("de", "en")
"""Languages the product supports: scenarios, the analyser's phrase data and the string catalogue."""

FALLBACK_LANGUAGE = "en"
"""The language a missing catalogue string is taken from."""

REASONS: tuple[str, ...] = ("solved", "hangup", "turn_limit", "line_dropped", "script_end", "interrupted", "quit")
"""Why a call ended (``Outcome.reason``; labels: catalogue key ``reason.<reason>``)."""

SPEAKERS: tuple[str, ...] = ("customer", "trainee")
"""Who speaks a transcript line (``Turn.speaker``; labels: catalogue key ``speaker.<speaker>``)."""

MODES: tuple[str, ...] = ("practice", "exam", "seminar")
"""How a session was run (stored with every session)."""


def dimension_key(name: str) -> str:
    """The catalogue key of a dimension's label, e.g. ``dimension.empathy``."""
    return f"dimension.{name}"


def reason_key(reason: str) -> str:
    """The catalogue key of an outcome reason's label, e.g. ``reason.hangup``."""
    return f"reason.{reason}"


def speaker_key(speaker: str) -> str:
    """The catalogue key of a speaker's label, e.g. ``speaker.customer``."""
    return f"speaker.{speaker}"
