"""Utterance analysis: which communicative acts a trainee's line carries (German and English)."""

from simulator.analysis.acts import ACTS
from simulator.analysis.analyser import LANGUAGES, Analyser, Analysis, Evidence
from simulator.analysis.phrases import PhraseMatcher

__all__ = ["ACTS", "LANGUAGES", "Analyser", "Analysis", "Evidence", "PhraseMatcher"]
