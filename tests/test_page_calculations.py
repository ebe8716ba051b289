"""The calculations behind the hardware, energy and forecasting pages.

Comparisons with the paper (dltrends.compare.desislavov), the page helpers
(dltrends.chapters.hardware / energy / forecasting), the domain modules they call
(dltrends.energy, forecast, hardware, trends) and the table formatter
(dltrends.display.tables). Values are the paper's or computed by hand from data/.
"""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from dltrends import data, energy, forecast, hardware, trends
from dltrends.chapters import energy as che
from dltrends.chapters import forecasting as chf
from dltrends.chapters import hardware as chh
from dltrends.checks import InputError
from dltrends.compare import desislavov
from dltrends.display import tables

#: Half a unit in the second decimal (the paper prints Tables 3, 4, 8 and 9 to 0.01),
#: with a margin for the float representation of the bound.
ROUNDING = 0.005 + 1e-9


def _exact_world(flops_growth=2.0, efficiency_growth=1.25):
    """Synthetic models and GPUs on exact exponentials, for hand-checked decompositions."""
    years = np.arange(2012, 2021)
    models = pd.DataFrame(
        {
            "model": [f"m{y}" for y in years],
            "release_date": pd.to_datetime([f"{y}-01-01" for y in years]),
            "gflops": flops_growth ** (years - 2012.0),
            "top1_accuracy": 60.0 + years - 2012,
        }
    )
    gpu_years = np.arange(2010, 2022)
    table9 = pd.DataFrame(
        {
            "adapted": "No",
            "gpu": [f"g{y}" for y in gpu_years],
            "precision": "FP32",
            "launch_date": pd.to_datetime([f"{y}-01-01" for y in gpu_years]),
            "gflops_per_watt": 10.0 * efficiency_growth ** (gpu_years - 2010.0),
        }
    )
    return models, table9


def _hand_made_fit(slope=0.1, spread=0.01):
    """An exponential fit whose OLS line is exactly log10(value) = slope x (year - 2010).

    The points scatter around that line by ``spread`` x ((year - 2015)^2 - 10), which is
    orthogonal to a constant and to (year - 2015) over 2010-2020: the residual variance is
    not zero but the fitted slope and intercept are the exact ones.
    """
    years = np.arange(2010, 2021, dtype=float)
    scatter = spread * ((years - 2015.0) ** 2 - 10.0)
    return years, trends.fit_exponential_trend(years, 10 ** (slope * (years - 2010.0) + scatter))


@pytest.fixture(scope="module")
def comparisons(gpus, ngc):
    return chh.comparisons(
        {
            "gpus": gpus,
            "ngc_inference_throughput": ngc,
            "paper_reported/table3_speedups": data.load_reported("table3_speedups"),
            "paper_reported/table4_speedup_ratios": data.load_reported("table4_speedup_ratios"),
            "paper_reported/table8_gflops_per_watt": data.load_reported("table8_gflops_per_watt"),
            "paper_reported/table9_adapted": data.load_reported("table9_adapted"),
        }
    )


@pytest.fixture(scope="module")
def cv_energy(cv, table9):
    return energy.model_energy(cv, table9, "CV")


@pytest.fixture(scope="module")
def fc(cv, nlp, gpus, ngc):
    return chf.forecasts(cv, nlp, gpus, ngc)


@pytest.fixture(scope="module")
def basis():
    return chf.energy_basis(data.load("energy_references"))


@pytest.fixture(scope="module")
def achieved(gpus, ngc):
    return hardware.achieved(gpus, ngc, data.load("ngc_benchmark_flops"))


# ----------------------------------------------------------------------------- comparisons


def test_table3_all_58_speedups_within_rounding(comparisons):
    table = comparisons["table3"]
    assert len(table) == 58
    assert table["difference"].abs().max() <= 0.005
    assert table["agrees"].all()
    # By hand: EfficientNet-B0 on a V100, 6176 / 2968 images/s in Mixed over FP32 = 2.0809.
    row = table[
        (table["model"] == "efficientnet-b0")
        & (table["precision"] == "Mixed")
        & (table["gpu"] == "V100 16GB")
    ]
    assert row["recomputed"].iloc[0] == pytest.approx(6176 / 2968)
    assert row["printed"].iloc[0] == 2.08
    # A100 rows are measured against the V100 in FP32.
    assert set(table.loc[table["gpu"].str.startswith("A100"), "reference_gpu"]) == {"V100"}
    numbers = chh.table3_numbers(table)
    assert (numbers["t3_n"], numbers["t3_n_agree"]) == (58, 58)
    assert numbers["t3_max_diff"] <= 0.005


def test_table3_missing_printed_row_raises(ngc):
    printed = data.load_reported("table3_speedups").iloc[1:]
    with pytest.raises(ValueError, match="without a partner"):
        desislavov.table3(ngc, printed)


def test_table4_eight_means_within_rounding(comparisons):
    table = comparisons["table4"]
    assert len(table) == 8  # four printed rows (GPU and precision), each with a CV and an NLP mean
    assert table["difference"].abs().max() <= 0.005
    assert table["agrees"].all()
    v100 = table.set_index(["gpu", "precision", "task"]).loc[("V100", "Mixed", "CV")]
    assert v100["recomputed"] == pytest.approx(2.2745, abs=1e-4)
    assert v100["printed"] == 2.27
    assert v100["benchmarks"] == 8
    assert chh.table4_numbers(table)["t4_v100_cv"] == pytest.approx(2.2745, abs=1e-4)


def test_table8_eight_rows_beyond_rounding(comparisons):
    table = comparisons["table8"]
    assert len(table) == 48
    wrong = table[~table["agrees"]]
    assert set(wrong["gpu"]) == {
        "GeForce GTX 780",
        "GeForce GTX 780 TI",
        "GeForce GTX Titan Black",
        "GeForce GTX Titan Z",
        "GeForce GTX 980",
        "GeForce GTX 1080",
        "Nvidia Titan RTX",
        "Tesla K20x",
    }
    # GTX 780: 4.16 TFLOPS / 250 W = 16.64 GFLOPS/W, printed 16.62.
    gtx780 = table.set_index("gpu").loc["GeForce GTX 780"]
    assert gtx780["recomputed"] == pytest.approx(16.64)
    assert gtx780["difference"] == pytest.approx(-0.02)
    # 16.62 x 250 W = 4.155 TFLOPS, which rounds to the printed 4.16.
    assert gtx780["implied_tflops"] == pytest.approx(4.155)
    assert table.loc[table["agrees"], "difference"].abs().max() <= ROUNDING
    numbers = chh.table8_numbers(table)
    assert (numbers["t8_n"], numbers["t8_n_wrong"], numbers["t8_unrounded"]) == (48, 8, 8)


def test_table9_reproduced_and_fixes_table8(comparisons):
    t9 = comparisons["table9"]
    assert len(t9) == 36
    assert t9["difference"].abs().max() <= ROUNDING
    assert t9["tflops_difference"].abs().max() <= 0.005
    # The paper's "Tesla T4" is Table 8's "T4".
    assert "T4" in set(t9["gpu"]) and "Tesla T4" not in set(t9["gpu"])
    assert set(t9.loc[t9["gpu"] == "T4", "gpu_as_printed"]) == {"Tesla T4"}
    errors = chh.table8_errors(comparisons["table8"])
    assert len(errors) == 8
    # Table 9 prints the eight Table 8 slips correctly (a rounding of TFLOPS / W).
    wrong = comparisons["table8"][~comparisons["table8"]["agrees"]]
    assert wrong["table9_agrees"].all()
    assert chh.table8_numbers(comparisons["table8"])["t8_fixed_in_t9"] == 8
    assert errors.set_index("gpu").loc["Tesla K20x", "table9"] == 16.77


def test_table9_row_count_mismatch_raises_and_rule_gaps(gpus, ngc):
    printed = data.load_reported("table9_adapted")
    with pytest.raises(ValueError, match="36 rows computed but 33 printed"):
        desislavov.table9(gpus, ngc, printed.iloc[:-3])
    # The rule (every FP32 row of Table 8) gives 39 rows, 3 more than the printed 36.
    gaps = desislavov.table9_rule_gaps(gpus, ngc, printed)
    assert len(hardware.adapted_gpus(gpus, ngc, omit_fp32=())) == 39
    assert set(gaps["gpu"]) == {"Tesla P100", "A100", "A30"}
    assert set(gaps["where"]) == {"rule only"}


def test_reported_claim(claims):
    assert chh.claim(claims, "energy intake per person") == 2000
    with pytest.raises(ValueError, match="claims contain"):
        chh.claim(claims, "External energy consumption per person")


# ----------------------------------------------------------------------------- hardware


def test_fit_summary_exact_doubling():
    years = np.arange(2015, 2021, dtype=float)
    summary = trends.summary(trends.fit_exponential_trend(years, 3 * 2.0 ** (years - 2015)))
    assert summary["growth"] == pytest.approx(2.0)
    assert summary["doubling_years"] == pytest.approx(1.0)
    assert summary["growth_low"] == pytest.approx(2.0) and summary["growth_high"] == pytest.approx(2.0)
    assert summary["n"] == 6 and summary["r2"] == pytest.approx(1.0)


def test_efficiency_fit_summary(table9, gpus, claims):
    numbers = chh.fig8_numbers(table9, gpus, claims, all_rows=False)
    assert numbers["fit_cnn_growth"] == pytest.approx(1.3002, abs=1e-4)
    assert numbers["fit_cnn_doubling_years"] == pytest.approx(2.640, abs=1e-3)
    assert numbers["fit_nlp_growth"] == pytest.approx(1.3267, abs=1e-4)
    assert numbers["fit_cnn_doubling_low"] < 2.640 < numbers["fit_cnn_doubling_high"]
    assert numbers["fit_cnn_n"] == 32 and numbers["fit_nlp_n"] == 32


def test_trend_line_matches_predict(table9):
    fit = energy.efficiency_trend(table9, "CNN")
    line = trends.line(fit, 2010.5, 2021.3, 0.5)
    assert line["year"].iloc[0] == 2010.5 and line["year"].iloc[-1] == pytest.approx(2021.3)
    assert line["fitted"].iloc[0] == pytest.approx(fit.predict([2010.5])["fitted"].iloc[0])
    assert (line["pi_lower"] < line["fitted"]).all() and (line["fitted"] < line["pi_upper"]).all()
    with pytest.raises(ValueError):
        trends.line(fit, 2020, 2010)
    # The page's Fig. 8 lines are these lines, one per work.
    lines = chh.fig8_lines(table9)
    cnn = lines[lines["fit"] == "CNN fit"]
    assert cnn["fitted"].to_numpy() == pytest.approx(fit.predict(cnn["year"].to_numpy())["fitted"].to_numpy())


def test_adapted_points_label_the_t4(table9):
    points = chh.adapted_points(table9)
    assert points["series"].value_counts().to_dict() == {
        "FP32 (both fits)": 28,
        "adapted for CNN": 4,
        "adapted for NLP": 4,
    }
    labelled = points[points["label"] != ""]
    assert labelled["label"].tolist() == ["T4 Mixed, 70 W"]
    with pytest.raises(ValueError, match="no Table 9 row"):
        chh.adapted_points(table9, ("GTX 9999", "Mixed", "For CNN"))


def test_t4_mixed_stands_out(table9, gpus, claims):
    residuals = chh.residuals(table9, "CNN")
    top = residuals.iloc[0]
    assert (top["gpu"], top["precision"]) == ("T4", "Mixed")
    fitted = energy.efficiency_trend(table9, "CNN").predict(["2018-09-13"])["fitted"].iloc[0]
    assert top["times_trend"] == pytest.approx(312.15 / fitted, rel=1e-4)
    assert top["times_trend"] == pytest.approx(4.22, abs=0.01)
    numbers = chh.fig8_numbers(table9, gpus, claims, all_rows=False)
    assert numbers["standout_gpu"] == "T4 in Mixed precision"
    assert numbers["standout_times"] == pytest.approx(4.22, abs=0.01)


def test_omitted_fp32_rows_flatten_the_trend(gpus, ngc):
    effect = chh.omitted_effect(gpus, ngc).set_index(["work", "variant"])
    printed = effect.loc[("CNN", "as printed")]
    two = effect.loc[("CNN", "with the P100 and A30 FP32 rows")]
    full = effect.loc[("CNN", "with every FP32 row")]
    assert (printed["n"], two["n"], full["n"]) == (32, 34, 35)
    assert printed["growth"] == pytest.approx(1.3002, abs=1e-4)
    assert two["growth"] == pytest.approx(1.2806, abs=1e-4)
    assert full["growth"] == pytest.approx(1.2682, abs=1e-4)
    assert (
        full["gflops_per_watt_at_year"] < two["gflops_per_watt_at_year"] < printed["gflops_per_watt_at_year"]
    )
    below = chh.omitted_residuals(gpus, ngc)
    assert below["gpu"].tolist() == ["Tesla P100", "A30"]
    assert (below["times_trend"] < 1).all()
    # A30 FP32: 10.3 TFLOPS / 165 W = 62.42 GFLOPS/W.
    assert below.set_index("gpu").loc["A30", "gflops_per_watt"] == pytest.approx(10300 / 165)
    # A100 FP32, added back only in the variant with every FP32 row: 19.5 TFLOPS / 400 W.
    every = chh.omitted_variants(gpus, ngc)["with every FP32 row"]
    a100 = every[(every["gpu"] == "A100") & (every["precision"] == "FP32")]
    assert a100["gflops_per_watt"].tolist() == [pytest.approx(48.75)]


def test_peak_summary_and_tensor_ratio(gpus, claims):
    peak = chh.peak_summary(gpus)
    assert peak.loc["FP32", "lowest_gpu"] == "GeForce GTX 580"
    assert peak.loc["FP32", "lowest"] == pytest.approx(1580 / 244)
    assert peak.loc["FP32", "highest_gpu"] == "T4"
    assert peak.loc["FP16/FP32 Tensor", "highest"] == pytest.approx(1000.0)
    assert (peak.loc["FP32", "first_year"], peak.loc["FP32", "last_year"]) == (2010, 2021)
    ratio = chh.tensor_over_fp32(gpus).set_index("gpu")["ratio"]
    assert ratio["Tesla V100"] == pytest.approx(125 / 15.7)
    assert ratio["A100"] == pytest.approx(16.0)
    assert chh.peak_numbers(gpus, claims)["hw_tensor_ratio_v100"] == pytest.approx(125 / 15.7)


# ----------------------------------------------------------------------------- energy


def test_model_energy_trend_and_named_gpu(cv, table9):
    with_trend = energy.model_energy(cv, table9, "CV").set_index("model")
    fit = energy.efficiency_trend(table9, "CNN")
    efficiency = fit.predict(["2012-06-01"])["fitted"].iloc[0]
    assert with_trend.loc["AlexNet", "joules"] == pytest.approx(1.42 / efficiency)
    assert with_trend.loc["AlexNet", "year"] == pytest.approx(2012 + 152 / 366)
    on_v100 = energy.model_energy(cv, table9, "CV", "Tesla V100", "FP32").set_index("model")
    assert on_v100.loc["AlexNet", "joules"] == pytest.approx(0.0271, abs=5e-5)
    with pytest.raises(ValueError, match="needs a precision"):
        energy.model_energy(cv, table9, "CV", "A100")
    with pytest.raises(ValueError, match="precision is set but gpu is None"):
        energy.model_energy(cv, table9, "CV", None, "Mixed")
    with pytest.raises(ValueError, match="task"):
        energy.model_energy(cv, table9, "speech")


def test_best_models(cv, nlp, table9):
    best_cv = energy.best_models(energy.model_energy(cv, table9, "CV"), "CV")
    assert len(best_cv) == 10
    assert best_cv["model"].iloc[0] == "AlexNet" and best_cv["model"].iloc[-1] == "ViT-G/14"
    best_nlp = energy.best_models(energy.model_energy(nlp, table9, "NLP"), "NLP")
    assert best_nlp["model"].tolist() == [
        "Transformer",
        "BERT Large",
        "GPT-2",
        "Megatron",
        "Microsoft T-NLG",
        "GPT-3",
    ]
    points = che.model_points(energy.model_energy(cv, table9, "CV"), "CV")
    assert int(points["best"].sum()) == 10


def test_energy_lines(cv_energy):
    lines = che.energy_lines(cv_energy, "CV")
    assert set(lines["line"]) == {"best models", "all models", "yearly mean"}
    means = lines[lines["line"] == "yearly mean"]
    assert len(means) == 10 and means["year"].iloc[0] == 2012.5
    # 2012 has only AlexNet, so its yearly mean is AlexNet's joules.
    alexnet = cv_energy.set_index("model").loc["AlexNet", "joules"]
    assert means["joules"].iloc[0] == pytest.approx(alexnet)


def test_decomposition_hand_checked():
    models, table9 = _exact_world(flops_growth=2.0, efficiency_growth=1.25)
    table = energy.decomposition(models, table9, "CV").set_index("selection")
    for selection in ("best", "all"):
        row = table.loc[selection]
        assert row["flops_growth"] == pytest.approx(2.0)
        assert row["efficiency_growth"] == pytest.approx(1.25)
        assert row["joules_growth"] == pytest.approx(1.6)  # 2 / 1.25
        assert row["share_cancelled"] == pytest.approx(math.log(1.25) / math.log(2.0))  # 0.3219


def test_decomposition_paper_data(cv, nlp, table9):
    table = che.decomposition(cv, nlp, table9)
    numbers = che.decomposition_numbers(table)  # raises if the identity does not hold
    indexed = table.set_index(["task", "selection"])
    assert (indexed["joules_growth"] / indexed["implied_joules_growth"]).sub(1).abs().max() < 1e-12
    best = indexed.loc[("CV", "best")]
    assert best["flops_growth"] == pytest.approx(2.3498, abs=1e-4)
    assert best["joules_growth"] == pytest.approx(1.8072, abs=1e-4)
    assert best["share_cancelled"] == pytest.approx(0.3073, abs=1e-4)
    assert indexed.loc[("CV", "all"), "share_cancelled"] == pytest.approx(0.7427, abs=1e-4)
    assert numbers["dec_cv_best_share_cancelled"] == pytest.approx(0.3073, abs=1e-4)
    # A fixed GPU cancels nothing: joules grow like FLOPs.
    fixed = energy.decomposition(cv, table9, "CV", "A100", "Mixed").set_index("selection")
    assert (fixed["share_cancelled"] == 0).all()
    assert fixed.loc["best", "joules_growth"] == pytest.approx(best["flops_growth"])
    # A broken identity is refused.
    broken = table.assign(implied_joules_growth=table["implied_joules_growth"] * 1.01)
    with pytest.raises(InputError, match="joules growth"):
        che.decomposition_numbers(broken)


def test_named_gpu_comparison(cv, nlp, table9):
    settings = [("Tesla V100", "FP32"), ("T4", "Mixed")]
    table = che.named_gpus(cv, nlp, table9, settings)
    assert table["task"].tolist() == ["CV"] * 3 + ["NLP"] * 3
    by = table[table["task"] == "CV"].set_index("efficiency")
    assert by.loc["trend (Fig. 8)", "median_ratio_to_trend"] == 1.0
    assert math.isnan(by.loc["trend (Fig. 8)", "gflops_per_watt"])
    assert by.loc["Tesla V100 FP32", "gflops_per_watt"] == pytest.approx(52.333, abs=1e-3)
    assert by.loc["T4 Mixed", "best_growth"] == pytest.approx(by.loc["Tesla V100 FP32", "best_growth"])
    assert (
        by.loc["Tesla V100 FP32", "median_ratio_to_trend"] > 1 > by.loc["T4 Mixed", "median_ratio_to_trend"]
    )


def test_frontier_shift(cv_energy):
    shift = che.frontier_shift(cv_energy, "top1_accuracy", before_year=2016)
    assert shift["n_old"] == 11
    assert shift["old_rank_joules"] > shift["old_rank_gflops"]
    front = che.frontier_line(cv_energy, "top1_accuracy")
    assert len(front) == shift["n_frontier_joules"]
    assert front["joules"].is_monotonic_increasing and front["top1_accuracy"].is_monotonic_increasing


# ----------------------------------------------------------------------------- forecasts


def test_crossing_year_exact():
    years = np.arange(2010, 2021, dtype=float)
    fit = trends.fit_exponential_trend(years, 10 ** (0.1 * (years - 2010)))
    assert forecast.crossing_year(fit, 10.0) == pytest.approx(2020.0)
    assert forecast.crossing_year(fit, 100.0) == pytest.approx(2030.0)
    with pytest.raises(ValueError):
        forecast.crossing_year(fit, 0)


def test_human_references(claims, basis):
    human = desislavov.human_references(claims)
    refs = human.set_index("reference")
    assert refs.loc["somatic", "computed_watts"] == pytest.approx(96.85, abs=0.01)
    assert refs.loc["external", "computed_watts"] == pytest.approx(9120.66, abs=0.01)
    assert refs.loc["somatic", "paper_watts"] == 100
    assert refs.loc["external", "paper_watts"] == 10_000
    assert refs.loc["external", "paper_watts"] / refs.loc["external", "computed_watts"] == pytest.approx(
        1.0964, abs=1e-4
    )
    lines = chf.reference_lines(chf.references_table(human, basis))
    assert lines["source"].tolist() == ["this book"] * 3
    assert lines["label"].iloc[0] == "body (food energy): 97 J"
    # US primary energy per person as electricity: 9120.66 W / 2.4762.
    assert lines["joules"].iloc[1] == pytest.approx(9120.66 / 2.4762, abs=0.01)


def test_forecast_at_a_year_and_bands(fc):
    f = fc["CV"]
    fit = f.fits["best models"]
    point = forecast.extrapolate(fit, 2030)
    own = f.own_interval("best models", 2030)
    assert own["fitted"] == pytest.approx(point.value)
    assert (own["pi_lower"], own["pi_upper"]) == (
        pytest.approx(point.pi_lower),
        pytest.approx(point.pi_upper),
    )
    both = f.at("best models", 2030)
    assert both["fitted"] == pytest.approx(3334.5, abs=0.1)
    assert both["pi_lower"] < own["pi_lower"] and both["pi_upper"] > own["pi_upper"]
    low, central, high = f.crossing("best models", 96.85)
    assert fit.predict([central])["fitted"].iloc[0] == pytest.approx(96.85)
    assert low <= central <= high
    numbers = chf.cv_numbers(f, 2030, 96.85, 3683.33)
    assert numbers["fc_cv_best_times_somatic"] == pytest.approx(point.value / 96.85)
    assert numbers["fc_cv_best_somatic_year"] == pytest.approx(central)
    bands = f.bands(2030)
    best = bands[bands["trend"] == "best models"]
    assert best["year"].iloc[0] == pytest.approx(f.starts["best models"])
    assert best["year"].iloc[-1] == 2030.0
    assert np.diff(best["year"].to_numpy()).max() <= 0.25 + 1e-9
    assert best["fitted"].iloc[-1] == pytest.approx(point.value)


def test_population_power_by_hand():
    class Fixed:
        """A forecast that gives 0.1 J per inference (PI 0.05 to 0.2 J) in every year."""

        def at(self, trend, year):
            return pd.Series({"fitted": 0.1, "pi_lower": 0.05, "pi_upper": 0.2})

    world_watts = 22_848 * 3.6e15 / (365 * 86_400)  # the IEA's 22,848 TWh in 2019 as a power
    # 0.1 J per inference, 1 per second, 8e9 people: 8e8 W; per person 0.1 W.
    table = chf.population_power({"X": Fixed()}, 2030, 1.0, 8e9, 96.85, world_watts)
    assert table["trend"].tolist() == ["X, best models", "X, all models"]
    row = table.iloc[0]
    assert row["watts"] == pytest.approx(8e8)
    assert row["times_somatic"] == pytest.approx(0.1 / 96.85)
    # 8e8 W x 8760 h = 7.008 TWh a year, of the IEA's 22,848 TWh.
    assert row["times_world"] == pytest.approx(7.008 / 22_848)
    assert (row["times_world_low"], row["times_world_high"]) == (
        pytest.approx(7.008 / 22_848 / 2),
        pytest.approx(7.008 / 22_848 * 2),
    )
    assert list(table.columns) == [
        "trend",
        "joules",
        "joules_low",
        "joules_high",
        "watts",
        "times_somatic",
        "times_world",
        "times_world_low",
        "times_world_high",
    ]
    rate = chf.rate_for_world(0.1, 8e9, world_watts)
    assert forecast.share_of_world_electricity(
        forecast.population_power_watts(0.1, rate, 8e9)
    ) == pytest.approx(1.0)
    with pytest.raises(InputError):
        chf.rate_for_world(0.0, 8e9, world_watts)


def test_interactive_series_reproduces_the_fit(fc, basis):
    series = chf.interactive_series(fc, 2021, 2040)
    cv_best = series[series["trend"] == "CV, best models"]
    assert (
        len(cv_best) == 39 and set(cv_best["task"]) == {"CV"} and set(cv_best["selection"]) == {"best models"}
    )
    assert set(series["trend"]) == {
        "CV, best models",
        "CV, all models",
        "NLP, best models",
        "NLP, all models",
    }
    # What the Vega-Lite calculate transform computes, done here in Python.
    joules = 10 ** (
        cv_best["log10_at_center"] + cv_best["slope"] * (cv_best["year"] - cv_best["year_center"])
    )
    fit = fc["CV"].fits["best models"]
    assert joules.to_numpy() == pytest.approx(fit.predict(cv_best["year"].to_numpy())["fitted"].to_numpy())
    assert basis["world_watts"] == pytest.approx(22_848 * 3.6e15 / (365 * 86400))
    refs = chf.interactive_references(8e9, 96.85, 1526.85, basis["world_watts"]).set_index("label")["watts"]
    assert refs["world electricity (2019)"] == pytest.approx(22_848 * 3.6e15 / (365 * 86400))
    assert refs["everyone's body (food energy)"] == pytest.approx(96.85 * 8e9)
    assert refs["everyone's electricity at the US level"] == pytest.approx(1526.85 * 8e9)


def test_sensitivity_table(cv, nlp, gpus, ngc, table9):
    table = chf.sensitivity(cv, nlp, gpus, ngc, 2030, "A100", "Mixed")
    assert len(table) == 3 * 4 + 4 * 4
    baseline = table[table["efficiency"].str.endswith("(paper)")]
    assert (baseline["times_baseline"] == 1.0).all()
    cv_best = table.set_index(["task", "selection", "efficiency"]).loc[("CV", "best", "CNN trend (paper)")]
    frame = energy.model_energy(cv, table9, "CV")
    expected = forecast.extrapolate(energy.energy_fits(frame, "CV")["best"], 2030).value
    assert cv_best["joules"] == pytest.approx(expected)
    assert cv_best["joules"] == pytest.approx(3334.5, abs=0.1)
    # A fixed GPU scales every model by the same factor, so the 'all' fit moves by it too.
    fixed = table.set_index(["task", "selection", "efficiency"]).loc[("CV", "all", "fixed A100 Mixed")]
    assert fixed["times_baseline"] > 1
    grid = chf.sensitivity_grid(table)
    assert grid.shape == (7, 6)
    assert list(grid.columns[2:]) == [
        "own trend (paper)",
        "other trend",
        "own trend, with the P100 and A30 rows",
        "fixed A100 Mixed",
    ]
    numbers = chf.sensitivity_numbers(table, "A100", "Mixed")
    assert numbers["fc_sens_cv_orders"] == pytest.approx(
        math.log10(numbers["fc_sens_cv_high"] / numbers["fc_sens_cv_low"])
    )
    cv_rows = table[table["task"] == "CV"]["joules"]
    assert (numbers["fc_sens_cv_low"], numbers["fc_sens_cv_high"]) == (cv_rows.min(), cv_rows.max())
    assert numbers["fc_sens_nlp_orders"] > numbers["fc_sens_cv_orders"] > 4


# ----------------------------------------------------------------------------- forecast uncertainty


def test_joules_band_contains_the_fit_and_is_wider_than_its_own(fc):
    f = fc["CV"]
    fit, efficiency = f.fits["best models"], f.efficiency
    years = np.array([2015.0, 2021.0, 2030.0])
    own = forecast.joules_band(fit, None, years)
    both = forecast.joules_band(fit, efficiency, years)
    # Without an efficiency fit the band is the joules fit's own prediction.
    predicted = fit.predict(years)
    for column in ("fitted", "ci_lower", "ci_upper", "pi_lower", "pi_upper"):
        assert own[column].to_numpy() == pytest.approx(predicted[column].to_numpy(), rel=1e-12)
    assert both["fitted"].to_numpy() == pytest.approx(own["fitted"].to_numpy(), rel=1e-12)
    assert (both["pi_lower"] < both["ci_lower"]).all()
    assert (both["ci_lower"] < both["fitted"]).all() and (both["fitted"] < both["ci_upper"]).all()
    assert (both["ci_upper"] < both["pi_upper"]).all()
    assert (both["ci_lower"] < own["ci_lower"]).all() and (both["ci_upper"] > own["ci_upper"]).all()
    assert (both["pi_lower"] < own["pi_lower"]).all() and (both["pi_upper"] > own["pi_upper"]).all()
    # The page's CV numbers for 2030: 95% PI 143 to 77,832 J with both fits, 148 to 75,303 J alone.
    at_2030 = both.iloc[-1]
    assert (at_2030["pi_lower"], at_2030["pi_upper"]) == (
        pytest.approx(142.86, rel=1e-3),
        pytest.approx(77_832, rel=1e-3),
    )
    assert (own["pi_lower"].iloc[-1], own["pi_upper"].iloc[-1]) == (
        pytest.approx(147.66, rel=1e-3),
        pytest.approx(75_303, rel=1e-3),
    )


def test_joules_band_widens_away_from_the_data(fc):
    f = fc["CV"]
    fit = f.fits["best models"]
    years = fit.year_center + np.array([0.0, 2.0, 5.0, 10.0, 20.0])
    band = forecast.joules_band(fit, f.efficiency, years)
    width = np.log10(band["pi_upper"] / band["pi_lower"]).to_numpy()
    assert (np.diff(width) > 0).all()
    ci_width = np.log10(band["ci_upper"] / band["ci_lower"]).to_numpy()
    assert (np.diff(ci_width) > 0).all()
    before = forecast.joules_band(fit, f.efficiency, [fit.year_center - 10.0])
    assert np.log10(before["pi_upper"] / before["pi_lower"]).iloc[0] > width[0]


def test_joules_band_with_an_exact_efficiency_fit_adds_nothing():
    years, fit = _hand_made_fit()
    exact = trends.fit_exponential_trend(years, 10 ** (0.05 * (years - 2010.0)))
    grid = [2012.0, 2030.0]
    with_exact = forecast.joules_band(fit, exact, grid)
    own = forecast.joules_band(fit, None, grid)
    for column in ("ci_lower", "ci_upper", "pi_lower", "pi_upper"):
        assert with_exact[column].to_numpy() == pytest.approx(own[column].to_numpy(), rel=1e-9)


def test_crossing_interval_of_a_hand_made_fit():
    years, fit = _hand_made_fit()
    assert fit.slope == pytest.approx(0.1, abs=1e-12)
    # log10(value) = 0.1 x (year - 2010): 100 is reached in 2030, 10 in 2020.
    low, central, high = forecast.crossing_interval(fit, None, 100.0)
    assert central == pytest.approx(2030.0, abs=1e-9)
    assert low < central < high
    assert forecast.crossing_interval(fit, None, 10.0)[1] == pytest.approx(2020.0, abs=1e-9)
    # By hand: the 95% CI of the line is 0.1 (t - 2010) +- q s sqrt(1/11 + (t - 2015)^2 / 110),
    # with s^2 = 0.01^2 x 858 / 9 (the scatter) and q the t quantile on 9 df. The interval's ends
    # are where the CI reaches log10(100) = 2; the grid of crossing_interval has a step of 1/24.
    s = math.sqrt(1e-4 * 858 / 9)
    q = stats.t.ppf(0.975, 9)

    def half(t):
        return q * s * math.sqrt(1 / 11 + (t - 2015.0) ** 2 / 110)

    from scipy.optimize import brentq

    low_hand = brentq(lambda t: 0.1 * (t - 2010) + half(t) - 2.0, 2015.0, 2030.0)
    high_hand = brentq(lambda t: 0.1 * (t - 2010) - half(t) - 2.0, 2030.0, 2060.0)
    assert 0 <= low - low_hand <= 1 / 24 + 1e-9
    assert 0 <= high_hand - high <= 1 / 24 + 1e-9
    # With a (noisy) efficiency fit the interval can only grow.
    _, efficiency = _hand_made_fit(slope=0.05, spread=0.005)
    e_low, e_central, e_high = forecast.crossing_interval(fit, efficiency, 100.0)
    assert e_central == central
    assert e_low < low and e_high > high


def test_crossing_interval_on_the_page(fc):
    f = fc["CV"]
    for joules in (96.85, 3683.33):
        low, central, high = f.crossing("best models", joules)
        assert low <= central <= high
        assert central == pytest.approx(forecast.crossing_year(f.fits["best models"], joules))
    with pytest.raises(ValueError):
        forecast.crossing_interval(f.fits["best models"], f.efficiency, -1.0)


# ----------------------------------------------------------------------------- achieved against peak


def test_achieved_against_credited_peak_by_hand(achieved, ngc):
    # data/ngc_inference_throughput.csv: ResNet v1.5, PyTorch, batch 256, V100 16GB, Mixed:
    # 3382 images/s. data/ngc_benchmark_flops.csv: ResNet v1.5, 8.18 GFLOPs per image.
    flops = data.load("ngc_benchmark_flops")
    assert flops.set_index("model").loc["ResNet v1.5", "gflops_per_item"] == 8.18
    measured = ngc[
        (ngc["model"] == "ResNet v1.5")
        & (ngc["framework"] == "PyTorch")
        & (ngc["gpu"] == "V100 16GB")
        & (ngc["precision"] == "Mixed")
    ]
    assert measured["throughput"].tolist() == [3382]
    assert len(achieved) == len(ngc) == 58
    row = achieved[
        (achieved["model"] == "ResNet v1.5")
        & (achieved["framework"] == "PyTorch")
        & (achieved["gpu"] == "Tesla V100")
        & (achieved["precision"] == "Mixed")
    ].iloc[0]
    assert row["achieved_tflops"] == pytest.approx(3382 * 8.18 / 1000)  # 27.66 TFLOPS
    # Credited: the V100's 15.7 FP32 TFLOPS (Table 8) x its mean CV speed-up in Mixed (Table 4).
    assert row["credited_tflops"] == pytest.approx(15.7 * hardware.speedup_ratio(ngc, "V100", "Mixed", "CV"))
    assert row["credited_tflops"] == pytest.approx(15.7 * 2.27, abs=15.7 * 0.005)
    assert row["utilisation"] == pytest.approx(3382 * 8.18 / 1000 / (15.7 * 2.2745), abs=1e-4)  # 0.7747
    assert row["joules_measured"] == pytest.approx(300 / 3382)
    assert row["measured_over_paper"] == pytest.approx(1 / row["utilisation"])
    # FP32 is credited the data-sheet peak itself.
    fp32 = achieved[
        (achieved["model"] == "ResNet v1.5")
        & (achieved["framework"] == "PyTorch")
        & (achieved["gpu"] == "Tesla V100")
        & (achieved["precision"] == "FP32")
    ].iloc[0]
    assert fp32["credited_tflops"] == 15.7
    assert fp32["utilisation"] == pytest.approx(1261 * 8.18 / 1000 / 15.7)


def test_utilisation_shares(achieved):
    used = che.utilisation(achieved)
    assert (used["utilisation"] > 0).all()
    # Every CV benchmark stays under the credited peak; only BERT-Large passes it (the
    # credited peak is a mean of speed-ups, not a ceiling).
    assert (used.loc[used["task"] == "CV", "utilisation"] <= 1).all()
    over = used[used["utilisation"] > 1]
    assert set(zip(over["model"], over["setting"], strict=True)) == {
        ("BERT-LARGE", "V100 Mixed"),
        ("BERT-LARGE", "A100 TF32"),
        ("BERT-LARGE", "A100 Mixed"),
    }
    assert over["utilisation"].max() == pytest.approx(1.15, abs=0.01)
    row = used[(used["benchmark"] == "ResNet v1.5 (PyTorch)") & (used["setting"] == "V100 Mixed")]
    assert row["family"].tolist() == ["dense CNN"]
    assert set(che.utilisation_view(used)["utilisation"]) <= set(used["utilisation"])
    with pytest.raises(InputError, match="no family"):
        che.utilisation(achieved.assign(model="SomeNet"))


def test_utilisation_numbers(achieved, cv, nlp, table9, cv_energy):
    used = che.utilisation(achieved)
    decomposition = che.decomposition(cv, nlp, table9)
    numbers = che.utilisation_numbers(used, cv_energy, decomposition, cv)
    credited = 15.7 * 2.2745  # V100 Mixed, CV work
    assert 0 < numbers["util_low"] < numbers["util_high"] <= 1
    # EfficientNet-B0: 6176 images/s x 0.78 GFLOPs; ResNeXt101: 1746 x 15.94; ResNet v1.5: 3382 x 8.18.
    assert numbers["util_low"] == pytest.approx(6176 * 0.78 / 1000 / credited, abs=1e-4)  # 0.1349
    assert numbers["util_low_model"] == "efficientnet-b0 on the V100 Mixed"
    assert numbers["util_high"] == pytest.approx(1746 * 15.94 / 1000 / credited, abs=1e-4)  # 0.7794
    assert numbers["util_resnet_v100"] == pytest.approx(3382 * 8.18 / 1000 / credited, abs=1e-4)
    assert numbers["util_factor_low"] == pytest.approx(1 / numbers["util_high"])
    assert numbers["util_median_joules_high"] == pytest.approx(
        cv_energy["joules"].median() / numbers["util_low"]
    )
    # ResNet-50 (2015-12-10) to EfficientNet-B0 (2019-05-28): 1265 days.
    assert numbers["util_years"] == pytest.approx(1265 / 365.25)
    assert numbers["util_share_paper"] == pytest.approx(0.7427, abs=1e-4)
    shifted = 1.3002 * (numbers["util_effnet_v100"] / numbers["util_resnet_v100"]) ** (
        1 / numbers["util_years"]
    )
    assert numbers["util_shifted_growth"] == pytest.approx(shifted, rel=1e-4)
    # Below 1 a year the efficiency the models get falls: the hardware cancels none of it.
    assert shifted < 1 and numbers["util_share_low_words"].startswith("none of it")
    assert che.share_words(0.7427) == "74%"


# ----------------------------------------------------------------------------- tables


def _html(frame, table_id="t-test", **kwargs):
    return tables.show(frame, table_id, **kwargs).data


@pytest.fixture
def mixed():
    return pd.DataFrame(
        {
            "model": ["AlexNet", "ViT-G/14"],
            "gflops": [72.0, 3.25],
            "watts": [300.0, 70.0],
            "year": [2012, 2021],
            "first_year": [2012.0, np.nan],
            "release": ["2012-06-01", "2021-06"],
            "note": [None, "estimated"],
        }
    )


def test_show_numbers_years_dates_and_empty_cells(mixed):
    html = _html(mixed, digits=2)
    # One fractional value makes the whole column print its decimals: 72.00, not 72.
    assert '<td class="num">72.00</td>' in html and '<td class="num">3.25</td>' in html
    # A column of whole floats prints whole numbers.
    assert '<td class="num">300</td>' in html and '<td class="num">70</td>' in html
    # Years without a thousands separator, whether int or float.
    assert '<td class="num">2012</td>' in html and "2,012" not in html
    assert html.count('<td class="num">2012</td>') == 2
    assert '<td class="date">2012-06-01</td>' in html and '<td class="date">2021-06</td>' in html
    # NaN and None cells are empty.
    assert html.count("<td></td>") == 2
    assert "nan" not in html.lower() and "None" not in html


def test_show_has_no_index_column(mixed):
    html = _html(mixed.set_index(pd.Index([10, 11])))
    assert html.count("<th ") == html.count("data-column=") == len(mixed.columns)
    assert "<tr><td>AlexNet</td>" in html
    assert ">10<" not in html


def test_show_filterable(mixed):
    plain = _html(mixed, digits=2)
    assert "data-filterable" not in plain and "data-value" not in plain
    html = _html(mixed, digits=2, filterable=True, filters=("model",))
    assert 'data-filterable="true"' in html and 'data-filters="model"' in html
    assert '<td class="num" data-value="72.0">72.00</td>' in html
    assert '<td class="num" data-value="2012.0">2012</td>' in html
    # Text and date cells carry no value.
    assert "<td>AlexNet</td>" in html and '<td class="date">2012-06-01</td>' in html


def test_show_is_deterministic_and_checks_its_id(mixed, comparisons):
    assert _html(mixed, "fixed-id") == _html(mixed.copy(), "fixed-id")
    assert 'id="fixed-id"' in _html(mixed, "fixed-id")
    for bad in ("1table", "has space", 'x"y', ""):
        with pytest.raises(InputError, match="table_id"):
            tables.show(mixed, bad)
    with pytest.raises(InputError):
        tables.show(mixed, "t", headers={"nope": "x"})
    big = pd.DataFrame({"x": [1.234567e15, 0.000123456]})
    html = _html(big, "sig", digits=3, significant=True)
    assert "1.23 × 10<sup>15</sup>" in html and "0.000123" in html


def test_page_views_of_the_comparisons(comparisons):
    t3 = chh.table3_view(comparisons["table3"])
    assert list(t3.columns) == ["benchmark", "setting / reference", "recomputed", "printed"]
    assert t3["benchmark"].iloc[0] == "CV efficientnet-b0, PyTorch, batch 256"
    assert t3["setting / reference"].iloc[1] == "V100 16GB Mixed / V100 FP32"
    t9 = chh.table9_view(comparisons["table9"])
    assert "GFLOPS/W printed" in t9.columns
    assert t9["row of Table 9"].iloc[-1] == "For NLP: A100 Mixed"
    assert any(t9["row of Table 9"].str.contains("Tesla T4"))  # as the paper prints it
    html = _html(t9, "hw-table9", digits=2)
    assert "<th" in html and "<td>For NLP: A100 Mixed</td>" in html


def test_decomposition_and_named_tables(cv, nlp, table9):
    decomposition = che.decomposition(cv, nlp, table9)
    assert list(decomposition.columns) == [
        "task",
        "selection",
        "n",
        "flops_growth",
        "efficiency_growth",
        "joules_growth",
        "implied_joules_growth",
        "share_cancelled",
    ]
    named = che.named_gpus(cv, nlp, table9, [("T4", "Mixed")])
    assert list(named.columns) == [
        "task",
        "efficiency",
        "gflops_per_watt",
        "median_joules",
        "median_ratio_to_trend",
        "best_growth",
        "all_growth",
    ]
    html = _html(named, "named", digits=3)
    # The trend has no single GFLOPS/W: its cell is empty, never "nan".
    assert "nan" not in html.lower()
    assert "<tr><td>CV</td><td>trend (Fig. 8)</td><td></td>" in html
