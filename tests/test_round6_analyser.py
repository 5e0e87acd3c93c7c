"""What play-test round 6 showed about reading a line, and must not come back.

German brush-offs and blame that went unnoticed ("meistens liegt's am User"),
an elliptical question read as a shrug ("When does it happen, and where?"),
hedged times taken for promises ("im Laufe des Tages"), and the learned head
calling questions and instructions summaries or snubs.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from simulator.analysis import Analyser
from simulator.analysis.acts import ACTS
from simulator.analysis.head import Policy
from simulator.analysis.language import compiled
from simulator.analysis.opinion import Opinion


@pytest.mark.parametrize("lang, line", [
    ("de", "Das sagen alle. Gucken Sie nochmal ob der Stecker drin ist."),
    ("de", "Meistens liegt's am User."),
    ("de", "Meistens haben die Leute da selbst was verstellt."),
    ("de", "Hätten Sie auch selber drauf kommen können."),
    ("de", "Ja ich hör Sie, Sie müssen nicht so schreien."),
    ("de", "Dann steigen Sie halt aus dem Tunnel aus."),
    ("de", "Stecken Sie es halt wieder rein."),
    ("de", "Tja, ich war bei den anderen Anrufen nicht dabei."),
    ("de", "Ja, genau, das hab ich ja grad gefragt."),
    ("de", "Ohne dass Sie das checken kann ich nix machen."),
    ("de", "Ich hab jetzt keine Zeit mehr, tschüss."),
    ("de", "Rufen Sie wieder an, wenn Sie wissen, was Sie wollen."),
    ("de", "Bei allen anderen Kunden geht es ja auch."),
    ("de", "Der Stecker fällt doch nicht von alleine raus."),
    ("en", "Well something must have happened, it doesn't just drop off by itself."),
    ("en", "I really don't have time for this now."),
    ("en", "Call back when you know what you want."),
    ("en", "I don't care about your nephew."),
    ("en", "Everyone says that. Just look."),
    ("de", "Wissen Sie überhaupt Ihr Passwort?"),
    ("de", "Und Sie haben wirklich nichts anderes angeklickt?"),
    ("en", "Did somebody spill coffee on it again?"),
])
def test_round6_brush_offs_and_blame_are_rude(lang: str, line: str) -> None:
    assert "rude" in Analyser.for_language(lang).analyse_rules(line).acts


@pytest.mark.parametrize("lang, line", [
    ("en", "When does it happen, and where?"),
    ("en", "One quick question so they don't ask you again: when does it happen, and only at your desk?"),
    ("en", "Like I said, I'll ring you by 4 with the answer."),
    ("en", "Things like that happen to everyone, don't worry."),
    ("de", "Können Sie halt mal kurz schauen, ob das Lämpchen leuchtet?"),
    ("de", "Halten Sie den Knopf bitte gedrückt."),
    ("de", "Ich hab leider gerade keinen Zugriff, ich melde mich um 14 Uhr."),
    ("en", "Did you restart it again after the update?"),
])
def test_plain_questions_and_calm_lines_are_not_rude(lang: str, line: str) -> None:
    assert "rude" not in Analyser.for_language(lang).analyse_rules(line).acts


@pytest.mark.parametrize("lang, line, hedged", [
    ("de", "Ich meld mich auf jeden Fall im Laufe des Tages, keine Sorge.", True),
    ("de", "Ich melde mich in den nächsten Tagen bei Ihnen.", True),
    ("de", "Ich melde mich im Laufe des Tages, spätestens um 15 Uhr.", False),
    ("en", "Should be later today or tomorrow morning.", True),
    ("en", "I'll get back to you hopefully tomorrow.", True),
    ("en", "Should be done in five minutes or so.", False),
    ("en", "I'll call you back by 4 pm today.", False),
    ("en", "So to sum up: I check with licensing, call you by 3 on extension 12, and email the confirmation.", False),
])
def test_a_hedged_time_is_no_commitment(lang: str, line: str, hedged: bool) -> None:
    assert ("time_commitment" not in Analyser.for_language(lang).analyse_rules(line).acts) is hedged


@pytest.mark.parametrize("lang, line, act", [
    ("de", "Okay, dann Leiste einschalten.", "instruction"),
    ("de", "Stecker ziehen.", "instruction"),
    ("de", "Die Leiste einschalten.", "instruction"),
    ("en", "Right, flip it on and try printing again.", "instruction"),
    ("de", "ja klar sagen sie mal kommt da eine fehlermeldung", "closed_question"),
    ("de", "verstehe haben sie den drucker schon neu gestartet", "closed_question"),
    ("de", "Oh, das ist knapp, ich versteh den Druck.", "empathy"),
    ("en", "So quickly: your signed note comes to us, I unlock Mr Yilmaz within 15 minutes, and you get a text.",
     "summary"),
    ("de", "Also kurz: Ihr Zettel kommt zu uns, ich schalte Herrn Yilmaz frei, und Sie bekommen eine SMS.", "summary"),
    ("en", "The PSU cable at the back, is it seated properly?", "jargon"),
    ("de", "Ihre NIC hat kein Link-Signal.", "jargon"),
    ("de", "Gut, dass Sie's ansprechen, aber die Kaffeemaschine macht keinen vollen Speicher, da können Sie beruhigt sein.",
     "reassurance"),
    ("en", "Good that you mention it, but the coffee machine doesn't fill the disk.", "reassurance"),
])
def test_round6_lines_carry_their_act(lang: str, line: str, act: str) -> None:
    assert act in Analyser.for_language(lang).analyse_rules(line).acts


@pytest.mark.parametrize("lang, line, act", [
    ("de", "Ich werde die Leiste einschalten.", "instruction"),
    ("de", "Dann frohes Drucken, Frau Hahn!", "instruction"),
    ("de", "Klackt er beim Einschalten oder beim Drucken?", "instruction"),
    ("de", "Ich habe die ganze Vorgeschichte gelesen.", "instruction"),
    ("de", "Tja, erzählen Sie halt nochmal kurz, was los ist.", "summary"),
    ("en", "Thanks. So since when is it slow and what exactly does the error say?", "summary"),
    ("de", "Was genau passiert, wenn Sie drucken?", "closed_question"),
])
def test_round6_lines_do_not_carry_the_act(lang: str, line: str, act: str) -> None:
    assert act not in Analyser.for_language(lang).analyse_rules(line).acts


@pytest.mark.parametrize("lang, line", [
    ("de", "leuchtet am drucker irgendein lämpchen"),
    ("de", "kommen sie noch an ihre e-mails"),
    ("de", "ja hallo it hier was ist mit dem drucker los"),
    ("de", "hallo it support was gibt's"),
    ("en", "is ipv6 enabled on the adapter"),
    ("en", "which room is the conference screen in"),
    ("en", "so it only happens on battery never when it's plugged in yes"),
    ("en", "since when"),
    ("en", "should mr lorenz call your office before he arrives"),
])
def test_recogniser_style_questions_without_a_question_mark(lang: str, line: str) -> None:
    acts = set(Analyser.for_language(lang).analyse_rules(line).acts)
    assert acts & {"open_question", "closed_question"}


@pytest.mark.parametrize("lang, line", [
    ("de", "ziehen sie den stecker und stecken sie ihn wieder rein"),
    ("de", "also der laptop geht an aber bleibt beim logo hängen"),
    ("de", "liegt am kabel"),
    ("en", "uh so um yeah"),
    ("en", "thanks for calling yes"),
])
def test_instructions_and_statements_without_punctuation_are_no_questions(lang: str, line: str) -> None:
    acts = set(Analyser.for_language(lang).analyse_rules(line).acts)
    assert not acts & {"open_question", "closed_question"}


@dataclass(frozen=True)
class _Eager:
    """A hand-written second opinion that adds *acts* to whatever the rules found."""

    acts: tuple[str, ...]

    @property
    def head(self) -> SimpleNamespace:
        return SimpleNamespace(info=SimpleNamespace(policies={a: Policy("head", 0.5) for a in ACTS}))

    def judge(self, text: str, rule_acts) -> Opinion:
        acts = tuple(a for a in ACTS if a in rule_acts or a in self.acts)
        return Opinion(acts, tuple(0.7 if a in acts else 0.1 for a in ACTS))


def _with_head(lang: str, *acts: str) -> Analyser:
    return Analyser(compiled(lang), opinion=_Eager(acts))  # type: ignore[arg-type]


@pytest.mark.parametrize("lang, line", [
    ("en", "Okay. And what exactly isn't working?"),
    ("en", "OK. Can you check the cable is seated properly at the back of the printer?"),
    ("en", "Ok, have you checked the password is correct in the mail settings?"),
    ("de", "Alles klar, notiert."),
    ("de", "Okay, dann Leiste einschalten."),
    ("de", "Also mal der Reihe nach: Kam da eine Meldung wegen Speicherplatz, ja oder nein?"),
])
def test_the_head_adds_no_summary_to_acknowledgements_questions_or_instructions(lang: str, line: str) -> None:
    assert "summary" not in _with_head(lang, "summary").analyse(line).acts


@pytest.mark.parametrize("lang, line", [
    ("de", "Okay, ein oranges Blinken, danke, das hilft mir."),
    ("de", "Sie kommen also nicht ins Netzlaufwerk, richtig?"),
    ("en", "Okay, laptop speakers yes, headset no."),
    ("en", "So it's only the residents on floors five and six who can't get online, is that right?"),
])
def test_the_head_may_add_a_summary_to_a_terse_restatement_or_a_check_back(lang: str, line: str) -> None:
    assert "summary" in _with_head(lang, "summary").analyse(line).acts


@pytest.mark.parametrize("lang, line, kept", [
    ("de", "Okay, verstehe. Haben Sie den Rechner schon mal neu gestartet?", False),
    ("de", "ja klar sagen sie mal kommt da eine fehlermeldung", False),
    ("en", "Have you already checked anything?", False),
    ("en", "Your disk is probably full. Delete stuff.", True),
    ("en", "Ask your reseller.", True),
])
def test_the_head_calls_a_plain_question_no_snub(lang: str, line: str, kept: bool) -> None:
    assert ("rude" in _with_head(lang, "rude").analyse(line).acts) is kept
