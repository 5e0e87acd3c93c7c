"""Play-test round 11: lines the analyser read wrongly, as families (not single sentences).

The testers' calls are ``tests/scripts_playtest/<scenario>/<lang>-r11-<quality>.txt``. Most tests ask the rules
alone (``analyse_rules``), which give the evidence the debrief quotes; the last ones ask the analyser with its
learned head where the machine has it (the head may not veto a goodbye).
"""

from __future__ import annotations

import pytest

from playtest_calls import head_acts
from simulator.analysis import Analyser


def _acts(lang: str, line: str) -> set[str]:
    return set(Analyser.for_language(lang).analyse_rules(line).acts)


# -- when someone is around, or when her own meeting is, nobody promised a time ---------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "Our licensing team knows this, they are here until 5 pm today."),
    ("en", "The service desk is open till six, by the way."),
    ("en", "i get it an hour isnt long so lets be quick"),
    ("en", "So we get this sorted before your meeting in an hour."),
    ("de", "Die Lizenzabteilung ist heute bis 17 Uhr erreichbar."),
    ("de", "Die Kollegen sind nur bis 16 Uhr im Haus."),
    ("de", "Eine Stunde ist nicht viel, ich weiß."),
    ("de", "Damit Sie bis zu Ihrem Termin in einer Stunde wieder Mails haben."),
])
def test_availability_and_her_deadline_promise_nothing(lang: str, line: str) -> None:
    assert "time_commitment" not in _acts(lang, line)


# -- hedged days and "tomorrow or the day after" are vague ------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "They will revert back to you shortly, maybe by tomorrow or day after."),
    ("en", "Probably tomorrow, we'll see."),
    ("en", "Someone gets back to you tomorrow or the next day."),
    ("de", "Die melden sich dann, vielleicht morgen oder übermorgen."),
    ("de", "Vielleicht morgen."),
    ("de", "Das wird wahrscheinlich nächste Woche."),
])
def test_hedged_days_are_no_commitment(lang: str, line: str) -> None:
    assert "time_commitment" not in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "I'll call you back by 4 pm, the team is here until 5."),
    ("en", "I'll have it fixed within an hour, well before your meeting at two."),
    ("en", "I'll ring you tomorrow at 10, or the day after at 10 if you prefer."),
    ("de", "Ich rufe Sie bis 16 Uhr zurück, die Kollegen sind bis 17 Uhr da."),
    ("de", "Ich kann Ihnen morgen um acht oder übermorgen um zehn anbieten."),
    ("de", "Ich melde mich morgen früh um neun."),
])
def test_promises_beside_them_still_count(lang: str, line: str) -> None:
    assert "time_commitment" in _acts(lang, line)


# -- "I get it" inside a recogniser-style line ------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "i can hear you mr reed and i get it an hour isnt long so lets be quick",
    "ok and i totally understand you need it before the meeting",
    "right i hear you thats a pain",
])
def test_understanding_without_punctuation(line: str) -> None:
    assert "empathy" in _acts("en", line)


# -- refusing the whole job, regional blame ---------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "look I can't check every SKU and SLA for you, just tell your boss to sign"),
    ("en", "I cannot go through all your licences for you."),
    ("de", "Ich kann nicht jede Lizenz für Sie einzeln prüfen."),
    ("de", "Ich kann ja nicht alles für Sie nachschauen."),
    ("de", "ja mei, do konn i aa nix dafür, der kolleech war halt grank."),
])
def test_refusing_the_job_is_rude(lang: str, line: str) -> None:
    assert "rude" in _acts(lang, line)


def test_owning_a_gap_is_not_rude() -> None:
    assert "rude" not in _acts("en", "I can't know every licence by heart, so I'll check with licensing and call you by 3.")
    assert "rude" not in _acts("de", "Ich kann nicht jede Lizenz auswendig wissen, deshalb frage ich nach und rufe Sie bis 15 Uhr an.")


# -- closings and bare infinitive requests ----------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("de", "Gut, dann wars das von meiner Seite."),
    ("de", "Das war's dann von mir, schönen Tag noch."),
    ("en", "ok that's it from my side, bye"),
    ("en", "That's all from me, take care."),
])
def test_closing_from_my_side(lang: str, line: str) -> None:
    assert "closing" in _acts(lang, line)


@pytest.mark.parametrize("line", ["na sehn se. anmachen dann gehts", "Einfach neu starten, dann läuft er wieder.",
                                  "Stecker rein und einschalten, dann druckt er."])
def test_bare_infinitive_with_its_result_is_an_instruction(line: str) -> None:
    assert "instruction" in _acts("de", line)


@pytest.mark.parametrize("lang, line", [
    ("en", "ok that's it from my side, bye"),
    ("de", "Gut, dann wars das von meiner Seite. Tschüss."),
    ("de", "des kann i ihnen jetzt net sagen, des macht die disposition. pfiat eahna"),
])
def test_the_head_does_not_veto_a_goodbye(lang: str, line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "closing" in head_acts(lang, line, monkeypatch)


# -- "so it's firm" says what the agent's booking means, it restates nothing of hers ----------------------------
@pytest.mark.parametrize("line", [
    "I can give you this Thursday, eight to ten - I'm booking it for you now, so it's firm.",
    "Done, so it's confirmed for Friday at nine.",
])
def test_so_its_booked_is_no_summary(line: str) -> None:
    assert "summary" not in _acts("en", line)


@pytest.mark.parametrize("line", ["So it's only the printer in room 4 that's down?", "so it is the screen that stays black"])
def test_so_its_her_problem_is_still_a_summary(line: str) -> None:
    assert "summary" in _acts("en", line)


# -- the agent's own situation as an excuse -----------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("de", "Ich mach nur meinen Job. Ich leg Ihnen ein Ticket an."),
    ("de", "mir ham halt grad vui zu tun, i schau amol dass nächste woche wer vorbeikommt"),
    ("de", "Wir haben eben gerade sehr viel zu tun."),
    ("en", "I'm just doing my job, ma'am."),
    ("en", "I'm just following the process here."),
])
def test_excuses_are_rude(lang: str, line: str) -> None:
    assert "rude" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("de", "Wir haben gerade viel zu tun, deshalb dauert es leider etwas länger – ich rufe Sie bis 15 Uhr zurück."),
    ("en", "I'm just checking the process for you."),
])
def test_saying_how_busy_it_is_with_a_plan_is_not_rude(lang: str, line: str) -> None:
    assert "rude" not in _acts(lang, line)


# -- a guessed diagnosis opened with "also das ist" is no summary, and it does not explain the jargon in it ------
def test_a_guess_opened_like_a_recap_is_no_summary_and_keeps_its_jargon() -> None:
    acts = _acts("de", "Ok also das ist vermutlich die SMTP-Auth bzw. die IMAP-Freigabe am Server")
    assert "summary" not in acts and "jargon" in acts
    assert "summary" in _acts("de", "Gut, also die Leiste ist aus und der Drucker hat keinen Strom.")
    assert "jargon" not in _acts("de", "Das Problem liegt am DNS, also das ist sozusagen das Telefonbuch des Internets.")


@pytest.mark.parametrize("line", ["Keine Sorge, Sie haben bestimmt nichts kaputt gemacht.", "Sie haben sicher nix verstellt, keine Angst."])
def test_telling_her_she_broke_nothing_is_not_blame(line: str) -> None:
    assert "rude" not in _acts("de", line)


def test_blaming_her_for_fiddling_is_still_rude() -> None:
    assert "rude" in _acts("de", "Da haben Sie bestimmt was verstellt.")


# -- her own time said back as a check is no promise (own play after round 11) ----------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "Got it. So your email stopped working on the phone and you need it for a meeting at two, is that right?"),
    ("en", "So you need it by 3 pm today, correct?"),
    ("de", "Also Sie brauchen die Mails bis zu Ihrem Termin um zwei, richtig?"),
])
def test_her_time_checked_back_is_no_commitment(lang: str, line: str) -> None:
    assert "time_commitment" not in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "I'll call you back by 3 pm, is that okay?"),
    ("en", "So I'll call you back at two, is that right?"),
    ("de", "Ich rufe Sie bis 15 Uhr zurück, passt das?"),
])
def test_my_time_checked_back_is_still_a_commitment(lang: str, line: str) -> None:
    assert "time_commitment" in _acts(lang, line)
