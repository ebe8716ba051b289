"""Training and inference memory in bytes, under named and documented conventions.

Every function returns **bytes**; convert with :func:`dltrends.units.bytes_to_gb` (10^9) or
:func:`dltrends.units.bytes_to_gib` (2^30). Parameter and activation arguments are counts
(elements), never millions.

Conventions (:data:`CONVENTIONS`, tabulated by :func:`conventions_table`) say how many bytes
one parameter costs during training (weights, gradients, optimizer state) and how many one
stored activation costs:

* ``seed003_mixed_adam`` (20 B/param, 4 B/activation): seed 003's minimum-memory rule, after
  ZeRO-Infinity (Rajbhandari et al. 2021): fp16 weights 2 + fp16 gradients 2 + fp32 copies of
  weights 4, gradients 4, Adam momentum 4 and variance 4.
* ``zero_mixed_adam`` (16 B/param): ZeRO (Rajbhandari et al. 2020, Sec. 3.1): 2 + 2 + K with
  K = 12 (fp32 weights, momentum, variance); no fp32 gradient copy.
* ``fp32_adam`` (16), ``fp32_sgd_momentum`` (12), ``fp32_sgd`` (8): plain fp32 training with
  weights and gradients and the optimizer's buffers.
* ``memory_wall_adam`` (12) and ``memory_wall_sgd_momentum`` (8): what the AI and Memory Wall
  "Memory Breakdown" table implies (Gholami et al. 2024): fp32 parameters plus 2 (Adam) or 1
  (SGD with momentum) fp32 optimizer buffers, **no gradient term**.

The seed 003 worked example (AlexNet, 62,378,344 parameters, 936,323 activations) prints an
activation line of 1,209,312 bytes, but 936,323 x 4 = 3,745,292. Its printed total,
1,248,776,192 bytes, is exactly 20 x 62,378,344 + 1,209,312, so the total was summed from the
printed (wrong) line. :func:`seed003_total_as_printed` reproduces it and
:func:`seed003_total_consistent` gives 1,251,312,172 bytes with 936,323 x 4. See
:data:`SEED003_ACTIVATION_LINE_BYTES` for what 1,209,312 / 4 = 302,328 is *not*.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from numbers import Real

import pandas as pd

from dltrends.checks import InputError, finite_result

from . import checks
from .units import BYTES_PER_GB, BYTES_PER_GIB

# --------------------------------------------------------------------------- validation


def _count(value: object, name: str) -> float:
    """Validate a non-negative finite number (a count of parameters, activations, ...)."""
    return checks.number(value, name)


def _positive_int(value: object, name: str) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, Real)
        or not math.isfinite(value)
        or value != int(value)
        or abs(value) > 2**53
    ):
        raise InputError(f"{name} must be a whole number, got {value!r}")
    if value < 1:
        raise InputError(f"{name} must be >= 1, got {value!r}")
    return int(value)


# --------------------------------------------------------------------------- conventions


@dataclass(frozen=True)
class Convention:
    """Bytes per parameter (itemised) and per activation for one training setup."""

    name: str
    per_param: tuple[tuple[str, float], ...]
    bytes_per_activation: float
    assumes: str
    source: str

    @property
    def bytes_per_param(self) -> float:
        """Total bytes per parameter: the sum of :attr:`per_param`."""
        return float(sum(size for _, size in self.per_param))


CONVENTIONS: dict[str, Convention] = {
    c.name: c
    for c in (
        Convention(
            "seed003_mixed_adam",
            (
                ("fp16 weights", 2),
                ("fp16 gradients", 2),
                ("fp32 weights (master copy)", 4),
                ("fp32 gradients", 4),
                ("fp32 Adam momentum", 4),
                ("fp32 Adam variance", 4),
            ),
            4,
            "Mixed-precision training with Adam: fp16 weights and gradients for the forward "
            "and backward passes, and an fp32 optimizer state of four copies (weights, "
            "gradients, momentum, variance); activations stored in 4 bytes. A minimum: "
            "buffers, workspace and fragmentation are the '+ alpha'.",
            "Seed 003 ('Ch1. Model memory requirement'), after ZeRO-Infinity (Rajbhandari "
            "et al. 2021, SC21)",
        ),
        Convention(
            "zero_mixed_adam",
            (
                ("fp16 weights", 2),
                ("fp16 gradients", 2),
                ("fp32 weights (master copy)", 4),
                ("fp32 Adam momentum", 4),
                ("fp32 Adam variance", 4),
            ),
            2,
            "Mixed-precision Adam as ZeRO counts the 'model states': 2 + 2 + K bytes per "
            "parameter with K = 12 (no fp32 gradient copy). ZeRO counts activations "
            "separately as residual states; here they are taken as fp16 (2 bytes).",
            "Rajbhandari et al. 2020, 'ZeRO: Memory Optimizations Toward Training Trillion "
            "Parameter Models' (SC20), Sec. 3.1",
        ),
        Convention(
            "fp32_adam",
            (
                ("fp32 weights", 4),
                ("fp32 gradients", 4),
                ("fp32 Adam momentum", 4),
                ("fp32 Adam variance", 4),
            ),
            4,
            "Full fp32 training with Adam: weights, gradients and Adam's two moment "
            "estimates, 4 bytes each; fp32 activations.",
            "Kingma and Ba 2015 (Adam keeps first and second moment estimates per parameter)",
        ),
        Convention(
            "fp32_sgd_momentum",
            (("fp32 weights", 4), ("fp32 gradients", 4), ("fp32 momentum buffer", 4)),
            4,
            "Full fp32 training with SGD with momentum: weights, gradients and one momentum "
            "buffer; fp32 activations.",
            "PyTorch torch.optim.SGD (one momentum_buffer per parameter)",
        ),
        Convention(
            "fp32_sgd",
            (("fp32 weights", 4), ("fp32 gradients", 4)),
            4,
            "Full fp32 training with plain SGD: weights and gradients only.",
            "PyTorch torch.optim.SGD with momentum=0",
        ),
        Convention(
            "memory_wall_adam",
            (("fp32 weights", 4), ("fp32 Adam momentum", 4), ("fp32 Adam variance", 4)),
            4,
            "What the Memory Wall 'Memory Breakdown' table implies for its NLP rows: "
            "params memory = 4 bytes per parameter, optimizer memory = 2 x params memory; "
            "gradients are not counted.",
            "Inferred from Gholami et al. 2024, 'AI and Memory Wall' (IEEE Micro), "
            "Memory Breakdown table (Transformer Big, BERT Large, GPT-2)",
        ),
        Convention(
            "memory_wall_sgd_momentum",
            (("fp32 weights", 4), ("fp32 momentum buffer", 4)),
            4,
            "What the Memory Wall 'Memory Breakdown' table implies for its CV rows: params "
            "memory = 4 bytes per parameter, optimizer memory = 1 x params memory; "
            "gradients are not counted.",
            "Inferred from Gholami et al. 2024, 'AI and Memory Wall' (IEEE Micro), "
            "Memory Breakdown table (AlexNet ... ResNeXt101)",
        ),
    )
}

#: Bytes per stored value at inference, by precision (weights only).
BYTES_PER_PRECISION: dict[str, float] = {
    "fp32": 4,
    "tf32": 4,  # stored as fp32; TF32 only changes the tensor-core arithmetic
    "fp16": 2,
    "bf16": 2,
    "int8": 1,
    "int4": 0.5,
}


def _convention(convention: str) -> Convention:
    if convention not in CONVENTIONS:
        raise InputError(f"unknown convention {convention!r}; known: {sorted(CONVENTIONS)}")
    return CONVENTIONS[convention]


def conventions_table() -> pd.DataFrame:
    """Tabulate :data:`CONVENTIONS`, one row per convention.

    Columns: ``name``, ``bytes_per_param``, ``bytes_per_activation``, ``breakdown`` (the
    itemised bytes per parameter), ``assumes`` and ``source``.
    """
    rows = [
        {
            "name": c.name,
            "bytes_per_param": c.bytes_per_param,
            "bytes_per_activation": float(c.bytes_per_activation),
            "breakdown": " + ".join(f"{size:g} ({label})" for label, size in c.per_param),
            "assumes": c.assumes,
            "source": c.source,
        }
        for c in CONVENTIONS.values()
    ]
    return pd.DataFrame(rows)


@finite_result
def bytes_per_parameter(convention: str = "seed003_mixed_adam") -> float:
    """Training bytes per parameter under ``convention`` (e.g. 20 for ``seed003_mixed_adam``).

    >>> bytes_per_parameter("zero_mixed_adam")
    16.0
    """
    return _convention(convention).bytes_per_param


@finite_result
def training_memory_bytes(
    params: float, activations: float = 0, convention: str = "seed003_mixed_adam"
) -> float:
    """Minimum training memory in bytes: params x bytes/param + activations x bytes/activation.

    ``params`` is a parameter count, ``activations`` the number of stored activation
    elements for the whole batch (see :func:`activation_bytes` to scale per-sample counts).

    >>> training_memory_bytes(62_378_344, 936_323)
    1251312172.0
    """
    c = _convention(convention)
    return (
        _count(params, "params") * c.bytes_per_param
        + _count(activations, "activations") * c.bytes_per_activation
    )


@finite_result
def inference_memory_bytes(params: float, precision: str = "fp32") -> float:
    """Bytes to hold the weights for inference: params x bytes per value of ``precision``.

    fp32/tf32 4, fp16/bf16 2, int8 1, int4 0.5 bytes per parameter; activations, KV
    caches and workspace are not included.

    >>> inference_memory_bytes(61_100_840, "fp16")
    122201680.0
    """
    key = precision.lower() if isinstance(precision, str) else precision
    if key not in BYTES_PER_PRECISION:
        raise InputError(f"unknown precision {precision!r}; known: {sorted(BYTES_PER_PRECISION)}")
    return _count(params, "params") * BYTES_PER_PRECISION[key]


@finite_result
def activation_bytes(
    activations_per_sample: float, batch_size: int, bytes_per_activation: float = 4
) -> float:
    """Activation memory in bytes: activations per sample x batch size x bytes per element.

    >>> activation_bytes(936_323, 1)
    3745292.0
    """
    per_sample = _count(activations_per_sample, "activations_per_sample")
    batch = _positive_int(batch_size, "batch_size")
    size = _count(bytes_per_activation, "bytes_per_activation")
    if size == 0:
        raise InputError("bytes_per_activation must be > 0")
    return per_sample * batch * size


def transformer_activation_bytes(
    seq_len: int, batch: int, hidden: int, heads: int, layers: int
) -> int:
    """Activation memory in bytes of a transformer layer stack, 16-bit activations.

    Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer
    Models", Eq. 1 (no tensor or sequence parallelism, no recomputation): one layer stores
    ``s*b*h*(34 + 5*a*s/h) = 34*s*b*h + 5*a*s^2*b`` bytes, where s = ``seq_len``, b =
    ``batch``, h = ``hidden``, a = ``heads``. The 34 s*b*h term covers the inputs of the
    QKV, attention-output and MLP matmuls, layer norms, GELU and dropout masks (1 byte);
    the 5 a*s^2*b term the attention scores, softmax output and its dropout mask. Embeddings
    and the output layer are not included. Returns ``layers`` x the per-layer bytes.

    >>> transformer_activation_bytes(512, 1, 1024, 16, 1)
    38797312
    """
    s = _positive_int(seq_len, "seq_len")
    b = _positive_int(batch, "batch")
    h = _positive_int(hidden, "hidden")
    a = _positive_int(heads, "heads")
    n = _positive_int(layers, "layers")
    if h % a:
        raise InputError(f"hidden ({h}) must be divisible by heads ({a})")
    return n * (34 * s * b * h + 5 * a * s * s * b)


# --------------------------------------------------------------------------- seed 003

#: Seed 003's AlexNet: parameters and activations (input included), Total row.
SEED003_PARAMS = 62_378_344
SEED003_ACTIVATIONS = 936_323
#: The activation line as printed ("936,323 x 4byte = 1,209,312byte"), and its total.
#:
#: 1,209,312 / 4 = 302,328 = 2^3 x 3^2 x 13 x 17 x 19. Best explanation: an arithmetic or
#: copying slip in that line, carried into the total. It is not an AlexNet quantity that we
#: can find: (1) every tensor of AlexNet (either variant) has dimensions built from the
#: primes 2, 3, 5, 7, 11, 13, 227, so no single layer output has 17 x 19 elements;
#: (2) no subset of the 12 activation rows of the seed's table sums to 302,328 (all 4,096
#: subsets tried, :func:`activation_subsets_summing_to`), nor of torchvision's AlexNet
#: (224 input) or of one GPU's half of the original two-GPU AlexNet; (3) it is not 936,323
#: at another storage size (1,209,312 / 936,323 = 1.29 bytes). The printed total is exactly
#: 20 x 62,378,344 + 1,209,312, so the slip is in the activation line, not in the total. It
#: changes the total by 2,535,980 bytes (0.2 %): the parameter terms dominate at batch 1.
SEED003_ACTIVATION_LINE_BYTES = 1_209_312
SEED003_TOTAL_BYTES_PRINTED = 1_248_776_192

_SEED003_LINES: tuple[tuple[str, float], ...] = (
    ("parameter (fp16)", 2),
    ("gradient (fp16)", 2),
    ("optimizer state: parameter (fp32)", 4),
    ("optimizer state: gradient (fp32)", 4),
    ("optimizer state: momentum (fp32)", 4),
    ("optimizer state: variance (fp32)", 4),
)


@finite_result
def seed003_breakdown(
    params: float, activations: float, activation_line_bytes: float | None = None
) -> pd.DataFrame:
    """Seed 003's minimum-memory calculation, line by line, in bytes.

    Rows: parameter (fp16), gradient (fp16), the four fp32 optimizer-state lines
    (parameter, gradient, momentum, variance), activation (1 batch, 4 bytes each) and
    total; columns ``item``, ``count``, ``bytes_per_item`` and ``bytes``. Pass
    ``activation_line_bytes`` to replace the activation line by a given byte count (the
    seed prints 1,209,312 for 936,323 activations; see :func:`seed003_total_as_printed`).
    """
    n_params = _count(params, "params")
    n_acts = _count(activations, "activations")
    rows = [
        {"item": label, "count": n_params, "bytes_per_item": size, "bytes": n_params * size}
        for label, size in _SEED003_LINES
    ]
    act_bytes = n_acts * 4 if activation_line_bytes is None else activation_line_bytes
    act_bytes = _count(act_bytes, "activation_line_bytes")
    rows.append(
        {
            "item": "activation (1 batch, fp32)",
            "count": n_acts,
            "bytes_per_item": act_bytes / n_acts if n_acts else 4.0,
            "bytes": act_bytes,
        }
    )
    total = sum(row["bytes"] for row in rows)
    rows.append({"item": "total", "count": math.nan, "bytes_per_item": math.nan, "bytes": total})
    frame = pd.DataFrame(rows)
    frame["bytes_per_item"] = frame["bytes_per_item"].astype(float)
    if all(float(b).is_integer() for b in frame["bytes"]):
        frame["bytes"] = frame["bytes"].astype("int64")
    return frame


def seed003_total_as_printed() -> int:
    """Reproduce the seed's printed AlexNet total, 1,248,776,192 bytes, from its own lines.

    20 x 62,378,344 (the six parameter lines) + 1,209,312 (the activation line as printed).
    """
    table = seed003_breakdown(
        SEED003_PARAMS, SEED003_ACTIVATIONS, activation_line_bytes=SEED003_ACTIVATION_LINE_BYTES
    )
    return int(table["bytes"].iloc[-1])


def seed003_total_consistent() -> int:
    """Recompute the AlexNet total with 4 bytes x 936,323: 20 x 62,378,344 + 4 x 936,323.

    = 1,251,312,172 bytes (1.25 GB, the same to the seed's two decimals).
    """
    return int(training_memory_bytes(SEED003_PARAMS, SEED003_ACTIVATIONS, "seed003_mixed_adam"))


def activation_subsets_summing_to(
    activations: Mapping[str, int], target: int
) -> list[tuple[str, ...]]:
    """All subsets of named activation counts whose sum is ``target`` (exhaustive search).

    Used to test whether the seed's 302,328 (= 1,209,312 / 4) is a partial sum of its
    AlexNet rows: it is not (the result is empty). At most 20 items (2^20 subsets).
    """
    if not isinstance(activations, Mapping) or not activations:
        raise InputError("activations must be a non-empty mapping of name -> count")
    if len(activations) > 20:
        raise InputError(f"at most 20 items can be searched, got {len(activations)}")
    goal = _count(target, "target")
    items = [(str(k), _count(v, f"activations[{k!r}]")) for k, v in activations.items()]
    hits = []
    for size in range(1, len(items) + 1):
        for combo in combinations(items, size):
            if sum(v for _, v in combo) == goal:
                hits.append(tuple(k for k, _ in combo))
    return hits


# --------------------------------------------------------------------------- rule of thumb


@finite_result
def rule_of_thumb_bytes(params: float, activations: float = 0) -> float:
    """Seed 003's rule of thumb: params x 20 bytes + activations x 4 bytes (+ alpha).

    Seed 003's examples: AlexNet 61M -> 1.22e9 B ("1.22GB"); CoAtNet-7 -> 44.8e9 B with the
    2,240M parameters the formula uses (the quoted text says 2,440M, which gives 48.8e9 B);
    GPT-3 175B -> 3.5e12 B ("3.5TB"). Decimal units throughout.

    >>> rule_of_thumb_bytes(61e6)
    1220000000.0
    """
    return training_memory_bytes(params, activations, "seed003_mixed_adam")


# --------------------------------------------------------------------------- Memory Wall

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


def memory_wall_param_candidates(frames: Mapping[str, pd.DataFrame]) -> dict[str, dict[str, float]]:
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
    """Return whether ``computed`` rounds to the 2-decimal ``printed`` value."""
    return abs(computed - printed) <= 0.005 + 1e-9


def _unit_label(gb: bool, gib: bool) -> str:
    return {(True, True): "both", (True, False): "GB", (False, True): "GiB"}.get(
        (gb, gib), "neither"
    )


_OPTIMIZER_NAMES = {1: "SGD with momentum (1 fp32 buffer)", 2: "Adam (2 fp32 buffers)"}


def memory_wall_recompute(
    table: pd.DataFrame,
    params_millions_by_model: Mapping[str, Mapping[str, float] | float],
    bytes_per_param: float = 4,
) -> pd.DataFrame:
    """Recompute the Memory Wall "Memory Breakdown" params and optimizer memory per row.

    ``table`` is ``data.load("memory_wall_training_memory")``; ``params_millions_by_model``
    maps each model to ``{source label: parameters in millions}`` (see
    :func:`memory_wall_param_candidates`) or to a bare number (labelled "given"). One output
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
    size = _count(bytes_per_param, "bytes_per_param")
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
            "optimizer_equals_multiplier_x_printed_params": _within_print(
                multiplier * p_mem, o_mem
            ),
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
                _count(millions, f"params_millions[{model!r}][{label!r}]")
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
                    "params_unit": _unit_label(
                        _within_print(p_gb, p_mem), _within_print(p_gib, p_mem)
                    ),
                    "optimizer_memory_gb_computed": o_gb,
                    "optimizer_memory_gib_computed": o_gib,
                    "optimizer_unit": _unit_label(
                        _within_print(o_gb, o_mem), _within_print(o_gib, o_mem)
                    ),
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


# --------------------------------------------------------------------------- memory wall chapter
#
# Helpers of the "Memory wall" chapter (book/markdown/memory_wall.md): the Memory Wall tables
# reduced to one reading per model, the printed breakdown in long form, unit checks, seed
# 003's printed lines and rule-of-thumb examples beside their recomputation, the setups of
# the interactive calculator, and activation memory against batch size and sequence length.

#: Order in which one reading per model is chosen when both documents print a row.
READING_PREFERENCE: tuple[str, ...] = ("000+002", "000", "002")

_READING_SKIP = {"model", "model_as_printed", "source_document", "source_table", "notes"}


def _reading_rank(frame: pd.DataFrame) -> pd.Series:
    order = {doc: rank for rank, doc in enumerate(READING_PREFERENCE)}
    return frame["source_document"].astype(str).map(order).fillna(len(order))


def memory_wall_growth_table(nlp: pd.DataFrame, cv: pd.DataFrame) -> pd.DataFrame:
    """One reading per dated model of the Memory Wall NLP and CV tables (Gholami et al. 2024).

    ``nlp`` and ``cv`` are ``data.load("memory_wall_nlp")`` and ``data.load("memory_wall_cv")``.
    Where both documents print a model (seed 000, the repository README, and seed 002, its
    Markdown copy) and the rows differ, the reading of :data:`READING_PREFERENCE` comes first
    (``000+002``, then ``000``, then ``002``); :func:`memory_wall_reading_differences` lists
    what differs. Rows without a release date (002's CV accuracy table) are left out.

    Columns: ``model``, ``domain`` ('NLP' or 'CV'), ``release_date``, ``source_document``,
    ``params_millions`` (millions of parameters) and ``inference_gflops`` (GFLOPs of one
    forward pass; empty where not printed), sorted by domain and date.
    """
    frames = []
    for domain, frame in (("NLP", nlp), ("CV", cv)):
        needed = {"model", "source_document", "release_date", "params_millions", "inference_gflops"}
        if not isinstance(frame, pd.DataFrame) or not needed <= set(frame.columns):
            raise InputError(f"{domain} table must be a DataFrame with columns {sorted(needed)}")
        dated = frame[frame["release_date"].notna()].assign(_rank=_reading_rank)
        dated = dated.sort_values(["model", "_rank"], kind="stable").drop_duplicates("model")
        frames.append(
            pd.DataFrame(
                {
                    "model": dated["model"].astype(str),
                    "domain": domain,
                    "release_date": dated["release_date"],
                    "source_document": dated["source_document"].astype(str),
                    "params_millions": dated["params_millions"].astype(float),
                    "inference_gflops": dated["inference_gflops"].astype(float),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["domain", "release_date", "model"], kind="stable").reset_index(drop=True)


def _cell_text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "(empty)"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def memory_wall_reading_differences(nlp: pd.DataFrame, cv: pd.DataFrame) -> pd.DataFrame:
    """What differs between the two readings of a model in the Memory Wall tables.

    A model has two readings when the NLP table has one row per document (``000`` and
    ``002``) or when it is in both CV tables (000's CV Models table and 002's accuracy
    table). One row per differing column: ``domain``, ``model``, ``column``,
    ``first_reading`` and ``second_reading`` (as text, '(empty)' for a blank cell) and
    ``first_source``/``second_source`` (document or table). Where no value differs (the
    Baidu RecSys rows, which differ only in printing 'N/A' or leaving a cell blank), the
    ``notes`` column is listed instead.
    """
    rows = []
    for domain, frame, by in (("NLP", nlp, "source_document"), ("CV", cv, "source_table")):
        if not isinstance(frame, pd.DataFrame) or not {"model", by} <= set(frame.columns):
            raise InputError(f"{domain} table must be a DataFrame with columns 'model' and {by!r}")
        ranked = frame.assign(_rank=_reading_rank(frame)).sort_values(["_rank"], kind="stable")
        for model in sorted(frame["model"].astype(str).unique()):
            readings = ranked[ranked["model"].astype(str) == model]
            if len(readings) < 2:
                continue
            first, second = readings.iloc[0], readings.iloc[1]
            columns = [c for c in frame.columns if c not in _READING_SKIP]
            if "model_as_printed" in frame.columns:
                columns = ["model_as_printed", *columns]
            differing = [c for c in columns if _cell_text(first[c]) != _cell_text(second[c])]
            if not differing and "notes" in frame.columns:
                differing = ["notes"]
            for column in differing:
                rows.append(
                    {
                        "domain": domain,
                        "model": model,
                        "column": column,
                        "first_source": str(first[by]),
                        "first_reading": _cell_text(first[column]),
                        "second_source": str(second[by]),
                        "second_reading": _cell_text(second[column]),
                    }
                )
    columns = [
        "domain",
        "model",
        "column",
        "first_source",
        "first_reading",
        "second_source",
        "second_reading",
    ]
    return pd.DataFrame(rows, columns=columns)


#: Columns of the Memory Breakdown table and the component each one holds.
MEMORY_WALL_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("params_memory_gb_printed", "parameters"),
    ("optimizer_memory_gb_printed", "optimizer"),
    ("activation_memory_gb_printed", "activations"),
)


def memory_wall_breakdown_long(table: pd.DataFrame) -> pd.DataFrame:
    """The Memory Wall "Memory Breakdown" in long form, one row per model and component.

    ``table`` is ``data.load("memory_wall_training_memory")``. Columns: ``model``,
    ``year``, ``input_size`` (as printed), ``batch_size``, ``component`` ('parameters',
    'optimizer', 'activations'), ``component_order`` (0, 1, 2), ``gb_printed`` (the
    printed value; the table writes GB for all rows although some are GiB, see
    :func:`memory_wall_recompute`), ``total_gb_printed`` and ``sum_of_parts_gb`` (the sum
    of the three printed parts, rounded to 2 decimals), in the table's row order.
    """
    needed = {"model", "year", "input_size", "batch_size", "total_memory_gb_printed"}
    needed |= {column for column, _ in MEMORY_WALL_COMPONENTS}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns):
        raise InputError(f"table must be a DataFrame with columns {sorted(needed)}")
    rows = []
    for _, printed in table.iterrows():
        parts = sum(float(printed[column]) for column, _ in MEMORY_WALL_COMPONENTS)
        for order, (column, component) in enumerate(MEMORY_WALL_COMPONENTS):
            rows.append(
                {
                    "model": str(printed["model"]),
                    "year": int(printed["year"]),
                    "input_size": str(printed["input_size"]),
                    "batch_size": int(printed["batch_size"]),
                    "component": component,
                    "component_order": order,
                    "gb_printed": float(printed[column]),
                    "total_gb_printed": float(printed["total_memory_gb_printed"]),
                    "sum_of_parts_gb": round(parts, 2),
                }
            )
    return pd.DataFrame(rows)


def memory_wall_unit_matches(recomputed: pd.DataFrame) -> pd.DataFrame:
    """Which unit, GB (10^9 B) or GiB (2^30 B), each Memory Breakdown row's params memory uses.

    ``recomputed`` is the output of :func:`memory_wall_recompute`. One row per model:
    ``model``, ``params_memory_printed``, ``gb_matches`` and ``gib_matches`` (the
    parameter counts, in millions with their source, whose fp32 bytes round to the
    printed value in that unit; '' if none), and ``verdict``: 'GB', 'GiB', 'GB or GiB
    (depends on the parameter count)', 'neither' or 'no parameter count'.
    """
    needed = {"model", "params_source", "params_millions", "params_memory_printed", "params_unit"}
    if not isinstance(recomputed, pd.DataFrame) or not needed <= set(recomputed.columns):
        raise InputError(f"recomputed must be a DataFrame with columns {sorted(needed)}")
    rows = []
    for model in dict.fromkeys(recomputed["model"]):
        group = recomputed[recomputed["model"] == model]
        known = group[group["params_millions"].notna()]
        matches = {"GB": [], "GiB": []}
        for _, row in known.iterrows():
            for unit in ("GB", "GiB"):
                if row["params_unit"] in (unit, "both"):
                    matches[unit].append(f"{row['params_millions']:g}M ({row['params_source']})")
        if known.empty:
            verdict = "no parameter count"
        elif matches["GB"] and matches["GiB"]:
            verdict = "GB or GiB (depends on the parameter count)"
        elif matches["GB"]:
            verdict = "GB"
        elif matches["GiB"]:
            verdict = "GiB"
        else:
            verdict = "neither"
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


#: Seed 003's printed byte lines (items of data/paper_reported/seed003_memory_rule.csv) for
#: each line of :func:`seed003_breakdown`.
SEED003_REPORTED_LINES: tuple[tuple[str, str], ...] = (
    ("parameter (fp16)", "Parameter memory, fp16 (62,378,344 x 2 byte)"),
    ("gradient (fp16)", "Gradient memory, fp16 (62,378,344 x 2 byte)"),
    (
        "optimizer state: parameter (fp32)",
        "Optimizer state: parameter copy, fp32 (62,378,344 x 4 byte)",
    ),
    ("optimizer state: gradient (fp32)", "Optimizer state: gradient, fp32 (62,378,344 x 4 byte)"),
    ("optimizer state: momentum (fp32)", "Optimizer state: momentum, fp32 (62,378,344 x 4 byte)"),
    ("optimizer state: variance (fp32)", "Optimizer state: variance, fp32 (62,378,344 x 4 byte)"),
    ("activation (1 batch, fp32)", "Activation memory, 1 batch (936,323 x 4 byte)"),
    ("total", "Total minimum training memory, AlexNet"),
)


def _reported_value(reported: pd.DataFrame, item: str, unit: str | None = None) -> float:
    if not isinstance(reported, pd.DataFrame) or not {"item", "value"} <= set(reported.columns):
        raise InputError("reported must be the frame of load_reported('seed003_memory_rule')")
    rows = reported[reported["item"] == item]
    if unit is not None and "unit" in reported.columns:
        rows = rows[rows["unit"] == unit]
    if len(rows) != 1:
        raise InputError(f"expected one reported row {item!r} (unit {unit!r}), found {len(rows)}")
    return float(rows["value"].iloc[0])


def seed003_breakdown_vs_printed(
    reported: pd.DataFrame, params: float = SEED003_PARAMS, activations: float = SEED003_ACTIVATIONS
) -> pd.DataFrame:
    """Seed 003's mixed-precision Adam lines, recomputed, beside the bytes it prints.

    ``reported`` is ``data.load_reported("seed003_memory_rule")``; ``params`` and
    ``activations`` default to the seed's AlexNet totals (62,378,344 and 936,323, which
    :func:`dltrends.layers.model_totals` of ``alexnet_seed003()`` reproduces). The
    activation line is computed as activations x 4 bytes. Columns: those of
    :func:`seed003_breakdown` plus ``printed_bytes``, ``computed_minus_printed`` and
    ``match`` ('yes'/'no'). The activation line (3,745,292 vs 1,209,312 printed) and
    therefore the total (1,251,312,172 vs 1,248,776,192) differ; the six parameter lines
    match.
    """
    table = seed003_breakdown(params, activations)
    lookup = dict(SEED003_REPORTED_LINES)
    printed = [
        _reported_value(reported, lookup[item], "bytes") for item in table["item"].astype(str)
    ]
    table["printed_bytes"] = pd.Series(printed, dtype="float64").round().astype("int64")
    table["computed_minus_printed"] = table["bytes"] - table["printed_bytes"]
    table["match"] = ["yes" if d == 0 else "no" for d in table["computed_minus_printed"]]
    return table


def seed003_rule_examples(reported: pd.DataFrame) -> pd.DataFrame:
    """Seed 003's rule-of-thumb examples recomputed with :func:`rule_of_thumb_bytes`.

    ``reported`` is ``data.load_reported("seed003_memory_rule")``. Rows (activations are
    left out, as the seed leaves them in its "+ alpha"):

    * AlexNet with the 61M parameters the rule example uses (printed 1.22 GB), and with
      the 62,378,344 of the seed's own layer table;
    * CoAtNet-7 with the 2,240M the formula uses (printed 44.8 GB) and the 2,440M the
      quoted text gives;
    * GPT-3 with 175B parameters (printed 3.5 TB).

    Columns: ``example``, ``params`` (count), ``params_source``, ``bytes``, ``printed``
    and ``printed_unit`` (the seed's value and unit, GB = 10^9 B, TB = 10^12 B; the
    reference for the row), ``computed_in_printed_unit``, ``match`` ('yes' if it rounds
    to the printed value at the printed precision, else 'no'), and ``binary`` /
    ``binary_unit``: the same bytes in GiB (2^30) or TiB (2^40).
    """

    def value(item: str) -> float:
        return _reported_value(reported, item)

    alexnet_gb = value("AlexNet minimum memory by the rule of thumb (61M x 20)")
    coatnet_gb = value("CoAtNet-7 minimum memory by the rule of thumb (2240M x 20)")
    gpt3_tb = value("GPT-3 minimum memory by the rule of thumb (175B x 20)")
    cases = [
        (
            "AlexNet (rule example)",
            value("AlexNet parameters used in the rule-of-thumb example") * 1e6,
            "61M quoted in the rule example",
            alexnet_gb,
            "GB",
        ),
        (
            "AlexNet (layer table)",
            value("AlexNet total parameters (layer table Total)"),
            "Total row of the seed's AlexNet table",
            alexnet_gb,
            "GB",
        ),
        (
            "CoAtNet-7 (formula)",
            value("CoAtNet-7 parameters used in the formula") * 1e6,
            "2240M used in the formula",
            coatnet_gb,
            "GB",
        ),
        (
            "CoAtNet-7 (quoted text)",
            value("CoAtNet-7 parameters in the quoted text") * 1e6,
            "2440M in the quoted text",
            coatnet_gb,
            "GB",
        ),
        ("GPT-3", value("GPT-3 parameters") * 1e9, "175B quoted", gpt3_tb, "TB"),
    ]
    scale = {"GB": (1e9, 2**30, "GiB"), "TB": (1e12, 2**40, "TiB")}
    rows = []
    for example, params, source, printed, unit in cases:
        n_bytes = rule_of_thumb_bytes(params)
        decimal, binary, binary_unit = scale[unit]
        text = f"{printed:g}"
        places = len(text.split(".")[1]) if "." in text else 0
        computed = n_bytes / decimal
        rows.append(
            {
                "example": example,
                "params": int(round(params)),
                "params_source": source,
                "bytes": int(round(n_bytes)),
                "printed": printed,
                "printed_unit": unit,
                "computed_in_printed_unit": computed,
                "match": "yes" if round(computed, places) == printed else "no",
                "binary": n_bytes / binary,
                "binary_unit": binary_unit,
            }
        )
    return pd.DataFrame(rows)


#: Short labels of the conventions and inference precisions (calculator and tables).
SETUP_LABELS: dict[str, str] = {
    "seed003_mixed_adam": "training: mixed-precision Adam, seed 003 / ZeRO-Infinity",
    "zero_mixed_adam": "training: mixed-precision Adam, ZeRO",
    "fp32_adam": "training: fp32 Adam, with gradients",
    "fp32_sgd_momentum": "training: fp32 SGD with momentum, with gradients",
    "fp32_sgd": "training: fp32 plain SGD, with gradients",
    "memory_wall_adam": "training: fp32 Adam, no gradients (Memory Wall NLP rows)",
    "memory_wall_sgd_momentum": "training: fp32 SGD momentum, no gradients (Memory Wall CV rows)",
    "inference_fp32": "inference: fp32 weights",
    "inference_fp16": "inference: fp16 weights",
    "inference_int8": "inference: int8 weights",
}

#: Inference precisions shown beside the training conventions.
INFERENCE_SETUPS: tuple[str, ...] = ("fp32", "fp16", "int8")


def _role(convention: Convention, label: str) -> str:
    mixed = any(item.startswith("fp16") for item, _ in convention.per_param)
    if mixed and label.startswith("fp32"):
        return "optimizer state"
    if "weights" in label:
        return "weights"
    if "gradients" in label:
        return "gradients"
    return "optimizer state"


def bytes_per_param_components() -> pd.DataFrame:
    """Bytes per parameter of every setup, item by item, for the conventions chart.

    Training setups are :data:`CONVENTIONS`; inference setups (``inference_fp32``,
    ``inference_fp16``, ``inference_int8``) hold the weights only, at
    :data:`BYTES_PER_PRECISION`. Columns: ``setup``, ``label`` (:data:`SETUP_LABELS`),
    ``kind`` ('training'/'inference'), ``item`` (e.g. 'fp32 Adam momentum'), ``role``
    ('weights', 'gradients', 'optimizer state': in mixed precision every fp32 copy is
    optimizer state, as ZeRO and seed 003 count it), ``bytes`` and ``setup_total``.
    """
    rows = []
    for name, convention in CONVENTIONS.items():
        for label, size in convention.per_param:
            rows.append(
                {
                    "setup": name,
                    "label": SETUP_LABELS[name],
                    "kind": "training",
                    "item": label,
                    "role": _role(convention, label),
                    "bytes": float(size),
                    "setup_total": convention.bytes_per_param,
                }
            )
    for precision in INFERENCE_SETUPS:
        size = float(BYTES_PER_PRECISION[precision])
        rows.append(
            {
                "setup": f"inference_{precision}",
                "label": SETUP_LABELS[f"inference_{precision}"],
                "kind": "inference",
                "item": f"{precision} weights",
                "role": "weights",
                "bytes": size,
                "setup_total": size,
            }
        )
    return pd.DataFrame(rows)


def calculator_setups() -> pd.DataFrame:
    """The setups of the memory calculator: one row per setup with its bytes per parameter.

    Columns ``setup``, ``label``, ``kind`` and ``bytes_per_param`` (training conventions,
    then inference at fp32, fp16, int8), from :func:`bytes_per_param_components`.
    """
    parts = bytes_per_param_components()
    totals = parts.groupby("setup", sort=False).agg(
        label=("label", "first"), kind=("kind", "first"), bytes_per_param=("bytes", "sum")
    )
    return totals.reset_index()


@finite_result
def setup_memory_bytes(params: float, setup: str) -> float:
    """Memory in bytes of ``params`` parameters under a calculator setup (no activations).

    ``setup`` is a convention name (training) or ``inference_<precision>``.

    >>> setup_memory_bytes(1e9, "seed003_mixed_adam")
    20000000000.0
    >>> setup_memory_bytes(1e9, "inference_int8")
    1000000000.0
    """
    if isinstance(setup, str) and setup.startswith("inference_"):
        return inference_memory_bytes(params, setup.removeprefix("inference_"))
    return training_memory_bytes(params, 0, setup)


#: Named models of the calculator: (label, data file, key column, key value). The
#: parameter count is read from that row (one reading per model, 000 first).
CALCULATOR_MODELS: tuple[tuple[str, str, str, str], ...] = (
    ("AlexNet", "memory_wall_cv", "model", "AlexNet"),
    ("BERT Large", "memory_wall_nlp", "model", "BERT Large"),
    ("GPT-2", "memory_wall_nlp", "model", "GPT-2"),
    ("Megatron", "memory_wall_nlp", "model", "Megatron"),
    ("GPT-3", "memory_wall_nlp", "model", "GPT-3"),
)


def calculator_models(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Parameter counts of the calculator's named models, read from the book's data.

    ``frames`` maps file names to ``data.load`` frames (those of
    :data:`CALCULATOR_MODELS`). Columns: ``model``, ``params`` (a count, not millions) and
    ``source`` ('<file>.csv: <key>').
    """
    if not isinstance(frames, Mapping):
        raise InputError("frames must be a mapping of file name -> DataFrame")
    rows = []
    for label, file, column, key in CALCULATOR_MODELS:
        frame = frames.get(file)
        if frame is None:
            raise InputError(f"frames lacks {file!r}, needed for {label}")
        hits = frame[frame[column].astype(str) == key]
        if "source_document" in hits.columns:
            hits = hits.assign(_rank=_reading_rank(hits)).sort_values("_rank", kind="stable")
        if hits.empty:
            raise InputError(f"no row {column} == {key!r} in {file}")
        rows.append(
            {
                "model": label,
                "params": float(hits["params_millions"].iloc[0]) * 1e6,
                "source": f"{file}.csv: {key}",
            }
        )
    return pd.DataFrame(rows)


@finite_result
def implied_activations_per_sample(
    activation_memory: float, batch_size: int, bytes_per_activation: float = 4, unit_bytes: float = 1e9
) -> float:
    """Activations per sample that a printed activation memory implies.

    ``activation_memory`` in units of ``unit_bytes`` (1e9 for GB, 2**30 for GiB), divided
    by ``batch_size`` x ``bytes_per_activation``. E.g. the Memory Wall's AlexNet, 0.71 GB at
    batch 128 and 4 bytes: 1,386,719 activations per image.

    >>> round(implied_activations_per_sample(0.71, 128))
    1386719
    """
    memory = _count(activation_memory, "activation_memory")
    batch = _positive_int(batch_size, "batch_size")
    size = _count(bytes_per_activation, "bytes_per_activation")
    unit = _count(unit_bytes, "unit_bytes")
    if size == 0 or unit == 0:
        raise InputError("bytes_per_activation and unit_bytes must be > 0")
    return memory * unit / (batch * size)


def activation_memory_by_batch(
    activations_per_sample: Mapping[str, float],
    batch_sizes: Sequence[int],
    bytes_per_activation: float = 4,
) -> pd.DataFrame:
    """Activation memory for several settings and batch sizes (:func:`activation_bytes`).

    ``activations_per_sample`` maps a setting label (e.g. 'input 227 x 227') to its
    activation count per sample. Columns: ``setting``, ``activations_per_sample``,
    ``batch_size``, ``bytes``, ``gb`` (10^9 B) and ``gib`` (2^30 B); memory grows
    linearly with the batch.
    """
    if not isinstance(activations_per_sample, Mapping) or not activations_per_sample:
        raise InputError("activations_per_sample must be a non-empty mapping of label -> count")
    if isinstance(batch_sizes, (str, bytes)) or not len(batch_sizes):
        raise InputError("batch_sizes must be a non-empty sequence of whole numbers")
    rows = []
    for label, count in activations_per_sample.items():
        for batch in batch_sizes:
            n_bytes = activation_bytes(count, batch, bytes_per_activation)
            rows.append(
                {
                    "setting": str(label),
                    "activations_per_sample": float(count),
                    "batch_size": int(batch),
                    "bytes": n_bytes,
                    "gb": n_bytes / BYTES_PER_GB,
                    "gib": n_bytes / BYTES_PER_GIB,
                }
            )
    return pd.DataFrame(rows)


#: Shapes of the Memory Wall's transformer rows for :func:`transformer_activation_bytes`:
#: layers, hidden size and attention heads, with their source.
TRANSFORMER_SHAPES: dict[str, dict[str, object]] = {
    "BERT Large": {
        "layers": 24,
        "hidden": 1024,
        "heads": 16,
        "source": "Devlin et al. 2019, Sec. 3: BERT-LARGE L=24, H=1024, A=16",
    },
    "GPT-2": {
        "layers": 48,
        "hidden": 1600,
        "heads": 25,
        "source": "Radford et al. 2019, Table 2 (largest model: 48 layers, d_model 1600); "
        "25 heads of 64 as in the released configuration",
    },
}


def transformer_activation_check(
    training: pd.DataFrame,
    nlp: pd.DataFrame,
    extra_seq_lens: Mapping[str, Sequence[int]] | None = None,
) -> pd.DataFrame:
    """Transformer activation memory (Korthikanti et al. 2022) against the Memory Wall's.

    For each model of :data:`TRANSFORMER_SHAPES` in ``training``
    (``data.load("memory_wall_training_memory")``), computes
    :func:`transformer_activation_bytes` (16-bit activations, no recomputation) at the
    printed batch size and at the sequence lengths: the breakdown's printed input size,
    the token size of ``nlp`` (``data.load("memory_wall_nlp")``, one reading) when it
    differs (GPT-2: 1024 against the printed '2014'), and any of ``extra_seq_lens[model]``.

    Columns: ``model``, ``seq_len``, ``seq_len_source``, ``batch_size``, ``layers``,
    ``hidden``, ``heads``, ``bytes`` (16-bit), ``gb`` (10^9 B), ``gib`` (2^30 B),
    ``gb_fp32`` (twice ``gb``: every stored activation in 4 bytes), ``attention_share``
    (share of the 5 a s^2 b term), ``printed_gb`` (the Memory Wall's activation memory)
    and ``printed_over_computed`` (``printed_gb`` / ``gb``).
    """
    needed = {"model", "input_size", "batch_size", "activation_memory_gb_printed"}
    if not isinstance(training, pd.DataFrame) or not needed <= set(training.columns):
        raise InputError(f"training must be a DataFrame with columns {sorted(needed)}")
    if not isinstance(nlp, pd.DataFrame) or not {"model", "token_size"} <= set(nlp.columns):
        raise InputError("nlp must be a DataFrame with columns 'model' and 'token_size'")
    extra = dict(extra_seq_lens or {})
    unknown = sorted(set(extra) - set(TRANSFORMER_SHAPES))
    if unknown:
        raise InputError(f"no transformer shapes for {unknown}; known: {sorted(TRANSFORMER_SHAPES)}")
    tokens = nlp.assign(_rank=_reading_rank(nlp)).sort_values("_rank", kind="stable")
    rows = []
    for model, shape in TRANSFORMER_SHAPES.items():
        printed = training[training["model"].astype(str) == model]
        if printed.empty:
            continue
        row = printed.iloc[0]
        batch = int(row["batch_size"])
        seqs: list[tuple[int, str]] = []
        if str(row["input_size"]).isdigit():
            seqs.append((int(row["input_size"]), "Memory Breakdown input size, as printed"))
        token = tokens[tokens["model"].astype(str) == model]["token_size"].dropna()
        if not token.empty and int(token.iloc[0]) not in [s for s, _ in seqs]:
            seqs.append((int(token.iloc[0]), "Memory Wall NLP table, token size"))
        for s in extra.get(model, ()):
            if _positive_int(s, "seq_len") not in [q for q, _ in seqs]:
                seqs.append((int(s), "parameters cell"))
        layers_, hidden, heads = int(shape["layers"]), int(shape["hidden"]), int(shape["heads"])
        for seq, source in seqs:
            n_bytes = transformer_activation_bytes(seq, batch, hidden, heads, layers_)
            attention = layers_ * 5 * heads * seq * seq * batch
            gb = n_bytes / BYTES_PER_GB
            printed_gb = float(row["activation_memory_gb_printed"])
            rows.append(
                {
                    "model": model,
                    "seq_len": seq,
                    "seq_len_source": source,
                    "batch_size": batch,
                    "layers": layers_,
                    "hidden": hidden,
                    "heads": heads,
                    "bytes": n_bytes,
                    "gb": gb,
                    "gib": n_bytes / BYTES_PER_GIB,
                    "gb_fp32": 2 * gb,
                    "attention_share": attention / n_bytes,
                    "printed_gb": printed_gb,
                    "printed_over_computed": printed_gb / gb,
                }
            )
    return pd.DataFrame(rows)


def memory_wall_unit_check_long(recomputed: pd.DataFrame) -> pd.DataFrame:
    """Computed params memory over printed params memory, in GB and GiB, for the unit chart.

    ``recomputed`` is :func:`memory_wall_recompute`'s output. One row per model, parameter
    count and unit (rows without a count are dropped): ``label`` ('<model>: <count>M
    (<source>)'), ``model``, ``params_millions``, ``unit`` ('GB (10^9 B)' or 'GiB (2^30
    B)'), ``computed`` (params x 4 bytes in that unit), ``printed``, ``ratio``
    (computed / printed), ``band_low`` and ``band_high`` (the ratios at the edges of the
    printed value's rounding interval, printed +- 0.005) and ``matches`` (the ratio lies
    inside the band: the computed value rounds to the printed one).
    """
    needed = {
        "model",
        "params_source",
        "params_millions",
        "params_memory_printed",
        "params_memory_gb_computed",
        "params_memory_gib_computed",
    }
    if not isinstance(recomputed, pd.DataFrame) or not needed <= set(recomputed.columns):
        raise InputError(f"recomputed must be a DataFrame with columns {sorted(needed)}")
    rows = []
    for _, row in recomputed[recomputed["params_millions"].notna()].iterrows():
        source = str(row["params_source"])
        file, _, rest = source.partition(": ")
        doc = rest[rest.rfind("(") + 1 : -1] if rest.endswith(")") else ""
        where = file.removesuffix(".csv") + (f", {doc}" if doc else "")
        printed = float(row["params_memory_printed"])
        for unit, column in (
            ("GB (10^9 B)", "params_memory_gb_computed"),
            ("GiB (2^30 B)", "params_memory_gib_computed"),
        ):
            computed = float(row[column])
            rows.append(
                {
                    "label": f"{row['model']}: {row['params_millions']:g}M ({where})",
                    "model": str(row["model"]),
                    "params_millions": float(row["params_millions"]),
                    "unit": unit,
                    "computed": computed,
                    "printed": printed,
                    "ratio": computed / printed,
                    "band_low": (printed - 0.005) / printed,
                    "band_high": (printed + 0.005) / printed,
                    "matches": _within_print(computed, printed),
                }
            )
    return pd.DataFrame(rows)


def transformer_activation_long(check: pd.DataFrame) -> pd.DataFrame:
    """:func:`transformer_activation_check` in long form for the transformer chart.

    One row per value: ``row`` ('<model>: <s> tokens, batch <b>' or '<model>: Memory
    Wall, as printed'), ``model``, ``what`` ('16-bit activations (Korthikanti et al.)',
    '32-bit activations (x 2)' or 'Memory Wall, as printed'), ``source`` ('this book' or
    'paper'), ``gb`` and ``seq_len`` (empty for the printed value), in the order of
    ``check`` with each model's printed value first.
    """
    needed = {"model", "seq_len", "batch_size", "gb", "gb_fp32", "printed_gb"}
    if not isinstance(check, pd.DataFrame) or not needed <= set(check.columns):
        raise InputError(f"check must be a DataFrame with columns {sorted(needed)}")
    rows = []
    for model in dict.fromkeys(check["model"]):
        group = check[check["model"] == model]
        rows.append(
            {
                "row": f"{model}: Memory Wall, as printed",
                "model": str(model),
                "what": "Memory Wall, as printed",
                "source": "paper",
                "gb": float(group["printed_gb"].iloc[0]),
                "seq_len": math.nan,
            }
        )
        for _, r in group.iterrows():
            label = f"{model}: {int(r['seq_len'])} tokens, batch {int(r['batch_size'])}"
            for what, column in (
                ("16-bit activations (Korthikanti et al.)", "gb"),
                ("32-bit activations (x 2)", "gb_fp32"),
            ):
                rows.append(
                    {
                        "row": label,
                        "model": str(model),
                        "what": what,
                        "source": "this book",
                        "gb": float(r[column]),
                        "seq_len": float(r["seq_len"]),
                    }
                )
    return pd.DataFrame(rows)


#: Memory Wall NLP rows left out of the language-model growth fit: the two Baidu
#: recommendation models are not language models (their parameters are embedding tables)
#: and GShard is a sparse mixture of experts (each token uses a small share of its weights).
NOT_DENSE_LANGUAGE_MODELS: tuple[str, ...] = ("Baidu RecSys-C", "Baidu RecSys-E", "GShard")


def memory_wall_growth_fit(table: pd.DataFrame, metric: str, domain: str, exclude: Sequence[str] = ()):
    """Exponential trend of a Memory Wall metric over release dates, for one domain.

    ``table`` is :func:`memory_wall_growth_table`; ``metric`` is ``params_millions`` or
    ``inference_gflops``; ``domain`` 'NLP' or 'CV'; models named in ``exclude`` (e.g.
    :data:`NOT_DENSE_LANGUAGE_MODELS`) and rows without the metric are left out. Returns
    :class:`dltrends.trends.TrendFit` (``log10(value) = a + b x year``, OLS): its
    ``growth_per_year`` is the factor per year; squared, the factor per two years, the
    period Gholami et al. (2024) quote their growth rates for.
    """
    from .trends import fit_frame

    needed = {"model", "domain", "release_date", metric}
    if not isinstance(table, pd.DataFrame) or not needed <= set(table.columns):
        raise InputError(f"table must be a DataFrame with columns {sorted(needed)}")
    rows = table[(table["domain"] == domain) & table[metric].notna() & ~table["model"].isin(list(exclude))]
    return fit_frame(rows, metric)


# --------------------------------------------------------------------------- chapter numbers
#
# Each function below returns the named numbers that one section of the "Memory wall"
# chapter quotes in its prose (the chapter glues them one by one), so that every quoted
# number is computed here and tested in tests/test_chapter_memory.py.


def _row_where(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    rows = frame[frame[column].astype(str) == value]
    if rows.empty:
        raise InputError(f"no row with {column} == {value!r}")
    return rows.iloc[0]


def growth_numbers(growth: pd.DataFrame) -> dict[str, float | int | str]:
    """Numbers of the chapter's "Memory Wall data" section, from :func:`memory_wall_growth_table`.

    Exponential fits (:func:`memory_wall_growth_fit`) of NLP parameters and inference
    GFLOPs (dense language models, :data:`NOT_DENSE_LANGUAGE_MODELS` left out) and of CV
    parameters, as factors per two years (``*_per_2y``, with the 95 % interval of the NLP
    parameter factor), the number of models fitted (``*_n``), the Transformer and GPT-3
    parameter counts (millions; GPT-3 in billions) and years, their ratio, and the CV
    years and largest CV parameter count.
    """
    from .trends import CONFIDENCE

    nlp_params = memory_wall_growth_fit(growth, "params_millions", "NLP", NOT_DENSE_LANGUAGE_MODELS)
    nlp_gflops = memory_wall_growth_fit(growth, "inference_gflops", "NLP", NOT_DENSE_LANGUAGE_MODELS)
    cv_params = memory_wall_growth_fit(growth, "params_millions", "CV")
    cv = growth[growth["domain"] == "CV"]
    nlp = growth[growth["domain"] == "NLP"]
    transformer = _row_where(nlp, "model", "Transformer")
    gpt3 = _row_where(nlp, "model", "GPT-3")
    return {
        "nlp_fit_n": nlp_params.n,
        "nlp_params_per_2y": nlp_params.growth_per_year**2,
        "nlp_params_per_2y_low": nlp_params.growth_per_year_ci[0] ** 2,
        "nlp_params_per_2y_high": nlp_params.growth_per_year_ci[1] ** 2,
        "nlp_gflops_fit_n": nlp_gflops.n,
        "nlp_gflops_per_2y": nlp_gflops.growth_per_year**2,
        "cv_fit_n": cv_params.n,
        "cv_params_per_2y": cv_params.growth_per_year**2,
        "cv_params_max": float(cv["params_millions"].max()),
        "cv_first_year": int(cv["release_date"].dt.year.min()),
        "cv_last_year": int(cv["release_date"].dt.year.max()),
        "transformer_params": float(transformer["params_millions"]),
        "transformer_year": int(transformer["release_date"].year),
        "gpt3_params_b": float(gpt3["params_millions"]) / 1e3,
        "gpt3_year": int(gpt3["release_date"].year),
        "gpt3_over_transformer": float(gpt3["params_millions"]) / float(transformer["params_millions"]),
        "not_dense": ", ".join(NOT_DENSE_LANGUAGE_MODELS),
        "confidence_pct": 100 * CONFIDENCE,
    }


def breakdown_numbers(training: pd.DataFrame) -> dict[str, float | int | str]:
    """Numbers of the chapter's "training-memory breakdown" section.

    ``training`` is ``data.load("memory_wall_training_memory")``. ``n_breakdown`` rows;
    ``n_activation_largest``: rows whose activations are the largest printed part, and
    ``not_activation_largest`` the others; activation shares of the printed total (%)
    for DenseNet201 and BERT Large; GPT-2's printed total and batch; DenseNet201's
    printed params and activation memory (GB as printed).
    """
    long = memory_wall_breakdown_long(training)
    largest = long.loc[long.groupby("model", sort=False)["gb_printed"].idxmax()]
    dense = _row_where(training, "model", "DenseNet201")
    bert = _row_where(training, "model", "BERT Large")
    gpt2 = _row_where(training, "model", "GPT-2")

    def share(row: pd.Series) -> float:
        return 100 * float(row["activation_memory_gb_printed"]) / float(row["total_memory_gb_printed"])

    return {
        "n_breakdown": len(training),
        "n_activation_largest": int((largest["component"] == "activations").sum()),
        "not_activation_largest": ", ".join(largest.loc[largest["component"] != "activations", "model"]),
        "densenet_activation_share": share(dense),
        "bert_activation_share": share(bert),
        "densenet_params_gb": float(dense["params_memory_gb_printed"]),
        "densenet_act_gb": float(dense["activation_memory_gb_printed"]),
        "gpt2_total": float(gpt2["total_memory_gb_printed"]),
        "gpt2_batch": int(gpt2["batch_size"]),
    }


def recompute_numbers(
    recomputed: pd.DataFrame,
    candidates: Mapping[str, Mapping[str, float]],
    training: pd.DataFrame,
    nlp: pd.DataFrame,
) -> dict[str, float | int | str]:
    """Numbers of the chapter's "Recomputing the params and optimizer memory" section.

    ``recomputed`` is :func:`memory_wall_recompute` of ``training`` with ``candidates``
    (:func:`memory_wall_param_candidates`); ``nlp`` is ``data.load("memory_wall_nlp")``.
    Returns: the largest number of candidate counts per model; the fp32 bytes per
    parameter; the SGD (smallest) and Adam (largest) optimizer multipliers and how many
    rows use each; the models whose params memory matches GiB, GB, either, neither, or
    has no count (:func:`memory_wall_unit_matches`); AlexNet's, BERT Large's, VGG19's and
    GPT-2's counts, recomputed GB/GiB and printed values; GPT-2's optimizer, totals,
    printed input size and the NLP table's token size; AlexNet's printed total, the sum of
    its printed parts and their gap.
    """
    first = recomputed.drop_duplicates("model")
    multipliers = first["optimizer_multiplier"]
    verdict = memory_wall_unit_matches(recomputed).set_index("model")["verdict"]

    def pick(model: str, prefix: str) -> pd.Series:
        rows = recomputed[
            (recomputed["model"] == model) & recomputed["params_source"].str.startswith(prefix)
        ]
        if rows.empty:
            raise InputError(f"no parameter count for {model} from {prefix}")
        return rows.iloc[0]

    alexnet = pick("AlexNet", "memory_wall_cv")
    bert = pick("BERT Large", "memory_wall_nlp")
    vgg_000, vgg_001 = pick("VGG19", "memory_wall_cv"), pick("VGG19", "cv_models")
    gpt2 = pick("GPT-2", "memory_wall_nlp")
    tokens = nlp.assign(_rank=_reading_rank(nlp)).sort_values("_rank", kind="stable")
    return {
        "max_candidates": max(len(counts) for counts in candidates.values()),
        "fp32_bytes": BYTES_PER_PRECISION["fp32"],
        "sgd_multiplier": int(multipliers.min()),
        "adam_multiplier": int(multipliers.max()),
        "n_sgd_rows": int((multipliers == multipliers.min()).sum()),
        "n_adam_rows": int((multipliers == multipliers.max()).sum()),
        "gib_models": ", ".join(verdict[verdict == "GiB"].index),
        "gb_models": ", ".join(verdict[verdict == "GB"].index),
        "either_models": ", ".join(verdict[verdict.str.startswith("GB or")].index),
        "neither_models": ", ".join(verdict[verdict == "neither"].index),
        "nocount_models": ", ".join(verdict[verdict == "no parameter count"].index),
        "alexnet_mw_params": float(alexnet["params_millions"]),
        "alexnet_mw_gb": float(alexnet["params_memory_gb_computed"]),
        "alexnet_mw_gib": float(alexnet["params_memory_gib_computed"]),
        "alexnet_mw_printed": float(alexnet["params_memory_printed"]),
        "bert_mw_params": float(bert["params_millions"]),
        "bert_mw_gb": float(bert["params_memory_gb_computed"]),
        "bert_mw_gib": float(bert["params_memory_gib_computed"]),
        "bert_mw_printed": float(bert["params_memory_printed"]),
        "vgg_params_000": float(vgg_000["params_millions"]),
        "vgg_params_001": float(vgg_001["params_millions"]),
        "vgg_000_gib": float(vgg_000["params_memory_gib_computed"]),
        "vgg_001_gib": float(vgg_001["params_memory_gib_computed"]),
        "vgg_printed": float(vgg_000["params_memory_printed"]),
        "vgg_implied_gib": float(vgg_000["implied_params_millions_if_gib"]),
        "gpt2_params": float(gpt2["params_millions"]),
        "gpt2_gb": float(gpt2["params_memory_gb_computed"]),
        "gpt2_gib": float(gpt2["params_memory_gib_computed"]),
        "gpt2_params_printed": float(gpt2["params_memory_printed"]),
        "gpt2_implied_gb": float(gpt2["implied_params_millions_if_gb"]),
        "gpt2_implied_gib": float(gpt2["implied_params_millions_if_gib"]),
        "gpt2_opt_printed": float(gpt2["optimizer_memory_printed"]),
        "gpt2_multiplier": int(gpt2["optimizer_multiplier"]),
        "gpt2_opt_times_params": int(gpt2["optimizer_multiplier"]) * float(gpt2["params_memory_printed"]),
        "gpt2_total_printed": float(gpt2["total_printed"]),
        "gpt2_sum_parts": float(gpt2["sum_of_printed_parts"]),
        "gpt2_sum_multiplier": float(gpt2["sum_with_optimizer_as_multiplier_x_params"]),
        "gpt2_input_printed": str(_row_where(training, "model", "GPT-2")["input_size"]),
        "gpt2_token_size": int(_row_where(tokens, "model", "GPT-2")["token_size"]),
        "alexnet_total_printed": float(alexnet["total_printed"]),
        "alexnet_sum_parts": float(alexnet["sum_of_printed_parts"]),
        "alexnet_total_gap": float(alexnet["total_minus_sum_printed"]),
    }


def layer_numbers(table: pd.DataFrame, check: pd.DataFrame) -> dict[str, float | int]:
    """Numbers of the chapter's AlexNet layer-table section.

    ``table`` is :func:`dltrends.layers.layer_table` of seed 003's AlexNet and ``check``
    :func:`dltrends.layers.compare_with_printed` of it. Totals of parameters and
    activations (input included), printed cells compared and matching, rows matching in
    full, and the shares (%) of the parameters in the FC layers and of the activations in
    the input and convolution rows.
    """
    params = int(table["parameters"].sum())
    acts = int(table["activations"].sum())
    fc = table["layer_type"] == "fc"
    conv_or_input = table["layer_type"].isin(["conv", "input"])
    return {
        "alexnet_params": params,
        "alexnet_activations": acts,
        "layer_cells_compared": int(check["cells_compared"].sum()),
        "layer_cells_matching": int(check["cells_matching"].sum()),
        "layer_rows": len(check),
        "layer_rows_matching": int((check["match"] == "yes").sum()),
        "fc_param_share": 100 * int(table.loc[fc, "parameters"].sum()) / params,
        "conv_act_share": 100 * int(table.loc[conv_or_input, "activations"].sum()) / acts,
    }


def seed003_numbers(lines: pd.DataFrame) -> dict[str, float | int]:
    """Numbers of the chapter's seed 003 byte-count section, from :func:`seed003_breakdown_vs_printed`.

    Bytes per item of the fp16 and fp32 lines and of an activation; the parameter lines
    (count, matching, bytes per parameter summed, bytes); the activation line computed and
    printed, and the printed line over the bytes per activation; the totals (printed,
    consistent, reproduced from the printed lines by :func:`seed003_total_as_printed`),
    their gap, and both in GB.
    """
    line = lines.set_index("item")
    params = lines[~lines["item"].isin(["activation (1 batch, fp32)", "total"])]
    act = line.loc["activation (1 batch, fp32)"]
    total = line.loc["total"]
    return {
        "seed_fp16_bytes": float(line.loc["parameter (fp16)", "bytes_per_item"]),
        "seed_fp32_bytes": float(line.loc["optimizer state: momentum (fp32)", "bytes_per_item"]),
        "seed_act_bytes_each": float(act["bytes_per_item"]),
        "seed_n_param_lines": len(params),
        "seed_n_param_lines_matching": int((params["match"] == "yes").sum()),
        "seed_bytes_per_param": float(params["bytes_per_item"].sum()),
        "seed_param_bytes": int(params["bytes"].sum()),
        "seed_act_printed": int(act["printed_bytes"]),
        "seed_act_consistent": int(act["bytes"]),
        "seed_act_over_4": int(act["printed_bytes"]) / float(act["bytes_per_item"]),
        "seed_total_printed": int(total["printed_bytes"]),
        "seed_total_consistent": int(total["bytes"]),
        "seed_total_as_printed": seed003_total_as_printed(),
        "seed_total_gap": int(total["computed_minus_printed"]),
        "seed_total_gb": int(total["bytes"]) / BYTES_PER_GB,
        "seed_total_printed_gb": int(total["printed_bytes"]) / BYTES_PER_GB,
    }


def rule_numbers(rule: pd.DataFrame) -> dict[str, float | int]:
    """Numbers of the chapter's rule-of-thumb section, from :func:`seed003_rule_examples`.

    Rows and matching rows; for each example its parameter count (millions) and the rule's
    memory in the printed unit, and GiB/TiB where the prose quotes them.
    """
    ex = rule.set_index("example")

    def get(example: str, column: str) -> float:
        return float(ex.loc[example, column])

    return {
        "rule_n": len(rule),
        "rule_matches": int((rule["match"] == "yes").sum()),
        "rule_alexnet_params_m": get("AlexNet (rule example)", "params") / 1e6,
        "rule_alexnet_table_m": get("AlexNet (layer table)", "params") / 1e6,
        "rule_alexnet_gb": get("AlexNet (rule example)", "computed_in_printed_unit"),
        "rule_alexnet_table_gb": get("AlexNet (layer table)", "computed_in_printed_unit"),
        "rule_alexnet_gib": get("AlexNet (rule example)", "binary"),
        "rule_coatnet_used_m": get("CoAtNet-7 (formula)", "params") / 1e6,
        "rule_coatnet_quoted_m": get("CoAtNet-7 (quoted text)", "params") / 1e6,
        "rule_coatnet_used_gb": get("CoAtNet-7 (formula)", "computed_in_printed_unit"),
        "rule_coatnet_quoted_gb": get("CoAtNet-7 (quoted text)", "computed_in_printed_unit"),
        "rule_coatnet_printed": get("CoAtNet-7 (formula)", "printed"),
        "rule_gpt3_tb": get("GPT-3", "computed_in_printed_unit"),
        "rule_gpt3_tib": get("GPT-3", "binary"),
    }


def conventions_numbers() -> dict[str, float]:
    """Numbers of the chapter's conventions section: bytes per parameter of each setup.

    ``bpp_*`` from :func:`calculator_setups`, ZeRO's K (its optimizer-state bytes per
    parameter, from :func:`bytes_per_param_components`), the ratios of seed 003's rule to
    int8 inference and to ZeRO, and how much larger a GiB is than a GB (%).
    """
    setups = calculator_setups().set_index("setup")["bytes_per_param"]
    parts = bytes_per_param_components()
    zero = parts[(parts["setup"] == "zero_mixed_adam") & (parts["role"] == "optimizer state")]
    names = {
        "bpp_seed": "seed003_mixed_adam",
        "bpp_zero": "zero_mixed_adam",
        "bpp_fp32_adam": "fp32_adam",
        "bpp_fp32_sgdm": "fp32_sgd_momentum",
        "bpp_mw_adam": "memory_wall_adam",
        "bpp_mw_sgd": "memory_wall_sgd_momentum",
        "bpp_inf_fp32": "inference_fp32",
        "bpp_inf_fp16": "inference_fp16",
        "bpp_int8": "inference_int8",
    }
    out = {key: float(setups[name]) for key, name in names.items()}
    out["zero_k"] = float(zero["bytes"].sum())
    out["seed_over_int8"] = out["bpp_seed"] / out["bpp_int8"]
    out["seed_over_zero"] = out["bpp_seed"] / out["bpp_zero"]
    out["gib_over_gb_pct"] = 100 * (BYTES_PER_GIB / BYTES_PER_GB - 1)
    return out


def calculator_numbers(models: pd.DataFrame, setup: str) -> dict[str, float | str]:
    """Numbers of the chapter's calculator section for one ``setup``.

    ``models`` is :func:`calculator_models`. The setup's label, the memory of one billion
    parameters in GB and of GPT-3's parameters in TB (:func:`setup_memory_bytes`, no
    activations).
    """
    if setup not in SETUP_LABELS:
        raise InputError(f"unknown setup {setup!r}; known: {sorted(SETUP_LABELS)}")
    gpt3 = float(_row_where(models, "model", "GPT-3")["params"])
    return {
        "calc_convention": SETUP_LABELS[setup],
        "calc_1b_gb": setup_memory_bytes(1e9, setup) / BYTES_PER_GB,
        "calc_gpt3_tb": setup_memory_bytes(gpt3, setup) / 1e12,
    }


def alexnet_activation_numbers(
    totals: Mapping[str, int],
    larger_totals: Mapping[str, int],
    training: pd.DataFrame,
    batch_size: int,
    convention: str = "seed003_mixed_adam",
) -> dict[str, float | int]:
    """Numbers of the chapter's AlexNet activation section.

    ``totals`` and ``larger_totals`` are :func:`dltrends.layers.model_totals` of seed 003's
    AlexNet at its input size and at a larger one; ``training`` the Memory Wall
    breakdown. At ``batch_size``: activation memory (fp32, GB), the training memory under
    ``convention`` (GB) and the activations' share of it (%), and the share at batch 1;
    the larger input's activation memory (GB), its activations over the seed's and its
    parameters (millions). The Memory Wall's printed AlexNet activation memory and batch,
    the seed's count at that batch (GB), their ratio, and the activations per image the
    printed value implies (:func:`implied_activations_per_sample`).
    """
    c = _convention(convention)
    batch = _positive_int(batch_size, "batch_size")
    acts, params = totals["activations"], totals["parameters"]
    train = training_memory_bytes(params, acts * batch, convention)
    batch1 = training_memory_bytes(params, acts, convention)
    mw = _row_where(training, "model", "AlexNet")
    mw_batch = int(mw["batch_size"])
    mw_gb = float(mw["activation_memory_gb_printed"])
    ours_at_mw = activation_bytes(acts, mw_batch) / BYTES_PER_GB
    return {
        "batch_size": batch,
        "alexnet_act_gb": activation_bytes(acts, batch) / BYTES_PER_GB,
        "alexnet_train_gb": train / BYTES_PER_GB,
        "alexnet_act_share": 100 * acts * batch * c.bytes_per_activation / train,
        "alexnet_act_share_b1": 100 * acts * c.bytes_per_activation / batch1,
        "larger_act_gb": activation_bytes(larger_totals["activations"], batch) / BYTES_PER_GB,
        "larger_over_227": larger_totals["activations"] / acts,
        "larger_params_m": larger_totals["parameters"] / 1e6,
        "mw_alexnet_act": mw_gb,
        "mw_alexnet_batch": mw_batch,
        "alexnet_act_gb_mw_batch": ours_at_mw,
        "mw_over_ours": mw_gb / ours_at_mw,
        "mw_implied_acts": implied_activations_per_sample(mw_gb, mw_batch),
    }


def transformer_numbers(
    check: pd.DataFrame, training: pd.DataFrame, nlp: pd.DataFrame, seq_len: int
) -> dict[str, float | int]:
    """Numbers of the chapter's transformer activation section.

    ``check`` is :func:`transformer_activation_check` of ``training`` and ``nlp`` with
    ``seq_len`` among BERT Large's extra sequence lengths. The shapes of BERT Large and
    GPT-2 (:data:`TRANSFORMER_SHAPES`); BERT Large at the breakdown's printed input size
    and at ``seq_len``: GB (16-bit), GiB, GB in 32-bit, attention share (%), the printed
    value and printed over computed, and the ratio of the two lengths and of their
    memories; GPT-2 at the NLP table's token size and at the printed input size.
    """
    key = check.set_index(["model", "seq_len"])
    bert_seq = int(_row_where(training, "model", "BERT Large")["input_size"])
    gpt2_printed = int(_row_where(training, "model", "GPT-2")["input_size"])
    tokens = nlp.assign(_rank=_reading_rank(nlp)).sort_values("_rank", kind="stable")
    gpt2_tokens = int(_row_where(tokens, "model", "GPT-2")["token_size"])
    seq = _positive_int(seq_len, "seq_len")
    bert = key.loc[("BERT Large", bert_seq)]
    chosen = key.loc[("BERT Large", seq)]
    gpt2 = key.loc[("GPT-2", gpt2_tokens)]
    gpt2_at_printed = key.loc[("GPT-2", gpt2_printed)]
    out: dict[str, float | int] = {}
    for model, prefix in (("BERT Large", "bert"), ("GPT-2", "gpt2")):
        for field in ("layers", "hidden", "heads"):
            out[f"{prefix}_{field}"] = int(TRANSFORMER_SHAPES[model][field])
    out.update(
        {
            "bert_seq": bert_seq,
            "bert_batch": int(bert["batch_size"]),
            "bert_seq_gb": float(bert["gb"]),
            "bert_seq_gib": float(bert["gib"]),
            "bert_seq_fp32": float(bert["gb_fp32"]),
            "bert_seq_attention": 100 * float(bert["attention_share"]),
            "bert_printed": float(bert["printed_gb"]),
            "bert_printed_over": float(bert["printed_over_computed"]),
            "seq_len": seq,
            "bert_chosen_gb": float(chosen["gb"]),
            "bert_chosen_attention": 100 * float(chosen["attention_share"]),
            "bert_seq_ratio": bert_seq / seq,
            "bert_seq_over_chosen": float(bert["gb"]) / float(chosen["gb"]),
            "gpt2_tokens_gb": float(gpt2["gb"]),
            "gpt2_printed_seq_gb": float(gpt2_at_printed["gb"]),
            "gpt2_act_printed": float(gpt2["printed_gb"]),
            "gpt2_printed_over": float(gpt2["printed_over_computed"]),
        }
    )
    return out
