"""Play-test round 29: readings and debrief items a careful trainer would expect (own lines, both languages)."""

from __future__ import annotations

import pytest

from simulator.analysis.analyser import Analyser
from simulator.analysis.language import compiled


def rules(lang: str, line: str):
    return Analyser(compiled(lang)).analyse_rules(line)


def _call(sid: str, lang: str, lines: list[str], seed: int = 0):
    from playtest_calls import play

    return play(sid, lang, lines, seed)


def _kinds(score, dim: str) -> list[str]:
    return [e.kind for e in score.dimension(dim).evidence]


def test_the_number_asked_for_in_speech_is_asked_for():
    lines = ["it hotline hier ist jana koch guten tag was kann ich für sie tun",
             "ja ich hör sie herr reuter falls die verbindung abreißt unter welcher nummer kann ich sie zurückrufen"]
    _, state, score = _call("mobile-caller", "de", lines, seed=1234)
    assert "callback" in state.trainee_turns[1].steps
    assert "step_callback_unasked" not in _kinds(score, "checklist")


def test_i_wont_pretend_its_a_known_bug_is_no_guess():
    from simulator.scoring.wording import guesses

    assert not guesses("Honestly, I don't know yet – you're the first report on 5.2 we've got, so I won't pretend "
                       "it's a known bug.", "en")
    assert guesses("Yes, probably, I think it's a known bug in 5.2.", "en")


def test_her_words_hold_no_term_by_a_part_of_a_word():
    """'nic' is in her 'nicht': the receptionist still does not know what a NIC is in the third line."""
    lines = ["medit support", "guten tag was ist denn passiert",
             "schon gut ähm checken sie mal ob die nic im device manager noch da ist und ob der dhcp ne ip vergibt"]
    _, state, score = _call("jargon-averse", "de", lines)
    assert "jargon" in state.trainee_turns[2].acts
    assert any(e.kind.startswith("jargon") and e.turn == 3 for e in score.dimension("clarity").evidence)


@pytest.mark.parametrize(("lang", "line", "rude"), [
    ("en", "no its not the coffee machine thats ridiculous. just do what i said", True),
    ("en", "Users always think they've checked everything.", True),
    ("en", "its prob your nephew downloading junk", True),
    ("en", "if you don't trust me, read the EULA yourself", True),
    ("en", "Can't you call from somewhere with proper signal?", True),
    ("en", "No offence, but the coffee machine is a daft theory", True),
    ("en", "It's ridiculous that nobody called you back, I'm sorry.", False),
    ("en", "There's no such thing as a stupid question.", False),
    ("de", "Ganz ruhig, ich bin ja nicht blöd, ich weiß schon, was ich tue.", True),
    ("de", "Das ist eine blöde Theorie.", True),
    ("de", "Es gibt keine dumme Frage.", False),
])
def test_mockery_and_orders_are_rude(lang, line, rude):
    assert ("rude" in rules(lang, line).acts) is rude


@pytest.mark.parametrize(("lang", "line", "jargon"), [
    ("en", "Hi, you're speaking to Nat from the service desk. What can I do for you?", False),
    ("en", "Check the NAT rule on the router.", True),
    ("en", "check the nat rule", True),
    ("de", "Guten Tag, hier ist Wan Li vom Support.", False),
])
def test_a_name_is_no_term(lang, line, jargon):
    assert ("jargon" in rules(lang, line).acts) is jargon


@pytest.mark.parametrize(("line", "rude"), [
    ("Na super, dann haben Sie ja heute richtig Spaß. Donnerstag irgendwann kommt einer, reicht das?", True),
    ("Na super, das hat ja toll geklappt mit Ihrem Stecker-Check.", True),
    ("Sie sind ja echt ne Nummer, Frau Hahn.", True),
    ("Super, das hat geklappt!", False),
    ("Dann haben Sie heute hoffentlich noch Spaß im Urlaub.", False),
])
def test_sarcasm_is_rude(line, rude):
    assert ("rude" in rules("de", line).acts) is rude


def test_a_guess_with_a_question_is_no_admission(monkeypatch):
    """The head alone read 'admit_unknown' into a guess (0.54); the customer praised an 'ehrliche Antwort'."""
    from playtest_calls import head_acts

    line = "ok ok sorry war nicht so gemeint also könnte an der split dns konfig liegen ist da das suffix noch drin"
    assert "admit_unknown" not in head_acts("de", line, monkeypatch)
    assert "admit_unknown" in head_acts("de", "Ehrlich gesagt weiß ich das im Moment nicht.", monkeypatch)


def test_a_spoken_recap_of_what_he_agreed_is_the_recap(monkeypatch):
    """'perfect so thursday 8 to 10 and my call on wednesday afternoon on extension 20 …' says back what was agreed –
    his words as much as hers; the head's recap was 'hollow' because only two long words were hers."""
    from playtest_calls import play_with_head

    lines = [
        "hi its sam from the it service desk how can i help",
        "oh no im really sorry you waited all morning and nobody even called you thats not ok",
        "let me look at the ticket the technician was off sick and the job wasnt passed on so nobody told you that was "
        "our mistake",
        "when do you need the new workstation running and which days would suit you",
        "ok so i can book a technician this thursday between 8 and 10 am does that work for you",
        "great and ill call you wednesday afternoon to confirm everything is set whats the best number to reach you on",
        "perfect so thursday 8 to 10 and my call on wednesday afternoon on extension 20 anything else i can do for you "
        "today"]
    _, state, score = play_with_head("missed-appointment", "en", lines, monkeypatch)
    assert "recap" in state.trainee_turns[-1].steps
    assert "no_summary_end" not in _kinds(score, "summarising")
