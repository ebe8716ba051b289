"""The data audit: every check finds a planted problem and nothing in a clean example;
the real data give the expected findings; the curated facts validate and cite their
sources; the CSV, chart and appendix page follow."""

import ast
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, unavailable

from dltrends import audit, data, layers
from dltrends.audit import core, originals
from dltrends.build import pipeline
from dltrends.build.notebooks import glued_values
from dltrends.compare import desislavov, seed003
from dltrends.display import charts, tables

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


def test_printed_values_agree_at_printed_precision():
    assert core.printed_decimals([60.19, 61.0, 1040.0, 0.5]) == [2, 0, 0, 1]
    agree = audit.printed_values_agree
    assert agree(61.0, 61) and agree(20.01, 20) and agree(83.46, 83) and not agree(144, 138)
    assert not agree(22.6, 23.05) and agree(1.42, 1.4)
    # The one rule of the book, with the second value's rounding carried.
    assert agree(2.70, 2.7049) and not agree(2.70, 2.7051, decimals_a=2, decimals_b=4)
    assert audit.normalized_name("ALBERT-xxl") == audit.normalized_name("ALBERT xxl")


def test_no_second_implementation_of_the_rule():
    """The audit uses compare's rule and helpers; the old duplicates are gone."""
    for name in (
        "values_agree",
        "decimals",
        "implied_tflops",
        "TABLE9_TO_TABLE8_NAMES",
        "html_table",
        "findings_html",
    ):
        assert not hasattr(audit, name), name
    package = ROOT / "src" / "dltrends" / "audit"
    text = "\n".join(p.read_text(encoding="utf-8") for p in package.glob("*.py"))
    assert "0.005" not in text and "0.015" not in text  # tolerances come from dltrends.compare
    assert "desislavov.table8(" in text and "desislavov.table3(" in text and "desislavov.table9(" in text
    assert "seed003.lines(" in text and "seed003.rule_examples(" in text


def test_every_finding_is_complete(findings):
    assert list(findings.columns) == audit.FINDING_COLUMNS
    assert findings["finding"].is_unique
    assert set(findings["kind"]) == set(audit.KINDS)
    assert set(findings["check"]) <= set(audit.CHECKS)
    for column in ("compared", "where", "values", "explanation", "book_uses"):
        assert (findings[column].str.len() > 5).all(), column
    # Every finding against an original publication names its source.
    against = findings[findings["kind"] == "against original publications"]
    assert (against["source"].str.len() > 20).all()


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
    base = {"gpus": real["gpus"], "ngc_inference_throughput": real["ngc_inference_throughput"]}
    printed = real["paper_reported/table9_adapted"]
    found = audit.check_table9_rule({**base, "paper_reported/table9_adapted": printed})
    assert ids(found) == {
        "table9_rule.missing.tesla-p100.fp32",
        "table9_rule.missing.a100.fp32",
        "table9_rule.missing.a30.fp32",
        "table9_rule.name.tesla-t4",
    }
    # A printed value off by more than its rounding, a row left out, a row added.
    planted = printed.copy()
    planted.loc[planted["gpu"] == "GeForce GTX 1080", "gflops_per_watt"] += 0.02
    planted = planted[planted["gpu"] != "GeForce GTX 580"]
    extra = (
        printed[(printed["gpu"] == "T4") | (printed["gpu"] == "Tesla T4")].iloc[[0]].assign(gpu="Tesla Q9")
    )
    planted = pd.concat([planted, extra], ignore_index=True)
    found = ids(audit.check_table9_rule({**base, "paper_reported/table9_adapted": planted}))
    assert "table9_rule.missing.geforce-gtx-580.fp32" in found
    assert "table9_rule.extra.tesla-q9.fp32" in found
    assert "table9_rule.gflops_per_watt.no.geforce-gtx-1080.fp32" in found
    # Every FP32 row of Table 8 printed (no omission): nothing missing, values still compared.
    every = desislavov.table9_rule_gaps(real["gpus"], real["ngc_inference_throughput"], printed)
    assert set(every["where"]) == {"rule only"}


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
    planted = {"paper_reported/seed003_memory_rule": rule, "alexnet_layers": real["alexnet_layers"]}
    found = audit.check_seed003_printed_values(planted)
    assert ids(found) == {
        "seed003_printed_values.activation_bytes",
        "seed003_printed_values.total_bytes",
        "seed003_printed_values.coatnet_quoted",
        "seed003_printed_values.alexnet_params",
    }
    row = found.set_index("finding").loc["seed003_printed_values.activation_bytes"]
    assert "no subset of the table's rows" in row["explanation"]  # searched, not assumed
    # The findings are the rows of dltrends.compare.seed003's frames that do not agree.
    lines = seed003.lines(rule)
    assert int((~lines["agrees"]).sum()) + int((~seed003.rule_examples(rule)["agrees"]).sum()) == len(found)
    fixed = rule.copy()

    def put(key, value):
        item, unit = seed003.ITEMS[key]
        fixed.loc[(fixed["item"] == item) & (fixed["unit"] == unit), "value"] = value

    put("activation_bytes", 936_323 * 4)
    put("total_bytes", 20 * 62_378_344 + 936_323 * 4)
    put("coatnet_quoted", 2240)
    put("alexnet_rule_params", 62.4)
    put("alexnet_rule_gb", 1.25)
    assert audit.check_seed003_printed_values({"paper_reported/seed003_memory_rule": fixed}).empty


def test_the_61_million_explanation_follows_from_the_layer_table(real, findings):
    """Grouping Conv-2, Conv-4 and Conv-5 (Krizhevsky et al. 2012, section 3.5) halves their
    weights: the seed's 62,378,344 becomes 60,965,224, the quoted 61 M."""
    table = real["alexnet_layers"].set_index("layer")
    halved = sum(int(table.loc[layer, "kernels"]) // 2 for layer in ("Conv-2", "Conv-4", "Conv-5"))
    total = int(table["parameters"].sum())
    assert (total, halved, total - halved) == (62_378_344, 1_413_120, 60_965_224)
    text = findings.set_index("finding").loc["seed003_printed_values.alexnet_params", "explanation"]
    assert "1,413,120" in text and "60,965,224" in text and "torchvision" not in text


def test_against_originals():
    table = originals.originals().set_index("id", drop=False)
    vit = table.loc[["vit-g14.params"]]
    planted = {"cv_models": cv([("ViT-G/14", 1900.0, 5270.0, "2021-06-08", "Z", "JFT 3B", "vit-g14")])}
    found = audit.check_against_originals(planted, vit)
    assert ids(found) == {"against_originals.vit-g14.params.cv-models"}
    assert "zhai2022scaling" in found["compared"].iloc[0] and "arXiv 2106.04560" in found["source"].iloc[0]
    clean = {"cv_models": cv([("ViT-G/14", 1843.0, 5270.0, "2021-06-08", "Z", "JFT 3B", "vit-g14")])}
    assert audit.check_against_originals(clean, vit).empty
    # A value lost from the seed is reported as restored, with the book's constant compared.
    lost = table.loc[["vit-g14.resolution"]]
    restored = audit.check_against_originals({}, lost)
    assert "reproduces the paper's numbers" in restored["explanation"].iloc[0]
    wrong = lost.assign(original=520.0)
    assert "DIFFERS" in audit.check_against_originals({}, wrong)["explanation"].iloc[0]


def test_launch_dates_against_originals():
    table = originals.originals().set_index("id", drop=False)
    k40, v100 = table.loc[["tesla-k40.launch-date"]], table.loc[["tesla-v100.launch-date"]]

    def gpus(name, date):
        return {"gpus": gpus_frame([(name, "FP32", 5.0, 235.0)]).assign(launch_date=D(date))}

    assert audit.check_against_originals(gpus("Tesla K40", "2013-11-18"), k40).empty
    found = audit.check_against_originals(gpus("Tesla K40", "2013-10-08"), k40)
    assert ids(found) == {"against_originals.tesla-k40.launch-date.gpus"}
    assert "data 2013-10-08; original 2013-11-18" in found["values"].iloc[0]
    assert "AnandTech" in found["source"].iloc[0]
    # Known to the month only: any day of May 2017 is the original.
    assert audit.check_against_originals(gpus("Tesla V100", "2017-05-20"), v100).empty
    assert len(audit.check_against_originals(gpus("Tesla V100", "2018-03-27"), v100)) == 1


def test_curated_files_validate():
    good = originals.originals()
    assert core._problems("originals", good) == []
    bad = good.copy()
    bad.loc[0, "locations"] = "cv_models.model_id=vgg-19"
    bad.loc[1, "original"] = float("nan")
    dated = bad.index[bad["unit"] == "date"][0]
    bad.loc[dated, "original_date"] = pd.NaT
    bad.loc[2, "source"] = "x"
    problems = " | ".join(core._problems("originals", bad))
    assert "not a location" in problems and "needs a numeric original" in problems
    assert "original_date" in problems and "names no source" in problems
    with pytest.raises(ValueError, match="transform"):
        core.parse_location("cv_models[model_id=alexnet].gflops:round")
    assert core.parse_location("scaling[ViT-G/14 @384].gflops")["key"] == "ViT-G/14 @384"
    prose = core.curated("prose_checks").copy()
    prose.loc[0, "column"] = "no_such_column"
    assert core._problems("prose_checks", prose)


def test_every_curated_fact_cites_a_source(findings):
    bib = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    table = originals.originals()
    for citation in table["citation"].dropna():
        assert f"{{{citation}," in bib, citation
    for name in ("originals", "finding_notes", "model_names", "prose_checks"):
        sources = core.curated(name)["source"]
        assert sources.notna().all(), name
        cited = sources[sources != "unverified"]
        assert cited.str.contains(r"arXiv|https?://|NIPS|OpenAI|section|Table", regex=True).all(), name
    assert set(table["evidence"]) <= {"primary", "contemporaneous report", "unverified"}
    shown = audit.originals_table(audit.load_frames())
    assert len(shown) == len(table) and shown["source"].str.len().gt(20).all()


def test_no_unverified_explanation_says_likely(findings):
    """An explanation that could not be checked says 'unverified', never 'likely'."""
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "src" / "dltrends" / "audit").glob("*.py")]
    texts += [
        (ROOT / "data" / "curation" / f"{n}.csv").read_text(encoding="utf-8")
        for n in ("originals", "finding_notes", "model_names", "prose_checks")
    ]
    texts.append(STORED_CSV.read_text(encoding="utf-8"))
    for text in texts:
        assert not re.search(r"\blikely\b", text, re.IGNORECASE)
    assert findings["explanation"].str.contains("unverified").sum() >= 10


def test_every_finding_note_is_used(findings):
    notes = core.curated("finding_notes")
    assert set(notes["finding"]) <= set(findings["finding"]), set(notes["finding"]) - set(findings["finding"])
    explained = findings.set_index("finding").loc[list(notes["finding"])]
    assert (explained["explanation"].to_numpy() == notes["explanation"].to_numpy()).all()
    assert (explained["source"].str.len() > 5).all()


def test_alexnet_input_explanation_follows_from_the_layer_arithmetic():
    text = originals.originals().set_index("id").loc["alexnet.input", "explanation"]
    small, large = layers.conv_output_size(224, 11, 4), layers.conv_output_size(227, 11, 4)
    assert f"{small} x {small} from 224 px" in text and f"{large} x {large} from 227 px" in text


def test_model_names_match_printed_names(real):
    names = audit.canonical_names()
    printed = set(real["cv_models"]["model"]) | set(real["nlp_models"]["model"])
    printed |= set(real["memory_wall_cv"]["model"]) | set(real["memory_wall_nlp"]["model_as_printed"])
    printed |= set(real["memory_wall_training_memory"]["model"])
    printed |= set(real["paper_reported/table1_alexnet_band"]["model"])
    assert set(names) <= printed, set(names) - printed  # no stale name
    assert len(set(names.values())) < len(names)  # some models have several printed names


def test_no_long_literal_in_the_audit():
    """No top-level literal of the audit's modules runs longer than about 80 lines."""
    files = list((ROOT / "src" / "dltrends" / "audit").glob("*.py"))
    files += [
        ROOT / "src" / "dltrends" / "chapters" / "data_audit.py",
        ROOT / "src" / "dltrends" / "schemas" / "curation.py",
    ]
    for path in files:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                assert node.end_lineno - node.lineno <= 80, (path.name, node.lineno)
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in files}
    assert max(sizes.values()) < 700, sizes


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
        "seed003_printed_values.activation_bytes",
        "seed003_printed_values.total_bytes",
        "seed003_printed_values.coatnet_quoted",
        "seed003_printed_values.alexnet_params",
        "against_originals.tesla-v100.launch-date.gpus",
        "against_originals.a100.launch-date.gpus",
        "against_originals.geforce-rtx-3080.launch-date.gpus",
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
    t8 = desislavov.table8(
        audit.load_frames()["gpus"],
        audit.load_frames()["paper_reported/table8_gflops_per_watt"],
    )
    assert len(table8) == int((~t8["agrees"]).sum())  # the rows of the compare frame that differ
    row = findings.set_index("finding").loc["dates_across_sources.transformer"]
    assert "2017-06-12" in row["values"] and "2017-12-06" in row["values"]
    assert "same printed string" in row["explanation"]
    v100 = findings.set_index("finding").loc["against_originals.tesla-v100.launch-date.gpus"]
    assert "data 2018-03-27" in v100["values"] and "original 2017-05" in v100["values"]
    assert "GTC 2018" in v100["explanation"] and "unverified" in v100["explanation"]
    # The twelve launch dates of Table 8 that the fact-check found wrong or imprecise.
    dates = findings[findings["finding"].str.endswith(".launch-date.gpus")]
    assert len(dates) == 12 and (dates["source"].str.len() > 40).all()
    megatron = findings.set_index("finding").loc["dates_across_sources.megatron", "explanation"]
    assert "wrong month" not in megatron and "August 2019" in megatron and "unverified" in megatron
    a100 = findings.set_index("finding").loc["table9_rule.missing.a100.fp32", "explanation"]
    assert "TF32 replaces FP32" in a100


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
    assert values["n_table8_rule"] == 8 and values["n_table3_rule"] == 0
    assert values["n_month_early"] == 4 and values["n_gpu_dates_differ"] == 12
    assert values["prose_tokens"] == 128
    assert values["transformer_paper"] == "12 June 2017"
    assert values["transformer_memory_wall"] == "06 December 2017"


def test_page_numbers_have_literal_keys_found_once(real, findings):
    """Each key the page glues is a literal in exactly one place of src/dltrends/chapters/."""
    from dltrends.chapters import data_audit as ch

    numbers = {
        **ch.kind_numbers(findings),
        **ch.check_numbers(findings, real["paper_reported/text_claims"], 0),
        **ch.transformer_numbers(real["nlp_models"], real["memory_wall_nlp"]),
        **ch.originals_numbers(real),
    }
    sources = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "src" / "dltrends" / "chapters").glob("*.py")
    )
    for key in numbers:
        assert sources.count(f'"{key}"') == 1, key
    assert numbers["n_findings"] == len(findings) and numbers["n_by_hand"] == len(originals.originals())
    table = ch.findings_table(findings)
    assert list(table.columns) == list(ch.FINDING_HEADERS) and len(table) == len(findings)
    assert (table["check"] + "." + table["row"]).tolist() == findings["finding"].tolist()
    html = tables.show(table, "audit-findings", filterable=True, filters=("kind", "check")).data
    assert 'data-filters="kind,check"' in html and html.count("<tr>") == len(findings) + 1


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
            unavailable(f"{page_path} not built: run `make book` first")
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
