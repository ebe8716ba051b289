"""The introduction: the book's headline numbers, computed by the chapters' own code."""

from __future__ import annotations

import pandas as pd

from dltrends import energy, hardware, memory, trends
from dltrends.chapters import energy as energy_chapter
from dltrends.chapters import forecasting


def headline_numbers(frames: dict[str, pd.DataFrame], year: float = 2030.0) -> dict:
    """The answers the introduction gives, each computed as its chapter computes it."""
    gpus, ngc = frames["gpus"], frames["ngc_inference_throughput"]
    cv_models, nlp_models = frames["cv_models"], frames["nlp_models"]
    table9 = hardware.adapted_gpus(gpus, ngc)
    cv = energy.model_energy(cv_models, table9, "CV")
    fits = energy.energy_fits(cv, "CV")
    decomposition = energy_chapter.decomposition(cv_models, nlp_models, table9)
    achieved = energy_chapter.utilisation(hardware.achieved(gpus, ngc, frames["ngc_benchmark_flops"]))
    band = energy_chapter.utilisation_numbers(achieved, cv, decomposition, cv_models)
    cv_forecast = forecasting.Forecast(cv_models, table9, "CV").at("best models", year)
    best, every = trends.summary(fits["best"]), trends.summary(fits["all"])
    seven_billion = memory.rule_of_thumb_bytes(7e9)
    return {
        "intro_median_joules": band["util_median_joules"],
        "intro_median_joules_low": band["util_median_joules_low"],
        "intro_median_joules_high": band["util_median_joules_high"],
        "intro_n_cv": len(cv),
        "intro_best_growth": best["growth"],
        "intro_best_growth_low": best["growth_low"],
        "intro_best_growth_high": best["growth_high"],
        "intro_all_growth": every["growth"],
        "intro_share_cancelled": band["util_share_paper"],
        "intro_share_cancelled_low": band["util_share_low_words"],
        "intro_year": year,
        "intro_forecast": float(cv_forecast["fitted"]),
        "intro_forecast_low": float(cv_forecast["pi_lower"]),
        "intro_forecast_high": float(cv_forecast["pi_upper"]),
        "intro_rule_bytes_per_param": memory.bytes_per_parameter("seed003_mixed_adam"),
        "intro_rule_7b_gb": seven_billion / 1e9,
    }
