"""Measured energy: the paper's estimates against published measurements.

MLPerf Power, ML.ENERGY, provider figures.

Claims of kind ``prediction`` or ``measurement`` for the scorecard (:func:`claims`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dltrends.compare import Claim


def claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """The scorecard's claims of this chapter (none yet)."""
    return []
