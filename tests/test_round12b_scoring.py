"""Play-test round 12 (second scorer pass): the debrief findings of /tmp/r12/{de,en}/findings.md.

Each test plays lines of its own in both languages; where the class is the scorer's, the analyser's reading is pinned
(``reading``) so the test says how the scorer judges those acts, whatever the analyser reads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from simulator.scoring import score_call
from simulator.scoring.consistency import problems
from simulator.scoring import wording

from playtest_calls import items as _items
from playtest_calls import kinds as _kinds
from playtest_calls import play as _play
from playtest_calls import reading as _reading

STRINGS = Path(__file__).resolve().parent.parent / "simulator" / "strings"
GREET = {"de": "Guten Morgen, IT-Hotline, Sie sprechen mit Sam Berger. Was kann ich für Sie tun?",
         "en": "Good morning, IT helpdesk, you're speaking with Sam Berger. What can I do for you?"}
LICENCE_GREET = {"de": "Guten Tag, Lizenzbetreuung, hier ist Sam Berger, was kann ich für Sie tun?",
                 "en": "Good afternoon, licensing support, Sam Berger speaking, how can I help?"}


def _values(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _values(v)
    elif isinstance(node, list):
        for v in node:
            yield from _values(v)
    elif isinstance(node, str):
        yield node


# -- EN mobile-caller: "she lost it" for Tom Reed – the debrief's own words name no gender ---------------------------
@pytest.mark.parametrize("lang, gendered", [
    ("en", r"\b(she|her|hers|herself|he|him|his|himself)\b"),
    ("de", r"\b(Kundin|Anruferin|Laiin)\b"),
])
def test_debrief_strings_name_no_gender(lang: str, gendered: str) -> None:
    catalogue = yaml.safe_load((STRINGS / f"{lang}.yaml").read_text(encoding="utf-8"))
    hits = [v for v in _values(catalogue) if re.search(gendered, v, re.IGNORECASE)]
    assert hits == []


# -- EN mobile-caller variant: a closing act in mid-call ("Before anything else, …") is no goodbye --------------------
@pytest.mark.parametrize("lang, lines", [
    ("en", ["MailHaus support, good afternoon, Sam speaking.",
            "Before anything else, in case the line drops, what number can I call you back on?",
            "Got it. What exactly happens when you try to send an e-mail?",
            "I see. Are you on the road without a laptop right now?"]),
    ("de", ["MailHaus Support, guten Tag, Sam Berger am Apparat.",
            "Bevor wir irgendwas anderes machen: Unter welcher Nummer kann ich Sie zurückrufen, falls die Leitung abbricht?",
            "Danke. Was genau passiert, wenn Sie eine Mail senden wollen?",
            "Verstehe. Sie sind gerade unterwegs und haben keinen Laptop dabei?"]),
])
def test_a_closing_act_mid_call_is_no_goodbye(lang: str, lines: list[str]) -> None:
    sc, state, _ = _play("mobile-caller", lang, lines)
    state = _reading(state, 2, ("callback", "closing"))
    score = score_call(sc, state)
    assert not {"closing", "closing_bare"} & set(_kinds(score, "courtesy", 2))


# -- EN unknown-answer mediocre 1: a step the greeting took is no word of hers ------------------------------------------
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_step_she_cannot_tell_is_never_shown_as_told_unasked(lang: str) -> None:
    sc, state, score = _play("unknown-answer", lang, [LICENCE_GREET[lang]])
    state = _reading(state, 1, ("greeting", "open_question"), steps=("context", "find_out"))
    score = score_call(sc, state)
    told = [e for e in _items(score, "checklist", 1) if e.kind == "step_volunteered"]
    find_out = sc.step("find_out").title.get(lang)
    assert not any(find_out in e.note for e in told)


# -- DE 31: a concrete time after one that was no promise counts ------------------------------------------------------
@pytest.mark.parametrize("lang, team, promise", [
    ("de", "Das kläre ich mit unserer Lizenzabteilung, die sind heute bis siebzehn Uhr erreichbar.",
     "ich rufe sie heute bis sechzehn uhr dreißig zurück mit einer verbindlichen antwort"),
    ("de", "Das kläre ich mit unserer Lizenzabteilung, die sind heute bis 17 Uhr erreichbar.",
     "Ich melde mich heute bis 16:30 bei Ihnen mit der Antwort."),
    ("en", "I'll check that with our licensing team, they're reachable until five today.",
     "I'll call you back today by half past four with a definite answer."),
    ("en", "I'll check that with our licensing team, they're reachable until 5 today.",
     "I'll get back to you today by 4:30 with the answer."),
])
def test_a_later_concrete_time_is_credited(lang: str, team: str, promise: str) -> None:
    honest = {"de": "Ehrlich gesagt weiß ich das nicht, raten möchte ich nicht.",
              "en": "Honestly, I don't know that, and I don't want to guess."}[lang]
    sc, state, score = _play("unknown-answer", lang, [LICENCE_GREET[lang], honest, team, promise])
    title = sc.step("time").title.get(lang)
    done = [e for e in _items(score, "checklist") if title in e.note and e.effect > 0]
    assert [e.turn for e in done] == [4]
    assert "time_frame" in _kinds(score, "transparency", 4)


@pytest.mark.parametrize("lang, sentence", [
    ("de", "Die melden sich dann bei Ihnen, im Laufe vom Tag oder spätestens morgen."),
    ("de", "Ich melde mich hoffentlich heute noch oder morgen."),
    ("de", "Ich rufe Sie wahrscheinlich heute Nachmittag an."),
    ("en", "Hopefully later today or tomorrow some time."),
    ("en", "Someone will probably give you a call, sometime before Thursday."),
    ("en", "I'll call you today or tomorrow."),
])
def test_a_hope_or_either_or_is_a_vague_time(lang: str, sentence: str) -> None:
    assert wording.vague(sentence, lang, time_only=True)


@pytest.mark.parametrize("lang, sentence", [
    ("de", "Ich rufe Sie heute bis 16 Uhr zurück."),
    ("de", "Ich melde mich heute oder spätestens morgen um neun."),
    ("en", "I'll call you back today by 4 pm."),
    ("en", "I'll ring you today or tomorrow at nine, whichever suits you."),
])
def test_a_time_to_hold_the_agent_to_is_not_vague(lang: str, sentence: str) -> None:
    assert not wording.vague(sentence, lang, time_only=True)


@pytest.mark.parametrize("lang, sentence, said", [
    ("de", "ich rufe sie heute bis sechzehn uhr dreißig zurück", "bis sechzehn"),
    ("de", "Wir melden uns spätestens um 9 bei Ihnen.", "um 9"),
    ("en", "I'll call you back by four today.", "by four"),
])
def test_the_agents_own_time(lang: str, sentence: str, said: str) -> None:
    assert getattr(wording, "own_time", lambda *_: "")(sentence, lang) == said


# -- EN expert-user 5, EN unknown-answer 4, DE 14: a vague promise reassures nobody ------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "I'll pass this to the network team. Someone will come back to you soon."),
    ("en", "Hopefully later today or tomorrow some time, depends how busy they are."),
    ("de", "Jo, die melden sich dann zeitnah bei Ihnen, dat kriegen mer hin."),
    ("de", "Keine Sorge, das klärt sich bestimmt irgendwann im Laufe vom Tag."),
])
def test_a_vague_promise_earns_no_reassurance(lang: str, line: str) -> None:
    sc, state, _ = _play("expert-user", lang, [GREET[lang], line])
    state = _reading(state, 2, ("reassurance", "transparency"), (("reassurance", line),))
    score = score_call(sc, state)
    assert not [e for e in _items(score, "empathy", 2) if e.effect > 0]


@pytest.mark.parametrize("lang, line", [
    ("en", "Don't worry, we'll sort this out. I'll call you back by 4 pm today."),
    ("de", "Keine Sorge, das kriegen wir hin. Ich rufe Sie heute bis 16 Uhr zurück."),
])
def test_reassurance_with_a_real_promise_still_counts(lang: str, line: str) -> None:
    sc, state, _ = _play("unknown-answer", lang, [LICENCE_GREET[lang], line])
    state = _reading(state, 2, ("reassurance", "time_commitment"), (("reassurance", line.split(".")[0]),))
    score = score_call(sc, state)
    assert [e for e in _items(score, "empathy", 2) if e.effect > 0]


# -- EN missed-appointment mediocre 5: "someone will probably call, sometime before Thursday" --------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "Great, I'll book that in and someone will probably give you a call to confirm it, sometime before Thursday."),
    ("de", "Gut, ich trag das ein, und irgendwer ruft Sie wahrscheinlich vorher nochmal an, irgendwann vor Donnerstag."),
])
def test_a_vague_confirmation_call_is_half_done(lang: str, line: str) -> None:
    sc, state, _ = _play("missed-appointment", lang, [GREET[lang], line])
    state = _reading(state, 2, ("callback",), (("callback", line),), steps=("new_time", "confirm"))
    score = score_call(sc, state)
    confirm = [e.kind for e in _items(score, "checklist", 2) if sc.step("confirm").title.get(lang) in e.note]
    assert confirm == ["step_vague_callback"]


# -- DE 32, EN unknown-answer mediocre 3: her number, given unasked -----------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "I'll ask the licensing people about it and get back to you."),
    ("en", "Let me check with the licensing team, and I'll get back to you on that."),
    ("de", "Ich frag mal bei der Lizenzabteilung nach und melde mich dann bei Ihnen."),
    ("de", "Ich kläre das mit den Kollegen aus dem Lizenzteam und melde mich wieder."),
])
def test_a_number_she_gave_unasked_is_hers_and_half(lang: str, line: str) -> None:
    sc, state, _ = _play("unknown-answer", lang, [LICENCE_GREET[lang], line])
    turn = state.exchanges[-1].trainee
    if "callback" not in turn.steps:  # the engine did not take it from this line: pin it, with her answer
        pytest.skip("engine took no callback step here")
    score = score_call(sc, state)
    mine = _items(score, "checklist", 2)
    assert "step_callback_unasked" in [e.kind for e in mine]
    assert all(e.kind != "step_done" or sc.step("callback").title.get(lang) not in e.note for e in mine)
    assert problems(sc, state, score) == []


# -- DE 5, EN checked-plug/jargon-averse good 4: she has just found the cause – no summary due before the obvious fix ---
PLUG = {
    "de": ["Guten Morgen, IT-Hotline, Sam Berger am Apparat. Was ist passiert?",
           "Oh je, das ist ärgerlich. Bis wann brauchen Sie die Ausdrucke denn?",
           "Ich glaube Ihnen, dass der Stecker steckt. Schauen Sie bitte trotzdem mal unter den Tisch, ob die "
           "Steckdosenleiste eingeschaltet ist – da gibt es oft einen Schalter, der aus Versehen ausgeht.",
           "Dann drücken Sie bitte den Schalter an der Leiste, und schalten Sie danach den Drucker ein."],
    "en": ["Good morning, IT helpdesk, Sam speaking. What's happened?",
           "Oh no, that's annoying. By when do you need the printouts?",
           "I believe you the plug is in. Could you still look under the desk whether the power strip is switched on? "
           "There's often a switch on it that gets knocked off by accident.",
           "Then press the switch on the strip, please, and switch the printer on afterwards."],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_summary_is_due_right_after_she_found_the_cause(lang: str) -> None:
    sc, state, score = _play("checked-plug", lang, PLUG[lang])
    assert [e.effect for e in _items(score, "summarising", 4) if e.kind.startswith("no_summary_before")] == []
    assert "summary_not_due_found" in _kinds(score, "summarising", 4)
    assert problems(sc, state, score) == []


@pytest.mark.parametrize("lang, line", [
    ("de", "Schalten Sie bitte die Steckdosenleiste unter dem Tisch ein und dann den Drucker."),
    ("en", "Switch on the power strip under your desk and then the printer, please."),
])
def test_a_fix_nobody_found_still_wants_the_summary_before(lang: str, line: str) -> None:
    sc, state, score = _play("checked-plug", lang, PLUG[lang][:2] + [line])
    assert "summary_not_due_found" not in _kinds(score, "summarising")


# -- DE 16, EN checked-plug mediocre 1: who speaks is the name, with or without an article; the team names nobody ----
@pytest.mark.parametrize("lang, line", [
    ("de", "Servus, MedIT Service, Sie sprechen mit dem Jonas Berger. Was kann ich für Sie tun?"),
    ("de", "Grüß Gott, IT-Hotline, Sie sprechen mit der Anna Huber."),
    ("de", "guten tag hotline berger was kann ich für sie tun"),
    ("de", "guten morgen helpdesk weber wie kann ich helfen"),
    ("en", "Good morning, IT support, Dave here."),
    ("en", "Sam here, how can I help?"),
])
def test_the_name_introduces(lang: str, line: str) -> None:
    assert wording.introduces(line, lang)


@pytest.mark.parametrize("lang, line", [
    ("de", "Guten Tag, Sie sprechen mit der IT-Hotline. Was kann ich tun?"),
    ("de", "Guten Tag, Sie sprechen mit der Hotline, was kann ich tun?"),
    ("de", "hallo support hier was gibts"),
    ("en", "hi helpdesk here, whats up?"),
    ("en", "Support here, what can I do for you?"),
    ("en", "hello, licensing here"),
])
def test_the_team_alone_introduces_nobody(lang: str, line: str) -> None:
    assert not wording.introduces(line, lang)


# -- DE 30: a line flooding a lay caller with terms costs more than one stray term (capped) ---------------------------
@pytest.mark.parametrize("lang, flood, one", [
    ("de", "Das ist vermutlich DNS, oder der DHCP-Server vergibt keine IP, oder das Gateway im VLAN spinnt.",
     "Das ist vermutlich ein DNS-Problem."),
    ("de", "Prüfen Sie IMAP und SMTP, Port 993 mit SSL, sonst ist es OAuth.", "Prüfen Sie bitte mal IMAP."),
    ("en", "It's probably DNS, or the DHCP server hands out no IP, or the gateway in the VLAN is off.",
     "It's probably a DNS problem."),
    ("en", "Check IMAP and SMTP, port 993 with SSL, otherwise it's OAuth.", "Please check IMAP."),
])
def test_many_terms_cost_more_than_one(lang: str, flood: str, one: str) -> None:
    def cost(line: str) -> tuple[float, list[str]]:
        sc, state, _ = _play("jargon-averse", lang, [GREET[lang], line])
        state = _reading(state, 2, ("jargon",), (("jargon", line.split()[2]),))
        score = score_call(sc, state)
        found = [e for e in _items(score, "clarity", 2) if e.kind.startswith("jargon")]
        return sum(e.effect for e in found), [e.kind for e in found]

    (many, kinds), (single, single_kinds) = cost(flood), cost(one)
    assert kinds == ["jargon_many"] and single_kinds == ["jargon"]
    assert single < 0 and many < single and many >= single * 2.5


# -- EN cross-cutting 4, unknown-answer good 4, checked-plug good 2: the quote is the sentence that earned the credit --
@pytest.mark.parametrize("lang, line", [
    ("en", "Honestly, I don't know that yet. Our licensing team knows, they're reachable until 5 today. "
           "I'll ask them straight after our call and call you back by 4 pm today."),
    ("de", "Ehrlich gesagt weiß ich das noch nicht. Unsere Lizenzabteilung weiß es, die sind heute bis 17 Uhr erreichbar. "
           "Ich frage gleich nach unserem Gespräch nach und rufe Sie heute bis 16 Uhr zurück."),
])
def test_the_time_credit_quotes_the_promise(lang: str, line: str) -> None:
    sc, state, score = _play("unknown-answer", lang, [LICENCE_GREET[lang], line])
    frame = [e.quote for e in _items(score, "transparency", 2) if e.kind == "time_frame"]
    assert frame and all("16" in q or "4 pm" in q for q in frame)
    title = sc.step("time").title.get(lang)
    assert all("16" in e.quote or "4 pm" in e.quote for e in _items(score, "checklist", 2) if title in e.note)


@pytest.mark.parametrize("lang, line", [
    ("en", "Oh no, that's the last thing you need today. Thanks for checking the plug already, that saves us time. "
           "How urgent are those statements, do they have to go out today?"),
    ("de", "Oh je, das können Sie heute gar nicht brauchen. Danke, dass Sie den Stecker schon geprüft haben. "
           "Wie dringend sind die Ausdrucke denn, müssen die heute noch raus?"),
])
def test_the_step_credit_quotes_the_question_that_took_it(lang: str, line: str) -> None:
    sc, state, score = _play("checked-plug", lang, [PLUG[lang][0], line])
    title = sc.step("context").title.get(lang)
    done = [e for e in _items(score, "checklist", 2) if title in e.note and e.effect > 0]
    assert done and all(e.quote.endswith("?") and not e.quote.startswith("Oh") for e in done)
