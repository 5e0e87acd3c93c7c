"""Typed, immutable model of a scenario file (format version 1).

Every model built from YAML keeps its :class:`~simulator.errors.SourceLocation`
so that later checks and debriefs can point back into the file.
Texts that exist per language are :class:`Text` (a mapping language -> str, or
a tuple of variants chosen deterministically by the engine).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from simulator.errors import SourceLocation
from simulator.vocabulary import LANGUAGES

NOWHERE = SourceLocation("<built-in>")


@dataclass(frozen=True, slots=True)
class Text:
    """A text in several languages, each with one or more variants."""

    variants: dict[str, tuple[str, ...]]
    """Language code -> alternative phrasings (at least one each)."""
    location: SourceLocation = NOWHERE
    """Where the text stands in the scenario file."""

    def get(self, lang: str, pick: int = 0) -> str:
        """The variant number ``pick`` (wrapping around) in ``lang``; '' when absent."""
        options = self.variants.get(lang) or ()
        if not options:
            return ""
        return options[pick % len(options)]

    def all(self, lang: str) -> tuple[str, ...]:
        """Every variant in ``lang``."""
        return self.variants.get(lang, ())

    def __bool__(self) -> bool:
        return any(self.variants.values())


EMPTY_TEXT = Text({})


@dataclass(frozen=True, slots=True)
class Phrases:
    """How a diagnostic step (or insistence) is recognised in each language.

    Each phrase is a list of words that must all occur in the trainee's line
    (any order); a word matches the start of a word in the line (``stecker``
    matches ``steckers``) and, in German, a part of a compound
    (``leiste`` matches ``steckdosenleiste``). ``a|b`` inside a phrase means
    either word.
    """

    by_lang: dict[str, tuple[str, ...]]
    """Language code -> alternative phrases."""
    location: SourceLocation = NOWHERE
    """Where the phrases stand in the file."""

    def get(self, lang: str) -> tuple[str, ...]:
        return self.by_lang.get(lang, ())


EMPTY_PHRASES = Phrases({})


@dataclass(frozen=True, slots=True)
class VoiceSettings:
    """How the persona's voice sounds in one language (espeak-ng terms)."""

    variant: str = "f3"
    """espeak-ng variant: m1..m7 (male), f1..f5 (female)."""
    rate: int = 165
    """Words per minute."""
    pitch: int = 50
    """0..99, espeak-ng pitch."""
    location: SourceLocation = NOWHERE
    """Where the settings stand in the file."""


@dataclass(frozen=True, slots=True)
class LineSettings:
    """The telephone line between customer and agent, as heard by the trainee."""

    kind: str = "landline"
    """landline | office | mobile: a label for the UI (signal indicator)."""
    band_limit: bool = True
    """Telephone band 300-3400 Hz."""
    companding: bool = True
    """Codec-like mu-law companding."""
    dropout_rate: float = 0.0
    """Expected dropouts per second of speech (0 = none)."""
    dropout_ms: int = 300
    """Mean length of one dropout burst in milliseconds."""
    noise_snr_db: float | None = None
    """Background noise at this signal-to-noise ratio; None = no noise."""
    noise: str = "pink"
    """Kind of background noise: pink | babble | train."""
    location: SourceLocation = NOWHERE
    """Where the settings stand in the file."""


AGENT_FIELDS = ("name", "role", "company")
"""Persona fields an agent may know before the caller says them (``persona.known_to_agent``)."""


@dataclass(frozen=True, slots=True)
class Persona:
    """Who the customer is."""

    name: Text
    """The customer's name, per language."""
    role: Text
    """Job or role."""
    company: Text
    """Organisation or department."""
    tech_level: str
    """low | medium | high: how much technical language the persona understands."""
    traits: Text
    """Character traits (each variant one trait), shown on the persona card."""
    speech_style: Text
    """How the persona talks, for authors and the persona card."""
    voice: dict[str, VoiceSettings]
    """Language -> voice settings."""
    location: SourceLocation = NOWHERE
    """Where the persona stands in the file."""
    known_to_agent: tuple[str, ...] = AGENT_FIELDS
    """Which of name, role, company the agent knows before the caller says them (shown on the persona card).

    Default when the file does not say: every field the caller reveals in a checklist step's fact is hidden."""

    def known(self, lang: str, heard: str = "") -> dict[str, str]:
        """Field -> value the agent's card shows: what the agent knew before, and what the caller has said (``heard``).

        A field counts as said when most of its words (of three letters or more) occur in ``heard``.
        """
        heard = heard.lower()
        out = {}
        for f in AGENT_FIELDS:
            value = getattr(self, f).get(lang)
            words = [w for w in re.findall(r"\w{3,}", value.lower())] if value else []
            said = bool(words) and sum(w in heard for w in words) * 2 >= len(words)
            if value and (f in self.known_to_agent or said):
                out[f] = value
        return out


@dataclass(frozen=True, slots=True)
class Situation:
    """The call's situation in TMP terms (Technik, Mensch, Prozess)."""

    technical: Text
    """Technik: the technical problem as the agent would first hear it."""
    human: Text
    """Mensch: the human's needs and mood."""
    process: Text
    """Prozess: context, urgency, business impact, constraints."""
    urgency: str
    """low | medium | high."""
    briefing: Text
    """What a real agent would know before picking up (persona card)."""
    location: SourceLocation = NOWHERE
    """Where the situation stands in the file."""


@dataclass(frozen=True, slots=True)
class Fact:
    """A hidden fact, revealed only by the right diagnostic step."""

    id: str
    """Identifier, referenced by steps and end conditions."""
    text: Text
    """The fact as the debrief states it."""
    location: SourceLocation = NOWHERE
    """Where the fact stands in the file."""
    asked: Phrases = EMPTY_PHRASES
    """Words of a yes/no question that asks for what she knows of this fact ("any lights on the printer?"): no step
    answers it, so she answers with ``answer`` – briefly, then steers as before. Only for what she knows without
    doing anything (not what a check reveals)."""
    answer: Text = EMPTY_TEXT
    """Her brief answer, in her words, to such a question."""


@dataclass(frozen=True, slots=True)
class Pushback:
    """The customer resists a step ("of course it's plugged in!") until insisted on politely."""

    reply: Text
    """What the customer says the first time(s) the step is asked for."""
    yields_to: tuple[str, ...]
    """Acts of which at least one must accompany the renewed request (e.g. transparency, empathy)."""
    insist: Phrases
    """Extra phrases that count as asking again ("trotzdem", "just to be sure")."""
    yield_reply: Text
    """What the customer says when giving in (before the step's own reply)."""
    gives_in_after: int = 2
    """After this many refusals the customer gives in grudgingly even without a reason (0 = never: she yields only to reasons)."""
    at_once: bool = True
    """A first request that already carries a reason (one of ``yields_to``) is accepted without push-back."""
    persuaded_by: Phrases = EMPTY_PHRASES
    """Phrases that answer her doubt in its own terms ("kein Rechner nötig", "a handwritten note is enough"): a line
    with one counts as a reason, like an act of ``yields_to``."""
    unless_steps: tuple[str, ...] = ()
    """Once all these steps are done she no longer resists: what she objected to has been answered (the diva
    will not tell her story a third time – after the agent has summarised her ticket, a focused question is fine)."""
    location: SourceLocation = NOWHERE
    """Where the push-back stands in the file."""


@dataclass(frozen=True, slots=True)
class Objection:
    """A way of doing a step that cannot work for her ("email it to me" while his e-mail is down)."""

    phrases: Phrases
    """The unworkable way in the trainee's words ("mail|email send|it"): a line with one does not take the step."""
    unless: Phrases
    """Phrases of a workable way in the same line ("WhatsApp", "text message"): then there is nothing to object to."""
    reply: Text
    """What she says instead ("By e-mail? My e-mail is exactly what isn't working!")."""
    location: SourceLocation = NOWHERE
    """Where the objection stands in the file."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the diagnostic checklist."""

    id: str
    """Identifier."""
    title: Text
    """Short name shown in the checklist panel and debrief."""
    essential: bool
    """Essential steps count double in the checklist score (what solves the call is end.solved_when)."""
    recognise: Phrases
    """Phrases that recognise the step in a trainee line."""
    acts: tuple[str, ...]
    """Alternatively (or additionally) a communication act that fulfils the step, e.g. callback."""
    requires: tuple[str, ...]
    """Steps that must be done before this one can be recognised; an entry "a|b" needs either ("ticket|recap_known")."""
    reply: Text
    """The customer's answer when the step is taken."""
    reveals: tuple[str, ...]
    """Facts revealed by the step."""
    pushback: Pushback | None
    """Optional resistance before the step is accepted."""
    location: SourceLocation = NOWHERE
    """Where the step stands in the file."""
    examples: Phrases = EMPTY_PHRASES
    """Example trainee lines per language that take the step (besides its phrases): a line close enough to them counts."""
    early: Text = EMPTY_TEXT
    """What she says when the step is asked for before its ``requires`` are done: in character, what is missing."""
    asks: bool = False
    """The step finds something out from her (her deadline): its phrases and examples count only where a line asks."""
    objections: tuple[Objection, ...] = ()
    """Ways of doing the step that cannot work for her, or words that only sound like it ("sorry for the inconvenience"
    for a sincere apology): such a line does not take it, she says why; the first that applies answers."""
    tells: bool = False
    """The step tells her something (what the ticket shows): a line takes it by its phrases or examples only in the
    sentences that state ("Darf ich kurz ins Ticket schauen?" announces a look and discloses nothing)."""
    on_request: bool = False
    """She does it only when asked to (switching the strip on once she has found it off): a line takes it by its phrases
    only in a sentence that asks her to act ("…, and if it's off, switch it on"), not one that describes."""
    before: tuple[str, ...] = ()
    """Steps it should come before ("name and number first"): taken after one of them, it earns half the credit."""
    again: bool = False
    """Asked again right after her ``early`` answer, she answers it all the same, in her words (the rambler asked twice
    what the message said); without it she stays with what is missing (the diva: "look into the ticket first")."""

    @property
    def needs(self) -> tuple[str, ...]:
        """Every step named in :attr:`requires`, alternatives included."""
        return tuple(x for r in self.requires for x in r.split("|"))

    def unmet(self, done) -> tuple[str, ...]:
        """The entries of :attr:`requires` none of whose steps is in ``done`` (empty: the step is open)."""
        return tuple(r for r in self.requires if not any(x in done for x in r.split("|")))

    @property
    def objection(self) -> Objection | None:
        """The first of :attr:`objections`, or None."""
        return self.objections[0] if self.objections else None


@dataclass(frozen=True, slots=True)
class ConversationLine:
    """One trainee line of an example conversation and what the engine should do with it."""

    say: str
    """What the trainee says."""
    steps: tuple[str, ...] | None
    """The steps taken in this turn, exactly (None: not checked)."""
    events: tuple[str, ...]
    """Events that must occur in this turn, as ``kind:detail`` (``pushback:check_plug``) or ``kind``."""
    acts: tuple[str, ...]
    """Acts that must be recognised in the line (at least these)."""
    location: SourceLocation = NOWHERE
    """Where the line stands in the file."""
    steps_location: SourceLocation = NOWHERE
    """Where its ``steps:`` expectation stands (mismatches are reported there)."""
    events_location: SourceLocation = NOWHERE
    """Where its ``events:`` expectation stands."""
    acts_location: SourceLocation = NOWHERE
    """Where its ``acts:`` expectation stands."""


@dataclass(frozen=True, slots=True)
class Conversation:
    """An example conversation: trainee lines played through the engine by ``simulator validate``."""

    id: str
    """Identifier, unique in the scenario."""
    lang: str
    """Language of the lines."""
    seed: int
    """Seed of the call."""
    lines: tuple[ConversationLine, ...]
    """The trainee lines, in order."""
    location: SourceLocation = NOWHERE
    """Where the conversation stands in the file."""


@dataclass(frozen=True, slots=True)
class Reaction:
    """How the persona reacts to one communication act."""

    act: str
    """The act (see the analyser's vocabulary)."""
    mood: float
    """Change of mood (-100..100 scale) when the act occurs."""
    patience: float
    """Change of patience (turns)."""
    trust: float
    """Change of trust (0..100 scale)."""
    reply: Text
    """What the customer says in reaction (optional; prefixed to other answers)."""
    repeat_decay: float
    """Each repetition multiplies the effect by this factor (0..1); stops empty phrases working forever."""
    location: SourceLocation = NOWHERE
    """Where the reaction stands in the file."""


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happens during the call regardless of the trainee: a provocation, a dropped line."""

    id: str
    """Identifier."""
    kind: str
    """say | temptation | line_drop."""
    at_turn: int | None
    """Trainee turn after which the event fires (1-based), or None."""
    after_step: str | None
    """Step after which the event fires, or None."""
    line: Text
    """What the customer says (appended to the reply), or the text of the drop."""
    unless_steps: tuple[str, ...]
    """line_drop only: if these steps are done, the call survives (the customer calls back)."""
    saved_line: Text
    """line_drop only: what the customer says when the call is saved."""
    location: SourceLocation = NOWHERE
    """Where the event stands in the file."""
    unless_said: Phrases = EMPTY_PHRASES
    """say/temptation: the event is moot once a trainee line has matched one of these phrases before it is said
    (the trainee already ruled out the solar-storm theory: he does not bring it up after that)."""
    requires: tuple[str, ...] = ()
    """say/temptation: the event waits (from ``at_turn`` on) until all these steps are done – she asks for "a day and
    a time" only once she has had her apology, never right before "first I'd like to hear you're sorry"."""


@dataclass(frozen=True, slots=True)
class AlreadySaid:
    """Something the customer has told or ruled out already, or asked not to be asked ("skip the standard questions",
    "before you ask: I checked the plug"): a trainee line that asks for it again, with no reason, did not listen. The
    engine does not read it; the debrief debits such a line (scoring/asked_again.py)."""

    id: str
    """Identifier."""
    since: str
    """``opening`` (she says it when she opens the call) or a fact id (she has said it once that fact is revealed)."""
    asks: Phrases
    """Words of a question or request that asks for it again ("restart|reboot", "plug")."""
    location: SourceLocation = NOWHERE
    """Where the entry stands in the file."""


@dataclass(frozen=True, slots=True)
class MoodModel:
    """Mood and patience parameters."""

    start: float
    """Starting mood, -100 (furious) .. 100 (delighted)."""
    patience: float
    """Patience in turns: unproductive turns use it up; at 0 the customer hangs up."""
    hangup_below: float
    """The customer hangs up when mood falls below this."""
    trust_start: float
    """Starting trust 0..100."""
    drift: float
    """Mood change per turn in which nothing useful happens (usually negative)."""
    progress_mood: float
    """Mood change when a checklist step is taken."""
    max_words: int
    """Turns longer than this many words count as rambling (0 = no limit)."""
    ramble: Reaction | None
    """Reaction to a rambling turn: its cost, and ``reply`` – what she says when the long line gave her nothing to
    answer (no step taken from it, or the line was lost)."""
    location: SourceLocation = NOWHERE
    """Where the parameters stand in the file."""
    ramble_heard: Text = EMPTY_TEXT
    """``mood.ramble.heard``: what she says about the length when she still takes in what the line said – a complaint
    that asks for nothing she was just told, since her answers to the line's steps follow in the same breath."""
    ramble_lost: bool = False
    """``mood.ramble.lost``: a long line is lost (a bad mobile line: "I only caught half"), she takes no step from it.
    False: she complains about the length and still takes in what was said, as a trainer still counts it."""


@dataclass(frozen=True, slots=True)
class EndConditions:
    """When the call ends."""

    solved_when: tuple[str, ...]
    """Steps (all of them) that solve the call."""
    max_turns: int
    """Turn limit (trainee turns)."""
    solved: Text
    """What the customer says when the problem is solved."""
    hangup: Text
    """What the customer says when hanging up in anger."""
    turn_limit: Text
    """What the customer says when the turn limit is reached."""
    location: SourceLocation = NOWHERE
    """Where the end conditions stand in the file."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """A complete scenario: persona, situation, checklist, reactions, end."""

    id: str
    """Fixed identifier (file name without .yaml)."""
    version: int
    """Format version (1)."""
    title: Text
    """Title per language."""
    languages: tuple[str, ...]
    """Languages the scenario is written in."""
    persona: Persona
    """Who calls."""
    situation: Situation
    """TMP situation."""
    line: LineSettings
    """The telephone line."""
    opening: Text
    """The customer's first line."""
    facts: tuple[Fact, ...]
    """Hidden facts."""
    steps: tuple[Step, ...]
    """Diagnostic checklist, in the recommended order."""
    reactions: dict[str, Reaction]
    """Act -> reaction."""
    events: tuple[Event, ...]
    """Scripted events."""
    mood: MoodModel
    """Mood and patience."""
    end: EndConditions
    """End conditions."""
    fillers: dict[str, Text]
    """Generic customer lines by situation: neutral, confused, annoyed, noise (silence/garbage)."""
    scoring: dict[str, float]
    """Rubric dimension -> weight (0 = not applicable); empty = defaults."""
    jargon: Phrases = EMPTY_PHRASES
    """Extra terms this persona does not understand (besides the analyser's jargon lexicon), e.g. router, WLAN."""
    conversations: tuple[Conversation, ...] = ()
    """Example conversations that ``simulator validate`` plays through the engine."""
    already_said: tuple[AlreadySaid, ...] = ()
    """What she has told, ruled out or asked not to be asked: asking it again is debited (not read by the engine)."""
    path: str = ""
    """The file the scenario was loaded from."""
    content_hash: str = ""
    """sha256 of the file's bytes, for storage."""
    location: SourceLocation = NOWHERE
    """Start of the document."""

    def default_known(self) -> tuple[str, ...]:
        """The persona fields an agent knows when the file does not say: those no step's revealed fact names."""
        revealed = {f for s in self.steps for f in s.reveals}
        texts = [t.lower() for fact in self.facts if fact.id in revealed
                 for lang in self.languages for t in fact.text.all(lang)]
        return tuple(f for f in AGENT_FIELDS
                     if not any(v and v.lower() in t for lang in self.languages
                                for v in getattr(self.persona, f).all(lang) for t in texts))

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)
