"""Desislavov et al. (2023): every printed table and number the book recomputes.

One function per printed table returns the comparison as a frame, one row per printed
value, with ``recomputed``, ``printed``, ``decimals`` (as printed), ``agrees``
(:func:`dltrends.compare.agrees_at_print`) and ``kind``; :func:`claims` turns them into
the scorecard's :class:`~dltrends.compare.Claim` rows. The hardware chapter shows these
frames, the data audit reports their disagreements, the scorecard counts them: the
three cannot drift apart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from dltrends import forecast, hardware, layers, scaling, trends, units
from dltrends.checks import InputError
from dltrends.compare import Claim, agrees_at_print, slug, tolerance

PAPER = "Desislavov et al. 2023"

#: GPU names that Table 9 prints differently from Table 8 (the same GPU).
TABLE9_TO_TABLE8 = {"Tesla T4": "T4"}

_TABLE3_KEYS = ["task", "model", "framework", "batch_size", "gpu", "precision"]


def decimals_of(frame: pd.DataFrame, column: str) -> pd.Series:
    """The printed decimals of ``column``: the loader's ``<column>_decimals`` when there,
    else read from the float (trailing zeros are then lost: ``2.70`` counts as 1).
    """
    if f"{column}_decimals" in frame.columns:
        return frame[f"{column}_decimals"].astype(int)
    text = frame[column].map(lambda v: f"{float(v):.10f}".rstrip("0"))
    return text.map(lambda t: len(t.split(".")[1]) if "." in t else 0).astype(int)


def _agree(frame: pd.DataFrame, value: str = "recomputed", printed: str = "printed") -> pd.Series:
    return pd.Series(
        [
            agrees_at_print(p, d, v)
            for p, d, v in zip(frame[printed], frame[f"{printed}_decimals"], frame[value], strict=True)
        ],
        index=frame.index,
        dtype=bool,
    )


# ----------------------------------------------------------------------------- Table 3


def table3(ngc: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Table 3: each speed-up recomputed from the throughputs, beside the printed one.

    ``ngc`` is data/ngc_inference_throughput.csv, ``printed`` the reported
    table3_speedups. One row per benchmark in the paper's order: the key columns,
    ``reference_gpu``, ``recomputed`` (throughput / FP32 throughput of the reference GPU,
    unrounded), ``printed``, ``printed_decimals``, ``difference``, ``agrees`` and
    ``kind``: ``identity`` for the FP32 baselines (a throughput divided by itself),
    ``independent`` for the others.
    """
    computed = hardware.speedups(ngc)
    left = computed[_TABLE3_KEYS + ["gpu_family", "reference_gpu", "speedup"]].copy()
    right = printed[_TABLE3_KEYS + ["speedup"]].copy()
    right["printed_decimals"] = decimals_of(printed, "speedup").to_numpy()
    for frame in (left, right):
        for key in _TABLE3_KEYS:
            frame[key] = frame[key].astype(str)
    merged = right.reset_index().merge(
        left, on=_TABLE3_KEYS, how="outer", suffixes=("_printed", ""), indicator=True
    )
    unmatched = merged[merged["_merge"] != "both"]
    if not unmatched.empty:
        raise InputError(f"Table 3 rows without a partner: {unmatched[_TABLE3_KEYS].to_dict('records')[:3]}")
    merged = merged.sort_values("index")
    out = merged[_TABLE3_KEYS + ["reference_gpu"]].copy()
    out["recomputed"] = merged["speedup"].to_numpy(dtype=float)
    out["printed"] = merged["speedup_printed"].to_numpy(dtype=float)
    out["printed_decimals"] = merged["printed_decimals"].to_numpy(dtype=int)
    out["difference"] = out["recomputed"] - out["printed"]
    out["agrees"] = _agree(out)
    baseline = (merged["precision"] == "FP32") & (merged["gpu_family"] == merged["reference_gpu"])
    out["kind"] = ["identity" if b else "independent" for b in baseline]
    return out.reset_index(drop=True)


# ----------------------------------------------------------------------------- Table 4


def table4(ngc: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Table 4: the mean speed-ups recomputed beside the printed ones.

    Long format, one row per GPU, precision and task: ``reference``, ``benchmarks`` (how
    many Table 3 rows the mean averages), ``recomputed`` (mean of the unrounded
    speed-ups), ``printed``, ``printed_decimals``, ``difference``, ``agrees``, ``kind``.
    """
    ratios = hardware.speedup_ratios(ngc)
    rows = []
    for index, row in printed.iterrows():
        match = ratios[(ratios["gpu_family"] == row["gpu"]) & (ratios["precision"] == row["precision"])]
        if len(match) != 1:
            raise InputError(f"no computed Table 4 ratio for {row['gpu']} {row['precision']}")
        computed = match.iloc[0]
        if computed["reference"] != row["ratio_to"]:
            raise InputError(
                f"{row['gpu']} {row['precision']}: reference {computed['reference']} "
                f"but the paper prints {row['ratio_to']}"
            )
        for task in ("CV", "NLP"):
            column = task.lower()
            rows.append(
                {
                    "gpu": str(row["gpu"]),
                    "precision": str(row["precision"]),
                    "reference": str(row["ratio_to"]),
                    "task": task,
                    "benchmarks": int(computed[f"n_{column}"]),
                    "recomputed": float(computed[column]),
                    "printed": float(row[column]),
                    "printed_decimals": int(decimals_of(printed, column).loc[index]),
                }
            )
    out = pd.DataFrame(rows)
    out["difference"] = out["recomputed"] - out["printed"]
    out["agrees"] = _agree(out)
    out["kind"] = "independent"
    return out


# ----------------------------------------------------------------------------- Table 8


def implied_tflops(gflops_per_watt: float, watts: float) -> float:
    """TFLOPS that a printed efficiency implies at a given power: GFLOPS/W x W / 1000.

    >>> round(implied_tflops(16.62, 250), 3)
    4.155
    """
    return (
        units._check_positive(gflops_per_watt, "gflops_per_watt")
        * units._check_positive(watts, "watts")
        / 1000.0
    )


def table8(
    gpus: pd.DataFrame, printed: pd.DataFrame, table9_printed: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Table 8's GFLOPS/W recomputed (1000 x TFLOPS / W) beside the printed column.

    Returns ``gpu``, ``precision``, ``tflops``, ``watts``, ``recomputed``, ``printed``,
    ``printed_decimals``, ``difference`` (printed - recomputed), ``agrees``, ``kind``
    (``independent``), and for the rows that do not agree the evidence: ``implied_tflops``
    (printed GFLOPS/W x W), ``from_unrounded_tflops`` (the implied TFLOPS rounds to the
    printed TFLOPS: the column was computed from an unrounded TFLOPS figure),
    ``table9_printed`` (Table 9's value for the same GPU, when ``table9_printed`` is given),
    ``table9_agrees`` and ``explanation``.
    """
    table = hardware.with_gflops_per_watt(gpus)
    left = table[["gpu", "precision", "tflops", "watts", "gflops_per_watt"]].copy()
    right = printed[["gpu", "precision", "gflops_per_watt"]].copy()
    right["printed_decimals"] = decimals_of(printed, "gflops_per_watt").to_numpy()
    for frame in (left, right):
        frame["gpu"] = frame["gpu"].astype(str)
        frame["precision"] = frame["precision"].astype(str)
    merged = left.merge(
        right, on=["gpu", "precision"], how="inner", suffixes=("", "_printed"), validate="one_to_one"
    )
    if len(merged) != len(left) or len(merged) != len(right):
        raise InputError(f"Table 8: {len(left)} computed, {len(right)} printed, {len(merged)} matched")
    out = merged.rename(columns={"gflops_per_watt": "recomputed", "gflops_per_watt_printed": "printed"})
    out["difference"] = out["printed"] - out["recomputed"]
    out["agrees"] = _agree(out)
    out["kind"] = "independent"
    out["implied_tflops"] = [implied_tflops(p, w) for p, w in zip(out["printed"], out["watts"], strict=True)]
    # The implied TFLOPS carries the rounding of the printed GFLOPS/W, times W / 1000: the
    # two printed intervals overlap when the gap is within both roundings together.
    out["from_unrounded_tflops"] = [
        abs(i - t) <= tolerance(2) + tolerance(int(d)) * w / 1000.0 + 1e-9
        for t, i, d, w in zip(
            out["tflops"], out["implied_tflops"], out["printed_decimals"], out["watts"], strict=True
        )
    ]
    out["table9_printed"] = math.nan
    if table9_printed is not None:
        fp32 = table9_printed[table9_printed["adapted"] == "No"].copy()
        fp32["gpu"] = fp32["gpu"].astype(str).replace(TABLE9_TO_TABLE8)
        lookup = fp32.set_index(["gpu", fp32["precision"].astype(str)])["gflops_per_watt"]
        out["table9_printed"] = [
            lookup.get((g, p), math.nan) for g, p in zip(out["gpu"], out["precision"], strict=True)
        ]
    out["table9_agrees"] = [
        (not math.isnan(t9)) and agrees_at_print(t9, 2, r)
        for t9, r in zip(out["table9_printed"], out["recomputed"], strict=True)
    ]
    explanations = []
    for _, row in out.iterrows():
        if row["agrees"]:
            explanations.append("")
            continue
        if row["from_unrounded_tflops"]:
            text = (
                f"computed from an unrounded TFLOPS figure: printed {row['printed']:.2f} x "
                f"{row['watts']:g} W "
                f"= {row['implied_tflops']:.4f} TFLOPS, which rounds to the printed {row['tflops']:.2f}"
            )
        else:
            text = "the printed value does not follow from the printed TFLOPS and watts"
        if not math.isnan(row["table9_printed"]):
            text += f"; Table 9 prints {row['table9_printed']:.2f}"
            if row["table9_agrees"]:
                text += ", the value recomputed from the printed TFLOPS"
        explanations.append(text)
    out["explanation"] = explanations
    return out.reset_index(drop=True)


# ----------------------------------------------------------------------------- Table 9


def table9(gpus: pd.DataFrame, ngc: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Table 9 recomputed (:func:`dltrends.hardware.adapted_gpus`) beside the printed one.

    One row per printed row, in the paper's order: ``adapted``, ``gpu`` (Table 8's name),
    ``precision``, ``gpu_as_printed``, ``tflops_recomputed``, ``tflops_printed`` (+ ``_decimals``),
    ``tflops_agrees``, ``recomputed`` and ``printed`` GFLOPS/W (+ ``printed_decimals``),
    ``difference`` (recomputed - printed), ``agrees`` and ``kind``: ``independent`` for
    the adapted rows (FP32 peak x the Table 4 ratio), ``consistency`` for the FP32 rows,
    which repeat Table 8.
    """
    keys = ["adapted", "gpu", "precision"]
    recomputed = hardware.adapted_gpus(gpus, ngc)
    right = printed.copy()
    right["gpu_as_printed"] = right["gpu"].astype(str)
    right["gpu"] = right["gpu"].astype(str).replace(TABLE9_TO_TABLE8)
    right["tflops_printed_decimals"] = decimals_of(printed, "tflops").to_numpy()
    right["printed_decimals"] = decimals_of(printed, "gflops_per_watt").to_numpy()
    left = recomputed.copy()
    for frame in (left, right):
        for key in keys:
            frame[key] = frame[key].astype(str)
    merged = (
        right[
            keys
            + ["gpu_as_printed", "tflops", "gflops_per_watt", "tflops_printed_decimals", "printed_decimals"]
        ]
        .reset_index()
        .merge(
            left[keys + ["tflops", "gflops_per_watt"]],
            on=keys,
            how="left",
            suffixes=("_printed", "_computed"),
            validate="one_to_one",
        )
    )
    missing = merged[merged["gflops_per_watt_computed"].isna()]
    if not missing.empty:
        raise InputError(f"Table 9 rows not recomputed: {missing[keys].to_dict('records')}")
    if len(left) != len(right):
        raise InputError(f"Table 9: {len(left)} rows computed but {len(right)} printed")
    merged = merged.sort_values("index")
    out = merged[keys + ["gpu_as_printed"]].copy()
    out["tflops_recomputed"] = merged["tflops_computed"].to_numpy(dtype=float)
    out["tflops_printed"] = merged["tflops_printed"].to_numpy(dtype=float)
    out["tflops_printed_decimals"] = merged["tflops_printed_decimals"].to_numpy(dtype=int)
    out["tflops_difference"] = out["tflops_recomputed"] - out["tflops_printed"]
    out["tflops_agrees"] = _agree(out, "tflops_recomputed", "tflops_printed")
    out["recomputed"] = merged["gflops_per_watt_computed"].to_numpy(dtype=float)
    out["printed"] = merged["gflops_per_watt_printed"].to_numpy(dtype=float)
    out["printed_decimals"] = merged["printed_decimals"].to_numpy(dtype=int)
    out["difference"] = out["recomputed"] - out["printed"]
    out["agrees"] = _agree(out)
    out["kind"] = ["consistency" if a == "No" else "independent" for a in out["adapted"]]
    return out.reset_index(drop=True)


def table9_rule_gaps(gpus: pd.DataFrame, ngc: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Rows that the rule (Table 8's FP32 rows plus the adapted rows) gives but Table 9
    leaves out, and printed rows the rule does not give: ``adapted``, ``gpu``,
    ``precision``, ``where`` ('rule only' or 'printed only').
    """
    rule = hardware.adapted_gpus(gpus, ngc, omit_fp32=())
    shown = printed.assign(gpu=printed["gpu"].astype(str).replace(TABLE9_TO_TABLE8))
    rule_keys = set(zip(rule["adapted"], rule["gpu"].astype(str), rule["precision"].astype(str), strict=True))
    printed_keys = set(
        zip(shown["adapted"].astype(str), shown["gpu"], shown["precision"].astype(str), strict=True)
    )
    rows = [(a, g, p, "rule only") for a, g, p in sorted(rule_keys - printed_keys)]
    rows += [(a, g, p, "printed only") for a, g, p in sorted(printed_keys - rule_keys)]
    return pd.DataFrame(rows, columns=["adapted", "gpu", "precision", "where"])


# ----------------------------------------------------------------------------- claims


def hardware_claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """The scorecard's claims of Tables 3, 4, 8 and 9."""
    gpus, ngc = frames["gpus"], frames["ngc_inference_throughput"]
    claims: list[Claim] = []
    for _, row in table3(ngc, frames["paper_reported/table3_speedups"]).iterrows():
        claims.append(
            Claim(
                "table3." + ".".join(slug(row[k]) for k in _TABLE3_KEYS),
                row["kind"],
                f"{PAPER}, Table 3, Speed-up ({row['model']}, {row['framework']}, batch {row['batch_size']}, "
                f"{row['gpu']}, {row['precision']})",
                row["printed"],
                int(row["printed_decimals"]),
                row["recomputed"],
                f"x {row['reference_gpu']} FP32",
                note="an FP32 throughput divided by itself" if row["kind"] == "identity" else "",
            )
        )
    for _, row in table4(ngc, frames["paper_reported/table4_speedup_ratios"]).iterrows():
        claims.append(
            Claim(
                f"table4.{slug(row['gpu'])}.{slug(row['precision'])}.{row['task'].lower()}",
                "independent",
                f"{PAPER}, Table 4 ({row['gpu']} {row['precision']}, {row['task']}), mean of Table 3",
                row["printed"],
                int(row["printed_decimals"]),
                row["recomputed"],
                f"x {row['reference']}",
                note=f"mean of {row['benchmarks']} speed-ups, from the unrounded throughputs",
            )
        )
    t8 = table8(
        gpus, frames["paper_reported/table8_gflops_per_watt"], frames["paper_reported/table9_adapted"]
    )
    for _, row in t8.iterrows():
        claims.append(
            Claim(
                f"table8.{slug(row['gpu'])}.{slug(row['precision'])}.gflops_per_watt",
                "independent",
                f"{PAPER}, Table 8, GFLOPS/Watt ({row['gpu']}, {row['precision']})",
                row["printed"],
                int(row["printed_decimals"]),
                row["recomputed"],
                "GFLOPS/W",
                note=f"1000 x {row['tflops']:.2f} TFLOPS / {row['watts']:g} W",
                explanation=row["explanation"] if row["from_unrounded_tflops"] else None,
            )
        )
    t9 = table9(gpus, ngc, frames["paper_reported/table9_adapted"])
    for _, row in t9.iterrows():
        family = row["gpu"] if row["adapted"] == "No" else hardware.gpu_family(row["gpu"]).lower()
        source = f"{PAPER}, Table 9 ({row['adapted']}, {row['gpu_as_printed']}, {row['precision']})"
        if row["adapted"] == "No":
            claims.append(
                Claim(
                    f"table9.{slug(row['gpu_as_printed'])}.fp32.gflops_per_watt",
                    "consistency",
                    source + ", GFLOPS/Watt",
                    row["printed"],
                    int(row["printed_decimals"]),
                    row["recomputed"],
                    "GFLOPS/W",
                    note="the Table 8 row repeated: 1000 x TFLOPS / W of Table 8",
                )
            )
            continue
        work = str(row["adapted"]).replace("For ", "").lower()
        base = f"table9.{family}.{slug(row['precision'])}.{work}"
        claims.append(
            Claim(
                f"{base}.tflops",
                "independent",
                source + ", TFLOPS",
                row["tflops_printed"],
                int(row["tflops_printed_decimals"]),
                row["tflops_recomputed"],
                "TFLOPS",
                note="the reference GPU's FP32 TFLOPS x the Table 4 ratio, from the unrounded throughputs",
            )
        )
        claims.append(
            Claim(
                f"{base}.gflops_per_watt",
                "independent",
                source + ", GFLOPS/Watt",
                row["printed"],
                int(row["printed_decimals"]),
                row["recomputed"],
                "GFLOPS/W",
                note="the unrounded adapted TFLOPS / watts",
            )
        )
    return claims


# ----------------------------------------------------------------------------- CV models


def table1(cv_models: pd.DataFrame, printed: pd.DataFrame, band_factor: float = 2.5) -> pd.DataFrame:
    """Table 1 (models with AlexNet's GFLOPs) from the rule that reproduces it, beside the printed list.

    The rule (:func:`dltrends.trends.models_near_flops`) is *inferred*: the paper does not
    state it, and it was chosen because it gives the printed list. Rows are matched on
    (top-1 accuracy, GFLOPs, year) because the names are spelt differently. Returns one
    row per model of either list: ``model``, ``printed_as``, ``top1_accuracy``,
    ``gflops``, ``year``, ``in_computed``, ``in_paper``; sorted by year, then GFLOPs.
    """
    alexnet = cv_models.loc[cv_models["model"].astype(str) == "AlexNet", "gflops"]
    reference = float(alexnet.iloc[0]) if len(alexnet) else 1.42
    computed = trends.models_near_flops(cv_models, reference, (1 / band_factor, band_factor))
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
    merged = left.merge(right, on=["top1_accuracy", "gflops", "year"], how="outer", indicator=True)
    merged["in_computed"] = merged["_merge"].isin(["both", "left_only"])
    merged["in_paper"] = merged["_merge"].isin(["both", "right_only"])
    merged["model"] = merged["model"].fillna(merged["printed_as"])
    merged = merged.drop(columns="_merge").sort_values(["year", "gflops", "model"], kind="stable")
    columns = ["model", "printed_as", "top1_accuracy", "gflops", "year", "in_computed", "in_paper"]
    return merged[columns].reset_index(drop=True)


#: For each GFLOPs value the authors estimated: (base network, target network) in
#: :data:`dltrends.scaling.ARCHITECTURES`.
ESTIMATE_BASES: dict[str, tuple[str, str]] = {
    "NoisyStudent-L2": ("EfficientNet-B7", "EfficientNet-L2"),
    "Meta Pseudo Labels L2": ("EfficientNet-B7", "EfficientNet-L2"),
    "FixEfficientNet-L2": ("EfficientNet-B7", "FixEfficientNet-L2"),
    "FixEfficientNet-B7": ("EfficientNet-B7", "FixEfficientNet-B7"),
    "FixEfficientNet-B0": ("EfficientNet-B0", "FixEfficientNet-B0"),
    "ViT-G/14": ("ViT-G/14 @384", "ViT-G/14"),
}


def eq4_estimates(cv_models: pd.DataFrame) -> pd.DataFrame:
    """The GFLOPs the paper estimated (appendix Eq. 3 and 4), step by step, beside Table 2.

    For each model: ``base`` network and ``base_gflops``, ``depth_ratio``,
    ``width_ratio``, ``resolution_ratio`` (1 where a factor does not apply: ViT-G/14 is
    scaled by resolution only), ``factor`` = d x w^2 x r^2, ``recomputed`` GFLOPs,
    ``printed`` (Table 2, with ``printed_decimals``), ``gap_gflops``, ``relative_gap`` and
    ``agrees`` at the printed precision.
    """
    decimals = data_decimals(cv_models, "gflops")
    names = cv_models["model"].astype(str)
    rows = []
    for model, (base, target) in ESTIMATE_BASES.items():
        hits = cv_models.index[names == model]
        if len(hits) != 1:
            raise InputError(f"{model!r} is not once in the CV model table")
        b, t = scaling.ARCHITECTURES[base], scaling.ARCHITECTURES[target]
        depth = t.depth / b.depth if t.depth is not None and b.depth is not None else 1.0
        width = t.width / b.width if t.width is not None and b.width is not None else 1.0
        resolution = t.resolution_px / b.resolution_px
        factor = depth * width**2 * resolution**2
        recomputed = float(b.gflops) * factor
        printed = float(cv_models.loc[hits[0], "gflops"])
        rows.append(
            {
                "model": model,
                "base": base,
                "base_gflops": float(b.gflops),
                "depth_ratio": depth,
                "width_ratio": width,
                "resolution_ratio": resolution,
                "factor": factor,
                "recomputed": recomputed,
                "printed": printed,
                "printed_decimals": int(decimals.loc[hits[0]]),
                "gap_gflops": recomputed - printed,
                "relative_gap": (recomputed - printed) / printed,
            }
        )
    out = pd.DataFrame(rows)
    out["agrees"] = _agree(out)
    return out


def data_decimals(frame: pd.DataFrame, column: str) -> pd.Series:
    """Printed decimals of a column of a data file (``<column>_decimals`` if the frame has
    it, else read from data/, aligned on the frame's index when it is the loader's).
    """
    if f"{column}_decimals" in frame.columns:
        return frame[f"{column}_decimals"].astype(int)
    from dltrends import data

    for name, schema in data.SCHEMAS.items():
        if column in schema.columns and set(schema.columns) <= set(frame.columns):
            return data.column_decimals(name, column).reindex(frame.index).fillna(0).astype(int)
    return decimals_of(frame, column)


def _text(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    return frames["paper_reported/text_claims"].set_index("claim")


def models_claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """The scorecard's claims of Fig. 1, Table 1, the Eq. 4 estimates and the CV prose."""
    text = _text(frames)
    cv = frames["cv_models"]
    claims: list[Claim] = []
    table = trends.params_flops_correlation(cv).set_index("architecture")
    for arch, key, label in (("CNN", "cnn", "CNNs"), ("Transformer", "transformer", "transformers")):
        row = text.loc[f"Correlation between parameters and FLOPs, {label} (Fig. 1)"]
        claims.append(
            Claim(
                f"fig1.corr.{key}",
                "inferred",
                f"{PAPER}, Computer Vision Analysis (Fig. 1)",
                float(row["value"]),
                int(row["value_decimals"]),
                float(table.loc[arch, "r"]),
                "Pearson r",
                note=(
                    f"Pearson r over the {int(table.loc[arch, 'n_points'])} distinct {arch} points of "
                    "Table 2, "
                    "Hybrids left out (trends.params_flops_correlation): the procedure was chosen because it "
                    "comes closest to the printed values; the paper does not state its procedure"
                ),
                explanation=(
                    "no procedure tried gives both printed correlations to their three decimals (every row, "
                    "names de-duplicated, Hybrids merged, log values, Spearman); the transformer r rests "
                    "almost entirely on ViT-G/14"
                ),
            )
        )
    members = table1(cv, frames["paper_reported/table1_alexnet_band"])
    same = bool(members["in_computed"].all() and members["in_paper"].all())
    renamed = [
        f"'{p}' for '{m}'"
        for m, p in zip(members["model"], members["printed_as"], strict=True)
        if isinstance(p, str) and p != m
    ]
    claims.append(
        Claim(
            "table1.members",
            "inferred",
            f"{PAPER}, Table 1 (models with FLOPs similar to AlexNet)",
            "; ".join(frames["paper_reported/table1_alexnet_band"]["model"]),
            None,
            "; ".join(members.loc[members["in_computed"], "model"]),
            "models",
            note=(
                "the same models, matched on year, GFLOPs and accuracy, from a rule inferred to give the "
                "printed list (trends.models_near_flops: within a factor 2.5 of AlexNet's GFLOPs, the first "
                "model of each year and training regime, kept only if more accurate than those before)"
                + ("; Table 1 prints " + ", ".join(renamed) if renamed else "")
            ),
            agrees=same,
        )
    )
    estimates = eq4_estimates(cv).set_index("model")
    methods = {
        "NoisyStudent-L2": (
            "eq4.noisystudent_l2.gflops",
            "74 GFLOPs (B7) x (5.3/3.1) x (4.3/2.0)^2 x (800/600)^2",
        ),
        "FixEfficientNet-L2": (
            "eq4.fixefficientnet_l2.gflops",
            "Eq. 4 without the resolution factor (600 px, as B7)",
        ),
        "FixEfficientNet-B7": ("eq4.fixefficientnet_b7.gflops", "74 GFLOPs x (632/600)^2"),
        "FixEfficientNet-B0": ("eq4.fixefficientnet_b0.gflops", "0.78 GFLOPs x (320/224)^2"),
    }
    prose_l2 = text.loc["EfficientNet-L2 forward pass compute"]
    for model, (claim_id, method) in methods.items():
        row = estimates.loc[model]
        printed, decimals, where = row["printed"], int(row["printed_decimals"]), "Table 2"
        if model == "NoisyStudent-L2":  # the appendix's own number, in the prose
            printed, decimals, where = float(prose_l2["value"]), int(prose_l2["value_decimals"]), "prose"
        # The estimate at the precision the authors worked to, when Table 2 pads it.
        padded = [d for d in range(decimals - 1, -1, -1) if abs(round(row["recomputed"], d) - printed) < 1e-9]
        whole = round(row["recomputed"], padded[0]) if padded else None
        claims.append(
            Claim(
                claim_id,
                "independent",
                f"{PAPER}, appendix 'FLOPS estimation for CV models' ({model}; printed value from {where})",
                printed,
                decimals,
                row["recomputed"],
                "GFLOPs",
                note=f"{method} (dltrends.scaling)",
                explanation=(
                    "Table 2 pads the authors' estimate to two decimals: Eq. 4 gives "
                    f"{row['recomputed']:.2f}, "
                    f"which rounds to {whole:g}, printed as {printed:.2f}"
                    if whole is not None and abs(whole - printed) < 1e-9
                    else None
                ),
            )
        )
    vit = estimates.loc["ViT-G/14"]
    low = scaling.ARCHITECTURES["ViT-G/14 @384"]
    claims.append(
        Claim(
            "vitg14.gflops",
            "independent",
            f"{PAPER}, Table 2 and appendix 'ViT-G/14 FLOPs Estimation' (ViT-G/14)",
            vit["printed"],
            int(vit["printed_decimals"]),
            vit["recomputed"],
            "GFLOPs",
            explanation=(
                f"the paper scales the {low.resolution_px}-px GFLOPs ({low.gflops}) quadratically to the "
                f"{scaling.ARCHITECTURES['ViT-G/14'].resolution_px}-px fine-tuning resolution; the quadratic "
                f"rule gives {vit['recomputed']:.1f}, and no formula built from the printed numbers "
                "returns the "
                "printed value exactly (other rounding choices give 5162 to 5276; "
                "notes/reconstruction.md, item 4)"
            ),
        )
    )
    totals = layers.model_totals(layers.alexnet_torchvision())
    gmacs = totals["macs"] / 1e9
    alexnet = text.loc["AlexNet forward pass compute"]
    claims.append(
        Claim(
            "text.alexnet.gflops",
            "independent",
            f"{PAPER}, Computer Vision Analysis, Performance and Compute (AlexNet)",
            float(alexnet["value"]),
            int(alexnet["value_decimals"]),
            units.macs_to_flops(gmacs),
            "GFLOPs",
            note=f"torchvision's AlexNet, layer by layer: {gmacs:.4f} GMACs x 2 (dltrends.layers)",
            explanation=(
                f"1.42 equals 2 x {gmacs:.2f}, the multiply-adds rounded to two decimals before doubling; "
                f"unrounded, 2 x {gmacs:.4f} = {units.macs_to_flops(gmacs):.2f}. Where the paper took 0.71 "
                "GMACs from is unverified (it cites no counting tool)"
            ),
        )
    )
    selected = trends.models_near_flops(cv).set_index("model")
    years = pd.DatetimeIndex(selected["release_date"]).year
    span = int(years[list(selected.index).index("EfficientNet-B1")] - years[0])
    period = text.loc["Period over which AlexNet-level compute gained accuracy (AlexNet to EfficientNet-B1)"]
    claims.append(
        Claim(
            "text.alexnet_to_efficientnet_b1.years",
            "inferred",
            f"{PAPER}, Performance and Compute (Table 1 discussion)",
            float(period["value"]),
            int(period["value_decimals"]),
            span,
            "years",
            note="release years of AlexNet and EfficientNet-B1 in the Table 1 of the inferred rule",
        )
    )
    return claims


# ----------------------------------------------------------------------------- forecasting


def human_references(text_claims: pd.DataFrame) -> pd.DataFrame:
    """The paper's two human references, recomputed from their inputs beside the printed
    rounded values: ``reference`` ('somatic', 'external'), ``input`` (kcal per day, kWh
    per year), ``computed_watts`` (365-day years), ``paper_watts``, ``paper_decimals``,
    ``basis`` (what kind of energy) and ``explanation``.
    """
    text = text_claims.set_index("claim")
    kcal = float(text.loc["Somatic (internal) energy intake per person", "value"])
    kwh = float(
        text.loc["External energy consumption per person, USA 2019 (Ritchie and Roser, 2020)", "value"]
    )
    rows = []
    for name, inp, computed, printed, basis, how in (
        (
            "somatic",
            kcal,
            forecast.somatic_power_watts(kcal),
            text.loc["Somatic (internal) energy consumption per person"],
            "food energy",
            f"{kcal:,.0f} kcal x {forecast.JOULES_PER_KCAL:,.0f} J/kcal / {forecast.SECONDS_PER_DAY:,.0f} s",
        ),
        (
            "external",
            kwh,
            forecast.external_power_watts(kwh),
            text.loc["External energy consumption per person, USA 2019"],
            "primary energy",
            f"{kwh:,.0f} kWh/year x 3.6 MJ/kWh / (365 x 86,400 s)",
        ),
    ):
        paper = float(printed["value"])
        rows.append(
            {
                "reference": name,
                "input": inp,
                "computed_watts": computed,
                "paper_watts": paper,
                "paper_decimals": int(printed["value_decimals"]),
                "basis": basis,
                "explanation": (
                    f"the paper rounds: {how} = {computed:,.2f} W, printed as 'approximately {paper:,.0f}' "
                    f"({100 * (paper / computed - 1):.1f}% above)"
                ),
            }
        )
    return pd.DataFrame(rows)


def human_claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """The paper's human energy references (somatic and external watts), recomputed."""
    refs = human_references(frames["paper_reported/text_claims"])
    return [
        Claim(
            f"human.{row['reference']}_watts",
            "independent",
            f"{PAPER}, Forecasting and Multiplicative Effect ({row['reference']} consumption)",
            row["paper_watts"],
            int(row["paper_decimals"]),
            row["computed_watts"],
            "J/s (W)",
            explanation=row["explanation"],
        )
        for _, row in refs.iterrows()
    ]


def claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """Every claim of Desislavov et al. that the book recomputes."""
    return hardware_claims(frames) + models_claims(frames) + human_claims(frames)
