"""What happened next (2021-2026): the paper's predictions scored against the years since.

Claims of kind ``prediction`` for the scorecard (:func:`claims`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dltrends.compare import Claim


def claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """The scorecard's claims of this chapter (none yet)."""
    return []
