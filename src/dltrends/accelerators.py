"""AI accelerators since mid-2021: specifications, efficiency per precision, ridge points.

The data are ``data/accelerators.csv`` (one row per accelerator) and
``data/accelerator_specs.csv`` (one row per accelerator and quantity, each value with its
source). This module puts them in wide form (:func:`wide`), computes peak efficiency per
precision (GFLOPS/W = 1000 x TFLOPS / W, the paper's Eq. 1, :func:`efficiency_long`), the
roofline's ridge point (peak FLOP/s / memory bytes/s, :func:`ridge_point`), and scores a
trend fitted on earlier data against what came later (:func:`backtest`, :func:`coverage`).

Units: TFLOPS (1e12 FLOP/s), TOPS for INT8, W, GB (1e9 bytes), GB/s; every tensor peak is
dense (without 2:4 structured sparsity).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dltrends import checks, hardware, trends
from dltrends.checks import InputError, finite_result
from dltrends.units import _check_positive

#: Each quantity of data/accelerator_specs.csv: its unit and the plausible band of a value
#: (low, high), wider than the range in the data (notes/curation_accelerators.md).
QUANTITIES: dict[str, tuple[str, float, float]] = {
    "fp32_tflops": ("TFLOPS", 1.0, 300.0),
    "tf32_tflops": ("TFLOPS", 5.0, 3000.0),
    "fp16_bf16_tflops": ("TFLOPS", 10.0, 6000.0),
    "fp8_tflops": ("TFLOPS", 100.0, 12000.0),
    "int8_tops": ("TOPS", 20.0, 12000.0),
    "fp4_tflops": ("TFLOPS", 500.0, 40000.0),
    "tdp_watts": ("W", 10.0, 2000.0),
    "memory_gb": ("GB", 1.0, 500.0),
    "memory_bandwidth_gbs": ("GB/s", 50.0, 20000.0),
}

#: The precision each peak column stands for (the names the book's charts use).
PRECISIONS: dict[str, str] = {
    "FP32": "fp32_tflops",
    "TF32": "tf32_tflops",
    "FP16/BF16": "fp16_bf16_tflops",
    "FP8": "fp8_tflops",
    "INT8": "int8_tops",
    "FP4": "fp4_tflops",
}

#: The column of the new data that continues each precision of the paper's Table 8. The
#: paper's tensor-core FP16 (FP16 multiply, FP32 accumulate) continues as the dense
#: FP16/BF16 tensor rate; its non-tensor FP16 has no successor in the vendors' tables.
PAPER_PRECISION_COLUMN: dict[str, str] = {
    "FP32": "fp32_tflops",
    "FP16/FP32 Tensor": "fp16_bf16_tflops",
}

#: The paper's data end here: a trend "as of 2021" is fitted to points up to this date.
CUTOFF = pd.Timestamp("2021-06-30")


# ----------------------------------------------------------------------------- the table


def wide(accelerators: pd.DataFrame, specs: pd.DataFrame) -> pd.DataFrame:
    """One row per accelerator: ``accelerator``, ``vendor``, ``kind``, ``launch_date`` and
    one column per quantity of :data:`QUANTITIES` (NaN where the data have no value).

    Raises InputError when a spec names an accelerator that ``accelerators`` lacks.
    """
    checks.frame(accelerators, ["accelerator", "vendor", "kind", "launch_date"], "accelerators")
    checks.frame(specs, ["accelerator", "quantity", "value"], "specs")
    unknown = sorted(set(specs["accelerator"].astype(str)) - set(accelerators["accelerator"].astype(str)))
    if unknown:
        raise InputError(f"specs for accelerators not in accelerators.csv: {unknown}")
    values = specs.assign(
        accelerator=specs["accelerator"].astype(str), quantity=specs["quantity"].astype(str)
    ).pivot(index="accelerator", columns="quantity", values="value")
    values = values.reindex(columns=list(QUANTITIES))
    out = accelerators[["accelerator", "vendor", "kind", "launch_date"]].copy()
    for column in ("accelerator", "vendor", "kind"):
        out[column] = out[column].astype(str)
    out = out.merge(values, left_on="accelerator", right_index=True, how="left")
    return out.sort_values(["launch_date", "accelerator"], kind="stable").reset_index(drop=True)


def out_of_band(specs: pd.DataFrame) -> pd.DataFrame:
    """The spec rows whose value lies outside its quantity's plausible band (:data:`QUANTITIES`)."""
    checks.frame(specs, ["accelerator", "quantity", "value"], "specs")
    quantity = specs["quantity"].astype(str)
    unknown = sorted(set(quantity) - set(QUANTITIES))
    if unknown:
        raise InputError(f"unknown quantities {unknown}; known: {list(QUANTITIES)}")
    low = quantity.map(lambda q: QUANTITIES[q][1])
    high = quantity.map(lambda q: QUANTITIES[q][2])
    bad = (specs["value"] < low) | (specs["value"] > high)
    return specs[bad]


# ----------------------------------------------------------------------------- efficiency


def _per_precision(table: pd.DataFrame, precisions: tuple[str, ...], column: str, name: str) -> pd.DataFrame:
    """One row per accelerator and precision with a peak and a value in ``column`` (as
    ``name``): ``accelerator``, ``vendor``, ``kind``, ``launch_date``, ``precision``,
    ``tflops`` and ``name``.
    """
    frames = []
    for precision in precisions:
        peak = PRECISIONS[precision]
        rows = table[table[peak].notna() & table[column].notna()]
        frame = rows[["accelerator", "vendor", "kind", "launch_date"]].assign(
            precision=precision, tflops=rows[peak].astype(float)
        )
        frames.append(frame.assign(**{name: rows[column].astype(float)}))
    return pd.concat(frames, ignore_index=True)


def efficiency_long(table: pd.DataFrame, precisions: tuple[str, ...] = tuple(PRECISIONS)) -> pd.DataFrame:
    """Peak efficiency of every accelerator in each precision it has, one row each.

    ``table`` is :func:`wide`. Returns ``accelerator``, ``vendor``, ``kind``,
    ``launch_date``, ``precision`` (a key of :data:`PRECISIONS`), ``tflops``, ``watts``
    and ``gflops_per_watt`` (1000 x TFLOPS / W at TDP, :func:`dltrends.hardware.gflops_per_watt`).
    """
    unknown = [p for p in precisions if p not in PRECISIONS]
    if unknown:
        raise InputError(f"unknown precision(s) {unknown}; known: {list(PRECISIONS)}")
    out = _per_precision(table, precisions, "tdp_watts", "watts")
    pairs = zip(out["tflops"], out["watts"], strict=True)
    out["gflops_per_watt"] = [hardware.gflops_per_watt(t, w) for t, w in pairs]
    return out


@finite_result
def ridge_point(tflops: float, bandwidth_gbs: float) -> float:
    """The roofline's ridge point in FLOP per byte: peak FLOP/s / memory bytes/s.

    A kernel that does fewer FLOPs per byte it moves from memory is limited by the
    bandwidth, not by the arithmetic units. With TFLOPS (1e12) and GB/s (1e9) the ratio
    is 1000 x TFLOPS / (GB/s). The H100 SXM in dense BF16:

    >>> round(ridge_point(989.4, 3350), 1)
    295.3
    """
    return 1000.0 * _check_positive(tflops, "tflops") / _check_positive(bandwidth_gbs, "bandwidth_gbs")


def ridge_points(
    table: pd.DataFrame, precisions: tuple[str, ...] = ("FP16/BF16", "FP8", "FP4")
) -> pd.DataFrame:
    """The ridge point of every accelerator with a bandwidth, per precision.

    Returns ``accelerator``, ``vendor``, ``kind``, ``launch_date``, ``precision``,
    ``tflops``, ``bandwidth_gbs`` and ``flops_per_byte`` (:func:`ridge_point`).
    """
    out = _per_precision(table, precisions, "memory_bandwidth_gbs", "bandwidth_gbs")
    pairs = zip(out["tflops"], out["bandwidth_gbs"], strict=True)
    out["flops_per_byte"] = [ridge_point(t, b) for t, b in pairs]
    return out


@finite_result
def gflops_per_token(active_params_billions: float) -> float:
    """GFLOPs of one decoder forward pass per token: about 2 x active parameters.

    Each weight in use does one multiply and one add per token; attention over the
    context and the embeddings are left out, so this is the dense part only (Kaplan et
    al. 2020). For a mixture of experts, only the parameters of the experts a token is
    routed to count. Billions of parameters give GFLOPs:

    >>> gflops_per_token(37.0)
    74.0
    """
    return 2.0 * _check_positive(active_params_billions, "active_params_billions")


@finite_result
def decode_flops_per_byte(bytes_per_param: float = 2.0) -> float:
    """Arithmetic intensity of decoding one sequence: 2 FLOPs per weight in use per token
    (:func:`gflops_per_token`), each weight read once from memory: 2 / bytes per weight.
    A batch of ``b`` sequences reads the weights once for ``b`` tokens, so ``b`` times more.

    >>> decode_flops_per_byte(2.0), decode_flops_per_byte(0.5)
    (1.0, 4.0)
    """
    return 2.0 / _check_positive(bytes_per_param, "bytes_per_param")


@finite_result
def decode_tokens_per_second(
    bandwidth_gbs: float, active_params_billions: float, bytes_per_param: float = 2.0
) -> float:
    """Upper bound on tokens per second of one sequence (batch 1) when every weight in use
    is read from memory once per token: bandwidth / bytes of the active weights.

    >>> round(decode_tokens_per_second(3350, 70), 1)
    23.9
    """
    weights_gb = _check_positive(active_params_billions, "active_params_billions") * _check_positive(
        bytes_per_param, "bytes_per_param"
    )
    return _check_positive(bandwidth_gbs, "bandwidth_gbs") / weights_gb


@finite_result
def devices_to_hold(params_billions: float, memory_gb: float, bytes_per_param: float = 2.0) -> float:
    """How many devices of ``memory_gb`` the weights alone fill (fractional; no activations,
    no KV cache): params x bytes / memory.

    >>> round(devices_to_hold(671, 192), 2)
    6.99
    """
    return (
        _check_positive(params_billions, "params_billions")
        * _check_positive(bytes_per_param, "bytes_per_param")
        / _check_positive(memory_gb, "memory_gb")
    )


# ----------------------------------------------------------------------------- backtests


def before(frame: pd.DataFrame, date_col: str, cutoff: object = CUTOFF) -> pd.DataFrame:
    """The rows dated up to ``cutoff`` (inclusive): what was known when the paper was written."""
    checks.frame(frame, [date_col], "frame")
    return frame[pd.to_datetime(frame[date_col]) <= pd.Timestamp(cutoff)]


def backtest(
    fit: trends.TrendFit, actual: pd.DataFrame, value_col: str, date_col: str = "launch_date"
) -> pd.DataFrame:
    """Score an exponential trend fitted on earlier data against later values.

    For each row of ``actual``: ``predicted`` (the trend at its date), ``pi_lower`` and
    ``pi_upper`` (the 95% prediction interval for a new point), ``actual`` (the row's
    ``value_col``), ``ratio`` (actual / predicted) and ``side``: 'inside', 'above' or
    'below' the interval. The other columns of ``actual`` are kept.
    """
    checks.frame(actual, [value_col, date_col], "actual")
    if not isinstance(fit, trends.TrendFit):
        raise InputError(f"fit must be a TrendFit, got {type(fit).__name__}")
    out = actual.copy()
    band = fit.predict(out[date_col])
    out["predicted"] = band["fitted"].to_numpy()
    out["pi_lower"] = band["pi_lower"].to_numpy()
    out["pi_upper"] = band["pi_upper"].to_numpy()
    out["actual"] = out[value_col].astype(float)
    out["ratio"] = out["actual"] / out["predicted"]
    out["side"] = np.select(
        [out["actual"] > out["pi_upper"], out["actual"] < out["pi_lower"]], ["above", "below"], "inside"
    )
    return out.reset_index(drop=True)


def coverage(scored: pd.DataFrame) -> dict[str, float]:
    """How many points of a :func:`backtest` lie inside the 95% prediction interval.

    Returns ``n``, ``inside``, ``above``, ``below``, ``share_inside`` and the median
    ``ratio`` (actual / predicted).
    """
    checks.frame(scored, ["side", "ratio"], "scored")
    n = len(scored)
    if n == 0:
        raise InputError("nothing to score: the backtest is empty")
    counts = scored["side"].value_counts()
    return {
        "n": n,
        "inside": int(counts.get("inside", 0)),
        "above": int(counts.get("above", 0)),
        "below": int(counts.get("below", 0)),
        "share_inside": float(counts.get("inside", 0)) / n,
        "median_ratio": float(scored["ratio"].median()),
    }


@finite_result
def interval_width(fit: trends.TrendFit, when: object) -> float:
    """The factor between the upper and the lower bound of the 95% prediction interval of
    ``fit`` at ``when`` (a date or a decimal year): 1 means a perfect forecast.
    """
    band = fit.predict([when] if not isinstance(when, (list, tuple, pd.Series)) else when)
    return float(band["pi_upper"].iloc[0] / band["pi_lower"].iloc[0])


@finite_result
def peak_fraction(table9: pd.DataFrame, gpus: pd.DataFrame, gpu: str, precision: str, work: str) -> float:
    """What a network gets of a GPU's tensor-core peak: the paper's adapted GFLOPS/W
    (Table 9, measured speed-ups) divided by the GPU's tensor peak GFLOPS/W (Table 8).

    E.g. ``peak_fraction(table9, gpus, "A100", "Mixed", "CNN")``: the A100 in mixed
    precision on CNN benchmarks gets about a sixth of its tensor peak.
    """
    adapted = table9[
        (table9["gpu"] == gpu) & (table9["precision"] == precision) & (table9["adapted"] == f"For {work}")
    ]
    peak = gpus[(gpus["gpu"] == gpu) & (gpus["precision"] == "FP16/FP32 Tensor")]
    if adapted.empty or peak.empty:
        raise InputError(f"no adapted {precision} row for {work} or no tensor peak for {gpu!r}")
    tensor = hardware.gflops_per_watt(float(peak["tflops"].iloc[0]), float(peak["watts"].iloc[0]))
    return float(adapted["gflops_per_watt"].iloc[0]) / tensor


def first_year_outside(scored: pd.DataFrame, side: str, date_col: str = "launch_date") -> float:
    """The first launch year from which every later year's median point lies on ``side``
    ('above' or 'below') of the interval; nan when the last year's median does not.

    A year's median point is outside when the median of ``actual / pi_upper`` exceeds 1
    ('above') or the median of ``actual / pi_lower`` is below 1 ('below').
    """
    if side not in ("above", "below"):
        raise InputError(f"side must be 'above' or 'below', got {side!r}")
    years = pd.DatetimeIndex(scored[date_col]).year
    bound = scored["pi_upper"] if side == "above" else scored["pi_lower"]
    medians = (scored["actual"] / bound).groupby(years).median().sort_index()
    outside = medians > 1 if side == "above" else medians < 1
    first = math.nan
    for year, is_out in zip(medians.index[::-1], outside.to_numpy()[::-1], strict=True):
        if not is_out:
            break
        first = float(year)
    return first
