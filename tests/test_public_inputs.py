"""Every public function with number arguments rejects bad numbers with the project's error.

The class of mistake, not a list: each public function of the calculation modules whose
arguments are numbers is called with a good value in every argument, then with one
argument replaced by a bad one. It must either raise :class:`dltrends.checks.DltrendsError`
(naming the argument or the call) or return a finite result; a negative magnitude is
never accepted, and numpy numbers are accepted like Python ones.
"""

import importlib
import inspect
import math
from dataclasses import fields, is_dataclass

import numpy as np
import pandas as pd
import pytest

from dltrends.checks import DltrendsError

MODULES = [
    "units",
    "energy",
    "hardware",
    "forecast",
    "memory",
    "scaling",
    "nlp",
    "accelerators",
    "measured",
    "trends",
    "layers",
]
SCALAR = {"float", "int", "float | None", "int | None"}
#: Arguments that may be negative: dates as decimal years, log-scale positions, the ends
#: of an interval.
SIGNED = {"year", "start", "end", "value_log10", "low", "high"}
#: Functions for which nan is a value with a meaning: ``interval_text`` says "unbounded"
#: for the nan ends of a doubling-time interval whose growth rate may be zero.
NAN_MEANS_SOMETHING = {"interval_text"}


def _functions():
    found = []
    for name in MODULES:
        module = importlib.import_module(f"dltrends.{name}")
        for fname, func in inspect.getmembers(module, inspect.isfunction):
            if fname.startswith("_") or func.__module__ != module.__name__:
                continue
            params = list(inspect.signature(func).parameters.values())
            numeric = [p for p in params if str(p.annotation) in SCALAR]
            required = [p for p in params if p.default is inspect.Parameter.empty]
            if numeric and all(str(p.annotation) in SCALAR for p in required):
                found.append(pytest.param(func, numeric, id=f"{name}.{fname}"))
    return found


def _numbers(result):
    if isinstance(result, pd.DataFrame):  # a table may mark "not applicable" with nan
        return [float(v) for v in result.select_dtypes("number").to_numpy().ravel() if not math.isnan(v)]
    if is_dataclass(result):
        result = [getattr(result, f.name) for f in fields(result)]
    items = result if isinstance(result, tuple | list) else [result]
    return [float(v) for v in items if isinstance(v, float | np.floating)]


#: Good calls where the neutral 1.5 in every argument is not one.
BASELINES = {
    "empirical_resolution_exponent": {
        "gflops_low": 965.3,
        "resolution_low_px": 224.0,
        "gflops_high": 2859.9,
        "resolution_high_px": 384.0,
    },
}


def _baseline(func):
    if func.__name__ in BASELINES:
        return dict(BASELINES[func.__name__])
    return {
        p.name: (2 if "int" in str(p.annotation) else 1.5)
        for p in inspect.signature(func).parameters.values()
        if p.default is inspect.Parameter.empty
    }


FUNCTIONS = _functions()


def test_the_class_is_not_empty():
    assert len(FUNCTIONS) >= 30


@pytest.mark.parametrize("func, numeric", FUNCTIONS)
def test_bad_numbers_raise_the_projects_error(func, numeric):
    base = _baseline(func)
    try:
        func(**base)
    except DltrendsError as error:
        pytest.fail(f"the baseline call {base} is not valid ({error}): give one in BASELINES")
    for param in numeric:
        for bad in (1e308, 5e-324, float("nan"), float("inf"), -5.0, "3", True):
            args = {**base, param.name: bad}
            try:
                result = func(**args)
            except DltrendsError:
                continue
            assert all(math.isfinite(v) for v in _numbers(result)), f"{param.name}={bad!r} gave {result!r}"
            if func.__name__ in NAN_MEANS_SOMETHING:
                continue
            assert not (isinstance(bad, float) and math.isnan(bad)), f"{param.name}=nan accepted"
            assert not (bad == float("inf")), f"{param.name}=inf accepted"
            assert bad != -5.0 or param.name in SIGNED, f"negative {param.name} accepted: {result!r}"
            assert not isinstance(bad, str | bool), f"{param.name}={bad!r} accepted"


@pytest.mark.parametrize("func, numeric", FUNCTIONS)
def test_numpy_numbers_are_numbers(func, numeric):
    base = _baseline(func)
    try:
        expected = func(**base)
    except DltrendsError as error:
        pytest.fail(f"the baseline call {base} is not valid ({error}): give one in BASELINES")
    for param in numeric:
        value = base.get(param.name, param.default)
        if value is None or isinstance(value, bool):
            continue
        as_numpy = np.int64(value) if isinstance(value, int) else np.float64(value)
        got = func(**{**base, param.name: as_numpy})
        if isinstance(expected, pd.DataFrame):
            pd.testing.assert_frame_equal(got, expected, check_dtype=False)
        else:
            assert got == expected, (param.name, got, expected)


def test_named_cases_from_the_issue():
    from dltrends import energy, forecast, trends, units

    with pytest.raises(DltrendsError, match="macs_to_flops"):
        units.macs_to_flops(1e308)
    with pytest.raises(DltrendsError, match="joules_per_inference"):
        energy.joules_per_inference(1.42, 5e-324)
    with pytest.raises(DltrendsError, match="value must be >= 0"):
        units.rescale(-5, "T", "G")
    fit = trends.fit_exponential_trend(
        np.array([2015.0, 2016.0, 2017.0, 2018.0]), np.array([1.0, 2.1, 3.9, 8.2])
    )
    assert forecast.extrapolate(fit, np.int64(2030)) == forecast.extrapolate(fit, 2030.0)
