"""What happened next (2021-2026): the paper's trends, fitted on its own data, against the
years since.

Every trend is fitted as the book reproduces it, on data up to mid-2021 only
(:data:`dltrends.accelerators.CUTOFF`), and extrapolated with its 95% prediction interval
to the dates of what came later:

* :func:`efficiency_backtest`: the peak-efficiency lines of Table 8 (FP32, tensor-core
  FP16) and the adapted CNN and NLP lines of Fig. 8, against the accelerators launched
  since (dense peaks at TDP);
* :func:`cv_backtest`: the GFLOPs trends of Fig. 3 (best model of each year, all models)
  against the ImageNet models published since;
* :func:`lm_backtest`: the record-setting NLP models' FLOPs per token against the largest
  language model of each year since, with the trends of dense and mixture-of-experts
  models;
* :func:`energy_backtest`: Eq. 2 with the new hardware: the efficiency the new
  accelerators imply against the paper's lines for 2022-2026, and the joules of the new
  best ImageNet models against the paper's joules trend.

:func:`claims` turns the named predictions into the scorecard's rows of kind
``prediction``: ``printed`` is the value the 2021 data predict, ``recomputed`` what
happened, and a claim agrees when what happened lies inside the 95% prediction interval.
The chapter "What happened next" shows the same frames.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import stats

from dltrends import accelerators, energy, hardware, trends
from dltrends.checks import InputError
from dltrends.compare import Claim, slug

SOURCE = "Desislavov et al. 2023 trend, fitted on data up to mid-2021"

#: The data files the backtests read (keys of ``frames``).
FILES = (
    "gpus",
    "ngc_inference_throughput",
    "cv_models",
    "nlp_models",
    "accelerators",
    "accelerator_specs",
    "imagenet_models_since_2021",
    "language_models_since_2018",
)

#: The accelerators whose FP32 figure may be a tensor-engine rate (AWS does not say), left
#: out of the FP32 backtest (notes/curation_accelerators.md).
FP32_UNCLEAR = ("Trainium2", "Trainium3")

#: The GPU and precision whose measured share of its tensor peak stands for what networks
#: get on the new accelerators: the A100 in mixed precision, the newest GPU of Table 9.
ADAPTED_REFERENCE = ("A100", "Mixed")

#: The lines of the efficiency backtest: the paper's precision or Fig. 8 work each one
#: continues, and the column of the new data it is scored against.
LINES: dict[str, str] = {
    "FP32": "FP32 peak (Table 8)",
    "FP16/FP32 Tensor": "tensor-core FP16 peak (Table 8)",
    "CNN": "adapted for CNN work (Fig. 8)",
    "NLP": "adapted for NLP work (Fig. 8)",
}

#: Accelerators whose predictions are claims of the scorecard, per line.
NAMED: dict[str, tuple[str, ...]] = {
    "FP32": ("H100 SXM", "B200"),
    "FP16/FP32 Tensor": ("H100 SXM", "B200", "TPU v6e"),
    "CNN": ("H100 SXM", "B200"),
    "NLP": ("H100 SXM", "B200"),
}

#: Years at which the paper's Fig. 8 lines are scored against the new hardware's trend.
YEARS = (2022, 2023, 2024, 2025, 2026)


# ----------------------------------------------------------------------------- accelerators


def accelerator_table(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The accelerators in wide form (:func:`dltrends.accelerators.wide`)."""
    return accelerators.wide(frames["accelerators"], frames["accelerator_specs"])


def table9(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Table 9 as the book reproduces it (the rows of Fig. 8), up to the cutoff."""
    gpus = accelerators.before(frames["gpus"], "launch_date")
    return hardware.adapted_gpus(gpus, frames["ngc_inference_throughput"])


def peak_fractions(frames: Mapping[str, pd.DataFrame]) -> dict[str, float]:
    """What networks got of the A100's tensor peak in mixed precision, per work (CNN, NLP)."""
    gpu, precision = ADAPTED_REFERENCE
    t9 = table9(frames)
    return {
        work: accelerators.peak_fraction(t9, frames["gpus"], gpu, precision, work) for work in ("CNN", "NLP")
    }


def efficiency_fits(frames: Mapping[str, pd.DataFrame]) -> dict[str, trends.TrendFit]:
    """The paper's efficiency trends, fitted on data up to the cutoff: one per precision of
    Table 8 (``FP32``, ``FP16``, ``FP16/FP32 Tensor``: peak GFLOPS/W) and the two Fig. 8
    lines (``CNN``, ``NLP``: FP32 peaks plus adapted mixed-precision rows).
    """
    gpus = hardware.with_gflops_per_watt(accelerators.before(frames["gpus"], "launch_date"))
    fits = {
        precision: trends.fit_frame(gpus[gpus["precision"] == precision], "gflops_per_watt", "launch_date")
        for precision in ("FP32", "FP16", "FP16/FP32 Tensor")
    }
    t9 = table9(frames)
    fits.update({work: energy.efficiency_trend(t9, work) for work in ("CNN", "NLP")})
    return fits


def efficiency_backtest(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every new accelerator's GFLOPS/W against each 2021 line's prediction at its launch date.

    One row per line (:data:`LINES`) and accelerator: ``line``, ``accelerator``, ``vendor``,
    ``kind``, ``launch_date``, ``peak`` (dense peak GFLOPS/W at TDP: FP32 for the FP32
    line, FP16/BF16 for the others), ``actual``, ``predicted``, ``pi_lower``, ``pi_upper``,
    ``ratio`` and ``side`` (:func:`dltrends.accelerators.backtest`). For the Fig. 8 lines,
    which follow measured throughput rather than peaks, ``actual`` is the FP16/BF16 peak
    times the share of its tensor peak that the A100 delivered in the paper's
    measurements (:func:`peak_fractions`); ``side_peak`` says where the peak itself lies.
    The FP32 line leaves out :data:`FP32_UNCLEAR`. The paper's non-tensor FP16 has no
    successor column, so no line scores it.
    """
    fits = efficiency_fits(frames)
    table = accelerator_table(frames)
    long = accelerators.efficiency_long(table, ("FP32", "FP16/BF16"))
    fractions = peak_fractions(frames)
    frames_out = []
    for line in LINES:
        precision = "FP32" if line == "FP32" else "FP16/BF16"
        rows = long[long["precision"] == precision].copy()
        if line == "FP32":
            rows = rows[~rows["accelerator"].isin(FP32_UNCLEAR)]
        rows["peak"] = rows["gflops_per_watt"]
        rows["value"] = rows["peak"] * fractions.get(line, 1.0)
        scored = accelerators.backtest(fits[line], rows, "value")
        scored["side_peak"] = np.select(
            [scored["peak"] > scored["pi_upper"], scored["peak"] < scored["pi_lower"]],
            ["above", "below"],
            "inside",
        )
        scored.insert(0, "line", line)
        frames_out.append(scored)
    columns = [
        "line", "accelerator", "vendor", "kind", "launch_date", "precision", "peak", "actual",
        "predicted", "pi_lower", "pi_upper", "ratio", "side", "side_peak",
    ]  # fmt: skip
    return pd.concat(frames_out, ignore_index=True)[columns]


def coverage_table(backtest: pd.DataFrame) -> pd.DataFrame:
    """Coverage of each line's 95% prediction interval (:func:`dltrends.accelerators.coverage`),
    with ``consistent``: whether the count inside is at least the 2.5% quantile of a
    binomial with the nominal 95% (a coverage that low would be a 1-in-40 chance).
    """
    rows = []
    for line in LINES:
        scored = backtest[backtest["line"] == line]
        c = accelerators.coverage(scored)
        c["peaks_above"] = int((scored["side_peak"] == "above").sum())
        c["lowest_consistent"] = int(stats.binom.ppf(0.025, c["n"], 0.95))
        c["consistent"] = c["inside"] >= c["lowest_consistent"]
        rows.append({"line": line, **c})
    return pd.DataFrame(rows)


def efficiency_beyond(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """FP8 and FP4 beside FP16/BF16 on the same accelerators, at the same TDP.

    One row per accelerator with an FP16/BF16 and an FP8 or FP4 peak: ``accelerator``,
    ``launch_date``, ``kind``, ``bf16``, ``fp8``, ``fp4`` (GFLOPS/W) and the ratios
    ``fp8_over_bf16`` and ``fp4_over_bf16``; plus ``tensor_predicted`` (the tensor-core
    FP16 line of 2021 at the launch date).
    """
    long = accelerators.efficiency_long(accelerator_table(frames), ("FP16/BF16", "FP8", "FP4"))
    wide = long.pivot_table(
        index="accelerator", columns="precision", values="gflops_per_watt", aggfunc="first"
    )
    info = long.drop_duplicates("accelerator").set_index("accelerator")[["launch_date", "kind"]]
    out = info.join(wide).reset_index()
    out = out.rename(columns={"FP16/BF16": "bf16", "FP8": "fp8", "FP4": "fp4"})
    out = out[out[["fp8", "fp4"]].notna().any(axis=1)].copy()
    out["fp8_over_bf16"] = out["fp8"] / out["bf16"]
    out["fp4_over_bf16"] = out["fp4"] / out["bf16"]
    out["tensor_predicted"] = (
        efficiency_fits(frames)["FP16/FP32 Tensor"].predict(out["launch_date"])["fitted"].to_numpy()
    )
    return out.sort_values(["launch_date", "accelerator"], kind="stable").reset_index(drop=True)


# ----------------------------------------------------------------------------- models


def cv_fit_rows(new: pd.DataFrame) -> pd.DataFrame:
    """The new ImageNet models comparable with the paper's Table 2: GFLOPs known,
    end-to-end fine-tuned top-1, the authors' weights (not zero-shot, linear-probe or
    timm-trained rows; notes/curation_models_since_2021.md).
    """
    keep = (
        new["gflops"].notna()
        & (new["top1_evaluation"].astype(str) == "fine-tuned")
        & (new["weights_origin"].astype(str) == "authors")
    )
    return new[keep].copy()


def cv_backtest(frames: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """The paper's Fig. 3 trends (fitted on Table 2) against the models published since.

    Returns ``fits`` ({'best', 'all'}: TrendFit of GFLOPs), ``paper`` (Table 2 up to the
    cutoff, with ``best``), ``new`` (the comparable new models, :func:`cv_fit_rows`, with
    ``best``: the most accurate model of its year among the paper's and the new ones),
    ``best`` (the backtest of the new best models against the best-model trend) and
    ``all`` (every comparable new model against the all-models trend).
    """
    paper = accelerators.before(frames["cv_models"], "release_date").copy()
    paper_best = trends.select_best_per_year(paper)
    fits = {"best": trends.fit_frame(paper_best, "gflops"), "all": trends.fit_frame(paper, "gflops")}
    paper["best"] = paper.index.isin(paper_best.index)
    new = cv_fit_rows(frames["imagenet_models_since_2021"])
    both = pd.concat([paper.assign(_new=False), new.assign(_new=True)], ignore_index=True)
    best_both = trends.select_best_per_year(both)
    new_best = best_both[best_both["_new"]]
    new["best"] = new["model"].isin(set(new_best["model"]))
    return {
        "fits": fits,
        "paper": paper.reset_index(drop=True),
        "new": new.reset_index(drop=True),
        "best": accelerators.backtest(fits["best"], new[new["best"]], "gflops", "release_date"),
        "all": accelerators.backtest(fits["all"], new, "gflops", "release_date"),
    }


def per_token(nlp_models: pd.DataFrame) -> pd.DataFrame:
    """The paper's NLP models (Table 7) per token: GFLOPs / input tokens (``gflops_per_token``).

    For a transformer this is about 2 x parameters, the convention of the new language
    models (:func:`dltrends.accelerators.gflops_per_token`).
    """
    out = nlp_models.copy()
    out["gflops_per_token"] = out["gflops"].astype(float) / out["input_tokens"].astype(float)
    return out


def language_models(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The language models since 2018 with a known active count, with
    ``gflops_per_token`` = 2 x active parameters (billions -> GFLOPs).
    """
    lm = frames["language_models_since_2018"]
    lm = lm[lm["active_params_billions"].notna()].copy()
    lm["gflops_per_token"] = [accelerators.gflops_per_token(a) for a in lm["active_params_billions"]]
    lm["architecture"] = lm["architecture"].astype(str)
    return lm.reset_index(drop=True)


def largest_per_year(frame: pd.DataFrame, value_col: str, date_col: str = "release_date") -> pd.DataFrame:
    """The row with the largest ``value_col`` of each calendar year (earliest on a tie)."""
    years = pd.DatetimeIndex(frame[date_col]).year
    ordered = frame.assign(_year=years).sort_values(
        ["_year", value_col, date_col], ascending=[True, False, True]
    )
    return ordered.groupby("_year").head(1).drop(columns="_year").sort_values(date_col, kind="stable")


def lm_backtest(frames: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """The paper's NLP record-setters trend, per token, against the language models since.

    Returns ``paper`` (Table 7 per token, with ``record``), ``fits`` ({'record': the
    record setters' GFLOPs-per-token trend fitted on Table 7; 'dense' and
    'mixture-of-experts': trends of the new file's models by architecture}), ``models``
    (:func:`language_models`) and ``largest`` (the largest model of each year after the
    cutoff against the record trend).
    """
    paper = per_token(accelerators.before(frames["nlp_models"], "release_date"))
    records = trends.select_record_setters(paper, "gflops_per_token")
    paper["record"] = paper.index.isin(records.index)
    models = language_models(frames)
    fits = {"record": trends.fit_frame(records, "gflops_per_token")}
    for architecture in ("dense", "mixture-of-experts"):
        fits[architecture] = trends.fit_frame(
            models[models["architecture"] == architecture], "gflops_per_token"
        )
    later = models[models["release_date"] > accelerators.CUTOFF]
    largest = largest_per_year(later, "gflops_per_token")
    return {
        "paper": paper.reset_index(drop=True),
        "fits": fits,
        "models": models,
        "largest": accelerators.backtest(fits["record"], largest, "gflops_per_token", "release_date"),
    }


# ----------------------------------------------------------------------------- energy


def new_efficiency_fits(frames: Mapping[str, pd.DataFrame]) -> dict[str, trends.TrendFit]:
    """What the new hardware implies, on the paper's footing: exponential trends of the
    new accelerators' adapted GFLOPS/W (dense FP16/BF16 peak x the A100's measured share,
    :func:`peak_fractions`) against launch date, per work (CNN, NLP). Every accelerator
    enters, desktop cards too, as Fig. 8 mixes desktop and server GPUs.
    """
    backtest = efficiency_backtest(frames)
    return {
        work: trends.fit_frame(backtest[backtest["line"] == work], "actual", "launch_date")
        for work in ("CNN", "NLP")
    }


def efficiency_by_year(frames: Mapping[str, pd.DataFrame], years: tuple[int, ...] = YEARS) -> pd.DataFrame:
    """The paper's Fig. 8 lines at mid-year against the new hardware's trend at the same date.

    One row per work and year: ``work``, ``year``, ``predicted``, ``pi_lower``,
    ``pi_upper`` (the 2021 line), ``actual`` (the new accelerators' trend,
    :func:`new_efficiency_fits`), ``ratio`` and ``side``.
    """
    paper = efficiency_fits(frames)
    new = new_efficiency_fits(frames)
    rows = []
    for work in ("CNN", "NLP"):
        mid = [y + 0.5 for y in years]
        actual = pd.DataFrame({"year": list(years), "decimal_year": mid})
        actual["value"] = new[work].predict(mid)["fitted"].to_numpy()
        scored = accelerators.backtest(paper[work], actual, "value", "decimal_year")
        rows.append(scored.assign(work=work))
    out = pd.concat(rows, ignore_index=True)
    return out[["work", "year", "predicted", "pi_lower", "pi_upper", "actual", "ratio", "side"]]


def energy_backtest(frames: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """Eq. 2 revisited: joules per inference of the ImageNet models, the paper's way.

    ``paper``: Table 2 up to the cutoff with ``joules`` (GFLOPs / the CNN line of Fig. 8
    at the release date, :func:`dltrends.energy.joules_from_trend`) and ``best``;
    ``fits``: the paper's joules trends ({'best', 'all'}); ``new``: the comparable new
    models with ``joules_2021`` (on the 2021 CNN line extrapolated) and ``joules`` (on
    the new hardware's CNN trend, :func:`new_efficiency_fits`); ``best`` and ``all``:
    the new models' ``joules`` against the paper's joules trends.
    """
    cv = cv_backtest(frames)
    paper = energy.joules_from_trend(cv["paper"], efficiency_fits(frames)["CNN"])
    fits = {
        "best": trends.fit_frame(paper[paper["best"]], "joules"),
        "all": trends.fit_frame(paper, "joules"),
    }
    new = energy.joules_from_trend(cv["new"], efficiency_fits(frames)["CNN"])
    new = new.rename(columns={"joules": "joules_2021", "gflops_per_watt": "gflops_per_watt_2021"})
    new = energy.joules_from_trend(new, new_efficiency_fits(frames)["CNN"])
    return {
        "paper": paper,
        "fits": fits,
        "new": new,
        "best": accelerators.backtest(fits["best"], new[new["best"]], "joules", "release_date"),
        "all": accelerators.backtest(fits["all"], new, "joules", "release_date"),
    }


# ----------------------------------------------------------------------------- claims


def _model_slug(model: object) -> str:
    """A model's id in a claim: its name before the first parenthesis ('EVA-02-L (448, ...)')."""
    return slug(str(model).split(" (")[0], "_")


def _decimals(value: float, significant: int = 3) -> int:
    """Decimals that show ``value`` to ``significant`` significant digits (0 at least)."""
    if not math.isfinite(value) or value == 0:
        return 0
    return max(0, significant - 1 - math.floor(math.log10(abs(value))))


def _prediction(claim: str, row: pd.Series, what: str, unit: str) -> Claim:
    """A claim of kind prediction from one scored row (``predicted``, ``actual``, the PI)."""
    predicted = float(row["predicted"])
    decimals = _decimals(predicted)
    printed = round(predicted, decimals)
    note = (
        f"{what}: predicted {printed:g} (95% PI {row['pi_lower']:.3g} to {row['pi_upper']:.3g}), "
        f"actual {float(row['actual']):.4g} {unit}, {float(row['ratio']):.2f} times the prediction, "
        f"{row['side']} the interval"
    )
    return Claim(
        claim, "prediction", SOURCE, printed, decimals, float(row["actual"]), unit, note=note,
        agrees=row["side"] == "inside",
    )  # fmt: skip


def claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """The predictions of the 2021 data that the years since can score, one claim each.

    Coverage of each efficiency line (``printed`` 95, the nominal share of points inside
    the 95% prediction interval; ``recomputed`` the share observed; agrees when the count
    is at least the binomial 2.5% quantile), the GFLOPS/W of named accelerators, the
    GFLOPs of the new best ImageNet models, the FLOPs per token of the largest language
    model of each year, the Fig. 8 lines at mid-year 2022-2026 against the new
    hardware's trend, and the joules of the new best ImageNet models.
    """
    out: list[Claim] = []
    backtest = efficiency_backtest(frames)
    for _, row in coverage_table(backtest).iterrows():
        out.append(
            Claim(
                f"since2021.coverage.{slug(row['line'], '_')}",
                "prediction",
                SOURCE,
                95,
                0,
                100.0 * row["share_inside"],
                "% of new accelerators inside the 95% prediction interval",
                note=(
                    f"{LINES[row['line']]}: {row['inside']} of {row['n']} inside, {row['above']} above, "
                    f"{row['below']} below; at least {row['lowest_consistent']} inside is consistent "
                    "with a 95% interval"
                ),
                agrees=bool(row["consistent"]),
            )
        )
    for line, names in NAMED.items():
        for name in names:
            hit = backtest[(backtest["line"] == line) & (backtest["accelerator"] == name)]
            if hit.empty:
                raise InputError(f"no {line} backtest row for {name!r}")
            out.append(
                _prediction(
                    f"since2021.{slug(line, '_')}.{slug(name, '_')}",
                    hit.iloc[0],
                    f"{name}, {LINES[line]}",
                    "GFLOPS/W",
                )
            )
    cv = cv_backtest(frames)
    for _, row in cv["best"].iterrows():
        out.append(
            _prediction(
                f"since2021.cv_best.{_model_slug(row['model'])}",
                row,
                f"{row['model']}, most accurate model of its year (Fig. 3 best-model trend)",
                "GFLOPs",
            )  # fmt: skip
        )
    lm = lm_backtest(frames)
    for _, row in lm["largest"].iterrows():
        year = int(row["release_date"].year)
        out.append(
            _prediction(
                f"since2021.lm_largest.{year}",
                row,
                f"{row['model']}, the largest language model of {year} (NLP record-setters trend, per token)",
                "GFLOPs per token",
            )  # fmt: skip
        )
    for _, row in efficiency_by_year(frames).iterrows():
        out.append(
            _prediction(
                f"since2021.efficiency.{row['work'].lower()}.{int(row['year'])}",
                row,
                f"Fig. 8 {row['work']} line at mid-{int(row['year'])} against the new accelerators' trend",
                "GFLOPS/W",
            )  # fmt: skip
        )
    joules = energy_backtest(frames)
    for _, row in joules["best"].iterrows():
        out.append(
            _prediction(
                f"since2021.cv_joules.{_model_slug(row['model'])}",
                row,
                f"{row['model']}, joules per inference (Fig. 9 best-model trend) on the new hardware's trend",
                "J",
            )  # fmt: skip
        )
    return out
