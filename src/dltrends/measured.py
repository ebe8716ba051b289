"""Measured inference energy against the estimates of Eq. 2.

Desislavov et al. estimate the energy of one inference as its FLOPs divided by the
GPU's efficiency in FLOPS per watt at its thermal design power (TDP), Eq. 2. This module
puts that estimate beside published measurements, each with its own boundary:

* **MLPerf Inference Power**: the average AC power of a whole system at the wall
  (accelerators, host processors, memory, fans, power supplies; no facility overhead)
  during a run at a measured throughput. Energy per item = watts / items per second
  (:func:`joules_per_item`).
* **ML.ENERGY**: GPU energy (all the GPUs of one model instance, read through NVML) per
  generated token, over batch-size sweeps.
* **AI Energy Score**: GPU energy per query on one H100 at batch 1.
* **Published figures** per prompt, from the accelerators alone to a whole data centre,
  and top-down totals.

Three estimates of the energy of one item (:data:`ESTIMATES`):

* ``eq2``: the paper's method, GFLOPs / the adapted GFLOPS/W of Table 9 (only for the
  GPUs the paper adapts: the A100 here);
* ``peak``: GFLOPs / the tensor-core peak at TDP (1000 x TFLOPS / W, dense);
* ``achieved``: accelerators x TDP / the measured throughput: the measured speed, with
  every accelerator drawing its TDP and nothing else drawing power.

For language-model decoding, a roofline account adds the bytes of weights read per
token (:func:`llm_estimates`): each decoding step streams the active weights once for the
whole batch, so the bytes per token are about the bytes of the active weights / the
batch size, while the FLOPs per token are 2 x the active parameters whatever the batch.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from dltrends import checks, hardware
from dltrends.checks import InputError, finite_result

JOULES_PER_WH = 3600.0
HOURS_PER_DAY = 24.0

#: The three estimates of the energy of one item, by key, in words.
ESTIMATES: dict[str, str] = {
    "eq2": "the paper's Eq. 2 (adapted GFLOPS/W of Table 9)",
    "peak": "tensor-core peak at TDP",
    "achieved": "measured throughput, accelerators at TDP",
}

#: The book's model row behind each MLPerf benchmark: (data file, model_id).
MLPERF_MODELS: dict[str, tuple[str, str]] = {
    "resnet50": ("cv_models", "resnet-50"),
    "bert-99": ("nlp_models", "bert-large"),
    "bert-99.9": ("nlp_models", "bert-large"),
}

#: Tokens of one MLPerf BERT sample: SQuAD v1.1 questions with their context, padded or
#: cut to ``max_seq_length`` 384 (mlcommons/inference, language/bert/README.md).
MLPERF_BERT_TOKENS = 384

#: GPU labels of the measurement files -> the name of the GPU's specification row
#: (Table 8 for the A100, data/accelerator_specs.csv for the others). The first pattern
#: that matches wins; a label that matches none has no specification in the book.
GPU_SPECS: tuple[tuple[str, str], ...] = (
    (r"A100-SXM", "A100"),
    (r"^A100$", "A100"),
    (r"H100-SXM|^H100$|^H100 80GB HBM3$", "H100 SXM"),
    (r"H100-PCIe", "H100 PCIe"),
    (r"H200-SXM", "H200 SXM"),
    (r"B200", "B200"),
)

#: Number formats -> the peak they run at (columns of :func:`gpu_table`).
PRECISION_PEAK: dict[str, str] = {"16-bit": "tflops_16bit", "fp8": "tflops_fp8", "fp4": "tflops_fp4"}

#: Bytes per weight by number format. MXFP4 stores 4-bit values with one 8-bit scale per
#: block of 32: 4.25 bits.
BYTES_PER_PARAM: dict[str, float] = {"16-bit": 2.0, "fp8": 1.0, "fp4": 4.25 / 8.0}

#: The quantities of data/accelerator_specs.csv used here.
SPEC_QUANTITIES = {
    "tdp_watts": "tdp_watts",
    "fp16_bf16_tflops": "tflops_16bit",
    "fp8_tflops": "tflops_fp8",
    "fp4_tflops": "tflops_fp4",
    "memory_bandwidth_gbs": "bandwidth_gbs",
}


# ----------------------------------------------------------------------------- units


@finite_result
def joules_per_item(watts: float, items_per_second: float) -> float:
    """Energy of one item (sample, query or token) in joules: average watts / items per second.

    >>> round(joules_per_item(3082.27, 288733.0) * 1000, 2)  # DGX A100, ResNet-50, mJ
    10.68
    """
    return checks.number(watts, "watts") / checks.number(items_per_second, "items_per_second", positive=True)


@finite_result
def annual_twh(
    wh_per_prompt: float, prompts_per_person_per_day: float, population: float, days: float = 365.0
) -> float:
    """Electricity in TWh a year of a population sending prompts: Wh x prompts x people x days.

    >>> round(annual_twh(0.24, 10, 8e9), 2)
    7.01
    """
    wh = (
        checks.number(wh_per_prompt, "wh_per_prompt")
        * checks.number(prompts_per_person_per_day, "prompts_per_person_per_day")
        * checks.number(population, "population")
        * checks.number(days, "days", positive=True)
    )
    return wh / 1e12


@finite_result
def watts_per_person(wh_per_prompt: float, prompts_per_person_per_day: float) -> float:
    """The same as a steady power per person, in watts (Wh a day / 24 h).

    >>> watts_per_person(0.24, 100)
    1.0
    """
    return (
        checks.number(wh_per_prompt, "wh_per_prompt")
        * checks.number(prompts_per_person_per_day, "prompts_per_person_per_day")
        / HOURS_PER_DAY
    )


def precision_class(text: object) -> str:
    """The number format of a row as ``16-bit``, ``fp8``, ``fp4`` or ``int8``.

    An empty cell counts as 16-bit: before FP8 every serving stack here ran FP16 or BF16
    (ML.ENERGY v2 does not record it; MLPerf before v4.1 neither).

    >>> [precision_class(p) for p in ("bfloat16", "float8", "mxfp4", None)]
    ['16-bit', 'fp8', 'fp4', '16-bit']
    """
    if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA or str(text) == "":
        return "16-bit"
    value = str(text).lower()
    if value in ("bfloat16", "float16", "fp16", "bf16"):
        return "16-bit"
    if value in ("fp8", "float8"):
        return "fp8"
    if value in ("fp4", "mxfp4", "nvfp4"):
        return "fp4"
    if value == "int8":
        return "int8"
    raise InputError(f"unknown number format {text!r}")


def spec_name(label: object) -> str | None:
    """The specification row of a GPU label (:data:`GPU_SPECS`), or None.

    >>> spec_name("NVIDIA A100-SXM-80GB"), spec_name("H100 80GB HBM3"), spec_name("NVIDIA A100-PCIe-40GB")
    ('A100', 'H100 SXM', None)
    """
    for pattern, name in GPU_SPECS:
        if re.search(pattern, str(label)):
            return name
    return None


# ----------------------------------------------------------------------------- GPUs


def gpu_table(gpus: pd.DataFrame, ngc: pd.DataFrame, specs: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per GPU the comparisons use, indexed by specification name.

    Columns: ``tdp_watts``, ``tflops_16bit`` (dense FP16/BF16 tensor-core peak),
    ``tflops_fp8``, ``tflops_fp4``, ``bandwidth_gbs`` (memory bandwidth, GB/s),
    ``eq2_cnn`` and ``eq2_nlp`` (the paper's adapted mixed-precision GFLOPS/W of Table 9,
    for CNN and NLP work), ``source``. The A100 comes from Table 8 and 9 (the paper's
    400 W SXM module); the others, when ``specs`` (data/accelerator_specs.csv, long
    format: ``accelerator``, ``quantity``, ``value``) is given, from that file. Missing
    values are NaN.
    """
    table9 = hardware.adapted_gpus(gpus, ngc)
    tensor = gpus[(gpus["gpu"] == "A100") & (gpus["precision"] == "FP16/FP32 Tensor")]
    if tensor.empty:
        raise InputError("Table 8 has no A100 tensor-core row")

    def adapted(work: str) -> float:
        row = table9[
            (table9["gpu"] == "A100")
            & (table9["precision"] == "Mixed")
            & (table9["adapted"] == f"For {work}")
        ]
        return float(row["gflops_per_watt"].iloc[0])

    rows = [
        {
            "gpu": "A100",
            "tdp_watts": float(tensor["watts"].iloc[0]),
            "tflops_16bit": float(tensor["tflops"].iloc[0]),
            "eq2_cnn": adapted("CNN"),
            "eq2_nlp": adapted("NLP"),
            "source": "Desislavov et al., Tables 8 and 9",
        }
    ]
    if specs is not None:
        checks.frame(specs, ["accelerator", "quantity", "value"], "specs")
        wanted = specs.assign(quantity=specs["quantity"].astype(str))
        wanted = wanted[wanted["quantity"].isin(list(SPEC_QUANTITIES))]
        wide = wanted.pivot_table(index="accelerator", columns="quantity", values="value", aggfunc="first")
        for name in sorted({n for _, n in GPU_SPECS} - {"A100"}):
            if name not in wide.index:
                continue
            row = {"gpu": name, "source": "data/accelerator_specs.csv"}
            for quantity, column in SPEC_QUANTITIES.items():
                row[column] = float(wide.loc[name, quantity]) if quantity in wide.columns else math.nan
            rows.append(row)
    columns = [
        "tdp_watts",
        "tflops_16bit",
        "tflops_fp8",
        "tflops_fp4",
        "bandwidth_gbs",
        "eq2_cnn",
        "eq2_nlp",
        "source",
    ]
    return pd.DataFrame(rows).set_index("gpu").reindex(columns=columns)


def peak_gflops_per_watt(table: pd.DataFrame, gpu: str, precision: str = "16-bit") -> float:
    """The dense tensor-core peak of ``gpu`` at TDP, GFLOPS/W, at ``precision``
    (:func:`precision_class`); a format without its own peak on that GPU (FP4 on an H100,
    INT8 everywhere) falls back to the 16-bit peak, so the estimate stays a lower bound
    of the energy only where the GPU has units for that format.
    """
    if gpu not in table.index:
        raise InputError(f"no specification for {gpu!r}; known: {sorted(table.index)}")
    row = table.loc[gpu]
    column = PRECISION_PEAK.get(precision, "tflops_16bit")
    tflops = row[column] if pd.notna(row[column]) else row["tflops_16bit"]
    if pd.isna(tflops) or pd.isna(row["tdp_watts"]):
        raise InputError(f"{gpu!r} has no tensor-core peak or TDP")
    return hardware.gflops_per_watt(float(tflops), float(row["tdp_watts"]))


# ----------------------------------------------------------------------------- MLPerf


def mlperf_gflops(cv: pd.DataFrame, nlp: pd.DataFrame) -> dict[str, float]:
    """GFLOPs of one MLPerf sample, from the paper's model tables (:data:`MLPERF_MODELS`).

    ResNet-50: one image at the paper's GFLOPs. BERT: the paper's BERT-Large GFLOPs at
    its input length (128 tokens), scaled linearly to :data:`MLPERF_BERT_TOKENS`; the
    attention scores grow with the square of the length, which this leaves out (a few
    per cent at 384 tokens), so the work is if anything underestimated.
    """
    frames = {"cv_models": cv, "nlp_models": nlp}
    out = {}
    for benchmark, (name, model_id) in MLPERF_MODELS.items():
        frame = frames[name]
        row = frame[frame["model_id"] == model_id]
        if row.empty:
            raise InputError(f"{name} has no row {model_id!r}")
        gflops = float(row["gflops"].iloc[0])
        if name == "nlp_models":
            gflops *= MLPERF_BERT_TOKENS / float(row["input_tokens"].iloc[0])
        out[benchmark] = gflops
    return out


def mlperf_comparison(
    mlperf: pd.DataFrame,
    gflops: dict[str, float],
    table: pd.DataFrame,
    models: tuple[str, ...] = ("resnet50", "bert-99"),
    scenario: str = "Offline",
) -> pd.DataFrame:
    """Every MLPerf result of ``models`` and ``scenario`` on a GPU of ``table``, with the
    measured energy per sample and the three estimates (:data:`ESTIMATES`).

    Columns: ``result_id``, ``round``, ``round_date``, ``submitter``, ``system``,
    ``model``, ``accelerator``, ``gpu`` (specification name), ``accelerators``,
    ``maxq`` (a power-capped "MaxQ" run), ``tdp_watts`` (the specification's TDP, or
    the one the submission note gives: :func:`noted_tdp`; the peak and achieved
    estimates use it, the paper's Eq. 2 keeps its own row), ``performance``, ``system_power_watts``,
    ``measured_j`` (wall watts / samples per second), ``gflops``, ``eq2_j``, ``peak_j``,
    ``achieved_j``, the ratios ``<estimate>_ratio`` = measurement / estimate (above 1:
    the estimate is too low), and
    ``wall_over_tdp`` = wall watts / (accelerators x TDP).
    """
    checks.frame(
        mlperf,
        ["result_id", "model", "scenario", "accelerator", "performance", "system_power_watts"],
        "mlperf",
    )
    rows = mlperf[mlperf["model"].isin(models) & (mlperf["scenario"] == scenario)].copy()
    rows["gpu"] = [spec_name(a) for a in rows["accelerator"]]
    rows = rows[rows["gpu"].isin(table.index)].copy()
    if rows.empty:
        raise InputError(f"no {scenario} result of {models} on {sorted(table.index)}")
    rows["model"] = rows["model"].astype(str)
    rows["accelerators"] = rows["accelerators_per_node"].astype(float) * rows["nodes"].astype(float)
    rows["maxq"] = rows["system"].str.contains("MaxQ", regex=False).astype(bool)
    pairs = zip(rows["system_power_watts"], rows["performance"], strict=True)
    rows["measured_j"] = [joules_per_item(w, p) for w, p in pairs]
    rows["gflops"] = rows["model"].map(gflops)
    work = rows["model"].map(lambda m: "cnn" if m == "resnet50" else "nlp")
    eq2 = [table.loc[g, f"eq2_{w}"] for g, w in zip(rows["gpu"], work, strict=True)]
    rows["eq2_j"] = rows["gflops"].to_numpy() / np.asarray(eq2, dtype=float)
    table_tdp = rows["gpu"].map(table["tdp_watts"]).astype(float)
    noted = pd.Series([noted_tdp(n) for n in rows["notes"]], index=rows.index, dtype=float)
    tdp = noted.fillna(table_tdp)
    rows["tdp_watts"] = tdp
    peak = [peak_gflops_per_watt(table, g) for g in rows["gpu"]]
    rows["peak_j"] = rows["gflops"].to_numpy() / np.asarray(peak) * (tdp / table_tdp)
    rows["achieved_j"] = rows["accelerators"] * tdp / rows["performance"]
    for key in ESTIMATES:
        rows[f"{key}_ratio"] = rows["measured_j"] / rows[f"{key}_j"]
    rows["wall_over_tdp"] = rows["system_power_watts"] / (rows["accelerators"] * tdp)
    columns = [
        "result_id", "round", "round_date", "submitter", "system", "model", "accelerator", "gpu",
        "accelerators", "maxq", "tdp_watts", "performance", "system_power_watts", "measured_j", "gflops",
        "eq2_j", "peak_j", "achieved_j", "eq2_ratio", "peak_ratio", "achieved_ratio", "wall_over_tdp",
    ]  # fmt: skip
    order = ["model", "gpu", "round_date", "result_id"]
    return rows[columns].sort_values(order, kind="stable").reset_index(drop=True)


def noted_tdp(notes: object) -> float:
    """The accelerator TDP a submission note states, in W, else NaN: the notes of three
    Dell A100 systems read "500W A100-SXM-80GB" or "(TDP: 500W)", above the 400 W of the
    A100 row of Table 8.

    >>> noted_tdp("submission note: NVIDIA A100-SXM-80GB (TDP: 500W)"), noted_tdp("MaxQ")
    (500.0, nan)
    """
    match = re.search(r"TDP: ?(\d{2,4}) ?W|\b(\d{2,4}) ?W A100", str(notes))
    if not match:
        return math.nan
    return float(match.group(1) or match.group(2))


def mlperf_left_out(
    mlperf: pd.DataFrame,
    table: pd.DataFrame,
    models: tuple[str, ...] = ("resnet50", "bert-99"),
    scenario: str = "Offline",
) -> pd.DataFrame:
    """The results of ``models`` and ``scenario`` that :func:`mlperf_comparison` leaves
    out (an accelerator without a specification in ``table``), counted by accelerator.
    """
    rows = mlperf[mlperf["model"].isin(models) & (mlperf["scenario"] == scenario)]
    out = rows[[spec_name(a) not in table.index for a in rows["accelerator"]]]
    counts = out.groupby(out["accelerator"].astype(str)).size().rename("results").reset_index()
    return counts.sort_values(["results", "accelerator"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def ratios_long(comparison: pd.DataFrame) -> pd.DataFrame:
    """:func:`mlperf_comparison` with one row per result and estimate, for the chart:
    ``label`` (system and round), ``model``, ``gpu``, ``estimate`` (words of
    :data:`ESTIMATES`), ``estimate_j``, ``measured_j``, ``ratio``. Estimates a GPU has
    no input for (Eq. 2 on an H100) are left out.
    """
    frames = []
    for key, words in ESTIMATES.items():
        part = comparison[
            ["result_id", "round", "system", "model", "gpu", "accelerators", "maxq", "measured_j"]
        ].copy()
        part["estimate"] = words
        part["estimate_j"] = comparison[f"{key}_j"]
        part["ratio"] = comparison[f"{key}_ratio"]
        frames.append(part.dropna(subset=["ratio"]))
    out = pd.concat(frames, ignore_index=True)
    out["label"] = out["system"].astype(str) + " (" + out["round"].astype(str) + ")"
    return out


def ratio_summary(comparison: pd.DataFrame) -> pd.DataFrame:
    """Median, lowest and highest measurement / estimate by model, GPU and estimate,
    with the median measurement: ``model``, ``gpu``, ``estimate``, ``results``,
    ``measured_j``, ``estimate_j``, ``ratio``, ``ratio_low``, ``ratio_high``.
    """
    rows = []
    for (model, gpu), group in comparison.groupby(["model", "gpu"], sort=True):
        for key, words in ESTIMATES.items():
            ratio = group[f"{key}_ratio"].dropna()
            if ratio.empty:
                continue
            rows.append(
                {
                    "model": model,
                    "gpu": gpu,
                    "estimate": words,
                    "results": len(ratio),
                    "measured_j": float(group["measured_j"].median()),
                    "estimate_j": float(group[f"{key}_j"].median()),
                    "ratio": float(ratio.median()),
                    "ratio_low": float(ratio.min()),
                    "ratio_high": float(ratio.max()),
                }
            )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- language models


def mean_batch(notes: object, version: object) -> float:
    """The mean number of requests decoded together: ``avg batch size`` in the notes of
    ML.ENERGY v2 and v3 rows; 1 for v1 (batch size 1 by the v1 documentation).
    """
    if str(version) == "v1":
        return 1.0
    match = re.search(r"avg batch size ([0-9.]+)", str(notes))
    if not match:
        raise InputError(f"no 'avg batch size' in the notes of a {version} row: {str(notes)[:80]!r}")
    return float(match.group(1))


def llm_estimates(mlenergy: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """ML.ENERGY configurations on a GPU of ``table`` with known active parameters, with
    the FLOPs estimate and the roofline account of each.

    Per generated token: ``flops`` = 2 x active parameters; ``flops_j`` = flops /
    the peak GFLOPS/W at the run's number format (:func:`peak_gflops_per_watt`), the
    paper's Eq. 2 with the peak; ``eq2_j`` = flops / the paper's adapted NLP GFLOPS/W
    (the A100 only). Roofline: ``bytes`` = active parameters x bytes per weight
    (:data:`BYTES_PER_PARAM`) / ``mean_batch``, the weights one decoding step reads,
    shared by the batch (KV-cache reads and activations left out; for a mixture of
    experts a large batch touches more experts than one token's, so this is a lower
    bound); ``intensity`` = flops / bytes (FLOP per byte) against the GPU's ``ridge`` =
    peak FLOPS / bandwidth; ``roofline_j`` = TDP x max(flops / peak, bytes / bandwidth),
    the energy at TDP of the time the slower of compute and memory needs. Measured:
    ``measured_j``, ``power_fraction`` = average power / (GPUs x TDP) (v3 only), and
    the ratios ``flops_ratio`` = measured / flops_j, ``roofline_ratio`` = measured /
    roofline_j, ``eq2_ratio`` = measured / eq2_j.
    """
    checks.frame(
        mlenergy,
        [
            "leaderboard_version",
            "model",
            "gpu_model",
            "active_params_billions",
            "energy_per_token_joules",
            "notes",
        ],
        "mlenergy",
    )
    rows = mlenergy.copy()
    rows["gpu"] = [spec_name(g) for g in rows["gpu_model"]]
    rows = rows[rows["gpu"].isin(table.index) & rows["active_params_billions"].notna()].copy()
    rows = rows[rows["leaderboard_version"] != "v1"].copy()
    rows["version"] = rows["leaderboard_version"].astype(str)
    rows["architecture"] = rows["architecture"].astype(str)
    rows["task"] = rows["task"].astype(str)
    rows["precision"] = [precision_class(p) for p in rows["weight_precision"]]
    rows["gpus"] = rows["num_gpus"].astype(float)
    rows["mean_batch"] = [mean_batch(n, v) for n, v in zip(rows["notes"], rows["version"], strict=True)]
    rows["measured_j"] = rows["energy_per_token_joules"]
    rows["output_tokens"] = rows["energy_per_request_joules"] / rows["energy_per_token_joules"]
    rows["flops"] = 2e9 * rows["active_params_billions"]
    tdp = rows["gpu"].map(table["tdp_watts"]).astype(float)
    rows["tdp_watts"] = tdp
    rows["power_fraction"] = rows["avg_power_watts"] / (rows["gpus"] * tdp)
    peak = [peak_gflops_per_watt(table, g, p) for g, p in zip(rows["gpu"], rows["precision"], strict=True)]
    rows["peak_gflops_per_watt"] = peak
    rows["flops_j"] = rows["flops"] / 1e9 / rows["peak_gflops_per_watt"]
    rows["eq2_j"] = rows["flops"] / 1e9 / rows["gpu"].map(table["eq2_nlp"]).astype(float)
    rows["bytes"] = (
        rows["active_params_billions"] * 1e9 * rows["precision"].map(BYTES_PER_PARAM) / rows["mean_batch"]
    )
    peak_flops = rows["peak_gflops_per_watt"] * 1e9 * tdp
    bandwidth = rows["gpu"].map(table["bandwidth_gbs"]).astype(float) * 1e9
    rows["intensity"] = rows["flops"] / rows["bytes"]
    rows["ridge"] = peak_flops / bandwidth
    rows["memory_bound"] = rows["intensity"] < rows["ridge"]
    seconds = np.maximum(rows["flops"] / peak_flops, rows["bytes"] / bandwidth)
    rows["roofline_j"] = tdp * seconds
    rows["flops_ratio"] = rows["measured_j"] / rows["flops_j"]
    rows["roofline_ratio"] = rows["measured_j"] / rows["roofline_j"]
    rows["eq2_ratio"] = rows["measured_j"] / rows["eq2_j"]
    rows["short"] = rows["model"].astype(str).str.split("/").str[-1]
    columns = [
        "version", "date", "model", "short", "architecture", "active_params_billions",
        "total_params_billions", "gpu", "gpu_model", "gpus", "max_batch_size", "mean_batch",
        "task", "precision", "measured_j", "output_tokens", "avg_power_watts", "tdp_watts",
        "power_fraction", "flops", "peak_gflops_per_watt", "flops_j", "eq2_j", "bytes",
        "intensity", "ridge", "memory_bound", "roofline_j", "flops_ratio", "roofline_ratio", "eq2_ratio",
    ]  # fmt: skip
    order = ["version", "model", "gpu", "gpus", "task", "max_batch_size"]
    return rows[columns].sort_values(order, kind="stable").reset_index(drop=True)


def best_configs(estimates: pd.DataFrame, version: str = "v3") -> pd.DataFrame:
    """For each model and GPU of ``version``, the configuration (GPU count, batch size)
    with the lowest measured energy per token, on the chat task where the model has it
    (``lm-arena-chat`` or ``chat``), else on its one task (the reasoning task ``gpqa``).
    """
    rows = estimates[estimates["version"] == version]
    if rows.empty:
        raise InputError(f"no configuration of {version}")
    chat = rows["task"].isin(["lm-arena-chat", "chat"])
    has_chat = rows.groupby("model")["task"].transform(lambda t: t.isin(["lm-arena-chat", "chat"]).any())
    rows = rows[chat | ~has_chat]
    best = rows.loc[rows.groupby(["model", "gpu"])["measured_j"].idxmin()]
    return best.sort_values(["architecture", "active_params_billions", "gpu"], kind="stable").reset_index(
        drop=True
    )


def batch_sweeps(mlenergy: pd.DataFrame, version: str = "v3") -> pd.DataFrame:
    """Each batch-size sweep (one model, GPU, GPU count and task) of ``version``: the
    smallest and largest maximum batch, the energy per token at each end and its span
    (largest / smallest energy).
    """
    rows = mlenergy[mlenergy["leaderboard_version"] == version].copy()
    keys = ["model", "gpu_model", "num_gpus", "task"]
    out = []
    for key, group in rows.groupby(keys, observed=True, sort=True):
        if len(group) < 2:
            continue
        group = group.sort_values("max_batch_size")
        energy = group["energy_per_token_joules"]
        out.append(
            dict(
                zip(keys, key, strict=True),
                configurations=len(group),
                smallest_batch=int(group["max_batch_size"].iloc[0]),
                largest_batch=int(group["max_batch_size"].iloc[-1]),
                highest_j=float(energy.max()),
                lowest_j=float(energy.min()),
                span=float(energy.max() / energy.min()),
            )
        )
    frame = pd.DataFrame(out)
    frame["model"] = frame["model"].astype(str)
    frame["task"] = frame["task"].astype(str)
    return frame


# ----------------------------------------------------------------------------- the ladder

#: The per-prompt figures, by the unit of the reported figures file.
PROMPT_UNITS = ("Wh per prompt", "Wh per query", "Wh per interaction", "Wh per request")

#: Boundaries from narrow to wide: the level of the ladder each boundary belongs to.
LEVELS: dict[str, str] = {
    "estimate": "1. chip: FLOPs / peak FLOPS per watt",
    "accelerator": "2. accelerators (GPU, TPU)",
    "gpu": "2. accelerators (GPU, TPU)",
    "server": "3. server at the wall",
    "system-wall": "3. server at the wall",
    "datacentre": "4. data centre",
    "top-down": "5. top-down",
}

#: Google's split of its median Gemini prompt (Elsworth et al. 2025), by figure id.
GOOGLE_SPLIT = {
    "total": "google2025-gemini-median-prompt-total",
    "accelerators": "google2025-gemini-median-prompt-accelerators",
    "host": "google2025-gemini-median-prompt-host",
    "idle": "google2025-gemini-median-prompt-idle",
    "overhead": "google2025-gemini-median-prompt-overhead",
}


def figure(figures: pd.DataFrame, figure_id: str) -> pd.Series:
    """One row of the reported figures by id."""
    rows = figures[figures["figure_id"] == figure_id]
    if len(rows) != 1:
        raise InputError(f"{len(rows)} reported figures have id {figure_id!r}")
    return rows.iloc[0]


def google_factors(figures: pd.DataFrame) -> dict[str, float]:
    """The two factors of Google's split: ``host`` = (accelerators + host) / accelerators
    (accelerators -> server) and ``datacentre`` = total / (accelerators + host) (server ->
    data centre: idle capacity and overhead), with ``parts_sum`` (should equal the total).
    """
    value = {k: float(figure(figures, i)["value"]) for k, i in GOOGLE_SPLIT.items()}
    server = value["accelerators"] + value["host"]
    return {
        "host": server / value["accelerators"],
        "datacentre": value["total"] / server,
        "parts_sum": server + value["idle"] + value["overhead"],
        "total": value["total"],
    }


def ladder(reference: pd.Series, figures: pd.DataFrame) -> pd.DataFrame:
    """The energy of one prompt of the ``reference`` configuration (a row of
    :func:`llm_estimates`, its mean output length as the prompt), step by step from the
    chip to the data centre.

    Steps: the FLOPs estimate at the tensor-core peak; the GPUs as measured by ML.ENERGY;
    x Google's host factor; x Google's idle-and-overhead factor (:func:`google_factors`).
    Columns: ``step``, ``level``, ``wh_per_prompt``, ``factor`` (over the step before),
    ``basis`` (where the step comes from), ``status`` (computed, measured, or the
    ``checked`` state of the figures it uses: unverified when any is unverified).
    """
    tokens = float(reference["output_tokens"])
    factors = google_factors(figures)
    split_checked = all(str(figure(figures, i)["checked"]) == "yes" for i in GOOGLE_SPLIT.values())
    split_status = "published, checked" if split_checked else "published split, unverified"
    chip = float(reference["flops_j"]) * tokens / JOULES_PER_WH
    gpu = float(reference["measured_j"]) * tokens / JOULES_PER_WH
    server = gpu * factors["host"]
    centre = server * factors["datacentre"]
    return pd.DataFrame(
        {
            "step": [
                "FLOPs / peak FLOPS per watt at TDP",
                "GPUs, measured (ML.ENERGY)",
                "+ host processors and memory",
                "+ idle capacity and data-centre overhead",
            ],
            "level": [LEVELS["estimate"], LEVELS["gpu"], LEVELS["server"], LEVELS["datacentre"]],
            "wh_per_prompt": [chip, gpu, server, centre],
            "factor": [math.nan, gpu / chip, factors["host"], factors["datacentre"]],
            "basis": [
                f"2 x {reference['active_params_billions']:g} billion active parameters "
                f"x {tokens:.0f} tokens",
                f"{reference['short']} on {reference['gpus']:.0f} {reference['gpu']}, "
                f"mean batch {reference['mean_batch']:.0f}",
                "Google's split of its median Gemini prompt: (accelerators + host) / accelerators",
                "Google's split: total / (accelerators + host)",
            ],
            "status": ["computed", "measured", split_status, split_status],
        }
    )


def prompt_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The published per-prompt figures (:data:`PROMPT_UNITS`), in Wh, with the level of
    their boundary (:data:`LEVELS`): ``figure_id``, ``label``, ``publisher``, ``value``,
    ``unit``, ``boundary``, ``level``, ``checked``, ``year``, ``includes``.
    """
    rows = figures[figures["unit"].isin(PROMPT_UNITS)].copy()
    rows["boundary"] = rows["boundary"].astype(str)
    rows["level"] = rows["boundary"].map(LEVELS)
    rows["checked"] = rows["checked"].astype(str)
    rows["year"] = rows["year_of_data"].astype(int)
    rows["label"] = rows["publisher"].astype(str).str.split(" ").str[0] + " " + rows["year"].astype(str)
    columns = [
        "figure_id",
        "label",
        "publisher",
        "quantity",
        "value",
        "unit",
        "boundary",
        "level",
        "checked",
        "year",
        "includes",
    ]
    return rows[columns].sort_values(["value", "figure_id"], kind="stable").reset_index(drop=True)


@finite_result
def prompts_per_person_per_day(twh_per_year: float, wh_per_prompt: float, population: float) -> float:
    """How many prompts a day each person would have to send to use ``twh_per_year``."""
    wh_per_day = checks.number(twh_per_year, "twh_per_year", positive=True) * 1e12 / 365.0
    return (
        wh_per_day
        / checks.number(wh_per_prompt, "wh_per_prompt", positive=True)
        / checks.number(population, "population", positive=True)
    )


# ----------------------------------------------------------------------------- per person

#: Electricity references, by figure id of the reported figures (TWh a year).
ELECTRICITY_FIGURES = {
    "data centres, 2024 (IEA)": "iea2025-datacentre-electricity-2024",
    "data centres, 2030 projection (IEA, base case)": "iea2025-datacentre-electricity-2030-base",
}


def electricity_references(figures: pd.DataFrame, energy_references: pd.DataFrame) -> pd.DataFrame:
    """Electricity a year, TWh: the IEA's data-centre totals (:data:`ELECTRICITY_FIGURES`,
    from data/reported_energy_figures.csv) and world final electricity consumption in
    2019 (row ``world_electricity_final_consumption_2019`` of
    data/energy_references.csv). Columns ``label``, ``twh``, ``checked``.
    """
    rows = [
        {
            "label": label,
            "twh": float(figure(figures, i)["value"]),
            "checked": str(figure(figures, i)["checked"]),
        }
        for label, i in ELECTRICITY_FIGURES.items()
    ]
    world = energy_references.set_index("quantity_id").loc["world_electricity_final_consumption_2019"]
    rows.append(
        {
            "label": "world electricity, 2019 (IEA)",
            "twh": float(world["value"]),
            "checked": "yes" if str(world["checked"]).startswith("yes") else str(world["checked"]),
        }
    )
    return pd.DataFrame(rows)


def per_person_scenarios(
    options: pd.DataFrame, prompts_per_day: float, population: float, references: pd.DataFrame
) -> pd.DataFrame:
    """Each energy per prompt of ``options`` (``label``, ``wh_per_prompt``) at
    ``prompts_per_day`` for ``population`` people: ``watts_per_person``, ``twh``, and
    ``share_<reference>`` for each row of ``references`` (twh / the reference's twh).
    """
    out = options[["label", "wh_per_prompt"]].copy()
    out["watts_per_person"] = [watts_per_person(w, prompts_per_day) for w in out["wh_per_prompt"]]
    out["twh"] = [annual_twh(w, prompts_per_day, population) for w in out["wh_per_prompt"]]
    for label, twh in zip(references["label"], references["twh"], strict=True):
        out[f"share of {label}"] = out["twh"] / float(twh)
    return out


# ----------------------------------------------------------------------------- 2023 to 2026


def llama_history(mlenergy: pd.DataFrame) -> pd.DataFrame:
    """The Llama models of every edition (LLaMA and Llama 2 in v1, Llama 3.1 in v2 and
    v3; not Llama 4), one row per configuration: ``version``, ``date``, ``model``,
    ``size`` (total parameters, e.g. '8B'), ``gpu_model``, ``gpus``, ``max_batch_size``,
    ``precision``, ``measured_j``, and ``lowest`` (the lowest energy per token of its
    edition, model and GPU).
    """
    rows = mlenergy[
        mlenergy["model"].str.contains("llama", case=False)
        & ~mlenergy["model"].str.contains("Llama-4", regex=False)
    ].copy()
    rows["version"] = rows["leaderboard_version"].astype(str)
    rows["size"] = rows["total_params_billions"].map(lambda p: f"{p:g}B")
    rows["gpus"] = rows["num_gpus"].astype(float)
    rows["precision"] = [precision_class(p) for p in rows["weight_precision"]]
    rows["measured_j"] = rows["energy_per_token_joules"]
    rows["task"] = rows["task"].astype(str)
    low = rows.groupby(["version", "model", "gpu_model"])["measured_j"].transform("min")
    rows["lowest"] = rows["measured_j"] == low
    columns = [
        "version",
        "date",
        "model",
        "size",
        "gpu_model",
        "gpus",
        "max_batch_size",
        "task",
        "precision",
        "measured_j",
        "lowest",
    ]
    return (
        rows[columns]
        .sort_values(["date", "model", "gpu_model", "max_batch_size"], kind="stable")
        .reset_index(drop=True)
    )


#: Pairs of configurations that differ in (mostly) one thing: factor, what changes, the
#: older and the newer configuration. A configuration names its edition, model, GPU label,
#: GPU count (None: not stated), task and maximum batch size ("best": the lowest energy
#: per token of the sweep).
PAIRS: tuple[tuple[str, str, tuple, tuple], ...] = (
    (
        "all together",
        "LLaMA 7B, one A100, batch 1 (2023) -> Llama 3.1 8B, one B200, best batch (2026)",
        ("v1", "metaai/llama-7B", "A100", None, "chat", 1),
        ("v3", "meta-llama/Llama-3.1-8B-Instruct", "B200", 1, "lm-arena-chat", "best"),
    ),
    (
        "batching",
        "Llama 3.1 8B, one H100 (2026): batch 8 -> best batch",
        ("v3", "meta-llama/Llama-3.1-8B-Instruct", "H100", 1, "lm-arena-chat", 8),
        ("v3", "meta-llama/Llama-3.1-8B-Instruct", "H100", 1, "lm-arena-chat", "best"),
    ),
    (
        "hardware: A100 -> H100",
        "Llama 3.1 70B (2024): 8 A100-40GB -> 4 H100, best batch each",
        ("v2", "meta-llama/Meta-Llama-3.1-70B-Instruct", "A100-SXM4-40GB", 8, "chat", "best"),
        ("v2", "meta-llama/Meta-Llama-3.1-70B-Instruct", "H100 80GB HBM3", 4, "chat", "best"),
    ),
    (
        "hardware: A100 -> H100",
        "Llama 3.1 8B (2024): one A100-40GB -> one H100, best batch each",
        ("v2", "meta-llama/Meta-Llama-3.1-8B-Instruct", "A100-SXM4-40GB", 1, "chat", "best"),
        ("v2", "meta-llama/Meta-Llama-3.1-8B-Instruct", "H100 80GB HBM3", 1, "chat", "best"),
    ),
    (
        "hardware: H100 -> B200",
        "Llama 3.1 70B (2026): 4 H100 -> 2 B200, best batch each",
        ("v3", "meta-llama/Llama-3.1-70B-Instruct", "H100", 4, "lm-arena-chat", "best"),
        ("v3", "meta-llama/Llama-3.1-70B-Instruct", "B200", 2, "lm-arena-chat", "best"),
    ),
    (
        "hardware: H100 -> B200",
        "Llama 3.1 8B (2026): one H100 -> one B200, best batch each",
        ("v3", "meta-llama/Llama-3.1-8B-Instruct", "H100", 1, "lm-arena-chat", "best"),
        ("v3", "meta-llama/Llama-3.1-8B-Instruct", "B200", 1, "lm-arena-chat", "best"),
    ),
    (
        "software and workload: 2024 -> 2026",
        "Llama 3.1 70B, 4 H100, best batch: ML.ENERGY v2 -> v3",
        ("v2", "meta-llama/Meta-Llama-3.1-70B-Instruct", "H100 80GB HBM3", 4, "chat", "best"),
        ("v3", "meta-llama/Llama-3.1-70B-Instruct", "H100", 4, "lm-arena-chat", "best"),
    ),
    (
        "software and workload: 2024 -> 2026",
        "Llama 3.1 8B, one H100, best batch: ML.ENERGY v2 -> v3",
        ("v2", "meta-llama/Meta-Llama-3.1-8B-Instruct", "H100 80GB HBM3", 1, "chat", "best"),
        ("v3", "meta-llama/Llama-3.1-8B-Instruct", "H100", 1, "lm-arena-chat", "best"),
    ),
    (
        "precision: BF16 -> FP8",
        "Llama 3.1 405B on B200 at batch 512: 8 GPUs in BF16 -> 4 GPUs in FP8",
        ("v3", "meta-llama/Llama-3.1-405B-Instruct", "B200", 8, "lm-arena-chat", 512),
        ("v3", "meta-llama/Llama-3.1-405B-Instruct-FP8", "B200", 4, "lm-arena-chat", 512),
    ),
    (
        "architecture: dense -> mixture of experts",
        "Qwen3 32B (dense) -> Qwen3 30B-A3B (3B active), one B200, best batch each",
        ("v3", "Qwen/Qwen3-32B", "B200", 1, "lm-arena-chat", "best"),
        ("v3", "Qwen/Qwen3-30B-A3B-Instruct-2507", "B200", 1, "lm-arena-chat", "best"),
    ),
)


def configuration_energy(mlenergy: pd.DataFrame, selector: tuple) -> float:
    """Energy per token (J) of one configuration named by a selector of :data:`PAIRS`."""
    version, model, gpu, gpus, task, batch = selector
    rows = mlenergy[
        (mlenergy["leaderboard_version"] == version)
        & (mlenergy["model"] == model)
        & (mlenergy["gpu_model"] == gpu)
        & (mlenergy["task"] == task)
    ]
    rows = rows[rows["num_gpus"].isna()] if gpus is None else rows[rows["num_gpus"] == gpus]
    if batch != "best":
        rows = rows[rows["max_batch_size"] == batch]
    if rows.empty:
        raise InputError(f"no ML.ENERGY configuration {selector}")
    if batch != "best" and len(rows) != 1:
        raise InputError(f"{len(rows)} ML.ENERGY configurations match {selector}")
    return float(rows["energy_per_token_joules"].min())


def factor_pairs(mlenergy: pd.DataFrame) -> pd.DataFrame:
    """Every pair of :data:`PAIRS` with its energies and ``factor`` = older / newer
    (how many times less energy per token the newer configuration uses).
    """
    rows = []
    for factor, change, older, newer in PAIRS:
        before, after = configuration_energy(mlenergy, older), configuration_energy(mlenergy, newer)
        rows.append(
            {
                "factor": factor,
                "change": change,
                "before_j": before,
                "after_j": after,
                "times": before / after,
            }
        )
    return pd.DataFrame(rows)
