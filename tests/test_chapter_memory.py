"""The Memory wall chapter: its chapter module, chart builders, parameters and calculator.

Values are checked against hand computations from the data files; exact counts and
bytes are compared exactly, floats with the tolerance stated at each assertion.
"""

import math
import os
import re
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, SITE, open_page, unavailable

from dltrends import data, memory
from dltrends import layers as L
from dltrends.build import pipeline
from dltrends.build.notebooks import glued_values
from dltrends.chapters import memory_wall as ch
from dltrends.compare import memory_wall as compare_mw
from dltrends.compare import seed003
from dltrends.display import charts
from dltrends.trends import decimal_year

BOOK = ROOT / "book"

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
    return {name: data.load(name) for name in ch.BREAKDOWN_FILES}


@pytest.fixture(scope="module")
def recomputed(frames):
    return compare_mw.breakdown(frames)


@pytest.fixture(scope="module")
def verdicts(recomputed):
    return compare_mw.unit_verdicts(recomputed)


@pytest.fixture(scope="module")
def reported():
    return data.load_reported("seed003_memory_rule")


@pytest.fixture(scope="module")
def copies(nlp):
    return ch.copied_rows(nlp)


@pytest.fixture(scope="module")
def growth(nlp, cv, copies):
    return ch.growth_table(nlp, cv, [*ch.NOT_DENSE_LANGUAGE_MODELS, *copies])


@pytest.fixture(scope="module")
def check(training, nlp, verdicts):
    return ch.transformer_activation_check(training, nlp, verdicts, {"BERT Large": [128]})


def _values(spec, layer=None):
    """The inline data values of a chart spec (or of one of its layers)."""
    part = spec if layer is None else spec["layer"][layer]
    name = part.get("data", spec.get("data", {})).get("name")
    return spec["datasets"][name]


# ----------------------------------------------------------------------------- Memory Wall data


def test_copied_rows_come_from_the_audit(nlp):
    # The audit flags RoBERTa Large and GPT-2 as identical; RoBERTa Large is the later row.
    assert ch.copied_rows(nlp) == {"RoBERTa Large": "GPT-2"}
    clean = nlp[nlp["model"] != "RoBERTa Large"]
    assert ch.copied_rows(clean) == {}


def test_growth_table_one_reading_per_model(growth, nlp):
    assert growth["model"].is_unique
    # 15 NLP models (T-NLG and the two Baidu rows printed twice) and 000's 8 dated CV rows.
    assert (growth["domain"] == "NLP").sum() == nlp["model"].nunique() == 15
    assert (growth["domain"] == "CV").sum() == 8
    row = growth.set_index("model")
    assert row.loc["Microsoft T-NLG", "source_document"] == "000"
    assert row.loc["ResNet152", "params_millions"] == 55  # 000's dated table, not 002's 60.19
    assert row.loc["GPT-3", "params_millions"] == 175_000
    assert math.isnan(row.loc["Seq2Seq", "params_millions"])
    left_out = set(growth.loc[~growth["in_fit"], "model"])
    assert left_out == {"Baidu RecSys-C", "Baidu RecSys-E", "GShard", "RoBERTa Large"}


def test_reading_differences(nlp, cv):
    diff = ch.reading_differences(nlp, cv)
    tnlg = diff[diff["model"] == "Microsoft T-NLG"]
    assert tnlg[["column", "first_reading", "second_reading"]].values.tolist() == [
        ["model_as_printed", "Microsoft T-NLG", "Microsoft T-NLP"]
    ]
    resnet = diff[diff["model"] == "ResNet152"].set_index("column")
    assert resnet.loc["params_millions", ["first_reading", "second_reading"]].tolist() == ["55", "60.19"]
    assert resnet.loc["inference_gflops", "second_reading"] == "23.05"
    assert resnet.loc["release_date", "second_reading"] == "(empty)"
    baidu = diff[diff["model"].str.startswith("Baidu")]
    assert set(baidu["column"]) == {"notes"} and len(baidu) == 2
    view = ch.differences_view(diff)
    assert list(view.columns) == ["model", "value", "in 000", "in 002"]
    assert len(view) == 6 and "Baidu RecSys-C" not in set(view["model"])
    assert view.set_index("value").loc["parameters (M)", "in 002"] == "60.19"


def test_growth_fit_matches_a_hand_fit(growth):
    dense = [*ch.NOT_DENSE_LANGUAGE_MODELS, "RoBERTa Large"]
    fit = ch.growth_fit(growth, "params_millions", "NLP", dense)
    rows = growth[
        (growth["domain"] == "NLP") & growth["params_millions"].notna() & ~growth["model"].isin(dense)
    ]
    slope, _ = np.polyfit(decimal_year(rows["release_date"]), np.log10(rows["params_millions"]), 1)
    assert fit.n == len(rows) == 10
    assert fit.slope == pytest.approx(slope, rel=1e-9)
    # The CV models of 2012-2016 do not grow: the slope's interval contains zero.
    cv_fit = ch.growth_fit(growth, "params_millions", "CV")
    assert cv_fit.slope_ci[0] < 0 < cv_fit.slope_ci[1]


def test_growth_numbers(growth, nlp, cv, copies):
    n = ch.growth_numbers(growth, ch.reading_differences(nlp, cv), copies)
    assert n["gpt3_over_transformer"] == pytest.approx(175_000 / 65, rel=1e-12)
    assert (n["transformer_year"], n["gpt3_year"]) == (2017, 2020)
    assert (n["cv_first_year"], n["cv_last_year"], n["cv_fit_n"]) == (2012, 2016, 8)
    assert n["cv_params_max"] == 138
    # RoBERTa Large left out: 10 dense models (11 with it), 9 with GFLOPs (10 with it).
    assert (n["nlp_fit_n"], n["nlp_gflops_fit_n"]) == (10, 9)
    assert (n["copied_models"], n["copied_from"]) == ("RoBERTa Large", "GPT-2")
    assert n["nlp_params_per_2y"] == pytest.approx(78.43, abs=0.01)
    assert n["nlp_params_per_2y_with_copies"] == pytest.approx(77.00, abs=0.01)
    assert n["nlp_params_per_2y_low"] == pytest.approx(3.42, abs=0.01)
    assert n["nlp_params_per_2y_high"] == pytest.approx(1795.8, abs=0.1)
    assert n["cv_params_per_2y"] == pytest.approx(0.693, abs=0.001)
    assert n["confidence_pct"] == 95
    assert (n["n_reading_differences"], n["notes_only_models"]) == (6, "Baidu RecSys-C and Baidu RecSys-E")


# ----------------------------------------------------------------------------- the breakdown


def test_breakdown_long_and_view(training):
    long = ch.breakdown_long(training)
    assert len(long) == 3 * len(training) == 24
    alexnet = long[long["model"] == "AlexNet"]
    assert list(alexnet["component"]) == ["parameters", "optimizer", "activations"]
    assert list(alexnet["gb_printed"]) == [0.23, 0.23, 0.71]
    assert alexnet["total_gb_printed"].iloc[0] == 1.71
    assert alexnet["sum_of_parts_gb"].iloc[0] == 1.17
    view = ch.breakdown_view(training).set_index("model")
    assert view.loc["GPT-2", "batch x input"] == "1 x 2014"
    assert (view.loc["GPT-2", "total"], view.loc["GPT-2", "sum"]) == (26.21, 26.11)


def test_breakdown_numbers(training):
    n = ch.breakdown_numbers(training)
    assert n["n_breakdown"] == 8
    assert n["n_activation_largest"] == 7 and n["not_activation_largest"] == "GPT-2"
    assert n["densenet_activation_share"] == pytest.approx(100 * 6.04 / 6.18, rel=1e-12)
    assert n["bert_activation_share"] == pytest.approx(100 * 14.38 / 18.34, rel=1e-12)


def test_unit_verdicts(verdicts):
    verdict = verdicts.set_index("model")["verdict"]
    assert verdict["AlexNet"] == "GiB"  # 61M x 4 B = 0.227 GiB (0.244 GB), printed 0.23
    assert verdict["VGG19"] == "GiB"  # only 144M fits: 0.536 GiB
    assert verdict["DenseNet201"] == verdict["ResNeXt101 (64x4d)"] == "GiB"
    assert verdict["ResNet152"].startswith("GB or GiB")  # 55M in GB, 60.19M in GiB
    assert verdict["BERT Large"] == "GB"  # 330M x 4 B = 1.32 GB
    assert verdict["GPT-2"] == "neither"  # 6.00 GB or 5.59 GiB, printed 5.86
    assert verdict["Transformer Big (WMT)"] == "no parameter count"
    assert ch.row_unit(verdicts, "AlexNet") == ("GiB", 2**30)
    assert ch.row_unit(verdicts, "GPT-2") == ("GB", 1e9)  # read as labelled


def test_unit_check_long_and_view(recomputed):
    long = ch.unit_check_long(recomputed)
    assert len(long) == 2 * recomputed["params_millions"].notna().sum()
    row = long[long["label"] == "AlexNet: 61M (Memory Wall CV, 000)"].set_index("unit")
    assert row.loc["GiB (2^30 B)", "computed"] == pytest.approx(61e6 * 4 / 2**30, rel=1e-12)
    assert row.loc["GiB (2^30 B)", "matches"] and not row.loc["GB (10^9 B)", "matches"]
    assert row.loc["GB (10^9 B)", "ratio"] == pytest.approx(0.244 / 0.23, rel=1e-12)
    assert row.loc["GB (10^9 B)", "band_low"] == pytest.approx(0.225 / 0.23, rel=1e-12)
    view = ch.recompute_view(recomputed)
    assert list(view.columns) == ["model", "parameters", "count from", "printed", "GB", "GiB", "rounds in"]
    vgg = view[view["model"] == "VGG19"].set_index("parameters")["rounds in"]
    assert (vgg[138.0], vgg[144.0]) == ("", "GiB")


def test_recompute_numbers(recomputed, verdicts, frames, training, nlp):
    candidates = compare_mw.param_candidates(frames)
    n = ch.recompute_numbers(recomputed, verdicts, candidates, training, nlp)
    assert n["max_candidates"] == 3
    assert (n["sgd_multiplier"], n["n_sgd_rows"], n["adam_multiplier"], n["n_adam_rows"]) == (1, 5, 2, 3)
    assert n["gib_models"] == "AlexNet, VGG19, DenseNet201, ResNeXt101 (64x4d)"
    assert n["gib_row_count"] == 4
    assert n["alexnet_mw_gb"] == pytest.approx(0.244, rel=1e-12)
    assert n["bert_mw_gb"] == pytest.approx(1.32, rel=1e-12)
    assert (n["vgg_params_000"], n["vgg_params_001"]) == (138, 144)
    assert n["vgg_implied_gib"] == pytest.approx(0.54 * 2**30 / 4 / 1e6, rel=1e-12)
    assert n["gpt2_opt_times_params"] == pytest.approx(11.72, abs=1e-9)
    assert n["gpt2_opt_printed"] == 11.62
    assert (n["gpt2_sum_parts"], n["gpt2_total_printed"], n["gpt2_sum_multiplier"]) == (26.11, 26.21, 26.21)
    assert (n["gpt2_input_printed"], n["gpt2_token_size"]) == ("2014", 1024)
    assert n["gpt2_implied_gb"] == pytest.approx(1465, rel=1e-12)
    assert (n["alexnet_total_printed"], n["alexnet_sum_parts"], n["alexnet_total_gap"]) == (1.71, 1.17, 0.54)


# ----------------------------------------------------------------------------- seed 003


def test_layer_numbers_and_grouping():
    table = L.layer_table(L.alexnet_seed003())
    grouped = L.layer_table(L.alexnet_seed003(grouped=True))
    check = L.compare_with_printed(table, data.load("alexnet_layers"))
    n = ch.layer_numbers(table, check, grouped)
    assert (n["alexnet_params"], n["alexnet_activations"]) == (62_378_344, 936_323)
    assert n["fc_param_share"] == pytest.approx(100 * (37_752_832 + 16_781_312 + 4_097_000) / 62_378_344)
    conv_input = 154_587 + 290_400 + 186_624 + 64_896 + 64_896 + 43_264
    assert n["conv_act_share"] == pytest.approx(100 * conv_input / 936_323, rel=1e-12)
    assert (n["layer_rows"], n["layer_rows_matching"]) == (12, 12)
    assert (n["layer_cells_compared"], n["layer_cells_matching"]) == (102, 102)
    # Krizhevsky et al. 2012, Sec. 3.5: Conv-2, -4 and -5 see half their inputs.
    assert n["grouped_layers"] == "Conv-2, Conv-4 and Conv-5"
    assert n["alexnet_grouped_params"] == 62_378_344 - (307_200 + 663_552 + 442_368) == 60_965_224
    assert n["grouped_fewer_m"] == pytest.approx(1.41312, abs=1e-9)
    assert round(n["alexnet_grouped_m"]) == 61  # the seed's quoted "61M"
    view = ch.layer_view(check)
    assert view.set_index("layer").loc["Conv-2", "cells"] == "10 of 10"


def test_seed003_numbers(reported):
    lines = seed003.lines(reported)
    table = L.layer_table(L.alexnet_seed003())
    n = ch.seed003_numbers(lines, table)
    assert n["seed_bytes_per_param"] == 20 and n["seed_act_bytes_each"] == 4
    assert (n["seed_n_param_lines"], n["seed_n_param_lines_matching"]) == (6, 6)
    assert n["seed_act_over_4"] == 1_209_312 / 4 == 302_328
    assert (n["seed_act_subsets_tried"], n["seed_act_subsets_found"]) == (2**12 - 1, 0)
    assert n["seed_total_as_printed"] == n["seed_total_printed"] == 1_248_776_192
    assert n["seed_total_consistent"] == 20 * 62_378_344 + 4 * 936_323 == 1_251_312_172
    assert n["seed_total_gap"] == 3_745_292 - 1_209_312 == 2_535_980
    assert n["seed_param_bytes"] == 20 * 62_378_344
    assert round(n["seed_total_gb"], 2) == round(n["seed_total_printed_gb"], 2) == 1.25
    view = ch.lines_view(lines)
    assert list(view["agrees"]) == [True] * 6 + [False, False, True]
    assert view["line"].notna().all()


def test_rule_numbers(reported):
    rule = seed003.rule_examples(reported)
    n = ch.rule_numbers(rule, 60_965_224)
    assert (n["rule_matches"], n["rule_n"]) == (3, 5)
    assert n["rule_alexnet_gib"] == pytest.approx(1.22e9 / 2**30, rel=1e-12)
    assert n["rule_alexnet_table_gb"] == pytest.approx(1.24756688, rel=1e-12)
    assert n["rule_alexnet_grouped_gb"] == pytest.approx(1.21930448, rel=1e-12)
    assert n["rule_alexnet_grouped_rounds"] == "rounds"  # 1.219 rounds to the printed 1.22
    assert n["rule_coatnet_quoted_gb"] == pytest.approx(48.8, rel=1e-12)
    assert n["rule_gpt3_tib"] == pytest.approx(3.5e12 / 2**40, rel=1e-12)
    view = ch.rule_view(rule).set_index("example")
    assert view.loc["CoAtNet-7 (formula)", "params × 20 B"] == pytest.approx(44.8, rel=1e-12)
    assert not view.loc["AlexNet (layer table)", "agrees"]


# ----------------------------------------------------------------------------- conventions


def test_bytes_per_param_components():
    parts = ch.bytes_per_param_components()
    totals = parts.groupby("setup")["bytes"].sum()
    for name in memory.CONVENTIONS:
        assert totals[name] == memory.bytes_per_parameter(name)
    assert (totals["inference_fp32"], totals["inference_fp16"], totals["inference_int8"]) == (4, 2, 1)
    by_role = parts.groupby(["setup", "role"])["bytes"].sum()
    # Seed 003: fp16 weights 2 + fp16 gradients 2 + four fp32 optimizer-state copies.
    assert by_role[("seed003_mixed_adam", "weights")] == 2
    assert by_role[("seed003_mixed_adam", "gradients")] == 2
    assert by_role[("seed003_mixed_adam", "optimizer state")] == 16
    assert by_role[("zero_mixed_adam", "optimizer state")] == 12  # ZeRO's K
    assert by_role[("fp32_adam", "gradients")] == 4
    assert ("memory_wall_adam", "gradients") not in by_role.index


def test_conventions_views_and_numbers():
    view = ch.conventions_view().set_index("convention")
    assert view.loc["seed003_mixed_adam", "stored copies"] == "2 + 2 + 4 + 4 + 4 + 4"
    assert view.loc["zero_mixed_adam", "per parameter"] == 16
    assert view.loc["zero_mixed_adam", "per activation"] == 2
    sources = ch.conventions_sources().set_index("convention")["source"]
    assert "unverified" in sources["seed003_mixed_adam"]  # ZeRO-Infinity's 20 B: not checked
    n = ch.conventions_numbers()
    assert (n["bpp_seed"], n["bpp_zero"], n["zero_k"], n["bpp_int8"]) == (20, 16, 12, 1)
    assert (n["bpp_mw_adam"], n["bpp_mw_sgd"], n["bpp_fp32_adam"], n["bpp_fp32_sgdm"]) == (12, 8, 16, 12)
    assert n["seed_over_zero"] == 1.25 and n["seed_over_int8"] == 20
    assert n["gib_over_gb_pct"] == pytest.approx(7.3741824, abs=1e-9)


def test_calculator_setups_models_and_numbers(frames):
    setups = ch.calculator_setups().set_index("setup")["bytes_per_param"]
    assert list(setups.index)[:7] == list(memory.CONVENTIONS)
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
    models = ch.calculator_models(frames)
    assert models.set_index("model")["params"].to_dict() == {
        "AlexNet": 61e6,
        "BERT Large": 330e6,
        "GPT-2": 1.5e9,
        "Megatron": 8.3e9,
        "GPT-3": 175e9,
    }
    gpus = ch.accelerators(data.load("accelerator_specs"))
    assert list(gpus["gb"]) == [24, 80, 141, 192]
    n = ch.calculator_numbers(models, "seed003_mixed_adam", 7.0, gpus)
    assert n["calc_1b_gb"] == 20 and n["calc_gpt3_tb"] == pytest.approx(3.5, rel=1e-12)
    # 3,500 GB on 192 GB accelerators: 18.2 -> 19. 7 B x 20 B = 140 GB: one 141 or 192 GB.
    assert (n["calc_gpt3_gpus_largest"], n["calc_largest_gb"]) == (19, 192)
    assert n["calc_example_gb"] == pytest.approx(140, rel=1e-12)
    assert n["calc_example_fits"] == "a single accelerator of 141 GB or 192 GB holds it"
    assert (n["calc_example_gpus_smallest"], n["calc_smallest_gb"]) == (6, 24)  # 140 / 24 = 5.8
    sgd = ch.calculator_numbers(models, "fp32_sgd_momentum", 70.0, gpus)
    assert sgd["calc_1b_gb"] == 12 and sgd["calc_gpt3_tb"] == pytest.approx(2.1, rel=1e-12)
    assert sgd["calc_example_fits"] == "no single accelerator drawn holds it"  # 840 GB
    with pytest.raises(ValueError, match="unknown setup"):
        ch.calculator_numbers(models, "adamw", 7.0, gpus)
    with pytest.raises(ValueError):
        ch.calculator_numbers(models, "fp32_adam", 0, gpus)
    with pytest.raises(ValueError):
        ch.calculator_models({"memory_wall_cv": frames["memory_wall_cv"]})


def test_gpus_needed():
    assert ch.gpus_needed(80e9, 80) == 1  # exactly full
    assert ch.gpus_needed(80.1e9, 80) == 2
    assert ch.gpus_needed(3.5e12, 80) == 44  # 43.75


def test_accelerator_memories_come_from_the_curated_data():
    """The calculator's lines are the capacities of data/accelerator_specs.csv."""
    gpus = ch.accelerators(data.load("accelerator_specs"))
    assert gpus.to_dict("list") == {
        "gb": [24.0, 80.0, 141.0, 192.0],
        "label": ["24 GB (RTX 4090, L4)", "80 GB (H100 SXM)", "141 GB (H200 SXM)", "192 GB (MI300X)"],
    }
    specs = data.load("accelerator_specs")
    without = specs[~((specs["accelerator"] == "MI300X") & (specs["quantity"] == "memory_gb"))]
    with pytest.raises(ValueError, match="no memory_gb for \\['MI300X'\\]"):
        ch.accelerators(without)


# ----------------------------------------------------------------------------- activations


def test_activation_memory_by_batch():
    table = ch.activation_memory_by_batch({"a": 936_323, "b": 10}, [1, 2, 128])
    a = table[table["setting"] == "a"].set_index("batch_size")
    assert a.loc[1, "bytes"] == 3_745_292
    assert a.loc[128, "bytes"] == 936_323 * 128 * 4
    assert a.loc[128, "gb"] == pytest.approx(0.479397376, rel=1e-12)
    assert a.loc[128, "gib"] == pytest.approx(936_323 * 512 / 2**30, rel=1e-12)
    assert len(table) == 6
    with pytest.raises(ValueError):
        ch.activation_memory_by_batch({}, [1])
    with pytest.raises(ValueError):
        ch.activation_memory_by_batch({"a": 1}, [0])


def test_memory_wall_reference_is_read_in_the_rows_unit(training, verdicts):
    ref = ch.memory_wall_reference(training, verdicts).iloc[0]
    assert ref["batch_size"] == 128
    assert ref["gb"] == pytest.approx(0.71 * 2**30 / 1e9, rel=1e-12)  # AlexNet's row is GiB
    assert ref["label"] == "Memory Wall: 0.71 GiB"


def test_alexnet_activation_numbers(training, verdicts):
    totals = L.model_totals(L.alexnet_seed003())
    larger = L.model_totals(L.with_input_size(L.alexnet_seed003(), 454))
    n = ch.alexnet_activation_numbers(totals, larger, training, verdicts, 128, "seed003_mixed_adam", 227, 454)
    assert (n["act_batch"], n["alexnet_side"], n["larger_input"]) == (128, 227, 454)
    assert n["alexnet_act_gb"] == pytest.approx(936_323 * 128 * 4 / 1e9, rel=1e-12)
    assert n["alexnet_train_gb"] == pytest.approx((62_378_344 * 20 + 936_323 * 128 * 4) / 1e9, rel=1e-12)
    assert n["alexnet_act_share_b1"] == pytest.approx(100 * 3_745_292 / 1_251_312_172, rel=1e-12)
    # The Memory Wall's 0.71, read in the GiB of its AlexNet row.
    assert n["mw_alexnet_unit"] == "GiB"
    assert n["mw_over_ours"] == pytest.approx(0.71 * 2**30 / 0.479397376e9, rel=1e-12)
    assert n["mw_implied_acts"] == pytest.approx(0.71 * 2**30 / (128 * 4), rel=1e-12)
    zero = ch.alexnet_activation_numbers(totals, larger, training, verdicts, 32, "zero_mixed_adam", 227, 454)
    assert zero["alexnet_train_gb"] == pytest.approx((62_378_344 * 16 + 936_323 * 32 * 2) / 1e9, rel=1e-12)
    with pytest.raises(ValueError, match="unknown convention"):
        ch.alexnet_activation_numbers(totals, larger, training, verdicts, 32, "adamw", 227, 454)


def test_transformer_activation_check(check):
    rows = check.set_index(["model", "seq_len"])
    bert = rows.loc[("BERT Large", 512)]
    # Korthikanti et al. Eq. 1 by hand: 24 x (34 s b h + 5 a s^2 b), s=512, b=16, h=1024, a=16.
    assert bert["bytes"] == 24 * (34 * 512 * 16 * 1024 + 5 * 16 * 512**2 * 16) == 14_898_167_808
    assert bert["gib"] == pytest.approx(13.875, rel=1e-12)
    assert (bert["printed"], bert["printed_unit"], bert["printed_gb"]) == (14.38, "GB", 14.38)
    assert bert["printed_over_computed"] == pytest.approx(14.38 / 14.898167808, rel=1e-12)
    assert bert["attention_share"] == pytest.approx(5 * 16 * 512 / (34 * 1024 + 5 * 16 * 512), rel=1e-12)
    assert rows.loc[("BERT Large", 128), "seq_len_source"] == "parameters cell"
    gpt2 = rows.loc[("GPT-2", 1024)]
    assert gpt2["bytes"] == 48 * (34 * 1024 * 1600 + 5 * 25 * 1024**2)
    assert gpt2["seq_len_source"] == "NLP table, token size"
    assert gpt2["printed_unit"] == "GB"  # neither unit fits GPT-2's row: read as labelled
    assert rows.loc[("GPT-2", 2014), "seq_len_source"] == "breakdown, as printed"
    view = ch.transformer_view(check)
    assert list(view.columns) == [
        "model",
        "tokens",
        "tokens from",
        "batch",
        "GB",
        "attention (%)",
        "printed",
        "ratio",
    ]


def test_transformer_check_errors(training, nlp, verdicts):
    with pytest.raises(ValueError, match="no transformer shapes"):
        ch.transformer_activation_check(training, nlp, verdicts, {"T5": [512]})
    with pytest.raises(ValueError):
        ch.transformer_activation_check(training.drop(columns=["batch_size"]), nlp, verdicts)
    with pytest.raises(ValueError, match="seq_len"):
        ch.transformer_activation_check(training, nlp, verdicts, {"BERT Large": [0]})
    again = ch.transformer_activation_check(training, nlp, verdicts, {"BERT Large": [512]})
    assert (again["model"] == "BERT Large").sum() == 1  # a length already present is not repeated


def test_transformer_long_and_numbers(check, training, nlp):
    long = ch.transformer_activation_long(check)
    assert len(long) == 2 + 2 * len(check)
    printed = long[long["source"] == "paper"].set_index("model")["gb"]
    assert printed.to_dict() == {"BERT Large": 14.38, "GPT-2": 8.63}
    n = ch.transformer_numbers(check, training, nlp, 128)
    assert (n["bert_layers"], n["bert_hidden"], n["bert_heads"]) == (24, 1024, 16)
    assert (n["gpt2_layers"], n["gpt2_hidden"], n["gpt2_heads"]) == (48, 1600, 25)
    assert n["bert_chosen_gb"] == pytest.approx(
        24 * (34 * 128 * 16 * 1024 + 5 * 16 * 128**2 * 16) / 1e9, rel=1e-12
    )
    assert n["bert_seq_ratio"] == 4 and n["extra_seq_len"] == 128
    assert n["gpt2_printed_seq_gb"] == pytest.approx(
        48 * (34 * 2014 * 1600 + 5 * 25 * 2014**2) / 1e9, rel=1e-12
    )
    assert (n["bert_printed_unit"], n["gpt2_printed_unit"]) == ("GB", "GB")


def test_bad_inputs(training, nlp, cv, verdicts):
    with pytest.raises(ValueError):
        ch.growth_table(nlp.drop(columns=["release_date"]), cv)
    with pytest.raises(ValueError):
        ch.breakdown_long(training.drop(columns=["batch_size"]))
    with pytest.raises(ValueError):
        compare_mw.unit_verdicts(pd.DataFrame({"model": ["x"]}))
    with pytest.raises(ValueError):
        ch.row_unit(verdicts, "LeNet")


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
    # Models left out of the fit are hollow.
    assert spec["encoding"]["fill"]["condition"]["test"] == "(datum.in_fit === 'yes')"
    assert spec["encoding"]["fill"]["value"] == "transparent"
    values = _values(spec)
    assert len(values) == growth["params_millions"].notna().sum() == 22
    assert {v["model"] for v in values if v["in_fit"] == "no"} == {
        "Baidu RecSys-C",
        "Baidu RecSys-E",
        "GShard",
        "RoBERTa Large",
    }
    assert {v["release_date"] for v in values if v["model"] == "AlexNet"} == {"2012-06-01"}
    _check_size(spec)
    gflops = charts.memory_wall_growth_chart(growth, "inference_gflops").to_dict()
    assert len(_values(gflops)) == growth["inference_gflops"].notna().sum()
    with pytest.raises(ValueError):
        charts.memory_wall_growth_chart(growth, "watts")
    with pytest.raises(ValueError):
        charts.memory_wall_growth_chart(growth.drop(columns=["in_fit"]))


def test_breakdown_chart(training):
    chart = charts.training_memory_breakdown_chart(ch.breakdown_long(training))
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
    spec = charts.unit_check_chart(ch.unit_check_long(recomputed)).to_dict()
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
    assert len(values) == 12 + 8  # 12 activation points and the 8 layers with parameters
    assert spec["encoding"]["y"]["sort"][0] == "Input image"


def test_rule_of_thumb_chart(reported):
    spec = charts.rule_of_thumb_chart(seed003.rule_examples(reported)).to_dict()
    differences = {v["example"]: v["difference_pct"] for v in _values(spec)}
    assert differences["AlexNet (rule example)"] == pytest.approx(0, abs=1e-9)
    assert differences["CoAtNet-7 (quoted text)"] == pytest.approx(100 * (48.8 / 44.8 - 1), rel=1e-9)
    assert differences["AlexNet (layer table)"] == pytest.approx(100 * (1.24756688 / 1.22 - 1), rel=1e-9)
    assert {v["example"]: v["match"] for v in _values(spec)}["GPT-3"] == "yes"
    assert spec["encoding"]["x"].get("scale", {}).get("type") is None


def test_bytes_per_param_chart():
    spec = charts.bytes_per_param_chart(ch.bytes_per_param_components()).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert "type" not in spec["encoding"]["x"].get("scale", {})  # bars on a linear scale
    assert spec["encoding"]["x"]["stack"] == "zero"
    sums = {}
    for v in _values(spec):
        sums[v["setup"]] = sums.get(v["setup"], 0) + v["bytes"]
    assert sums["seed003_mixed_adam"] == 20 and sums["inference_int8"] == 1
    assert spec["encoding"]["color"]["scale"]["domain"] == ["weights", "gradients", "optimizer state"]


def _calculator(frames, params_b=7.0, setup="zero_mixed_adam"):
    return charts.memory_calculator_chart(
        ch.calculator_setups(),
        ch.calculator_models(frames),
        ch.accelerators(data.load("accelerator_specs")),
        params_b,
        setup,
    )


def test_calculator_chart(frames):
    setups = ch.calculator_setups()
    spec = _calculator(frames).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    # A number box in billions, a select of named models, a select of setups.
    assert params["params_b"]["value"] == 7
    assert params["params_b"]["bind"]["input"] == "number"
    assert params["named_model"]["bind"]["input"] == "select"
    assert params["named_model"]["bind"]["options"] == [
        "(the number box)",
        "AlexNet",
        "BERT Large",
        "GPT-2",
        "Megatron",
        "GPT-3",
    ]
    assert params["setup"]["value"] == "zero_mixed_adam"
    assert params["setup"]["bind"]["options"] == list(setups["setup"])
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "rule", "point", "text", "point", "text", "text"]
    assert "bar" not in marks  # the axes are log scales
    rules = spec["layer"][1]
    assert [v["gb"] for v in _values(spec, 1)] == [24, 80, 141, 192]
    assert rules["encoding"]["y"]["field"] == "gb"
    readout, needed = spec["layer"][5], spec["layer"][6]
    assert (readout["name"], needed["name"]) == ("memory_readout", "gpus_readout")
    expressions = " ".join(t.get("calculate", "") for t in readout["transform"])
    assert "params_b" in expressions and "named_model === 'GPT-3' ? 175000000000.0" in expressions
    gpus = " ".join(t.get("calculate", "") for t in needed["transform"])
    assert "ceil(datum.gb / 80.0 - 1e-9)" in gpus and "'GPUs needed: '" in gpus
    assert all(t.get("filter") == "(datum.setup === setup)" for t in readout["transform"] if "filter" in t)
    for layer in (spec["layer"][0], spec["layer"][2], spec["layer"][4]):
        assert layer["encoding"]["x"]["scale"]["type"] == "log"
    named = [v for v in _values(spec, 2) if v["model"] == "GPT-3" and v["setup"] == "seed003_mixed_adam"]
    assert named[0]["gb"] == pytest.approx(3500, rel=1e-9)
    with pytest.raises(ValueError):
        _calculator(frames, setup="sgd")
    with pytest.raises(ValueError):
        _calculator(frames, params_b=20_000)


def test_activation_batch_chart(training, verdicts):
    table = ch.activation_memory_by_batch({"input 227 x 227": 936_323}, [1, 2, 4, 128])
    plain = charts.activation_batch_chart(table).to_dict()
    assert plain["mark"]["type"] == "line"
    assert plain["encoding"]["x"]["scale"] == {"type": "log", "base": 2}
    assert "scale" not in plain["encoding"]["y"]
    reference = ch.memory_wall_reference(training, verdicts)
    layered = charts.activation_batch_chart(table, reference).to_dict()
    assert [layer["mark"]["type"] for layer in layered["layer"]] == ["line", "point", "text"]
    with pytest.raises(ValueError):
        charts.activation_batch_chart(table, reference.drop(columns=["label"]))


def test_transformer_activation_chart(check):
    spec = charts.transformer_activation_chart(ch.transformer_activation_long(check)).to_dict()
    assert spec["mark"]["type"] == "point"
    assert "scale" not in spec["encoding"]["x"]
    assert spec["encoding"]["color"]["scale"]["range"] == list(charts.SOURCE_COLORS.values())
    assert spec["encoding"]["y"]["sort"][0] == "BERT Large: Memory Wall, as printed"


# ----------------------------------------------------------------------------- the chapter


def test_visible_code_lines_are_short():
    """No line of code scrolls sideways in the 688 px column (78 characters fit)."""
    text = (BOOK / "markdown" / "memory_wall.md").read_text(encoding="utf-8")
    cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, flags=re.S)
    code = [re.sub(r"\A---\n.*?\n---\n", "", cell, flags=re.S) for cell in cells]
    lines = [line for cell in code for line in cell.splitlines() if not line.startswith(":tags:")]
    assert len(lines) > 50
    assert [line for line in lines if len(line) > 78] == []


def test_stored_chapter_numbers():
    values = glued_values(BOOK / "memory_wall.ipynb")
    assert values["alexnet_params"] == 62_378_344 and values["alexnet_activations"] == 936_323
    assert values["alexnet_grouped_params"] == 60_965_224
    assert values["seed_total_printed"] == 1_248_776_192
    assert values["seed_total_consistent"] == 1_251_312_172
    assert values["alexnet_act_gb"] == pytest.approx(0.479397376, rel=1e-6)  # batch 128, stored rounded
    assert values["calc_1b_gb"] == 20 and values["calc_gpt3_tb"] == pytest.approx(3.5, rel=1e-6)
    assert values["calc_gpt3_gpus_largest"] == 19
    assert values["bert_seq_gb"] == pytest.approx(14.898167808, rel=1e-6)
    assert values["bert_chosen_gb"] == pytest.approx(2.214592512, rel=1e-6)  # 128 tokens
    assert values["gpt2_input_printed"] == "2014" and values["gpt2_token_size"] == 1024
    assert values["mw_alexnet_unit"] == "GiB"
    assert values["nlp_fit_n"] == 10 and values["copied_models"] == "RoBERTa Large"


def test_other_parameters_change_the_headline_numbers(tmp_path):
    out = tmp_path / "memory_wall.ipynb"
    pipeline.execute(
        "memory_wall",
        {
            "batch_size": 32,
            "larger_input": 320,
            "convention": "zero_mixed_adam",
            "seq_len": 256,
            "example_params_b": 70.0,
        },
        output=out,
    )
    values = glued_values(out)
    default = glued_values(BOOK / "memory_wall.ipynb")
    assert values["act_batch"] == 32
    assert values["alexnet_act_gb"] == pytest.approx(936_323 * 32 * 4 / 1e9, rel=1e-6)
    # ZeRO: 16 B per parameter and 2 B per activation.
    assert values["alexnet_train_gb"] == pytest.approx((62_378_344 * 16 + 936_323 * 32 * 2) / 1e9, rel=1e-6)
    assert values["calc_1b_gb"] == 16 and values["calc_gpt3_tb"] == pytest.approx(2.8, rel=1e-6)
    assert values["calc_convention"] == ch.SETUP_LABELS["zero_mixed_adam"]
    assert values["calc_example_gb"] == pytest.approx(1120, rel=1e-6)  # 70 B x 16 B
    assert values["larger_input"] == 320
    assert values["larger_act_gb"] == pytest.approx(1_839_848 * 32 * 4 / 1e9, rel=1e-6)
    assert values["extra_seq_len"] == 256
    assert values["bert_chosen_gb"] == pytest.approx(
        24 * (34 * 256 * 16 * 1024 + 5 * 16 * 256**2 * 16) / 1e9, rel=1e-6
    )
    for name in ("alexnet_act_gb", "alexnet_train_gb", "calc_1b_gb", "larger_act_gb", "bert_chosen_gb"):
        assert values[name] != default[name], name
    # What does not depend on the parameters stays as it was.
    for name in ("seed_total_printed", "gib_models", "bert_seq_gb", "nlp_params_per_2y", "rule_matches"):
        assert values[name] == default[name], name


def test_unknown_convention_fails(tmp_path):
    with pytest.raises(pipeline.ChapterFailed, match="unknown"):
        pipeline.execute("memory_wall", {"convention": "adamw"}, output=tmp_path / "x.ipynb")


# ----------------------------------------------------------------------------- the calculator in a browser


def _expected(params: float, setup: str, name: str = "") -> tuple[str, str]:
    """The two readouts the calculator should show, from the Python library (not the chart)."""
    n_bytes = memory.setup_memory_bytes(params, setup)
    bpp = ch.calculator_setups().set_index("setup").loc[setup, "bytes_per_param"]
    count = f"{params / 1e9:,.4g} billion" if params >= 1e9 else f"{params / 1e6:,.4g} million"
    gb = n_bytes / 1e9
    text = f"{gb:,.1f} GB ({gb / 1000:,.2f} TB)" if gb >= 1000 else f"{gb:,.2f} GB"
    prefix = f"{name}: " if name else ""
    gpus = " · ".join(
        f"{g:g} GB {ch.gpus_needed(n_bytes, g):,d}"
        for g in ch.accelerators(data.load("accelerator_specs"))["gb"]
    )
    return f"{prefix}{count} parameters x {bpp:g} B = {text}", f"GPUs needed: {gpus}"


def test_expected_readout_by_hand():
    assert _expected(7e9, "seed003_mixed_adam") == (
        "7 billion parameters x 20 B = 140.00 GB",
        "GPUs needed: 24 GB 6 · 80 GB 2 · 141 GB 1 · 192 GB 1",
    )
    assert _expected(175e9, "seed003_mixed_adam", "GPT-3")[0] == (
        "GPT-3: 175 billion parameters x 20 B = 3,500.0 GB (3.50 TB)"
    )


def test_calculator_in_the_browser(browser):
    site = Path(os.environ.get("DLTRENDS_SITE", SITE))
    page_path = site / "memory_wall.html"
    if not page_path.exists():
        unavailable(f"{page_path} not built: run `make book` first")
    if "params_b" not in page_path.read_text(encoding="utf-8"):
        unavailable("the built memory_wall page predates its calculator: rebuild the site")
    seen = []

    def act(page, report):
        chart = page.locator(".dltrends-chart", has=page.locator("input[type=number]"))
        assert chart.count() == 1

        def texts():
            page.wait_for_timeout(300)
            return (
                chart.locator("g.memory_readout_marks text").first.text_content(),
                chart.locator("g.gpus_readout_marks text").first.text_content(),
            )

        seen.append(("initial", texts()))
        box = chart.locator("input[type=number]")
        box.fill("70")
        box.dispatch_event("input")
        seen.append(("70 B", texts()))
        models, setups = chart.locator("select").nth(0), chart.locator("select").nth(1)
        models.select_option("GPT-3")
        seen.append(("GPT-3", texts()))
        setups.select_option("inference_int8")
        seen.append(("GPT-3 int8", texts()))
        models.select_option("(the number box)")
        seen.append(("70 B int8", texts()))

    report = open_page(browser, page_path, act)
    assert report.errors == [] and report.blocked == []
    texts = dict(seen)
    assert texts["initial"] == _expected(7e9, "seed003_mixed_adam")
    assert texts["70 B"] == _expected(70e9, "seed003_mixed_adam")
    assert texts["GPT-3"] == _expected(175e9, "seed003_mixed_adam", "GPT-3")
    assert texts["GPT-3 int8"] == _expected(175e9, "inference_int8", "GPT-3")
    assert texts["70 B int8"] == _expected(70e9, "inference_int8")
    assert len(set(texts.values())) == len(texts)  # every change changed the text
