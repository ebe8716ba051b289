"""The chapter "What happened next": its data, the backtests, the claims, the charts."""


import pandas as pd
import pytest

from dltrends import accelerators, data, trends
from dltrends.chapters import since_2021 as ch
from dltrends.checks import InputError
from dltrends.compare import KINDS, claims_frame
from dltrends.compare import since_2021 as compare
from dltrends.display.charts import since_2021 as charts
from dltrends.scorecard import group_of


@pytest.fixture(scope="module")
def frames():
    return {name: data.load(name) for name in compare.FILES}


@pytest.fixture(scope="module")
def table(frames):
    return compare.accelerator_table(frames)


@pytest.fixture(scope="module")
def backtest(frames):
    return compare.efficiency_backtest(frames)


# ----------------------------------------------------------------------------- the data


@pytest.mark.parametrize(
    "name, rows",
    [
        ("accelerators", 33),
        ("accelerator_specs", 218),
        ("imagenet_models_since_2021", 33),
        ("language_models_since_2018", 39),
    ],
)
def test_files_load_with_their_schema(name, rows):
    frame = data.load(name)
    assert len(frame) == rows
    assert name in data.SCHEMAS
    documented = data.curated_all("columns")
    assert set(documented.loc[documented["file"] == name, "column"]) == set(data.SCHEMAS[name].columns)
    assert name in set(data.curated_all("files")["file"])


def test_every_numeric_column_of_the_new_files_has_a_range():
    for name in (
        "accelerators",
        "accelerator_specs",
        "imagenet_models_since_2021",
        "language_models_since_2018",
    ):
        for column, col in data.SCHEMAS[name].columns.items():
            if col.kind in ("float", "int"):
                assert col.min is not None and col.max is not None, (name, column)


def test_a_bad_value_is_refused(tmp_path):
    text = (data.DATA_DIR / "accelerator_specs.csv").read_text(encoding="utf-8")
    (tmp_path / "accelerator_specs.csv").write_text(text.replace(",tdp_watts,700,", ",tdp_watts,-700,", 1))
    with pytest.raises(data.DataError, match="value"):
        data.load("accelerator_specs", tmp_path)


def test_every_spec_lies_in_its_quantity_band(frames):
    assert accelerators.out_of_band(frames["accelerator_specs"]).empty
    assert set(accelerators.QUANTITIES) == set(frames["accelerator_specs"]["quantity"].astype(str))


def test_out_of_band_flags_a_value():
    specs = pd.DataFrame({"accelerator": ["X"], "quantity": ["tdp_watts"], "value": [5000.0]})
    assert len(accelerators.out_of_band(specs)) == 1
    with pytest.raises(InputError, match="unknown quantities"):
        accelerators.out_of_band(specs.assign(quantity="watts"))


def test_accelerators_launched_after_the_paper_and_fully_keyed(frames, table):
    assert (frames["accelerators"]["launch_date"] >= pd.Timestamp("2021-06-01")).all()
    assert set(frames["accelerator_specs"]["accelerator"]) <= set(frames["accelerators"]["accelerator"])
    assert table["tdp_watts"].notna().all() and table["fp16_bf16_tflops"].notna().all()
    checked = frames["accelerator_specs"]
    assert (checked.loc[checked["checked"] == "yes", "checked_in"].notna()).all()
    assert (checked["checked"] == "yes").sum() == 63


@pytest.mark.parametrize(
    "accelerator, quantity, value",
    [
        ("H100 SXM", "fp16_bf16_tflops", 989.4),  # NVIDIA: 1,979 with 2:4 sparsity
        ("H100 SXM", "tdp_watts", 700),
        ("H100 SXM", "memory_bandwidth_gbs", 3350),
        ("H200 SXM", "memory_gb", 141),
        ("B200", "fp16_bf16_tflops", 2250),
        ("B200", "tdp_watts", 1000),
        ("MI300X", "fp16_bf16_tflops", 1307.4),
        ("MI300X", "memory_gb", 192),
        ("MI300X", "memory_bandwidth_gbs", 5300),
        ("TPU v5e", "fp16_bf16_tflops", 197),
        ("TPU v6e", "fp16_bf16_tflops", 918),
        ("Gaudi 3", "fp16_bf16_tflops", 1835),
        ("RTX 4090", "fp16_bf16_tflops", 165.2),  # FP32 accumulate, dense
    ],
)
def test_datasheet_values(table, accelerator, quantity, value):
    row = table[table["accelerator"] == accelerator].iloc[0]
    assert row[quantity] == pytest.approx(value)


def test_nvidia_dense_rates_are_half_the_sparse_ones(table):
    h100 = table[table["accelerator"] == "H100 SXM"].iloc[0]
    assert 2 * h100["fp16_bf16_tflops"] == pytest.approx(1978.8, abs=0.5)
    assert h100["fp8_tflops"] == pytest.approx(2 * h100["fp16_bf16_tflops"], rel=1e-3)


def test_imagenet_flops_convention_and_flags(frames):
    cv = frames["imagenet_models_since_2021"]
    macs = cv[cv["gflops_convention_printed"] == "MACs"]
    assert len(macs) == 28
    assert (macs["gflops"] - 2 * macs["gflops_as_printed"]).abs().max() < 1e-9
    assert cv.loc[cv["gflops"].isna(), "gflops_convention_printed"].isna().all()
    apart = cv[(cv["top1_evaluation"] != "fine-tuned") | (cv["weights_origin"] != "authors")]
    assert sorted(apart["model"]) == sorted(
        [
            "BASIC-L (zero-shot)",
            "DINOv2 ViT-g/14 (linear probe, frozen features)",
            "MobileNetV4-Conv-S (timm weights, 256)",
            "MobileNetV4-Hybrid-L (timm weights, 384)",
        ]
    )
    comparable = compare.cv_fit_rows(cv)
    assert len(comparable) == 26 and not comparable["model"].isin(apart["model"]).any()
    assert (cv["release_date"] > accelerators.CUTOFF).all()


def test_language_models_active_parameters(frames):
    lm = frames["language_models_since_2018"]
    known = lm[lm["active_params_billions"].notna()]
    assert (known["active_params_billions"] <= known["total_params_billions"]).all()
    dense = known[known["architecture"] == "dense"]
    assert (dense["active_params_billions"] == dense["total_params_billions"]).all()
    v3 = known[known["model"] == "DeepSeek-V3"].iloc[0]
    assert (v3["total_params_billions"], v3["active_params_billions"]) == (671, 37)


# ----------------------------------------------------------------------------- domain functions


def test_ridge_point_by_hand(table):
    # 989.4e12 FLOP/s / 3350e9 byte/s
    assert accelerators.ridge_point(989.4, 3350) == pytest.approx(989.4e12 / 3350e9)
    assert accelerators.ridge_point(989.4, 3350) == pytest.approx(295.3433, abs=1e-4)
    ridge = accelerators.ridge_points(table)
    b200 = ridge[(ridge["accelerator"] == "B200") & (ridge["precision"] == "FP16/BF16")].iloc[0]
    assert b200["flops_per_byte"] == pytest.approx(2250e12 / 7700e9)
    with pytest.raises(InputError):
        accelerators.ridge_point(1.0, 0)


def test_per_token_and_memory_helpers():
    assert accelerators.gflops_per_token(17) == 34
    assert accelerators.decode_flops_per_byte(1.0) == 2.0
    assert accelerators.decode_tokens_per_second(8000, 40, 1.0) == pytest.approx(200.0)
    assert accelerators.devices_to_hold(1600, 288) == pytest.approx(3200 / 288)


def test_efficiency_long_uses_eq1(table):
    long = accelerators.efficiency_long(table, ("FP32", "FP16/BF16"))
    b200 = long[(long["accelerator"] == "B200") & (long["precision"] == "FP16/BF16")].iloc[0]
    assert b200["gflops_per_watt"] == pytest.approx(2250.0)
    with pytest.raises(InputError, match="unknown precision"):
        accelerators.efficiency_long(table, ("FP64",))


def test_backtest_and_coverage_by_construction():
    fit = trends.fit_exponential_trend([2015.0, 2016.0, 2017.0, 2018.0], [1.0, 2.1, 3.9, 8.2])
    later = pd.DataFrame({"launch_date": [2019.0, 2020.0, 2020.0], "v": [16.0, 1.0, 1e6]})
    scored = accelerators.backtest(fit, later, "v")
    assert list(scored["side"]) == ["inside", "below", "above"]
    assert accelerators.coverage(scored) == pytest.approx(
        {"n": 3, "inside": 1, "above": 1, "below": 1, "share_inside": 1 / 3,
         "median_ratio": float(scored["ratio"].median())}
    )  # fmt: skip
    with pytest.raises(InputError):
        accelerators.coverage(scored.iloc[0:0])


# ----------------------------------------------------------------------------- the backtests


def test_fits_use_data_up_to_mid_2021_only(frames):
    fits = compare.efficiency_fits(frames)
    assert fits["FP32"].n == 31 and fits["FP16/FP32 Tensor"].n == 9 and fits["FP16"].n == 8
    assert fits["CNN"].n == fits["NLP"].n == 32
    assert fits["CNN"].growth_per_year == pytest.approx(1.3002, abs=1e-4)


def test_the_issue_first_look(backtest):
    b200 = backtest[backtest["accelerator"] == "B200"].set_index("line")
    assert b200.loc["FP16/FP32 Tensor", "predicted"] == pytest.approx(567, abs=1)
    assert b200.loc["FP16/FP32 Tensor", "actual"] == pytest.approx(2250)
    assert b200.loc["FP32", "predicted"] == pytest.approx(218, abs=1)
    assert b200.loc["FP32", "actual"] == pytest.approx(62.08)
    assert (b200.loc["FP32", "pi_lower"], b200.loc["FP32", "pi_upper"]) == pytest.approx(
        (116.1, 409.4), abs=0.1
    )
    assert b200.loc["FP32", "side"] == "below" and b200.loc["FP16/FP32 Tensor", "side"] == "inside"


def test_coverage_per_precision(backtest):
    cov = compare.coverage_table(backtest).set_index("line")
    assert cov.loc["FP32", ["n", "inside", "above", "below"]].tolist() == [21, 13, 2, 6]
    assert cov.loc["FP16/FP32 Tensor", ["n", "inside", "above", "below"]].tolist() == [33, 33, 0, 0]
    assert cov.loc["CNN", ["n", "inside", "above", "below"]].tolist() == [33, 28, 0, 5]
    assert cov.loc["NLP", ["n", "inside", "above", "below"]].tolist() == [33, 28, 0, 5]
    assert cov.loc["CNN", "peaks_above"] == 28
    assert cov.loc["FP32", "lowest_consistent"] == 18 and not cov.loc["FP32", "consistent"]
    assert cov.loc["FP16/FP32 Tensor", "consistent"]
    assert not backtest.loc[backtest["line"] == "FP32", "accelerator"].isin(compare.FP32_UNCLEAR).any()


def test_where_the_fp32_trend_broke(backtest):
    server = backtest[(backtest["line"] == "FP32") & (backtest["kind"] == "server")]
    assert accelerators.first_year_outside(server, "below") == 2024
    tensor = backtest[backtest["line"] == "FP16/FP32 Tensor"]
    assert pd.isna(accelerators.first_year_outside(tensor, "above"))


def test_a100_share_of_its_tensor_peak(frames):
    shares = compare.peak_fractions(frames)
    # Table 9 adapted A100 Mixed: 130.876 (CNN), 183.232 (NLP) GFLOPS/W; tensor peak 312 TFLOPS / 400 W
    assert shares["CNN"] == pytest.approx(130.876262 / 780, rel=1e-6)
    assert shares["NLP"] == pytest.approx(183.232040 / 780, rel=1e-6)


def test_fp8_and_fp4_beyond_the_paper(frames):
    beyond = compare.efficiency_beyond(frames).set_index("accelerator")
    assert beyond.loc["B200", "fp8_over_bf16"] == pytest.approx(2.0)
    assert beyond.loc["B200", "fp4_over_bf16"] == pytest.approx(4.0)
    numbers = ch.beyond_numbers(beyond.reset_index())
    assert numbers["s21_fp8_median_ratio"] == pytest.approx(2.0)
    assert numbers["s21_fp4_best_name"] == "Maia 200"


def test_cv_backtest(frames):
    cv = compare.cv_backtest(frames)
    best = cv["best"].set_index("model")
    assert list(best.index) == ["EVA (EVA-01, ViT-g/14, 560)", "EVA-02-L (448, MIM M38M + IN-21k)"]
    assert best["side"].tolist() == ["inside", "below"]
    assert cv["fits"]["best"].growth_per_year == pytest.approx(2.35, abs=0.01)
    assert accelerators.coverage(cv["all"])["inside"] == 23


def test_lm_backtest(frames):
    lm = compare.lm_backtest(frames)
    largest = lm["largest"]
    assert [d.year for d in largest["release_date"]] == [2021, 2022, 2023, 2024, 2025, 2026]
    assert largest["side"].tolist() == ["inside", "inside", "below", "below", "below", "below"]
    palm = largest[largest["model"] == "PaLM (540B)"].iloc[0]
    assert palm["actual"] == pytest.approx(2 * 540.35)
    assert lm["fits"]["record"].growth_per_year == pytest.approx(15.79, abs=0.01)
    assert lm["fits"]["mixture-of-experts"].growth_per_year < 1 < lm["fits"]["dense"].growth_per_year


def test_energy_backtest(frames):
    by_year = compare.efficiency_by_year(frames)
    assert len(by_year) == 10 and (by_year["side"] == "inside").all()
    assert compare.new_efficiency_fits(frames)["CNN"].growth_per_year == pytest.approx(1.281, abs=0.001)
    joules = compare.energy_backtest(frames)
    new = joules["new"]
    # Eq. 2: joules = GFLOPs / (GFLOPS/W)
    assert (new["joules"] * new["gflops_per_watt"] - new["gflops"]).abs().max() < 1e-9
    assert joules["best"]["side"].tolist() == ["inside", "below"]


# ----------------------------------------------------------------------------- the claims


def test_claims(frames):
    claims = compare.claims(frames)
    card = claims_frame(claims)
    assert len(card) == 33
    assert card["claim"].str.startswith("since2021.").all()
    assert set(card["kind"]) == {"prediction"} and "prediction" in KINDS
    assert {group_of(c) for c in card["claim"]} == {"since 2021: the paper's predictions"}
    status = card.set_index("claim")["status"]
    assert status["since2021.coverage.fp32"] == "differs"
    assert status["since2021.coverage.fp16_fp32_tensor"] == "agrees"
    assert status["since2021.fp32.b200"] == "differs"
    assert status["since2021.fp16_fp32_tensor.b200"] == "agrees"
    assert status["since2021.lm_largest.2026"] == "differs"
    assert (status == "agrees").sum() == 23
    b200 = card.set_index("claim").loc["since2021.fp32.b200"]
    assert b200["paper_value"] == 218 and b200["recomputed_value"] == pytest.approx(62.08)


# ----------------------------------------------------------------------------- the page


def test_numbers_of_every_section(frames, table, backtest):
    fits = compare.efficiency_fits(frames)
    numbers = ch.accelerator_numbers(table, frames["accelerator_specs"])
    numbers |= ch.backtest_numbers(
        backtest, compare.coverage_table(backtest), fits, compare.peak_fractions(frames), frames["gpus"]
    )
    assert numbers["s21_fp32_inside"] == 13 and numbers["s21_fp32_break_year"] == 2024
    assert numbers["s21_tensor_b200_width"] > 1000
    ridge = ch.ridge_view(table)
    weights = ch.weights_view(table, frames["language_models_since_2018"])
    memory = ch.memory_numbers(table, ridge, weights)
    assert memory["s21_ridge_h100"] == pytest.approx(295.343, abs=1e-3)
    assert memory["s21_weights_last_devices"] == pytest.approx(3200 / 288)
    assert memory["s21_decode_intensity"] == 1.0


def _views(spec):
    if "layer" in spec:
        for layer in spec["layer"]:
            yield from _views(layer)
    else:
        yield spec


def _check_chart(chart):
    spec = chart.to_dict()
    assert 500 <= spec["width"] <= 620
    tooltips = 0
    for view in _views(spec):
        y = view.get("encoding", {}).get("y", {})
        if y.get("scale", {}).get("type") == "log" and "title" in y:
            assert "(log scale)" in y["title"]
        tooltips += "tooltip" in view.get("encoding", {})
    assert tooltips >= 1
    return spec


def test_charts(frames, table, backtest):
    fits = compare.efficiency_fits(frames)
    colors = {label: "#000000" for label in ch.PEAK_TRENDS.values()}
    _check_chart(
        charts.trend_backtest_chart(
            ch.peak_points(frames["gpus"], table),
            ch.peak_lines(fits, 2010.8),
            y_title="peak efficiency (log scale)",
            unit="GFLOPS/W",
            point_colors=charts.PRECISION_COLORS_SINCE_2021,
            line_colors=colors,
            color_title="precision",
        )  # fmt: skip
    )
    _check_chart(charts.ratio_chart(ch.ratio_points(backtest[backtest["line"] == "FP32"])))
    spec = _check_chart(charts.ridge_chart(ch.ridge_view(table), 1.0))
    assert any(v.get("mark", {}).get("type") == "rule" for v in _views(spec))
    with pytest.raises(InputError, match="missing columns"):
        charts.ridge_chart(pd.DataFrame({"accelerator": ["x"]}))
    with pytest.raises(InputError, match="missing columns"):
        charts.trend_backtest_chart(
            pd.DataFrame(),
            pd.DataFrame(),
            y_title="",
            unit="",
            point_colors={},
            line_colors={},
            color_title="",
        )


def test_chart_points_keep_the_periods_apart(frames):
    cv = compare.cv_backtest(frames)
    points = ch.cv_points(cv)
    assert set(points["period"]) == {ch.BEFORE, ch.AFTER}
    assert (points.loc[points["period"] == ch.AFTER, "year"] > 2021.49).all()
    lm = ch.lm_points(compare.lm_backtest(frames))
    assert set(lm["group"]) == {"Table 7 (paper)", "dense", "mixture-of-experts"}
