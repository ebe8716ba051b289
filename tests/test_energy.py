"""Energy per inference (Eq. 1 and 2) and the GPU efficiency trends of Fig. 8."""

import math

import pandas as pd
import pytest

from dltrends import energy, hardware, trends


def test_alexnet_on_v100_fp32():
    # 1.42 GFLOPs / 52.33 GFLOPS/W = 0.0271 J.
    assert energy.joules_per_inference(1.42, 52.33) == pytest.approx(0.0271, abs=5e-5)


def test_joules_with_gpu_v100_fp32(cv, table9):
    out = energy.joules_with_gpu(cv, table9, "Tesla V100", "FP32")
    alexnet = out.set_index("model").loc["AlexNet"]
    assert alexnet["gflops_per_watt"] == pytest.approx(52.33, abs=0.005)
    assert alexnet["joules"] == pytest.approx(0.0271, abs=5e-5), "AlexNet on V100 FP32: 0.0271 J"
    assert len(out) == len(cv) and "joules" not in cv.columns  # a copy, input untouched


def test_joules_with_gpu_mixed_precision_depends_on_work(cv, table9):
    cnn = energy.joules_with_gpu(cv.head(1), table9, "A100", "Mixed", work="CNN")
    nlp = energy.joules_with_gpu(cv.head(1), table9, "A100", "Mixed", work="NLP")
    assert cnn["gflops_per_watt"].iloc[0] == pytest.approx(130.88, abs=0.01)  # Table 9
    assert nlp["gflops_per_watt"].iloc[0] == pytest.approx(183.23, abs=0.01)  # Table 9


@pytest.mark.parametrize("work,growth,doubling", [("CNN", 1.300, 2.640), ("NLP", 1.327, 2.452)])
def test_efficiency_trends(table9, work, growth, doubling):
    fit = energy.efficiency_trend(table9, work)
    assert fit.n == 32, "28 FP32 GPUs + 4 adapted rows"
    assert fit.growth_per_year == pytest.approx(growth, abs=0.001), f"{work} GFLOPS/W growth per year"
    assert fit.doubling_time_years == pytest.approx(doubling, abs=0.001)
    low, high = fit.growth_per_year_ci
    assert 1.2 < low < growth < high < 1.4


def test_efficiency_trend_equals_direct_fit(table9):
    series = hardware.efficiency_series(table9, "NLP")
    direct = trends.fit_exponential_trend(series["launch_date"], series["gflops_per_watt"])
    assert energy.efficiency_trend(table9, "NLP") == direct


def test_joules_from_trend(cv, table9):
    fit = energy.efficiency_trend(table9, "CNN")
    out = energy.joules_from_trend(cv, fit)
    expected_efficiency = fit.predict(cv["release_date"])["fitted"].to_numpy()
    assert out["gflops_per_watt"].to_numpy() == pytest.approx(expected_efficiency, rel=1e-12)
    assert (out["joules"] * out["gflops_per_watt"]).to_numpy() == pytest.approx(
        cv["gflops"].to_numpy(), rel=1e-12
    ), "Eq. 2: joules x GFLOPS/W = GFLOPs"
    alexnet = out.set_index("model").loc["AlexNet"]
    # The CNN trend gives 14.2 GFLOPS/W in mid-2012, so AlexNet costs about 0.1 J.
    assert alexnet["gflops_per_watt"] == pytest.approx(14.22, abs=0.01)
    assert alexnet["joules"] == pytest.approx(0.0998, abs=0.0001)


def test_cv_energy_trends(cv, table9):
    joules = energy.joules_from_trend(cv, energy.efficiency_trend(table9, "CNN"))
    every = trends.fit_frame(joules, "joules")
    best = trends.fit_frame(trends.select_best_per_year(joules), "joules")
    # Fig. 9: hardware softens the growth; the best models still grow exponentially.
    assert every.growth_per_year == pytest.approx(1.095, abs=0.001)
    assert best.growth_per_year == pytest.approx(1.807, abs=0.001)
    gflops_best = trends.fit_frame(trends.select_best_per_year(cv), "gflops")
    assert best.growth_per_year < gflops_best.growth_per_year


# ----------------------------------------------------------------------------- validation


@pytest.mark.parametrize("gflops,efficiency", [(0.0, 52.33), (-1.0, 52.33), (1.42, 0.0), (1.42, -3.0)])
def test_non_positive_inputs_are_rejected(gflops, efficiency):
    with pytest.raises(ValueError, match="must be"):
        energy.joules_per_inference(gflops, efficiency)


def test_non_positive_gflops_in_a_frame_are_rejected(table9):
    frame = pd.DataFrame({"gflops": [1.0, 0.0], "release_date": pd.to_datetime(["2019-01-01"] * 2)})
    with pytest.raises(ValueError, match="gflops must be > 0"):
        energy.joules_with_gpu(frame, table9, "Tesla V100", "FP32")


def test_unknown_gpu_is_rejected(cv, table9):
    with pytest.raises(ValueError, match="unknown GPU and precision"):
        energy.joules_with_gpu(cv, table9, "Voodoo 2", "FP32")


def test_unknown_work_is_rejected(table9):
    with pytest.raises(ValueError, match="work must be"):
        energy.efficiency_trend(table9, "ASR")


def test_empty_selection_is_rejected(cv, table9):
    fit = energy.efficiency_trend(table9, "CNN")
    with pytest.raises(ValueError, match="empty selection"):
        energy.joules_from_trend(cv.iloc[0:0], fit)


def test_missing_column_is_rejected(cv, table9):
    fit = energy.efficiency_trend(table9, "CNN")
    with pytest.raises(ValueError, match="missing columns"):
        energy.joules_from_trend(cv.drop(columns=["gflops"]), fit)


def test_trend_argument_is_checked(cv):
    with pytest.raises(ValueError, match="TrendFit"):
        energy.joules_from_trend(cv, trend=math.pi)
