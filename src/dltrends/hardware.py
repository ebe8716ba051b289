"""GPU efficiency and the mixed-precision adjustment (Desislavov et al. 2023, Tables 3, 4, 8, 9).

* Table 8: peak TFLOPS and TDP watts per GPU and precision; GFLOPS/W = 1000 x TFLOPS / W.
* Table 3 to Table 4: inference throughput on NVIDIA NGC benchmarks gives a speed-up of
  each precision over FP32 on the same GPU (for the A100, which has no FP32 entry,
  over the V100 in FP32); Table 4 is the arithmetic mean of those speed-ups per GPU,
  precision and task (CV or NLP), computed from the unrounded throughputs.
* Table 9: "adapted" FLOPS = the FP32 TFLOPS of the reference GPU x the Table 4 ratio,
  at the GPU's own TDP, separately for CNN (CV) and NLP work.
"""

from __future__ import annotations

import re

import pandas as pd

from dltrends.checks import InputError, finite_result

from .units import _check_positive

#: Which FP32 GPU each GPU's speed-ups are measured against (paper, appendix, Table 4).
SPEEDUP_REFERENCE = {"V100": "V100", "T4": "T4", "A100": "V100"}

#: The label each GPU family has in Table 8 (and so in data/gpus.csv).
TABLE8_NAME = {"V100": "Tesla V100", "T4": "T4", "A100": "A100"}

#: FP32 rows of Table 8 that the paper's Table 9 does not list (see the data audit).
TABLE9_OMITTED_FP32 = ("Tesla P100", "A100", "A30")

TASK_TO_WORK = {"CV": "CNN", "NLP": "NLP"}


@finite_result
def gflops_per_watt(tflops: float, watts: float) -> float:
    """Peak efficiency in GFLOPS/W (= GFLOP/J, Eq. 1) from peak TFLOPS and TDP watts.

    >>> round(gflops_per_watt(15.7, 300), 2)
    52.33
    """
    return 1000.0 * _check_positive(tflops, "tflops") / _check_positive(watts, "watts")


def gpu_family(label: str) -> str:
    """Reduce a GPU label to its family: ``'V100 16GB'`` and ``'Tesla V100'`` give ``'V100'``.

    Only the three GPUs with NGC measurements (V100, A100, T4) are recognised.
    """
    match = re.search(r"\b(V100|A100|T4)\b", str(label))
    if not match:
        raise InputError(f"unknown GPU {label!r}: expected a V100, A100 or T4 label")
    return match.group(1)


def with_gflops_per_watt(gpus: pd.DataFrame) -> pd.DataFrame:
    """Add a ``gflops_per_watt`` column to a Table 8 style frame (tflops, watts)."""
    out = gpus.copy()
    out["gflops_per_watt"] = [gflops_per_watt(t, w) for t, w in zip(out["tflops"], out["watts"], strict=True)]
    return out


def speedups(ngc: pd.DataFrame) -> pd.DataFrame:
    """Speed-up of every NGC measurement over its FP32 reference (Table 3's last column).

    Each throughput is divided by the FP32 throughput of the same task, model, framework
    and batch size on the reference GPU (:data:`SPEEDUP_REFERENCE`). Returns the rows of
    ``ngc`` with ``gpu_family``, ``reference_gpu`` and ``speedup`` added.
    """
    frame = ngc.copy()
    frame["gpu_family"] = frame["gpu"].map(gpu_family)
    frame["reference_gpu"] = frame["gpu_family"].map(SPEEDUP_REFERENCE)
    keys = ["task", "model", "framework", "batch_size"]
    fp32 = frame[frame["precision"] == "FP32"]
    base = fp32.set_index(keys + ["gpu_family"])["throughput"]
    if base.index.duplicated().any():
        raise InputError("two FP32 measurements for the same task, model, framework, batch, GPU")
    values = []
    for _, row in frame.iterrows():
        key = tuple(row[k] for k in keys) + (row["reference_gpu"],)
        if key not in base.index:
            raise InputError(
                f"no FP32 reference on {row['reference_gpu']} for {row['task']} {row['model']} "
                f"({row['framework']}, batch {row['batch_size']})"
            )
        values.append(row["throughput"] / base[key])
    frame["speedup"] = values
    return frame


def speedup_ratios(ngc: pd.DataFrame) -> pd.DataFrame:
    """Table 4: mean speed-up per GPU family, precision and task, over FP32 references.

    Returns one row per (gpu_family, precision) that is not FP32 itself, with columns
    ``reference`` (e.g. ``'V100 FP32'``), ``cv``, ``nlp`` and ``n_cv``, ``n_nlp`` (how
    many benchmarks each mean averages).
    """
    frame = speedups(ngc)
    frame = frame[~((frame["precision"] == "FP32") & (frame["gpu_family"] == frame["reference_gpu"]))]
    grouped = frame.groupby(["gpu_family", "precision", "task"], observed=True)["speedup"]
    means = grouped.mean().unstack("task")
    counts = grouped.size().unstack("task")
    out = pd.DataFrame(
        {
            "reference": [f"{SPEEDUP_REFERENCE[g]} FP32" for g, _ in means.index],
            "cv": means.get("CV"),
            "nlp": means.get("NLP"),
            "n_cv": counts.get("CV"),
            "n_nlp": counts.get("NLP"),
        },
        index=means.index,
    )
    return out.reset_index()


@finite_result
def speedup_ratio(ngc: pd.DataFrame, gpu: str, precision: str, task: str) -> float:
    """One Table 4 ratio, e.g. ``speedup_ratio(ngc, "A100", "TF32", "CV")``."""
    table = speedup_ratios(ngc)
    column = {"CV": "cv", "NLP": "nlp"}.get(task)
    if column is None:
        raise InputError(f"task must be 'CV' or 'NLP', got {task!r}")
    match = table[(table["gpu_family"] == gpu_family(gpu)) & (table["precision"] == precision)]
    if match.empty or pd.isna(match[column].iloc[0]):
        known = ", ".join(f"{g} {p}" for g, p in zip(table["gpu_family"], table["precision"], strict=True))
        raise InputError(f"no {task} speed-up for {gpu} {precision}; known: {known}")
    return float(match[column].iloc[0])


def adapted_gpus(
    gpus: pd.DataFrame, ngc: pd.DataFrame, omit_fp32: tuple[str, ...] = TABLE9_OMITTED_FP32
) -> pd.DataFrame:
    """Table 9: FP32 GPUs plus the mixed-precision rows adapted for CNN and NLP work.

    Returns columns ``adapted`` ('No', 'For CNN' or 'For NLP'), ``gpu``, ``precision``,
    ``tflops``, ``watts``, ``launch_date``, ``gpu_type``, ``gflops_per_watt``. The FP32
    rows of ``omit_fp32`` are left out, as in the paper's Table 9 (pass ``()`` to keep
    every FP32 row).
    """
    fp32 = gpus[(gpus["precision"] == "FP32") & ~gpus["gpu"].isin(omit_fp32)].copy()
    fp32["adapted"] = "No"
    fp32["precision"] = fp32["precision"].astype(str)
    rows = []
    ratios = speedup_ratios(ngc)
    for task, work in TASK_TO_WORK.items():
        column = task.lower()
        for _, ratio in ratios.iterrows():
            family, precision = ratio["gpu_family"], ratio["precision"]
            if pd.isna(ratio[column]):
                continue
            own = gpus[(gpus["gpu"] == TABLE8_NAME[family]) & (gpus["precision"] == "FP32")]
            ref = gpus[
                (gpus["gpu"] == TABLE8_NAME[SPEEDUP_REFERENCE[family]]) & (gpus["precision"] == "FP32")
            ]
            if own.empty or ref.empty:
                raise InputError(f"Table 8 has no FP32 row for {family} or its reference")
            rows.append(
                {
                    "adapted": f"For {work}",
                    "gpu": own["gpu"].iloc[0],
                    "precision": precision,
                    "tflops": float(ref["tflops"].iloc[0]) * float(ratio[column]),
                    "watts": float(own["watts"].iloc[0]),
                    "launch_date": own["launch_date"].iloc[0],
                    "gpu_type": own["gpu_type"].iloc[0],
                }
            )
    adapted = pd.DataFrame(rows)
    columns = ["adapted", "gpu", "precision", "tflops", "watts", "launch_date", "gpu_type"]
    table = pd.concat([fp32[columns], adapted[columns]], ignore_index=True)
    table["gpu_type"] = table["gpu_type"].astype(str)
    pairs = zip(table["tflops"], table["watts"], strict=True)
    table["gflops_per_watt"] = [gflops_per_watt(t, w) for t, w in pairs]
    return table.sort_values(["adapted", "launch_date", "gpu"], kind="stable").reset_index(drop=True)


def efficiency_series(table9: pd.DataFrame, work: str) -> pd.DataFrame:
    """The GPUs whose efficiency trend the paper fits for ``work`` ('CNN' or 'NLP').

    FP32 rows ('No') plus the rows adapted for that work (the paper's Fig. 8).
    """
    if work not in ("CNN", "NLP"):
        raise InputError(f"work must be 'CNN' or 'NLP', got {work!r}")
    return table9[table9["adapted"].isin(["No", f"For {work}"])].reset_index(drop=True)


def peak_vs_adapted(
    gpus: pd.DataFrame, table9: pd.DataFrame, families: tuple[str, ...] = ("V100", "A100", "T4")
) -> pd.DataFrame:
    """Peak GFLOPS/W (Table 8, every precision) beside the adapted rows of Table 9.

    Returns columns ``gpu``, ``precision``, ``kind`` ('peak (Table 8)' or 'measured
    speed-up, CNN work' / '..., NLP work') and ``gflops_per_watt`` for the GPUs of
    ``families``: the gap between a data-sheet peak and what networks get.
    """
    names = [TABLE8_NAME[gpu_family(f)] for f in families]
    peak = with_gflops_per_watt(gpus[gpus["gpu"].isin(names)]).assign(kind="peak (Table 8)")
    adapted = table9[(table9["adapted"] != "No") & table9["gpu"].isin(names)]
    adapted = adapted.assign(
        kind="measured speed-up, " + adapted["adapted"].str.replace("For ", "", regex=False) + " work"
    )
    columns = ["gpu", "precision", "kind", "gflops_per_watt"]
    out = pd.concat([peak[columns], adapted[columns]], ignore_index=True)
    out["precision"] = out["precision"].astype(str)
    return out


# ----------------------------------------------------------------------------- achieved


def achieved(gpus: pd.DataFrame, ngc: pd.DataFrame, flops_per_item: pd.DataFrame) -> pd.DataFrame:
    """What the NGC benchmarks of Table 3 achieve, against the peak the paper credits.

    For each measurement with a known FLOPs per item (data/ngc_benchmark_flops.csv):
    ``achieved_tflops`` = items per second x GFLOPs per item / 1000; ``credited_tflops``,
    the peak the paper's method credits to that GPU and precision (the FP32 peak of
    Table 8 for FP32, the adapted TFLOPS of Table 9 for mixed precision and TF32, for the
    benchmark's work, CNN or NLP); ``utilisation`` = achieved / credited;
    ``tensor_tflops`` (the data-sheet tensor-core peak) and its share; the energy of one
    item at TDP from the measured throughput (``joules_measured`` = W / items per
    second) beside the paper's estimate (``joules_paper`` = GFLOPs / credited GFLOPS/W),
    whose ratio is 1 / utilisation. Both assume the GPU draws its TDP.
    """
    table9 = adapted_gpus(gpus, ngc, omit_fp32=())
    flops = flops_per_item.copy()
    rows = []
    for _, row in ngc.iterrows():
        hits = flops[
            (flops["model"] == row["model"])
            & (flops["framework"].isna() | (flops["framework"] == row["framework"]))
        ]
        if hits.empty:
            continue
        gflops = float(hits["gflops_per_item"].iloc[0])
        family = gpu_family(row["gpu"])
        name = TABLE8_NAME[family]
        work = TASK_TO_WORK[str(row["task"])]
        precision = str(row["precision"])
        if precision == "FP32":
            credited = table9[(table9["gpu"] == name) & (table9["precision"] == "FP32")]
        else:
            credited = table9[
                (table9["gpu"] == name)
                & (table9["precision"] == precision)
                & (table9["adapted"] == f"For {work}")
            ]
        if credited.empty:
            continue
        credited_tflops = float(credited["tflops"].iloc[0])
        watts = float(credited["watts"].iloc[0])
        tensor = gpus[(gpus["gpu"] == name) & (gpus["precision"] == "FP16/FP32 Tensor")]
        achieved_tflops = float(row["throughput"]) * gflops / 1000.0
        rows.append(
            {
                "task": str(row["task"]),
                "model": str(row["model"]),
                "framework": str(row["framework"]),
                "batch_size": int(row["batch_size"]),
                "gpu": name,
                "precision": precision,
                "item": str(hits["item"].iloc[0]),
                "gflops_per_item": gflops,
                "throughput": float(row["throughput"]),
                "achieved_tflops": achieved_tflops,
                "credited_tflops": credited_tflops,
                "utilisation": achieved_tflops / credited_tflops,
                "tensor_tflops": float(tensor["tflops"].iloc[0]) if not tensor.empty else float("nan"),
                "watts": watts,
                "joules_measured": watts / float(row["throughput"]),
                "joules_paper": gflops / gflops_per_watt(credited_tflops, watts),
            }
        )
    out = pd.DataFrame(rows)
    out["tensor_share"] = out["achieved_tflops"] / out["tensor_tflops"]
    out["measured_over_paper"] = out["joules_measured"] / out["joules_paper"]
    return out
