"""The vocabulary of communicative acts the analyser recognises in a trainee's line."""

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
"""Every act, in the canonical order used for :attr:`Analysis.acts`."""

DESCRIPTIONS: dict[str, str] = {
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
"""One line per act, for reports and documentation."""
