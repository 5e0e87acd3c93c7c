"""Round 14: families the play-testers' calls used that the rules missed, and look-alikes that stay as they were.

Dialect excuses ("da kann isch nix für", Kölsch/Hessian "isch" = ich), sending a mobile caller away to find signal
instead of arranging a callback, cutting a caller off with "too much info"; "Schönen Tach noch" and a good wish
("lassen Sie sich den Kaffee schmecken") close the call and ask for nothing; "ja schon gut" brushes her off and
hears nothing; Denglisch and hardware jargon (Error Code, Settings, Network Adapter; PSU, SSD, temp files);
"ich glaub das …" guesses. Every line was written for this test, not copied from the play-test scripts or the bank.
"""

from __future__ import annotations

import pytest

from simulator.analysis import Analyser
from simulator.scoring.wording import guesses


def _acts(lang: str, line: str) -> set[str]:
    return set(Analyser.for_language(lang).analyse_rules(line).acts)


@pytest.mark.parametrize("lang, line", [
    ("de", "Da kann isch doch nix für, dat is der Dienstleister."),
    ("de", "Des isch halt so, da kann i nix dafür."),
    ("de", "Gehen Sie halt erst mal an einen besseren Ort und rufen dann nochmal an."),
    ("de", "Suchen Sie sich bitte einen besseren Empfang, dann reden wir weiter."),
    ("de", "Stopp. Viel zu viele Details."),
    ("en", "Go and find a better signal, then ring us again."),
    ("en", "pls move to find some better reception and call back"),
    ("en", "Whoa, way too much information."),
])
def test_excuses_sending_her_away_and_cutting_her_off_are_rude(lang: str, line: str) -> None:
    assert "rude" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("de", "Schon gut, das kann jedem passieren."),
    ("de", "Wenn die Verbindung abbricht, rufe ich Sie sofort unter dieser Nummer zurück."),
    ("de", "Ich kann dafür sorgen, dass der Techniker morgen kommt."),
    ("en", "If we get cut off, I'll ring you straight back on this number."),
    ("en", "That's a lot of information, thanks – let me sort it out."),
    ("en", "Too much paperwork on your side? I'll send you a form instead."),
])
def test_look_alikes_stay_polite(lang: str, line: str) -> None:
    assert "rude" not in _acts(lang, line)


@pytest.mark.parametrize("line", [
    "Schönen Tach noch, Herr Berger!",
    "Alles klar, dann schönen Tach noch und lassen Sie sich das Mittagessen schmecken.",
])
def test_dialect_goodbyes_and_good_wishes_close_the_call(line: str) -> None:
    acts = _acts("de", line)
    assert "closing" in acts and "instruction" not in acts, acts


def test_tach_is_still_a_greeting_at_the_start() -> None:
    assert "greeting" in _acts("de", "Tach, IT-Support, Jansen hier.")


@pytest.mark.parametrize("line", ["ja schon gut, was steht denn da genau?", "Ach, schon gut. Und weiter?"])
def test_ja_schon_gut_is_no_listening(line: str) -> None:
    assert "active_listening" not in _acts("de", line)


@pytest.mark.parametrize("lang, line", [
    ("de", "Welchen Error Code zeigt er an?"),
    ("de", "Haben Sie in den Settings etwas verstellt?"),
    ("de", "Ist der Network Adapter aktiviert?"),
    ("en", "Sounds like the PSU is on its way out."),
    ("en", "Your SSD is almost full."),
    ("en", "I'll clear the temp files for you."),
])
def test_denglisch_and_hardware_jargon(lang: str, line: str) -> None:
    assert "jargon" in _acts(lang, line)


@pytest.mark.parametrize("line", ["ich glaub das Modul ist mit drin", "Ich denk schon, dass das dabei ist.",
                                  "ich glaub die lizenz deckt das ab, sicher bin ich aber nicht"])
def test_short_forms_of_i_think_guess(line: str) -> None:
    assert guesses(line, "de")


def test_i_believe_you_is_no_guess() -> None:
    assert not guesses("Ich glaub Ihnen das, keine Frage.", "de")


@pytest.mark.parametrize("line", ["wie wirkt sich das auf ihre arbeit aus", "wia schaut des bei ihnen aus",
                                  "wos moant er denn wenn sie drucken"])
def test_w_questions_with_sich_er_des_without_a_question_mark(line: str) -> None:
    assert "open_question" in _acts("de", line)


@pytest.mark.parametrize("line", ["Ich weiß, wie sich das anfühlt.", "So wie sich das anhört, ist das Kabel locker."])
def test_how_it_feels_is_no_question(line: str) -> None:
    assert "open_question" not in _acts("de", line)
