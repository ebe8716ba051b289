"""The appendix "Reproduction scorecard": what its page shows, computed here.

The scorecard itself is :func:`dltrends.scorecard.build_scorecard`, which gathers the
claims of :mod:`dltrends.compare` (the same comparisons the chapters show).
"""

from __future__ import annotations

import pandas as pd

from dltrends import scorecard
from dltrends.compare import KINDS, measured


def counts(card: pd.DataFrame) -> pd.DataFrame:
    """Claims per kind and status, for the table at the top of the page."""
    return scorecard.summary(card)


def headline_numbers(card: pd.DataFrame, tolerance_factor: float) -> dict:
    """The numbers at the top of the page: independent reproductions first."""
    kind = card["kind"]
    agrees = card["status"] == "agrees"
    independent = kind == "independent"
    example = card.set_index("claim").loc["table4.v100.mixed.cv"]
    return {
        "n_claims": len(card),
        "n_independent": int(independent.sum()),
        "n_reproduced": int((independent & agrees).sum()),
        "n_independent_explained": int((independent & (card["status"] == "differs-explained")).sum()),
        "n_independent_differs": int((independent & (card["status"] == "differs")).sum()),
        "n_consistency": int((kind == "consistency").sum()),
        "n_consistency_agree": int(((kind == "consistency") & agrees).sum()),
        "n_identity": int((kind == "identity").sum()),
        "n_inferred": int((kind == "inferred").sum()),
        "n_inferred_agree": int(((kind == "inferred") & agrees).sum()),
        "n_prediction": int((kind == "prediction").sum()),
        "n_prediction_agree": int(((kind == "prediction") & agrees).sum()),
        "n_measurement": int((kind == "measurement").sum()),
        "n_measurement_agree": int(((kind == "measurement") & agrees).sum()),
        "measurement_factor": measured.AGREEMENT_FACTOR,
        "n_explained": int((card["status"] == "differs-explained").sum()),
        "n_differs": int((card["status"] == "differs").sum()),
        "share_reproduced": float(100 * (independent & agrees).sum() / independent.sum()),
        "example_value": float(example["paper_value"]),
        "example_tolerance": float(example["tolerance"]) / tolerance_factor,
        "tolerance_factor": tolerance_factor,
    }


def kinds_table() -> pd.DataFrame:
    """What each kind of claim means."""
    return pd.DataFrame({"kind": list(KINDS), "what it is": list(KINDS.values())})


def group_numbers(card: pd.DataFrame) -> dict:
    """The numbers of the paragraph on the groups."""
    by = scorecard.summary_by_group(card).set_index("group")
    return {
        "n_table3": int(by.loc["Table 3: speed-ups", "total"]),
        "n_table3_ok": int(by.loc["Table 3: speed-ups", "reproduced"]),
        "n_table3_identity": int(by.loc["Table 3: speed-ups", "identity"]),
        "n_table4": int(by.loc["Table 4: mean speed-ups", "total"]),
        "n_table4_ok": int(by.loc["Table 4: mean speed-ups", "reproduced"]),
        "n_table8": int(by.loc["Table 8: GFLOPS/W", "total"]),
        "n_table8_ok": int(by.loc["Table 8: GFLOPS/W", "reproduced"]),
        "n_table9_ok": int(by.loc["Table 9: adapted GPUs", "reproduced"]),
        "n_table9_consistency": int(by.loc["Table 9: adapted GPUs", "consistency"]),
    }


def gap_numbers(gaps: pd.DataFrame, threshold_pct: float = 1.0) -> dict:
    """The numbers of the paragraph on the gaps."""
    largest = gaps.loc[gaps["gap_percent"].abs().idxmax()]
    return {
        "threshold_pct": threshold_pct,
        "n_numeric": len(gaps),
        "n_within_1pct": int((gaps["gap_percent"].abs() <= threshold_pct).sum()),
        "largest_claim": str(largest["claim"]),
        "largest_gap": float(largest["gap_percent"]),
    }


def differing_numbers(card: pd.DataFrame) -> dict:
    """The numbers of the notes on the claims that differ."""
    rows = card.set_index("claim")

    def value(claim: str, column: str) -> float:
        return float(rows.loc[claim, column])

    params = card["claim"].str.match(r"memorywall\..*\.params_memory")
    return {
        "t8_780_paper": value("table8.geforce-gtx-780.fp32.gflops_per_watt", "paper_value"),
        "t8_780_ours": value("table8.geforce-gtx-780.fp32.gflops_per_watt", "recomputed_value"),
        "r_tr_paper": value("fig1.corr.transformer", "paper_value"),
        "r_tr_ours": value("fig1.corr.transformer", "recomputed_value"),
        "r_cnn_ours": value("fig1.corr.cnn", "recomputed_value"),
        "vit_paper": value("vitg14.gflops", "paper_value"),
        "vit_ours": value("vitg14.gflops", "recomputed_value"),
        "alexnet_paper": value("text.alexnet.gflops", "paper_value"),
        "alexnet_ours": value("text.alexnet.gflops", "recomputed_value"),
        "somatic_paper": value("human.somatic_watts", "paper_value"),
        "somatic_ours": value("human.somatic_watts", "recomputed_value"),
        "external_paper": value("human.external_watts", "paper_value"),
        "external_ours": value("human.external_watts", "recomputed_value"),
        "act_paper": int(value("seed003.alexnet.activation_bytes", "paper_value")),
        "act_ours": int(value("seed003.alexnet.activation_bytes", "recomputed_value")),
        "sc_seed_total_printed": int(value("seed003.alexnet.total_bytes", "paper_value")),
        "seed_total": int(value("seed003.alexnet.total_bytes", "recomputed_value")),
        "n_gib_rows": int((params & card["status"].eq("differs-explained")).sum()),
        "mw_alexnet_paper": value("memorywall.alexnet.params_memory", "paper_value"),
        "mw_alexnet_ours": value("memorywall.alexnet.params_memory", "recomputed_value"),
        "mw_total_paper": value("memorywall.alexnet.total_memory", "paper_value"),
        "mw_total_ours": value("memorywall.alexnet.total_memory", "recomputed_value"),
        "gpt2_total_paper": value("memorywall.gpt-2.total_memory", "paper_value"),
        "gpt2_total_ours": value("memorywall.gpt-2.total_memory", "recomputed_value"),
    }
