"""Round 12, second engine pass: customer-side leftovers of the play-tests (r12 DE 6/25–27/35, EN unknown-answer T1,
EN missed-appointment T5)."""

from __future__ import annotations

import re

import pytest

from simulator.dialogue.engine import Engine
from simulator.dialogue.lines import customer_lines
from simulator.scenario.loader import load


def _play(scenario: str, lang: str, lines: list[str], seed: int = 0):
    engine = Engine(load(scenario), lang)
    state = engine.start(seed)
    for line in lines:
        state = engine.respond(state, line)
    return state


def _last(state):
    exchange = state.exchanges[-1]
    return exchange.trainee, exchange.reply.text if exchange.reply is not None else ""


# 1. A line that only greets, names the desk and offers help is on no topic yet ----------------------------------
@pytest.mark.parametrize("lang,line", [
    ("en", "Hi, licensing, Tom here, how can I help?"),
    ("en", "Hello, licensing team, Anna speaking, how can I help you today?"),
    ("de", "Grüezi, Lizenzabteilung, Berger, was kann ich für Sie tun?"),
    ("de", "Hallo, hier ist die Lizenzabteilung, Tom Berger, wie kann ich Ihnen helfen?"),
])
def test_a_greeting_with_the_desk_name_promises_nobody_finds_out(lang: str, line: str) -> None:
    turn, reply = _last(_play("unknown-answer", lang, [line]))
    assert "find_out" not in turn.steps
    assert "verbindlich" not in reply and "check it properly" not in reply
    promise = {"en": "Hi Sandra, Tom here. I'll check that with our licensing team.",
               "de": "Hallo Frau Krüger, ich kläre das mit unserer Lizenzabteilung."}[lang]
    turn, _ = _last(_play("unknown-answer", lang, [line, promise]))  # a greeting with a promise in it takes the step
    assert "find_out" in turn.steps


# 5. Her answer to "I'll ask licensing" claims nothing binding that was not said ------------------------------------
@pytest.mark.parametrize("lang,line", [
    ("de", "Ich frag mal bei der Lizenzabteilung nach, die wissen das bestimmt."),
    ("en", "I'll ask the licensing people, they'll know."),
])
def test_her_answer_to_who_finds_out_claims_nothing_binding(lang: str, line: str) -> None:
    greeting = {"de": "Grüezi, Lizenzbetreuung, Berger.", "en": "Licensing, Tom speaking."}[lang]
    turn, reply = _last(_play("unknown-answer", lang, [greeting, line]))
    assert "find_out" in turn.steps
    assert not re.search(r"verbindlich|properly|binding", reply)


# 3. A vague confirmation is no reason that wins her over: she asks who calls, and when ----------------------------
@pytest.mark.parametrize("lang,lines,firm", [
    ("en", ["Morning, service desk, Gareth speaking.", "I'm really sorry nobody came and nobody called you.",
            "Would Thursday between eight and ten work for you?",
            "Great, I'll book that in, and somebody will probably ring you sometime before then to confirm."],
     "I'll call you myself tomorrow at ten to confirm it, on extension 20."),
    ("de", ["Guten Tag, Servicedesk, Berger.", "Es tut mir wirklich leid, dass niemand gekommen ist und Sie keiner angerufen hat.",
            "Passt Ihnen Donnerstag zwischen acht und zehn Uhr?",
            "Gut, dann trag ich das ein, und irgendwer meldet sich vorher wahrscheinlich nochmal zur Bestätigung."],
     "Ich rufe Sie morgen um zehn selbst an und bestätige den Termin."),
])
def test_a_vague_confirmation_is_no_reason_she_asks_who_and_when(lang: str, lines: list[str], firm: str) -> None:
    state = _play("missed-appointment", lang, lines)
    turn, reply = _last(state)
    assert "new_time" not in state.steps_done and "confirm" not in state.steps_done
    assert reply in customer_lines(lang, "vague_time")  # who and when – no "sounds thought through", no jab on top
    after = Engine(load("missed-appointment"), lang).respond(state, firm)
    assert {"new_time", "confirm"} <= set(after.steps_done)
    # a hedge about a cause is no vague promise: "vermutlich am DHCP, aber ich kläre das mit der Lizenzabteilung"
    turn, _ = _last(_play("unknown-answer", "de", ["Lizenzbetreuung, guten Tag.",
                                                    "Ehrlich gesagt weiß ich es nicht, das hängt vermutlich am DHCP, "
                                                    "aber ich kläre das mit unserer Lizenzabteilung."]))
    assert "find_out" in turn.steps


def test_the_mediocre_play_test_line_does_not_end_the_call_solved() -> None:
    lines = ["Morning, service desk, Gareth speaking, what can I do for you?",
             "Oh right, okay, sorry about that, our technician was sick yesterday.",
             "We've got a slot on Thursday morning or Friday afternoon, whichever is better really.",
             "So would Thursday morning work for you then, that's between eight and ten, I can put you in for that.",
             "Great, I'll book that in then and someone will probably give you a call beforehand to confirm it, "
             "sometime before Thursday anyway."]
    state = _play("missed-appointment", "en", lines)
    _, reply = _last(state)
    assert state.solved_at is None and "thought through" not in reply


# 2. Canned lines quote no vague word the agent never said -----------------------------------------------------------
def test_her_impatience_quotes_no_vague_word() -> None:
    sc = load("missed-appointment")
    for lang in ("de", "en"):
        for text in sc.fillers["annoyed"].all(lang) + customer_lines(lang, "vague_time"):
            assert not re.search(r"zeitnah|bald|soon|shortly", text, re.IGNORECASE), text


# 4. The mobile caller told his problem in his opening ----------------------------------------------------------------
def test_no_offer_asks_whether_the_agent_wants_to_know_what_is_wrong() -> None:
    for lang in ("de", "en"):
        for text in customer_lines(lang, "offer"):
            assert not re.search(r"nicht erst mal wissen|don't you want to know", text, re.IGNORECASE)
    _, reply = _last(_play("mobile-caller", "de", ["MailHaus Hotline, Berger.", "Sie haben also nur das Handy dabei, keinen Laptop?",
                                                   "Ist das schon lange so?"], seed=3))
    assert reply and "los ist" not in reply


@pytest.mark.parametrize("lang,line", [
    ("de", "Was hat mein Kollege Ihnen denn genau gesagt, welche Einstellung geändert werden soll?"),
    ("en", "What did my colleague tell you exactly, which setting needs changing?"),
])
def test_the_hotline_colleague_is_no_question_about_his_staff(lang: str, line: str) -> None:
    greeting = {"de": "MailHaus Hotline, Berger.", "en": "MailHaus hotline, Sam speaking."}[lang]
    _, reply = _last(_play("mobile-caller", lang, [greeting, line]))
    assert not re.search(r"Ein-Mann-Büro|one-man firm", reply)
    staff = {"de": "Jemand in Ihrem Büro, der das freigeben kann?", "en": "Is there anyone at your office who could approve it?"}
    _, reply = _last(_play("mobile-caller", lang, [greeting, staff[lang]]))  # asked about his staff: he works alone
    assert re.search(r"Ein-Mann-Büro|one-man firm", reply)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_his_description_adds_to_his_opening(lang: str) -> None:
    sc = load("mobile-caller")
    reply = next(s for s in sc.steps if s.id == "describe").reply.all(lang)

    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}

    for opening in sc.opening.all(lang):
        for variant in reply:
            assert not runs(opening) & runs(variant), (opening, variant)


# 5 (DE 6). One thanks for understanding, not a second one a turn late -----------------------------------------------
@pytest.mark.parametrize("lang,lines", [
    ("en", ["Morning, IT hotline, Jonas speaking, what's up?",
            "Oh no, that's annoying, especially with the payroll due today. By when do you need the printouts?",
            "I understand, that's really frustrating. I believe you about the plug. Often the printer hangs on a power "
            "strip under the desk with its own switch – could you check whether that's on?"]),
    ("de", ["Guten Morgen, IT-Hotline, Jonas Berger – was ist denn los?",
            "Oh je, das ist ärgerlich, gerade wenn die Abrechnung heute raus muss. Bis wann brauchen Sie die Ausdrucke denn spätestens?",
            "Das verstehe ich gut, das ist wirklich ärgerlich. Das mit dem Stecker glaube ich Ihnen. Oft hängt der Drucker "
            "aber an einer Steckdosenleiste unterm Tisch mit eigenem Schalter – könnten Sie nachsehen, ob der an ist?"]),
])
def test_her_thanks_for_understanding_is_not_said_again_a_turn_late(lang: str, lines: list[str]) -> None:
    turn, reply = _last(_play("checked-plug", lang, lines))
    assert "check_plug" in turn.steps
    thanks = load("checked-plug").reactions["empathy"].reply.all(lang)
    assert not any(t in reply for t in thanks)
    # with no step to answer her thanks is still her answer ("Which printer is it exactly?" – not "Hm. And then?")
    _, reply = _last(_play("checked-plug", lang, lines[:2] + [{"en": "I understand, that's really frustrating. Which printer is it exactly?",
                                                              "de": "Das verstehe ich gut, das ist wirklich ärgerlich. Welcher Drucker ist es denn genau?"}[lang]]))
    assert any(t in reply for t in thanks)
