"""Round-13 play-test, customer side (unknown-answer, expert-user, missed-appointment): a line that puts the work on
her takes no step of the agent's; an excuse is no openness; she does what was proposed, picks a slot she was offered,
and answers a question about her deadline."""

from __future__ import annotations

import pytest

from playtest_calls import last, replayed
from simulator.dialogue.events import Shifted, has

OPENING = {"de": "Guten Tag, Lizenzbetreuung, Berger.", "en": "Hello, licensing support, Sam speaking."}
# lines of our own that tell her to find it out herself, in other words than the testers'
PUSHED_ON_HER = {
    "de": ["Das müssen Sie dann selbst beim Hersteller nachfragen, die Lizenzabteilung erreichen Sie per Mail.",
           "Rufen Sie doch am besten direkt bei der Lizenzabteilung an, die melden sich dann irgendwann bei Ihnen."],
    "en": ["You'll need to contact the licensing team yourself, they usually answer by email tomorrow.",
           "You could email the vendor, they'll call you back at some point."],
}
AGENT_STEPS = ("find_out", "time", "callback", "in_writing")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("which", [0, 1])
def test_a_line_that_tells_her_to_find_out_herself_takes_no_step_of_the_agent(lang: str, which: int) -> None:
    state = replayed("unknown-answer", lang, [OPENING[lang], PUSHED_ON_HER[lang][which]])
    turn, reply = last(state)
    assert not set(turn.steps) & set(AGENT_STEPS), turn.steps
    assert has(turn.events, Shifted)
    assert "callback" not in turn.acts and "time_commitment" not in turn.acts
    # she objects; she never answers as if a callback or an e-mail had been offered
    assert not any(w in reply for w in ("Durchwahl", "extension", "schriftlich wäre", "in writing would"))
    assert state.mood < replayed("unknown-answer", lang, [OPENING[lang]]).mood


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_agents_own_promise_beside_a_tip_is_still_taken(lang: str) -> None:
    line = {"de": "Ich kläre das mit unserer Lizenzabteilung und rufe Sie bis 16 Uhr zurück. Sie können mich "
                  "jederzeit unter der Hotline anrufen.",
            "en": "I'll check with our licensing team and call you back by 4 pm. You can always call me on the "
                  "hotline."}[lang]
    turn, _ = last(replayed("unknown-answer", lang, [OPENING[lang], line]))
    assert {"find_out", "time"} <= set(turn.steps)
    assert not has(turn.events, Shifted)


BLAME = {
    "de": ["Guten Tag, Service-Hotline, Berger.", "Da hätten Sie ja auch mal bei uns anrufen können, wenn keiner kommt."],
    "en": ["Hello, service hotline, Sam speaking.", "Well, you could have rung us when nobody turned up."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_blaming_her_for_not_calling_annoys_her(lang: str) -> None:
    state = replayed("missed-appointment", lang, BLAME[lang])
    turn, reply = last(state)
    assert has(turn.events, Shifted)
    assert not turn.steps
    assert "Krank werden kann jeder" not in reply and "Anyone can fall ill" not in reply
    assert state.mood < replayed("missed-appointment", lang, BLAME[lang][:1]).mood


EXCUSE = {
    "de": "Der Kollege war halt krank, das kann schon mal passieren, da kann ich nichts dafür.",
    "en": "The technician was off sick, that happens, it's not my fault.",
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_sick_call_as_a_shrug_is_no_openness(lang: str) -> None:
    turn, reply = last(replayed("missed-appointment", lang, [BLAME[lang][0], EXCUSE[lang]]))
    assert "explain" not in turn.steps
    assert "offen sagen" not in reply and "telling me straight" not in reply


def test_a_recognisers_ill_for_ill_is_no_sick_call() -> None:
    line = "Ill put it back in the queue and someone will ring you"
    turn, _ = last(replayed("missed-appointment", "en", [BLAME["en"][0], line]))
    assert "explain" not in turn.steps


GUESSED = {
    "de": ["Ja, Lizenzbetreuung, Berger.", "Ich denke schon, dass das dabei ist, bei Professional ist das Standard.",
           "Falls doch nicht, kostet es halt ein bisschen extra, das ist ja nicht meine Sache."],
    "en": ["Hi, licensing, Sam here.", "I think it's included, it normally comes with Professional.",
           "and if not its a bit extra, not really my problem"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_after_a_guess_her_pushback_doubts_it_and_asks_for_no_yes(lang: str) -> None:
    turn, reply = last(replayed("unknown-answer", lang, GUESSED[lang]))
    for asks_for_a_yes in ("schätzen müssten", "einfach ja oder nein", "had to guess", "Just tell me yes or no"):
        assert asks_for_a_yes not in reply


def test_her_recap_answer_and_her_goodbye_do_not_both_wait_for_the_call() -> None:
    lines = [
        "Guten Tag, Lizenzbetreuung, Berger.",
        "Ehrlich gesagt weiß ich das nicht, ich kläre das mit unserer Lizenzabteilung.",
        "Ich rufe Sie heute bis 16 Uhr zurück. Unter welcher Nummer erreiche ich Sie?",
        "Zusammengefasst: Ich kläre das mit der Lizenzabteilung und rufe Sie bis 16 Uhr auf der Durchwahl 12 zurück.",
        "Dann wünsche ich Ihnen einen schönen Tag, auf Wiederhören."]
    state = replayed("unknown-answer", "de", lines)
    replies = " ".join(x.reply.text for x in state.exchanges if x.reply is not None)
    assert replies.count("warte ich auf Ihren Anruf") <= 1


EXPERT = {
    "en": ["Hi, VPN support, Sam speaking, how can I help?",
           "Understood, no script then. What have you already checked on your side?",
           "Could you run Get-DnsClientNrptPolicy on a 5.2 machine and check the DNS suffix on the VPN adapter?",
           "I don't know yet whether it's a known bug, but it looks like the new profile no longer ships the NRPT rule."],
    "de": ["Hallo, VPN-Support, Sam hier, was kann ich für dich tun?",
           "Gut, dann ohne Standardfragen. Was hast du denn schon alles geprüft?",
           "Kannst du auf einem 5.2-Rechner mal Get-DnsClientNrptPolicy laufen lassen und das DNS-Suffix am Adapter "
           "anschauen?",
           "Ob das ein bekannter Bug ist, weiß ich noch nicht, aber es sieht so aus, als ob das neue Profil die "
           "NRPT-Regel nicht mehr mitbringt."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_naming_the_missing_nrpt_rule_as_the_cause_is_no_workaround(lang: str) -> None:
    state = replayed("expert-user", lang, EXPERT[lang])
    turn, reply = last(state)
    assert "workaround" not in turn.steps
    assert "von Hand gesetzt" not in reply and "set by hand" not in reply
    proposed = {"en": "As a workaround, you can add the NRPT rule by hand on the 5.2 machines for now.",
                "de": "Als Workaround kannst du die NRPT-Regel auf den 5.2-Rechnern vorerst von Hand setzen."}[lang]
    turn, _ = last(replayed("expert-user", lang, EXPERT[lang] + [proposed]))
    assert "workaround" in turn.steps
