"""Numbers the book stores, made independent of the machine that computed them.

numpy and OpenBLAS choose different kernels on different processors (with or without
AVX-512, another BLAS core type), so the same calculation can end in different last
bits: ``17.612120909334404`` on one machine, ``17.612120909334433`` on another. Measured
on two configurations of one machine, the largest such difference in this book's outputs
was 3e-14 of the value. Everything the book stores (glued values, chart specs, the files
in ``data/derived/``) passes through :func:`stable` first, which rounds every float to
:data:`SIGNIFICANT_DIGITS` significant digits: far beyond any printed digit, far above
the last-bit noise. A real change of a number (in its 7th significant digit or earlier)
still changes what is stored, and the tests see it.

Floats that are exactly whole numbers below 2**32 (counts, bytes, years) are kept as
they are, so ``124756688.0`` bytes stays exact. Above that a computed value can be whole
on one machine and not on another (at 1e15 a double's spacing is 0.125), so larger
floats are rounded like any other.

>>> stable(17.612120909334404) == stable(17.612120909334433)
True
>>> stable({"a": [0.1 + 0.2, 2.0], "b": "text"})
{'a': [0.3, 2.0], 'b': 'text'}
>>> stable(124756688.0)
124756688.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

#: Significant digits of every stored float. Printed values use at most 5.
SIGNIFICANT_DIGITS = 8
#: Whole floats below this magnitude are stored exactly.
WHOLE_LIMIT = 2.0**32


def stable_float(value: float) -> float:
    """Round one float to :data:`SIGNIFICANT_DIGITS` significant digits.

    Whole numbers below 2**32 in magnitude are returned unchanged; NaN and infinities
    too (the project's checks reject them before they are stored).
    """
    value = float(value)
    if not math.isfinite(value) or (value.is_integer() and abs(value) < WHOLE_LIMIT):
        return value
    return float(f"{value:.{SIGNIFICANT_DIGITS}g}")


def _stable_scalar(value: Any) -> Any:
    return stable_float(value) if isinstance(value, float | np.floating) else value


def stable(value: Any) -> Any:
    """Return ``value`` with every float in it rounded by :func:`stable_float`.

    Walks dicts, lists, tuples, numpy arrays and scalars, pandas Series and DataFrames
    (float columns, and the floats in object columns); anything else is returned unchanged.
    """
    if isinstance(value, bool | np.bool_):
        return value
    if isinstance(value, float | np.floating):
        return stable_float(value)
    if isinstance(value, Mapping):
        return type(value)((key, stable(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return type(value)(stable(item) for item in value)
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return np.vectorize(stable_float, otypes=[value.dtype])(value) if value.size else value
    if isinstance(value, pd.DataFrame):
        out = value.copy()
        for column in out.columns:
            if out[column].dtype.kind == "f":
                out[column] = out[column].map(stable_float, na_action="ignore")
            elif out[column].dtype.kind == "O":
                out[column] = out[column].map(_stable_scalar)
        return out
    if isinstance(value, pd.Series) and value.dtype.kind == "f":
        return value.map(stable_float, na_action="ignore")
    return value
