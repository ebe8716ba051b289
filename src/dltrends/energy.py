"""Energy per inference (Desislavov et al. 2023, Eq. 1 and 2).

Eq. 1: efficiency = FLOPS / W = (FLOP/s) / (J/s) = FLOP / J.
Eq. 2: energy (J) = FLOPs of one forward pass / efficiency (FLOP/J).

With GFLOPs and GFLOPS/W the prefixes cancel: joules = GFLOPs / (GFLOPS/W).
"""

from __future__ import annotations

import pandas as pd

from dltrends.checks import InputError, finite_result

from . import checks
from .hardware import efficiency_series
from .trends import TrendFit, fit_exponential_trend
from .units import _check_positive


@finite_result
def joules_per_inference(gflops: float, gflops_per_watt: float) -> float:
    """Energy of one inference in joules (Eq. 2), from GFLOPs and GFLOPS/W (= GFLOP/J).

    >>> round(joules_per_inference(1.42, 52.33), 4)
    0.0271
    """
    return _check_positive(gflops, "gflops") / _check_positive(gflops_per_watt, "gflops_per_watt")


@finite_result
def gpu_gflops_per_watt(table9: pd.DataFrame, gpu: str, precision: str, work: str = "CNN") -> float:
    """GFLOPS/W of a named GPU and precision from the adapted Table 9.

    ``work`` ('CNN' or 'NLP') selects the adapted row for mixed precision and TF32; FP32
    rows are the same for both. Raises ValueError naming the GPUs and precisions known.
    """
    if work not in ("CNN", "NLP"):
        raise InputError(f"work must be 'CNN' or 'NLP', got {work!r}")
    rows = table9[
        (table9["gpu"] == gpu)
        & (table9["precision"] == precision)
        & table9["adapted"].isin(["No", f"For {work}"])
    ]
    if rows.empty:
        known = sorted({f"{g} / {p}" for g, p in zip(table9["gpu"], table9["precision"], strict=True)})
        raise InputError(f"unknown GPU and precision {gpu!r} / {precision!r}; known: {known}")
    return float(rows["gflops_per_watt"].iloc[0])


def joules_by_setting(
    gflops: float, table9: pd.DataFrame, gpus: list[str], work: str = "CNN"
) -> pd.DataFrame:
    """Energy of one inference of ``gflops`` on every precision of the named GPUs.

    Uses the FP32 rows and the rows adapted for ``work`` of Table 9. Returns columns
    ``setting`` ('<gpu> <precision>'), ``gpu``, ``precision``, ``gflops_per_watt``,
    ``joules``.
    """
    if work not in ("CNN", "NLP"):
        raise InputError(f"work must be 'CNN' or 'NLP', got {work!r}")
    rows = table9[table9["gpu"].isin(gpus) & table9["adapted"].isin(["No", f"For {work}"])]
    if rows.empty:
        raise InputError(f"none of {gpus} is in Table 9; known: {sorted(set(table9['gpu']))}")
    out = rows[["gpu", "precision", "gflops_per_watt"]].copy()
    out["precision"] = out["precision"].astype(str)
    out.insert(0, "setting", out["gpu"] + " " + out["precision"])
    out["joules"] = [joules_per_inference(gflops, e) for e in out["gflops_per_watt"]]
    return out.reset_index(drop=True)


# ----------------------------------------------------------------------------- trends (Figs 8-12)


def efficiency_trend(table9: pd.DataFrame, work: str) -> TrendFit:
    """Exponential trend of GPU efficiency (GFLOPS/W) against launch date: Fig. 8.

    Fitted to the FP32 rows of Table 9 plus the mixed-precision/TF32 rows adapted for
    ``work`` ('CNN' or 'NLP'), as selected by :func:`dltrends.hardware.efficiency_series`
    (the paper fits one line for CV and one for NLP). ``table9`` is a frame like
    :func:`dltrends.hardware.adapted_gpus` returns (columns ``adapted``,
    ``gflops_per_watt``, ``launch_date``). Returns a :class:`~dltrends.trends.TrendFit`
    whose values are GFLOPS/W (= GFLOP/J, Eq. 1).
    """
    if not isinstance(table9, pd.DataFrame):
        raise InputError(f"table9 must be a DataFrame, got {type(table9).__name__}")
    missing = [c for c in ("adapted", "gflops_per_watt", "launch_date") if c not in table9]
    if missing:
        raise InputError(f"table9 lacks column(s) {missing}")
    series = efficiency_series(table9, work)
    if series.empty:
        raise InputError(f"empty selection: table9 has no FP32 or 'For {work}' rows")
    return fit_exponential_trend(series["launch_date"], series["gflops_per_watt"])


def joules_from_trend(
    models_df: pd.DataFrame,
    trend: TrendFit,
    gflops_col: str = "gflops",
    date_col: str = "release_date",
) -> pd.DataFrame:
    """Energy per inference with the efficiency the GPU trend gives at each release date.

    The paper's estimate behind Figs 9-12: "We use the models presented in Fig. 8 to
    obtain an estimation of GFLOPS per Watt for the model's release date", then Eq. 2.
    Returns a copy of ``models_df`` with ``gflops_per_watt`` (the trend's fitted value
    at the release date, GFLOP/J) and ``joules`` (GFLOPs / (GFLOPS/W), J per forward
    pass) added.
    """
    _check_models(models_df, [gflops_col, date_col])
    if not isinstance(trend, TrendFit):
        raise InputError(f"trend must be a TrendFit, got {type(trend).__name__}")
    out = models_df.copy()
    efficiency = trend.predict(out[date_col])["fitted"].to_numpy()
    out["gflops_per_watt"] = efficiency
    pairs = zip(out[gflops_col], efficiency, strict=True)
    out["joules"] = [joules_per_inference(g, e) for g, e in pairs]
    return out


def joules_with_gpu(
    models_df: pd.DataFrame,
    table9: pd.DataFrame,
    gpu: str,
    precision: str,
    work: str = "CNN",
    gflops_col: str = "gflops",
) -> pd.DataFrame:
    """Energy per inference of every model on one GPU (Eq. 2 with a fixed efficiency).

    E.g. ``joules_with_gpu(cv, table9, "Tesla V100", "FP32")``: 52.33 GFLOPS/W, so
    AlexNet's 1.42 GFLOPs cost 0.0271 J. ``work`` ('CNN' or 'NLP') picks the adapted
    row for mixed precision and TF32. Returns a copy of ``models_df`` with
    ``gflops_per_watt`` and ``joules`` added.
    """
    _check_models(models_df, [gflops_col])
    efficiency = gpu_gflops_per_watt(table9, gpu, precision, work)
    out = models_df.copy()
    out["gflops_per_watt"] = efficiency
    out["joules"] = [joules_per_inference(g, efficiency) for g in out[gflops_col]]
    return out


def _check_models(models_df: pd.DataFrame, columns: list[str]) -> None:
    checks.frame(models_df, columns, "models_df")
