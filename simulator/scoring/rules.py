"""The numbers of the rubric, documented in ``docs/scoring.md``: bases, points, caps and windows.

Kept apart from the rules that use them so a reader (or a scenario author
tuning a persona) sees every number in one place.
"""

from __future__ import annotations

QUOTE_CHARS = 140
"""Longest quote kept in an evidence item."""
MIN_SPAN_WORDS = 3
"""An evidence span shorter than this is quoted with its whole line, so the quote makes sense alone."""

# -- the numbers of the rubric (documented in docs/scoring.md) --------------
EMPATHY_BASE = 50.0
"""With emotional cues: base; the cues together are worth +-50."""
EMPATHY_CALM_BASE = 70.0
"""Without emotional cues: base; each (distinct) show of understanding adds EMPATHY_CALM_BONUS, twice at most."""
EMPATHY_CALM_BONUS = 15.0
CUE_OPENING_STRONG = 25.0
"""Weight of the opening cue when the customer starts angry (mood <= -40) or the urgency is high."""
CUE_OPENING_MILD = 12.0
"""... when the customer starts annoyed (mood <= -15) or the urgency is medium."""
CUE_TEMPTATION = 20.0
CUE_PUSHBACK = 12.0
CUE_MOOD_DROP = 15.0
OPENING_WINDOW = 3
"""The opening cue may be answered in any of the first three real turns."""
OPENING_PROMPT = 1
"""The opening cue is answered "at once" in the trainee's first real reply after she opened (one more on a bad line
where that reply took the callback number); later in its window it earns LATE_OPENING_SHARE of its weight, said so
(round 11, DE 5: "nee nee alles gut" in turn 4 was labelled as answering her stress "from the start")."""
LATE_OPENING_SHARE = 0.5
STOCK_EMPATHY_SHARE = 0.5
"""A moment that called for understanding, answered by a stock phrase that names nothing – neither what went wrong nor
her situation ("Oh, I'm sorry about that."; ``lines.stock_empathy``): this share of its weight, said so (round 13)."""
CUE_WINDOW = 2
"""Any other cue: in the next real turn or the one after."""
MOOD_DROP = 10.0
"""A fall of the customer's mood by at least this much in one turn is a cue."""
SAME_PHRASE_LIMIT = 2
"""The same understanding phrase earns credit this many times at most."""
SAME_PHRASE_SIMILARITY = 80.0
"""rapidfuzz ratio from which two phrases count as the same."""
REPEAT_PENALTY = 5.0
REPEAT_PENALTY_CAP = 20.0

QUESTIONING_BASE = 50.0
OPEN_FIRST, OPEN_LATE, NO_OPEN = 30.0, 10.0, -30.0
OPEN_FIRST_WITHIN = 3
"""The open question counts as 'first' when it comes before any closed question and within this many turns."""
NARROWING, NO_NARROWING = 10.0, -10.0
LISTENING = (10.0, 5.0)
NO_LISTENING = -10.0
BARRAGE_RUN, BARRAGE_PENALTY, BARRAGE_CAP = 3, 10.0, 20.0
ASKED_AGAIN, ASKED_AGAIN_CAP = 15.0, 30.0
"""Asking again what she has already said, ruled out or asked not to be asked (scenario ``already_said``): a line
that did not listen – debited per line, up to the cap."""

SUMMARY_BASE = 50.0
SUMMARY_POINTS = 25.0
PARAPHRASE_POINTS = 10.0
PROPOSAL_ACTS = ("instruction", "transparency", "time_commitment", "admit_unknown", "callback", "summary")
"""Acts by which a line proposes a way forward. A solving step taken on a line that only asked (a question, none of
these acts), together with the step it requires, was her own doing: no summary was due before it."""

CHECKLIST_BASE = 50.0
"""Steps together are worth +-50 (essential ones count double)."""
OUT_OF_ORDER = 5.0
BLUNT_INSIST, BLUNT_INSIST_CAP = 5.0, 15.0

CLARITY_BASE = 80.0
JARGON_PENALTY = {"low": 25.0, "medium": 12.0, "high": 0.0}
"""Per persona tech level: an expert understands the terms, so jargon costs nothing there."""
JARGON_EXTRA_SHARE, JARGON_EXTRA_TERMS = 0.5, 3
"""Each further unexplained term in one line costs half the penalty again, for up to three more terms (round 12, DE 30:
seven terms in one line cost as much as one)."""
CLEAR_INSTRUCTION, CLEAR_INSTRUCTION_CAP = 10.0, 20.0
INSTRUCTION_WORDS = 30
LONG_INSTRUCTION = 5.0
RAMBLE_PENALTY = 10.0
NOTHING_EXPLAINED = 60.0
"""Clarity's base presumes lines that explained or instructed: a call abandoned after the greeting (the trainee said
nothing more; round 11, EN 4: 34/100) has that presumption taken back, said so."""
EXPLAINING_ACTS = ("instruction", "transparency", "summary", "time_commitment", "admit_unknown")
"""Acts by which a line explains something or says what to do: a greeting that already did is judged as usual."""

TRANSPARENCY_BASE = 40.0
TRANSPARENCY_STEPS = (25.0, 15.0, 10.0)
NO_TRANSPARENCY = -15.0
TIME_FRAME = (15.0, 5.0)
VAGUE_PROMISE = 5.0
"""A vague promise ("die melden sich zeitnah", "someone should get in touch"): once, instead of the transparency or
time-frame credit (`vague_promise` in scoring/data/wording.yaml)."""
ADMIT_UNKNOWN, ADMIT_UNKNOWN_BARE = 15.0, 5.0
BRIEF_SUMMARY_WORDS = 8
"""A summary sentence shorter than this ("So it was the strip.") earns half the summary points."""
SUMMARY_MIN_RESTATED = 1
"""A summary takes up what the call already said: a line the analyser read as one that restates fewer of the call's
content words (hers, the ticket's and the agent's earlier ones) is no summary – a jargon diagnosis, a reaction, a
request for her details (round 11). One word is enough ("so no light and no sound at all")."""
SUMMARY_HERS, SUMMARY_HERS_FULL = 1, 4
"""A summary before the solution (and "repeated back what she said") takes up what *she* told (or the ticket on screen
says): at least the first number of those content words, else it is a reaction or a guess ("yeah it's probably
included", round 11 EN 38). Read by the learned head alone (its evidence is the whole line, no "so …" marker), fewer
than the second number is a brief echo, worth half ("frustrating this morning, I hear you on the plug", EN 3)."""
STEM_LETTERS, STEM_ENDING = 5, 3
"""Words of at least this many letters are one word with an ending of at most this many letters ("lights" takes up
"light", "statements" "statement"; "unterbrechen" is not "unter")."""
GUESS, GUESS_CAP = 15.0, 30.0
"""A confident guess where an honest "I don't know yet" was due (scenarios with such a step), at most twice."""

COURTESY_BASE = 60.0
GREETING, NO_GREETING = 15.0, -10.0
GREETING_BARE = 5.0
"""A greeting without name, team or company."""
GREETING_TEAM = 10.0
"""A greeting that names the team or company but not the agent."""
GREETING_UNSPOKEN = 10.0
"""The agent's name (and team) without any greeting word ("Support, Schmidt."): an introduction that greets nobody."""
CLOSING, NO_CLOSING = 15.0, -10.0
CLOSING_BARE = 5.0
"""A bare 'bye' without an offer, thanks or good wishes."""
PREMATURE_CLOSE, PREMATURE_CLOSE_CAP = 10.0, 20.0
RUDE = 30.0
CALM, CALM_CAP = 10.0, 20.0
RESPONDING_ACTS = ("empathy", "reassurance", "transparency", "admit_unknown", "summary", "time_commitment", "callback")
"""Acts by which a line takes up what she just said; a line with none of them (and no reason, no echo of her words, no
back-channel beyond a bare "okay") passes over a tricky moment: no "stayed calm and factual", and no reason in a later
line answers it (round 13)."""
CALLBACK_EARLY, CALLBACK_LATE, NO_CALLBACK = 15.0, 5.0, -15.0
CALLBACK_WITHIN = 3
"""On a bad line the callback number belongs in the first three real turns; a turn spent on it (at most one) does not
use up the window for answering the caller's opening with understanding."""

SOLVED_POINTS = 60.0
MOOD_LEVEL_POINTS = 20.0
"""Final mood -100..100 maps to 0..20."""
MOOD_CHANGE_CAP = 20.0
"""Change of mood since the start, capped to +-20, adds directly."""
