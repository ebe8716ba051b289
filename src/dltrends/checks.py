"""Input checks shared by every module: one message for one kind of mistake."""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Iterable
from numbers import Real
from typing import ParamSpec, TypeVar

import numpy as np
import pandas as pd

P = ParamSpec("P")
R = TypeVar("R")


class DltrendsError(Exception):
    """Every error this project raises on purpose derives from this class."""


class InputError(DltrendsError, ValueError):
    """A function was given a value it cannot use; the message names the argument."""


class NotANumberError(InputError, TypeError):
    """A value that should be a number is not one (also a TypeError and a ValueError)."""


def number(value: object, name: str, *, positive: bool = False, signed: bool = False) -> float:
    """Return ``value`` as a float after checking it is a finite number.

    By default the number must be >= 0 (> 0 if ``positive``); ``signed`` allows any sign.
    Python and numpy numbers are accepted alike (``np.int64(2030)``, ``np.float64(1.5)``).

    >>> number(3, "watts")
    3.0
    >>> number(-5, "rate")
    Traceback (most recent call last):
    ...
    dltrends.checks.InputError: rate must be >= 0, got -5
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real):
        raise NotANumberError(f"{name} must be a number, got {type(value).__name__}: {value!r}")
    if not math.isfinite(value):
        raise InputError(f"{name} must be finite, got {value!r}")
    if not signed and (value < 0 or (positive and value == 0)):
        raise InputError(f"{name} must be {'> 0' if positive else '>= 0'}, got {value!r}")
    return float(value)


def finite(result: float, what: str) -> float:
    """Return ``result`` if it is finite; otherwise say which calculation overflowed.

    >>> finite(1e308 * 10, "macs_to_flops(macs=1e308)")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dltrends.checks.InputError: macs_to_flops(macs=1e308): the result is not a finite number (inf); ...
    """
    if not math.isfinite(result):
        raise InputError(
            f"{what}: the result is not a finite number ({result}); an input is too large or too small"
        )
    return float(result)


def finite_result(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator: the function's numeric result must be finite.

    Each number of the result (or of a tuple or dataclass result) is checked; an overflow
    to ``inf`` or ``nan``, or an ``OverflowError``, raises :class:`InputError` naming the
    function and its arguments instead of returning silently.
    """

    @functools.wraps(func)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            result = func(*args, **kwargs)
        except ArithmeticError:  # OverflowError, ZeroDivisionError
            shown = ", ".join([*map(repr, args), *(f"{k}={v!r}" for k, v in kwargs.items())])
            raise InputError(
                f"{func.__name__}({shown}): the result overflows; an input is too large or too small"
            ) from None
        if isinstance(result, pd.DataFrame):
            # Tables may mark "not applicable" with nan; an infinity is always an overflow.
            numbers = result.select_dtypes("number").to_numpy(dtype=float)
            values = [math.inf] if np.isinf(numbers).any() else []
        elif dataclasses.is_dataclass(result) and not isinstance(result, type):
            values = [getattr(result, f.name) for f in dataclasses.fields(result)]
        elif isinstance(result, tuple):
            values = list(result)
        else:
            values = [result]
        for value in values:
            if isinstance(value, float | np.floating) and not math.isfinite(value):
                shown = ", ".join([*map(repr, args), *(f"{k}={v!r}" for k, v in kwargs.items())])
                finite(float(value), f"{func.__name__}({shown})")
        return result

    return checked


def frame(table: object, columns: Iterable[str], what: str) -> pd.DataFrame:
    """Check that ``table`` is a non-empty DataFrame with ``columns``; return it.

    ``what`` names the function or argument in the message.
    """
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"{what}: expected a pandas DataFrame, got {type(table).__name__}")
    missing = sorted(set(columns) - set(table.columns))
    if missing:
        raise InputError(f"{what}: missing columns {missing}; the frame has {list(table.columns)}")
    if table.empty:
        raise InputError(f"{what}: empty selection, the frame has no rows")
    return table
