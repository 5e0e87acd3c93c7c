"""My own unknown-answer calls after round 13: an honest "I don't know" she pushed back on ("And if you had to
guess?") is stood by when the next line gives the way forward – who finds out, by when, a call back – without saying
"I don't know" again. A guess in that line is no standing by. Lines written for this test, both languages."""

from __future__ import annotations

import pytest

from playtest_calls import items, last, play, replayed

OPENING = {"de": "Hallo, Lizenzservice, Sie sprechen mit Chris Adam.", "en": "Hi, licensing desk, Chris speaking."}
HONEST = {"de": "Ehrlich gesagt weiß ich das gerade nicht sicher, und raten möchte ich bei einer Unterschrift nicht.",
          "en": "Honestly, I don't know that for certain, and I'd rather not guess when your boss is about to sign."}
PLAN = {"de": "Ich frage jetzt gleich bei unserer Lizenzabteilung nach und rufe Sie heute bis 15 Uhr zurück.",
        "en": "I'll ask our licensing team right now and ring you back by 3 pm today with a clear answer."}
GUESS_PLAN = {"de": "Wahrscheinlich ist das schon mit drin, aber ich frage bei der Lizenzabteilung nach und rufe Sie bis 15 Uhr an.",
              "en": "It's probably included anyway, but I'll ask licensing and ring you back by 3 pm."}


def _pushed_on_admit(lang: str):
    state = replayed("unknown-answer", lang, [OPENING[lang], HONEST[lang]])
    turn, _ = last(state)
    return turn


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_way_forward_stands_by_the_honest_answer_she_pushed_back_on(lang: str) -> None:
    assert "admit" not in _pushed_on_admit(lang).steps  # her push-back: "And if you had to guess?"
    state = replayed("unknown-answer", lang, [OPENING[lang], HONEST[lang], PLAN[lang]])
    turn, reply = last(state)
    assert "admit" in turn.steps and "find_out" in turn.steps
    # no "that's true, actually – if it costs extra …": nobody argued about costs
    assert "extra" not in reply.lower()
    _, _, score = play("unknown-answer", lang, [OPENING[lang], HONEST[lang], PLAN[lang]])
    title = {"de": "Ehrlich sagen", "en": "Say honestly"}[lang]
    missing = [i for i in items(score, "checklist") if i.effect < 0 and title in i.note]  # no "step missing: …"
    assert not missing, missing


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_guess_with_the_plan_does_not_stand_by_it(lang: str) -> None:
    state = replayed("unknown-answer", lang, [OPENING[lang], HONEST[lang], GUESS_PLAN[lang]])
    turn, _ = last(state)
    assert "admit" not in turn.steps


GRANT = {"de": ["Guten Morgen, IT-Support, Tom Reuter am Apparat.",
                "Oh, das ist ärgerlich. Gut, dass Sie den Stecker schon geprüft haben, das glaube ich Ihnen.",
                "Ich frage trotzdem nach etwas anderem, weil Drucker oft an einer Steckdosenleiste mit eigenem "
                "Schalter hängen. Können Sie da einmal nachschauen?"],
         "en": ["Morning, IT support, Tom speaking.",
                "Oh, that's annoying. Thanks for checking the plug already, I believe you.",
                "I'm asking about something else, because printers often hang off a power strip with its own switch. "
                "Could you have a look at that for me?"]}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_grant_in_an_earlier_line_and_a_reason_now_meet_no_push_back(lang: str) -> None:
    # her objection ("I told you, the plug is in!") was answered before she made it: granted, then a reason
    state = replayed("checked-plug", lang, GRANT[lang])
    turn, reply = last(state)
    assert "check_plug" in turn.steps, reply
    # the reason alone, without the earlier grant, still meets her push-back first
    bare = replayed("checked-plug", lang, [GRANT[lang][0], GRANT[lang][2]])
    turn, reply = last(bare)
    assert "check_plug" not in turn.steps, reply


def test_spoken_thanks_then_a_request_without_a_comma_keeps_the_request() -> None:
    # the German whisper call: "gut dass sie nach gesehen haben schalten sie den schalter an der leiste bitte einmal
    # ein" – the thanks ran on to "bitte", so the request to switch it on was dropped and the call never solved
    from simulator.dialogue.recognition import without_credit

    kept = without_credit("danke dass sie schon unterm tisch geschaut haben drücken sie jetzt bitte den schalter", "de")
    assert kept.startswith("drücken sie jetzt")
