"""Measured energy: the paper's estimates against published measurements.

MLPerf Power, ML.ENERGY, provider figures.

Claims of kind ``measurement`` for the scorecard (:func:`claims`): the paper's Eq. 2 with
the adapted efficiency of its Table 9 (the method of its energy chapter) against a
measurement of the same model on the same GPU. The paper adapts the A100 and no later
GPU, so every claim is on A100 systems. ``printed`` is the measured value at its
meaningful precision (two significant digits), ``recomputed`` the estimate, and a claim
*agrees* when the estimate is within :data:`AGREEMENT_FACTOR` of the measurement either
way; the note gives the ratio and what each side counts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from dltrends import measured
from dltrends.compare import Claim

#: The data files :func:`claims` reads (keys of its ``frames``).
INPUTS = ("gpus", "ngc_inference_throughput", "cv_models", "nlp_models", "mlperf_power", "mlenergy_llm")

#: An estimate agrees with a measurement when it lies within this factor of it, either way.
AGREEMENT_FACTOR = 2.0

#: The language-model claims: claim id -> the ML.ENERGY v2 model served on A100s.
LLM_CLAIMS = {
    "measured.llama31_8b.a100": "meta-llama/Meta-Llama-3.1-8B-Instruct",
    "measured.llama31_70b.a100": "meta-llama/Meta-Llama-3.1-70B-Instruct",
}

MLPERF_BOUNDARY = (
    "measurement: whole system at the wall (GPUs, host processors, memory, fans, power supplies; "
    "no facility overhead), MLPerf Offline, precision not recorded before v4.1; "
    "estimate: the GPU alone at TDP doing the paper's GFLOPs at the adapted mixed-precision efficiency"
)
LLM_BOUNDARY = (
    "measurement: the GPUs alone (NVML), steady-state decoding at the batch size of lowest energy; "
    "estimate: 2 x parameters FLOPs per token at the adapted NLP efficiency of the A100 at TDP"
)


def significant(value: float, digits: int = 2) -> tuple[float, int]:
    """``value`` rounded to ``digits`` significant digits, with its number of decimals.

    >>> significant(10.83), significant(0.14194), significant(1.2e3)
    ((11.0, 0), (0.14, 2), (1200.0, -2))
    """
    decimals = digits - 1 - math.floor(math.log10(abs(value)))
    return round(value, decimals), decimals


def within(ratio: float, factor: float = AGREEMENT_FACTOR) -> bool:
    """Whether a ratio lies within ``factor`` of 1, either way."""
    return 1.0 / factor <= ratio <= factor


def _claim(
    claim_id: str,
    source: str,
    measured_value: float,
    estimate: float,
    unit: str,
    boundary: str,
    explanation: str,
) -> Claim:
    printed, decimals = significant(measured_value)
    ratio = measured_value / estimate
    note = f"measured / estimate = {ratio:.2f} (agreement: within a factor {AGREEMENT_FACTOR:g}); {boundary}"
    if within(ratio):  # an agreement says why it holds; a difference gets it as its explanation
        note = f"{note}; {explanation}"
    return Claim(
        claim=claim_id,
        kind="measurement",
        source=source,
        printed=printed,
        decimals=decimals,
        recomputed=estimate,
        unit=unit,
        note=note,
        explanation=explanation,
        agrees=within(ratio),
    )


def claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """The scorecard's claims of the measured-energy chapter (all on A100 systems)."""
    table = measured.gpu_table(frames["gpus"], frames["ngc_inference_throughput"])
    gflops = measured.mlperf_gflops(frames["cv_models"], frames["nlp_models"])
    comparison = measured.mlperf_comparison(frames["mlperf_power"], gflops, table)
    out = []
    for model, claim_id, unit, scale in (
        ("resnet50", "measured.resnet50.a100", "mJ per image", 1000.0),
        ("bert-99", "measured.bert99.a100", "J per sample", 1.0),
    ):
        rows = comparison[(comparison["model"] == model) & (comparison["gpu"] == "A100")]
        value = float(rows["measured_j"].median()) * scale
        estimate = float(rows["eq2_j"].iloc[0]) * scale
        low, high = rows["measured_j"].min() * scale, rows["measured_j"].max() * scale
        source = (
            f"MLPerf Inference Power, {model} Offline on A100-SXM systems: median of {len(rows)} results "
            f"({low:.3g} to {high:.3g} {unit})"
        )
        explanation = (
            "the adapted efficiency of Table 9 comes from NGC throughputs in mixed precision at batch 256 "
            "in TensorFlow; MLPerf systems run TensorRT at several times that throughput, and their wall "
            "power stays near the GPUs' TDP"
        )
        out.append(_claim(claim_id, source, value, estimate, unit, MLPERF_BOUNDARY, explanation))
    estimates = measured.llm_estimates(frames["mlenergy_llm"], table)
    a100 = estimates[(estimates["version"] == "v2") & (estimates["gpu"] == "A100")]
    for claim_id, model in LLM_CLAIMS.items():
        rows = a100[a100["model"] == model]
        best = rows.loc[rows["measured_j"].idxmin()]
        source = (
            f"ML.ENERGY Leaderboard v2, {model.split('/')[-1]} on {best['gpus']:.0f} A100-SXM4-40GB, "
            f"chat, lowest energy per token of {len(rows)} batch sizes (max batch {best['max_batch_size']})"
        )
        explanation = (
            "decoding is bound by memory bandwidth, not by the A100's FLOPS, and the adapted efficiency "
            "is far below the tensor-core peak: the two errors largely cancel"
        )
        out.append(
            _claim(
                claim_id,
                source,
                float(best["measured_j"]),
                float(best["eq2_j"]),
                "J per token",
                LLM_BOUNDARY,
                explanation,
            )
        )
    return out
