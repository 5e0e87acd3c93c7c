"""Build a :class:`Scenario` from the located YAML tree, collecting every problem of a file.

The builder never raises on bad input: each mistake becomes a
:class:`~simulator.errors.Problem` with ``path:line:col``; the caller
(:func:`simulator.scenario.loader.parse_scenario`) returns them all together.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from simulator.analysis.acts import ACTS
from simulator.errors import SourceLocation
from simulator.scenario.checks import cross_check
from simulator.scenario.examples import Spot, check_conversations, check_examples, example_spots, read_conversations
from simulator.scenario.fields import FieldReader, suggest
from simulator.scenario.model import (
    AGENT_FIELDS,
    LANGUAGES,
    AlreadySaid,
    EndConditions,
    Event,
    Fact,
    LineSettings,
    MoodModel,
    Objection,
    Persona,
    Pushback,
    Reaction,
    Scenario,
    Situation,
    Step,
    Text,
    VoiceSettings,
)
from simulator.scenario.source import Located

FORMAT_VERSION = 1
from simulator.vocabulary import DIMENSIONS  # the rubric dimensions a scenario may weight
FILLER_KINDS = ("neutral", "confused", "annoyed", "noise", "premature_close", "after_solved", "goodbye", "nudge", "offer",
                "question", "guess", "own_action", "still_broken", "fixed", "confirm", "vague_time", "retell", "her_job", "asked_again")
EVENT_KINDS = ("say", "temptation", "line_drop")
TECH_LEVELS = ("low", "medium", "high")
URGENCIES = ("low", "medium", "high")
LINE_KINDS = ("landline", "office", "mobile")
NOISE_KINDS = ("pink", "babble", "train")


class ScenarioBuilder(FieldReader):
    """Walks the located YAML tree of one file and records problems."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.example_spots: list[Spot] = []
        """Every step example read, with its place, for :func:`check_examples`."""

    # -- parts -----------------------------------------------------------
    def voice(self, node: Located | None) -> dict[str, VoiceSettings]:
        m = self.mapping(node, "persona.voice", LANGUAGES)
        out = {}
        for lang, child in m.items():
            if lang not in LANGUAGES:
                continue
            v = self.mapping(child, f"persona.voice.{lang}", ("variant", "rate", "pitch"))
            out[lang] = VoiceSettings(
                variant=self.string(v.get("variant"), "voice variant", "f3"),
                rate=self.integer(v.get("rate"), "voice rate", 165, 80, 400),
                pitch=self.integer(v.get("pitch"), "voice pitch", 50, 0, 99),
                location=child.location,
            )
        return out

    def persona(self, node: Located | None) -> Persona:
        keys = ("name", "role", "company", "tech_level", "traits", "speech_style", "voice", "known_to_agent")
        m = self.mapping(node, "persona", keys, ("name", "role", "tech_level"))
        known = None
        if "known_to_agent" in m:
            known = []
            for name, n in self.words(m["known_to_agent"], "persona.known_to_agent"):
                if name not in AGENT_FIELDS:
                    self.error(n, f"persona.known_to_agent: unknown field '{name}'{suggest(name, AGENT_FIELDS)}")
                elif name not in known:
                    known.append(name)
        self.known_to_agent = None if known is None else tuple(known)
        return Persona(
            name=self.text(m.get("name"), "persona.name"),
            role=self.text(m.get("role"), "persona.role"),
            company=self.text(m.get("company"), "persona.company"),
            tech_level=self.choice(m.get("tech_level"), "persona.tech_level", TECH_LEVELS, "low"),
            traits=self.text(m.get("traits"), "persona.traits"),
            speech_style=self.text(m.get("speech_style"), "persona.speech_style"),
            voice=self.voice(m.get("voice")),
            location=node.location if node else SourceLocation(self.path),
            known_to_agent=self.known_to_agent if self.known_to_agent is not None else AGENT_FIELDS,
        )

    def situation(self, node: Located | None) -> Situation:
        keys = ("briefing", "technical", "human", "process", "urgency")
        m = self.mapping(node, "situation", keys, ("technical", "human", "process"))
        return Situation(
            technical=self.text(m.get("technical"), "situation.technical"),
            human=self.text(m.get("human"), "situation.human"),
            process=self.text(m.get("process"), "situation.process"),
            urgency=self.choice(m.get("urgency"), "situation.urgency", URGENCIES, "medium"),
            briefing=self.text(m.get("briefing"), "situation.briefing"),
            location=node.location if node else SourceLocation(self.path),
        )

    def line(self, node: Located | None) -> LineSettings:
        keys = ("kind", "band_limit", "companding", "dropout_rate", "dropout_ms", "noise_snr_db", "noise")
        m = self.mapping(node, "line", keys)
        snr = m.get("noise_snr_db")
        return LineSettings(
            kind=self.choice(m.get("kind"), "line.kind", LINE_KINDS, "landline"),
            band_limit=self.flag(m.get("band_limit"), "line.band_limit", True),
            companding=self.flag(m.get("companding"), "line.companding", True),
            dropout_rate=self.number(m.get("dropout_rate"), "line.dropout_rate", 0.0, 0, 5),
            dropout_ms=self.integer(m.get("dropout_ms"), "line.dropout_ms", 300, 10, 5000),
            noise_snr_db=None if snr is None or snr.value is None else self.number(snr, "line.noise_snr_db", 20.0, -10, 80),
            noise=self.choice(m.get("noise"), "line.noise", NOISE_KINDS, "pink"),
            location=node.location if node else SourceLocation(self.path),
        )

    def reaction(self, act: str, node: Located, what: str, decay_default: float, more: tuple[str, ...] = ()) -> Reaction:
        """A reaction at ``node``; ``more``: further keys the caller reads itself (``mood.ramble``: heard, lost)."""
        m = self.mapping(node, what, ("mood", "patience", "trust", "reply", "repeat_decay", *more))
        return Reaction(
            act=act,
            mood=self.number(m.get("mood"), f"{what}.mood", 0.0, -100, 100),
            patience=self.number(m.get("patience"), f"{what}.patience", 0.0, -20, 20),
            trust=self.number(m.get("trust"), f"{what}.trust", 0.0, -100, 100),
            reply=self.text(m.get("reply"), f"{what}.reply"),
            repeat_decay=self.number(m.get("repeat_decay"), f"{what}.repeat_decay", decay_default, 0, 1),
            location=node.location,
        )

    def reactions(self, node: Located | None) -> dict[str, Reaction]:
        if node is None:
            return {}
        if not isinstance(node.value, dict):
            self.error(node, "reactions must map acts to reactions")
            return {}
        out = {}
        for act, child in node.value.items():
            if act not in ACTS:
                self.error(child.key_location or child, f"unknown act '{act}'{suggest(act, ACTS)}")
                continue
            negative = act in ("rude", "jargon")
            out[act] = self.reaction(act, child, f"reactions.{act}", 1.0 if negative else 0.5)
        return out

    def mood(self, node: Located | None) -> MoodModel:
        keys = ("start", "patience", "hangup_below", "trust_start", "drift", "progress", "max_words", "ramble")
        m = self.mapping(node, "mood", keys)
        ramble = m.get("ramble")
        extra = ramble.value if ramble is not None and isinstance(ramble.value, dict) else {}
        lost = self.flag(extra.get("lost"), "mood.ramble.lost", False)
        max_words = self.integer(m.get("max_words"), "mood.max_words", 0, 0, 1000)
        if lost and not max_words:
            self.error(extra["lost"], "mood.ramble.lost needs mood.max_words: without a limit no line is too long")
        return MoodModel(
            start=self.number(m.get("start"), "mood.start", 0.0, -100, 100),
            patience=self.number(m.get("patience"), "mood.patience", 6.0, 1, 50),
            hangup_below=self.number(m.get("hangup_below"), "mood.hangup_below", -80.0, -100, 100),
            trust_start=self.number(m.get("trust_start"), "mood.trust_start", 50.0, 0, 100),
            drift=self.number(m.get("drift"), "mood.drift", -3.0, -50, 50),
            progress_mood=self.number(m.get("progress"), "mood.progress", 5.0, -50, 50),
            max_words=max_words,
            ramble=self.reaction("ramble", ramble, "mood.ramble", 1.0, ("heard", "lost")) if ramble is not None else None,
            location=node.location if node else SourceLocation(self.path),
            ramble_heard=self.text(extra.get("heard"), "mood.ramble.heard"),
            ramble_lost=lost,
        )

    def facts(self, node: Located | None) -> tuple[Fact, ...]:
        out = []
        for child in self.items(node, "facts"):
            m = self.mapping(child, "a fact", ("id", "text", "asked", "answer"), ("id", "text"))
            asked, answer = self.phrases(m.get("asked"), "fact asked"), self.text(m.get("answer"), "fact answer")
            if any(asked.by_lang.values()) != bool(answer):
                self.error(child, "a fact needs both 'asked' and 'answer', or neither")
            out.append(Fact(self.string(m.get("id"), "fact id"), self.text(m.get("text"), "fact text"), child.location,
                            asked=asked, answer=answer))
        return tuple(out)

    def pushback(self, node: Located | None, what: str) -> Pushback | None:
        if node is None:
            return None
        m = self.mapping(node, what, ("reply", "yields_to", "insist", "yield_reply", "gives_in_after", "at_once",
                                        "unless_steps", "persuaded_by"),
                         ("reply", "yields_to"))
        yields = self.acts(m.get("yields_to"), f"{what}.yields_to")
        if "yields_to" in m and not yields and not self.words(m.get("yields_to"), f"{what}.yields_to"):
            self.error(m["yields_to"], f"{what}.yields_to needs at least one act, e.g. transparency")
        return Pushback(
            reply=self.text(m.get("reply"), f"{what}.reply", required=True),
            yields_to=yields,
            insist=self.phrases(m.get("insist"), f"{what}.insist"),
            yield_reply=self.text(m.get("yield_reply"), f"{what}.yield_reply"),
            gives_in_after=self.integer(m.get("gives_in_after"), f"{what}.gives_in_after", 2, 0, 20),
            at_once=self.flag(m.get("at_once"), f"{what}.at_once", True),
            persuaded_by=self.phrases(m.get("persuaded_by"), f"{what}.persuaded_by"),
            unless_steps=tuple(w for w, _ in self.words(m.get("unless_steps"), f"{what}.unless_steps")),
            location=node.location,
        )

    def objection(self, node: Located | None, what: str) -> Objection | None:
        if node is None:
            return None
        m = self.mapping(node, what, ("phrases", "unless", "reply"), ("phrases", "reply"))
        return Objection(phrases=self.phrases(m.get("phrases"), f"{what}.phrases"),
                         unless=self.phrases(m.get("unless"), f"{what}.unless"),
                         reply=self.text(m.get("reply"), f"{what}.reply", required=True), location=node.location)

    def objections(self, node: Located | None, what: str) -> tuple[Objection, ...]:
        """One objection mapping, or a list of them."""
        if node is None:
            return ()
        if isinstance(node.value, list):
            return tuple(o for i, child in enumerate(self.items(node, what)) if (o := self.objection(child, f"{what} {i + 1}")))
        ob = self.objection(node, what)
        return (ob,) if ob else ()

    def steps(self, node: Located | None) -> tuple[Step, ...]:
        keys = ("id", "title", "essential", "recognise", "acts", "requires", "reply", "reveals", "pushback", "examples",
                "early", "asks", "tells", "objection", "on_request", "again", "before")
        out = []
        for child in self.items(node, "steps"):
            m = self.mapping(child, "a step", keys, ("id", "title", "reply"))
            sid = self.string(m.get("id"), "step id")
            what = f"step '{sid}'"
            recognise = self.phrases(m.get("recognise"), f"{what} recognise")
            acts = self.acts(m.get("acts"), f"{what} acts")
            examples = self.phrases(m.get("examples"), f"{what} examples")
            self.example_spots.extend(example_spots(m.get("examples"), sid))
            if not recognise and not acts and not examples and isinstance(child.value, dict):
                self.error(child, f"{what} needs 'recognise' phrases, 'examples' or 'acts' to be recognised by")
            out.append(Step(
                id=sid,
                title=self.text(m.get("title"), f"{what} title"),
                essential=self.flag(m.get("essential"), f"{what} essential", False),
                recognise=recognise,
                acts=acts,
                requires=tuple(w for w, _ in self.words(m.get("requires"), f"{what} requires")),
                reply=self.text(m.get("reply"), f"{what} reply", required=True),
                reveals=tuple(w for w, _ in self.words(m.get("reveals"), f"{what} reveals")),
                pushback=self.pushback(m.get("pushback"), f"{what} pushback"),
                location=child.location,
                examples=examples,
                early=self.text(m.get("early"), f"{what} early"),
                asks=self.flag(m.get("asks"), f"{what} asks", False),
                tells=self.flag(m.get("tells"), f"{what} tells", False),
                objections=self.objections(m.get("objection"), f"{what} objection"),
                on_request=self.flag(m.get("on_request"), f"{what} on_request", False),
                again=self.flag(m.get("again"), f"{what} again", False),
                before=tuple(w for w, _ in self.words(m.get("before"), f"{what} before")),
            ))
            if out[-1].asks and out[-1].tells:
                self.error(m["tells"], f"{what}: 'asks' and 'tells' exclude each other (a step either finds something "
                                       "out from her or tells her something)")
        return tuple(out)

    def events(self, node: Located | None) -> tuple[Event, ...]:
        keys = ("id", "kind", "at_turn", "after_step", "line", "unless_steps", "saved_line", "unless_said", "requires")
        out = []
        for child in self.items(node, "events"):
            m = self.mapping(child, "an event", keys, ("id", "kind", "line"))
            eid = self.string(m.get("id"), "event id")
            kind = self.choice(m.get("kind"), f"event '{eid}' kind", EVENT_KINDS, "say")
            at_turn = self.integer(m.get("at_turn"), f"event '{eid}' at_turn", 0, 1, 200) if "at_turn" in m else None
            after = self.string(m.get("after_step"), f"event '{eid}' after_step") if "after_step" in m else None
            if (at_turn is None) == (after is None) and isinstance(child.value, dict):
                self.error(child, f"event '{eid}' needs exactly one of 'at_turn' or 'after_step'")
            out.append(Event(
                id=eid,
                kind=kind,
                at_turn=at_turn,
                after_step=after,
                line=self.text(m.get("line"), f"event '{eid}' line", required=True),
                unless_steps=tuple(w for w, _ in self.words(m.get("unless_steps"), f"event '{eid}' unless_steps")),
                saved_line=self.text(m.get("saved_line"), f"event '{eid}' saved_line"),
                location=child.location,
                unless_said=self.phrases(m.get("unless_said"), f"event '{eid}' unless_said"),
                requires=tuple(w for w, _ in self.words(m.get("requires"), f"event '{eid}' requires")),
            ))
        return tuple(out)

    def already_said(self, node: Located | None) -> tuple[AlreadySaid, ...]:
        out = []
        for child in self.items(node, "already_said"):
            m = self.mapping(child, "an already_said entry", ("id", "since", "asks"), ("id", "since", "asks"))
            aid = self.string(m.get("id"), "already_said id")
            out.append(AlreadySaid(id=aid, since=self.string(m.get("since"), f"already_said '{aid}' since"),
                                   asks=self.phrases(m.get("asks"), f"already_said '{aid}' asks"),
                                   location=child.location))
        return tuple(out)

    def fillers(self, node: Located | None) -> dict[str, Text]:
        m = self.mapping(node, "fillers", FILLER_KINDS, ("neutral", "confused", "annoyed", "noise"))
        return {k: self.text(v, f"fillers.{k}", required=True) for k, v in m.items() if k in FILLER_KINDS}

    def end(self, node: Located | None) -> EndConditions:
        keys = ("solved_when", "max_turns", "solved", "hangup", "turn_limit")
        m = self.mapping(node, "end", keys, ("solved_when", "max_turns", "solved", "hangup"))
        return EndConditions(
            solved_when=tuple(w for w, _ in self.words(m.get("solved_when"), "end.solved_when")),
            max_turns=self.integer(m.get("max_turns"), "end.max_turns", 20, 2, 200),
            solved=self.text(m.get("solved"), "end.solved", required=True),
            hangup=self.text(m.get("hangup"), "end.hangup", required=True),
            turn_limit=self.text(m.get("turn_limit"), "end.turn_limit"),
            location=node.location if node else SourceLocation(self.path),
        )

    def scoring(self, node: Located | None) -> dict[str, float]:
        m = self.mapping(node, "scoring", ("weights",))
        weights = m.get("weights")
        if weights is None:
            return {}
        if not isinstance(weights.value, dict):
            self.error(weights, "scoring.weights must map dimensions to weights")
            return {}
        out = {}
        for dim, child in weights.value.items():
            if dim not in DIMENSIONS:
                self.error(child.key_location or child, f"unknown dimension '{dim}'{suggest(dim, DIMENSIONS)}")
                continue
            out[dim] = self.number(child, f"scoring.weights.{dim}", 1.0, 0, 10)
        return out

    # -- whole document --------------------------------------------------
    def build(self, root: Located, text: bytes) -> Scenario | None:
        keys = ("version", "id", "title", "languages", "persona", "situation", "line", "opening", "mood",
                "facts", "steps", "reactions", "events", "fillers", "end", "scoring", "jargon", "conversations",
                "already_said")
        required = ("version", "id", "title", "languages", "persona", "situation", "opening", "steps", "fillers", "end")
        m = self.mapping(root, "the scenario", keys, required)
        if not isinstance(root.value, dict):
            return None
        version = self.integer(m.get("version"), "version", FORMAT_VERSION, 0, 1000)
        if "version" in m and version != FORMAT_VERSION:
            self.error(m["version"], f"unsupported format version {version} (this simulator reads version {FORMAT_VERSION})")
        langs: list[str] = []
        words = self.words(m.get("languages"), "languages")
        for name, n in words:
            if name not in LANGUAGES:
                self.error(n, f"unknown language '{name}'{suggest(name, LANGUAGES)}")
            elif name in langs:
                self.error(n, f"language '{name}' is listed twice")
            else:
                langs.append(name)
        if "languages" in m and m["languages"].value in (None, []):
            self.error(m["languages"], f"languages needs at least one of {', '.join(LANGUAGES)}")
        if langs:
            self.languages = tuple(langs)
        sid = self.string(m.get("id"), "id")
        stem = Path(self.path).stem
        if sid and stem and sid != stem and "id" in m:
            self.error(m["id"], f"id '{sid}' does not match the file name '{stem}.yaml'")
        sc = Scenario(
            id=sid,
            version=version,
            title=self.text(m.get("title"), "title", required=True),
            languages=self.languages,
            persona=self.persona(m.get("persona")),
            situation=self.situation(m.get("situation")),
            line=self.line(m.get("line")),
            opening=self.text(m.get("opening"), "opening", required=True),
            facts=self.facts(m.get("facts")),
            steps=self.steps(m.get("steps")),
            reactions=self.reactions(m.get("reactions")),
            events=self.events(m.get("events")),
            mood=self.mood(m.get("mood")),
            end=self.end(m.get("end")),
            fillers=self.fillers(m.get("fillers")),
            scoring=self.scoring(m.get("scoring")),
            jargon=self.phrases(m.get("jargon"), "jargon"),
            conversations=read_conversations(self, m.get("conversations")),
            already_said=self.already_said(m.get("already_said")),
            path=self.path,
            content_hash=hashlib.sha256(text).hexdigest(),
            location=root.location,
        )
        if getattr(self, "known_to_agent", None) is None:  # not said in the file: what a step reveals is not on the agent's card
            sc = replace(sc, persona=replace(sc.persona, known_to_agent=sc.default_known()))
        if "steps" in m and not sc.steps:
            self.error(m["steps"], "steps needs at least one diagnostic step")
        cross_check(sc, self.error)
        check_examples(self.example_spots, self.languages, self.error, {s.id: tuple(r for r in s.requires if "|" not in r) for s in sc.steps})
        check_conversations(sc, self.error)
        return sc


