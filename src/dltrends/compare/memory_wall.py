"""The AI and Memory Wall tables against the book's recomputation.

The memory breakdown (params, optimizer and total memory of eight models) and the CV
table's ResNet-50 row. The memory chapter, the data audit and the scorecard use these
functions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import pandas as pd

from dltrends import layers, memory, units
from dltrends.compare import Claim, tolerance

MEMORY_WALL = "Gholami et al. 2024, AI and Memory Wall"


def _slug(text: object) -> str:
    return re.sub(r"[^0-9a-z]+", "-", str(text).lower()).strip("-")


def breakdown(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The memory breakdown recomputed (:func:`dltrends.memory.memory_wall_recompute`).

    The parameter counts are the candidates of
    :func:`dltrends.memory.memory_wall_param_candidates`: the Memory Wall's own tables
    first, so that a mismatch is not hidden by choosing among sources.
    """
    table = frames["memory_wall_training_memory"]
    return memory.memory_wall_recompute(table, memory.memory_wall_param_candidates(frames))


def breakdown_claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """Params memory (consistency: the Memory Wall's own count x 4 B), optimizer memory
    (inferred: its multiple of the params memory is read from the printed ratio) and total
    memory (consistency: the sum of the printed parts) of every row of the breakdown.
    """
    table = frames["memory_wall_training_memory"]
    recomputed = breakdown(frames)
    decimals = 2
    out: list[Claim] = []
    for model in table["model"]:
        options = recomputed[recomputed["model"] == model]
        chosen, others = options.iloc[0], options.iloc[1:]
        base = f"memorywall.{_slug(model)}"
        source = f"{MEMORY_WALL}, Memory Breakdown table ({model})"
        unit = "GB (10^9 B, as labelled)"
        m = int(chosen["optimizer_multiplier"])
        if pd.isna(chosen["params_millions"]):
            note = (
                f"not recomputable: the book's data has no parameter count for {model} "
                "(memory_wall_nlp.csv's Transformer, 65 M, is the base model); the printed "
                f"{chosen['params_memory_printed']:.2f} implies "
                f"{chosen['implied_params_millions_if_gb']:,.0f} M "
                f"parameters at 4 B in GB or {chosen['implied_params_millions_if_gib']:,.0f} M in GiB"
            )
            out.append(
                Claim(
                    f"{base}.params_memory",
                    "consistency",
                    source + ", Params Memory",
                    chosen["params_memory_printed"],
                    decimals,
                    math.nan,
                    unit,
                    note=note,
                )
            )
            out.append(
                Claim(
                    f"{base}.optimizer_memory",
                    "inferred",
                    source + ", Optimizer Memory",
                    chosen["optimizer_memory_printed"],
                    decimals,
                    math.nan,
                    unit,
                    note="not recomputable without a parameter count; the printed value "
                    + ("equals" if chosen["optimizer_equals_multiplier_x_printed_params"] else "is not")
                    + f" {m} x the printed params memory",
                )
            )
        else:
            for part, label in (("params", "Params Memory"), ("optimizer", "Optimizer Memory")):
                printed = float(chosen[f"{part}_memory_printed"])
                gb = float(chosen[f"{part}_memory_gb_computed"])
                gib = float(chosen[f"{part}_memory_gib_computed"])
                times = "" if part == "params" else f"{m} x "
                note = f"{times}{chosen['params_millions']:g} M x 4 B ({chosen['params_source']})"
                if part == "optimizer":
                    note += f"; m = {m}: {chosen['inferred_optimizer']}, read from the printed ratio"
                explanation = None
                if chosen[f"{part}_unit"] == "GiB":
                    explanation = (
                        f"{gb:.3f} GB but {gib:.3f} GiB, which rounds to the printed {printed:.2f}: "
                        "this row of a column labelled GB is in GiB (2^30 B)"
                    )
                else:
                    fits = others[others[f"{part}_unit"].isin(["GB", "GiB", "both"])]
                    if not fits.empty:
                        other = fits.iloc[0]
                        other_unit = "GB" if other[f"{part}_unit"] in ("GB", "both") else "GiB"
                        value = other[f"{part}_memory_{other_unit.lower()}_computed"]
                        explanation = (
                            f"with {chosen['params_millions']:g} M neither unit gives the printed "
                            f"{printed:.2f} "
                            f"({gb:.3f} GB, {gib:.3f} GiB); with {other['params_millions']:g} M "
                            f"({other['params_source']}) it is {value:.3f} {other_unit}: the table used that "
                            f"count, in {other_unit}"
                        )
                    elif chosen[f"{part}_unit"] == "neither":
                        note += (
                            f"; {gb:.3f} GB = {gib:.3f} GiB, and no parameter count in the data gives the "
                            f"printed {printed:.2f} in either unit"
                        )
                        if part == "params":
                            note += (
                                f": it implies {chosen['implied_params_millions_if_gb']:,.0f} M (GB) or "
                                f"{chosen['implied_params_millions_if_gib']:,.0f} M (GiB) parameters"
                            )
                        if part == "optimizer" and not chosen["optimizer_equals_multiplier_x_printed_params"]:
                            note += (
                                f"; the printed {printed:.2f} is not {m} x the printed params memory "
                                f"({m * chosen['params_memory_printed']:.2f}) either, which the printed "
                                "total uses"
                            )
                kind = "consistency" if part == "params" else "inferred"
                out.append(
                    Claim(
                        f"{base}.{part}_memory",
                        kind,
                        f"{source}, {label}",
                        printed,
                        decimals,
                        gb,
                        unit,
                        note=note,
                        explanation=explanation,
                    )
                )
        total, parts = float(chosen["total_printed"]), float(chosen["sum_of_printed_parts"])
        explanation, note = None, "params + optimizer + activation memory as printed"
        with_rule = float(chosen["sum_with_optimizer_as_multiplier_x_params"])
        carried = 3 * tolerance(decimals)
        if abs(with_rule - total) <= tolerance(decimals) + 1e-9 and abs(with_rule - parts) > 1e-9:
            explanation = (
                f"the printed total is params + {m} x params + activations = {with_rule:.2f}: it was "
                "summed with "
                f"optimizer memory {m} x {chosen['params_memory_printed']:.2f} = "
                f"{m * chosen['params_memory_printed']:.2f}, not the printed "
                f"{chosen['optimizer_memory_printed']:.2f}, "
                "which does not follow from the row (a typo is the simplest reading; unverified)"
            )
        elif abs(total - parts) > carried + tolerance(decimals) + 1e-9 and sorted(f"{total:.2f}") == sorted(
            f"{parts:.2f}"
        ):
            note += (
                f"; the printed {total:.2f} has the digits of the sum {parts:.2f} in another order: "
                "transposed "
                "digits would explain it, but no computation gives it"
            )
        out.append(
            Claim(
                f"{base}.total_memory",
                "consistency",
                source + ", Total Memory",
                total,
                decimals,
                parts,
                unit,
                note=note,
                explanation=explanation,
                carried=carried,
            )
        )
    return out


def resnet50(frames: Mapping[str, pd.DataFrame]) -> dict[str, float]:
    """The ResNet-50 row of 002's accuracy table beside the layer calculator's counts."""
    table = frames["memory_wall_cv"]
    row = table[table["model"] == "ResNet50"].iloc[0]
    totals = layers.model_totals(layers.resnet50())
    return {
        "params_printed": float(row["params_millions"]),
        "params_recomputed": totals["parameters"] / 1e6,
        "gmacs_recomputed": totals["macs"] / 1e9,
        "gflops_printed": float(row["inference_gflops"]),
        "gflops_recomputed": units.macs_to_flops(totals["macs"] / 1e9),
    }


def cv_claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """ResNet-50's parameters and GFLOPs in 002's accuracy table, from the layer calculator."""
    r = resnet50(frames)
    source = f"{MEMORY_WALL}, accuracy table of 002 (ResNet50)"
    return [
        Claim(
            "memorywall_cv.resnet50.params",
            "independent",
            source + ", #Params",
            r["params_printed"],
            2,
            r["params_recomputed"],
            "millions",
            note="torchvision's ResNet-50 (v1.5), layer by layer (dltrends.layers.resnet50), batch norm "
            "included",
        ),
        Claim(
            "memorywall_cv.resnet50.gflops",
            "independent",
            source + ", inference GFLOPs",
            r["gflops_printed"],
            2,
            r["gflops_recomputed"],
            "GFLOPs",
            note=(
                "dltrends.layers.resnet50 counts the multiply-adds of the convolutions and the fully "
                "connected "
                f"layer only ({r['gmacs_recomputed']:.3f} GMACs x 2); which tool the printed value "
                "comes from, and "
                "what else it counts, is unverified"
            ),
        ),
    ]


def claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """Every claim of the AI and Memory Wall tables that the book recomputes."""
    return breakdown_claims(frames) + cv_claims(frames)
