"""The reproduction scorecard: the one rule, the kinds, the claims, the CSV, chart and page."""

import pandas as pd
import pytest
from conftest import ROOT

from dltrends import audit, data, forecast, hardware, layers, scaling, scorecard, trends
from dltrends.build import pipeline
from dltrends.build.notebooks import glued_values
from dltrends.chapters import reproduction_scorecard as ch
from dltrends.checks import DltrendsError
from dltrends.compare import COLUMNS, KINDS, STATUSES, Claim, claims_frame, slug
from dltrends.display import charts

STORED_CSV = ROOT / "data" / "derived" / "reproduction_scorecard.csv"


@pytest.fixture(scope="module")
def frames():
    return audit.load_frames()


@pytest.fixture(scope="module")
def card(frames):
    return scorecard.build_scorecard(frames)


@pytest.fixture(scope="module")
def rows(card):
    return card.set_index("claim")


# ----------------------------------------------------------------------------- the claim rule


def _claim(printed, decimals, recomputed, **kw):
    kw.setdefault("kind", "independent")
    return Claim("x", kw.pop("kind"), "s", printed, decimals, recomputed, "u", **kw)


def test_a_value_within_half_a_printed_digit_agrees():
    row = _claim(2.27, 2, 2.2745).row()
    assert row["status"] == "agrees" and row["tolerance"] == pytest.approx(0.005)
    # 2.2751 rounds to 2.28: outside, with a note that gives the gap and the precision.
    row = _claim(2.27, 2, 2.2751).row()
    assert row["status"] == "differs"
    assert "exceeds the printed precision (± 0.005)" in row["note"]


def test_an_explanation_makes_differs_explained_and_leads_the_note():
    row = _claim(100, 0, 96.85, explanation="the paper rounds", note="2,000 kcal / day").row()
    assert row["status"] == "differs-explained"
    assert row["note"] == "the paper rounds. 2,000 kcal / day"
    # An explanation is not used when the value agrees.
    assert _claim(100, 0, 99.6, explanation="rounded").row()["note"] == ""


def test_factor_carried_rounding_text_and_missing_values():
    assert _claim(16.62, 2, 16.64).row(factor=4)["status"] == "agrees"
    assert _claim(16.62, 2, 16.64).row(factor=4)["tolerance"] == pytest.approx(0.02)
    # A sum of three printed parts (each ± 0.005) carries ± 0.015 of rounding.
    assert _claim(1.17, 2, 1.184, carried=0.015).row()["status"] == "agrees"
    assert _claim(1.17, 2, 1.184).row()["status"] == "differs"
    assert _claim("a; b", None, "a; b").row()["status"] == "agrees"
    assert _claim("a; b", None, "a; c").row()["status"] == "differs"
    assert _claim("a", None, "b", agrees=True).row()["status"] == "agrees"
    missing = _claim(1.0, 2, float("nan")).row()
    assert missing["status"] == "differs" and missing["note"] == "no recomputed value"
    with pytest.raises(DltrendsError, match="kind must be one of"):
        _claim(1.0, 2, 1.0, kind="reproduced")
    with pytest.raises(DltrendsError, match="duplicate claim ids"):
        claims_frame([_claim(1.0, 2, 1.0), _claim(2.0, 2, 2.0)])


def test_slug():
    assert slug("FP16/FP32 Tensor") == "fp16-fp32-tensor"
    assert slug("GeForce GTX 780 TI") == "geforce-gtx-780-ti"
    assert slug("Transformer Big (WMT)") == "transformer-big-wmt"
    assert slug("EVA-02-L", "_") == "eva_02_l"


# ----------------------------------------------------------------------------- the table


def required_ids() -> list[str]:
    ids = [
        f"table4.{gpu}.{precision}.{task}"
        for gpu, precision in (("v100", "mixed"), ("a100", "tf32"), ("a100", "mixed"), ("t4", "mixed"))
        for task in ("cv", "nlp")
    ]
    ids += [
        f"table9.{gpu}.{precision}.{work}.tflops"
        for gpu, precision in (("v100", "mixed"), ("a100", "tf32"), ("a100", "mixed"), ("t4", "mixed"))
        for work in ("cnn", "nlp")
    ]
    gpus = data.load("gpus")
    ids += [
        f"table8.{slug(g)}.{slug(p)}.gflops_per_watt"
        for g, p in zip(gpus["gpu"], gpus["precision"], strict=True)
    ]
    ids += ["fig1.corr.cnn", "fig1.corr.transformer", "table1.members", "vitg14.gflops"]
    ids += [
        f"eq4.{m}.gflops"
        for m in ("noisystudent_l2", "fixefficientnet_l2", "fixefficientnet_b7", "fixefficientnet_b0")
    ]
    ids += ["human.somatic_watts", "human.external_watts"]
    ids += [
        "seed003.alexnet.params",
        "seed003.alexnet.activations",
        "seed003.alexnet.total_bytes",
        "seed003.coatnet7.bytes",
        "seed003.gpt3.bytes",
    ]
    for model in (
        "alexnet",
        "vgg19",
        "resnet152",
        "densenet201",
        "resnext101-64x4d",
        "transformer-big-wmt",
        "bert-large",
        "gpt-2",
    ):
        ids += [
            f"memorywall.{model}.{part}" for part in ("params_memory", "optimizer_memory", "total_memory")
        ]
    ids += [f"measured.{m}.a100" for m in ("resnet50", "bert99", "llama31_8b", "llama31_70b")]
    ids += ["since2021.coverage.fp32", "since2021.coverage.cnn", "since2021.coverage.nlp"]
    return ids


def test_every_required_claim_is_there(card):
    ids = required_ids()
    assert len(ids) == 8 + 8 + 48 + 4 + 4 + 2 + 5 + 24 + 4 + 3
    assert sorted(set(ids) - set(card["claim"])) == []
    # Table 3's 58 speed-ups and Table 9's 28 FP32 rows are there too.
    assert card["claim"].str.startswith("table3.").sum() == 58
    assert card["claim"].str.match(r"table9\..*\.fp32\.gflops_per_watt").sum() == 28


def test_columns_kinds_statuses_and_notes(card):
    assert list(card.columns) == COLUMNS
    assert card["claim"].is_unique
    assert set(card["status"]) <= set(STATUSES)
    assert set(card["kind"]) == set(KINDS)
    not_agreeing = card[card["status"] != "agrees"]
    assert (not_agreeing["note"].str.len() > 20).all(), not_agreeing[["claim", "note"]]
    assert (card["source"].str.len() > 10).all()
    numeric = card["tolerance"].notna()
    assert (card.loc[numeric, "tolerance"] > 0).all()
    # Every claim belongs to a group of the page; "likely" is never a verdict.
    assert card["claim"].map(scorecard.group_of).notna().all()
    assert not card["note"].str.contains(r"\blikely\b", case=False).any()


def test_counts_by_kind_and_status(card):
    counts = scorecard.summary(card).set_index("kind")
    assert counts.loc["all kinds", "total"] == len(card) == 250
    assert counts.loc["independent", "agrees"] == 107
    assert counts.loc["independent", "total"] == 124
    assert counts.loc["prediction", "total"] == 33 and counts.loc["prediction", "differs"] == 10
    assert counts.loc["measurement", "total"] == 4
    # Only independent agreements count as reproduced.
    assert scorecard.reproduced(card).sum() == counts.loc["independent", "agrees"]


def test_hardware_tables(card, rows):
    ngc = data.load("ngc_inference_throughput")
    # Table 4: the paper's 2.27 (V100 mixed, CV) is the mean of eight unrounded ratios.
    assert rows.loc["table4.v100.mixed.cv", "paper_value"] == 2.27
    assert rows.loc["table4.v100.mixed.cv", "recomputed_value"] == pytest.approx(
        hardware.speedup_ratio(ngc, "V100", "Mixed", "CV"), abs=1e-9
    )
    for prefix in ("table3.", "table4.", "table9."):
        part = card[card["claim"].str.startswith(prefix)]
        assert (part["status"] == "agrees").all(), part[part["status"] != "agrees"]
    # An FP32 speed-up against itself is 1 by construction: identity, not a reproduction.
    assert (card.loc[card["claim"].str.match(r"table3\..*\.fp32$"), "kind"] == "identity").all()
    assert rows.loc["table9.t4.mixed.cnn.tflops", "paper_value"] == 21.85
    assert rows.loc["table9.t4.mixed.cnn.gflops_per_watt", "recomputed_value"] == pytest.approx(
        312.15, abs=0.005
    )


def test_table8_eight_rows_differ_explained(card, rows):
    table8 = card[card["claim"].str.startswith("table8.")]
    explained = set(table8.loc[table8["status"] == "differs-explained", "claim"])
    assert explained == {
        f"table8.{g}.fp32.gflops_per_watt"
        for g in (
            "geforce-gtx-780",
            "geforce-gtx-780-ti",
            "geforce-gtx-titan-black",
            "geforce-gtx-titan-z",
            "geforce-gtx-980",
            "geforce-gtx-1080",
            "nvidia-titan-rtx",
            "tesla-k20x",
        )
    }
    assert (table8["status"] != "differs").all()
    row = rows.loc["table8.geforce-gtx-780.fp32.gflops_per_watt"]
    assert (row["paper_value"], row["recomputed_value"]) == (16.62, 16.64)
    assert "unrounded TFLOPS" in row["note"] and "Table 9 prints 16.64" in row["note"]
    # A Table 8 value equal to round(TFLOPS/W, 2) agrees (RTX 3080: 93.125 -> 93.13).
    assert rows.loc["table8.geforce-rtx-3080.fp32.gflops_per_watt", "status"] == "agrees"
    assert rows.loc["table8.tesla-v100.fp16-fp32-tensor.gflops_per_watt", "paper_value"] == 416.67


def test_model_claims(rows):
    cv = data.load("cv_models")
    r = trends.params_flops_correlation(cv).set_index("architecture")["r"]
    cnn, transformer = rows.loc["fig1.corr.cnn"], rows.loc["fig1.corr.transformer"]
    assert cnn["recomputed_value"] == pytest.approx(r["CNN"], abs=1e-9)
    # The procedure was chosen to match: inferred, whichever way it comes out.
    assert cnn["kind"] == transformer["kind"] == "inferred"
    assert cnn["status"] == "agrees"  # 0.7716 prints as 0.772
    # 0.99467 prints as 0.995, not the paper's 0.994; the note says no procedure gives both.
    assert transformer["paper_value"] == 0.994 and transformer["tolerance"] == pytest.approx(0.0005)
    assert transformer["recomputed_value"] == pytest.approx(0.99467, abs=1e-5)
    assert transformer["status"] == "differs-explained"
    assert "no procedure tried gives both" in transformer["note"]
    assert rows.loc["eq4.noisystudent_l2.gflops", "recomputed_value"] == pytest.approx(1039.68, abs=0.01)
    assert rows.loc["eq4.noisystudent_l2.gflops", "status"] == "agrees"
    assert rows.loc["eq4.fixefficientnet_b0.gflops", "recomputed_value"] == pytest.approx(
        scaling.fix_efficientnet_b0_gflops(), abs=1e-9
    )
    assert rows.loc["vitg14.gflops", "paper_value"] == 5270
    assert rows.loc["vitg14.gflops", "recomputed_value"] == pytest.approx(5204.1, abs=0.05)
    assert rows.loc["vitg14.gflops", "status"] == "differs-explained"
    members = rows.loc["table1.members"]
    assert (members["kind"], members["status"]) == ("inferred", "agrees")
    assert members["paper_value"].split("; ")[2] == "GoogleLeNet"
    assert members["recomputed_value"].split("; ")[2] == "Inception V1/GoogleLeNet"
    assert rows.loc["text.alexnet.gflops", "recomputed_value"] == pytest.approx(1.42837696)
    assert rows.loc["text.alexnet.gflops", "status"] == "differs-explained"


def test_human_references(rows):
    somatic, external = rows.loc["human.somatic_watts"], rows.loc["human.external_watts"]
    assert (somatic["paper_value"], external["paper_value"]) == (100, 10000)
    assert somatic["recomputed_value"] == pytest.approx(forecast.somatic_power_watts(), abs=1e-6)
    assert somatic["recomputed_value"] == pytest.approx(96.85, abs=0.005)
    assert external["recomputed_value"] == pytest.approx(9120.66, abs=0.01)
    assert somatic["status"] == external["status"] == "differs-explained"
    assert somatic["tolerance"] == external["tolerance"] == 0.5
    assert "the paper rounds" in somatic["note"] and "9,120.66 W" in external["note"]


def test_seed003_claims(rows):
    assert rows.loc["seed003.alexnet.params", "recomputed_value"] == 62_378_344
    assert rows.loc["seed003.alexnet.activations", "recomputed_value"] == 936_323
    # The printed total is the sum of the printed lines (consistency, agrees) ...
    total_sum = rows.loc["seed003.alexnet.total_bytes_sum"]
    assert (total_sum["kind"], total_sum["status"]) == ("consistency", "agrees")
    assert total_sum["recomputed_value"] == 1_248_776_192
    # ... but not the total of the lines recomputed from the layer table.
    total = rows.loc["seed003.alexnet.total_bytes"]
    assert (total["paper_value"], total["recomputed_value"]) == (1_248_776_192, 1_251_312_172)
    assert total["status"] == "differs-explained"
    line = rows.loc["seed003.alexnet.activation_bytes"]
    assert (line["paper_value"], line["recomputed_value"]) == (1_209_312, 3_745_292)
    assert line["status"] == "differs-explained" and "302,328 x 4 B" in line["note"]
    coatnet = rows.loc["seed003.coatnet7.bytes"]
    assert coatnet["status"] == "agrees" and coatnet["recomputed_value"] == pytest.approx(44.8)
    assert rows.loc["seed003.gpt3.bytes", "recomputed_value"] == pytest.approx(3.5)


def test_memory_wall_statuses(rows):
    status = rows["status"]
    # CV rows: in GiB although labelled GB.
    for model in ("alexnet", "densenet201", "resnext101-64x4d"):
        assert status[f"memorywall.{model}.params_memory"] == "differs-explained"
        assert "GiB" in rows.loc[f"memorywall.{model}.params_memory", "note"]
    alexnet = rows.loc["memorywall.alexnet.params_memory"]
    assert alexnet["recomputed_value"] == pytest.approx(0.244)  # 61 M x 4 B in GB
    assert "144 M" in rows.loc["memorywall.vgg19.params_memory", "note"]
    assert status["memorywall.resnet152.params_memory"] == "agrees"
    assert status["memorywall.bert-large.params_memory"] == "agrees"
    # AlexNet's total 1.71 is not its parts' 1.17: a sum of printed parts, consistency.
    total = rows.loc["memorywall.alexnet.total_memory"]
    assert (total["paper_value"], total["recomputed_value"], total["status"]) == (1.71, 1.17, "differs")
    assert total["kind"] == "consistency"
    assert status["memorywall.gpt-2.params_memory"] == "differs"
    assert pd.isna(rows.loc["memorywall.transformer-big-wmt.params_memory", "recomputed_value"])


def test_other_layer_claims(rows):
    resnet = layers.model_totals(layers.resnet50())
    assert rows.loc["memorywall_cv.resnet50.params", "recomputed_value"] == pytest.approx(
        resnet["parameters"] / 1e6
    )
    assert rows.loc["memorywall_cv.resnet50.params", "status"] == "agrees"  # 25.56
    assert rows.loc["text.alexnet_to_efficientnet_b1.years", "recomputed_value"] == 7


def test_predictions_and_measurements(rows):
    fp32 = rows.loc["since2021.coverage.fp32"]
    assert fp32["kind"] == "prediction" and fp32["status"] == "differs"
    b200 = rows.loc["since2021.fp32.b200"]
    assert b200["status"] == "differs" and b200["recomputed_value"] < b200["paper_value"] / 2
    resnet = rows.loc["measured.resnet50.a100"]
    assert resnet["kind"] == "measurement" and resnet["status"] == "differs-explained"
    assert rows.loc["measured.llama31_8b.a100", "status"] == "agrees"


def test_tolerance_factor_changes_which_claims_agree(frames, card):
    loose = scorecard.build_scorecard(frames, tolerance_factor=2.0).set_index("claim")
    # 58.25 vs 58.26 is within 2 x 0.005; 16.64 vs 16.62 is not.
    assert loose.loc["table8.nvidia-titan-rtx.fp32.gflops_per_watt", "status"] == "agrees"
    assert loose.loc["table8.geforce-gtx-780.fp32.gflops_per_watt", "status"] == "differs-explained"
    strict = scorecard.build_scorecard(frames, tolerance_factor=0.0)
    assert scorecard.reproduced(strict).sum() < scorecard.reproduced(card).sum()
    with pytest.raises(DltrendsError, match="tolerance_factor"):
        scorecard.build_scorecard(frames, tolerance_factor=-1)


def test_summaries_and_display(card):
    groups = scorecard.summary_by_group(card).set_index("group")
    assert groups.loc["Table 3: speed-ups", "reproduced"] == 39
    assert groups.loc["Table 3: speed-ups", "identity"] == 19
    assert groups.loc["Table 8: GFLOPS/W", "reproduced"] == 40
    assert groups["total"].sum() == len(card)
    shown = scorecard.display_table(card).set_index("claim")
    assert shown.loc["seed003.alexnet.activation_bytes", "paper_value"] == "1,209,312"
    assert shown.loc["table4.v100.mixed.cv", "group"] == "Table 4: mean speed-ups"
    with pytest.raises(DltrendsError, match="no known group"):
        scorecard.group_of("figure9.x")


def test_gap_table(card):
    gaps = scorecard.gap_table(card).set_index("claim")
    assert "table1.members" not in gaps.index
    assert "memorywall.transformer-big-wmt.params_memory" not in gaps.index
    assert gaps.loc["human.somatic_watts", "gap_percent"] == pytest.approx(-3.148, abs=0.001)
    assert gaps.loc["seed003.alexnet.activation_bytes", "gap_percent"] == pytest.approx(
        100 * (3_745_292 - 1_209_312) / 1_209_312
    )


def test_stored_csv_is_current(card, tmp_path):
    """data/derived/reproduction_scorecard.csv is what the code writes now (re-run the pipeline)."""
    (tmp_path / "data").mkdir()
    pipeline.write_derived(tmp_path)
    out = tmp_path / "data" / "derived" / "reproduction_scorecard.csv"
    assert out.read_text(encoding="utf-8") == STORED_CSV.read_text(encoding="utf-8")
    back = pd.read_csv(STORED_CSV)
    assert list(back.columns) == COLUMNS and len(back) == len(card)


# ----------------------------------------------------------------------------- chart


def test_gap_chart(card):
    spec = charts.scorecard_gap_chart(scorecard.gap_table(card)).to_dict()
    layer = spec.get("layer", [spec])[0]
    x = layer["encoding"]["x"]
    assert x["scale"]["type"] == "symlog"
    assert "(symmetric log scale)" in x["title"]
    color = layer["encoding"]["color"]
    assert color["scale"]["domain"] == list(STATUSES)
    assert color["scale"]["range"] == [charts.STATUS_COLORS[s] for s in STATUSES]
    values = spec["datasets"][(spec.get("data") or layer["data"])["name"]]
    assert len(values) == len(scorecard.gap_table(card))
    with pytest.raises(DltrendsError, match="missing columns"):
        charts.scorecard_gap_chart(pd.DataFrame({"claim": ["x"]}))


# ----------------------------------------------------------------------------- the page


def test_stored_page_matches_the_library(card):
    values = glued_values(ROOT / "book" / "reproduction_scorecard.ipynb")
    expected = ch.headline_numbers(card, 1.0)
    for key in ("n_claims", "n_reproduced", "n_independent", "n_explained", "n_differs", "n_prediction"):
        assert values[key] == expected[key], key
    assert values["n_claims"] == 250 and values["n_reproduced"] == 107
    assert values["vit_ours"] == pytest.approx(scaling.vit_g14_gflops())
    assert values["act_paper"] == 1_209_312 and values["act_ours"] == 3_745_292
    assert values["n_gib_rows"] == 4  # AlexNet, VGG19 (with 144 M), DenseNet201, ResNeXt101


def test_page_with_another_tolerance(frames, tmp_path):
    before = STORED_CSV.read_text(encoding="utf-8")
    out = tmp_path / "reproduction_scorecard.ipynb"
    pipeline.execute("reproduction_scorecard", {"tolerance_factor": 2.0}, output=out)
    values = glued_values(out)
    loose = scorecard.build_scorecard(frames, tolerance_factor=2.0)
    assert values["tolerance_factor"] == 2.0
    assert values["n_reproduced"] == scorecard.reproduced(loose).sum() > 107
    assert values["n_claims"] == 250
    # Running the page with other parameters writes nothing into data/.
    assert STORED_CSV.read_text(encoding="utf-8") == before
