"""The chapter "Measured energy": data, calculations, claims and charts.

Values typed here were read in the sources independently of the data files (MLCommons'
summary and result files, the ML.ENERGY leaderboard files, the publications), so a
change of a data file that moves one of them fails here.
"""

from pathlib import Path

import pandas as pd
import pytest

from dltrends import data, measured
from dltrends.chapters import measured_energy as ch
from dltrends.compare import KINDS, claims_frame
from dltrends.compare import measured as compare_measured
from dltrends.display import charts

ROOT = Path(__file__).resolve().parents[1]
FILES = {"mlperf_power": 314, "mlenergy_llm": 428, "aienergyscore": 84, "reported_energy_figures": 34}


@pytest.fixture(scope="module")
def frames():
    return {name: data.load(name) for name in data.SCHEMAS}


@pytest.fixture(scope="module")
def table(frames):
    return measured.gpu_table(frames["gpus"], frames["ngc_inference_throughput"], ch.accelerator_specs())


@pytest.fixture(scope="module")
def comparison(frames, table):
    gflops = measured.mlperf_gflops(frames["cv_models"], frames["nlp_models"])
    return measured.mlperf_comparison(frames["mlperf_power"], gflops, table)


@pytest.fixture(scope="module")
def estimates(frames, table):
    return measured.llm_estimates(frames["mlenergy_llm"], table)


# ----------------------------------------------------------------------------- data


@pytest.mark.parametrize("name", sorted(FILES))
def test_schema_loads_with_keys_and_row_count(name):
    frame = data.load(name)
    assert len(frame) == FILES[name]
    key = list(data.SCHEMAS[name].key)
    assert not frame.duplicated(key).any()
    for column, col in data.SCHEMAS[name].columns.items():
        if col.kind in ("float", "int"):
            assert col.min is not None and col.max is not None, (name, column)


def test_a_value_outside_its_range_is_refused(tmp_path):
    text = (ROOT / "data" / "mlperf_power.csv").read_text(encoding="utf-8")
    bad = text.replace(",1101.282834,", ",-1101.282834,", 1)
    assert bad != text
    (tmp_path / "mlperf_power.csv").write_text(bad, encoding="utf-8")
    with pytest.raises(data.DataError, match="system_power_watts"):
        data.load("mlperf_power", tmp_path)


def test_dictionary_documents_every_column():
    columns = data.load_curated("columns_measured")
    for name in FILES:
        documented = set(columns.loc[columns["file"] == name, "column"])
        assert documented == set(data.SCHEMAS[name].columns), name
    assert set(data.load_curated("files_measured")["file"]) == set(FILES)


def test_mlperf_rows_against_mlcommons(frames):
    mlperf = frames["mlperf_power"].set_index(["result_id", "model", "scenario"])
    # MLCommons summary_results.json of v4.1: v4.1-0049, resnet, Offline.
    row = mlperf.loc[("4.1-0049", "resnet50", "Offline")]
    assert row["performance"] == pytest.approx(556234.0)
    assert row["system_power_watts"] == pytest.approx(4954.0315467, rel=1e-8)
    assert row["precision"] == "int8" and row["accelerator"] == "NVIDIA H200-SXM-141GB"
    # MLPerf v2.1 results (cleaned CSV of Tschand et al., lines 428-429): DGX A100, ResNet-50.
    row = mlperf.loc[("2.1-0089", "resnet50", "Offline")]
    assert (row["performance"], row["system_power_watts"]) == (288733.0, pytest.approx(3082.268468))
    # mlcommons/inference_results_v3.0 bert-99 Offline log summary of 3.0-0066: 22396.7 samples/s.
    assert mlperf.loc[("3.0-0066", "bert-99", "Offline"), "performance"] == pytest.approx(22396.7)


def test_mlenergy_rows_against_the_leaderboard(frames):
    energy = frames["mlenergy_llm"]
    # v3, Llama 3.1 8B, one H100, max_num_seqs 8: 486.438 W, 1069.569 tokens/s.
    v3 = energy[
        (energy["leaderboard_version"] == "v3")
        & (energy["model"] == "meta-llama/Llama-3.1-8B-Instruct")
        & (energy["gpu_model"] == "H100")
        & (energy["max_batch_size"] == 8)
    ].iloc[0]
    assert v3["energy_per_token_joules"] == pytest.approx(0.4547983, rel=1e-6)
    assert v3["avg_power_watts"] / v3["output_tokens_per_second"] == pytest.approx(
        486.438 / 1069.569, rel=1e-5
    )
    # v2, Llama 3.1 8B, one A100-SXM4-40GB, Max BS 320: 51.117 J per request, 484.4575 tokens.
    v2 = energy[
        (energy["leaderboard_version"] == "v2")
        & (energy["model"] == "meta-llama/Meta-Llama-3.1-8B-Instruct")
        & (energy["gpu_model"] == "A100-SXM4-40GB")
        & (energy["max_batch_size"] == 320)
    ].iloc[0]
    assert v2["energy_per_token_joules"] == pytest.approx(51.11715 / 484.4575, rel=1e-5)


def test_reported_and_scored_figures_against_publications(frames):
    figures = frames["reported_energy_figures"].set_index("figure_id")
    assert figures.loc["google2025-gemini-median-prompt-total", "value"] == 0.24  # arXiv 2508.15734
    assert figures.loc["jegham2025-gpt4o-short-prompt", "value"] == 0.42
    # Jegham et al., Table 4: DeepSeek-R1 (DeepSeek host), 10k input and 1.5k output: 29.078 Wh.
    row = figures.loc["jegham2025-deepseek-r1-long-prompt"]
    assert (row["value"], row["checked"], row["boundary"]) == (29.078, "yes", "datacentre")
    assert (figures["checked"] == "no").sum() > 0 and all(
        "unverified" in str(n) for n in figures.loc[figures["checked"] == "no", "notes"]
    )
    scores = frames["aienergyscore"].set_index(["task", "model"])
    # Luccioni et al. 2025, Appendix Table 2: Command-R Plus 3,426.38 Wh per 1,000 queries.
    assert scores.loc[("text_generation", "CohereForAI/c4ai-command-r-plus"), "gpu_energy_wh_per_query"] == (
        pytest.approx(3.42638, rel=1e-5)
    )


# ----------------------------------------------------------------------------- calculations


def test_energy_per_sample_of_one_mlperf_result_by_hand(comparison):
    row = comparison[(comparison["result_id"] == "2.1-0089") & (comparison["model"] == "resnet50")].iloc[0]
    assert row["measured_j"] == pytest.approx(3082.268468 / 288733, rel=1e-9)  # 10.675 mJ
    assert row["eq2_j"] == pytest.approx(7.6 / 130.876, rel=1e-4)  # the paper's A100 CNN row
    assert row["peak_j"] == pytest.approx(7.6 / (1000 * 312 / 400), rel=1e-9)
    assert row["achieved_j"] == pytest.approx(8 * 400 / 288733, rel=1e-9)
    assert row["eq2_ratio"] == pytest.approx(0.18383, rel=1e-3)


def test_mlperf_comparison_counts_and_medians(comparison):
    a100 = comparison[comparison["gpu"] == "A100"]
    assert len(a100) == 24 and set(comparison["gpu"]) == {"A100", "H100 SXM", "H100 PCIe", "H200 SXM"}
    resnet = a100[a100["model"] == "resnet50"]
    assert resnet["measured_j"].median() * 1000 == pytest.approx(10.83, abs=0.01)
    assert 1 / resnet["eq2_ratio"].median() == pytest.approx(5.36, abs=0.01)
    bert = a100[a100["model"] == "bert-99"]
    assert bert["eq2_j"].iloc[0] == pytest.approx(79 * 3 / 183.232, rel=1e-4)  # 237 GFLOPs
    assert 1 / bert["eq2_ratio"].median() == pytest.approx(9.11, abs=0.01)
    assert comparison.loc[comparison["gpu"] != "A100", "eq2_j"].isna().all()  # no paper row
    # Three Dell systems run their A100s at 500 W (their submission notes).
    noted = comparison[comparison["tdp_watts"] == 500]
    assert set(noted["result_id"]) == {"1.1-016", "2.0-020", "2.1-0015"}
    row = noted[(noted["result_id"] == "1.1-016") & (noted["model"] == "resnet50")].iloc[0]
    assert row["achieved_j"] == pytest.approx(4 * 500 / 161361, rel=1e-6)


def test_per_token_ratio_of_one_configuration(estimates):
    row = estimates[
        (estimates["version"] == "v3")
        & (estimates["short"] == "Llama-3.1-8B-Instruct")
        & (estimates["gpu"] == "H100 SXM")
        & (estimates["max_batch_size"] == 8)
    ].iloc[0]
    flops_j = 16.0 / (1000 * 989.4 / 700)  # 2 x 8e9 FLOP at the dense BF16 peak at TDP
    assert row["flops_j"] == pytest.approx(flops_j, rel=1e-9)
    assert row["flops_ratio"] == pytest.approx(0.4547983 / flops_j, rel=1e-6)  # about 40
    assert row["bytes"] == pytest.approx(8e9 * 2 / 8.0)  # weights / mean batch
    assert row["roofline_j"] == pytest.approx(700 * 2e9 / 3350e9, rel=1e-9)
    assert row["memory_bound"]


def test_best_configurations_and_batch_sweeps(estimates, frames):
    best = measured.best_configs(estimates)
    assert len(best) == 23 and best["flops_ratio"].min() > 1
    assert best["flops_ratio"].median() == pytest.approx(7.46, abs=0.01)
    moe = best[best["architecture"] == "mixture-of-experts"]["flops_ratio"]
    dense = best[best["architecture"] == "dense"]["flops_ratio"]
    assert moe.median() > 2 * dense.median()
    sweeps = measured.batch_sweeps(frames["mlenergy_llm"]).set_index(["model", "gpu_model"])
    span = sweeps.loc[("meta-llama/Llama-3.1-8B-Instruct", "H100"), "span"]
    assert span == pytest.approx(0.4547983 / 0.0701950, rel=1e-5)


def test_ladder_and_google_split(estimates, frames):
    figures = frames["reported_energy_figures"]
    factors = measured.google_factors(figures)
    assert factors["parts_sum"] == pytest.approx(factors["total"])
    assert factors["host"] == pytest.approx(0.20 / 0.14) and factors["datacentre"] == pytest.approx(1.2)
    reference = ch.reference_config(estimates, "meta-llama/Llama-3.1-70B-Instruct", "H100 SXM", 128)
    steps = measured.ladder(reference, figures)
    assert list(steps["wh_per_prompt"]) == sorted(steps["wh_per_prompt"])
    tokens = float(reference["output_tokens"])
    assert steps["wh_per_prompt"].iloc[1] == pytest.approx(0.563366 * tokens / 3600, rel=1e-5)
    assert steps["wh_per_prompt"].iloc[0] == pytest.approx(
        140 * tokens / (1000 * 989.4 / 700) / 3600, rel=1e-9
    )
    assert set(steps["status"].iloc[2:]) == {"published split, unverified"}


def test_per_person_arithmetic():
    assert measured.annual_twh(0.24, 10, 8e9) == pytest.approx(7.008)
    assert measured.watts_per_person(0.24, 100) == pytest.approx(1.0)
    assert measured.prompts_per_person_per_day(415, 0.24, 8e9) == pytest.approx(415e12 / 365 / 0.24 / 8e9)


def test_factor_pairs(frames):
    pairs = measured.factor_pairs(frames["mlenergy_llm"]).set_index("change")
    total = pairs[pairs["factor"] == "all together"]["times"].iloc[0]
    assert total == pytest.approx(5.527594 / 0.04669577, rel=1e-6)
    assert (pairs["times"] > 0).all() and len(pairs) == len(measured.PAIRS)


# ----------------------------------------------------------------------------- claims


def test_claims():
    claims = compare_measured.claims({name: data.load(name) for name in compare_measured.INPUTS})
    card = claims_frame(claims).set_index("claim")
    assert all(c.startswith("measured.") for c in card.index) and len(card) == 4
    assert set(card["kind"]) == {"measurement"} and "measurement" in KINDS
    resnet = card.loc["measured.resnet50.a100"]
    assert (resnet["paper_value"], resnet["status"]) == (11, "differs-explained")
    assert resnet["recomputed_value"] == pytest.approx(58.07, abs=0.01)
    assert card.loc["measured.bert99.a100", "paper_value"] == pytest.approx(0.14)
    llm = card.loc["measured.llama31_8b.a100"]
    assert llm["status"] == "agrees" and "measured / estimate = 1.21" in llm["note"]
    assert compare_measured.within(1.9) and not compare_measured.within(2.1)


def test_scorecard_has_the_measured_group():
    from dltrends import scorecard

    card = scorecard.build_scorecard()
    assert card["claim"].str.startswith("measured.").sum() == 4


# ----------------------------------------------------------------------------- the chapter


def test_charts_build(comparison, estimates, frames):
    points = ch.ratio_points(comparison)
    spec = charts.measured.estimate_ratio_chart(points).to_dict()
    assert "(log scale)" in str(spec) and "tooltip" in str(spec)
    best = measured.best_configs(estimates)
    assert "(log scale)" in str(charts.measured.token_ratio_chart(best).to_dict())
    batch = charts.measured.token_batch_chart(ch.token_series(estimates), "Llama-3.1-8B-Instruct").to_dict()
    assert batch["params"][0]["bind"]["input"] == "select"
    figures = frames["reported_energy_figures"]
    reference = ch.reference_config(estimates, "meta-llama/Llama-3.1-70B-Instruct", "H100 SXM", 128)
    steps = measured.ladder(reference, figures)
    rows = ch.ladder_points(
        steps, figures, ch.measured_prompts(frames["mlenergy_llm"], frames["aienergyscore"])
    )
    assert "unverified" in set(rows["status"])
    charts.measured.ladder_chart(rows).to_dict()
    options = ch.energy_options(steps, figures)
    person = charts.measured.per_person_chart(
        options,
        measured.electricity_references(figures, data.load("energy_references")),
        8e9,
        10,
        options["label"].iloc[1],
    ).to_dict()
    names = {p["name"]: p for p in person["params"]}
    assert names["prompts_per_day"]["bind"]["name"].startswith("prompts per person per day")
    charts.measured.history_chart(ch.history_points(frames["mlenergy_llm"])).to_dict()
    with pytest.raises(Exception, match="missing columns"):
        charts.measured.ladder_chart(pd.DataFrame({"x": [1]}))
