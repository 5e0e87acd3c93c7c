"""The narrowing tip never suggests, in other word forms, a question the trainee asked ("Wo werden die Scans
gespeichert?" – "Wo werden die eingescannten Lieferscheine denn gespeichert?")."""

from __future__ import annotations

from playtest_calls import play

LINES = ["Hallo, Service-Hotline.", "Kann ich Ihren Namen und eine Rückrufnummer haben?",
         "Ist der Rechner die ganze Zeit langsam?", "Kommt eine Fehlermeldung wegen Speicherplatz?",
         "Wo werden die Scans gespeichert?", "Okay, fertig. Tschüss."]


def test_the_tip_does_not_suggest_the_asked_question_in_other_word_forms() -> None:
    _, _, score = play("voicebox-rambler", "de", LINES)
    tips = [i.tip for d in score.dimensions for i in d.evidence if i.tip]
    assert tips
    assert not any("eingescannten Lieferscheine denn gespeichert" in tip for tip in tips), tips


def test_keyboard_mash_after_a_provocation_is_not_staying_calm() -> None:
    """Typed by a new user: 'asdf qwer zxcv' after her jab earned '+10 stayed calm and factual at a tricky moment'."""
    lines = ["Guten Tag, IT-Hotline, hier ist Maria Vogel. Was kann ich für Sie tun?", "", "???", "asdf qwer zxcv"]
    _, _, score = play("checked-plug", "de", lines)
    calm = [i for i in score.dimension("courtesy").evidence if i.kind == "calm"]
    assert not any("asdf" in i.quote for i in calm), calm
