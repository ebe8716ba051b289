"""The chapter "Forecasting and the multiplicative effect": what its page shows.

The joules trends of the energy chapter are extended with 95% intervals that carry the
uncertainty of both fits behind them, the FLOPs (joules) fit and the efficiency fit
(:func:`dltrends.forecast.joules_band`); the years at which a trend crosses a human
reference carry intervals too (:func:`dltrends.forecast.crossing_interval`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dltrends import energy, forecast, hardware, trends
from dltrends.chapters.energy import model_points
from dltrends.checks import InputError
from dltrends.trends import TrendFit

TRENDS = ("best models", "all models")

#: Headers (with units) of the table of the multiplicative effect.
POPULATION_HEADERS = {
    "joules": "J per inference",
    "joules_low": "PI low",
    "joules_high": "PI high",
    "watts": "W, everyone",
    "times_somatic": "× body, per person",
    "times_world": "× world electricity",
    "times_world_low": "PI low",
    "times_world_high": "PI high",
}


class Forecast:
    """The joules trends of one task with the efficiency trend behind them."""

    def __init__(self, models: pd.DataFrame, table9: pd.DataFrame, task: str) -> None:
        self.task = energy.check_task(task)
        self.frame = energy.model_energy(models, table9, task)
        fits = energy.energy_fits(self.frame, task)
        self.fits: dict[str, TrendFit] = {"best models": fits["best"], "all models": fits["all"]}
        self.efficiency = energy.efficiency_trend(table9, energy.TASK_WORK[task])
        chosen = energy.selections(self.frame, task)
        self.starts = {
            "best models": float(chosen["best"]["year"].min()),
            "all models": float(self.frame["year"].min()),
        }
        self.end = float(self.frame["year"].max())

    def at(self, trend: str, year: float) -> pd.Series:
        """The trend at ``year``: fitted joules with its 95% CI and PI (both fits' uncertainty)."""
        return forecast.joules_band(self.fits[trend], self.efficiency, [year]).iloc[0]

    def own_interval(self, trend: str, year: float) -> pd.Series:
        """The same with the joules fit's own interval only (the efficiency trend taken as exact)."""
        return forecast.joules_band(self.fits[trend], None, [year]).iloc[0]

    def bands(self, year: float) -> pd.DataFrame:
        """Each trend from its first model to ``year``: ``trend``, ``year``, ``fitted``,
        ``pi_lower``, ``pi_upper`` (the chart's shaded bands).
        """
        frames = []
        for trend in TRENDS:
            grid = np.append(np.arange(self.starts[trend], float(year), 0.25), float(year))
            band = forecast.joules_band(self.fits[trend], self.efficiency, grid)
            frames.append(band[["year", "fitted", "pi_lower", "pi_upper"]].assign(trend=trend))
        return pd.concat(frames, ignore_index=True)

    def crossing(self, trend: str, joules: float) -> tuple[float, float, float]:
        """When the trend line reaches ``joules``: (low, central, high), 95% interval."""
        return forecast.crossing_interval(self.fits[trend], self.efficiency, joules)


def forecasts(cv_models, nlp_models, gpus, ngc) -> dict[str, Forecast]:
    """The CV and NLP forecasts with the paper's Table 9."""
    table9 = hardware.adapted_gpus(gpus, ngc)
    return {"CV": Forecast(cv_models, table9, "CV"), "NLP": Forecast(nlp_models, table9, "NLP")}


def energy_basis(refs: pd.DataFrame) -> dict[str, float]:
    """The references of data/energy_references.csv the page compares with, by role:
    world electricity and population in 2019 (one year basis), the US per person in
    electricity and in primary energy, and the factor that converts electricity to its
    primary-energy equivalent (the one inside the primary-energy figure).
    """
    value = refs.set_index("quantity_id")["value"]
    seconds = 365 * forecast.SECONDS_PER_DAY
    return {
        "world_twh": float(value["world_electricity_final_consumption_2019"]),
        "world_watts": float(value["world_electricity_final_consumption_2019"])
        * forecast.JOULES_PER_TWH
        / seconds,
        "population_2019": float(value["world_population_2019_owid_wpp2019"]),
        "us_electricity_kwh": float(value["us_electricity_generation_per_capita_2019_bp"]),
        "us_electricity_watts": float(value["us_electricity_generation_per_capita_2019_bp"])
        * forecast.JOULES_PER_KWH
        / seconds,
        "primary_per_electricity": float(value["bp_substitution_primary_per_kwh_2019"]),
    }


def references_table(human: pd.DataFrame, basis: dict[str, float]) -> pd.DataFrame:
    """The references of the charts, each with its basis: the paper's two (food energy,
    US primary energy) beside their printed values, the US primary energy expressed as
    electricity (÷ the substitution factor) and US electricity per person.
    """
    ref = human.set_index("reference")
    external = float(ref.loc["external", "computed_watts"])
    return pd.DataFrame(
        [
            {
                "reference": "body (food energy)",
                "watts": float(ref.loc["somatic", "computed_watts"]),
                "paper": float(ref.loc["somatic", "paper_watts"]),
                "basis": "food energy",
            },
            {
                "reference": "US total energy use per person, 2019",
                "watts": external,
                "paper": float(ref.loc["external", "paper_watts"]),
                "basis": "primary energy",
            },
            {
                "reference": "the same, as electricity",
                "watts": external / basis["primary_per_electricity"],
                "paper": math.nan,
                "basis": "electricity equivalent",
            },
            {
                "reference": "US electricity per person, 2019",
                "watts": basis["us_electricity_watts"],
                "paper": math.nan,
                "basis": "electricity",
            },
        ]
    )


def reference_lines(table: pd.DataFrame) -> pd.DataFrame:
    """The references a joules chart draws (on the electricity basis, plus the body):
    ``label``, ``joules``, ``source``.
    """
    drawn = table[table["basis"].isin(["food energy", "electricity equivalent", "electricity"])]
    return pd.DataFrame(
        {
            "label": [f"{r}: {w:,.0f} J" for r, w in zip(drawn["reference"], drawn["watts"], strict=True)],
            "joules": drawn["watts"].to_numpy(),
            "source": "this book",
        }
    )


def reference_numbers(human: pd.DataFrame, basis: dict[str, float]) -> dict:
    """The numbers of the section on the human references."""
    ref = human.set_index("reference")
    somatic, external = (
        float(ref.loc["somatic", "computed_watts"]),
        float(ref.loc["external", "computed_watts"]),
    )
    return {
        "fc_kcal": float(ref.loc["somatic", "input"]),
        "fc_j_per_kcal": forecast.JOULES_PER_KCAL,
        "fc_kwh": float(ref.loc["external", "input"]),
        "fc_somatic": somatic,
        "fc_external": external,
        "fc_somatic_paper": float(ref.loc["somatic", "paper_watts"]),
        "fc_external_paper": float(ref.loc["external", "paper_watts"]),
        "fc_somatic_paper_ratio": float(ref.loc["somatic", "paper_watts"] / somatic - 1),
        "fc_external_paper_ratio": float(ref.loc["external", "paper_watts"] / external - 1),
        "fc_external_over_somatic": external / somatic,
        "fc_primary_factor": basis["primary_per_electricity"],
        "fc_external_as_electricity": external / basis["primary_per_electricity"],
        "fc_us_electricity_kwh": basis["us_electricity_kwh"],
        "fc_us_electricity": basis["us_electricity_watts"],
    }


def _crossing_text(low: float, high: float) -> str:
    if math.isnan(low):
        return "no year in 2000-2100 (the band never contains the reference)"
    left = "before 2000" if low == -math.inf else f"{low:.0f}"
    right = "after 2100" if high == math.inf else f"{high:.0f}"
    return f"{left} to {right}"


def cv_numbers(f: Forecast, year: float, somatic: float, external: float) -> dict:
    """The numbers of the paragraph on the CV forecast."""
    best, every = f.at("best models", year), f.at("all models", year)
    own = f.own_interval("best models", year)
    now = f.at("best models", f.end)
    s_low, s_mid, s_high = f.crossing("best models", somatic)
    e_low, e_mid, e_high = f.crossing("best models", external)
    return {
        "fc_year": year,
        "fc_cv_end": f.end,
        "fc_cv_best_now": float(now["fitted"]),
        "fc_cv_best_now_times_somatic": float(now["fitted"]) / somatic,
        "fc_cv_best_joules": float(best["fitted"]),
        "fc_cv_best_pi_lower": float(best["pi_lower"]),
        "fc_cv_best_pi_upper": float(best["pi_upper"]),
        "fc_cv_best_own_pi_lower": float(own["pi_lower"]),
        "fc_cv_best_own_pi_upper": float(own["pi_upper"]),
        "fc_cv_best_times_somatic": float(best["fitted"]) / somatic,
        "fc_cv_best_somatic_year": s_mid,
        "fc_cv_best_somatic_years": _crossing_text(s_low, s_high),
        "fc_cv_best_external_year": e_mid,
        "fc_cv_best_external_years": _crossing_text(e_low, e_high),
        "fc_cv_all_joules": float(every["fitted"]),
        "fc_cv_all_pi_lower": float(every["pi_lower"]),
        "fc_cv_all_pi_upper": float(every["pi_upper"]),
    }


def nlp_numbers(f: Forecast, year: float, external: float) -> dict:
    """The numbers of the paragraph on the NLP forecast."""
    best, every = f.at("best models", year), f.at("all models", year)
    e_low, e_mid, e_high = f.crossing("best models", external)
    return {
        "fc_nlp_years_beyond": year - f.end,
        "fc_nlp_best_growth": f.fits["best models"].growth_per_year,
        "fc_nlp_best_joules": float(best["fitted"]),
        "fc_nlp_best_pi_lower": float(best["pi_lower"]),
        "fc_nlp_best_pi_upper": float(best["pi_upper"]),
        "fc_nlp_best_external_year": e_mid,
        "fc_nlp_best_external_years": _crossing_text(e_low, e_high),
        "fc_nlp_all_growth": f.fits["all models"].growth_per_year,
        "fc_nlp_all_joules": float(every["fitted"]),
        "fc_nlp_all_pi_lower": float(every["pi_lower"]),
        "fc_nlp_all_pi_upper": float(every["pi_upper"]),
        "fc_nlp_best_n": f.fits["best models"].n,
        "fc_nlp_all_n": f.fits["all models"].n,
        "fc_nlp_first_year": int(f.frame["release_date"].min().year),
        "fc_nlp_last_year": int(f.frame["release_date"].max().year),
    }


# ----------------------------------------------------------------------------- the multiplicative effect


def population_power(
    forecasts_: dict[str, Forecast],
    year: float,
    rate: float,
    population: float,
    somatic: float,
    world_watts: float,
) -> pd.DataFrame:
    """A population each running ``rate`` inferences per second at each trend's joules in
    ``year``: ``trend``, ``joules`` with its PI, ``watts`` (everyone), ``times_somatic``
    (per person) and ``times_world`` (world electricity) with their intervals.
    """
    rows = []
    for task, f in forecasts_.items():
        for trend in TRENDS:
            point = f.at(trend, year)
            factor = rate * population
            rows.append(
                {
                    "trend": f"{task}, {trend}",
                    "joules": float(point["fitted"]),
                    "joules_low": float(point["pi_lower"]),
                    "joules_high": float(point["pi_upper"]),
                    "watts": forecast.population_power_watts(float(point["fitted"]), rate, population),
                    "times_somatic": float(point["fitted"]) * rate / somatic,
                    "times_world": float(point["fitted"]) * factor / world_watts,
                    "times_world_low": float(point["pi_lower"]) * factor / world_watts,
                    "times_world_high": float(point["pi_upper"]) * factor / world_watts,
                }
            )
    return pd.DataFrame(rows)


def rate_for_world(joules: float, population: float, world_watts: float) -> float:
    """Inferences per second per person at which a population uses as much electricity
    as the whole world: world watts / (joules x population).
    """
    if not joules > 0 or not population > 0:
        raise InputError("joules and population must be > 0")
    return world_watts / (joules * population)


def population_numbers(
    power: pd.DataFrame, rate: float, population: float, world_twh: float, world_watts: float
) -> dict:
    """The numbers of the section on the multiplicative effect."""
    by = power.set_index("trend")
    return {
        "fc_population_billion": population / 1e9,
        "fc_rate": rate,
        "fc_world_twh": world_twh,
        "fc_world_tw": world_watts / 1e12,
        "fc_pop_cv_all_watts": float(by.loc["CV, all models", "watts"]),
        "fc_pop_cv_all_share_of_world_electricity": float(by.loc["CV, all models", "times_world"]),
        "fc_pop_cv_all_times_somatic": float(by.loc["CV, all models", "times_somatic"]),
        "fc_pop_cv_all_rate_for_world": rate_for_world(
            float(by.loc["CV, all models", "joules"]), population, world_watts
        ),
        "fc_pop_cv_best_watts": float(by.loc["CV, best models", "watts"]),
        "fc_pop_cv_best_share_of_world_electricity": float(by.loc["CV, best models", "times_world"]),
        "fc_pop_cv_best_world_low": float(by.loc["CV, best models", "times_world_low"]),
        "fc_pop_cv_best_world_high": float(by.loc["CV, best models", "times_world_high"]),
        "fc_pop_cv_best_times_somatic": float(by.loc["CV, best models", "times_somatic"]),
        "fc_pop_cv_best_rate_for_world": rate_for_world(
            float(by.loc["CV, best models", "joules"]), population, world_watts
        ),
    }


def interactive_series(
    forecasts_: dict[str, Forecast], start: float, end: float, step: float = 0.5
) -> pd.DataFrame:
    """The interactive chart's inputs: each trend's fitted coefficients over a year grid
    (the browser computes joules = 10 ** (log10_at_center + slope x (year - year_center))).
    """
    years = np.arange(start, end + step / 2, step)
    rows = []
    for task, f in forecasts_.items():
        for trend, fit in f.fits.items():
            for year in years:
                rows.append(
                    {
                        "trend": f"{task}, {trend}",
                        "task": task,
                        "selection": trend,
                        "year": float(year),
                        "slope": fit.slope,
                        "year_center": fit.year_center,
                        "log10_at_center": fit.log10_at_center,
                    }
                )
    return pd.DataFrame(rows)


def interactive_references(
    population: float, somatic: float, electricity: float, world_watts: float
) -> pd.DataFrame:
    """The horizontal references of the interactive chart, in watts for the whole
    population: everyone's food energy, everyone's electricity at the US level, and world
    electricity (2019).
    """
    return pd.DataFrame(
        {
            "label": [
                "everyone's body (food energy)",
                "everyone's electricity at the US level",
                "world electricity (2019)",
            ],
            "watts": [somatic * population, electricity * population, world_watts],
        }
    )


# ----------------------------------------------------------------------------- what it cannot say


def sensitivity(cv_models, nlp_models, gpus, ngc, year: float, gpu: str, precision: str) -> pd.DataFrame:
    """How the forecast at ``year`` moves with each choice behind it.

    Choices: the **selection** the trend is fitted to ('best', 'all', 'yearly mean', and
    for NLP 'with GLUE score'); the **efficiency**: the task's own trend (the paper), the
    other task's trend, the own trend with the two FP32 rows Table 9 leaves out without a
    reason (P100, A30), or one named GPU (a fixed efficiency). Returns ``task``,
    ``selection``, ``efficiency``, ``joules``, ``pi_lower``, ``pi_upper`` and
    ``times_baseline`` (joules / the paper's choice for the same task and selection).
    """
    printed = hardware.adapted_gpus(gpus, ngc)
    with_rows = hardware.adapted_gpus(gpus, ngc, omit_fp32=("A100",))
    rows = []
    for task, models in (("CV", cv_models), ("NLP", nlp_models)):
        work = energy.TASK_WORK[task]
        other = "NLP" if work == "CNN" else "CNN"
        variants = {
            f"{work} trend (paper)": energy.joules_from_trend(models, energy.efficiency_trend(printed, work)),
            f"{other} trend": energy.joules_from_trend(models, energy.efficiency_trend(printed, other)),
            f"{work} trend with the P100 and A30 rows": energy.joules_from_trend(
                models, energy.efficiency_trend(with_rows, work)
            ),
            f"fixed {gpu} {precision}": energy.joules_with_gpu(models, printed, gpu, precision, work),
        }
        for variant, frame in variants.items():
            frame = frame.assign(year=trends.decimal_year(frame["release_date"]))
            chosen = energy.selections(frame, task)
            means = trends.yearly_mean(frame, "joules")
            fits = {name: trends.fit_frame(sel, "joules") for name, sel in chosen.items()}
            fits["yearly mean"] = trends.fit_exponential_trend(means["decimal_year"], means["mean"])
            for selection in ("best", "all", "yearly mean", "with GLUE score"):
                if selection in fits:
                    point = forecast.extrapolate(fits[selection], year)
                    rows.append(
                        {
                            "task": task,
                            "selection": selection,
                            "efficiency": variant,
                            "joules": point.value,
                            "pi_lower": point.pi_lower,
                            "pi_upper": point.pi_upper,
                        }
                    )
    out = pd.DataFrame(rows)
    baseline = out[out["efficiency"].str.endswith("(paper)")].set_index(["task", "selection"])["joules"]
    out["times_baseline"] = [
        j / baseline[(t, s)] for t, s, j in zip(out["task"], out["selection"], out["joules"], strict=True)
    ]
    return out


def sensitivity_grid(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`sensitivity` as a grid: one row per task and selection, one column per
    efficiency choice, the joules at the forecast year in the cells.
    """
    labels = table["efficiency"].str.replace(r"^(CNN|NLP) trend with", "own trend, with", regex=True)
    labels = labels.str.replace(r"^(CNN|NLP) trend \(paper\)", "own trend (paper)", regex=True)
    labels = labels.str.replace(r"^(CNN|NLP) trend$", "other trend", regex=True)
    frame = table.assign(efficiency=labels)
    order = list(dict.fromkeys(frame["efficiency"]))
    wide = frame.pivot_table(index=["task", "selection"], columns="efficiency", values="joules", sort=False)
    wide.columns.name = None
    return wide[order].reset_index()


def sensitivity_numbers(table: pd.DataFrame, gpu: str, precision: str) -> dict:
    """The numbers of the section on what the forecast cannot say."""

    def spread(task: str) -> tuple[pd.Series, pd.Series, float]:
        group = table[table["task"] == task]
        low, high = group.loc[group["joules"].idxmin()], group.loc[group["joules"].idxmax()]
        return low, high, math.log10(high["joules"] / low["joules"])

    def times(task: str, efficiency: str) -> float:
        row = table[
            (table["task"] == task) & (table["selection"] == "best") & (table["efficiency"] == efficiency)
        ]
        return float(row["times_baseline"].iloc[0])

    cv_low, cv_high, cv_orders = spread("CV")
    nlp_low, nlp_high, nlp_orders = spread("NLP")
    fixed = f"fixed {gpu} {precision}"
    return {
        "fc_sens_gpu": f"{gpu} in {precision} precision",
        "fc_sens_cv_low": float(cv_low["joules"]),
        "fc_sens_cv_low_choice": f"{cv_low['selection']}, {cv_low['efficiency']}",
        "fc_sens_cv_high": float(cv_high["joules"]),
        "fc_sens_cv_high_choice": f"{cv_high['selection']}, {cv_high['efficiency']}",
        "fc_sens_cv_orders": cv_orders,
        "fc_sens_nlp_low": float(nlp_low["joules"]),
        "fc_sens_nlp_low_choice": f"{nlp_low['selection']}, {nlp_low['efficiency']}",
        "fc_sens_nlp_high": float(nlp_high["joules"]),
        "fc_sens_nlp_high_choice": f"{nlp_high['selection']}, {nlp_high['efficiency']}",
        "fc_sens_nlp_orders": nlp_orders,
        "fc_sens_cv_other": times("CV", "NLP trend"),
        "fc_sens_cv_omitted": times("CV", "CNN trend with the P100 and A30 rows"),
        "fc_sens_cv_fixed": times("CV", fixed),
        "fc_sens_nlp_other": times("NLP", "CNN trend"),
        "fc_sens_nlp_omitted": times("NLP", "NLP trend with the P100 and A30 rows"),
        "fc_sens_nlp_fixed": times("NLP", fixed),
    }


# ----------------------------------------------------------------------------- checkable now


def checkable(forecasts_: dict[str, Forecast], gpus, ngc) -> pd.DataFrame:
    """The predictions the 2021 data make for 2022-2026 that the years since can check:
    ``prediction``, ``year``, ``value``, ``low``, ``high`` (95% PI), ``unit`` and where
    the book checks it (the chapter that follows).
    """
    table9 = hardware.adapted_gpus(gpus, ngc)
    rows = []
    for work in ("CNN", "NLP"):
        fit = energy.efficiency_trend(table9, work)
        point = fit.predict([2024.5]).iloc[0]
        rows.append(
            {
                "prediction": f"efficiency of a new GPU, {work} trend",
                "year": 2024.5,
                "value": point["fitted"],
                "low": point["pi_lower"],
                "high": point["pi_upper"],
                "unit": "GFLOPS/W",
                "checked in": "What happened next: the backtest",
            }
        )
    for task, f in forecasts_.items():
        for trend in TRENDS:
            point = f.at(trend, 2025.0)
            rows.append(
                {
                    "prediction": f"joules per inference, {task} {trend}",
                    "year": 2025.0,
                    "value": point["fitted"],
                    "low": point["pi_lower"],
                    "high": point["pi_upper"],
                    "unit": "J",
                    "checked in": "What happened next: joules revisited",
                }
            )
    return pd.DataFrame(rows)


__all__ = ["Forecast", "model_points"]
