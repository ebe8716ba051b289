"""The Memory wall chapter: its library functions, chart builders, parameters and calculator."""

import math

import altair as alt
import pandas as pd
import pytest
from conftest import ROOT, SITE, open_page

from dltrends import data
from dltrends import layers as L
from dltrends import memory as M
from dltrends.build import pipeline
from dltrends.build.notebooks import glued_values
from dltrends.display import charts

# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def nlp():
    return data.load("memory_wall_nlp")


@pytest.fixture(scope="module")
def cv():
    return data.load("memory_wall_cv")


@pytest.fixture(scope="module")
def training():
    return data.load("memory_wall_training_memory")


@pytest.fixture(scope="module")
def frames():
    names = ("memory_wall_cv", "memory_wall_nlp", "cv_models", "nlp_models")
    return {name: data.load(name) for name in names}


@pytest.fixture(scope="module")
def candidates(frames):
    return M.memory_wall_param_candidates(frames)


@pytest.fixture(scope="module")
def recomputed(training, candidates):
    return M.memory_wall_recompute(training, candidates)


@pytest.fixture(scope="module")
def reported():
    return data.load_reported("seed003_memory_rule")


@pytest.fixture(scope="module")
def growth(nlp, cv):
    return M.memory_wall_growth_table(nlp, cv)


@pytest.fixture(scope="module")
def check(training, nlp):
    return M.transformer_activation_check(training, nlp, {"BERT Large": [128]})


def _values(spec, layer=None):
    """The inline data values of a chart spec (or of one of its layers)."""
    part = spec if layer is None else spec["layer"][layer]
    name = part.get("data", spec.get("data", {})).get("name")
    return spec["datasets"][name]


# ----------------------------------------------------------------------------- Memory Wall data


def test_growth_table_one_reading_per_model(growth, nlp):
    assert growth["model"].is_unique
    # 15 NLP models (T-NLG and the two Baidu rows printed twice) and 000's 8 dated CV rows.
    assert (growth["domain"] == "NLP").sum() == nlp["model"].nunique() == 15
    assert (growth["domain"] == "CV").sum() == 8
    row = growth.set_index("model")
    assert row.loc["Microsoft T-NLG", "source_document"] == "000"
    assert row.loc["ResNet152", "params_millions"] == 55  # 000's dated table, not 002's 60.19
    assert row.loc["GPT-3", "params_millions"] == 175_000
    assert row.loc["BERT Large", "source_document"] == "000+002"
    assert math.isnan(row.loc["Seq2Seq", "params_millions"])


def test_reading_differences(nlp, cv):
    diff = M.memory_wall_reading_differences(nlp, cv)
    tnlg = diff[diff["model"] == "Microsoft T-NLG"]
    assert tnlg[["column", "first_reading", "second_reading"]].values.tolist() == [
        ["model_as_printed", "Microsoft T-NLG", "Microsoft T-NLP"]
    ]
    resnet = diff[diff["model"] == "ResNet152"].set_index("column")
    assert resnet.loc["params_millions", "first_reading"] == "55"
    assert resnet.loc["params_millions", "second_reading"] == "60.19"
    assert resnet.loc["inference_gflops", "second_reading"] == "23.05"
    assert resnet.loc["release_date", "second_reading"] == "(empty)"
    # The Baidu rows differ only in how empty cells are printed: their notes are listed.
    baidu = diff[diff["model"].str.startswith("Baidu")]
    assert set(baidu["column"]) == {"notes"} and len(baidu) == 2
    assert set(diff["model"]) == {"Microsoft T-NLG", "ResNet152", "Baidu RecSys-C", "Baidu RecSys-E"}


def test_growth_fit_matches_a_hand_fit(growth):
    import numpy as np

    from dltrends.trends import decimal_year

    fit = M.memory_wall_growth_fit(growth, "params_millions", "NLP", M.NOT_DENSE_LANGUAGE_MODELS)
    rows = growth[
        (growth["domain"] == "NLP")
        & growth["params_millions"].notna()
        & ~growth["model"].isin(M.NOT_DENSE_LANGUAGE_MODELS)
    ]
    slope, _ = np.polyfit(decimal_year(rows["release_date"]), np.log10(rows["params_millions"]), 1)
    assert fit.n == len(rows) == 11
    assert fit.slope == pytest.approx(slope)
    # The CV models of 2012-2016 do not grow: the slope's interval contains zero.
    cv_fit = M.memory_wall_growth_fit(growth, "params_millions", "CV")
    assert cv_fit.slope_ci[0] < 0 < cv_fit.slope_ci[1]


def test_growth_numbers(growth):
    n = M.growth_numbers(growth)
    assert n["gpt3_over_transformer"] == pytest.approx(175_000 / 65)
    assert (n["transformer_year"], n["gpt3_year"]) == (2017, 2020)
    assert (n["cv_first_year"], n["cv_last_year"], n["cv_fit_n"]) == (2012, 2016, 8)
    assert n["cv_params_max"] == 138
    assert n["nlp_params_per_2y_low"] < n["nlp_params_per_2y"] < n["nlp_params_per_2y_high"]
    assert n["nlp_params_per_2y"] > 10 and n["cv_params_per_2y"] < 1.5
    assert n["confidence_pct"] == 95


# ----------------------------------------------------------------------------- the breakdown


def test_breakdown_long(training):
    long = M.memory_wall_breakdown_long(training)
    assert len(long) == 3 * len(training) == 24
    alexnet = long[long["model"] == "AlexNet"]
    assert list(alexnet["component"]) == ["parameters", "optimizer", "activations"]
    assert list(alexnet["gb_printed"]) == [0.23, 0.23, 0.71]
    assert alexnet["total_gb_printed"].iloc[0] == 1.71
    assert alexnet["sum_of_parts_gb"].iloc[0] == 1.17
    gpt2 = long[long["model"] == "GPT-2"].iloc[0]
    assert (gpt2["input_size"], gpt2["batch_size"]) == ("2014", 1)


def test_breakdown_numbers(training):
    n = M.breakdown_numbers(training)
    assert n["n_breakdown"] == 8
    assert n["n_activation_largest"] == 7 and n["not_activation_largest"] == "GPT-2"
    assert n["densenet_activation_share"] == pytest.approx(100 * 6.04 / 6.18)
    assert n["bert_activation_share"] == pytest.approx(100 * 14.38 / 18.34)


def test_unit_matches(recomputed):
    verdict = M.memory_wall_unit_matches(recomputed).set_index("model")["verdict"]
    assert verdict["AlexNet"] == "GiB"  # 61M x 4 B = 0.227 GiB (0.244 GB), printed 0.23
    assert verdict["VGG19"] == "GiB"  # only 144M fits: 0.536 GiB
    assert verdict["DenseNet201"] == "GiB"
    assert verdict["ResNeXt101 (64x4d)"] == "GiB"
    assert verdict["ResNet152"].startswith("GB or GiB")  # 55M in GB, 60.19M in GiB
    assert verdict["BERT Large"] == "GB"  # 330M x 4 B = 1.32 GB
    assert verdict["GPT-2"] == "neither"  # 6.00 GB or 5.59 GiB, printed 5.86
    assert verdict["Transformer Big (WMT)"] == "no parameter count"


def test_unit_check_long(recomputed):
    long = M.memory_wall_unit_check_long(recomputed)
    assert len(long) == 2 * recomputed["params_millions"].notna().sum()
    row = long[(long["label"].str.startswith("AlexNet: 61M (memory_wall_cv, 000)"))].set_index("unit")
    assert row.loc["GiB (2^30 B)", "computed"] == pytest.approx(61e6 * 4 / 2**30)
    assert row.loc["GiB (2^30 B)", "matches"] and not row.loc["GB (10^9 B)", "matches"]
    assert row.loc["GB (10^9 B)", "ratio"] == pytest.approx(0.244 / 0.23)
    assert row.loc["GB (10^9 B)", "band_low"] == pytest.approx(0.225 / 0.23)


def test_recompute_numbers(recomputed, candidates, training, nlp):
    n = M.recompute_numbers(recomputed, candidates, training, nlp)
    assert n["max_candidates"] == 3
    assert (n["sgd_multiplier"], n["n_sgd_rows"], n["adam_multiplier"], n["n_adam_rows"]) == (1, 5, 2, 3)
    assert n["gib_models"] == "AlexNet, VGG19, DenseNet201, ResNeXt101 (64x4d)"
    assert n["alexnet_mw_gb"] == pytest.approx(0.244)
    assert n["bert_mw_gb"] == pytest.approx(1.32)
    assert (n["vgg_params_000"], n["vgg_params_001"]) == (138, 144)
    assert n["vgg_implied_gib"] == pytest.approx(0.54 * 2**30 / 4 / 1e6)
    assert n["gpt2_opt_times_params"] == pytest.approx(11.72)
    assert n["gpt2_opt_printed"] == 11.62
    assert (n["gpt2_sum_parts"], n["gpt2_total_printed"], n["gpt2_sum_multiplier"]) == (26.11, 26.21, 26.21)
    assert (n["gpt2_input_printed"], n["gpt2_token_size"]) == ("2014", 1024)
    assert n["gpt2_implied_gb"] == pytest.approx(1465)
    assert (n["alexnet_total_printed"], n["alexnet_sum_parts"], n["alexnet_total_gap"]) == (1.71, 1.17, 0.54)


# ----------------------------------------------------------------------------- seed 003


def test_with_input_size():
    net = L.with_input_size(L.alexnet_seed003(), 320)
    assert net[0] == L.Input(320, 320, 3, name="Input image")
    table = L.layer_table(net)
    conv1 = table.set_index("name").loc["Conv-1"]
    assert (conv1["output_height"], conv1["output_width"]) == ((320 - 11) // 4 + 1,) * 2 == (78, 78)
    # By hand: 307,200 input + 584,064 + 138,624 + 369,664 + 82,944 + 2 x 124,416 + 82,944
    # + 16,384 + 4,096 + 4,096 + 1,000.
    assert L.model_totals(net)["activations"] == 1_839_848
    assert L.model_totals(net)["parameters"] == 62_378_344 - 9216 * 4096 + 16384 * 4096
    assert L.with_input_size(L.alexnet_seed003(), 227, 300)[0].width == 300
    with pytest.raises(ValueError):
        L.with_input_size(L.alexnet_seed003()[1:], 227)
    with pytest.raises(ValueError):
        L.with_input_size(L.alexnet_seed003(), 0)
    with pytest.raises(ValueError):
        L.with_input_size([], 227)


def test_compare_with_printed_all_cells():
    printed = data.load("alexnet_layers")
    table = L.layer_table(L.alexnet_seed003())
    check = L.compare_with_printed(table, printed)
    assert list(check["match"]) == ["yes"] * 12
    assert check["cells_compared"].sum() == check["cells_matching"].sum() == 102
    pool = check.set_index("layer").loc["MaxPool-1"]
    assert pool["unprinted"] == "padding, biases" and pd.isna(pool["biases_printed"])
    assert check.set_index("layer").loc["Conv-2", "output_shape"] == "27x27x256"


def test_compare_with_printed_finds_a_wrong_cell():
    printed = data.load("alexnet_layers").copy()
    printed.loc[3, "kernels"] = 307_200  # Conv-2 with AlexNet's two groups
    check = L.compare_with_printed(L.layer_table(L.alexnet_seed003()), printed).set_index("layer")
    assert check.loc["Conv-2", "match"] == "no"
    assert check.loc["Conv-2", "cells_matching"] == check.loc["Conv-2", "cells_compared"] - 1
    assert (check.drop(index="Conv-2")["match"] == "yes").all()
    with pytest.raises(ValueError, match="rows"):
        L.compare_with_printed(L.layer_table(L.alexnet_seed003()), printed.iloc[:5])
    with pytest.raises(ValueError, match="names differ"):
        L.compare_with_printed(L.layer_table(L.alexnet_torchvision())[:12], printed)


def test_layer_numbers():
    table = L.layer_table(L.alexnet_seed003())
    n = M.layer_numbers(table, L.compare_with_printed(table, data.load("alexnet_layers")))
    assert (n["alexnet_params"], n["alexnet_activations"]) == (62_378_344, 936_323)
    assert n["fc_param_share"] == pytest.approx(100 * (37_752_832 + 16_781_312 + 4_097_000) / 62_378_344)
    conv_input = 154_587 + 290_400 + 186_624 + 64_896 + 64_896 + 43_264
    assert n["conv_act_share"] == pytest.approx(100 * conv_input / 936_323)
    assert (n["layer_rows"], n["layer_rows_matching"]) == (12, 12)


def test_seed003_breakdown_vs_printed(reported):
    lines = M.seed003_breakdown_vs_printed(reported)
    assert list(lines["match"]) == ["yes"] * 6 + ["no", "no"]
    assert lines["printed_bytes"].iloc[-1] == 1_248_776_192
    assert lines["bytes"].iloc[-1] == 1_251_312_172
    assert lines["computed_minus_printed"].iloc[-2] == 3_745_292 - 1_209_312 == 2_535_980
    n = M.seed003_numbers(lines)
    assert n["seed_bytes_per_param"] == 20 and n["seed_act_bytes_each"] == 4
    assert n["seed_act_over_4"] == 302_328
    assert n["seed_total_as_printed"] == n["seed_total_printed"] == 1_248_776_192
    assert n["seed_param_bytes"] == 20 * 62_378_344
    assert round(n["seed_total_gb"], 2) == round(n["seed_total_printed_gb"], 2) == 1.25


def test_seed003_rule_examples(reported):
    rule = M.seed003_rule_examples(reported).set_index("example")
    assert rule.loc["AlexNet (rule example)", "bytes"] == 61e6 * 20
    assert rule.loc["AlexNet (rule example)", "match"] == "yes"
    assert rule.loc["AlexNet (layer table)", "computed_in_printed_unit"] == pytest.approx(1.24756688)
    assert rule.loc["AlexNet (layer table)", "match"] == "no"
    assert rule.loc["CoAtNet-7 (formula)", "computed_in_printed_unit"] == pytest.approx(44.8)
    assert rule.loc["CoAtNet-7 (quoted text)", "computed_in_printed_unit"] == pytest.approx(48.8)
    assert rule.loc["CoAtNet-7 (quoted text)", "match"] == "no"
    assert rule.loc["GPT-3", "computed_in_printed_unit"] == pytest.approx(3.5)
    assert rule.loc["GPT-3", "binary"] == pytest.approx(3.5e12 / 2**40)
    assert rule.loc["GPT-3", "binary_unit"] == "TiB"
    n = M.rule_numbers(rule.reset_index())
    assert (n["rule_matches"], n["rule_n"]) == (3, 5)
    assert n["rule_alexnet_gib"] == pytest.approx(1.22e9 / 2**30)


# ----------------------------------------------------------------------------- conventions


def test_bytes_per_param_components():
    parts = M.bytes_per_param_components()
    totals = parts.groupby("setup")["bytes"].sum()
    for name in M.CONVENTIONS:
        assert totals[name] == M.bytes_per_parameter(name)
    assert (totals["inference_fp32"], totals["inference_fp16"], totals["inference_int8"]) == (4, 2, 1)
    by_role = parts.groupby(["setup", "role"])["bytes"].sum()
    # Seed 003: fp16 weights 2 + fp16 gradients 2 + four fp32 optimizer-state copies.
    assert by_role[("seed003_mixed_adam", "weights")] == 2
    assert by_role[("seed003_mixed_adam", "gradients")] == 2
    assert by_role[("seed003_mixed_adam", "optimizer state")] == 16
    assert by_role[("zero_mixed_adam", "optimizer state")] == 12  # ZeRO's K
    assert by_role[("fp32_adam", "gradients")] == 4
    assert ("memory_wall_adam", "gradients") not in by_role.index


def test_calculator_setups_and_memory():
    setups = M.calculator_setups().set_index("setup")["bytes_per_param"]
    assert list(setups.index)[:7] == list(M.CONVENTIONS)
    assert setups.to_dict() == {
        "seed003_mixed_adam": 20,
        "zero_mixed_adam": 16,
        "fp32_adam": 16,
        "fp32_sgd_momentum": 12,
        "fp32_sgd": 8,
        "memory_wall_adam": 12,
        "memory_wall_sgd_momentum": 8,
        "inference_fp32": 4,
        "inference_fp16": 2,
        "inference_int8": 1,
    }
    assert M.setup_memory_bytes(175e9, "seed003_mixed_adam") == 3.5e12
    assert M.setup_memory_bytes(1.5e9, "zero_mixed_adam") == 24e9  # ZeRO's GPT-2 example
    assert M.setup_memory_bytes(1e9, "inference_fp16") == 2e9
    with pytest.raises(ValueError):
        M.setup_memory_bytes(1e9, "inference_fp8")
    with pytest.raises(ValueError):
        M.setup_memory_bytes(-1, "fp32_adam")


def test_conventions_numbers():
    n = M.conventions_numbers()
    assert (n["bpp_seed"], n["bpp_zero"], n["zero_k"], n["bpp_int8"]) == (20, 16, 12, 1)
    assert n["seed_over_zero"] == 1.25
    assert n["gib_over_gb_pct"] == pytest.approx(7.3741824)


def test_calculator_models_and_numbers(frames):
    models = M.calculator_models(frames).set_index("model")["params"]
    assert models.to_dict() == {
        "AlexNet": 61e6,
        "BERT Large": 330e6,
        "GPT-2": 1.5e9,
        "Megatron": 8.3e9,
        "GPT-3": 175e9,
    }
    n = M.calculator_numbers(M.calculator_models(frames), "fp32_sgd_momentum")
    assert n["calc_1b_gb"] == 12 and n["calc_gpt3_tb"] == pytest.approx(2.1)
    with pytest.raises(ValueError):
        M.calculator_numbers(M.calculator_models(frames), "adamw")
    with pytest.raises(ValueError):
        M.calculator_models({"memory_wall_cv": frames["memory_wall_cv"]})


# ----------------------------------------------------------------------------- activations


def test_activation_memory_by_batch():
    table = M.activation_memory_by_batch({"a": 936_323, "b": 10}, [1, 2, 128])
    a = table[table["setting"] == "a"].set_index("batch_size")
    assert a.loc[1, "bytes"] == 3_745_292
    assert a.loc[128, "bytes"] == 936_323 * 128 * 4
    assert a.loc[128, "gb"] == pytest.approx(0.479397376)
    assert a.loc[128, "gib"] == pytest.approx(936_323 * 512 / 2**30)
    assert len(table) == 6
    with pytest.raises(ValueError):
        M.activation_memory_by_batch({}, [1])
    with pytest.raises(ValueError):
        M.activation_memory_by_batch({"a": 1}, [0])


def test_implied_activations_per_sample():
    assert M.implied_activations_per_sample(0.71, 128) == pytest.approx(0.71e9 / 512)
    assert M.implied_activations_per_sample(1, 1, 4, 2**30) == 2**28
    with pytest.raises(ValueError):
        M.implied_activations_per_sample(1, 0)


def test_alexnet_activation_numbers(training):
    totals = L.model_totals(L.alexnet_seed003())
    larger = L.model_totals(L.with_input_size(L.alexnet_seed003(), 454))
    n = M.alexnet_activation_numbers(totals, larger, training, 128)
    assert n["alexnet_act_gb"] == pytest.approx(936_323 * 128 * 4 / 1e9)
    assert n["alexnet_train_gb"] == pytest.approx((62_378_344 * 20 + 936_323 * 128 * 4) / 1e9)
    assert n["alexnet_act_share_b1"] == pytest.approx(100 * 3_745_292 / 1_251_312_172)
    assert n["mw_over_ours"] == pytest.approx(0.71 / 0.479397376)
    assert n["mw_implied_acts"] == pytest.approx(1_386_718.75)
    zero = M.alexnet_activation_numbers(totals, larger, training, 32, "zero_mixed_adam")
    assert zero["alexnet_train_gb"] == pytest.approx((62_378_344 * 16 + 936_323 * 32 * 2) / 1e9)


def test_transformer_activation_check(check):
    rows = check.set_index(["model", "seq_len"])
    bert = rows.loc[("BERT Large", 512)]
    # Korthikanti et al. Eq. 1 by hand: 24 x (34 s b h + 5 a s^2 b), s=512, b=16, h=1024, a=16.
    assert bert["bytes"] == 24 * (34 * 512 * 16 * 1024 + 5 * 16 * 512**2 * 16) == 14_898_167_808
    assert bert["gib"] == pytest.approx(13.875)
    assert bert["printed_gb"] == 14.38
    assert bert["printed_over_computed"] == pytest.approx(14.38 / 14.898167808)
    assert bert["attention_share"] == pytest.approx(5 * 16 * 512 / (34 * 1024 + 5 * 16 * 512))
    assert rows.loc[("BERT Large", 128), "seq_len_source"] == "parameters cell"
    gpt2 = rows.loc[("GPT-2", 1024)]
    assert gpt2["bytes"] == 48 * (34 * 1024 * 1600 + 5 * 25 * 1024**2)
    assert gpt2["seq_len_source"] == "Memory Wall NLP table, token size"
    assert rows.loc[("GPT-2", 2014), "seq_len_source"] == "Memory Breakdown input size, as printed"
    assert set(check["model"]) == {"BERT Large", "GPT-2"}


def test_transformer_check_errors(training, nlp):
    with pytest.raises(ValueError, match="no transformer shapes"):
        M.transformer_activation_check(training, nlp, {"T5": [512]})
    with pytest.raises(ValueError):
        M.transformer_activation_check(training.drop(columns=["batch_size"]), nlp)
    # A length already present is not repeated.
    again = M.transformer_activation_check(training, nlp, {"BERT Large": [512]})
    assert (again["model"] == "BERT Large").sum() == 1


def test_transformer_long_and_numbers(check, training, nlp):
    long = M.transformer_activation_long(check)
    assert len(long) == 2 + 2 * len(check)
    printed = long[long["source"] == "paper"].set_index("model")["gb"]
    assert printed.to_dict() == {"BERT Large": 14.38, "GPT-2": 8.63}
    n = M.transformer_numbers(check, training, nlp, 128)
    assert (n["bert_layers"], n["bert_hidden"], n["bert_heads"]) == (24, 1024, 16)
    assert (n["gpt2_layers"], n["gpt2_hidden"], n["gpt2_heads"]) == (48, 1600, 25)
    assert n["bert_chosen_gb"] == pytest.approx(24 * (34 * 128 * 16 * 1024 + 5 * 16 * 128**2 * 16) / 1e9)
    assert n["bert_seq_ratio"] == 4
    assert n["gpt2_printed_seq_gb"] == pytest.approx(48 * (34 * 2014 * 1600 + 5 * 25 * 2014**2) / 1e9)


def test_bad_inputs(training, nlp, cv):
    with pytest.raises(ValueError):
        M.memory_wall_growth_table(nlp.drop(columns=["release_date"]), cv)
    with pytest.raises(ValueError):
        M.memory_wall_breakdown_long(training.drop(columns=["batch_size"]))
    with pytest.raises(ValueError):
        M.memory_wall_unit_matches(pd.DataFrame({"model": ["x"]}))
    with pytest.raises(ValueError):
        M.seed003_breakdown_vs_printed(pd.DataFrame({"item": ["x"], "value": [1]}))
    with pytest.raises(ValueError):
        M.alexnet_activation_numbers({"activations": 1, "parameters": 1}, {}, training, 0)


# ----------------------------------------------------------------------------- chart builders


def _check_size(spec):
    width = spec.get("width")
    if isinstance(width, (int, float)):
        assert width <= charts.WIDTH


def test_growth_chart(growth):
    spec = charts.memory_wall_growth_chart(growth, "params_millions").to_dict()
    assert spec["mark"]["type"] == "point"
    assert spec["encoding"]["y"]["scale"]["type"] == "log"
    assert "(log scale)" in spec["encoding"]["y"]["title"]
    assert spec["encoding"]["x"]["type"] == "temporal"
    assert spec["encoding"]["color"]["scale"]["range"] == [
        charts.ARCHITECTURE_COLORS["CNN"],
        charts.ARCHITECTURE_COLORS["Transformer"],
    ]
    values = _values(spec)
    assert len(values) == growth["params_millions"].notna().sum() == 22
    assert {v["release_date"] for v in values if v["model"] == "AlexNet"} == {"2012-06-01"}
    _check_size(spec)
    gflops = charts.memory_wall_growth_chart(growth, "inference_gflops").to_dict()
    assert len(_values(gflops)) == growth["inference_gflops"].notna().sum()
    with pytest.raises(ValueError):
        charts.memory_wall_growth_chart(growth, "watts")
    with pytest.raises(ValueError):
        charts.memory_wall_growth_chart(growth.drop(columns=["domain"]))


def test_breakdown_chart(training):
    chart = charts.training_memory_breakdown_chart(M.memory_wall_breakdown_long(training))
    assert isinstance(chart, alt.LayerChart)
    spec = chart.to_dict()
    bars, ticks = spec["layer"]
    assert bars["mark"]["type"] == "bar" and ticks["mark"]["type"] == "tick"
    assert "scale" not in bars["encoding"]["y"] or bars["encoding"]["y"]["scale"].get("type") != "log"
    tips = {t["field"] for t in bars["encoding"]["tooltip"]}
    assert {"batch_size", "input_size", "year", "gb_printed"} <= tips
    assert bars["encoding"]["x"]["sort"][0] == "AlexNet"
    totals = {v["model"]: v["total_gb_printed"] for v in _values(spec, 1)}
    assert totals["AlexNet"] == 1.71 and len(totals) == 8
    _check_size(spec)


def test_unit_check_chart(recomputed):
    spec = charts.unit_check_chart(M.memory_wall_unit_check_long(recomputed)).to_dict()
    rules, points = spec["layer"]
    assert rules["mark"]["type"] == "rule" and points["mark"]["type"] == "point"
    assert points["encoding"]["x"]["field"] == "ratio"
    assert points["encoding"]["x"].get("scale", {}).get("type") != "log"
    assert len(_values(spec, 1)) == 2 * len(_values(spec, 0))


def test_layer_memory_chart():
    spec = charts.layer_memory_chart(L.layer_table(L.alexnet_seed003())).to_dict()
    assert spec["encoding"]["x"]["scale"]["type"] == "log"
    values = _values(spec)
    assert all(v["count"] > 0 for v in values)
    # 12 activation points and the 8 layers with parameters.
    assert len(values) == 12 + 8
    assert spec["encoding"]["y"]["sort"][0] == "Input image"


def test_rule_of_thumb_chart(reported):
    spec = charts.rule_of_thumb_chart(M.seed003_rule_examples(reported)).to_dict()
    differences = {v["example"]: v["difference_pct"] for v in _values(spec)}
    assert differences["AlexNet (rule example)"] == pytest.approx(0)
    assert differences["CoAtNet-7 (quoted text)"] == pytest.approx(100 * (48.8 / 44.8 - 1))
    assert differences["AlexNet (layer table)"] == pytest.approx(100 * (1.24756688 / 1.22 - 1))
    assert spec["encoding"]["x"].get("scale", {}).get("type") is None


def test_bytes_per_param_chart():
    spec = charts.bytes_per_param_chart(M.bytes_per_param_components()).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert "type" not in spec["encoding"]["x"].get("scale", {})  # bars on a linear scale
    assert spec["encoding"]["x"]["stack"] == "zero"
    sums = {}
    for v in _values(spec):
        sums[v["setup"]] = sums.get(v["setup"], 0) + v["bytes"]
    assert sums["seed003_mixed_adam"] == 20 and sums["inference_int8"] == 1
    assert spec["encoding"]["color"]["scale"]["domain"] == ["weights", "gradients", "optimizer state"]


def test_calculator_chart(frames):
    setups = M.calculator_setups()
    chart = charts.memory_calculator_chart(setups, M.calculator_models(frames), 9, "zero_mixed_adam")
    spec = chart.to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert params["log10_params"]["value"] == 9
    assert params["log10_params"]["bind"] == {
        "input": "range",
        "min": 6,
        "max": 12,
        "step": 0.01,
        "name": params["log10_params"]["bind"]["name"],
    }
    assert params["setup"]["value"] == "zero_mixed_adam"
    assert params["setup"]["bind"]["input"] == "select"
    assert params["setup"]["bind"]["options"] == list(setups["setup"])
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "point", "text", "point", "text"]
    assert "bar" not in marks  # the axes are log scales
    readout = spec["layer"][-1]
    assert readout["name"] == "memory_readout"
    expressions = " ".join(t.get("calculate", "") for t in readout["transform"])
    assert "pow(10, log10_params)" in expressions and "bytes_per_param" in expressions
    assert all(t.get("filter") == "(datum.setup === setup)" for t in readout["transform"] if "filter" in t)
    for layer in spec["layer"][:4]:
        assert layer["encoding"]["x"]["scale"]["type"] == "log"
    # The named models' memory under each setup is params x bytes per parameter.
    named = [v for v in _values(spec, 1) if v["model"] == "GPT-3" and v["setup"] == "seed003_mixed_adam"]
    assert named[0]["gb"] == pytest.approx(3500)
    with pytest.raises(ValueError):
        charts.memory_calculator_chart(setups, M.calculator_models(frames), 9, "sgd")
    with pytest.raises(ValueError):
        charts.memory_calculator_chart(setups, M.calculator_models(frames), 13)


def test_activation_batch_chart():
    table = M.activation_memory_by_batch({"input 227 x 227": 936_323}, [1, 2, 4, 128])
    plain = charts.activation_batch_chart(table).to_dict()
    assert plain["mark"]["type"] == "line"
    assert plain["encoding"]["x"]["scale"] == {"type": "log", "base": 2}
    assert "scale" not in plain["encoding"]["y"]
    reference = pd.DataFrame({"batch_size": [128], "gb": [0.71], "label": ["Memory Wall (printed)"]})
    layered = charts.activation_batch_chart(table, reference).to_dict()
    assert [layer["mark"]["type"] for layer in layered["layer"]] == ["line", "point", "text"]
    with pytest.raises(ValueError):
        charts.activation_batch_chart(table, reference.drop(columns=["label"]))


def test_transformer_activation_chart(check):
    spec = charts.transformer_activation_chart(M.transformer_activation_long(check)).to_dict()
    assert spec["mark"]["type"] == "point"
    assert "scale" not in spec["encoding"]["x"]
    assert spec["encoding"]["color"]["scale"]["range"] == list(charts.SOURCE_COLORS.values())
    assert spec["encoding"]["y"]["sort"][0] == "BERT Large: Memory Wall, as printed"


# ----------------------------------------------------------------------------- the chapter


def test_stored_chapter_numbers():
    values = glued_values(ROOT / "book" / "memory_wall.ipynb")
    assert values["alexnet_params"] == 62_378_344 and values["alexnet_activations"] == 936_323
    assert values["seed_total_printed"] == 1_248_776_192
    assert values["seed_total_consistent"] == 1_251_312_172
    assert values["alexnet_act_gb"] == pytest.approx(0.479397376)  # batch 128
    assert values["calc_1b_gb"] == 20 and values["calc_gpt3_tb"] == pytest.approx(3.5)
    assert values["bert_seq_gb"] == pytest.approx(14.898167808)
    assert values["bert_chosen_gb"] == pytest.approx(2.214592512)  # 128 tokens
    assert values["gpt2_input_printed"] == "2014" and values["gpt2_token_size"] == 1024


def test_other_parameters_change_the_headline_numbers(tmp_path):
    out = tmp_path / "memory_wall.ipynb"
    pipeline.execute(
        "memory_wall",
        {"batch_size": 32, "larger_input": 320, "convention": "zero_mixed_adam", "seq_len": 256},
        output=out,
    )
    values = glued_values(out)
    default = glued_values(ROOT / "book" / "memory_wall.ipynb")
    assert values["batch_size"] == 32
    assert values["alexnet_act_gb"] == pytest.approx(936_323 * 32 * 4 / 1e9)
    # ZeRO: 16 B per parameter and 2 B per activation.
    assert values["alexnet_train_gb"] == pytest.approx((62_378_344 * 16 + 936_323 * 32 * 2) / 1e9)
    assert values["calc_1b_gb"] == 16 and values["calc_gpt3_tb"] == pytest.approx(2.8)
    assert values["calc_convention"] == M.SETUP_LABELS["zero_mixed_adam"]
    assert values["larger_input"] == 320
    assert values["larger_act_gb"] == pytest.approx(1_839_848 * 32 * 4 / 1e9)
    assert values["seq_len"] == 256
    assert values["bert_chosen_gb"] == pytest.approx(24 * (34 * 256 * 16 * 1024 + 5 * 16 * 256**2 * 16) / 1e9)
    for name in ("alexnet_act_gb", "alexnet_train_gb", "calc_1b_gb", "larger_act_gb", "bert_chosen_gb"):
        assert values[name] != default[name], name
    # What does not depend on the parameters stays as it was.
    for name in ("seed_total_printed", "gib_models", "bert_seq_gb", "nlp_params_per_2y", "rule_matches"):
        assert values[name] == default[name], name


def test_unknown_convention_fails(tmp_path):
    with pytest.raises(pipeline.ChapterFailed, match="unknown"):
        pipeline.execute("memory_wall", {"convention": "adamw"}, output=tmp_path / "x.ipynb")


# ----------------------------------------------------------------------------- the calculator in a browser


def _expected_readout(log10_params: float, setup: str) -> str:
    """The readout the calculator should show, from the Python library (not the chart)."""
    params = 10**log10_params
    n_bytes = M.setup_memory_bytes(params, setup)
    bpp = M.calculator_setups().set_index("setup").loc[setup, "bytes_per_param"]
    count = f"{params / 1e9:.3g} billion" if params >= 1e9 else f"{params / 1e6:.3g} million"
    gb = n_bytes / 1e9
    memory = f"{gb / 1000:,.2f} TB" if gb >= 1000 else f"{gb:,.2f} GB"
    return f"{count} parameters x {bpp:g} B = {memory} ({n_bytes / 2**30:,.2f} GiB)"


def test_expected_readout_by_hand():
    assert _expected_readout(9, "seed003_mixed_adam") == "1 billion parameters x 20 B = 20.00 GB (18.63 GiB)"
    assert _expected_readout(11, "inference_int8") == "100 billion parameters x 1 B = 100.00 GB (93.13 GiB)"


def test_calculator_in_the_browser(browser):
    page_path = SITE / "memory_wall.html"
    if not page_path.exists():
        pytest.skip("no memory_wall page in this build")
    seen = []

    def act(page, report):
        chart = page.locator(".dltrends-chart", has=page.locator("input[type=range]"))
        assert chart.count() == 1
        readout = chart.locator("g.memory_readout_marks text")

        def text():
            page.wait_for_timeout(200)
            return readout.first.text_content()

        seen.append(("initial", text()))
        chart.locator("input[type=range]").evaluate(
            "el => { el.value = '11'; el.dispatchEvent(new Event('input', {bubbles: true}));"
            " el.dispatchEvent(new Event('change', {bubbles: true})); }"
        )
        seen.append(("slider 11", text()))
        chart.locator("select").select_option("zero_mixed_adam")
        seen.append(("zero", text()))
        chart.locator("select").select_option("inference_int8")
        seen.append(("int8", text()))
        chart.locator("input[type=range]").evaluate(
            "el => { el.value = '6'; el.dispatchEvent(new Event('input', {bubbles: true})); }"
        )
        seen.append(("slider 6", text()))

    report = open_page(browser, page_path, act)
    assert report.errors == [] and report.blocked == []
    texts = dict(seen)
    assert texts["initial"] == _expected_readout(9, "seed003_mixed_adam")
    assert texts["slider 11"] == _expected_readout(11, "seed003_mixed_adam")
    assert texts["slider 11"] == "100 billion parameters x 20 B = 2.00 TB (1,862.65 GiB)"
    assert texts["zero"] == _expected_readout(11, "zero_mixed_adam")
    assert texts["int8"] == _expected_readout(11, "inference_int8")
    assert texts["slider 6"] == _expected_readout(6, "inference_int8")
    assert len(set(texts.values())) == len(texts)  # every change changed the text
