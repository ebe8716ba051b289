"""Forecasts and the human energy references of Figs 13 and 14."""

import numpy as np
import pytest

from dltrends import forecast, trends


def test_somatic_reference():
    # 2000 kcal/day x 4184 J/kcal / 86400 s = 96.85 W; the paper says "approximately 100 J/s".
    watts = forecast.somatic_power_watts(2000)
    assert watts == pytest.approx(96.85, abs=0.01)
    assert watts == pytest.approx(100, rel=0.05), "the paper's 'about 100 W' is within 5%"


def test_external_reference():
    # 79,897 kWh/year x 3.6e6 J/kWh / (365 x 86400 s) = 9,121 W.
    watts = forecast.external_power_watts(79_897)
    assert watts == pytest.approx(9120.7, abs=0.1)
    assert forecast.external_power_watts(79_897, days_per_year=365.25) == pytest.approx(9114.4, abs=0.1)
    # The paper's "approximately 10,000 J/s" rounds 9.1 kW up: it is 9.6% above.
    assert 10_000 / watts - 1 == pytest.approx(0.096, abs=0.001)


def test_human_reference_watts_defaults():
    refs = forecast.human_reference_watts()
    assert refs["somatic"] == pytest.approx(96.85, abs=0.01)
    assert refs["external"] == pytest.approx(9120.7, abs=0.1)


def test_population_power():
    # 0.1 J per inference, 1 inference/s per person, 8e9 people: 800 MW.
    assert forecast.population_power_watts(0.1, 1.0, 8e9) == pytest.approx(8e8)


def test_world_electricity_share():
    # One steady terawatt for a year: 8,760 TWh, 38.3% of the IEA's 22,848 TWh (2019).
    assert forecast.watts_to_twh_per_year(1e12) == pytest.approx(8760.0)
    assert forecast.share_of_world_electricity(1e12) == pytest.approx(8760 / 22_848)
    assert forecast.share_of_world_electricity(1e12, 8760.0) == pytest.approx(1.0)


def test_extrapolate_matches_predict():
    years = np.arange(2012, 2022, dtype=float)
    rng = np.random.default_rng(3)
    fit = trends.fit_exponential_trend(years, 10 ** (0.2 * (years - 2012) + rng.normal(0, 0.1, 10)))
    point = forecast.extrapolate(fit, 2030)
    row = fit.predict([2030.0]).iloc[0]
    assert point.value == pytest.approx(row["fitted"])
    assert (point.pi_lower, point.pi_upper) == pytest.approx((row["pi_lower"], row["pi_upper"]))
    assert point.pi_lower < point.value < point.pi_upper
    assert point.year == 2030.0


def test_extrapolate_exact_doubling():
    years = np.arange(2015, 2021, dtype=float)
    fit = trends.fit_exponential_trend(years, 2.0 ** (years - 2015))
    assert forecast.extrapolate(fit, 2030).value == pytest.approx(2.0**15, rel=1e-9)


@pytest.mark.parametrize(
    "call",
    [
        lambda: forecast.somatic_power_watts(0),
        lambda: forecast.external_power_watts(-1),
        lambda: forecast.population_power_watts(0.0, 1.0, 8e9),
        lambda: forecast.population_power_watts(0.1, -1.0, 8e9),
        lambda: forecast.population_power_watts(0.1, 1.0, 0),
        lambda: forecast.share_of_world_electricity(1e9, 0.0),
    ],
)
def test_non_positive_inputs_are_rejected(call):
    with pytest.raises(ValueError, match="must be"):
        call()


def test_extrapolate_rejects_bad_year_and_trend():
    fit = trends.fit_exponential_trend([2015, 2016, 2017], [1.0, 2.0, 4.1])
    with pytest.raises(ValueError, match="year"):
        forecast.extrapolate(fit, float("nan"))
    with pytest.raises(ValueError, match="TrendFit"):
        forecast.extrapolate("not a fit", 2030)
