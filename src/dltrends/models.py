"""CV and NLP model tables: selections, fit summaries and FLOPs per input length.

The calculations behind the chapters "CV trends" (ImageNet, the paper's Table 2, Figs
1-4, Table 1) and "NLP trends" (GLUE, Table 7, Figs 5, 6 and 15) of Desislavov et al.
(2023) that :mod:`dltrends.trends` and :mod:`dltrends.scaling` do not already provide:

* :func:`filter_models`: the years and training regime a chapter looks at;
* :func:`fit_summary`, :func:`trend_line`, :func:`fit_table`: what a trend fit says in
  numbers (growth per year, doubling time in months, 95% intervals) and the line to draw;
* :func:`table1_comparison`: the computed Table 1 against the printed one;
* :func:`correlation_variants`: the Fig. 1 correlation under several procedures;
* :func:`estimated_flops_table`: the six GFLOPs the authors estimated (Eq. 3 and 4),
  step by step, against Table 2;
* :func:`normalise_to_tokens`, :func:`attention_adjusted_gflops`,
  :func:`kaplan_forward_gflops`, :func:`dense_flops_check`, :func:`token_scaling_table`
  and :func:`nlp_fit_comparison`: how the input length (tokens) changes NLP FLOPs, and
  what putting every model at one length does to the Fig. 6 trends.

All FLOPs follow the paper's convention (one multiply-add = 2 FLOPs); GFLOPs = 1e9 FLOPs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dltrends.checks import InputError, finite_result

from . import checks, scaling, trends

#: Months in a year, for doubling times stated in months.
MONTHS_PER_YEAR = 12.0


# ----------------------------------------------------------------------------- selections


def filter_models(
    df: pd.DataFrame,
    year_from: int | None = None,
    year_to: int | None = None,
    include_extra_data: bool = True,
    date_col: str = "release_date",
) -> pd.DataFrame:
    """Keep the models released from ``year_from`` to ``year_to`` (calendar years, inclusive).

    ``include_extra_data=False`` also drops the models trained with data beyond
    ImageNet-1k (an ``extra_data`` column other than ``'No'``; the paper's Fig. 2 marks
    them). ``None`` for a year means no bound. Returns a copy, in the original order.
    Raises ValueError when the bounds are reversed or nothing is left.
    """
    if date_col not in df.columns:
        raise InputError(f"unknown column {date_col!r}")
    if year_from is not None and year_to is not None and year_from > year_to:
        raise InputError(f"year_from ({year_from}) is after year_to ({year_to})")
    years = pd.DatetimeIndex(df[date_col]).year
    keep = np.ones(len(df), dtype=bool)
    if year_from is not None:
        keep &= years >= year_from
    if year_to is not None:
        keep &= years <= year_to
    if not include_extra_data:
        if "extra_data" not in df.columns:
            raise InputError("include_extra_data=False needs an 'extra_data' column")
        keep &= (df["extra_data"].astype(str) == "No").to_numpy()
    out = df[keep].copy()
    if out.empty:
        raise InputError(
            f"no model left for years {year_from}-{year_to} (include_extra_data={include_extra_data})"
        )
    return out


# ----------------------------------------------------------------------------- fit summaries


@dataclass(frozen=True)
class FitSummary:
    """What an exponential trend says, in the units the chapters state.

    ``growth_per_year`` is the factor per year (``10**slope``) with its 95% interval;
    ``doubling_months`` is the doubling time in months with its 95% interval (nan
    bounds when the slope's interval contains zero); ``n`` points, ``r2`` of the fit
    of log10(value).
    """

    n: int
    growth_per_year: float
    growth_ci_low: float
    growth_ci_high: float
    doubling_months: float
    doubling_ci_low_months: float
    doubling_ci_high_months: float
    r2: float


def fit_summary(fit: trends.TrendFit) -> FitSummary:
    """Summarise a :class:`dltrends.trends.TrendFit`: growth per year, doubling time in months.

    >>> from dltrends.trends import fit_exponential_trend
    >>> s = fit_summary(fit_exponential_trend([2015.0, 2016.0, 2017.0], [1.0, 2.0, 4.0]))
    >>> round(s.growth_per_year, 6), round(s.doubling_months, 6)
    (2.0, 12.0)
    """
    low, high = fit.growth_per_year_ci
    d_low, d_high = fit.doubling_time_ci
    return FitSummary(
        n=fit.n,
        growth_per_year=fit.growth_per_year,
        growth_ci_low=low,
        growth_ci_high=high,
        doubling_months=fit.doubling_time_years * MONTHS_PER_YEAR,
        doubling_ci_low_months=d_low * MONTHS_PER_YEAR,
        doubling_ci_high_months=d_high * MONTHS_PER_YEAR,
        r2=fit.r2,
    )


def fit_table(fits: Mapping[str, trends.TrendFit]) -> pd.DataFrame:
    """One row per named fit: n, growth per year and its 95% CI, doubling months and CI, r².

    ``fits`` maps a label (e.g. 'best model of each year') to a fit; the order is kept.
    """
    rows = []
    for label, fit in fits.items():
        s = fit_summary(fit)
        rows.append(
            {
                "fit": label,
                "models": s.n,
                "growth per year (x)": s.growth_per_year,
                "95% CI low": s.growth_ci_low,
                "95% CI high": s.growth_ci_high,
                "doubling time (months)": s.doubling_months,
                "doubling 95% CI low": s.doubling_ci_low_months,
                "doubling 95% CI high": s.doubling_ci_high_months,
                "r2": s.r2,
            }
        )
    return pd.DataFrame(rows)


def trend_line(
    fit: trends.TrendFit, start: object, end: object, label: str, points: int = 40
) -> pd.DataFrame:
    """The fitted line and its 95% confidence band between two dates, for a chart.

    Returns ``points`` rows with ``date`` (ISO text, so charts stay deterministic),
    ``fitted``, ``ci_lower``, ``ci_upper`` (in the fitted values' units) and ``fit`` =
    ``label``.
    """
    if points < 2:
        raise InputError("a line needs at least 2 points")
    start_ts, end_ts = pd.Timestamp(start), pd.Timestamp(end)
    if end_ts <= start_ts:
        raise InputError(f"end ({end_ts.date()}) must be after start ({start_ts.date()})")
    dates = pd.date_range(start_ts, end_ts, periods=points).normalize()
    band = fit.predict(dates)
    return pd.DataFrame(
        {
            "date": dates.strftime("%Y-%m-%d"),
            "fitted": band["fitted"].to_numpy(),
            "ci_lower": band["ci_lower"].to_numpy(),
            "ci_upper": band["ci_upper"].to_numpy(),
            "fit": label,
        }
    )


def trend_lines(
    fits: Mapping[str, trends.TrendFit], start: object, end: object, points: int = 40
) -> pd.DataFrame:
    """:func:`trend_line` for several named fits over the same dates, stacked in order."""
    if not fits:
        raise InputError("no fits given")
    return pd.concat(
        [trend_line(fit, start, end, label, points) for label, fit in fits.items()], ignore_index=True
    )


def _is_nan(value: object) -> bool:
    return isinstance(value, float) and math.isnan(value)


def interval_text(low: float, high: float, fmt: str = ".1f") -> str:
    """A 95% interval as prose: ``'7.9 to 12.6'``, or why it is unbounded.

    Doubling-time intervals are nan when the growth rate's interval includes zero
    growth (:attr:`dltrends.trends.TrendFit.doubling_time_ci`).

    >>> interval_text(7.94, 12.61)
    '7.9 to 12.6'
    >>> interval_text(float("nan"), float("nan"))
    'unbounded (the 95% interval of the growth rate includes no growth at all)'
    """
    low = checks.number(low, "low", signed=True) if not _is_nan(low) else math.nan
    high = checks.number(high, "high", signed=True) if not _is_nan(high) else math.nan
    if not (math.isfinite(low) and math.isfinite(high)):
        return "unbounded (the 95% interval of the growth rate includes no growth at all)"
    return f"{low:{fmt}} to {high:{fmt}}"


@finite_result
def reported_claim(claims: pd.DataFrame, contains: str) -> float:
    """The value of the one claim of data/paper_reported/text_claims.csv whose text contains ``contains``.

    Raises ValueError unless exactly one claim matches (case-sensitive).
    """
    match = claims[claims["claim"].astype(str).str.contains(contains, regex=False)]
    if len(match) != 1:
        raise InputError(f"{len(match)} claims contain {contains!r}; expected exactly 1")
    return float(match["value"].iloc[0])


def with_gflops(df: pd.DataFrame, replacements: Mapping[str, float]) -> pd.DataFrame:
    """A copy of a model table with the GFLOPs of the named models (``model`` column) replaced.

    For sensitivity checks: e.g. ViT-G/14 at the 5204 GFLOPs this book computes
    instead of the printed 5270. Raises ValueError for a name not in the table.
    """
    out = df.copy()
    names = out["model"].astype(str)
    for model, gflops in replacements.items():
        rows = names == model
        if not rows.any():
            raise InputError(f"no model named {model!r}")
        out.loc[rows, "gflops"] = _positive_number(gflops, "gflops")
    return out


@finite_result
def resolution_for_gflops(
    base_gflops: float, base_resolution_px: float, target_gflops: float, exponent: float = 2.0
) -> float:
    """The input resolution (pixels per side) at which ``base * (r / base_r)**exponent`` = target.

    The inverse of :func:`dltrends.scaling.scale_resolution`: which test resolution
    would give the paper's 5270 GFLOPs for ViT-G/14 from 2859.9 GFLOPs at 384 px?

    >>> round(resolution_for_gflops(2859.9, 384, 5270), 1)
    521.3
    """
    ratio = _positive_number(target_gflops, "target_gflops") / _positive_number(base_gflops, "base_gflops")
    return _positive_number(base_resolution_px, "base_resolution_px") * ratio ** (
        1.0 / _positive_number(exponent, "exponent")
    )


# ----------------------------------------------------------------------------- Fig. 1, Table 1


def correlation_variants(cv_models: pd.DataFrame) -> pd.DataFrame:
    """The Fig. 1 parameters-GFLOPs correlation under the procedures one could have used.

    The first row is the book's reading of the paper's procedure (Pearson's r on linear
    values, distinct (params, GFLOPs) points, Hybrids left out); the others change one
    or two choices each (see :func:`dltrends.trends.params_flops_correlation`). Columns:
    ``procedure``, ``cnn_r``, ``cnn_n``, ``transformer_r``, ``transformer_n``.
    """
    variants = [
        ("Pearson, distinct points, no Hybrids (the book)", {}),
        ("Pearson, every row", {"unique_points": False}),
        ("Pearson, distinct points, Hybrids as CNNs", {"hybrid_as": "CNN"}),
        ("Pearson on log10 values, every row", {"unique_points": False, "log10": True}),
        ("Spearman (ranks), every row", {"unique_points": False, "method": "spearman"}),
    ]
    rows = []
    for label, kwargs in variants:
        table = trends.params_flops_correlation(cv_models, **kwargs).set_index("architecture")
        rows.append(
            {
                "procedure": label,
                "cnn_r": float(table.loc["CNN", "r"]),
                "cnn_n": int(table.loc["CNN", "n_points"]),
                "transformer_r": float(table.loc["Transformer", "r"]),
                "transformer_n": int(table.loc["Transformer", "n_points"]),
            }
        )
    return pd.DataFrame(rows)


def table1_comparison(computed: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Match the computed Table 1 (:func:`dltrends.trends.models_near_flops`) with the printed one.

    Rows are matched on (top-1 accuracy to 2 decimals, GFLOPs to 2 decimals, year),
    because the names differ in spelling ('GoogleLeNet' is 'Inception V1/GoogleLeNet' in
    Table 2). ``computed`` has ``model``, ``top1_accuracy``, ``gflops``, ``release_date``;
    ``printed`` (data/paper_reported/table1_alexnet_band.csv) has ``model``,
    ``top1_accuracy``, ``gflops``, ``year``. Returns one row per model of either table
    with ``model`` (the book's name, or the printed one if only printed),
    ``printed_as``, ``top1_accuracy``, ``gflops``, ``year``, ``in_computed``,
    ``in_paper``; sorted by year, then GFLOPs.
    """
    left = pd.DataFrame(
        {
            "model": computed["model"].astype(str).to_numpy(),
            "top1_accuracy": computed["top1_accuracy"].astype(float).round(2).to_numpy(),
            "gflops": computed["gflops"].astype(float).round(2).to_numpy(),
            "year": pd.DatetimeIndex(computed["release_date"]).year.astype(int),
        }
    )
    right = pd.DataFrame(
        {
            "printed_as": printed["model"].astype(str).to_numpy(),
            "top1_accuracy": printed["top1_accuracy"].astype(float).round(2).to_numpy(),
            "gflops": printed["gflops"].astype(float).round(2).to_numpy(),
            "year": printed["year"].astype(int).to_numpy(),
        }
    )
    keys = ["top1_accuracy", "gflops", "year"]
    merged = left.merge(right, on=keys, how="outer", indicator=True)
    merged["in_computed"] = merged["_merge"].isin(["both", "left_only"])
    merged["in_paper"] = merged["_merge"].isin(["both", "right_only"])
    merged["model"] = merged["model"].fillna(merged["printed_as"])
    merged = merged.drop(columns="_merge").sort_values(["year", "gflops", "model"], kind="stable")
    columns = ["model", "printed_as", "top1_accuracy", "gflops", "year", "in_computed", "in_paper"]
    return merged[columns].reset_index(drop=True)


# ----------------------------------------------------------------------------- Table 2 estimates

#: For each estimated Table 2 model: (base network, target network) in scaling.ARCHITECTURES.
ESTIMATE_BASES: dict[str, tuple[str, str]] = {
    "NoisyStudent-L2": ("EfficientNet-B7", "EfficientNet-L2"),
    "Meta Pseudo Labels L2": ("EfficientNet-B7", "EfficientNet-L2"),
    "FixEfficientNet-L2": ("EfficientNet-B7", "FixEfficientNet-L2"),
    "FixEfficientNet-B7": ("EfficientNet-B7", "FixEfficientNet-B7"),
    "FixEfficientNet-B0": ("EfficientNet-B0", "FixEfficientNet-B0"),
    "ViT-G/14": ("ViT-G/14 @384", "ViT-G/14"),
}


def estimated_flops_table(cv_models: pd.DataFrame) -> pd.DataFrame:
    """The six GFLOPs the paper estimated, step by step (appendix Eq. 3 and 4, Table 2).

    For each model: the base network and its GFLOPs, the depth ratio ``d/d_base``, the
    width ratio ``w/w_base`` and the resolution ratio ``r/r_base`` (1 where a factor
    does not apply: ViT-G/14 is scaled by resolution only), the combined factor
    ``d * w**2 * r**2``, the computed GFLOPs (equal to
    :func:`dltrends.scaling.table2_estimates`), the GFLOPs printed in Table 2 (from
    ``cv_models``, i.e. data/cv_models.csv), the gap in GFLOPs and relative to the
    printed value. Raises ValueError if a model is missing from ``cv_models`` or if the
    step-by-step product disagrees with :mod:`dltrends.scaling`.
    """
    estimates = scaling.table2_estimates().set_index("model")
    printed = cv_models.assign(model=cv_models["model"].astype(str)).set_index("model")["gflops"]
    rows = []
    for model, (base, target) in ESTIMATE_BASES.items():
        if model not in printed.index:
            raise InputError(f"{model!r} is not in the CV model table")
        b, t = scaling.ARCHITECTURES[base], scaling.ARCHITECTURES[target]
        depth = t.depth / b.depth if t.depth is not None and b.depth is not None else 1.0
        width = t.width / b.width if t.width is not None and b.width is not None else 1.0
        resolution = t.resolution_px / b.resolution_px
        factor = depth * width**2 * resolution**2
        computed = float(b.gflops) * factor
        reference = float(estimates.loc[model, "computed_gflops"])
        if not math.isclose(computed, reference, rel_tol=1e-9):
            raise InputError(f"{model}: step-by-step {computed} differs from scaling's {reference}")
        paper = float(printed.loc[model])
        rows.append(
            {
                "model": model,
                "base": base,
                "base_gflops": float(b.gflops),
                "depth_ratio": depth,
                "width_ratio": width,
                "resolution_ratio": resolution,
                "factor": factor,
                "computed_gflops": computed,
                "table2_gflops": paper,
                "gap_gflops": computed - paper,
                "relative_gap": (computed - paper) / paper,
            }
        )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- NLP: input length


@dataclass(frozen=True)
class TransformerShape:
    """Layers and attention width of a transformer, for the attention term of its FLOPs.

    ``n_layer`` counts every block whose attention spans the whole input (encoder and
    decoder blocks of the original Transformer together); ``d_attn`` is the attention
    output width (d_model); ``source`` cites the numbers.
    """

    n_layer: int
    d_attn: int
    source: str


#: The six Table 7 rows that are not at 128 tokens (their GFLOPs come from Gholami et al.).
TRANSFORMER_SHAPES: dict[str, TransformerShape] = {
    "transformer": TransformerShape(12, 512, "Vaswani et al. 2017, Table 3 (base: 6+6 layers, d_model 512)"),
    "gpt-2": TransformerShape(48, 1600, "Radford et al. 2019, Table 2 (1542M: 48 layers, d_model 1600)"),
    "megatron": TransformerShape(72, 3072, "Shoeybi et al. 2019, Table 1 (8.3B: 72 layers, hidden 3072)"),
    "albert-xxl": TransformerShape(12, 4096, "Lan et al. 2020, Table 1 (xxlarge: 12 layers, hidden 4096)"),
    "microsoft-t-nlg": TransformerShape(78, 4256, "Rosset 2020 (78 layers, hidden size 4256)"),
    "gpt-3": TransformerShape(96, 12288, "Brown et al. 2020, Table 2.1 (175B: 96 layers, d_model 12288)"),
}


def _positive_number(value: object, name: str) -> float:
    return checks.number(value, name, positive=True)


@finite_result
def kaplan_forward_gflops(params_millions: float, tokens: float, n_layer: int, d_attn: int) -> float:
    """GFLOPs of one forward pass over ``tokens`` tokens, by Kaplan et al. (2020), Table 1.

    Per token, ``C_forward = 2 N + 2 n_layer n_ctx d_attn`` FLOPs, with N the parameters
    and n_ctx = ``tokens``: two FLOPs per weight (a multiply and an add) plus the
    attention scores and their weighted sum over the context. Times ``tokens`` tokens,
    divided by 1e9. Kaplan et al. count N without the embeddings; with the total
    parameters, as Table 7 gives them, the dense part is a slight overestimate.

    GPT-3 (175,000 M parameters, 2048 tokens, 96 layers, d_attn 12,288):

    >>> round(kaplan_forward_gflops(175_000, 2048, 96, 12288))
    726696
    """
    n = _positive_number(params_millions, "params_millions") * 1e6
    length = _positive_number(tokens, "tokens")
    layers = _positive_number(n_layer, "n_layer")
    width = _positive_number(d_attn, "d_attn")
    return length * (2.0 * n + 2.0 * layers * length * width) / 1e9


def dense_flops_check(nlp_models: pd.DataFrame) -> pd.DataFrame:
    """Table 7's GFLOPs against ``2 x parameters x tokens``, the dense part of the forward pass.

    For a transformer each weight is used once per token, a multiply and an add, so a
    forward pass over L tokens costs about 2 N L FLOPs plus attention (Kaplan et al.
    2020). Returns ``model_id``, ``model``, ``input_tokens``, ``params_millions``,
    ``printed_gflops``, ``two_n_l_gflops`` and ``ratio`` (printed / 2NL). A ratio far
    from 1 flags parameter sharing (ALBERT: one layer's weights reused 12 times),
    convolutions (SqueezeBERT) or embeddings that hold parameters but cost no FLOPs.
    """
    needed = ["model_id", "model", "input_tokens", "params_millions", "gflops"]
    missing = [c for c in needed if c not in nlp_models.columns]
    if missing:
        raise InputError(f"missing column(s) {missing}")
    tokens = nlp_models["input_tokens"].astype(float)
    two_n_l = 2.0 * nlp_models["params_millions"].astype(float) * 1e6 * tokens / 1e9
    out = pd.DataFrame(
        {
            "model_id": nlp_models["model_id"].astype(str),
            "model": nlp_models["model"].astype(str),
            "input_tokens": tokens.astype(int),
            "params_millions": nlp_models["params_millions"].astype(float),
            "printed_gflops": nlp_models["gflops"].astype(float),
            "two_n_l_gflops": two_n_l,
        }
    )
    out["ratio"] = out["printed_gflops"] / out["two_n_l_gflops"]
    return out.reset_index(drop=True)


def normalise_to_tokens(nlp_models: pd.DataFrame, tokens: int | None) -> pd.DataFrame:
    """GFLOPs of every model rescaled to one input length, linearly in the number of tokens.

    ``gflops_new = gflops * tokens / input_tokens``. Linear scaling is exact for the
    dense layers, which cost 2 FLOPs per parameter per token, and ignores that the
    attention term of each token (``2 n_layer n_ctx d_attn``, Kaplan et al. 2020) also
    grows with the length: it keeps that term at the printed length.
    :func:`attention_adjusted_gflops` gives the size of the error (:func:`token_scaling_table`).

    ``tokens=None`` keeps the GFLOPs as printed (the paper's choice). Returns a copy
    with ``gflops`` and ``input_tokens`` replaced and the printed values kept in
    ``gflops_as_printed`` and ``input_tokens_as_printed``.
    """
    for column in ("gflops", "input_tokens"):
        if column not in nlp_models.columns:
            raise InputError(f"missing column {column!r}")
    out = nlp_models.copy()
    out["gflops_as_printed"] = out["gflops"].astype(float)
    out["input_tokens_as_printed"] = out["input_tokens"].astype(int)
    if tokens is None:
        return out
    length = _positive_number(tokens, "tokens")
    if length != int(length):
        raise InputError(f"tokens must be a whole number, got {tokens!r}")
    out["gflops"] = out["gflops_as_printed"] * length / out["input_tokens_as_printed"]
    out["input_tokens"] = int(length)
    return out


@finite_result
def attention_adjusted_gflops(
    printed_gflops: float, tokens_from: float, tokens_to: float, n_layer: int, d_attn: int
) -> float:
    """Rescale a printed GFLOPs value to another length, keeping the attention term quadratic.

    Anchored on the printed value: per token at ``tokens_from`` the cost is
    ``printed / tokens_from``, of which ``2 n_layer tokens_from d_attn`` FLOPs are
    attention (Kaplan et al. 2020, Table 1); the rest is dense and fixed per token. At
    ``tokens_to`` the per-token cost is the dense part plus ``2 n_layer tokens_to
    d_attn``. Returns GFLOPs for ``tokens_to`` tokens. Raises ValueError when the
    attention term alone exceeds the printed cost.

    GPT-3, 740,000 GFLOPs at 2048 tokens, rescaled to 128 tokens:

    >>> round(attention_adjusted_gflops(740_000, 2048, 128, 96, 12288))
    45670
    """
    printed = _positive_number(printed_gflops, "printed_gflops") * 1e9
    l_from = _positive_number(tokens_from, "tokens_from")
    l_to = _positive_number(tokens_to, "tokens_to")
    layers = _positive_number(n_layer, "n_layer")
    width = _positive_number(d_attn, "d_attn")
    attention_from = 2.0 * layers * l_from * width
    dense = printed / l_from - attention_from
    if dense <= 0:
        raise InputError("the attention term exceeds the printed cost: check n_layer and d_attn")
    return l_to * (dense + 2.0 * layers * l_to * width) / 1e9


def token_scaling_table(nlp_models: pd.DataFrame, tokens: int = 128) -> pd.DataFrame:
    """The rows not at ``tokens`` tokens, rescaled linearly and with the attention term.

    For each model of :data:`TRANSFORMER_SHAPES` whose printed length differs from
    ``tokens``: printed tokens and GFLOPs, the linear rescaling
    (:func:`normalise_to_tokens`), the attention-adjusted one
    (:func:`attention_adjusted_gflops`), the relative error of the linear value
    ((linear - adjusted) / adjusted) and the attention share of the printed cost
    (``2 n_layer L d_attn`` per token over printed / L).
    """
    length = _positive_number(tokens, "tokens")
    linear = normalise_to_tokens(nlp_models, int(length))
    rows = []
    for _, row in linear.iterrows():
        shape = TRANSFORMER_SHAPES.get(str(row["model_id"]))
        l_from = float(row["input_tokens_as_printed"])
        if shape is None or l_from == length:
            continue
        printed = float(row["gflops_as_printed"])
        adjusted = attention_adjusted_gflops(printed, l_from, length, shape.n_layer, shape.d_attn)
        share = 2.0 * shape.n_layer * l_from * shape.d_attn / (printed * 1e9 / l_from)
        rows.append(
            {
                "model_id": str(row["model_id"]),
                "model": str(row["model"]),
                "printed_tokens": int(l_from),
                "printed_gflops": printed,
                "n_layer": shape.n_layer,
                "d_attn": shape.d_attn,
                "attention_share": share,
                "linear_gflops": float(row["gflops"]),
                "adjusted_gflops": adjusted,
                "linear_error": (float(row["gflops"]) - adjusted) / adjusted,
            }
        )
    return pd.DataFrame(rows)


def nlp_fit_comparison(
    nlp_models: pd.DataFrame, lengths: tuple[int | None, ...] = (None, 128)
) -> pd.DataFrame:
    """The Fig. 6 fits (record setters, all models) with GFLOPs as printed and at one length.

    For each entry of ``lengths`` (``None`` = as printed, a number = every model
    rescaled linearly to that many tokens by :func:`normalise_to_tokens`), fit
    GFLOPs against release date over the record setters
    (:func:`dltrends.trends.select_record_setters`) and over all models. Returns one
    row per (length, selection) with ``tokens`` ('as printed' or the number as text),
    ``selection``, ``record_setters`` (names, comma-separated, for the record-setter
    rows) and the columns of :func:`fit_table`.
    """
    frames = []
    for length in lengths:
        frame = normalise_to_tokens(nlp_models, length)
        records = trends.select_record_setters(frame, "gflops")
        fits = {
            "record setters": trends.fit_frame(records, "gflops"),
            "all models": trends.fit_frame(frame, "gflops"),
        }
        table = fit_table(fits).rename(columns={"fit": "selection"})
        table.insert(0, "tokens", "as printed" if length is None else str(int(length)))
        table.insert(2, "record_setters", [", ".join(records["model"].astype(str)), ""])
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def _name_key(name: object) -> str:
    return "".join(ch for ch in str(name).lower() if ch.isalnum())


def memory_wall_match(nlp_models: pd.DataFrame, memory_wall_nlp: pd.DataFrame) -> pd.DataFrame:
    """Table 7 rows beside the same model in the AI and Memory Wall data (Gholami et al.).

    Models are matched by name, ignoring case, spaces and punctuation ('ALBERT-xxl' =
    'ALBERT xxl'); a model that the Memory Wall data list twice (one row per source
    document) with the same numbers counts once. Returns ``model_id``, ``model``,
    ``table7_tokens``, ``table7_gflops``, ``gflops_source``, ``memory_wall_tokens``,
    ``memory_wall_gflops`` and ``same`` (tokens and GFLOPs both equal), for the Table 7
    models found in ``memory_wall_nlp``.
    """
    wall = memory_wall_nlp.assign(_key=memory_wall_nlp["model"].map(_name_key))
    wall = wall.drop_duplicates(["_key", "token_size", "inference_gflops"]).set_index("_key")
    if not wall.index.is_unique:
        raise InputError("the Memory Wall data list a model twice with different numbers")
    rows = []
    for _, row in nlp_models.iterrows():
        key = _name_key(row["model"])
        if key not in wall.index:
            continue
        other = wall.loc[key]
        tokens = other["token_size"]
        gflops = other["inference_gflops"]
        rows.append(
            {
                "model_id": str(row["model_id"]),
                "model": str(row["model"]),
                "table7_tokens": int(row["input_tokens"]),
                "table7_gflops": float(row["gflops"]),
                "gflops_source": "" if pd.isna(row["gflops_source"]) else str(row["gflops_source"]),
                "memory_wall_tokens": pd.NA if pd.isna(tokens) else int(tokens),
                "memory_wall_gflops": None if pd.isna(gflops) else float(gflops),
                "same": bool(
                    pd.notna(tokens)
                    and pd.notna(gflops)
                    and int(tokens) == int(row["input_tokens"])
                    and float(gflops) == float(row["gflops"])
                ),
            }
        )
    out = pd.DataFrame(rows)
    out["memory_wall_tokens"] = out["memory_wall_tokens"].astype("Int64")
    return out


def cheaper_successors(
    df: pd.DataFrame, score_col: str, cost_col: str = "gflops", date_col: str = "release_date"
) -> pd.DataFrame:
    """For each model, the later models that score at least as much at a lower cost.

    "In a short period of time other models appear, which require much fewer FLOPs to
    reach the same score" (Desislavov et al. 2023, Fig. 5). Later means a strictly later
    release date; rows without a score are ignored. Returns one row per model, in date
    order, with ``model``, ``release_date``, ``score``, ``cost``, ``n_successors``,
    ``cheapest_successor`` (name, empty if none), ``cheapest_cost`` and ``cost_ratio``
    (cost / cheapest_cost; nan if none).
    """
    for column in ("model", score_col, cost_col, date_col):
        if column not in df.columns:
            raise InputError(f"missing column {column!r}")
    frame = df[df[score_col].notna()].sort_values(date_col, kind="stable")
    rows = []
    for _, row in frame.iterrows():
        later = frame[
            (frame[date_col] > row[date_col])
            & (frame[score_col] >= row[score_col])
            & (frame[cost_col] < row[cost_col])
        ]
        cheapest = later.loc[later[cost_col].idxmin()] if len(later) else None
        rows.append(
            {
                "model": str(row["model"]),
                "release_date": row[date_col],
                "score": float(row[score_col]),
                "cost": float(row[cost_col]),
                "n_successors": len(later),
                "cheapest_successor": "" if cheapest is None else str(cheapest["model"]),
                "cheapest_cost": math.nan if cheapest is None else float(cheapest[cost_col]),
                "cost_ratio": math.nan if cheapest is None else float(row[cost_col] / cheapest[cost_col]),
            }
        )
    return pd.DataFrame(rows)
