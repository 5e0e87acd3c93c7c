"""Round 13: mediocre calls scored too high – credits a demanding trainer would not give.

* "The technician will then install the client …" says what someone else will do: no "clear, short instruction".
* A stock apology that names nothing ("Oh, I'm sorry about that.") answers her anger only half.
* "They'll get back to you by noon" offers no further help: a bare goodbye.
* A line that passes over her bait ("Is this a known bug?" – "Then just add the suffix.") is no "calm and factual"
  answer, and a reason two lines later does not answer it either.
* "I'll send you a confirmation later": said what happens, not by when – the vague credit, said so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from playtest_calls import play, reading
from simulator.scoring.consistency import problems
from simulator.scoring.scorer import score_call

SCRIPTS = Path(__file__).resolve().parent / "scripts"
HELLO = {"en": "IT service, Sam Porter, hello.", "de": "IT-Service, Sam Porter, guten Tag."}


def _team(sid: str, name: str) -> list[str]:
    return [l for l in (SCRIPTS / sid / f"{name}.txt").read_text(encoding="utf-8").splitlines() if l.strip()]


def _kinds(score, dim: str, turn: int) -> list[str]:
    return [e.kind for e in score.dimension(dim).evidence if e.turn == turn]


def _turn(state, n: int):
    return next(t for t in state.trainee_turns if t.number == n)


# -- an instruction asks the customer to do something now ---------------------------------------------------------
@pytest.mark.parametrize("sid, line, hers", [
    ("missed-appointment", "The technician will then install the client and join it to the AD domain.",
     "Please click on Start and then on Settings."),
    ("missed-appointment", "Our engineer will then set up the printer and install the software.",
     "Then just plug the cable back in, please."),
    ("checked-plug", "The network team will then reset your profile.",
     "Just check whether the cable is plugged in at the back."),
    ("checked-plug", "Someone from IT will then replace the cable.", "Then we unplug it together and plug it in again."),
])
def test_what_someone_else_will_do_is_no_clear_instruction_en(sid, line, hers) -> None:
    sc, state, score = play(sid, "en", [HELLO["en"], line])
    assert "instruction" in _turn(state, 2).acts  # the analyser read it as one: the scorer decides whose it is
    kinds = _kinds(score, "clarity", 2)
    assert "clear_instruction" not in kinds and "instruction_others" in kinds, kinds
    assert problems(sc, state, score) == []
    # an instruction for her keeps its credit ("we … together" is hers too)
    _, state, score = play(sid, "en", [HELLO["en"], hers])
    assert "instruction" in _turn(state, 2).acts and "clear_instruction" in _kinds(score, "clarity", 2)


@pytest.mark.parametrize("line, hers", [
    ("Der Techniker installiert dann den Client und bindet ihn ans AD an.",
     "Klicken Sie bitte auf Start und dann auf Einstellungen."),
    ("Die Kollegen setzen dann Ihr Profil zurück.", "Stecken Sie das Kabel bitte wieder ein."),
    ("Wir installieren die Kanzleisoftware dann vor Ort.",
     "Dann starten wir den Rechner gemeinsam neu: Drücken Sie den Einschaltknopf."),
])
def test_what_someone_else_will_do_is_no_clear_instruction_de(line, hers) -> None:
    sc, state, _ = play("missed-appointment", "de", [HELLO["de"], line])
    state = reading(state, 2, ("instruction",), (("instruction", line),))  # as the learned head may read it
    score = score_call(sc, state)
    kinds = _kinds(score, "clarity", 2)
    assert "clear_instruction" not in kinds and "instruction_others" in kinds, kinds
    _, state, score = play("checked-plug", "de", [HELLO["de"], hers])
    assert "instruction" in _turn(state, 2).acts and "clear_instruction" in _kinds(score, "clarity", 2)


# -- a stock apology names nothing ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, line, named", [
    ("en", "Oh, I'm sorry about that. Something went wrong there.",
     "I'm sorry you waited all morning and nobody even called you."),
    ("en", "Sorry about that, that's unfortunate.", "I understand why you're angry, you lost a whole morning."),
    ("en", "My apologies for that.", "I'm so sorry, that must have been a frustrating morning for you."),
    ("en", "I do apologise.", "I'm sorry the technician didn't turn up yesterday and nobody let you know."),
    ("de", "Oh, das tut mir leid.", "Es tut mir leid, dass Sie gestern umsonst gewartet haben."),
    ("de", "Entschuldigung dafür.", "Das ist ärgerlich, entschuldigen Sie bitte, dass niemand gekommen ist."),
    ("de", "Das tut mir leid, Entschuldigung.",
     "Ich verstehe, dass Sie sauer sind – Sie haben den ganzen Vormittag gewartet."),
    ("de", "Oh, das tut mir leid. Da ist wohl was schiefgelaufen.",
     "Das tut mir sehr leid, dass der Techniker nicht gekommen ist."),
])
def test_a_stock_apology_answers_her_anger_only_half(lang, line, named) -> None:
    sc, state, score = play("missed-appointment", lang, [HELLO[lang], line])
    items = [e for e in score.dimension("empathy").evidence if e.turn == 2]
    assert [e.kind for e in items] == ["cue_answered_bare"], items
    assert 0 < items[0].effect < 30
    assert problems(sc, state, score) == []
    # one that names what went wrong or her situation earns the full share
    _, _, score = play("missed-appointment", lang, [HELLO[lang], named])
    full = [e for e in score.dimension("empathy").evidence if e.turn == 2]
    assert [e.kind for e in full] == ["cue_answered"] and full[0].effect > items[0].effect


# -- "they'll get back to you" is no offer of more help ---------------------------------------------------------------
@pytest.mark.parametrize("last", ["They'll get back to you by noon tomorrow. Bye.",
                                  "The network team will get back to you by noon tomorrow. Bye."])
def test_the_team_getting_back_to_him_is_no_offer_of_more_help(last) -> None:
    def closing(line: str) -> list[str]:
        _, _, score = play("expert-user", "en", _team("expert-user", "en-mediocre")[:-1] + [line])
        return [e.kind for e in score.dimension("courtesy").evidence if e.kind.startswith("closing")]

    assert closing(last) == ["closing_bare"]
    # his getting back to us, or a question for anything else, is the offer
    assert closing(last.replace(" Bye.", " If anything else comes up, get back to me. Bye.")) == ["closing"]
    assert closing(last.replace(" Bye.", " Anything else I can do for you? Bye.")) == ["closing"]


# -- passing over the bait ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, fifth", [
    ("en", None), ("en", "Then set the suffix by hand for now."), ("en", "Okay, add the DNS suffix manually then."),
    ("de", None), ("de", "Dann setzen Sie das Suffix erst mal von Hand."),
])
def test_a_line_that_passes_over_the_bait_is_neither_calm_nor_answered(lang, fifth) -> None:
    lines = _team("expert-user", f"{lang}-mediocre")
    if fifth:
        lines[4] = fifth
    sc, state, score = play("expert-user", lang, lines)
    assert "calm" not in _kinds(score, "courtesy", 5)
    assert "cue_missed" in [e.kind for e in score.dimension("empathy").evidence]
    assert "cue_reason_only" not in _kinds(score, "empathy", 6)  # "I'll pass that on" answered the next thing
    assert problems(sc, state, score) == []
    # an honest answer to the bait stays calm
    lines[4] = HONEST[lang]
    _, _, score = play("expert-user", lang, lines)
    assert "calm" in _kinds(score, "courtesy", 5)
    # a line that won her over answered her push-back ("Ja, ein Foto reicht, darum kümmere ich mich"): not passed over
    path = SCRIPTS.parent / "scripts_independent" / "mobile-caller" / "de-good.txt"
    _, _, score = play("mobile-caller", "de", [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()])
    assert not [e for e in score.dimension("empathy").evidence if e.kind == "cue_missed"]


HONEST = {"en": "Honestly, I don't know yet – you're the first report about 5.2. For now, set the suffix by hand.",
          "de": "Ehrlich gesagt weiß ich das noch nicht, Sie sind die erste Meldung zur 5.2. Setzen Sie das Suffix bis dahin "
                "von Hand."}


# -- "later": said what happens, not by when ----------------------------------------------------------------------
@pytest.mark.parametrize("lang, sixth", [
    ("en", None), ("en", "The slot is booked, I'll send you the confirmation later."),
    ("de", None), ("de", "Der Termin steht, ich schicke Ihnen die Bestätigung später."),
])
def test_a_promise_for_later_earns_no_full_transparency_credit(lang, sixth) -> None:
    lines = _team("missed-appointment", f"{lang}-mediocre")
    if sixth:
        lines[5] = sixth
    sc, state, score = play("missed-appointment", lang, lines)
    t6 = [e for e in score.dimension("transparency").evidence if e.turn == 6]
    assert all(e.kind != "transparency" and e.effect <= 5 for e in t6), t6
    assert problems(sc, state, score) == []
    # with the hour it is kept, it says what happens and by when
    lines[5] = TIMED[lang]
    _, _, score = play("missed-appointment", lang, lines)
    assert not any(e.kind.startswith("transparency_vague") for e in score.dimension("transparency").evidence if e.turn == 6)


TIMED = {"en": "The slot is booked, I'll send you the confirmation by 2 pm today.",
         "de": "Der Termin steht, ich schicke Ihnen die Bestätigung heute bis 14 Uhr."}


def test_the_team_mediocre_calls_land_in_the_mediocre_band() -> None:
    for sid in ("missed-appointment", "expert-user"):
        for lang in ("en", "de"):
            _, _, score = play(sid, lang, _team(sid, f"{lang}-mediocre"))
            assert score.total <= 66, (sid, lang, score.total)
