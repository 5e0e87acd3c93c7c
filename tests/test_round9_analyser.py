"""Play-test round 9: lines the analyser read wrongly, as families (not single sentences).

The testers' calls are ``tests/scripts_playtest/<scenario>/<lang>-r9-<quality>.txt``. These tests ask the rules
alone (``analyse_rules``), which give the evidence the debrief quotes; the learned head may still add or veto acts.
"""

from __future__ import annotations

import pytest

from simulator.analysis import Analyser


def _acts(lang: str, line: str) -> set[str]:
    return set(Analyser.for_language(lang).analyse_rules(line).acts)


# -- a time of day that describes her morning promises nothing ------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "Oh dear, that's really annoying first thing in the morning, especially with statements to get out."),
    ("en", "It takes ten seconds and then we can rule it out and move on."),
    ("de", "Oh je, und das gleich am Morgen, wenn die Abrechnung raus muss – das ist wirklich ärgerlich."),
    ("de", "Am Morgen lief noch alles, sagen Sie?"),
])
def test_her_morning_is_no_time_commitment(lang: str, line: str) -> None:
    assert "time_commitment" not in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "I'll call you first thing in the morning."),
    ("en", "We can have someone there first thing tomorrow."),
    ("en", "It takes ten seconds, and I'll call you back by 3 pm either way."),
    ("de", "Ich melde mich bis morgen früh bei Ihnen."),
    ("de", "Der Techniker kommt am Montag zwischen 8 und 10 Uhr."),
])
def test_promised_times_still_count(lang: str, line: str) -> None:
    assert "time_commitment" in _acts(lang, line)


# -- brush-offs --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "Honestly, that's not really my problem."),
    ("en", "It's not exactly my department, is it."),
    ("en", "If you want I can escalate it, but don't expect anything before next month."),
    ("en", "Don't expect miracles."),
    ("de", "Dann installieren Sie den Client halt neu. Mehr kann ich da nicht machen."),
    ("de", "Mehr kann ich für Sie nicht tun."),
    ("de", "Starten Sie den Rechner halt nochmal."),
    ("de", "Erwarten Sie aber keine Wunder."),
    ("de", "Rechnen Sie nicht damit, dass das vor nächstem Monat was wird."),
])
def test_brush_offs_are_rude(lang: str, line: str) -> None:
    assert "rude" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "I don't expect it to take long."),
    ("en", "Expect an e-mail from me by 4 pm."),
    ("de", "Mehr kann ich im Moment nicht sagen, aber ich melde mich bis 14 Uhr."),
    ("de", "Halten Sie bitte kurz die Taste gedrückt."),
    ("de", "Mehr kann ich da nicht machen, aber ich gebe es sofort an die Kollegen weiter."),
])
def test_look_alikes_are_not_rude(lang: str, line: str) -> None:
    assert "rude" not in _acts(lang, line)


# -- apologies ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "Sorry, my fault, I'll go slower."),
    ("en", "My bad, let me say that again."),
    ("de", "Und ich möchte mich ehrlich bei Ihnen entschuldigen: Sie haben einen Rückruf zugesagt bekommen, "
           "und der ist nicht gekommen."),
    ("de", "Dafür muss ich mich wirklich entschuldigen."),
])
def test_apologies_are_empathy(lang: str, line: str) -> None:
    assert "empathy" in _acts(lang, line)


def test_a_promised_callback_that_never_came_arranges_none() -> None:
    line = "Sie haben letzte Woche einen Rückruf zugesagt bekommen, und der ist nicht gekommen. Das tut mir leid."
    assert "callback" not in _acts("de", line)


# -- recaps without "zusammengefasst" ---------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "Verstehe. Also kurz zusammen: Ihre Mails gehen seit heute früh nicht, und die Freigabe kriegen Sie ohne "
    "Rechner nicht hin. Richtig so?",
    "Kurz zusammen: Workaround läuft per Hand-Regel, Profil-Fix geht ans Netzwerkteam. Passt das?",
    "also nur dass ich das richtig hab bei ihnen am computer steht kein netzwerk und die weltkugel hat ein kreuz",
    "Damit ich das richtig verstanden habe: der Drucker ist seit heute früh aus und das Kabel steckt.",
    "Ich sage Ihnen, was ich hier sehe: Das Ticket ist seit zehn Tagen offen, beim zweiten Anruf wurde es "
    "weitergeleitet. Stimmt das so mit Ihrem Eindruck überein?",
])
def test_german_recaps_without_the_word_are_summaries(line: str) -> None:
    assert "summary" in _acts("de", line)


@pytest.mark.parametrize("line", [
    "Damit ich das richtig verstehe: Was genau passiert, wenn Sie drucken?",
    "Drücken Sie bitte auf Start. Passt das so?",
])
def test_a_question_after_the_marker_is_no_summary(line: str) -> None:
    assert "summary" not in _acts("de", line)


# -- regional goodbyes -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "Lassen Se sich den Kaffee schmecken, tschö!",
    "Na dann, servus!",
    "Tschüssi, machen Se's gut!",
])
def test_regional_goodbyes_close(line: str) -> None:
    assert "closing" in _acts("de", line)


def test_servus_at_the_start_is_no_goodbye() -> None:
    assert "closing" not in _acts("de", "Servus, hier ist der Support, was kann ich für Sie tun?")


# -- questions a recogniser gives without "?" ------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "what steps have you taken so far"),
    ("en", "which room"),
    ("en", "is outlook in cached mode"),
    ("en", "does the printer show anything at all"),
    ("en", "could you look at the router are the lights green"),
    ("en", "please look at the status bar is there a wifi symbol"),
    ("en", "i can send someone tomorrow at nine or thursday at eleven which suits you"),
    ("de", "hängen die am ladeschrank"),
    ("de", "leuchtet an der leiste was"),
    ("de", "würde ihnen morgen um neun passen"),
    ("de", "ich kann ihnen morgen um acht oder übermorgen um zehn anbieten was passt besser"),
    ("de", "schauen sie bitte einmal auf die rückseite steht da ein aufkleber"),
])
def test_questions_without_punctuation(lang: str, line: str) -> None:
    assert {"open_question", "closed_question"} & _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "two minutes then is finished"),
    ("en", "right now is a bad time for the network team"),
    ("en", "please check that the cable is the grey one"),
    ("en", "what a mess"),
    ("de", "kann ihnen nichts verbindliches sagen"),
    ("de", "schauen sie bitte nach ob da ein aufkleber ist"),
    ("de", "na ja so ist das halt manchmal kennt man ja"),
])
def test_statements_without_punctuation_stay_statements(lang: str, line: str) -> None:
    assert not {"open_question", "closed_question"} & _acts(lang, line)


# -- reassurance the bank labels: praise, "you're sorted", "just ring if", "it won't come back" ----------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "Brilliant, well spotted."),
    ("en", "Good that you tried, it rules out a lot."),
    ("en", "There you go, you're all set."),
    ("en", "And if anything else comes up, just call."),
    ("en", "Leave it with me."),
    ("en", "That was a one-off, it won't happen again."),
    ("en", "I'll stay on the line while it restarts."),
    ("de", "Sie machen das prima, wir sind gleich fertig."),
    ("de", "Gut so, das war genau richtig."),
    ("de", "Wenn noch was ist, rufen Sie einfach an."),
    ("de", "Das ist jetzt dauerhaft behoben."),
    ("de", "Des packma scho."),
    ("de", "Sie verpassen nichts, die Mails werden nachgeliefert."),
])
def test_reassurance_families(lang: str, line: str) -> None:
    assert "reassurance" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "Is it working again?"),
    ("en", "Are you all set up for the meeting?"),
    ("en", "If it happens again, write down the error message."),
    ("de", "Was haben Sie genau gemacht?"),
    ("de", "Wenn es wieder passiert, notieren Sie bitte die Meldung."),
])
def test_reassurance_look_alikes(lang: str, line: str) -> None:
    assert "reassurance" not in _acts(lang, line)


# -- restatements without a recap word ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("en", "So the scanners haven't sent anything since yesterday afternoon."),
    ("en", "Okay, so only the top floor loses wifi."),
    ("en", "Aye, so no scanning."),
    ("en", "If I've got this right, when you log in it says your password has expired."),
    ("en", "So we've agreed: the engineer comes tomorrow at 10."),
    ("de", "Also nur die Kamera geht nicht."),
    ("de", "mhm also nur morgens"),
    ("de", "Verstanden, nur Excel."),
    ("de", "Sie haben das Gerät also schon zweimal neu gestartet."),
    ("de", "Vereinbart ist also: Morgen um zehn kommt der Techniker."),
])
def test_restatements_are_summaries(lang: str, line: str) -> None:
    assert "summary" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "So the engineer will come tomorrow."),
    ("en", "So no worries, we'll sort it."),
    ("en", "So I'll check the server now."),
    ("de", "Also, ich schaue mal nach."),
    ("de", "Also bitte einmal neu starten."),
    ("de", "Verstehe. Ich schaue gleich nach."),
    ("de", "Moment ich"),
])
def test_plans_and_stammers_are_no_summaries(lang: str, line: str) -> None:
    assert "summary" not in _acts(lang, line)


# -- saying what I am doing, and why ------------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "I'll rebuild the index from here.",
    "Found it, someone edited the template. I'm restoring yesterday's version.",
    "Hi Mr Rowe, it's Mia from IT, calling about your email.",
    "Shut the laptop down completely, otherwise the setting won't stick.",
    "Turn the wifi off and on so it makes a fresh connection.",
    "So the strip itself has no power, which explains the printer.",
    "One moment I'm pulling up your ticket.",
])
def test_transparency_families(line: str) -> None:
    assert "transparency" in _acts("en", line)


@pytest.mark.parametrize("line", [
    "Don't worry, we'll get that sorted.",
    "I'll be honest with you.",
    "I'm sorry to hear that.",
    "I'll keep this quick.",
])
def test_reassurance_and_manners_are_no_transparency(line: str) -> None:
    assert "transparency" not in _acts("en", line)


# -- round 10: blame, lecturing and brush-offs ------------------------------------------------------------------
@pytest.mark.parametrize("lang, line", [
    ("de", "Na irgendwas müssen Sie ja gemacht haben, von allein zieht sich kein Kabel raus."),
    ("de", "Ich kann ja nix dafür, dass die Kollegen das verbockt haben."),
    ("de", "Das löst meistens 90 Prozent der Probleme, wenn man's richtig macht."),
    ("de", "Hab ich doch gerade gesagt. Hören Sie mir eigentlich zu?"),
    ("de", "Ich hab noch andere Anrufer in der Queue."),
    ("de", "Das kann eigentlich nicht sein, die 5.2 ist getestet."),
    ("en", "Hm, you should've rung us when he didn't turn up, to be honest."),
    ("en", "Your credentials are wrong. Not our fault."),
    ("en", "You've been dumping files on the local disk instead of the share."),
    ("en", "I've got other callers waiting, so let's keep this short."),
])
def test_round10_blame_and_brush_offs_are_rude(lang: str, line: str) -> None:
    assert "rude" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("de", "Das kann nicht sein, dass Sie so lange warten mussten – das tut mir leid."),
    ("de", "Haben Sie vorher etwas am Kabel gemacht?"),
    ("en", "You should have received an email from us this morning."),
])
def test_round10_look_alikes(lang: str, line: str) -> None:
    assert "rude" not in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [
    ("en", "I see – so your boss wants to know if the module is part of the renewal before he signs tomorrow."),
    ("en", "Got it, so the printer only jams on thick paper."),
    ("de", "Damit wir beide dasselbe auf dem Zettel haben: Die Abbrüche kommen immer kurz nach der vollen Stunde."),
    ("de", "Also nochmal kurz für uns beide: Der Schalter an der Leiste war aus."),
])
def test_round10_recaps(lang: str, line: str) -> None:
    assert "summary" in _acts(lang, line)


def test_round10_mocking_echo_is_rude() -> None:
    line = "Ja klar, die Kaffeemaschine, genau. Und morgen ist es der Mond. Kommt eine Fehlermeldung oder nicht?"
    assert "rude" in _acts("de", line)
    assert "rude" not in _acts("de", "Klar, der Drucker, genau, der steht links.")


def test_named_rudeness_beats_a_kindness_only_the_head_read() -> None:
    """'Stopp, stopp. Das interessiert mich alles nicht.' – the head read empathy into it; the rule names the snub."""
    from simulator.analysis.result import Analysis, Evidence
    from simulator.dialogue.rudeness import rude_reading

    line = "Stopp, stopp. Das interessiert mich alles nicht. Was ist das Problem, in einem Satz?"
    base = Analyser.for_language("de").analyse_rules(line)
    whole = Evidence("empathy", 0, len(line), line)
    read = Analysis(**{**{f: getattr(base, f) for f in base.__slots__},
                       "acts": base.acts + ("empathy",), "evidence": base.evidence + (whole,)})
    acts, unsure, unclear = rude_reading(read, line)
    assert "rude" in acts and "empathy" not in acts and not unclear
    kind = "Tut mir leid, da kann ich nix machen."  # a rule's apology beside the rule's shrug: unclear, as before
    base2 = Analyser.for_language("de").analyse_rules(kind)
    assert {"rude", "empathy"} <= set(base2.acts)
    acts2, _, unclear2 = rude_reading(base2, kind)
    assert unclear2 and "rude" not in acts2


@pytest.mark.parametrize("lang, line", [
    ("en", "I'll call you back with a clear answer by 4 pm today. What's the best number, and are you around all "
           "afternoon?"),
    ("de", "Ich rufe Sie bis 16 Uhr zurück. Sind Sie heute Nachmittag erreichbar?"),
])
def test_a_promise_beside_a_question_about_her_day_stays(lang: str, line: str) -> None:
    assert "time_commitment" in _acts(lang, line)


@pytest.mark.parametrize("lang, line", [("en", "Is the report due today?"), ("de", "Ist die Abrechnung heute noch fällig?")])
def test_a_time_only_asked_about_is_no_promise(lang: str, line: str) -> None:
    assert "time_commitment" not in _acts(lang, line)
