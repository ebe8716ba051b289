"""Exponential trends, model selections and Pareto frontiers (Desislavov et al. 2023).

The paper draws every trend as a straight line on a logarithmic y-axis: "an exponential
growth (shown as a linear fit since the y-axis is logarithmic)" (Figs 3, 6, 8, 9, 10).
:func:`fit_exponential_trend` is that fit: ordinary least squares of ``log10(value)`` on the
release date as a decimal year, so the slope is in log10 units per year and the growth
factor per year is ``10**slope``.

Selections of the models each line is fitted to:

* :func:`select_all`: every model (the solid lines of Figs 3, 6, 9, 10).
* :func:`select_best_per_year`: the most accurate model of each calendar year (the dashed
  lines of Figs 3 and 9).
* :func:`select_record_setters`: the models that were the most demanding when released
  (the dashed line of Fig. 6).
* :func:`yearly_mean`: the average of each year (the dotted lines of Figs 9 and 10).

Also here: :func:`pareto_frontier` (Figs 4 and 11), :func:`params_flops_correlation`
(Fig. 1) and :func:`models_near_flops` (Table 1).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from dltrends.checks import InputError

from . import checks

#: Dates of data points (models, GPUs) must fall in these years, inclusive.
DATA_YEAR_RANGE = (2009, 2035)

#: log10(2): a trend with this slope doubles every year.
LOG10_2 = math.log10(2.0)

#: Confidence level of every interval in this module.
CONFIDENCE = 0.95


# ----------------------------------------------------------------------------- dates


def _to_timestamps(dates: object) -> pd.DatetimeIndex:
    if isinstance(dates, (str, np.datetime64, datetime.date)):
        dates = [dates]
    try:
        index = pd.DatetimeIndex(pd.to_datetime(pd.Series(list(dates)), errors="raise"))
    except (TypeError, ValueError) as error:
        raise InputError(f"dates must be dates (datetime64, Timestamp or ISO text): {error}") from None
    if index.isna().any():
        raise InputError("dates contain a missing value (NaT)")
    return index


def decimal_year(dates: object) -> np.ndarray:
    """Convert dates to decimal years: the year plus the elapsed fraction of that year.

    ``2020-01-01`` is 2020.0 and ``2020-07-02`` (day 184 of a 366-day year) is 2020.5.
    The fraction is (date - 1 January) / (length of that year), so leap years are exact.
    Accepts one date or an iterable of dates (datetime64, Timestamps, ISO strings).
    Returns a float array in years. Raises ValueError for missing or unparseable dates.

    >>> decimal_year(["2020-01-01", "2020-07-02"]).tolist()
    [2020.0, 2020.5]
    """
    index = _to_timestamps(dates)
    start = pd.to_datetime(index.year.astype(str) + "-01-01")
    end = pd.to_datetime((index.year + 1).astype(str) + "-01-01")
    fraction = (index - start) / (end - start)
    return np.asarray(index.year + fraction, dtype=float)


def _as_years(dates_or_years: object) -> np.ndarray:
    """Decimal years from dates, or from numbers already in years."""
    values = dates_or_years
    if isinstance(values, (int, float, np.integer, np.floating)) and not isinstance(values, bool):
        values = [values]
    if isinstance(values, (pd.Series, pd.Index, np.ndarray, list, tuple)):
        array = pd.Series(list(values))
        if (
            len(array)
            and pd.api.types.is_numeric_dtype(array)
            and not array.map(lambda v: isinstance(v, bool)).any()
        ):
            years = array.to_numpy(dtype=float)
            if not np.isfinite(years).all():
                raise InputError("years must be finite numbers")
            return years
    return decimal_year(values)


def _check_data_years(years: np.ndarray, what: str) -> None:
    low, high = DATA_YEAR_RANGE
    bad = years[(years < low) | (years >= high + 1)]
    if bad.size:
        raise InputError(
            f"{what} outside {low}-{high}: {sorted(set(np.round(bad, 2)))[:5]} "
            "(a data point must be dated within the range)"
        )


# ----------------------------------------------------------------------------- the fit


@dataclass(frozen=True)
class TrendFit:
    """An exponential trend ``value = 10**(intercept + slope * year)``, fitted by OLS.

    Attributes:
        slope: log10 units per year (0.301 means doubling every year).
        intercept: log10 of the value at decimal year 0 (an extrapolation; use
            :meth:`predict` for values at real dates).
        n: number of points fitted.
        r2: coefficient of determination of the fit of log10(value).
        slope_ci: 95% confidence interval of the slope (t distribution, n - 2 df).
        year_center: mean decimal year of the points (the fit is centred there).
        log10_at_center: fitted log10(value) at ``year_center``.
        cov_centered: covariance of (log10_at_center, slope), row by row.
        residual_variance: residual variance of log10(value) (OLS scale, n - 2 df).

    """

    slope: float
    intercept: float
    n: int
    r2: float
    slope_ci: tuple[float, float]
    year_center: float
    log10_at_center: float
    cov_centered: tuple[tuple[float, float], tuple[float, float]]
    residual_variance: float

    @property
    def df_resid(self) -> int:
        """Residual degrees of freedom, n - 2."""
        return self.n - 2

    @property
    def growth_per_year(self) -> float:
        """Multiplicative change per year, ``10**slope`` (2.0 = doubles every year)."""
        return 10.0**self.slope

    @property
    def growth_per_year_ci(self) -> tuple[float, float]:
        """95% confidence interval of :attr:`growth_per_year`."""
        return (10.0 ** self.slope_ci[0], 10.0 ** self.slope_ci[1])

    @property
    def doubling_time_years(self) -> float:
        """Years for the value to double, ``log10(2) / slope``.

        Sign convention: negative when the trend decreases; its absolute value is then
        the halving time (see :attr:`halving_time_years`). Infinite for a zero slope.
        """
        return math.inf if self.slope == 0 else LOG10_2 / self.slope

    @property
    def halving_time_years(self) -> float:
        """Years for the value to halve, ``-log10(2) / slope`` (negative if it grows)."""
        return math.inf if self.slope == 0 else -LOG10_2 / self.slope

    @property
    def doubling_time_ci(self) -> tuple[float, float]:
        """95% confidence interval of :attr:`doubling_time_years`, from the slope's CI.

        ``(log10(2)/upper, log10(2)/lower)``. When the slope CI contains 0 the interval
        is unbounded (any doubling or halving time is compatible): returns (nan, nan).
        """
        low, high = self.slope_ci
        if low <= 0 <= high:
            return (math.nan, math.nan)
        return (LOG10_2 / high, LOG10_2 / low)

    @property
    def halving_time_ci(self) -> tuple[float, float]:
        """95% confidence interval of :attr:`halving_time_years` ((nan, nan) as above)."""
        low, high = self.doubling_time_ci
        return (-high, -low)

    def predict(self, dates_or_years: object) -> pd.DataFrame:
        """Fitted values with 95% confidence (mean) and prediction bands.

        ``dates_or_years``: dates, or decimal years as numbers (any year: forecasts may
        extrapolate). Returns one row per input with columns ``decimal_year``,
        ``fitted``, ``ci_lower``, ``ci_upper`` (band for the trend line itself),
        ``pi_lower``, ``pi_upper`` (band for a new model at that date), all in the
        original units of the fitted values (``10**`` of the log10 fit).
        """
        years = _as_years(dates_or_years)
        if years.size == 0:
            raise InputError("nothing to predict: no dates or years given")
        dx = years - self.year_center
        log_fit = self.log10_at_center + self.slope * dx
        (c00, c01), (_, c11) = self.cov_centered
        var_mean = c00 + 2.0 * dx * c01 + dx**2 * c11
        se_mean = np.sqrt(var_mean)
        se_obs = np.sqrt(var_mean + self.residual_variance)
        t = stats.t.ppf(0.5 + CONFIDENCE / 2.0, self.df_resid)
        return pd.DataFrame(
            {
                "decimal_year": years,
                "fitted": 10.0**log_fit,
                "ci_lower": 10.0 ** (log_fit - t * se_mean),
                "ci_upper": 10.0 ** (log_fit + t * se_mean),
                "pi_lower": 10.0 ** (log_fit - t * se_obs),
                "pi_upper": 10.0 ** (log_fit + t * se_obs),
            }
        )


def fit_exponential_trend(dates: object, values: Iterable[float]) -> TrendFit:
    """Fit ``log10(value) = intercept + slope * year`` by OLS (statsmodels).

    The paper's trend lines (Figs 3, 6, 8, 9, 10): a straight line on a log10 y-axis.
    ``dates``: release or launch dates (within 2009-2035), or decimal years as numbers;
    ``values``: positive quantities (GFLOPs, GFLOPS/W, joules), in any unit, which the
    fit's predictions keep. Needs at least 3 points (one residual degree of freedom) and
    at least two distinct dates. Raises ValueError otherwise, or for non-positive values.
    """
    years = _as_years(dates)
    _check_data_years(years, "dates")
    y = pd.Series(list(values), dtype=float).to_numpy()
    if y.size != years.size:
        raise InputError(f"{years.size} dates but {y.size} values")
    if y.size < 3:
        raise InputError(f"an exponential trend needs at least 3 points, got {y.size}")
    if not np.isfinite(y).all() or (y <= 0).any():
        raise InputError("values must be finite and > 0 (they are fitted on a log scale)")
    if np.ptp(years) == 0:
        raise InputError("all points have the same date: the slope is undefined")
    center = float(years.mean())
    design = sm.add_constant(years - center)
    result = sm.OLS(np.log10(y), design).fit()
    a, b = (float(v) for v in result.params)
    low, high = (float(v) for v in result.conf_int(alpha=1.0 - CONFIDENCE)[1])
    cov = np.asarray(result.cov_params())
    return TrendFit(
        slope=b,
        intercept=a - b * center,
        n=int(y.size),
        r2=float(result.rsquared),
        slope_ci=(low, high),
        year_center=center,
        log10_at_center=a,
        cov_centered=((float(cov[0, 0]), float(cov[0, 1])), (float(cov[1, 0]), float(cov[1, 1]))),
        residual_variance=float(result.scale),
    )


def fit_frame(df: pd.DataFrame, value_col: str, date_col: str = "release_date") -> TrendFit:
    """:func:`fit_exponential_trend` on two columns of a frame (e.g. a selection below)."""
    _check_frame(df, [value_col, date_col])
    return fit_exponential_trend(df[date_col], df[value_col])


# ----------------------------------------------------------------------------- selections


def _check_frame(df: pd.DataFrame, columns: Sequence[str]) -> None:
    checks.frame(df, columns, "selection")


def select_all(df: pd.DataFrame) -> pd.DataFrame:
    """Every model: the paper's solid lines (Figs 3, 6, 9, 10). Returns a copy."""
    _check_frame(df, [])
    return df.copy()


def select_best_per_year(
    df: pd.DataFrame, score_col: str = "top1_accuracy", date_col: str = "release_date"
) -> pd.DataFrame:
    """Select the model with the highest score in each calendar year (of ``date_col``).

    For CV this is the most accurate ImageNet model of each year, the models the paper's
    dashed lines in Figs 3 and 9 are fitted to ("the models with highest accuracy for
    each year"). Ties on the score are broken by the earlier release date, then by the
    order of the frame. Rows with no score are ignored. Returns the selected rows, in
    date order, with their original index.
    """
    _check_frame(df, [score_col, date_col])
    scored = df[df[score_col].notna()]
    if scored.empty:
        raise InputError(f"empty selection: no row has a {score_col!r} value")
    years = pd.DatetimeIndex(scored[date_col]).year
    order = scored.assign(_year=years, _pos=np.arange(len(scored)))
    order = order.sort_values(["_year", score_col, date_col, "_pos"], ascending=[True, False, True, True])
    best = order.groupby("_year", sort=True).head(1)
    return best.drop(columns=["_year", "_pos"]).sort_values(date_col, kind="stable")


def select_record_setters(
    df: pd.DataFrame, value_col: str = "gflops", date_col: str = "release_date"
) -> pd.DataFrame:
    """Models that, when released, were the most demanding so far (a running maximum).

    The paper's Fig. 6 dashed line: "models that, when released, become the most
    demanding model". A model is kept when its value is strictly greater than that of
    every model released on an earlier date. Models released on the same date are
    compared only with earlier dates; of those that beat the earlier maximum, only the
    largest of that date is kept (several if they tie exactly). The first model is
    always a record. Returns the kept rows in date order.
    """
    _check_frame(df, [value_col, date_col])
    frame = df[df[value_col].notna()]
    if frame.empty:
        raise InputError(f"empty selection: no row has a {value_col!r} value")
    if (frame[value_col] <= 0).any():
        raise InputError(f"{value_col} must be > 0")
    frame = frame.sort_values(date_col, kind="stable")
    date_max = frame.groupby(date_col)[value_col].transform("max")
    by_date = frame.groupby(date_col)[value_col].max().sort_index()
    earlier_max = by_date.cummax().shift(1)
    prev = frame[date_col].map(earlier_max)
    keep = (frame[value_col] == date_max) & (prev.isna() | (frame[value_col] > prev))
    return frame[keep]


def yearly_mean(
    df: pd.DataFrame,
    value_col: str = "joules",
    date_col: str = "release_date",
    geometric: bool = False,
) -> pd.DataFrame:
    """Mean of ``value_col`` per calendar year: the paper's dotted lines (Figs 9 and 10).

    The paper calls the line "the average Joules for each year", which reads as the
    plain **arithmetic** mean; that is the default. On a log axis the arithmetic mean is
    pulled up by the largest model of the year, so ``geometric=True`` gives the
    geometric mean (the mean of log10 values, back-transformed), which sits in the
    middle of the points as drawn. Returns columns ``year``, ``decimal_year`` (mid-year,
    ``year + 0.5``, for plotting), ``n_models`` and ``mean``, in the units of
    ``value_col``.
    """
    _check_frame(df, [value_col, date_col])
    frame = df[df[value_col].notna()]
    if frame.empty:
        raise InputError(f"empty selection: no row has a {value_col!r} value")
    values = frame[value_col].astype(float)
    if geometric and (values <= 0).any():
        raise InputError(f"{value_col} must be > 0 for a geometric mean")
    years = pd.DatetimeIndex(frame[date_col]).year
    if geometric:
        grouped = np.log10(values).groupby(years)
        means = 10.0 ** grouped.mean()
    else:
        grouped = values.groupby(years)
        means = grouped.mean()
    out = pd.DataFrame(
        {
            "year": means.index.astype(int),
            "decimal_year": means.index.astype(float) + 0.5,
            "n_models": grouped.size().to_numpy(),
            "mean": means.to_numpy(),
        }
    )
    return out.reset_index(drop=True)


def pareto_frontier(
    df: pd.DataFrame, cost_col: str = "gflops", score_col: str = "top1_accuracy"
) -> pd.DataFrame:
    """Select the models on the cost-score Pareto frontier, sorted by cost (then score).

    A model is on the frontier when no other model has a lower-or-equal cost and a
    higher-or-equal score while being strictly better in one of the two. Two models
    with exactly the same cost and score do not dominate each other, so both stay. The
    paper's grey frontier in Fig. 4 (accuracy vs GFLOPs) and Fig. 11 (accuracy vs
    joules). Rows with a missing cost or score are ignored. Costs must be > 0.
    """
    _check_frame(df, [cost_col, score_col])
    frame = df[df[cost_col].notna() & df[score_col].notna()]
    if frame.empty:
        raise InputError(f"empty selection: no row has both {cost_col!r} and {score_col!r}")
    cost = frame[cost_col].to_numpy(dtype=float)
    score = frame[score_col].to_numpy(dtype=float)
    if (cost <= 0).any():
        raise InputError(f"{cost_col} must be > 0")
    no_worse = (cost[None, :] <= cost[:, None]) & (score[None, :] >= score[:, None])
    better = (cost[None, :] < cost[:, None]) | (score[None, :] > score[:, None])
    dominated = (no_worse & better).any(axis=1)
    return frame[~dominated].sort_values([cost_col, score_col], kind="stable")


# ----------------------------------------------------------------------------- Fig. 1


def params_flops_correlation(
    cv_models: pd.DataFrame,
    unique_points: bool = True,
    hybrid_as: str | None = None,
    method: str = "pearson",
    log10: bool = False,
) -> pd.DataFrame:
    """Correlation between parameters and GFLOPs per architecture (the paper's Fig. 1).

    The paper prints 0.772 for CNNs and 0.994 for transformers. The procedure that comes
    closest, and the default here, is **Pearson's r on the raw (linear) values of
    ``params_millions`` and ``gflops``, over the distinct (params, GFLOPs) points of
    each architecture, with the two Hybrid models (BotNet-T5/T7) left out**. Distinct
    points means a model listed again with the same parameters and GFLOPs (the
    NoisyStudent-B0..B7 copies of EfficientNet-B0..B7, the ImageNet-21k EfficientNetV2
    rows, Meta Pseudo Labels L2 = NoisyStudent-L2, ViT-L/16 on JFT, CaiT-S36 dist)
    counts once, as it does as a dot in a scatter plot. From data/cv_models.csv this
    gives CNN r = 0.7716 (60 points; prints as 0.772) and transformer r = 0.9947 (18
    points; prints as 0.995, 0.0007 above the paper's 0.994). No variant tried gives
    both numbers to three decimals:

    * every row (72 CNN, 20 transformer): 0.782 and 0.993;
    * duplicates by model name dropped: 0.781 and 0.995;
    * Hybrids merged into CNNs: 0.771 (unique points) or 0.782; into transformers: the
      transformer r is unchanged at three decimals;
    * the six models whose GFLOPs the authors estimated left out: 0.765 and 0.961;
    * log10 values: 0.921 and 0.968; Spearman: 0.897 and 0.938 (all rows).

    Parameters select those variants: ``unique_points`` (drop repeated (params,
    GFLOPs) pairs within an architecture), ``hybrid_as`` (None to drop Hybrids,
    ``'CNN'`` or ``'Transformer'`` to merge them), ``method`` (``'pearson'`` or
    ``'spearman'``) and ``log10`` (correlate log10 values). Returns one row per
    architecture (CNN, Transformer) with ``n_points`` and ``r``.
    """
    _check_frame(cv_models, ["architecture", "params_millions", "gflops"])
    if hybrid_as not in (None, "CNN", "Transformer"):
        raise InputError(f"hybrid_as must be None, 'CNN' or 'Transformer', got {hybrid_as!r}")
    if method not in ("pearson", "spearman"):
        raise InputError(f"method must be 'pearson' or 'spearman', got {method!r}")
    frame = cv_models[["architecture", "params_millions", "gflops"]].dropna().copy()
    if (frame[["params_millions", "gflops"]] <= 0).any().any():
        raise InputError("params_millions and gflops must be > 0")
    frame["architecture"] = frame["architecture"].astype(str)
    if hybrid_as is None:
        frame = frame[frame["architecture"] != "Hybrid"]
    else:
        frame["architecture"] = frame["architecture"].replace("Hybrid", hybrid_as)
    if unique_points:
        frame = frame.drop_duplicates()
    rows = []
    for arch in ("CNN", "Transformer"):
        group = frame[frame["architecture"] == arch]
        if len(group) < 3:
            raise InputError(f"need at least 3 {arch} models for a correlation, got {len(group)}")
        x = group["params_millions"].to_numpy(dtype=float)
        y = group["gflops"].to_numpy(dtype=float)
        if log10:
            x, y = np.log10(x), np.log10(y)
        test = stats.pearsonr if method == "pearson" else stats.spearmanr
        rows.append({"architecture": arch, "n_points": len(group), "r": float(test(x, y)[0])})
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- Table 1


def models_near_flops(
    cv_models: pd.DataFrame,
    reference_gflops: float = 1.42,
    band: tuple[float, float] = (1 / 2.5, 2.5),
) -> pd.DataFrame:
    """Models with about the GFLOPs of AlexNet: the paper's Table 1.

    Rule (reproduces Table 1 exactly from data/cv_models.csv):

    1. **Band.** Keep models with ``band[0] * reference <= GFLOPs <= band[1] *
       reference``: with the defaults, within a factor 2.5 of AlexNet's 1.42 GFLOPs
       (0.568 to 3.55 GFLOPs).
    2. **One per year and training regime.** For each calendar year, and separately
       for models trained on ImageNet only and with extra data, take the model released
       first; models released on the same day are separated by the GFLOPs closest to
       the reference (smallest ``|log(GFLOPs / reference)|``).
    3. **Progress only.** Going forward in time, keep a model only if it is more
       accurate than every model kept before it.

    Step 2 keeps MobileNet (April 2017) rather than the later PNASNet-5 (N=3, F=54),
    MobileNetV2 1.4 rather than MobileNetV2 (same day, 0.60 GFLOPs), and EfficientNet-B1
    and NoisyStudent-B1 from their families. Step 3 drops FixEfficientNet-B0 (2020,
    79.3%), which is less accurate than NoisyStudent-B1 (81.5%). The band factor can be
    anything above 2.11 (GoogLeNet, 3.00 GFLOPs, must be in) and below 2.89 (Inception V2,
    4.10 GFLOPs, 2015, must be out). Returns the kept rows in date order.
    """
    _check_frame(cv_models, ["gflops", "top1_accuracy", "release_date", "extra_data"])
    if isinstance(reference_gflops, bool) or not isinstance(reference_gflops, (int, float)):
        raise InputError(f"reference_gflops must be a number, got {reference_gflops!r}")
    if not math.isfinite(reference_gflops) or reference_gflops <= 0:
        raise InputError(f"reference_gflops must be > 0, got {reference_gflops!r}")
    low, high = band
    if not (0 < low <= 1 <= high) or not math.isfinite(high):
        raise InputError(f"band must be (lower, upper) factors with 0 < lower <= 1 <= upper, got {band}")
    frame = cv_models[
        (cv_models["gflops"] >= low * reference_gflops)
        & (cv_models["gflops"] <= high * reference_gflops)
        & cv_models["top1_accuracy"].notna()
    ]
    if frame.empty:
        raise InputError(f"empty selection: no model within {band} x {reference_gflops} GFLOPs")
    frame = frame.assign(
        _year=pd.DatetimeIndex(frame["release_date"]).year,
        _extra=frame["extra_data"].astype(str) != "No",
        _distance=np.abs(np.log(frame["gflops"].astype(float) / reference_gflops)),
    ).sort_values(["release_date", "_distance"], kind="stable")
    first = frame.groupby(["_year", "_extra"], sort=False).head(1)
    kept, best = [], -math.inf
    for index, accuracy in first["top1_accuracy"].items():
        if accuracy > best:
            kept.append(index)
            best = accuracy
    return first.loc[kept].drop(columns=["_year", "_extra", "_distance"])


# ----------------------------------------------------------------------------- summaries

MONTHS_PER_YEAR = 12.0


def summary(fit: TrendFit) -> dict[str, float]:
    """The numbers the book quotes about one exponential fit, in years and in months.

    ``n``, ``r2``, ``growth`` (factor per year) with ``growth_low``/``growth_high`` (95%
    CI), ``doubling_years`` with ``doubling_low``/``doubling_high`` (95% CI; negative
    values are halving times, nan when the slope's CI contains 0), and the same doubling
    time in months: ``doubling_months``, ``doubling_months_low``, ``doubling_months_high``.

    >>> s = summary(fit_exponential_trend([2015.0, 2016.0, 2017.0], [1.0, 2.0, 4.0]))
    >>> round(s["growth"], 6), round(s["doubling_months"], 6)
    (2.0, 12.0)
    """
    low, high = fit.growth_per_year_ci
    d_low, d_high = fit.doubling_time_ci
    return {
        "n": fit.n,
        "r2": fit.r2,
        "growth": fit.growth_per_year,
        "growth_low": low,
        "growth_high": high,
        "doubling_years": fit.doubling_time_years,
        "doubling_low": d_low,
        "doubling_high": d_high,
        "doubling_months": fit.doubling_time_years * MONTHS_PER_YEAR,
        "doubling_months_low": d_low * MONTHS_PER_YEAR,
        "doubling_months_high": d_high * MONTHS_PER_YEAR,
    }


def line(fit: TrendFit, start: object, end: object, step: float = 0.5) -> pd.DataFrame:
    """A fitted trend sampled from ``start`` to ``end`` (both included), for a chart.

    ``start`` and ``end`` are dates or decimal years. Returns ``year`` (decimal), ``fitted``
    and the 95% bands ``ci_lower``/``ci_upper`` (the line) and ``pi_lower``/``pi_upper``
    (a new point), in the fit's units.
    """
    first, last = (float(_as_years(v)[0]) for v in (start, end))
    if not last > first:
        raise InputError(f"need start < end, got {start}, {end}")
    step = checks.number(step, "step", positive=True)
    years = np.arange(first, last, step)
    if years.size and last - years[-1] < step * 1e-6:
        years = years[:-1]
    years = np.append(years, last)
    return fit.predict(years).rename(columns={"decimal_year": "year"})
