"""The vocabulary of communicative acts the analyser recognises in a trainee's line.

Defined in :mod:`simulator.vocabulary`; re-exported here for the analyser's callers.
"""

from __future__ import annotations

from simulator.vocabulary import ACT_DESCRIPTIONS as DESCRIPTIONS
from simulator.vocabulary import ACTS

__all__ = ["ACTS", "DESCRIPTIONS"]
