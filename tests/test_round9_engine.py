"""Round 9 play-test fixes on the customer's side (engine and scenario data)."""

from __future__ import annotations

import pytest

from playtest_calls import engine, last, replayed
from simulator.dialogue.lines import customer_lines
from simulator.dialogue.reading import checks_status
from simulator.scenario import load

PLUG = ["Hello, IT support.", "Is the printer switched on?", "Okay. Are there any lights on the printer?",
        "Is the printer plugged into a power strip?", "Could you please check the switch on the power strip?",
        "I understand. It's just that sometimes the strip is switched off. Could you have a look, please?",
        "Okay. Can you switch it on, please?"]  # the play-tester's mediocre call (checked-plug-mediocre, en)


def test_asked_whether_it_works_after_the_fix_she_says_it_does() -> None:
    """F11/F14: "Is it working now?" right after "It's printing!" – never "I don't really know"."""
    state = replayed("checked-plug", "en", PLUG + ["Is it working now?"])
    assert state.solved_at is not None
    _, reply = last(state)
    assert reply in customer_lines("en", "fixed")
    assert reply not in customer_lines("en", "unknown_answer")


@pytest.mark.parametrize("lang,line", [("en", "Is the problem still happening?"), ("en", "Does it work now?"),
                                       ("de", "Geht er jetzt wieder?"), ("de", "Ist das Problem immer noch da?")])
def test_asked_before_the_fix_whether_it_works_she_says_it_still_does_not(lang: str, line: str) -> None:
    """F17: on her third call about it she knows the fault is still there (the scenario's own line where it has one)."""
    state = replayed("diva-complaint", lang, ["Hello, IT support.", line])
    _, reply = last(state)
    assert reply.startswith(load("diva-complaint").fillers["still_broken"].all(lang))
    state = replayed("checked-plug", lang, ["Hello, IT support.", line])
    assert last(state)[1].startswith(customer_lines(lang, "still_broken"))


@pytest.mark.parametrize("lang,line", [("en", "Does that work for you?"), ("en", "Is that okay?"),
                                       ("en", "Is it ok if I call you back?"), ("en", "Are you still there?"),
                                       ("de", "Geht das?"), ("de", "Sind Sie noch da?"), ("de", "Geht das für Sie?")])
def test_a_check_of_the_plan_or_the_line_is_no_status_question(lang: str, line: str) -> None:
    assert not checks_status(line, lang)


def test_a_closed_question_she_knows_the_answer_to_is_answered_then_she_steers() -> None:
    """F12: "Are there any lights on the printer?" – she says no light at all, then steers to her story."""
    state = replayed("checked-plug", "en", ["Hello, IT support.", "Is the printer switched on?",
                                            "Okay. Are there any lights on the printer?"])
    _, reply = last(state)
    assert reply.startswith(load("checked-plug").facts[0].answer.get("en"))
    assert any(offer in reply for offer in customer_lines("en", "offer"))


def test_he_has_only_his_phone_and_no_one_at_the_office() -> None:
    """F19: "Is it Outlook on your laptop?" and "Is there someone at your office who can do it?" are answered."""
    state = replayed("mobile-caller", "en", ["MailHaus support, hello. What's the best number to reach you on?",
                                            "Okay. Is it Outlook on your laptop that is not working?"])
    assert "phone" in last(state)[1]
    state = replayed("mobile-caller", "en", ["MailHaus support, hello. What's the best number to reach you on?",
                                            "Is there someone at your office who can do it?"])
    assert "one-man" in last(state)[1]


@pytest.mark.parametrize("lang,line", [("en", "Can I have your customer number please?"),
                                       ("de", "Können Sie mir Ihre Kundennummer geben?")])
def test_a_customer_number_is_no_callback_number(lang: str, line: str) -> None:
    """F18: asked for his customer number he does not give his mobile number, and no callback step or act is shown."""
    state = replayed("mobile-caller", lang, ["MailHaus support, hello.", line])
    turn, reply = last(state)
    assert "callback" not in turn.steps and "callback" not in turn.acts
    assert reply.startswith(load("mobile-caller").facts[-1].answer.get(lang))
    ok = replayed("mobile-caller", lang, ["MailHaus support, hello.", "What's the best mobile number to call you back on?"
                                         if lang == "en" else "Unter welcher Handynummer kann ich Sie zurückrufen?"])
    assert "callback" in last(ok)[0].steps


@pytest.mark.parametrize("line", ["Hello, thanks for calling licensing support. What can I do for you?",
                                  "Hi there, thanks for calling licensing support, this is Mike. What can I do for you today?"])
def test_naming_ones_own_desk_in_the_greeting_is_no_escalation(line: str) -> None:
    """F9: the greeting "thanks for calling licensing support" does not say who will find out."""
    state = replayed("unknown-answer", "en", [line])
    turn, reply = last(state)
    assert "find_out" not in turn.steps and "callback" not in turn.steps
    assert "someone will check" not in reply
    later = replayed("unknown-answer", "en", [line, "I'll check with our licensing team and call you back by 4 pm."])
    assert "find_out" in last(later)[0].steps


def test_every_scenario_still_loads_with_its_new_answers() -> None:
    for sid in ("checked-plug", "mobile-caller", "diva-complaint", "unknown-answer", "voicebox-rambler"):
        sc = load(sid)
        assert all(bool(f.answer) == any(f.asked.by_lang.values()) for f in sc.facts)
        engine(sid, "en")


def test_no_sheet_jab_once_his_analysis_was_said_back() -> None:
    """F3: "nice that someone's listening" and "if the next line on your sheet is …" never in one reply."""
    state = replayed("expert-user", "en", [
        "Hi, second-level support, Chris here. What's going on, and what have you already checked on your end?",
        "Got it, no script. So: tunnel up, IPs reachable, direct nslookup against .53 works, cache flushed, rebooted, "
        "and it started with the 5.2 update last night. Can you check whether the internal suffix still shows up in "
        "the NRPT?"])
    turn, reply = last(state)
    if "acknowledge" in state.steps_done:
        assert "sheet" not in reply


def test_no_stuck_in_traffic_jab_after_the_agent_gave_a_reason() -> None:
    """F21: she does not suppose he will blame the traffic once the agent said the technician was sick."""
    state = replayed("missed-appointment", "en", ["Yeah, hotline.",
                                                  "Well, technicians get sick, that's life. Nothing I can do about that."])
    assert "traffic" not in last(state)[1]


@pytest.mark.parametrize("lang,line", [
    ("en", "Write on a piece of paper that Yilmaz IT may change the settings, sign it, take a photo with your phone and "
           "email it to us."),
    ("de", "Schreiben Sie auf einen Zettel, dass Yilmaz IT die Einstellungen ändern darf, unterschreiben Sie, machen "
           "Sie ein Foto und schicken Sie es per Mail an uns.")])
def test_a_photo_by_email_while_his_email_is_down_is_questioned(lang: str, line: str) -> None:
    """F8: he asks how – his e-mail is what is broken; by text it works."""
    sc = load("mobile-caller")
    step = next(s for s in sc.steps if s.objection is not None)
    e = engine("mobile-caller", lang)
    assert e._objections[step.id][0][0].search(e.analyser.analyse_rules(line)) is not None
    by_text = line.replace("email it to us", "send it by text to 0800 6245 428").replace(
        "per Mail an uns", "per SMS an die 0800 6245 428")
    assert e._objections[step.id][0][1].search(e.analyser.analyse_rules(by_text)) is not None


def test_offended_she_answers_the_tone_not_a_scripted_bait() -> None:
    """F20: once a line is read as rude she reacts to the tone; the scripted bait waits."""
    from dataclasses import replace

    from simulator.analysis.result import Evidence

    e = engine("unknown-answer", "en")
    real = e.analyser

    class Rude:
        """The analyser, with 'not really my problem' read as rude (the rules read it so since round 9; the wrapper
        keeps the test independent of that data)."""

        def __getattr__(self, name):
            return getattr(real, name)

        def analyse(self, text):
            a = real.analyse(text)
            i = text.find("not really my problem")
            return a if i < 0 or "rude" in a.acts else replace(a, acts=a.acts + ("rude",),
                                           evidence=a.evidence + (Evidence("rude", i, i + 21, text[i:i + 21]),))

    e.analyser = Rude()
    state = e.start()
    for line in ["Licensing.", "Yeah it's probably included, BIM is usually part of Professional. Just sign it.",
                 "Honestly, that's not really my problem. Read the EULA and the SKU list on the vendor portal."]:
        state = e.respond(state, line)
    reply = state.exchanges[-1].reply.text
    assert reply in load("unknown-answer").reactions["rude"].reply.all("en")
