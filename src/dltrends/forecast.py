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
def somatic_power_watts(
    kcal_per_day: float = 2000.0, joules_per_kcal: float = JOULES_PER_KCAL
) -> float:
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
