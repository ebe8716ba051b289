"""The calculations behind "CV trends" and "NLP trends": the domain module dltrends.nlp
(FLOPs per input length) and the chapter modules dltrends.chapters.cv_trends and
dltrends.chapters.nlp_trends (selections, fit tables, Fig. 1, Table 1, Eq. 4, ViT-G/14,
cheaper successors, the Memory Wall match, fits by input length).
"""

import math

import numpy as np
import pandas as pd
import pytest

from dltrends import data, nlp, scaling, trends
from dltrends.chapters import cv_trends as cv_ch
from dltrends.chapters import nlp_trends as nlp_ch
from dltrends.chapters.hardware import claim
from dltrends.compare import desislavov

# ----------------------------------------------------------------------------- selections


def test_selection_years_and_extra_data(cv):
    early = cv_ch.selection(cv, 2012, 2013)
    assert list(early["model"]) == ["AlexNet", "ZFNet-b", "ZFNet"]
    imagenet_only = cv_ch.selection(cv, include_extra_data=False)
    assert len(imagenet_only) == 67  # 94 rows, 27 with extra data
    assert set(imagenet_only["extra_data"].astype(str)) == {"No"}
    both = cv_ch.selection(cv, 2015, 2021, include_extra_data=False)
    assert len(both) == 61
    assert both["release_date"].dt.year.min() == 2015
    assert len(cv_ch.selection(cv)) == len(cv)


def test_selection_rejects_bad_bounds(cv):
    with pytest.raises(ValueError, match="after"):
        cv_ch.selection(cv, 2020, 2015)
    with pytest.raises(ValueError, match="no model left"):
        cv_ch.selection(cv, 2030, 2031)


def test_data_counts(cv):
    counts = cv_ch.data_counts(cv).set_index("architecture")
    assert list(counts.index) == ["CNN", "Transformer", "Hybrid"]
    assert counts["all"].sum() == 94
    assert counts["extra_data"].sum() == 27
    assert (counts["imagenet_only"] + counts["extra_data"] == counts["all"]).all()


# ----------------------------------------------------------------------------- fits


def test_fit_table_exact_doubling_every_six_months():
    years = np.arange(2015.0, 2021.0)
    fits = {"a": trends.fit_exponential_trend(years, 5.0 * 4.0 ** (years - 2015))}
    row = cv_ch.fit_table(fits).iloc[0]
    assert row["fit"] == "a" and row["n"] == 6
    assert row["growth"] == pytest.approx(4.0, rel=1e-12)
    assert row["doubling_months"] == pytest.approx(6.0, rel=1e-12)
    assert row["doubling_months_low"] == pytest.approx(6.0, rel=1e-6)
    assert row["r2"] == pytest.approx(1.0)


def test_fit_table_cv_best_per_year(cv):
    # Best model of each year 2012-2021: 10 points, growth 2.35x/year, doubling 9.7 months.
    table = cv_ch.fit_table(cv_ch.fig3_fits(cv)).set_index("fit")
    best = table.loc[cv_ch.BEST]
    assert best["n"] == 10
    assert best["growth"] == pytest.approx(2.350, abs=0.001)
    assert best["doubling_months"] == pytest.approx(12 * math.log10(2) / math.log10(best["growth"]))
    assert best["doubling_months"] == pytest.approx(9.74, abs=0.01)
    assert best["growth_low"] < best["growth"] < best["growth_high"]
    assert table.loc[cv_ch.ALL, "n"] == 94
    assert table.loc[cv_ch.ALL, "growth"] == pytest.approx(1.424, abs=0.001)
    view = cv_ch.fit_view(cv_ch.fig3_fits(cv)).set_index("fit")
    assert set(cv_ch.FIT_HEADERS) <= set(view.columns)
    assert view.loc[cv_ch.BEST, "growth_ci"] == "1.93 to 2.86"
    assert view.loc[cv_ch.BEST, "doubling_ci"] == "7.9 to 12.6"
    assert view.loc[cv_ch.ALL, "doubling_ci"] == "15.9 to 45.5"


def test_interval_text():
    assert cv_ch.interval_text(7.94, 12.61) == "7.9 to 12.6"
    assert cv_ch.interval_text(1.0, 2.0, ".2f") == "1.00 to 2.00"
    assert cv_ch.interval_text(math.nan, math.nan).startswith("unbounded")


def test_trend_lines_span_whole_years_in_order(cv):
    fits = cv_ch.fig3_fits(cv)
    lines = cv_ch.trend_lines(fits, cv)
    assert list(dict.fromkeys(lines["fit"])) == [cv_ch.BEST, cv_ch.ALL]
    best = lines[lines["fit"] == cv_ch.BEST]
    assert best["year"].iloc[0] == pytest.approx(2012.0)
    assert best["year"].iloc[-1] == pytest.approx(2021 + 364 / 365)  # 31 December 2021
    first = float(fits[cv_ch.BEST].predict([2012.0])["fitted"].iloc[0])
    assert best["fitted"].iloc[0] == pytest.approx(first)
    assert (best["ci_lower"] < best["fitted"]).all() and (best["fitted"] < best["ci_upper"]).all()
    with pytest.raises(ValueError):
        cv_ch.trend_lines({}, cv)


def test_all_fit_numbers_match_the_summary(nlp_models):
    numbers = cv_ch.all_fit_numbers(trends.fit_frame(nlp_models, "gflops"))
    assert numbers["all_n"] == 19
    assert numbers["gflops_all_growth"] == pytest.approx(1.6897, abs=1e-4)
    assert numbers["gflops_all_growth_low"] < 1 < numbers["gflops_all_growth_high"]
    assert numbers["all_doubling_ci"].startswith("unbounded")


# ----------------------------------------------------------------------------- Fig. 1, Table 1


def test_correlation_variants_against_paper(cv, claims):
    table = cv_ch.correlation_variants(cv)
    first = table.iloc[0]
    # The book's reading reproduces the paper's CNN value to three decimals, and the
    # transformer value to within 0.001 (0.9947 against 0.994).
    assert round(first["cnn"], 3) == claim(claims, "CNNs (Fig. 1)") == 0.772
    assert first["transformer"] == pytest.approx(claim(claims, "transformers (Fig. 1)"), abs=0.001)
    assert (first["cnn_points"], first["transformer_points"]) == (60, 18)
    # Every row counted (notes/reconstruction.md, item 5): 0.782 and 0.993 on 72 and 20 rows.
    every = table.iloc[1]
    assert (round(every["cnn"], 3), round(every["transformer"], 3)) == (0.782, 0.993)
    assert (every["cnn_points"], every["transformer_points"]) == (72, 20)
    assert round(table.iloc[3]["cnn"], 3) == 0.921  # log10 values


def test_fig1_numbers(cv, claims):
    numbers = cv_ch.fig1_numbers(cv, claims)
    assert numbers["cnn_r"] == pytest.approx(0.77158, abs=1e-5)
    assert numbers["transformer_r"] == pytest.approx(0.99467, abs=1e-5)
    assert numbers["cnn_r_all_rows"] == pytest.approx(0.78183, abs=1e-5)
    assert numbers["cnn_r_log"] == pytest.approx(0.92083, abs=1e-5)
    assert (numbers["paper_cnn_r"], numbers["paper_transformer_r"]) == (0.772, 0.994)


def test_table1_numbers_and_view(cv):
    printed = data.load_reported("table1_alexnet_band")
    table1 = desislavov.table1(cv, printed, 2.5)
    numbers = cv_ch.table1_numbers(cv, cv, table1, 2.5)
    assert numbers["table1_n"] == numbers["table1_paper_n"] == numbers["table1_both"] == 7
    assert numbers["table1_verdict"] == "the same models as"
    assert (numbers["gflops_band_low"], numbers["gflops_band_high"]) == pytest.approx((0.568, 3.55))
    assert numbers["t1_first"] == "AlexNet (2012)" and numbers["t1_last"] == "NoisyStudent-B1 (2019)"
    assert numbers["t1_gain"] == pytest.approx(81.5 - 56.52)
    view = cv_ch.table1_view(table1).set_index("model")
    assert view.loc["Inception V1/GoogleLeNet", "printed_as"] == "GoogleLeNet"
    assert view.loc["AlexNet", "printed_as"] == ""  # same name: left empty


def test_table1_numbers_with_a_narrower_band(cv):
    # A factor of 2.0 (0.71 to 2.84 GFLOPs) leaves out GoogLeNet (3.00 GFLOPs).
    table1 = desislavov.table1(cv, data.load_reported("table1_alexnet_band"), 2.0)
    numbers = cv_ch.table1_numbers(cv, cv, table1, 2.0)
    assert numbers["table1_verdict"] == "not the same models as"
    assert (numbers["table1_n"], numbers["table1_both"]) == (6, 6)


def test_fig4_numbers(cv):
    numbers = cv_ch.fig4_numbers(cv)
    assert numbers["pareto_n"] == 16 and numbers["pareto_extra"] == 13
    assert numbers["recent_year"] == 2019
    assert numbers["pareto_share_recent"] == pytest.approx(100 * 13 / 16)
    assert numbers["pareto_models"].startswith("ShuffleNet x1.0 (g=8), ShuffleNetV2 x1.0")


# ----------------------------------------------------------------------------- Eq. 4, ViT-G/14


def test_eq4_numbers_step_by_step(cv):
    estimates = desislavov.eq4_estimates(cv)
    numbers = cv_ch.eq4_numbers(estimates)
    # Eq. 4 by hand: 74 x (5.3/3.1) x (4.3/2.0)^2 x (800/600)^2.
    by_hand = 74 * (5.3 / 3.1) * (4.3 / 2.0) ** 2 * (800 / 600) ** 2
    assert numbers["l2_computed"] == pytest.approx(by_hand, rel=1e-12)
    assert numbers["l2_computed"] == pytest.approx(1039.68, abs=0.01)
    assert numbers["l2_factor"] == pytest.approx(by_hand / 74, rel=1e-12)
    assert numbers["l2_printed"] == 1040.0
    assert (numbers["n_estimates"], numbers["n_estimates_ok"]) == (6, 5)
    # FixEfficientNet-B0: 0.78 x (320/224)^2 = 1.5918 against the printed 1.60.
    assert numbers["max_gap_non_vit"] == pytest.approx(100 * (1.60 - 0.78 * (320 / 224) ** 2) / 1.60)
    # Tan and Le print half the book's GFLOPs: 37 B and 0.39 B multiply-adds.
    assert (numbers["b7_tan_le"], numbers["b0_tan_le"]) == pytest.approx((37.0, 0.39))
    view = cv_ch.eq4_view(estimates).set_index("model")
    assert set(cv_ch.EQ4_HEADERS) <= set(view.columns)
    assert view.loc["ViT-G/14", "gap_percent"] == pytest.approx(-1.25, abs=0.01)
    assert view.loc["FixEfficientNet-L2", "resolution_ratio"] == 1.0


def test_vit_numbers(cv):
    numbers = cv_ch.vit_numbers(cv, desislavov.eq4_estimates(cv))
    assert numbers["vit_computed"] == pytest.approx(2859.9 * (518 / 384) ** 2)
    assert numbers["vit_printed"] == 5270.0
    assert numbers["vit_gap_direction"] == "below"
    assert numbers["vit_gap_abs_pct"] == pytest.approx(1.25, abs=0.01)
    assert numbers["vit_needed_px"] == pytest.approx(521.27, abs=0.01)
    assert numbers["vit_exponent"] == pytest.approx(2.015, abs=0.001)
    assert numbers["vit_in_best"] == "is"
    assert numbers["gflops_best_growth_vit"] == pytest.approx(2.3482, abs=1e-4)


def test_with_gflops(cv):
    changed = cv_ch.with_gflops(cv, {"ViT-G/14": 5204.1})
    assert changed.loc[changed["model"] == "ViT-G/14", "gflops"].iloc[0] == 5204.1
    assert cv.loc[cv["model"] == "ViT-G/14", "gflops"].iloc[0] == 5270.0  # original untouched
    with pytest.raises(ValueError, match="no model named"):
        cv_ch.with_gflops(cv, {"ViT-Z": 1.0})


def test_resolution_for_gflops_inverts_scale_resolution():
    px = cv_ch.resolution_for_gflops(2859.9, 384, 5270.0)
    assert px == pytest.approx(521.27, abs=0.01)
    assert scaling.scale_resolution(2859.9, 384, px) == pytest.approx(5270.0)
    assert cv_ch.resolution_for_gflops(10.0, 100, 80.0, exponent=3) == pytest.approx(200.0)


# ----------------------------------------------------------------------------- dltrends.nlp


@pytest.fixture
def nlp_models():
    return data.load("nlp_models")


def test_kaplan_forward_gflops_by_hand():
    # 1 M parameters, 10 tokens, 1 layer of width 10: 10 x (2e6 + 2 x 1 x 10 x 10) FLOPs.
    assert nlp.kaplan_forward_gflops(1, 10, 1, 10) == pytest.approx(10 * (2e6 + 200) / 1e9)
    # GPT-3: 2048 x (2 x 175e9 + 2 x 96 x 2048 x 12288) FLOPs = 726,696 GFLOPs.
    gpt3 = nlp.kaplan_forward_gflops(175_000, 2048, 96, 12288)
    assert gpt3 == pytest.approx(2048 * (350e9 + 2 * 96 * 2048 * 12288) / 1e9)
    assert round(gpt3) == 726696
    with pytest.raises(ValueError):
        nlp.kaplan_forward_gflops(0, 10, 1, 10)
    with pytest.raises(TypeError):
        nlp.kaplan_forward_gflops(True, 10, 1, 10)


def test_dense_flops_check(nlp_models):
    table = nlp.dense_flops_check(nlp_models).set_index("model_id")
    gpt3 = table.loc["gpt-3"]
    # 2 x 175e9 parameters x 2048 tokens = 716,800 GFLOPs; Table 7 prints 740,000.
    assert gpt3["two_n_l_gflops"] == pytest.approx(716_800)
    assert gpt3["ratio"] == pytest.approx(740_000 / 716_800)
    assert table.loc["gpt-1", "ratio"] == pytest.approx(30 / (2 * 117e6 * 128 / 1e9))
    assert table.loc["albert-xxl", "ratio"] == pytest.approx(10.39, abs=0.01)  # shared layers
    with pytest.raises(ValueError, match="missing columns"):
        nlp.dense_flops_check(nlp_models.drop(columns="params_millions"))


def test_normalise_to_tokens(nlp_models):
    same = nlp.normalise_to_tokens(nlp_models, None)
    assert (same["gflops"] == nlp_models["gflops"]).all()
    assert (same["gflops_as_printed"] == nlp_models["gflops"]).all()
    at128 = nlp.normalise_to_tokens(nlp_models, 128).set_index("model_id")
    assert at128.loc["gpt-3", "gflops"] == pytest.approx(740_000 * 128 / 2048)  # 46,250
    assert at128.loc["transformer", "gflops"] == pytest.approx(54 * 128 / 512)
    assert at128.loc["bert-base", "gflops"] == 29.0  # already at 128 tokens
    assert (at128["input_tokens"] == 128).all()
    assert at128.loc["gpt-3", "input_tokens_as_printed"] == 2048
    at512 = nlp.normalise_to_tokens(nlp_models, 512).set_index("model_id")
    assert at512.loc["bert-base", "gflops"] == pytest.approx(29.0 * 4)
    for bad in (0, -128, 1.5):
        with pytest.raises(ValueError):
            nlp.normalise_to_tokens(nlp_models, bad)
    with pytest.raises(TypeError):
        nlp.normalise_to_tokens(nlp_models, True)


def test_attention_adjusted_gflops():
    # Same length: the printed value back.
    assert nlp.attention_adjusted_gflops(740_000, 2048, 2048, 96, 12288) == pytest.approx(740_000)
    # GPT-3 at 128 tokens, by hand.
    attention_2048 = 2 * 96 * 2048 * 12288
    dense = 740_000e9 / 2048 - attention_2048
    expected = 128 * (dense + 2 * 96 * 128 * 12288) / 1e9
    assert nlp.attention_adjusted_gflops(740_000, 2048, 128, 96, 12288) == pytest.approx(expected)
    assert expected == pytest.approx(45_670.2, abs=0.1)
    with pytest.raises(ValueError, match="attention term exceeds"):
        nlp.attention_adjusted_gflops(0.001, 2048, 128, 96, 12288)


def test_token_scaling_table(nlp_models):
    table = nlp.token_scaling_table(nlp_models, 128).set_index("model_id")
    assert list(table.index) == ["transformer", "gpt-2", "megatron", "albert-xxl", "microsoft-t-nlg", "gpt-3"]
    # Linear rescaling down keeps the longer context's attention cost: always an overestimate.
    assert (table["linear_error"] > 0).all()
    assert table["linear_error"].max() == pytest.approx(0.0468, abs=0.0001)  # the Transformer
    assert table.loc["gpt-3", "attention_share"] == pytest.approx(2 * 96 * 2048 * 12288 / (740_000e9 / 2048))
    # No row moves at its own printed length.
    assert list(nlp.token_scaling_table(nlp_models, 2048).index) == [0, 1, 2, 3, 4]


# ----------------------------------------------------------------------------- the NLP chapter


def test_fits_by_length_uniform_lengths_share_slopes(nlp_models):
    table = nlp_ch.fits_by_length(nlp_models, (None, 128, 2048)).set_index(["tokens", "selection"])
    growth = table["growth"]
    records, everything = nlp_ch.RECORDS, nlp_ch.ALL
    assert growth[("128", records)] == pytest.approx(growth[("2048", records)], rel=1e-9)
    assert growth[("128", everything)] == pytest.approx(growth[("2048", everything)], rel=1e-9)
    assert table.loc[("as printed", records), "n"] == 6
    assert table.loc[("128", records), "n"] == 8
    assert growth[("as printed", records)] == pytest.approx(23.37, abs=0.01)
    assert growth[("128", records)] == pytest.approx(15.79, abs=0.01)
    assert table.loc[("as printed", records), "record_setters"].startswith("Transformer, BERT Large, GPT-2")
    assert nlp_ch.lengths(128) == (None, 128, 512, 1024, 2048)
    assert nlp_ch.lengths(300) == (None, 128, 300, 512, 1024, 2048)


def test_lengths_numbers(nlp_models):
    numbers = nlp_ch.lengths_numbers(nlp_models, 128)
    assert numbers["printed_records_growth"] == pytest.approx(23.366, abs=0.001)
    assert numbers["cmp_records_growth"] == pytest.approx(15.787, abs=0.001)
    assert numbers["cmp_records_growth_low"] == pytest.approx(7.553, abs=0.001)
    assert numbers["cmp_records_growth_high"] == pytest.approx(33.00, abs=0.01)
    assert (numbers["printed_records_n"], numbers["cmp_records_n"]) == (6, 8)
    assert numbers["uniform_lengths"] == "128, 512, 1024, 2048"
    assert numbers["uniform_same"] == "identical"


def test_memory_wall_match(nlp_models):
    table = nlp_ch.memory_wall_match(nlp_models, data.load("memory_wall_nlp")).set_index("model_id")
    long_rows = table[table["table7_tokens"] != 128]
    assert len(long_rows) == 6 and long_rows["same"].all()
    assert not table.loc["gpt-1", "same"]  # 30 GFLOPs at 128 here, 96 at 512 there
    assert table.loc["gpt-1", "memory_wall_tokens"] == 512
    assert pd.isna(table.loc["elmo", "memory_wall_gflops"])
    assert table.loc["albert-xxl", "memory_wall_gflops"] == 2500.0  # 'ALBERT xxl' matched


def test_cheaper_successors(nlp_models):
    table = nlp_ch.cheaper_successors(nlp_models, "glue_score").set_index("model")
    gpt1 = table.loc["GPT-1"]
    assert gpt1["n_successors"] == 7
    assert gpt1["cheapest_successor"] == "MobileBERT tiny"
    assert gpt1["cost_ratio"] == pytest.approx(30 / 3.1)
    assert table.loc["BERT Large", "cheapest_successor"] == "ELECTRA-Base"  # 83.5 with 29 GFLOPs
    assert table.loc["BERT-Base", "n_successors"] == 0  # ELECTRA-Base: same 29 GFLOPs, not fewer
    assert math.isnan(table.loc["BERT-Base", "cost_ratio"])
    assert len(table) == 11  # only the models with a GLUE score


def test_dense_and_scaling_numbers(nlp_models):
    dense = nlp_ch.dense_numbers(nlp_models)
    assert dense["gpt3_two_n_l"] == pytest.approx(716_800)
    assert dense["gpt3_kaplan"] == pytest.approx(726_695.6, abs=0.1)
    assert dense["gpt3_gap_two_n_l"] == pytest.approx(100 * (740_000 / 716_800 - 1))
    assert (dense["gpt3_n_layer"], dense["gpt3_d_attn"]) == (96, 12288)
    scaled = nlp_ch.scaling_numbers(nlp_models, 128)
    assert scaled["gpt3_at_comparison"] == pytest.approx(46_250)
    assert (scaled["length_factor_min"], scaled["length_factor_max"]) == (4.0, 16.0)
    assert scaled["max_error_model"] == "Transformer" and scaled["max_error_direction"] == "above"
    assert scaled["max_linear_error"] == pytest.approx(4.683, abs=0.001)


def test_lengths_view(nlp_models):
    table = nlp_ch.fits_by_length(nlp_models, nlp_ch.lengths(128))
    view = nlp_ch.lengths_view(table)
    assert list(view.columns) == ["tokens", "selection", "n", "growth", "growth_ci", "doubling_months"]
    assert set(nlp_ch.LENGTHS_HEADERS) <= set(view.columns)
    first = view.iloc[0]
    assert (first["tokens"], first["selection"]) == ("as printed", nlp_ch.RECORDS)
    assert first["growth_ci"] == "3.56 to 153.48"
    assert len(view) == 10  # as printed and four lengths, two selections each
