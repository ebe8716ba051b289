"""The chapter "CV trends": everything its page shows, computed here.

Each function returns what one section shows: a frame for a chart or a table, or the
numbers its prose quotes under literal keys (search a key to land on its line). The
comparisons with the printed Table 1 and the Eq. 4 estimates come from
:mod:`dltrends.compare.desislavov`, the same functions the data audit and the
reproduction scorecard use. A few helpers are shared with the chapter "NLP trends"
(:func:`span_numbers`, :func:`all_fit_numbers`, :func:`frontier_numbers`,
:func:`trend_lines`, :func:`fit_table`), so that each key the two pages share is
computed in one place.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dltrends import checks, scaling, trends
from dltrends.chapters.hardware import claim
from dltrends.checks import InputError, finite_result

#: Labels of the two Fig. 3 trends (and of their lines in the chart and the table).
BEST = "most accurate model of each year"
ALL = "all models"


# ----------------------------------------------------------------------------- shared helpers


def interval_text(low: float, high: float, fmt: str = ".1f") -> str:
    """A 95% interval as prose: ``'7.9 to 12.6'``, or why it is unbounded.

    Doubling-time intervals are nan when the growth rate's interval includes zero
    growth (:attr:`dltrends.trends.TrendFit.doubling_time_ci`).

    >>> interval_text(7.94, 12.61)
    '7.9 to 12.6'
    >>> interval_text(float("nan"), float("nan"))
    'unbounded (the 95% interval of the growth rate includes no growth at all)'
    """
    low = math.nan if _is_nan(low) else checks.number(low, "low", signed=True)
    high = math.nan if _is_nan(high) else checks.number(high, "high", signed=True)
    if not (math.isfinite(low) and math.isfinite(high)):
        return "unbounded (the 95% interval of the growth rate includes no growth at all)"
    return f"{low:{fmt}} to {high:{fmt}}"


def _is_nan(value: object) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _year(frame: pd.DataFrame, column: str = "release_date") -> pd.Index:
    return pd.DatetimeIndex(frame[column]).year


def span_numbers(models: pd.DataFrame) -> dict[str, object]:
    """How many models a page uses and the years they span (both trend chapters)."""
    years = _year(models)
    return {
        "n_models": len(models),
        "year_first": int(years.min()),
        "year_last": int(years.max()),
    }


def all_fit_numbers(fit: trends.TrendFit) -> dict[str, object]:
    """The numbers of an exponential fit to all models (the solid lines of Figs 3 and 6)."""
    s = trends.summary(fit)
    return {
        "all_n": s["n"],
        "gflops_all_growth": s["growth"],
        "gflops_all_growth_low": s["growth_low"],
        "gflops_all_growth_high": s["growth_high"],
        "all_doubling": s["doubling_months"],
        "all_doubling_ci": interval_text(s["doubling_months_low"], s["doubling_months_high"]),
        "all_r2": s["r2"],
    }


def frontier_numbers(frontier: pd.DataFrame) -> dict[str, object]:
    """The models of a Pareto frontier (Figs 4 and 5), from the cheapest to the best."""
    return {
        "pareto_n": len(frontier),
        "pareto_models": ", ".join(frontier["model"].astype(str)),
        "pareto_year_min": int(_year(frontier).min()),
    }


def trend_lines(fits: Mapping[str, trends.TrendFit], models: pd.DataFrame) -> pd.DataFrame:
    """Each named fit drawn from 1 January of the first release year to 31 December of
    the last (:func:`dltrends.trends.line`), stacked in order with the label in ``fit``.
    """
    if not fits:
        raise InputError("no fits given")
    years = _year(models)
    start, end = f"{years.min()}-01-01", f"{years.max()}-12-31"
    frames = [trends.line(fit, start, end).assign(fit=label) for label, fit in fits.items()]
    return pd.concat(frames, ignore_index=True)


def fit_table(fits: Mapping[str, trends.TrendFit]) -> pd.DataFrame:
    """One row per named fit (:func:`dltrends.trends.summary`): ``fit``, ``n``, ``growth``
    per year with its 95% CI, the doubling time in months with its 95% CI, ``r2``.
    """
    rows = []
    for label, fit in fits.items():
        s = trends.summary(fit)
        rows.append(
            {
                "fit": label,
                "n": s["n"],
                "growth": s["growth"],
                "growth_low": s["growth_low"],
                "growth_high": s["growth_high"],
                "doubling_months": s["doubling_months"],
                "doubling_months_low": s["doubling_months_low"],
                "doubling_months_high": s["doubling_months_high"],
                "r2": s["r2"],
            }
        )
    return pd.DataFrame(rows)


def fit_view(fits: Mapping[str, trends.TrendFit]) -> pd.DataFrame:
    """:func:`fit_table` for a page: each 95% interval as one text column (``growth_ci``,
    two decimals; ``doubling_ci``, months to one decimal), so the table fits the column.
    """
    table = fit_table(fits)
    return pd.DataFrame(
        {
            "fit": table["fit"],
            "n": table["n"],
            "growth": table["growth"],
            "growth_ci": [
                interval_text(lo, hi, ".2f")
                for lo, hi in zip(table["growth_low"], table["growth_high"], strict=True)
            ],
            "doubling_months": table["doubling_months"],
            "doubling_ci": [
                interval_text(lo, hi)
                for lo, hi in zip(table["doubling_months_low"], table["doubling_months_high"], strict=True)
            ],
            "r2": table["r2"],
        }
    )


#: Headers of :func:`fit_view` (and of the fit tables built from :func:`fit_table`).
FIT_HEADERS = {
    "n": "models",
    "growth": "× per year",
    "growth_ci": "95% CI",
    "doubling_months": "doubling (months)",
    "doubling_ci": "95% CI",
}


# ----------------------------------------------------------------------------- the data


def selection(
    cv_models: pd.DataFrame,
    year_from: int | None = None,
    year_to: int | None = None,
    include_extra_data: bool = True,
) -> pd.DataFrame:
    """The models released from ``year_from`` to ``year_to`` (calendar years, inclusive).

    ``include_extra_data=False`` also drops the models trained with data beyond
    ImageNet-1k (``extra_data`` other than ``'No'``). ``None`` for a year means no bound.
    Returns a copy in the original order; raises ValueError when the bounds are reversed
    or nothing is left.
    """
    checks.frame(cv_models, ["release_date", "extra_data"], "selection")
    if year_from is not None and year_to is not None and year_from > year_to:
        raise InputError(f"year_from ({year_from}) is after year_to ({year_to})")
    years = _year(cv_models)
    keep = np.ones(len(cv_models), dtype=bool)
    if year_from is not None:
        keep &= years >= year_from
    if year_to is not None:
        keep &= years <= year_to
    if not include_extra_data:
        keep &= (cv_models["extra_data"].astype(str) == "No").to_numpy()
    out = cv_models[keep].copy()
    if out.empty:
        raise InputError(
            f"no model left for years {year_from}-{year_to} (include_extra_data={include_extra_data})"
        )
    return out


def _extra(models: pd.DataFrame) -> pd.Series:
    return models["extra_data"].astype(str) != "No"


def data_counts(cv: pd.DataFrame) -> pd.DataFrame:
    """Models per architecture, trained on ImageNet-1k only or with extra data."""
    counts = pd.crosstab(cv["architecture"].astype(str), _extra(cv).map({False: "no", True: "yes"}))
    out = pd.DataFrame(
        {
            "architecture": counts.index.to_numpy(),
            "imagenet_only": counts["no"].to_numpy() if "no" in counts else 0,
            "extra_data": counts["yes"].to_numpy() if "yes" in counts else 0,
        }
    )
    out["all"] = out["imagenet_only"] + out["extra_data"]
    order = {"CNN": 0, "Transformer": 1, "Hybrid": 2}
    return out.sort_values("architecture", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def data_numbers(all_models: pd.DataFrame, cv: pd.DataFrame, include_extra_data: bool) -> dict[str, object]:
    """The numbers of the section on the data."""
    return {
        **span_numbers(cv),
        "n_all": len(all_models),
        "n_extra": int(_extra(cv).sum()),
        "extra_data_choice": "included" if include_extra_data else "left out",
    }


# ----------------------------------------------------------------------------- Fig. 1


#: Headers of :func:`correlation_variants` on the page.
CORRELATION_HEADERS = {
    "cnn": "CNN r",
    "cnn_points": "CNN points",
    "transformer": "transformer r",
    "transformer_points": "transformer points",
}


#: The procedures of :func:`correlation_variants`: label and keywords of
#: :func:`dltrends.trends.params_flops_correlation`.
CORRELATION_PROCEDURES: dict[str, dict[str, object]] = {
    "Pearson, distinct points, no Hybrids (this book)": {},
    "Pearson, every row": {"unique_points": False},
    "Pearson, distinct points, Hybrids as CNNs": {"hybrid_as": "CNN"},
    "Pearson on log10 values, every row": {"unique_points": False, "log10": True},
    "Spearman (ranks), every row": {"unique_points": False, "method": "spearman"},
}


def correlation_variants(cv: pd.DataFrame) -> pd.DataFrame:
    """The Fig. 1 parameters-GFLOPs correlation under each procedure one could have used.

    The first row is the book's reading of the paper's procedure; each other row changes
    one or two choices. Columns ``procedure``, ``cnn`` and ``transformer`` (Pearson's or
    Spearman's r) and ``cnn_points``, ``transformer_points``.
    """
    rows = []
    for label, kwargs in CORRELATION_PROCEDURES.items():
        table = trends.params_flops_correlation(cv, **kwargs).set_index("architecture")
        rows.append(
            {
                "procedure": label,
                "cnn": float(table.loc["CNN", "r"]),
                "cnn_points": int(table.loc["CNN", "n_points"]),
                "transformer": float(table.loc["Transformer", "r"]),
                "transformer_points": int(table.loc["Transformer", "n_points"]),
            }
        )
    return pd.DataFrame(rows)


def fig1_numbers(cv: pd.DataFrame, claims: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on Fig. 1."""
    book = trends.params_flops_correlation(cv).set_index("architecture")
    every = trends.params_flops_correlation(cv, unique_points=False).set_index("architecture")
    logs = trends.params_flops_correlation(cv, unique_points=False, log10=True).set_index("architecture")
    return {
        "cnn_r": float(book.loc["CNN", "r"]),
        "cnn_n": int(book.loc["CNN", "n_points"]),
        "transformer_r": float(book.loc["Transformer", "r"]),
        "transformer_n": int(book.loc["Transformer", "n_points"]),
        "paper_cnn_r": claim(claims, "CNNs (Fig. 1)"),
        "paper_transformer_r": claim(claims, "transformers (Fig. 1)"),
        "cnn_r_all_rows": float(every.loc["CNN", "r"]),
        "cnn_r_log": float(logs.loc["CNN", "r"]),
    }


# ----------------------------------------------------------------------------- Fig. 2


def with_training(cv: pd.DataFrame) -> pd.DataFrame:
    """The models with ``training``: 'extra data' or 'ImageNet-1k only' (Fig. 2's shapes)."""
    return cv.assign(training=_extra(cv).map({True: "extra data", False: "ImageNet-1k only"}))


def fig2_numbers(all_models: pd.DataFrame, cv: pd.DataFrame, claims: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on Fig. 2."""
    best = trends.select_best_per_year(cv)
    first, last = best.iloc[0], best.iloc[-1]
    by_name = all_models.assign(model=all_models["model"].astype(str)).set_index("model")
    alexnet = by_name.loc["AlexNet"]
    mpl = by_name.loc["Meta Pseudo Labels L2"]
    vit = by_name.loc["ViT-G/14"]
    largest = cv.nlargest(10, "gflops")
    return {
        "first_best_model": str(first["model"]),
        "first_best_year": int(first["release_date"].year),
        "first_best_acc": float(first["top1_accuracy"]),
        "last_best_model": str(last["model"]),
        "last_best_year": int(last["release_date"].year),
        "last_best_acc": float(last["top1_accuracy"]),
        "last_best_gflops": float(last["gflops"]),
        "n_largest": len(largest),
        "n_largest_extra": int(_extra(largest).sum()),
        "alexnet_acc": float(alexnet["top1_accuracy"]),
        "alexnet_table2_gflops": float(alexnet["gflops"]),
        "mpl_acc": float(mpl["top1_accuracy"]),
        "mpl_gflops": float(mpl["gflops"]),
        "mpl_date": mpl["release_date"].strftime("%Y-%m-%d"),
        "vit_acc": float(vit["top1_accuracy"]),
        "vit_date": vit["release_date"].strftime("%Y-%m-%d"),
        "paper_alexnet_acc": claim(claims, "AlexNet Top-1 accuracy in 2012"),
        "paper_mpl_acc": claim(claims, "Meta Pseudo Labels (EfficientNet-L2) Top-1"),
        "paper_mpl_year": int(claim(claims, "Year of Meta Pseudo Labels")),
        "paper_l2_gflops": claim(claims, "EfficientNet-L2 forward pass"),
    }


# ----------------------------------------------------------------------------- Fig. 3


def fig3_fits(cv: pd.DataFrame) -> dict[str, trends.TrendFit]:
    """The two Fig. 3 trends: the most accurate model of each year, and all models."""
    best = trends.select_best_per_year(cv)
    return {BEST: trends.fit_frame(best, "gflops"), ALL: trends.fit_frame(cv, "gflops")}


def fig3_points(cv: pd.DataFrame) -> pd.DataFrame:
    """Fig. 3's points: :func:`with_training` and ``highlight`` on the best of each year."""
    best = trends.select_best_per_year(cv)
    return with_training(cv).assign(highlight=cv.index.isin(best.index))


def fig3_numbers(cv: pd.DataFrame, claims: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on Fig. 3."""
    fits = fig3_fits(cv)
    best = trends.summary(fits[BEST])
    apart = fits[BEST].slope_ci[0] > fits[ALL].slope_ci[1]
    return {
        "best_n": best["n"],
        "gflops_best_growth": best["growth"],
        "gflops_best_growth_low": best["growth_low"],
        "gflops_best_growth_high": best["growth_high"],
        "best_doubling": best["doubling_months"],
        "best_doubling_ci": interval_text(best["doubling_months_low"], best["doubling_months_high"]),
        "best_r2": best["r2"],
        **all_fit_numbers(fits[ALL]),
        "slopes_differ": "do not overlap" if apart else "overlap",
        "paper_training_doubling": claim(claims, "Doubling time of compute used by AI"),
    }


# ----------------------------------------------------------------------------- Table 1


def table1_view(table1: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.compare.desislavov.table1` with the printed name only where it differs."""
    out = table1.copy()
    pairs = zip(out["model"], out["printed_as"].fillna(""), strict=True)
    out["printed_as"] = [p if p != m else "" for m, p in pairs]
    out["year"] = out["year"].astype(int).astype(str)
    return out[["model", "printed_as", "year", "top1_accuracy", "gflops", "in_computed", "in_paper"]]


def table1_numbers(
    all_models: pd.DataFrame, cv: pd.DataFrame, table1: pd.DataFrame, band_factor: float
) -> dict[str, object]:
    """The numbers of the section on Table 1 (``table1`` from
    :func:`dltrends.compare.desislavov.table1` with the same ``band_factor``).
    """
    alexnet = float(all_models.loc[all_models["model"].astype(str) == "AlexNet", "gflops"].iloc[0])
    band = (1 / band_factor, band_factor)
    kept = trends.models_near_flops(cv, alexnet, band)
    first, last = kept.iloc[0], kept.iloc[-1]
    same = bool(table1["in_computed"].all() and table1["in_paper"].all())
    return {
        "band_factor": float(band_factor),
        "gflops_band_low": band[0] * alexnet,
        "gflops_band_high": band[1] * alexnet,
        "table1_n": len(kept),
        "table1_paper_n": int(table1["in_paper"].sum()),
        "table1_both": int((table1["in_computed"] & table1["in_paper"]).sum()),
        "table1_verdict": "the same models as" if same else "not the same models as",
        "t1_first": f"{first['model']} ({first['release_date'].year})",
        "t1_first_acc": float(first["top1_accuracy"]),
        "t1_last": f"{last['model']} ({last['release_date'].year})",
        "t1_last_acc": float(last["top1_accuracy"]),
        "t1_gain": float(last["top1_accuracy"] - first["top1_accuracy"]),
    }


# ----------------------------------------------------------------------------- Fig. 4


def frontier(cv: pd.DataFrame) -> pd.DataFrame:
    """The accuracy-GFLOPs Pareto frontier of Fig. 4 (:func:`dltrends.trends.pareto_frontier`)."""
    return trends.pareto_frontier(cv, "gflops", "top1_accuracy")


def frontier_view(front: pd.DataFrame) -> pd.DataFrame:
    """The frontier's models for the page's table, from the cheapest."""
    return front[["model", "top1_accuracy", "gflops", "release_date", "extra_data"]].assign(
        model=front["model"].astype(str), extra_data=front["extra_data"].astype(str)
    )


def fig4_numbers(cv: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on Fig. 4."""
    front = frontier(cv)
    recent = int(_year(cv).max()) - 2
    return {
        **frontier_numbers(front),
        "pareto_extra": int(_extra(front).sum()),
        "recent_year": recent,
        "pareto_share_recent": float(np.mean(_year(front) >= recent) * 100),
    }


# ----------------------------------------------------------------------------- Eq. 4


def eq4_view(estimates: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.compare.desislavov.eq4_estimates` step by step, gap in percent."""
    columns = ["model", "base_gflops", "depth_ratio", "width_ratio", "resolution_ratio"]
    columns += ["factor", "recomputed", "printed"]
    return estimates[columns].assign(gap_percent=estimates["relative_gap"] * 100)


#: Decimals of :func:`eq4_view` on the page.
EQ4_DIGITS = 2

#: Headers of :func:`eq4_view` on the page.
EQ4_HEADERS = {
    "base_gflops": "base",
    "depth_ratio": "d",
    "width_ratio": "w",
    "resolution_ratio": "r",
    "factor": "d·w²·r²",
    "recomputed": "Eq. 4",
    "printed": "Table 2",
    "gap_percent": "gap (%)",
}


def eq4_numbers(estimates: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on the estimated GFLOPs (Eq. 3 and 4)."""
    arch = scaling.ARCHITECTURES
    b0, b7, l2 = arch["EfficientNet-B0"], arch["EfficientNet-B7"], arch["EfficientNet-L2"]
    rows = estimates.set_index("model")
    noisy = rows.loc["NoisyStudent-L2"]
    efficientnet = rows.drop(index="ViT-G/14")
    return {
        "b7_w": float(b7.width),
        "b7_d": float(b7.depth),
        "b7_r": int(b7.resolution_px),
        "l2_w": float(l2.width),
        "l2_d": float(l2.depth),
        "l2_r": int(l2.resolution_px),
        "b0_r": int(b0.resolution_px),
        "b7_gflops": float(b7.gflops),
        "b0_gflops": float(b0.gflops),
        # Tan and Le print half these numbers as "FLOPs": they count multiply-adds.
        "b7_tan_le": float(b7.gflops) / 2,
        "b0_tan_le": float(b0.gflops) / 2,
        "fix_l2_r": int(arch["FixEfficientNet-L2"].resolution_px),
        "fix_b7_r": int(arch["FixEfficientNet-B7"].resolution_px),
        "fix_b0_r": int(arch["FixEfficientNet-B0"].resolution_px),
        "n_estimates": len(estimates),
        "n_estimates_ok": int((estimates["relative_gap"].abs() < 0.01).sum()),
        "l2_factor": float(noisy["factor"]),
        "l2_computed": float(noisy["recomputed"]),
        "l2_printed": float(noisy["printed"]),
        "max_gap_non_vit": float(efficientnet["relative_gap"].abs().max() * 100),
    }


# ----------------------------------------------------------------------------- ViT-G/14


def with_gflops(models: pd.DataFrame, replacements: Mapping[str, float]) -> pd.DataFrame:
    """A copy of a model table with the GFLOPs of the named models replaced.

    For a sensitivity check: ViT-G/14 at the GFLOPs Eq. 4 gives instead of the printed
    value. Raises ValueError for a name not in the table.
    """
    out = models.copy()
    names = out["model"].astype(str)
    for model, gflops in replacements.items():
        rows = names == model
        if not rows.any():
            raise InputError(f"no model named {model!r}")
        out.loc[rows, "gflops"] = checks.number(gflops, "gflops", positive=True)
    return out


@finite_result
def resolution_for_gflops(
    base_gflops: float, base_resolution_px: float, target_gflops: float, exponent: float = 2.0
) -> float:
    """The input resolution (pixels per side) at which ``base * (r / base_r)**exponent``
    equals ``target_gflops``: the inverse of :func:`dltrends.scaling.scale_resolution`.

    >>> round(resolution_for_gflops(2859.9, 384, 5270), 1)
    521.3
    """
    ratio = checks.number(target_gflops, "target_gflops", positive=True) / checks.number(
        base_gflops, "base_gflops", positive=True
    )
    root = 1.0 / checks.number(exponent, "exponent", positive=True)
    return checks.number(base_resolution_px, "base_resolution_px", positive=True) * ratio**root


def vit_numbers(cv: pd.DataFrame, estimates: pd.DataFrame) -> dict[str, object]:
    """The numbers of the paragraph on ViT-G/14's GFLOPs."""
    arch = scaling.ARCHITECTURES
    at224, at384, at518 = arch["ViT-G/14 @224"], arch["ViT-G/14 @384"], arch["ViT-G/14"]
    exponent = scaling.empirical_resolution_exponent(
        at224.gflops, at224.resolution_px, at384.gflops, at384.resolution_px
    )
    vit = estimates.set_index("model").loc["ViT-G/14"]
    best = trends.select_best_per_year(cv)
    in_best = "ViT-G/14" in set(best["model"].astype(str))
    best_vit = with_gflops(best, {"ViT-G/14": float(vit["recomputed"])}) if in_best else best
    return {
        "vit_224_gflops": float(at224.gflops),
        "vit_384_gflops": float(at384.gflops),
        "vit_224_r": int(at224.resolution_px),
        "vit_384_r": int(at384.resolution_px),
        "vit_r": int(at518.resolution_px),
        "vit_exponent": exponent,
        "vit_computed": float(vit["recomputed"]),
        "vit_printed": float(vit["printed"]),
        "vit_gap_abs_pct": abs(float(vit["relative_gap"])) * 100,
        "vit_gap_direction": "below" if vit["relative_gap"] < 0 else "above",
        "vit_from_224": scaling.scale_resolution(at224.gflops, at224.resolution_px, at518.resolution_px),
        "vit_empirical": scaling.scale_resolution(
            at384.gflops, at384.resolution_px, at518.resolution_px, exponent
        ),
        "vit_needed_px": resolution_for_gflops(at384.gflops, at384.resolution_px, float(vit["printed"])),
        "vit_in_best": "is" if in_best else "is not",
        "gflops_best_growth_vit": trends.summary(trends.fit_frame(best_vit, "gflops"))["growth"],
    }
