"""Utterance analysis: which communicative acts a trainee's line carries (German and English).

The analyser (and rapidfuzz) is imported on first use, so code that only needs
the act vocabulary – the scenario validator – stays light.
"""

from simulator.analysis.acts import ACTS

__all__ = ["ACTS", "LANGUAGES", "Analyser", "Analysis", "Evidence", "Extras", "PhraseMatcher"]


def __getattr__(name: str):
    if name in ("Analysis", "Evidence"):
        from simulator.analysis import result

        return getattr(result, name)
    if name in ("LANGUAGES", "Analyser", "Extras"):
        from simulator.analysis import analyser

        return getattr(analyser, name)
    if name == "PhraseMatcher":
        from simulator.analysis.phrases import PhraseMatcher

        return PhraseMatcher
    raise AttributeError(f"module 'simulator.analysis' has no attribute {name!r}")
