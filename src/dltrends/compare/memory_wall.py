"""The AI and Memory Wall tables against the book's recomputation.

The memory breakdown (params, optimizer and total memory of eight models; which unit
each row's params memory uses, :func:`unit_verdicts`) and the CV table's ResNet-50 row.
The memory chapter, the data audit and the scorecard use these functions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from numbers import Real

import pandas as pd

from dltrends import checks, layers, units
from dltrends.checks import InputError
from dltrends.compare import Claim, agrees_at_print, slug, tolerance
from dltrends.units import BYTES_PER_GB, BYTES_PER_GIB

MEMORY_WALL = "Gholami et al. 2024, AI and Memory Wall"


# ----------------------------------------------------------------------------- the recomputation

#: Where the book's data files hold a parameter count for each Memory Breakdown row:
#: (file, key column, key value). Transformer Big has none (memory_wall_nlp's
#: "Transformer", 65M, is the base model).
MEMORY_WALL_PARAM_SOURCES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "AlexNet": (("memory_wall_cv", "model", "AlexNet"), ("cv_models", "model_id", "alexnet")),
    "VGG19": (("memory_wall_cv", "model", "VGG-19"), ("cv_models", "model_id", "vgg-19")),
    "ResNet152": (
        ("memory_wall_cv", "model", "ResNet152"),
        ("cv_models", "model_id", "resnet-152"),
    ),
    "DenseNet201": (
        ("memory_wall_cv", "model", "DenseNet201"),
        ("cv_models", "model_id", "densenet-201"),
    ),
    "ResNeXt101 (64x4d)": (
        ("memory_wall_cv", "model", "ResNeXt101(64x4d)"),
        ("cv_models", "model_id", "resnext-101-64x4d"),
    ),
    "Transformer Big (WMT)": (),
    "BERT Large": (
        ("memory_wall_nlp", "model", "BERT Large"),
        ("nlp_models", "model_id", "bert-large"),
    ),
    "GPT-2": (("memory_wall_nlp", "model", "GPT-2"), ("nlp_models", "model_id", "gpt-2")),
}


def param_candidates(frames: Mapping[str, pd.DataFrame]) -> dict[str, dict[str, float]]:
    """Parameter counts (millions) for each Memory Breakdown model, labelled by their source.

    ``frames`` maps file names (``memory_wall_cv``, ``memory_wall_nlp``, ``cv_models``,
    ``nlp_models``) to the frames of :func:`dltrends.data.load`; missing files are skipped.
    Labels read ``<file>.csv: <key>`` plus the source table for ``memory_wall_cv`` rows
    (ResNet152 has two: 000's 55M and 002's 60.19M). Identical values from one file are
    listed once.
    """
    if not isinstance(frames, Mapping):
        raise InputError("frames must be a mapping of file name -> DataFrame")
    out: dict[str, dict[str, float]] = {}
    for model, sources in MEMORY_WALL_PARAM_SOURCES.items():
        candidates: dict[str, float] = {}
        for file, column, key in sources:
            frame = frames.get(file)
            if frame is None:
                continue
            if column not in frame.columns or "params_millions" not in frame.columns:
                raise InputError(f"frame {file!r} lacks column {column!r} or 'params_millions'")
            rows = frame[frame[column] == key]
            seen: set[float] = set()
            for _, row in rows.iterrows():
                value = row["params_millions"]
                if pd.isna(value) or float(value) in seen:
                    continue
                seen.add(float(value))
                label = f"{file}.csv: {key}"
                if "source_table" in frame.columns:
                    label += f" ({row['source_table'].split(':')[0]})"
                candidates[label] = float(value)
        out[model] = candidates
    return out


def _within_print(computed: float, printed: float) -> bool:
    """Whether ``computed`` rounds to the 2-decimal ``printed`` value (the book's one rule)."""
    return agrees_at_print(printed, 2, computed)


def _unit_label(gb: bool, gib: bool) -> str:
    return {(True, True): "both", (True, False): "GB", (False, True): "GiB"}.get((gb, gib), "neither")


_OPTIMIZER_NAMES = {1: "SGD with momentum (1 fp32 buffer)", 2: "Adam (2 fp32 buffers)"}


def recompute(
    table: pd.DataFrame,
    params_millions_by_model: Mapping[str, Mapping[str, float] | float],
    bytes_per_param: float = 4,
) -> pd.DataFrame:
    """Recompute the Memory Wall "Memory Breakdown" params and optimizer memory per row.

    ``table`` is ``data.load("memory_wall_training_memory")``; ``params_millions_by_model``
    maps each model to ``{source label: parameters in millions}`` (see
    :func:`param_candidates`) or to a bare number (labelled "given"). One output
    row per model and candidate (one row with empty values where no count is known).

    Inferred convention: params memory = params x ``bytes_per_param`` (4, fp32);
    optimizer memory = m x params memory, with m = the printed optimizer/params ratio
    rounded (1: SGD with momentum, the CV rows; 2: Adam, the NLP rows). Each is computed in
    GB (10^9 B) and GiB (2^30 B) and compared with the printed 2-decimal value; ``*_unit``
    says which unit matches ("GB", "GiB", "both", "neither"). ``implied_params_millions_*``
    is the parameter count the printed params memory implies in each unit. The printed
    total is compared with the sum of the printed parts (``total_minus_sum_printed``) and
    with the sum when the optimizer is m x the printed params memory
    (``sum_with_optimizer_as_multiplier_x_params``), without deciding which is right.
    """
    required = {
        "model",
        "params_memory_gb_printed",
        "optimizer_memory_gb_printed",
        "activation_memory_gb_printed",
        "total_memory_gb_printed",
    }
    if not isinstance(table, pd.DataFrame) or not required <= set(table.columns):
        raise InputError(f"table must be a DataFrame with columns {sorted(required)}")
    if not isinstance(params_millions_by_model, Mapping):
        raise InputError("params_millions_by_model must be a mapping of model -> counts")
    size = checks.number(bytes_per_param, "bytes_per_param")
    rows = []
    for _, printed in table.iterrows():
        model = str(printed["model"])
        p_mem = float(printed["params_memory_gb_printed"])
        o_mem = float(printed["optimizer_memory_gb_printed"])
        a_mem = float(printed["activation_memory_gb_printed"])
        t_mem = float(printed["total_memory_gb_printed"])
        ratio = o_mem / p_mem if p_mem else math.nan
        multiplier = int(round(ratio)) if math.isfinite(ratio) else 0
        parts = p_mem + o_mem + a_mem
        base = {
            "model": model,
            "params_memory_printed": p_mem,
            "optimizer_memory_printed": o_mem,
            "optimizer_to_params_ratio_printed": ratio,
            "optimizer_multiplier": multiplier,
            "inferred_optimizer": _OPTIMIZER_NAMES.get(multiplier, "unknown"),
            "optimizer_equals_multiplier_x_printed_params": _within_print(multiplier * p_mem, o_mem),
            "implied_params_millions_if_gb": p_mem * BYTES_PER_GB / size / 1e6,
            "implied_params_millions_if_gib": p_mem * BYTES_PER_GIB / size / 1e6,
            "sum_of_printed_parts": round(parts, 2),
            "sum_with_optimizer_as_multiplier_x_params": round(p_mem * (1 + multiplier) + a_mem, 2),
            "total_printed": t_mem,
            "total_minus_sum_printed": round(t_mem - parts, 2),
        }
        given = params_millions_by_model.get(model, {})
        if isinstance(given, Real) and not isinstance(given, bool):
            given = {"given": float(given)}
        if not isinstance(given, Mapping):
            raise InputError(f"parameter counts for {model!r} must be a number or a mapping")
        if not given:
            given = {"none in the book's data": math.nan}
        for label, millions in given.items():
            if not (isinstance(millions, float) and math.isnan(millions)):
                checks.number(millions, f"params_millions[{model!r}][{label!r}]")
            n_bytes = float(millions) * 1e6 * size
            opt_bytes = multiplier * n_bytes
            p_gb, p_gib = n_bytes / BYTES_PER_GB, n_bytes / BYTES_PER_GIB
            o_gb, o_gib = opt_bytes / BYTES_PER_GB, opt_bytes / BYTES_PER_GIB
            rows.append(
                {
                    **base,
                    "params_source": label,
                    "params_millions": float(millions),
                    "params_memory_gb_computed": p_gb,
                    "params_memory_gib_computed": p_gib,
                    "params_unit": _unit_label(_within_print(p_gb, p_mem), _within_print(p_gib, p_mem)),
                    "optimizer_memory_gb_computed": o_gb,
                    "optimizer_memory_gib_computed": o_gib,
                    "optimizer_unit": _unit_label(_within_print(o_gb, o_mem), _within_print(o_gib, o_mem)),
                }
            )
    columns = [
        "model",
        "params_source",
        "params_millions",
        "params_memory_printed",
        "params_memory_gb_computed",
        "params_memory_gib_computed",
        "params_unit",
        "implied_params_millions_if_gb",
        "implied_params_millions_if_gib",
        "optimizer_memory_printed",
        "optimizer_to_params_ratio_printed",
        "optimizer_multiplier",
        "inferred_optimizer",
        "optimizer_equals_multiplier_x_printed_params",
        "optimizer_memory_gb_computed",
        "optimizer_memory_gib_computed",
        "optimizer_unit",
        "sum_of_printed_parts",
        "sum_with_optimizer_as_multiplier_x_params",
        "total_printed",
        "total_minus_sum_printed",
    ]
    return pd.DataFrame(rows, columns=columns)


def breakdown(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The memory breakdown recomputed (:func:`recompute`).

    The parameter counts are the candidates of
    :func:`param_candidates`: the Memory Wall's own tables
    first, so that a mismatch is not hidden by choosing among sources.
    """
    table = frames["memory_wall_training_memory"]
    return recompute(table, param_candidates(frames))


#: What :func:`unit_verdicts` can find for a row of the breakdown.
VERDICTS = ("GB", "GiB", "GB or GiB (depends on the parameter count)", "neither", "no parameter count")


def unit_verdicts(recomputed: pd.DataFrame) -> pd.DataFrame:
    """Which unit, GB (10^9 B) or GiB (2^30 B), each breakdown row's params memory uses.

    ``recomputed`` is :func:`breakdown` (or :func:`recompute`).
    One row per model: ``model``, ``params_memory_printed``, ``gb_matches`` and
    ``gib_matches`` (the parameter counts, in millions with their source, whose fp32 bytes
    round to the printed value in that unit; '' if none), and ``verdict``, one of
    :data:`VERDICTS`.
    """
    needed = {"model", "params_source", "params_millions", "params_memory_printed", "params_unit"}
    if not isinstance(recomputed, pd.DataFrame) or not needed <= set(recomputed.columns):
        raise InputError(f"recomputed must be a DataFrame with columns {sorted(needed)}")
    rows = []
    for model in dict.fromkeys(recomputed["model"]):
        group = recomputed[recomputed["model"] == model]
        known = group[group["params_millions"].notna()]
        matches: dict[str, list[str]] = {"GB": [], "GiB": []}
        for _, row in known.iterrows():
            for unit in ("GB", "GiB"):
                if row["params_unit"] in (unit, "both"):
                    matches[unit].append(f"{row['params_millions']:g}M ({row['params_source']})")
        if known.empty:
            verdict = VERDICTS[4]
        elif matches["GB"] and matches["GiB"]:
            verdict = VERDICTS[2]
        elif matches["GB"] or matches["GiB"]:
            verdict = "GB" if matches["GB"] else "GiB"
        else:
            verdict = VERDICTS[3]
        rows.append(
            {
                "model": str(model),
                "params_memory_printed": float(group["params_memory_printed"].iloc[0]),
                "gb_matches": "; ".join(matches["GB"]),
                "gib_matches": "; ".join(matches["GiB"]),
                "verdict": verdict,
            }
        )
    return pd.DataFrame(rows)


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
        base = f"memorywall.{slug(model)}"
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
