"""Round 12: the mobile caller – every natural good route works, in both languages.

His opening already says what is wrong (e-mail down since this morning, on a train, meeting soon), so `context` and
`obstacle` no longer wait for an open question about the symptom; `describe` (not essential) is taken by any open
question that lets him tell it in his words – also "who has to approve it?" / "what's stopping the change?".
Routes: (a) the classic one, (b) straight to what blocks the change, (c) the photo note proposed before the
obstacle – he says what is missing ("do you even know yet what the actual problem is?"), the trainee asks, proposes
again and is credited. Written by hand, some in recogniser style (no punctuation, no capitals).
"""

from __future__ import annotations

import pytest

from simulator.dialogue import Engine
from simulator.dialogue.session import Call
from simulator.scenario import load
from simulator.scoring.consistency import problems

CALLS = {
    "en-classic": ("en", [
        "MailHaus support, Chris speaking. Before anything else, what number can I call you back on if we get cut off?",
        "Thanks, noted. I'm sorry, that's really stressful on a train. What exactly happens when you try to get your e-mail?",
        "Do you have a laptop with you, or only your phone?",
        "And what stopped the change from being made this morning?",
        "Then let's do it without the portal: write by hand on a piece of paper that Mr Yilmaz may change your settings, "
        "sign it and text me a photo.",
        "Yes, honestly, a photo of the signed note is enough for us, no printer or form needed.",
        "So to sum up: you text me the photo, I authorise Mr Yilmaz, and he changes the setting.",
        "Once the photo is here your e-mail works again within twenty minutes, well before your meeting.",
        "Good luck with your meeting, bye!",
    ]),
    "en-who-approves": ("en", [
        "MailHaus support, Anna speaking. In case we get cut off, what number can I call you back on?",
        "Got it. I understand, that's really stressful with a meeting coming up. Who has to approve the change on your account?",
        "I see. There's a way without a computer: write a short note by hand that Mr Yilmaz may change your settings, "
        "sign it and text us a photo.",
        "Yes, a photo of a signed note is enough for us, no printer or form needed.",
        "So to sum up: you text the photo, I authorise Mr Yilmaz, and your e-mail works again within twenty minutes, "
        "well before your meeting.",
        "Good luck with your meeting, bye!",
    ]),
    "en-photo-first-asr": ("en", [
        "mailhaus support this is anna in case we get cut off whats the best number to call you back on",
        "got it that sounds really stressful on a train the quickest way is a handwritten note write that mr yilmaz may "
        "change your settings sign it and text me a photo",
        "sorry you're right what is stopping mr yilmaz from changing it",
        "i understand so write that note by hand sign it and text us a photo from your phone a photo is enough for us no "
        "printer needed",
        "so to sum up you text the photo i authorise mr yilmaz and your email works again within twenty minutes well "
        "before your meeting",
        "good luck with your meeting bye",
    ]),
    "de-klassisch": ("de", [
        "MailHaus Kundenservice, Jana Becker. Unter welcher Nummer kann ich Sie zurückrufen, falls die Verbindung abreißt?",
        "Danke, notiert. Das ist ärgerlich, gerade im Zug vor einem Termin. Was genau passiert, wenn Sie Ihre Mails abrufen?",
        "Haben Sie einen Laptop dabei oder nur das Handy?",
        "Und woran ist die Umstellung heute früh gescheitert?",
        "Dann geht es ohne Portal: Schreiben Sie von Hand auf einen Zettel, dass Herr Yilmaz die Einstellungen ändern "
        "darf, unterschreiben Sie und schicken Sie mir ein Foto per SMS.",
        "Ja, ein Foto vom unterschriebenen Zettel reicht uns wirklich, Sie brauchen keinen Drucker und kein Formular.",
        "Zusammengefasst: Sie schicken mir das Foto, ich schalte Herrn Yilmaz frei, und er stellt die Einstellung um.",
        "Sobald das Foto da ist, gehen Ihre Mails in spätestens zwanzig Minuten wieder, also vor Ihrem Termin.",
        "Viel Erfolg bei Ihrem Termin, auf Wiederhören!",
    ]),
    "de-wer-gibt-frei-asr": ("de", [
        "mailhaus kundenservice jana becker falls die verbindung abreißt unter welcher nummer kann ich sie zurückrufen",
        "danke notiert das versteh ich das ist echt stressig im zug wer müsste die änderung denn freigeben",
        "verstehe dann machen wir es ohne rechner schreiben sie von hand auf einen zettel dass herr yilmaz die "
        "einstellungen ändern darf unterschreiben und schicken sie mir ein foto per sms",
        "ja ein foto vom unterschriebenen zettel reicht uns wirklich sie brauchen keinen drucker und kein formular",
        "also zusammengefasst sie schicken das foto ich schalte herrn yilmaz frei und in spätestens zwanzig minuten gehen "
        "ihre mails wieder vor ihrem termin",
        "viel erfolg beim termin tschüss",
    ]),
    "de-zettel-zuerst": ("de", [
        "MailHaus Kundenservice, Jana Becker. Falls die Verbindung abreißt: Unter welcher Nummer erreiche ich Sie?",
        "Danke. Das ist wirklich stressig im Zug. Am schnellsten geht es mit einem Zettel: Schreiben Sie, dass Herr "
        "Yilmaz die Einstellung ändern darf, unterschreiben Sie und schicken Sie mir ein Foto.",
        "Entschuldigung, Sie haben recht. Woran hängt es denn, dass Herr Yilmaz das nicht umstellen kann?",
        "Verstehe. Dann schreiben Sie die Freigabe von Hand auf einen Zettel, unterschreiben und schicken mir ein Foto "
        "per SMS. Ein Foto reicht uns, Sie brauchen keinen Drucker.",
        "Zusammengefasst: Sie schicken das Foto, ich schalte Herrn Yilmaz frei, und in spätestens zwanzig Minuten gehen "
        "Ihre Mails wieder, vor Ihrem Termin.",
        "Viel Erfolg beim Termin, auf Wiederhören!",
    ]),
}
UNREACHED = ("step_missed", "step_blocked", "step_early")
"""Debrief items that say a step was not reached (missing, needed another step first, too early)."""


def _play(lang: str, lines: list[str]) -> Call:
    call = Call(Engine(load("mobile-caller"), lang), seed=0)
    call.play(lines)
    return call


@pytest.mark.parametrize("name", sorted(CALLS))
def test_natural_good_calls_are_resolved_and_credited(name: str) -> None:
    lang, lines = CALLS[name]
    call = _play(lang, lines)
    sc = load("mobile-caller")
    assert call.state.solved_at is not None, name
    assert call.score.total >= 75, (name, call.score.total)
    assert problems(sc, call.state, call.score) == []
    taken = {s for t in call.state.trainee_turns for s in t.steps}
    titles = {s.id: s.title.get(lang) for s in sc.steps}
    for dim in call.score.dimensions:
        for e in dim.evidence:
            if e.kind in UNREACHED:
                assert not any(titles[s] in e.note for s in taken), (name, e.note)
    assert {"callback", "obstacle", "propose_photo", "recap", "time_frame"} <= taken, (name, taken)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_photo_proposed_before_the_obstacle_gets_the_early_reply_then_counts(lang: str) -> None:
    name = {"de": "de-zettel-zuerst", "en": "en-photo-first-asr"}[lang]
    call = _play(lang, CALLS[name][1])
    turns = call.state.trainee_turns
    early = load("mobile-caller").step("propose_photo").early.all(lang)
    assert "propose_photo" not in turns[1].steps
    assert any(e in call.state.exchanges[2].reply.text for e in early)
    assert "obstacle" in turns[2].steps and "propose_photo" in turns[3].steps


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_desk_named_in_the_greeting_finds_no_obstacle(lang: str) -> None:
    line = {"de": "IT-Support, Berger. Unter welcher Nummer erreiche ich Sie, falls die Verbindung abreißt?",
            "en": "Hello, IT support, Sam. What number can I reach you on if the line drops?"}[lang]
    call = _play(lang, [line])
    assert call.state.trainee_turns[0].steps == ("callback",)
