"""The data audit: every check finds a planted problem and nothing in a clean example;
the real data give the expected findings; the CSV, chart and appendix page follow."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from dltrends import audit, data, hardware
from dltrends.build import pipeline
from dltrends.build.notebooks import glued_values
from dltrends.display import charts

STORED_CSV = ROOT / "data" / "derived" / "data_audit.csv"
D = pd.Timestamp


@pytest.fixture(scope="module")
def real():
    return audit.load_frames()


@pytest.fixture(scope="module")
def findings(real):
    return audit.build_audit(real)


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["finding"])


# ----------------------------------------------------------------------------- small frames


def cv(rows):
    """Table 2 rows: (model, params, gflops, date[, reference, extra_data, model_id])."""
    out = []
    for i, r in enumerate(rows):
        model, params, gflops, date, *rest = r
        reference = rest[0] if len(rest) > 0 else "Someone, 2020"
        extra = rest[1] if len(rest) > 1 else "No"
        model_id = rest[2] if len(rest) > 2 else f"m{i}"
        out.append(
            {
                "model_id": model_id,
                "model": model,
                "paper_reference": reference,
                "top1_accuracy": 70.0 + i,
                "params_millions": params,
                "gflops": gflops,
                "extra_data": extra,
                "release_date": D(date),
            }
        )
    return pd.DataFrame(out)


def mw_cv(rows):
    """Memory Wall CV rows: (model, params, gflops, date, resolution[, table])."""
    return pd.DataFrame(
        [
            {
                "model": m,
                "source_table": r[0] if r else "000: CV Models",
                "params_millions": p,
                "inference_gflops": g,
                "release_date": D(d) if d else pd.NaT,
                "input_resolution": res,
                "top1_accuracy": None,
                "training_pflops": None,
            }
            for m, p, g, d, res, *r in rows
        ]
    )


def nlp(rows):
    """Table 7 rows: (model, tokens, gflops, params, date[, gflops_source])."""
    return pd.DataFrame(
        [
            {
                "model_id": m.lower(),
                "model": m,
                "paper_reference": "Someone, 2019",
                "input_tokens": t,
                "gflops": g,
                "gflops_source": r[0] if r else None,
                "params_millions": p,
                "release_date": D(d),
                "glue_score": None,
            }
            for m, t, g, p, d, *r in rows
        ]
    )


def mw_nlp(rows):
    """Memory Wall NLP rows: (model, printed, document, date, tokens, params, features, gflops)."""
    return pd.DataFrame(
        [
            {
                "model": m,
                "model_as_printed": printed,
                "source_document": doc,
                "release_date": D(d),
                "token_size": t,
                "params_millions": p,
                "features_millions": f,
                "inference_gflops": g,
                "training_pflops": None,
            }
            for m, printed, doc, d, t, p, f, g in rows
        ]
    )


def breakdown(rows):
    """Memory breakdown rows: (model, input, params, optimizer, activations, total)."""
    return pd.DataFrame(
        [
            {
                "model": m,
                "source_document": "000+002",
                "year": 2012,
                "input_size": size,
                "batch_size": 32,
                "params_memory_gb_printed": p,
                "optimizer_memory_gb_printed": o,
                "activation_memory_gb_printed": a,
                "total_memory_gb_printed": t,
            }
            for m, size, p, o, a, t in rows
        ]
    )


def claims(rows):
    return pd.DataFrame([{"claim": c, "value": v, "unit": "", "source": "s"} for c, v in rows])


# ----------------------------------------------------------------------------- helpers


def test_values_agree_at_printed_precision():
    assert audit.decimals(60.19) == 2 and audit.decimals(61.0) == 0
    assert audit.values_agree(61.0, 61) and audit.values_agree(20.01, 20)
    assert audit.values_agree(83.46, 83) and not audit.values_agree(144, 138)
    assert not audit.values_agree(22.6, 23.05) and audit.values_agree(1.42, 1.4)
    assert audit.normalized_name("ALBERT-xxl") == audit.normalized_name("ALBERT xxl")
    assert audit.implied_tflops(16.62, 250) == pytest.approx(4.155)


def test_every_finding_is_complete(findings):
    assert list(findings.columns) == audit.FINDING_COLUMNS
    assert findings["finding"].is_unique
    assert set(findings["kind"]) == set(audit.KINDS)
    assert set(findings["check"]) <= set(audit.CHECKS)
    for column in ("compared", "where", "values", "explanation", "book_uses"):
        assert (findings[column].str.len() > 5).all(), column


# ----------------------------------------------------------------------------- across sources


def test_params_across_sources():
    planted = {
        "cv_models": cv([("VGG-19", 144.0, 39.34, "2014-09-04")]),
        "memory_wall_cv": mw_cv([("VGG-19", 138.0, 39.0, "2014-09-04", "224x224")]),
    }
    found = audit.check_params_across_sources(planted)
    assert ids(found) == {"params_across_sources.vgg-19"}
    assert "Desislavov Table 2: 144" in found["values"].iloc[0]
    assert "138" in found["values"].iloc[0]
    clean = {
        "cv_models": cv([("DenseNet201", 20.01, 8.9, "2016-08-25"), ("AlexNet", 61.0, 1.42, "2012-06-01")]),
        "memory_wall_cv": mw_cv(
            [
                ("DenseNet201", 20.0, 8.9, "2016-08-25", "224x224"),
                ("AlexNet", 61.0, 1.4, "2012-06-01", "227x227"),
            ]
        ),
    }
    assert audit.check_params_across_sources(clean).empty


def test_flops_across_sources():
    planted = {
        "cv_models": cv([("Inception V3", 23.83, 11.48, "2015-12-02")]),
        "memory_wall_cv": mw_cv([("InceptionV3", 24.0, 5.7, "2015-12-02", "299x299")]),
    }
    found = audit.check_flops_across_sources(planted)
    assert ids(found) == {"flops_across_sources.inception-v3"}
    assert "twice" in found["explanation"].iloc[0]
    tokens = {
        "nlp_models": nlp([("GPT-1", 128, 30.0, 117.0, "2018-06-11")]),
        "memory_wall_nlp": mw_nlp([("GPT-1", "GPT-1", "000+002", "2018-06-11", 512, 110.0, 85.0, 96.0)]),
    }
    assert "128 vs 512" in audit.check_flops_across_sources(tokens)["explanation"].iloc[0]
    clean = {
        "cv_models": cv([("AlexNet", 61.0, 1.42, "2012-06-01")]),
        "memory_wall_cv": mw_cv([("AlexNet", 61.0, 1.4, "2012-06-01", "227x227")]),
    }
    assert audit.check_flops_across_sources(clean).empty


def test_dates_across_sources():
    planted = {
        "nlp_models": nlp([("Transformer", 512, 54.0, 65.0, "2017-06-12")]),
        "memory_wall_nlp": mw_nlp(
            [("Transformer", "Transformer", "000+002", "2017-12-06", 512, 65.0, 77.0, 54.0)]
        ),
    }
    found = audit.check_dates_across_sources(planted)
    assert ids(found) == {"dates_across_sources.transformer"}
    assert "same printed string (12/06/2017)" in found["explanation"].iloc[0]
    month = {
        "nlp_models": nlp([("Megatron", 1024, 18000.0, 8300.0, "2019-09-17")]),
        "memory_wall_nlp": mw_nlp(
            [("Megatron", "Megatron", "000+002", "2019-08-17", 1024, 8300.0, 4700.0, 18000.0)]
        ),
    }
    assert len(audit.check_dates_across_sources(month)) == 1
    near = {
        "cv_models": cv([("Inception V4", 42.68, 24.6, "2016-02-23")]),
        "memory_wall_cv": mw_cv([("InceptionV4", 82.0, 24.6, "2016-02-26", "299x299")]),
    }
    assert len(audit.check_dates_across_sources(near)) == 1
    assert audit.check_dates_across_sources(near, tolerance_days=3).empty
    with pytest.raises(ValueError, match="tolerance_days"):
        audit.check_dates_across_sources(near, tolerance_days=-1)
    clean = {
        "cv_models": cv([("AlexNet", 61.0, 1.42, "2012-06-01")]),
        "memory_wall_cv": mw_cv([("AlexNet", 61.0, 1.4, "2012-06-01", "227x227")]),
    }
    assert audit.check_dates_across_sources(clean).empty


def test_names_across_sources():
    planted = {
        "nlp_models": nlp([("Microsoft T-NLG", 1024, 36000.0, 17000.0, "2020-02-13")]),
        "memory_wall_nlp": mw_nlp(
            [("Microsoft T-NLG", "Microsoft T-NLP", "002", "2020-02-13", 1024, 17000.0, 5700.0, 36000.0)]
        ),
    }
    found = audit.check_names_across_sources(planted)
    assert ids(found) == {"names_across_sources.t-nlg"}
    assert "'Microsoft T-NLP'" in found["values"].iloc[0]
    clean = {
        "nlp_models": nlp([("ALBERT-xxl", 512, 2500.0, 235.0, "2019-09-26")]),
        "memory_wall_nlp": mw_nlp(
            [("ALBERT xxl", "ALBERT xxl", "000+002", "2019-09-26", 512, 235.0, 450.0, 2500.0)]
        ),
    }
    assert audit.check_names_across_sources(clean).empty
    # A name that is not in the explicit table is never matched, however close.
    unlisted = {
        "nlp_models": nlp([("GPT-4", 128, 1.0, 1.0, "2023-03-14")]),
        "memory_wall_nlp": mw_nlp([("GPT4", "GPT4", "000", "2023-03-14", 128, 2.0, 1.0, 1.0)]),
    }
    assert audit.check_params_across_sources(unlisted).empty


def test_inputs_across_sources():
    planted = {
        "nlp_models": nlp([("GPT-2", 1024, 3400.0, 1500.0, "2019-02-14")]),
        "memory_wall_training_memory": breakdown([("GPT-2", "2014", 5.86, 11.72, 8.63, 26.21)]),
    }
    assert ids(audit.check_inputs_across_sources(planted)) == {"inputs_across_sources.gpt-2"}
    clean = {
        "memory_wall_cv": mw_cv([("AlexNet", 61.0, 1.4, "2012-06-01", "227x227")]),
        "memory_wall_training_memory": breakdown([("AlexNet", "227x227", 0.23, 0.23, 0.71, 1.17)]),
    }
    assert audit.check_inputs_across_sources(clean).empty


# ----------------------------------------------------------------------------- within a table


def test_identical_rows():
    planted = {
        "memory_wall_nlp": mw_nlp(
            [
                ("GPT-2", "GPT-2", "000+002", "2019-02-14", 1024, 1500.0, 2000.0, 3400.0),
                ("RoBERTa Large", "RoBERTa Large", "000+002", "2019-07-26", 512, 1500.0, 2000.0, 3400.0),
            ]
        )
    }
    assert ids(audit.check_identical_rows(planted)) == {"identical_rows.gpt-2.roberta-large"}
    clean = {
        "memory_wall_nlp": mw_nlp(
            [
                ("GPT-2", "GPT-2", "000+002", "2019-02-14", 1024, 1500.0, 2000.0, 3400.0),
                ("RoBERTa Large", "RoBERTa Large", "000+002", "2019-07-26", 512, 355.0, 2000.0, 3400.0),
                # The same model printed by two documents is not a finding.
                ("GPT-2", "GPT-2", "002", "2019-02-14", 1024, 1500.0, 2000.0, 3400.0),
            ]
        )
    }
    assert audit.check_identical_rows(clean).empty


def test_totals_vs_parts():
    planted = {"memory_wall_training_memory": breakdown([("AlexNet", "227x227", 0.23, 0.23, 0.71, 1.71)])}
    found = audit.check_totals_vs_parts(planted)
    assert ids(found) == {"totals_vs_parts.memory_wall.alexnet"}
    assert "transposed" in found["explanation"].iloc[0]
    gpt2 = {"memory_wall_training_memory": breakdown([("GPT-2", "1024", 5.86, 11.62, 8.63, 26.21)])}
    assert "2 x 5.86" in audit.check_totals_vs_parts(gpt2)["explanation"].iloc[0]
    clean = {"memory_wall_training_memory": breakdown([("AlexNet", "227x227", 0.23, 0.23, 0.71, 1.17)])}
    assert audit.check_totals_vs_parts(clean).empty


def test_totals_vs_parts_of_the_alexnet_layer_table(real):
    frames = {k: real[k] for k in ("alexnet_layers", "paper_reported/seed003_memory_rule")}
    assert audit.check_totals_vs_parts(frames).empty  # the seed's Total row is the sum
    planted = dict(frames)
    layers_table = frames["alexnet_layers"].copy()
    layers_table.loc[1, "parameters"] += 1
    planted["alexnet_layers"] = layers_table
    assert ids(audit.check_totals_vs_parts(planted)) == {"totals_vs_parts.seed003.parameters"}


def test_optimizer_rule():
    planted = {"memory_wall_training_memory": breakdown([("GPT-2", "1024", 5.86, 11.62, 8.63, 26.21)])}
    found = audit.check_optimizer_rule(planted)
    assert ids(found) == {"optimizer_rule.gpt-2"}
    assert "total uses 11.72" in found["explanation"].iloc[0]
    clean = {"memory_wall_training_memory": breakdown([("BERT Large", "512", 1.32, 2.64, 14.38, 18.34)])}
    assert audit.check_optimizer_rule(clean).empty


def test_units_gb_gib():
    planted = {
        "memory_wall_training_memory": breakdown([("AlexNet", "227x227", 0.23, 0.23, 0.71, 1.17)]),
        "memory_wall_cv": mw_cv([("AlexNet", 61.0, 1.4, "2012-06-01", "227x227")]),
    }
    found = audit.check_units_gb_gib(planted)
    assert ids(found) == {"units_gb_gib.alexnet"}
    assert "GiB" in found["explanation"].iloc[0]
    clean = {
        "memory_wall_training_memory": breakdown([("BERT Large", "512", 1.32, 2.64, 14.38, 18.34)]),
        "memory_wall_nlp": mw_nlp(
            [("BERT Large", "BERT Large", "000+002", "2018-10-11", 512, 330.0, 230.0, 340.0)]
        ),
    }
    assert audit.check_units_gb_gib(clean).empty


def gpus_frame(rows):
    return pd.DataFrame(
        [
            {
                "gpu": g,
                "precision": p,
                "tflops": t,
                "watts": w,
                "launch_date": D("2013-04-23"),
                "gpu_type": "Desktop",
                "source": "s",
            }
            for g, p, t, w in rows
        ]
    )


def test_table8_rule():
    gpus = gpus_frame([("GeForce GTX 780", "FP32", 4.16, 250.0)])
    planted = {
        "gpus": gpus,
        "paper_reported/table8_gflops_per_watt": pd.DataFrame(
            {"gpu": ["GeForce GTX 780"], "precision": ["FP32"], "gflops_per_watt": [16.62]}
        ),
    }
    found = audit.check_table8_rule(planted)
    assert ids(found) == {"table8_rule.geforce-gtx-780.fp32"}
    assert "unrounded TFLOPS" in found["explanation"].iloc[0]
    clean = dict(planted)
    clean["paper_reported/table8_gflops_per_watt"] = pd.DataFrame(
        {"gpu": ["GeForce GTX 780"], "precision": ["FP32"], "gflops_per_watt": [16.64]}
    )
    assert audit.check_table8_rule(clean).empty


def test_table3_rule():
    ngc = pd.DataFrame(
        {
            "task": ["CV", "CV"],
            "model": ["m", "m"],
            "framework": ["PyTorch", "PyTorch"],
            "batch_size": [32, 32],
            "gpu": ["V100 16GB", "V100 16GB"],
            "precision": ["FP32", "Mixed"],
            "throughput": [100.0, 250.0],
        }
    )
    printed = ngc.drop(columns="throughput").assign(speedup=[1.0, 2.4])
    planted = {"ngc_inference_throughput": ngc, "paper_reported/table3_speedups": printed}
    assert len(audit.check_table3_rule(planted)) == 1
    clean = {
        "ngc_inference_throughput": ngc,
        "paper_reported/table3_speedups": printed.assign(speedup=[1.0, 2.5]),
    }
    assert audit.check_table3_rule(clean).empty


def test_table9_rule(real):
    rule = hardware.adapted_gpus(real["gpus"], real["ngc_inference_throughput"], omit_fp32=())
    printed = rule.assign(
        precision=rule["precision"].astype(str),
        tflops=rule["tflops"].round(2),
        gflops_per_watt=rule["gflops_per_watt"].round(2),
    )
    base = {"gpus": real["gpus"], "ngc_inference_throughput": real["ngc_inference_throughput"]}
    assert audit.check_table9_rule({**base, "paper_reported/table9_adapted": printed}).empty
    planted = printed[printed["gpu"] != "GeForce GTX 580"].copy()
    planted.loc[planted["gpu"] == "T4", "gpu"] = "Tesla T4"
    planted.loc[planted.index[0], "gflops_per_watt"] += 0.02
    found = audit.check_table9_rule({**base, "paper_reported/table9_adapted": planted})
    assert "table9_rule.missing.geforce-gtx-580.fp32" in ids(found)
    assert "table9_rule.name.tesla-t4" in ids(found)
    assert any(f.startswith("table9_rule.gflops_per_watt.") for f in ids(found))


def test_table7_tokens_vs_prose():
    prose = claims([(audit.TOKENS_CLAIM, 128)])
    planted = {
        "nlp_models": nlp([("GPT-3", 2048, 740000.0, 175000.0, "2020-05-28", "Gholami et al., 2021b")]),
        "paper_reported/text_claims": prose,
    }
    found = audit.check_table7_tokens_vs_prose(planted)
    assert ids(found) == {"table7_tokens_vs_prose.gpt-3"}
    assert "Gholami et al., 2021b" in found["explanation"].iloc[0]
    clean = {
        "nlp_models": nlp([("BERT-Base", 128, 29.0, 110.0, "2018-10-11")]),
        "paper_reported/text_claims": prose,
    }
    assert audit.check_table7_tokens_vs_prose(clean).empty


def test_prose_vs_tables():
    year_claim = "Year of Meta Pseudo Labels result as stated in prose"
    table = cv(
        [
            (
                "Meta Pseudo Labels L2",
                480.0,
                1040.0,
                "2020-03-23",
                "Pham et al., 2021",
                "JFT",
                "meta-pseudo-labels-l2",
            )
        ]
    )
    planted = {"cv_models": table, "paper_reported/text_claims": claims([(year_claim, 2021)])}
    assert ids(audit.check_prose_vs_tables(planted)) == {"prose_vs_tables.meta-pseudo-labels-l2.release_date"}
    clean = {"cv_models": table, "paper_reported/text_claims": claims([(year_claim, 2020)])}
    assert audit.check_prose_vs_tables(clean).empty


def test_duplicate_names():
    planted = {
        "cv_models": cv(
            [
                ("ViT-L/16", 304.0, 384.0, "2020-10-22", "D", "ImageNet 21k", "vit-a"),
                ("ViT-L/16", 304.0, 384.0, "2020-10-22", "D", "JFT 300M", "vit-b"),
            ]
        )
    }
    found = audit.check_duplicate_names(planted)
    assert ids(found) == {"duplicate_names.cv-models.vit-l-16"}
    assert "legitimate" in found["explanation"].iloc[0]
    clean = {
        "cv_models": cv([("ViT-L/16", 304.0, 384.0, "2020-10-22"), ("ViT-B/16", 87.0, 112.0, "2020-10-22")])
    }
    assert audit.check_duplicate_names(clean).empty


def test_dates_out_of_order():
    planted = {
        "cv_models": cv(
            [
                ("ZFNet-b", 107.63, 4.96, "2013-11-11", "Zeiler and Fergus, 2013"),
                ("ZFNet", 62.36, 2.34, "2013-11-12", "Zeiler and Fergus, 2013"),
            ]
        ),
        "memory_wall_nlp": mw_nlp(
            [
                ("BERT Large", "BERT Large", "000+002", "2018-10-11", 512, 330.0, 230.0, 340.0),
                ("GPT-1", "GPT-1", "000+002", "2018-06-11", 512, 110.0, 85.0, 96.0),
            ]
        ),
    }
    assert ids(audit.check_dates_out_of_order(planted)) == {
        "dates_out_of_order.citation.zeiler-and-fergus-2013",
        "dates_out_of_order.order.memory-wall-nlp.gpt-1",
    }
    clean = {
        "cv_models": cv(
            [
                ("ZFNet-b", 107.63, 4.96, "2013-11-12", "Zeiler and Fergus, 2013"),
                ("ZFNet", 62.36, 2.34, "2013-11-12", "Zeiler and Fergus, 2013"),
            ]
        ),
        "memory_wall_nlp": mw_nlp(
            [
                ("GPT-1", "GPT-1", "000+002", "2018-06-11", 512, 110.0, 85.0, 96.0),
                ("BERT Large", "BERT Large", "000+002", "2018-10-11", 512, 330.0, 230.0, 340.0),
            ]
        ),
    }
    assert audit.check_dates_out_of_order(clean).empty


def test_suspicious_citations():
    planted = {
        "cv_models": cv(
            [
                ("PNASNet-5 (N = 4, F = 216)", 86.1, 50.0, "2017-12-02", "Liu et al., 2018"),
                ("PNASNet-5 (N = 3, F = 54)", 5.1, 1.18, "2017-12-02", "Hu et al., 2019"),
            ]
        )
    }
    assert ids(audit.check_suspicious_citations(planted)) == {"suspicious_citations.pnasnet-5"}
    clean = {
        "cv_models": cv(
            [
                ("PNASNet-5 (N = 4, F = 216)", 86.1, 50.0, "2017-12-02", "Liu et al., 2018"),
                ("PNASNet-5 (N = 3, F = 54)", 5.1, 1.18, "2017-12-02", "Liu et al., 2018"),
                # Same stem, other dates and papers: variants, not a suspicious citation.
                ("ResNeXt-101 (64x4d)", 83.46, 31.2, "2016-11-16", "Xie et al., 2017"),
                ("ResNeXt-101 32x8d", 88.0, 32.0, "2019-05-02", "Yalniz et al., 2019b, a"),
            ]
        )
    }
    assert audit.check_suspicious_citations(clean).empty


def test_seed003_printed_values(real):
    rule = real["paper_reported/seed003_memory_rule"]
    planted = {"paper_reported/seed003_memory_rule": rule}
    assert ids(audit.check_seed003_printed_values(planted)) == {
        "seed003_printed_values.activation-1-batch-fp32",
        "seed003_printed_values.coatnet_quoted",
        "seed003_printed_values.alexnet_params",
    }
    fixed = rule.copy()
    items = audit.SEED003_ITEMS

    def put(item, unit, value):
        fixed.loc[(fixed["item"] == item) & (fixed["unit"] == unit), "value"] = value

    put(items["lines"][-1], "bytes", 936_323 * 4)
    put(items["total"], "bytes", 20 * 62_378_344 + 936_323 * 4)
    put(items["coatnet_quoted"], "million parameters", 2240)
    put(items["alexnet_rule_params"], "million parameters", 62.4)
    put(items["alexnet_rule_gb"], "GB", 1.25)
    assert audit.check_seed003_printed_values({"paper_reported/seed003_memory_rule": fixed}).empty


def test_against_originals():
    vit = next(o for o in audit.ORIGINALS if o.id == "vit-g14.params")
    planted = {"cv_models": cv([("ViT-G/14", 1900.0, 5270.0, "2021-06-08", "Z", "JFT 3B", "vit-g14")])}
    found = audit.check_against_originals(planted, originals=(vit,))
    assert ids(found) == {"against_originals.vit-g14.params.cv-models"}
    assert "zhai2022scaling" in found["compared"].iloc[0]
    clean = {"cv_models": cv([("ViT-G/14", 1843.0, 5270.0, "2021-06-08", "Z", "JFT 3B", "vit-g14")])}
    assert audit.check_against_originals(clean, originals=(vit,)).empty
    # A value lost from the seed is reported as restored, with the book's constant compared.
    lost = next(o for o in audit.ORIGINALS if o.id == "vit-g14.resolution")
    restored = audit.check_against_originals({}, originals=(lost,))
    assert "reproduces the paper's numbers" in restored["explanation"].iloc[0]
    wrong = audit.Original(**{**lost.__dict__, "original": 520})
    assert "DIFFERS" in audit.check_against_originals({}, originals=(wrong,))["explanation"].iloc[0]


def test_originals_cite_known_keys():
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    for original in audit.ORIGINALS:
        assert f"{{{original.citation}," in bib, original.citation
    table = audit.originals_table()
    assert len(table) == len(audit.ORIGINALS) and table["citation"].notna().all()


# ----------------------------------------------------------------------------- the real data


def test_real_findings(findings):
    found = ids(findings)
    expected = {
        "params_across_sources.vgg-19",
        "params_across_sources.elmo",
        "params_across_sources.gpt-1",
        "params_across_sources.bert-large",
        "params_across_sources.resnet-152",
        "dates_across_sources.transformer",
        "dates_across_sources.megatron",
        "dates_across_sources.densenet-201",
        "dates_across_sources.inception-v4",
        "names_across_sources.t-nlg",
        "inputs_across_sources.gpt-2",
        "identical_rows.gpt-2.roberta-large",
        "totals_vs_parts.memory_wall.alexnet",
        "totals_vs_parts.memory_wall.gpt-2",
        "optimizer_rule.gpt-2",
        "units_gb_gib.alexnet",
        "units_gb_gib.gpt-2",
        "table9_rule.missing.tesla-p100.fp32",
        "table9_rule.missing.a100.fp32",
        "table9_rule.missing.a30.fp32",
        "table9_rule.name.tesla-t4",
        "table7_tokens_vs_prose.gpt-3",
        "prose_vs_tables.meta-pseudo-labels-l2.release_date",
        "duplicate_names.cv-models.vit-l-16",
        "dates_out_of_order.citation.zeiler-and-fergus-2013",
        "dates_out_of_order.order.memory-wall-nlp.gpt-1",
        "suspicious_citations.pnasnet-5",
        "seed003_printed_values.activation-1-batch-fp32",
        "seed003_printed_values.coatnet_quoted",
        "against_originals.tesla-v100.launch-year.gpus",
        "against_originals.vgg-19.params.memory-wall-cv",
        "against_originals.alexnet.input.alexnet-layers",
        "against_originals.vit-g14.resolution.lost",
    }
    assert expected <= found, sorted(expected - found)
    by_check = audit.counts_by_check(findings).set_index("check")["findings"]
    assert by_check["table3_rule"] == 0  # all 58 printed speed-ups follow from the throughputs
    assert by_check["table8_rule"] == 8
    assert by_check["table7_tokens_vs_prose"] == 6
    assert by_check["units_gb_gib"] == 5
    # Table 8's findings are the same eight GPUs the scorecard explains.
    table8 = findings[findings["check"] == "table8_rule"]
    assert {f.split(".")[1] for f in table8["finding"]} == {
        "geforce-gtx-780",
        "geforce-gtx-780-ti",
        "geforce-gtx-titan-black",
        "geforce-gtx-titan-z",
        "geforce-gtx-980",
        "geforce-gtx-1080",
        "nvidia-titan-rtx",
        "tesla-k20x",
    }
    row = findings.set_index("finding").loc["dates_across_sources.transformer"]
    assert "2017-06-12" in row["values"] and "2017-12-06" in row["values"]
    assert "same printed string" in row["explanation"]
    v100 = findings.set_index("finding").loc["against_originals.tesla-v100.launch-year.gpus"]
    assert "data 2018" in v100["values"] and "original 2017" in v100["values"]
    assert "nvidia2017volta" in v100["compared"]


def test_date_tolerance_drops_near_dates(real, findings):
    loose = audit.build_audit(real, date_tolerance_days=7)
    assert ids(findings) - ids(loose) == {"dates_across_sources.inception-v4"}
    assert ids(loose) <= ids(findings)


def test_counts(findings):
    by_check = audit.counts_by_check(findings)
    assert list(by_check["check"]) == list(audit.CHECKS)
    assert by_check["findings"].sum() == len(findings)
    by_kind = audit.counts_by_kind(findings)
    assert list(by_kind["kind"]) == list(audit.KINDS)
    assert by_kind["findings"].sum() == len(findings)
    across = audit.findings_of_kind(findings, "across sources")
    assert "kind" not in across.columns and len(across) == by_kind.iloc[0]["findings"]
    with pytest.raises(ValueError, match="unknown kind"):
        audit.findings_of_kind(findings, "elsewhere")


def test_html_table():
    html = audit.html_table(pd.DataFrame({"a": ["x" * 200], "b": [1]}), "t-1", {"a": "20em"}).data
    assert 'id="t-1"' in html and "x" * 200 in html and "min-width: 20em" in html
    assert "overflow-x: auto" in html
    assert "<td>384</td>" in audit.html_table(pd.DataFrame({"px": [384.0, 61.10084]}), "t-2").data
    with pytest.raises(ValueError, match="simple HTML id"):
        audit.html_table(pd.DataFrame({"a": [1]}), "bad id")
    with pytest.raises(ValueError, match="unknown column"):
        audit.html_table(pd.DataFrame({"a": [1]}), "t", {"z": "1em"})


def test_findings_html(findings):
    across = audit.findings_of_kind(findings, "across sources")
    html = audit.findings_html(across, "f-1").data
    assert html.startswith('<div id="f-1"')
    # One entry per finding, each check introduced once with its count.
    assert html.count("<li><code>") == len(across)
    assert "<code>params_across_sources</code></strong>" in html and "(7 findings)" in html
    assert "&#x27;Microsoft T-NLP&#x27;" in html  # escaped
    assert "No findings." in audit.findings_html(across.iloc[:0], "f-2").data
    with pytest.raises(ValueError, match="lack column"):
        audit.findings_html(across.drop(columns="values"), "f-3")


def test_stored_csv_is_current(findings, tmp_path):
    """data/derived/data_audit.csv is what the code writes now (re-run the pipeline)."""
    (tmp_path / "data").mkdir()
    pipeline.write_derived(tmp_path)
    out = tmp_path / "data" / "derived" / "data_audit.csv"
    assert out.read_text(encoding="utf-8") == STORED_CSV.read_text(encoding="utf-8")
    assert len(pd.read_csv(STORED_CSV)) == len(findings)


def test_loader_keys():
    frames = audit.load_frames()
    assert set(data.SCHEMAS) <= set(frames)
    assert {f"paper_reported/{n}" for n in audit.REPORTED_FILES} <= set(frames)


# ----------------------------------------------------------------------------- chart


def test_findings_chart(findings):
    counts = audit.counts_by_check(findings)
    spec = charts.audit_findings_chart(counts).to_dict()
    assert spec["mark"]["type"] == "bar"
    x = spec["encoding"]["x"]
    assert x["title"] == "findings (count)" and "scale" not in x  # linear: bars never on a log scale
    assert spec["encoding"]["y"]["sort"] == list(audit.CHECKS)
    color = spec["encoding"]["color"]
    assert color["scale"]["domain"] == list(audit.KINDS)
    assert color["scale"]["range"] == [charts.AUDIT_KIND_COLORS[k] for k in audit.KINDS]
    assert spec["width"] <= 620
    with pytest.raises(ValueError, match="missing columns"):
        charts.audit_findings_chart(pd.DataFrame({"check": ["x"]}))


# ----------------------------------------------------------------------------- the page


def test_stored_page_matches_the_library(findings):
    values = glued_values(ROOT / "book" / "data_audit.ipynb")
    assert values["n_findings"] == len(findings)
    assert values["n_checks"] == len(audit.CHECKS)
    assert values["n_table8"] == 8 and values["n_table3"] == 0
    assert values["prose_tokens"] == 128
    assert values["transformer_paper"] == "12 June 2017"
    assert values["transformer_memory_wall"] == "06 December 2017"


def test_page_with_a_date_tolerance(findings, tmp_path):
    before = STORED_CSV.read_text(encoding="utf-8")
    out = tmp_path / "data_audit.ipynb"
    pipeline.execute("data_audit", {"date_tolerance_days": 7}, output=out)
    values = glued_values(out)
    assert values["date_tolerance_days"] == 7
    assert values["n_findings"] == len(findings) - 1
    assert values["n_dates"] == 3
    assert STORED_CSV.read_text(encoding="utf-8") == before


def test_download_links_in_the_browser(browser):
    """Both appendices link their CSV, and the file the reader gets is the one in data/derived."""
    from conftest import SITE

    for page_name, csv_name in (
        ("data_audit.html", "data_audit.csv"),
        ("reproduction_scorecard.html", "reproduction_scorecard.csv"),
    ):
        page_path = SITE / page_name
        if not page_path.exists():
            pytest.skip(f"no {page_name} in this build")
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.goto(page_path.as_uri())
        link = page.locator("a.download", has_text=csv_name)
        assert link.count() == 1, page_name
        with page.expect_download() as info:
            link.click()
        saved = Path(info.value.path()).read_text(encoding="utf-8")
        assert saved == (ROOT / "data" / "derived" / csv_name).read_text(encoding="utf-8")
        context.close()
