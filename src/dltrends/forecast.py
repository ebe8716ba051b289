"""Forecasts and the multiplicative effect (Desislavov et al. 2023, Figs 13 and 14).

The paper extends the energy trends of Figs 9 and 10 and compares them with two human
references, each as a power (joules per second, watts):

* **somatic** (internal) power: 2000 kcal of food a day, "approximately 100 Joules/s";
* **external** power: the energy a person in the USA uses with all their commodities,
  79,897 kWh a year in 2019 (Ritchie and Roser 2020), "approximately 10,000 Joules every
  second".

It then asks what one inference per second per person would cost. The functions below
compute these references from their inputs, the power of a population running
inferences, and the share of world electricity that power would be.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dltrends import checks
from dltrends.checks import InputError, finite_result

from .trends import TrendFit
from .units import _check_positive

SECONDS_PER_DAY = 86_400.0
JOULES_PER_KCAL = 4184.0  # thermochemical kilocalorie (NIST SP 811)
JOULES_PER_KWH = 3.6e6
JOULES_PER_TWH = 3.6e15

#: World final electricity consumption in 2019, TWh (IEA, "Electricity Information:
#: Overview", 2021 edition, section "Electricity consumption"; notes/reconstruction.md, 6).
WORLD_ELECTRICITY_TWH_2019 = 22_848.0


@dataclass(frozen=True)
class Extrapolation:
    """A trend's value at one year with its 95% prediction interval (original units)."""

    year: float
    value: float
    pi_lower: float
    pi_upper: float


@finite_result
def extrapolate(trend: TrendFit, year: float) -> Extrapolation:
    """Value of an exponential trend at ``year`` with its 95% prediction interval.

    ``year`` is a decimal year (any year; e.g. 2030 for a forecast). The interval is the
    trend's prediction band (for a new model at that date), which widens quickly outside
    the fitted years. Values are in the units the trend was fitted on (GFLOPs, joules).
    """
    if not isinstance(trend, TrendFit):
        raise InputError(f"trend must be a TrendFit, got {type(trend).__name__}")
    year = checks.number(year, "year", signed=True)
    row = trend.predict([year]).iloc[0]
    return Extrapolation(
        year=float(year),
        value=float(row["fitted"]),
        pi_lower=float(row["pi_lower"]),
        pi_upper=float(row["pi_upper"]),
    )


@finite_result
def somatic_power_watts(kcal_per_day: float = 2000.0, joules_per_kcal: float = JOULES_PER_KCAL) -> float:
    """Average power of a human body from its food intake, in watts (J/s).

    2000 kcal/day x 4184 J/kcal / 86,400 s = 96.85 W; the paper rounds it to "approximately
    100 Joules/s".
    """
    return (
        _check_positive(kcal_per_day, "kcal_per_day")
        * _check_positive(joules_per_kcal, "joules_per_kcal")
        / SECONDS_PER_DAY
    )


@finite_result
def external_power_watts(kwh_per_year: float = 79_897.0, days_per_year: float = 365.0) -> float:
    """Average power of a person's total energy use, in watts (J/s).

    The default is US primary energy per person in 2019, 79,897 kWh/year (Ritchie and
    Roser 2020, as quoted by the paper): x 3.6e6 J/kWh / (365 x 86,400 s) = 9,121 W
    (9,114 W with ``days_per_year=365.25``). The paper says "approximately 10,000 Joules
    every second", rounding 9.1 kW up to 10 kW.
    """
    seconds = _check_positive(days_per_year, "days_per_year") * SECONDS_PER_DAY
    return _check_positive(kwh_per_year, "kwh_per_year") * JOULES_PER_KWH / seconds


def human_reference_watts(
    kcal_per_day: float = 2000.0,
    kwh_per_year: float = 79_897.0,
    days_per_year: float = 365.0,
) -> dict[str, float]:
    """Both human references of Figs 13 and 14, in watts: ``{'somatic': ..., 'external': ...}``.

    With the defaults: somatic 96.85 W ("about 100 W"), external 9,121 W ("about 10 kW").
    """
    return {
        "somatic": somatic_power_watts(kcal_per_day),
        "external": external_power_watts(kwh_per_year, days_per_year),
    }


@finite_result
def population_power_watts(
    joules_per_inference: float, inferences_per_second_per_person: float, population: float
) -> float:
    """Average power (W) of a population that runs inferences at a steady rate.

    ``joules_per_inference`` x ``inferences_per_second_per_person`` x ``population``. The
    paper's hypothesis is one inference per second per person.
    """
    return (
        _check_positive(joules_per_inference, "joules_per_inference")
        * _check_positive(inferences_per_second_per_person, "inferences_per_second_per_person")
        * _check_positive(population, "population")
    )


@finite_result
def watts_to_twh_per_year(watts: float, days_per_year: float = 365.0) -> float:
    """Energy in TWh used in one year by a steady power in watts."""
    seconds = _check_positive(days_per_year, "days_per_year") * SECONDS_PER_DAY
    return _check_positive(watts, "watts") * seconds / JOULES_PER_TWH


@finite_result
def share_of_world_electricity(
    watts: float,
    world_electricity_twh_per_year: float = WORLD_ELECTRICITY_TWH_2019,
    days_per_year: float = 365.0,
) -> float:
    """Express a steady power as a fraction of world electricity use (0.01 = 1%).

    ``world_electricity_twh_per_year`` defaults to the IEA's 22,848 TWh of final
    electricity consumption in 2019 (:data:`WORLD_ELECTRICITY_TWH_2019`), which is an
    average of 2.61 TW.
    """
    twh = watts_to_twh_per_year(watts, days_per_year)
    return twh / _check_positive(world_electricity_twh_per_year, "world_electricity_twh_per_year")


# ----------------------------------------------------------------------------- uncertainty


def joules_band(joules_fit: TrendFit, efficiency_fit: TrendFit | None, years: object) -> pd.DataFrame:
    """A joules trend with 95% intervals that carry the efficiency trend's uncertainty too.

    The paper's joules are GFLOPs / (the Fig. 8 efficiency trend at each release date),
    then fitted with a line in log space. Because every point is divided by the same
    fitted line, the joules line is the FLOPs line minus the efficiency line, and the
    joules fit's own intervals treat the efficiency line as exact. Here the two fits are
    independent and their variances add:

        var(log10 J) = var_mean,joules(t) + var_mean,efficiency(t)  [+ residual, for a new model]

    with a t quantile on the Welch-Satterthwaite degrees of freedom of the sum. Returns
    ``year``, ``fitted``, ``ci_lower``/``ci_upper`` (the line) and ``pi_lower``/
    ``pi_upper`` (a new model at that date). With ``efficiency_fit=None`` (a fixed GPU)
    this is the joules fit's own band.
    """
    import numpy as np
    from scipy import stats

    from .trends import _as_years

    t = _as_years(years)

    def parts(fit: TrendFit) -> tuple[np.ndarray, np.ndarray]:
        dx = t - fit.year_center
        (c00, c01), (_, c11) = fit.cov_centered
        return fit.log10_at_center + fit.slope * dx, c00 + 2.0 * dx * c01 + dx**2 * c11

    log_j, var_j = parts(joules_fit)
    resid = joules_fit.residual_variance
    if efficiency_fit is None:
        var_e = np.zeros_like(var_j)
        df_e = np.inf
    else:
        _, var_e = parts(efficiency_fit)
        df_e = efficiency_fit.df_resid

    def quantile(own: np.ndarray) -> np.ndarray:
        total = own + var_e
        with np.errstate(divide="ignore", invalid="ignore"):
            df = total**2 / (own**2 / joules_fit.df_resid + (var_e**2 / df_e if df_e != np.inf else 0.0))
        return stats.t.ppf(0.975, df), np.sqrt(total)

    q_ci, se_ci = quantile(var_j)
    q_pi, se_pi = quantile(var_j + resid)
    return pd.DataFrame(
        {
            "year": t,
            "fitted": 10.0**log_j,
            "ci_lower": 10.0 ** (log_j - q_ci * se_ci),
            "ci_upper": 10.0 ** (log_j + q_ci * se_ci),
            "pi_lower": 10.0 ** (log_j - q_pi * se_pi),
            "pi_upper": 10.0 ** (log_j + q_pi * se_pi),
        }
    )


@finite_result
def crossing_year(fit: TrendFit, value: float) -> float:
    """Decimal year at which a trend line reaches ``value`` (nan if it is flat)."""
    import math

    value = _check_positive(value, "value")
    if fit.slope == 0:
        return math.nan
    return fit.year_center + (math.log10(value) - fit.log10_at_center) / fit.slope


def crossing_interval(
    joules_fit: TrendFit,
    efficiency_fit: TrendFit | None,
    value: float,
    horizon: tuple[float, float] = (2000.0, 2100.0),
) -> tuple[float, float, float]:
    """When a joules trend reaches ``value``, with a 95% interval: (low, central, high).

    The interval is the set of years at which ``value`` lies inside the 95% confidence
    band of the line (:func:`joules_band`, the efficiency trend's uncertainty included).
    An end that the band does not reach within ``horizon`` is returned as ``-inf`` or
    ``inf`` (the band never excludes the value on that side); the central year is the
    line's own crossing (:func:`crossing_year`).
    """
    import math

    import numpy as np

    value = _check_positive(value, "value")
    grid = np.arange(horizon[0], horizon[1] + 1e-9, 1.0 / 24.0)
    band = joules_band(joules_fit, efficiency_fit, grid)
    inside = (band["ci_lower"] <= value) & (value <= band["ci_upper"])
    central = crossing_year(joules_fit, value)
    if not inside.any():
        return (math.nan, central, math.nan)
    years = band.loc[inside, "year"]
    low = float(years.min()) if years.min() > grid[0] else -math.inf
    high = float(years.max()) if years.max() < grid[-1] else math.inf
    return (low, central, high)
