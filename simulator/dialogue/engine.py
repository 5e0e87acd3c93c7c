"""The customer: turns a trainee line into the customer's answer and a new state.

Pure and deterministic: ``respond(state, text)`` depends only on the
scenario, the state (including its seed) and the text. No UI, audio or
terminal library is imported here.
"""

from __future__ import annotations

from dataclasses import replace

from simulator.analysis import Analyser, Analysis
from simulator.dialogue import events as ev_
from simulator.dialogue.answers import Answers, says_more
from simulator.dialogue.asked_again import ASKED_AGAIN_MOOD, asked_again_line, asks_again
from simulator.dialogue.checking import waits_for_check
from simulator.dialogue.events import (Confused, Event, Farewell, GaveIn, Guess, Hangup, Noise, Objected, Offended, Offered,
                                        PrematureClose, Pushback, Ramble, Repeat, Revealed, Unclear, Unheard, Yielded)
from simulator.dialogue.farewell import say_goodbye
from simulator.dialogue.guessing import guess_line, guess_reading, pushback_line, stands_by
from simulator.dialogue.length import complaint, long_line
from simulator.dialogue.promises import (PROMISE_ACTS, REASON_ACTS, answers_when, asks_her_contact, hollow_reason, says_why, vague_promise,
                                         vague_time)
from simulator.dialogue.recap import asks_needed
from simulator.dialogue.refusal import refuse_again
from simulator.dialogue.planner import ReplyPlan, choose, said_lines
from simulator.dialogue.scripted import Breath, scripted_event
from simulator.dialogue.shifting import heard_shift, object_to_shift
from simulator.dialogue.state import CallState, Exchange, Outcome, Turn, awaits_last_word, clamp, is_ringing
from simulator.dialogue.lines import customer_lines
from simulator.dialogue.phrases import StepPhrases, corrects, objects, step_phrases, step_words
from simulator.dialogue.reading import (agrees_on, asks_to_look, assents, checks_agreement, checks_back, clean, her_action, invites,
                                        without_quotes)
from simulator.dialogue.recognition import (GREETING_ACTS, as_she_hears, asked_part, bare_back_channel, by_examples, closing_question_takes,
                                           commits_nothing, example_index, granted_before, instructs, is_asking, only_greets, repeats_time,
                                           says_back, shown_acts, thanks_go_on, told_analysis, understood_part, without_credit, without_greeting)
from simulator.dialogue.rudeness import UNSURE_RUDE, rude_reading
from simulator.dialogue.speech import RETELL_MOOD, Speech
from simulator.errors import UsageError
from simulator.scenario.loader import check_language
from simulator.scenario.model import Reaction, Scenario, Step

POSITIVE_ACTS = ("empathy", "reassurance", "summary", "transparency", "active_listening", "admit_unknown", "time_commitment")
"""Acts that keep the customer's patience even when no step is taken."""
AFTER_SOLVED_TURNS = 3
"""Turns the call goes on after the problem is solved, for summary and closing."""
GUESS_MOOD = 5
"""What a confident guess costs the customer's mood where she needs a reliable answer."""
STUCK_TURNS = 3
"""Unproductive trainee turns in a row after which the customer nudges the trainee on, in character."""
MAX_STEPS = 3
"""Checklist steps taken in one turn at most: one line can admit not knowing, say who finds out and give a time. A
long line she takes in (event ramble, not lost) is taken whole: its length costs marks, not the steps it took."""


class Engine:
    """Plays one scenario's customer in one language."""

    def __init__(self, scenario: Scenario, lang: str, analyser: Analyser | None = None) -> None:
        self.scenario = scenario
        self.lang = check_language(scenario, lang)
        # this scenario's own view: its phrase words and persona jargon never reach other engines
        self.analyser = (analyser or Analyser.for_language(lang)).with_scenario(scenario)
        # steps that are an honest "I don't know yet": a confident guess never takes them
        self._honesty_steps = tuple(s.id for s in scenario.steps if "admit_unknown" in s.acts)
        # scenario phrases match words, not letters ("zug" is no "Zugangsdaten"; stems are written "prüf*")
        self._step_matchers = {s.id: self._phrases(s.recognise.get(lang)) for s in scenario.steps}
        self._insist_matchers = {s.id: self._phrases(s.pushback.insist.get(lang)) for s in scenario.steps if s.pushback}
        self._persuade_matchers = {s.id: self._phrases(s.pushback.persuaded_by.get(lang)) for s in scenario.steps
                                   if s.pushback}
        self._step_words = {s.id: self._phrases(step_words(s.recognise.get(lang), lang=lang)) for s in scenario.steps}  # on topic
        self._objections = {s.id: tuple((self._phrases(o.phrases.get(lang)), self._phrases(o.unless.get(lang)), o.reply)
                                        for o in s.objections) for s in scenario.steps if s.objections}
        # a scripted line is moot once the trainee has talked about its topic (events[].unless_said)
        self._said_matchers = {e.id: self._phrases(e.unless_said.get(lang)) for e in scenario.events if e.unless_said.get(lang)}
        # steps from examples: a line close enough to a step's example phrasings takes it (analysis/similarity.py)
        self.examples = example_index(scenario, lang)
        self.speech = Speech(scenario, self.lang)
        self.answers = Answers(scenario, self.lang, self.speech, self._phrases, self.analyser.analyse_rules)

    # -- helpers -----------------------------------------------------------
    def _phrases(self, phrases) -> StepPhrases:
        """The matcher of a step's phrases (word boundaries; the view's typo policy and compounding)."""
        return step_phrases(phrases, self.lang)

    def start(self, seed: int = 0) -> CallState:
        """The call before the trainee's first line: the phone rings (exchange 0 has no customer line yet). The trainee
        answers the ring; the customer's opening is the start of her reply to that first line (see :meth:`opening`)."""
        sc = self.scenario
        state = CallState(
            scenario_id=sc.id, lang=self.lang, seed=seed, turn=0,
            mood=sc.mood.start, patience=sc.mood.patience, trust=sc.mood.trust_start,
            steps_done=(), pushed_back=(), facts=(), act_counts=(), fired_events=(), exchanges=(),
        )
        return replace(state, exchanges=(Exchange(0, None, None),))

    def opening(self, state: CallState) -> str:
        """The customer's opening line of the call ``state`` (picked by seed, the same whenever asked)."""
        return self.speech.say(self.scenario.opening, replace(state, turn=0), "opening")

    def _recognised(self, step: Step, analysis: Analysis, acts: tuple[str, ...], close: frozenset[str] = frozenset(),
                    asked: tuple[Analysis, frozenset[str]] | None = None, guessed: frozenset[str] = frozenset()) -> bool:
        """The line takes ``step`` by one of its acts, one of its phrases, or closeness to its examples (``close``);
        a step that finds something out (``asks``) only by what the asking sentences of the line say (``asked``:
        their analysis and the steps close to them; None: the whole line asks) and not by an act only ``guessed``."""
        if step.acts and any(a in acts and not (step.asks and a in guessed) for a in step.acts):
            return True
        if (step.asks or step.tells) and asked is not None:
            analysis, close = asked  # "before your meeting, hopefully" names her meeting but asks nothing; "I'll move
            # the scans. OK?" asks about the plan, not where the scans go; "Darf ich ins Ticket schauen?" tells her nothing yet
        return step.id in close or self._step_matchers[step.id].search(analysis) is not None

    def _available(self, step: Step, done: tuple[str, ...]) -> bool:
        return step.id not in done and not step.unmet(done)

    # -- the turn ----------------------------------------------------------
    def respond(self, state: CallState, text: str) -> CallState:
        """The state after the trainee says ``text`` and the customer answers."""
        if state.ended:
            raise UsageError("the call has already ended")
        sc, lang = self.scenario, self.lang
        line = clean(text)
        analysis = self.analyser.analyse(line)
        acts = analysis.acts  # the view itself recognises the persona's jargon list, with evidence
        acts, unsure, unclear = rude_reading(analysis, line)  # an uncertain 'rude' is not punished
        turn_no = state.turn + 1
        ringing = is_ringing(state)  # this line answers the phone: the customer's opening comes first
        last = state.trainee_turns[-1] if state.trainee_turns else None
        last_word = awaits_last_word(state)  # she said goodbye after the solution: this line closes the call
        # she offered to tell ("Shall I just tell you what happened?"): a yes lets her tell
        offer = next((e.step for e in last.events if isinstance(e, Offered)), "") if last is not None else ""
        granted = offer if (offer and "rude" not in acts and offer not in state.steps_done
                            and (assents(line, lang) or invites(line, lang))) else ""
        state = replace(state, turn=turn_no)
        mood, patience, trust = state.mood, state.patience, state.trust
        counts = dict(state.act_counts)
        events: list[Event] = [Unclear()] if unclear else []
        late = ""  # her thanks for a kind act she thanked the line before
        steered = unrecapped = hedged = False  # she said what a step asked for too early is missing: no scripted line in the same
        # breath; a line read as a summary took no recap she could confirm: not shown as a summary either
        guessed: frozenset[str] = frozenset()  # acts only the learned head read
        about = False  # the line asks for a fact she knows
        heard = analysis  # what the customer understood of the line (less, for a lay caller, where it has jargon)
        said = said_lines([x.reply.text for x in state.exchanges if x.reply is not None])
        time_span = next((e.text for e in analysis.evidence if e.act == "time_commitment"), "")
        acts = as_she_hears(self.analyser, analysis, acts, said, last)  # her own time, her own word, a short recap
        shift, acts = heard_shift(self.analyser, analysis, acts, line, lang)  # "call licensing yourself": no promise of his
        plan = ReplyPlan(said, lang=lang)
        if ringing:
            plan.add(self.opening(state))
        steps_now: list[str] = []
        answers: list[str] = []  # her answers to the steps taken (and her giving in), in order
        done = list(state.steps_done)
        pushed = list(state.pushed_back)
        facts = list(state.facts)

        def nudge(only_offer: bool = False) -> str:
            """She helps a stuck trainee on; an offer to tell is remembered (a yes next time lets her tell).
            ``only_offer``: '' unless she offers to tell."""
            asked = "open_question" in acts or invites(line, lang)  # asked just that: she never offers to tell it
            text, offering = self.speech.nudge(state, said, may_offer=not asked)
            tell = self.speech.tell_step(tuple(done)) if offering else None
            if tell is not None:
                events.append(Offered(tell.id))
            return text if offering or not only_offer else ""

        def apply(reaction: Reaction, repeats: int) -> bool:
            nonlocal mood, patience, trust
            factor = reaction.repeat_decay ** repeats
            mood += reaction.mood * factor
            patience += reaction.patience * factor
            trust += reaction.trust * factor
            return factor >= 0.5

        if analysis.is_noise:
            # Silence or garbage: one small cost, said once, never counted again elsewhere.
            events.append(Noise())
            patience -= 1
            if not ringing:  # picked up in silence: she simply starts talking
                plan.add(self.speech.filler("noise", state, said))
        else:
            for act in acts:
                reaction = sc.reactions.get(act)
                repeats = counts.get(act, 0)
                counts[act] = repeats + 1
                if reaction is None:
                    continue
                if repeats and reaction.repeat_decay < 1:
                    events.append(Repeat(act))
                fresh = apply(reaction, repeats)
                # "Ok. Is it slow all the time?", "ok. sounds like a full drive": the "ok" only leads into what follows –
                # she answers that, she does not cheer ("That's what I'm saying!") what she never said
                lead_in = act == "active_listening" and not bare_back_channel(analysis, line) and (any(
                    a in acts for a in ("open_question", "closed_question")) or not self.speech.echoes_her(state, line))
                # a curt "ok sorry" just after insulting her earns no praise ("at least someone who understands")
                sore = reaction.mood > 0 and last is not None and ("rude" in last.acts or ev_.has(last.events, Offended))
                if reaction.reply and fresh and not lead_in and not sore:
                    plan.react(self.speech.say(reaction.reply, state, f"reaction:{act}", said, optional=True),
                               reaction.mood * reaction.repeat_decay ** repeats)
                    # a kind act the line before earned her thanks already: with a step to answer she does not thank
                    # again ("Danke. Ich bin echt unter Druck." a turn after "wenigstens einer, der das versteht")
                    late = plan.reaction if repeats and reaction.mood > 0 and last is not None and act in last.acts else late
            guessing, hedged = guess_reading(self._honesty_steps, state.steps_done, acts, line, lang)  # "probably included"
            if guessing:
                events.append(Guess())
                mood -= GUESS_MOOD
                plan.complain(guess_line(self.speech, sc, state, said, turn_no))
            mood -= object_to_shift(shift, self.speech, sc, state, said, turn_no, events, plan)  # "That's your job"
            confusing = "jargon" in acts and sc.persona.tech_level != "high"  # an expert knows the terms
            if confusing:
                events.append(Confused())
            events += long_line(sc, analysis.word_count, state.solved_at is not None)  # too long: marks off, still heard
            rambles = ev_.has(events, Ramble) and sc.mood.ramble is not None and state.solved_at is None
            if rambles:  # once solved she listens to a long wrap-up
                apply(sc.mood.ramble, 0)

            # Checklist steps, in the scenario's order; at most MAX_STEPS answered per turn, all of a long line she took in
            cap = len(sc.steps) if ev_.has(events, Ramble) else MAX_STEPS
            blocked = False  # a step asked for before what it needs (its 'requires') was done
            early: Step | None = None  # the first such step: she may say what is missing (its 'early' line)
            lost = ev_.has(events, Unheard)  # "I only caught half" (mood.ramble.lost): she takes no step from it
            # A caller who knows no tech cannot carry out what she did not understand ("what's a NIC?"): she takes
            # only what the clauses without the term say ("I won't guess, I'll ask the vendor – the SKU …").
            heard, heard_acts = analysis, acts
            if confusing and sc.persona.tech_level == "low":
                rest = understood_part(self.analyser, line)
                lost = lost or not rest
                if rest:  # the rules read the rest (no second embedding per turn); what the head added stays
                    heard = self.analyser.analyse_rules(rest)
                    added = {e.act for e in analysis.evidence if e.text.strip() == line.strip()}
                    heard_acts = tuple(a for a in acts if a in heard.acts or a in added)
            if ringing:  # "thanks for calling licensing support": the desk she rang is no escalation to it
                heard = without_greeting(self.analyser, heard)
            if shift.shifted:  # the words that put the work on her take no step
                heard, lost = self.analyser.analyse_rules(shift.rest), lost or not shift.rest
            if (standard := self.analyser.standard(heard.text)) != heard.text:  # "Sehet Se so oins?": "Sehen Sie so eins?"
                heard = self.analyser.analyse_rules(standard)
            granted_her = (credited := without_credit(heard.text, lang)) != heard.text
            if granted_her:  # "Danke, dass Sie den Stecker geprüft haben" asks her to check nothing: those words take no step
                heard = self.analyser.analyse_rules(credited)
            about = self.answers.about_fact(heard.text, state)  # "your customer number?" asks for no callback number
            finds_out = lambda a: any((s.asks or asks_to_look(a.text, lang) or says_more(a.text)) and self._available(s, state.steps_done)  # noqa: E731
                                      and self._step_matchers[s.id].search(a) for s in sc.steps)  # "look: is there a strip?"
            unasked = about and (rest := self.answers.without_fact_questions(heard.text, finds_out, state)) != heard.text
            whole, heard = heard, self.analyser.analyse_rules(rest) if unasked else heard  # "Hängt der Drucker an
            # einer Leiste?": she says, and checks nothing; what the line asks still asks (steps that find out)
            close = by_examples(self.examples, sc, heard.text, heard_acts, state.steps_done)
            if checks_back(line, lang) and "summary" in acts and "instruction" not in acts:
                close = frozenset(c for c in close if "summary" in sc.step(c).acts)  # "… kein Licht. Richtig so?"
                # says back and asks her to do nothing: it takes a recap step, nothing else, by its examples
            asking = is_asking(heard.text, heard_acts, lang)
            asked = (asked_part(self, whole, heard_acts, state.steps_done)
                     if any(s.asks and s.id not in state.steps_done for s in sc.steps) else None)
            told = (told_analysis(self, heard, heard_acts, state.steps_done)
                    if any(s.tells and s.id not in state.steps_done for s in sc.steps) else None)
            # a step that finds something out ('asks') is never taken by an act the learned head alone read, however
            # sure: "Can I have your customer number?" (1.00) and "is the password right on your phone?" are no callback
            guessed = frozenset(e.act for e in analysis.evidence if e.text.strip() == line.strip()
                                and analysis.confidence_of(e.act) > 0)  # its phrases or examples still count
            vague, vague_due = ("time_commitment" in acts and vague_time(analysis, lang)) or vague_promise(analysis, lang), False
            empty_reason = hollow_reason(analysis, acts, lang)  # a vague promise is no reason that wins her over
            hollow = "summary" in guessed and not says_back(line, " ".join([said, *(t.text for t in state.trainee_turns)]))  # agreed: his words too
            greets_only = only_greets(self.analyser, acts, line, lang) or (ringing and not (set(acts) - set(GREETING_ACTS)))
            offended = "rude" in acts  # a rude line: she answers the tone, not the request ("Gut, dass Sie das offen sagen" would contradict her)
            for step in sc.steps:
                if lost or step.id in done or (guessing and step.id in self._honesty_steps):
                    continue
                if len(steps_now) >= cap and not (closing_question_takes(self, step, heard.text, heard_acts, tuple(done))
                                                  or "summary" in step.acts and "summary" in set(acts) - guessed):
                    continue  # the closing question is answered all the same ("… Unter welcher Nummer?"); a recap of it all too
                if not self._available(step, tuple(done)) and not self.speech.asked_again(step, state):
                    # her own time said back ("he signs tomorrow at ten") asks for nothing too early; nor does what the
                    # learned head alone guessed ("Do you have the ticket number?" read as a callback)
                    mine = tuple(a for a in heard_acts if a not in guessed
                                 and not (a == "time_commitment" and repeats_time(time_span, said)))
                    if not (steps_now or greets_only) and self._recognised(step, heard, mine, close, told if step.tells else asked, guessed):
                        blocked = True
                        early = early or step
                    continue
                if "summary" in step.acts and (confusing or hollow and step.id not in close or (asking and not agrees_on(line, lang) and asks_needed(
                    self, step, heard.text, steps_now, state.steps_done) or ("summary" not in {*acts} - guessed and any(sc.step(s).asks for s in steps_now)))):
                    unrecapped = unrecapped or not (asking and "summary" not in guessed and says_back(line, said) and not confusing
                                                    and all(sc.step(r).asks for r in step.needs if r in steps_now))  # a
                    continue  # real recap before the question it needs stays one for the debrief (round 23); no recap to confirm: "the
                    # DHCP lease or some VPN thing"; "Which number?"; a recap only guessed, asked on ("… Wo speichern Sie?"): he answers that
                if commits_nothing(step, heard.text, lang, said, acts):  # "Wann haben Sie Zeit?" books no date
                    continue
                if vague and not step.asks and any(a in step.acts for a in PROMISE_ACTS) and not asks_her_contact(
                        step, heard.text, heard_acts, lang):  # "maybe tomorrow": when exactly? (her number she gives)
                    vague_due = True
                    continue
                # a bare greeting answering the phone ("Licensing, hi.") is on no topic yet: only a step's own act counts;
                # so does an action that waits for the check this very line asks for ("Hängt der Stecker lose?")
                bare = greets_only or (asking and waits_for_check(self, step, heard.text, heard_acts, steps_now))
                hit = any(a in acts for a in step.acts) if bare else self._recognised(
                    step, heard, () if about and step.asks else heard_acts, close, told if step.tells else asked, guessed)
                hit = hit or step.id == granted or corrects(  # "Sure, go ahead." to her offer; "by text, of course"
                    self._objections.get(step.id), last is not None and ev_.has(last.events, Objected, step.id), heard,
                    lambda: any(a in heard_acts for a in step.acts) or self._step_words[step.id].search(heard) is not None)
                renewed = bool(step.pushback and step.id in pushed and not hit)  # asked again in other words: the way stands
                stood = renewed and stands_by(step, acts, heard.text, lang)  # "I don't know" stood by with a way forward
                if renewed:  # … or the time she asked for after a vague promise
                    hit = self._insist_matchers[step.id].search(heard) is not None or stood or answers_when(
                        last, step.id, acts, vague, lang)
                if not hit:
                    continue
                if step.on_request and not instructs(self, step.id, heard.text, heard_acts,
                                                     self._available(step, state.steps_done)):
                    continue  # she reports what she found and waits: only a request to act on it ("…, switch it on") acts
                if offended:
                    events.append(Offended(step.id))
                    continue
                objection = None if renewed else objects(self._objections.get(step.id),
                                                         lambda: self.analyser.analyse_rules(without_quotes(heard.text)))
                if objection is not None:  # a way that cannot work for her, or words that only sound like the step
                    events.append(Objected(step.id))
                    plan.refuse(self.speech.object(objection, state, f"objection:{step.id}", said))
                    continue  # the rest of the line still counts ("no worries – it's the blue cable, can you check it?")
                pb = step.pushback
                hollow_pb = empty_reason and pb is not None and any(a in PROMISE_ACTS for a in pb.yields_to)  # assurance asked
                reasons = tuple(a for a in acts if not (hollow_pb and a in REASON_ACTS))
                # a reason in any words ("oft hängt der Drucker an einer Leiste …") is transparency to her
                why = pb is not None and ("transparency" in reasons or not hollow_pb and says_why(  # not an earlier line
                    self, step.id, line, state.trainee_turns))  # for "ich meld mich dann morgen irgendwann" (round 28)
                reasoned = pb is not None and (any(a in reasons for a in pb.yields_to) or (why and "transparency" in pb.yields_to)
                                               or (not empty_reason and self._persuade_matchers[step.id].search(heard) is not None))
                # asked with a reason the first time: no need to resist; nor where the line first grants what she
                # said ("Das glaube ich Ihnen ja …") and then says why – her objection is answered before she makes it
                if pb and step.id not in pushed and reasoned and (pb.at_once or (why and (
                        granted_her or "empathy" in acts or granted_before(state.trainee_turns, lang)))):
                    pb = None
                if pb and pb.unless_steps and all(s in done for s in pb.unless_steps):
                    pb = None  # what she objected to has been answered by an earlier step
                if pb and step.id not in pushed:
                    pushed.append(step.id)
                    events.append(Pushback(step.id))
                    plan.refuse(pushback_line(self, step, state, said, turn_no, hedged, acts))  # after a guess: her doubt
                    break
                refusals = sum(ev_.details(t.events, Pushback).count(step.id) for t in state.trainee_turns) if pb else 0
                worn_down = pb is not None and pb.gives_in_after > 0 and refusals >= pb.gives_in_after
                if pb and not reasoned and not worn_down:
                    events.append(Pushback(step.id))
                    mood -= 3
                    vague_due = vague_due or hollow_pb  # "someone will probably call, sometime": who, and when exactly?
                    plan.refuse("" if hollow_pb else refuse_again(step, state, said, refusals, turn_no))
                    plan.refusing = True  # her question about the vague promise (below) is her refusal
                    break
                if pb:
                    # a polite reason wins her over; being asked often enough only wears her down
                    events.append(Yielded(step.id) if reasoned else GaveIn(step.id))
                    if not reasoned:
                        mood -= 4
                    if pb.yield_reply and not hollow_pb and not stood:  # nor after a vague promise or a plan
                        answers.append(self.speech.say(pb.yield_reply, state, f"yield:{step.id}", said))
                        plan.add(answers[-1])
                done.append(step.id)
                steps_now.append(step.id)
                answers.append(guess_line(self.speech, sc, state, said, turn_no) if hedged and step.id in self._honesty_steps
                               else self.speech.say(step.reply, state, f"step:{step.id}", said))  # honest, and a guess
                plan.add(answers[-1])
                mood += sc.mood.progress_mood
                for fact in step.reveals:
                    if fact not in facts:
                        facts.append(fact)
                        events.append(Revealed(fact))

            retell = "" if (ringing or blocked or state.solved_at is not None) else self.speech.retell(
                state, said, line, tuple(sc.step(s) for s in steps_now))
            if retell:  # "Sorry! What's the issue?" to a caller who won't tell it again: she says so, not "thanks" (it
                mood -= 0 if self.speech.retold(said) else RETELL_MOOD  # costs the first time)
                plan.complain(retell, alone=bool(steps_now))
            if not (ringing or offended or plan.refusing) and asks_again(sc, state, heard.text, tuple(a for a in heard_acts if a != "summary" or a not in guessed), lang, line):
                mood -= ASKED_AGAIN_MOOD  # "skip the standard questions" – "restarted?": irritation (a recap only the head guessed excuses none)
                plan.complain(asked_again_line(self.speech, sc, state, said, turn_no))
            if vague_due and not offended:  # she says what is missing (who, when): nothing scripted in the same breath
                text, steered, key = sc.fillers.get("vague_time"), True, "vague_time_agreed" if steps_now else "vague_time"
                plan.add((self.speech.say(text, state, "vague_time", said, optional=True) if text else "")  # after what she took
                              or choose(customer_lines(lang, key), f"{state.seed}:{turn_no}:vague", said, optional=False))
            if rambles:  # said once, and coherent: what she takes from the line she answers, asking none of it again
                plan.complain(complaint(self.speech, state, said, took=bool(steps_now) or plan.refusing))
            if steps_now and (unasked and not any(sc.step(s).asks for s in steps_now) or about and all(sc.step(s).asks for s in steps_now)):
                found = [s for s in steps_now if sc.step(s).reveals and not sc.step(s).asks]  # she looked: what she found answers it
                plan.add(self.answers.known(state, line, said, tuple(facts), lambda a: any(  # "Tut mir leid. Ihre Ticketnummer?"
                    self._step_matchers[s].search(a) for s in found)))
            progress = bool(steps_now) or any(isinstance(e, (Pushback, Yielded)) for e in events)
            plan.reaction = "" if steps_now and late and plan.reaction == late else plan.reaction
            if unsure and not (progress or ringing or plan.complaint or asking):  # maybe rude: she asks what he means,
                # unless she complained, or he asked her something plain ("Haben Sie den Rechner neu gestartet?")
                plan.add(choose(customer_lines(lang, "clarify"), f"{state.seed}:{turn_no}:clarify", said, optional=True))
            # after the fix, summary and goodbye cost nothing; jargon costs through its own reaction only
            if not progress and state.solved_at is None and not confusing:
                mood += sc.mood.drift
                if not any(a in acts for a in POSITIVE_ACTS) and not blocked:
                    patience -= 1  # on topic but too early (blocked) costs no patience: she steers instead
            # "Thanks for calling, Kevin speaking" answering the phone greets; a line she is pushing back on is on topic
            if "closing" in acts and state.solved_at is None and not (progress or ringing or thanks_go_on(self.analyser, line, lang)):
                events.append(PrematureClose())
                mood -= 10
                plan.add(self.speech.filler("premature_close", state, said))
            elif not plan.parts and not plan.complaint:
                if state.solved_at is not None:
                    kind = "after_solved"
                elif confusing:
                    kind = "confused"
                elif mood < -40:
                    kind = "annoyed"
                else:
                    kind = "neutral"
                waiting = kind in ("neutral", "annoyed")  # she has nothing to answer: the trainee is stuck
                first = (self.speech.say_fitting(early.early, state, f"early:{early.id}", said, line, optional=True)
                         if waiting and early is not None and early.early.get(lang) and not offended else "")
                known = self.answers.known(state, line, said) if self.answers.asked(line) and "closing" not in acts else ""
                if (waiting or kind == "after_solved") and agrees_on(line, lang) and (
                        "summary" in acts or self.speech.echoes_her(state, line)):  # also the closing recap: "Passt das so?"
                    plan.add((self.speech.general("agree", state, said) if not checks_back(line, lang) else "")
                             or self.speech.confirm(state, said))  # "… Richtig so?" – "Ja, genau."; "Passt das so?" – "Ja, passt so."
                elif first:  # asked for too early: she says, in character, what she is missing
                    plan.add(first)
                    steered = True
                elif known:  # "Is it working now?" after "It's printing!": she says what she knows, then steers
                    (plan.refuse if self.answers.again(state, known) else plan.add)(known)  # again: no praise; she steers
                    plan.add(nudge(only_offer=True) if waiting and "open_question" not in acts and not known.endswith("?") else "")
                elif waiting and not progress and not (offended and plan.reaction) and (
                        blocked or self.speech.stuck(state) + 1 >= STUCK_TURNS):  # offended, she answers the tone
                    plan.add(nudge())
                else:
                    filler = ""
                    if waiting and "closed_question" in acts and "instruction" not in acts and self.speech.echoes_her(state, line):
                        filler = self.speech.confirm(state, said)  # checking back what she said: she confirms
                    elif (waiting and "closed_question" in acts and "open_question" not in acts and not offended
                          and not checks_agreement(line, lang)):  # "… Okay?" asks for nothing she could not know
                        # a yes/no question no step answers: while she could simply tell what happened she offers
                        # that ("Is it slow?" – "Shall I tell you what happened?"), else she says she can't say; asked
                        # whether she did something ("Haben Sie neu gestartet?") she answers yes or no first
                        open_tell = self.speech.tell_step(tuple(done)) is not None and not her_action(line, lang)
                        filler = (nudge(only_offer=True) if open_tell else "") or self.speech.unknown(state, said, line)
                    elif kind == "after_solved" and "?" in line and "closing" not in acts:
                        filler = self.speech.unknown(state, said, line)  # a question after the fix: no "Anything else?"
                    filler = filler or ("" if plan.reaction else self.speech.noted(state, said, last if waiting else None, line)
                                        or self.speech.filler(kind, state, said, optional=True))  # reacted: no stock line
                    if not filler and not plan.reaction:
                        filler = nudge() if waiting else self.speech.filler(kind, state, said)
                    plan.add(filler)

        # Scripted events.
        fired = list(state.fired_events)
        if not analysis.is_noise:  # the trainee raised its topic first ("no solar storms"): he won't bring it up now
            fired += [eid for eid, m in self._said_matchers.items() if eid not in fired and m.search(analysis) is not None]
        signal, outcome = scripted_event(self, state, turn_no, done, fired, events, plan, Breath(
            tuple(steps_now), steered, "rude" in acts or bool(plan.complaint) or hedged, ringing, last_word), mood, said)

        mood, trust, patience = clamp(mood, -100, 100), clamp(trust, 0, 100), clamp(patience, 0, 50)
        solved_at = state.solved_at
        if outcome is None:
            if solved_at is None and all(s in done for s in sc.end.solved_when):
                solved_at = turn_no
                plan.add(self.speech.say(sc.end.solved, state, "solved", said))
                mood = clamp(mood + 10, -100, 100)
            # turns of silence or garbage don't use up the time left for summary and goodbye
            spoken_since = sum(1 for t in state.trainee_turns if solved_at is not None
                               and t.number > solved_at and not ev_.has(t.events, Noise)) + (not analysis.is_noise)
            if last_word:  # the trainee's closing line after her goodbye ends the call; she only answers a recap
                outcome = Outcome(resolved=True, reason="solved", final_mood=mood)
                plan.keep(answers)
            elif solved_at is not None and solved_at != turn_no and (
                    "closing" in acts or spoken_since >= AFTER_SOLVED_TURNS or turn_no >= sc.end.max_turns):
                # she says goodbye (to the trainee's, or because she has to go): the trainee has one line left
                events.append(Farewell())
                say_goodbye(self, state, line, said, answers, plan, turn_no)  # after answering the recap, a question
            elif solved_at is None and (mood <= sc.mood.hangup_below or patience <= 0) and not ringing:  # a curt hello: she complains, stays
                events.append(Hangup())
                plan.replace_all(self.speech.say(sc.end.hangup, state, "hangup", said))
                outcome = Outcome(resolved=False, reason="hangup", final_mood=mood)
            elif turn_no >= sc.end.max_turns:
                if sc.end.turn_limit and solved_at is None:
                    plan.add(self.speech.say(sc.end.turn_limit, state, "turn_limit", said))
                outcome = Outcome(resolved=solved_at is not None, reason="solved" if solved_at else "turn_limit", final_mood=mood)

        acts, evidence = shown_acts(sc, analysis, tuple(a for a in acts if not (unrecapped and a == "summary")), tuple(done),
                                    tuple(steps_now), frozenset(acts) if about else guessed,
                                    lambda s: self._step_matchers[s].search(heard) is not None)
        trainee = Turn("trainee", line, turn_no, acts, evidence, tuple(steps_now), tuple(events),
                       mood, patience, trust)
        if ringing:  # she had not heard the agent's manner yet when she began: no reaction before the opening
            plan.reaction = plan.complaint = ""
        answer = plan.text()
        customer = Turn("customer", answer, turn_no, mood=mood, patience=patience, trust=trust)
        exchange = Exchange(turn_no, trainee, customer if answer else None)
        return replace(
            state, mood=mood, patience=patience, trust=trust, steps_done=tuple(done), pushed_back=tuple(pushed),
            facts=tuple(facts), act_counts=tuple(sorted(counts.items())), fired_events=tuple(fired),
            exchanges=state.exchanges + (exchange,), solved_at=solved_at, signal=signal, outcome=outcome,
        )

    def finish(self, state: CallState, reason: str = "script_end") -> CallState:
        """End a call that is still open (script ran out, trainee quit, process interrupted)."""
        if state.ended:
            return state
        return replace(state, outcome=Outcome(resolved=state.solved, reason="solved" if state.solved else reason,
                                              final_mood=state.mood))
