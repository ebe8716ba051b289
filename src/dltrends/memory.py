"""Training and inference memory in bytes, under named and documented conventions.

Every function returns **bytes**; convert with :func:`dltrends.units.bytes_to_gb` (10^9) or
:func:`dltrends.units.bytes_to_gib` (2^30). Parameter and activation arguments are counts
(elements), never millions.

Conventions (:data:`CONVENTIONS`, tabulated by :func:`conventions_table`) say how many bytes
one parameter costs during training (weights, gradients, optimizer state) and how many one
stored activation costs:

* ``seed003_mixed_adam`` (20 B/param, 4 B/activation): seed 003's minimum-memory rule:
  fp16 weights 2 + fp16 gradients 2 + fp32 copies of weights 4, gradients 4, Adam momentum 4
  and variance 4. That ZeRO-Infinity (Rajbhandari et al. 2021) counts the same 20 bytes is
  unverified (no copy of its text was checked).
* ``zero_mixed_adam`` (16 B/param): ZeRO (Rajbhandari et al. 2020, Sec. 3.1): 2 + 2 + K with
  K = 12 (fp32 weights, momentum, variance); no fp32 gradient copy.
* ``fp32_adam`` (16), ``fp32_sgd_momentum`` (12), ``fp32_sgd`` (8): plain fp32 training with
  weights and gradients and the optimizer's buffers.
* ``memory_wall_adam`` (12) and ``memory_wall_sgd_momentum`` (8): what the AI and Memory Wall
  "Memory Breakdown" table implies (Gholami et al. 2024): fp32 parameters plus 2 (Adam) or 1
  (SGD with momentum) fp32 optimizer buffers, **no gradient term**.

Seed 003's worked example (AlexNet, mixed-precision Adam) is laid out line by line by
:func:`seed003_breakdown`; its printed numbers are data
(``data/paper_reported/seed003_memory_rule.csv``) and are compared with the recomputed lines
in :mod:`dltrends.compare.seed003`. The Memory Wall's "Memory Breakdown" is recomputed from
parameter counts and compared in
:mod:`dltrends.compare.memory_wall`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Real

import pandas as pd

from dltrends.checks import InputError, finite_result
from dltrends.data import LazyTable

from . import checks

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


def _load_conventions() -> dict[str, Convention]:
    """The training setups of data/curation/memory_conventions.csv and
    memory_convention_parts.csv, by name.
    """
    from dltrends import data

    setups = data.load_curated("memory_conventions")
    parts = data.load_curated("memory_convention_parts").sort_values(["convention", "position"])
    unknown = set(parts["convention"]) - set(setups["convention"])
    if unknown:
        raise InputError(
            f"data/curation/memory_convention_parts.csv: unknown convention(s) {sorted(unknown)}"
        )
    table = {}
    for row in setups.itertuples(index=False):
        mine = parts[parts["convention"] == row.convention]
        if mine.empty:
            raise InputError(f"memory_convention_parts.csv: no parts for {row.convention!r}")
        per_param = tuple(
            (str(c), float(b)) for c, b in zip(mine["component"], mine["bytes_per_parameter"], strict=True)
        )
        table[row.convention] = Convention(
            row.convention, per_param, float(row.bytes_per_activation), row.assumes, row.source
        )
    return table


#: The training setups by name (data/curation/memory_conventions.csv), in file order.
CONVENTIONS: Mapping[str, Convention] = LazyTable(_load_conventions)

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


def transformer_activation_bytes(seq_len: int, batch: int, hidden: int, heads: int, layers: int) -> int:
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

#: The six parameter lines of seed 003's calculation: (item, bytes per parameter).
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
    seed prints one that is not its count x 4 bytes; see :mod:`dltrends.compare.seed003`).
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


# --------------------------------------------------------------------------- rule of thumb


@finite_result
def rule_of_thumb_bytes(params: float, activations: float = 0) -> float:
    """Seed 003's rule of thumb: params x 20 bytes + activations x 4 bytes (+ alpha).

    Decimal units throughout; the seed's own examples are recomputed in
    :func:`dltrends.compare.seed003.rule_examples`.

    >>> rule_of_thumb_bytes(61e6)
    1220000000.0
    """
    return training_memory_bytes(params, activations, "seed003_mixed_adam")


# --------------------------------------------------------------------------- setups


@finite_result
def setup_memory_bytes(params: float, setup: str) -> float:
    """Memory in bytes of ``params`` parameters under a setup (no activations).

    ``setup`` is a convention name (training: weights, gradients and optimizer state) or
    ``inference_<precision>`` (the weights only, :data:`BYTES_PER_PRECISION`).

    >>> setup_memory_bytes(1e9, "seed003_mixed_adam")
    20000000000.0
    >>> setup_memory_bytes(1e9, "inference_int8")
    1000000000.0
    """
    if isinstance(setup, str) and setup.startswith("inference_"):
        return inference_memory_bytes(params, setup.removeprefix("inference_"))
    return training_memory_bytes(params, 0, setup)


@finite_result
def implied_activations_per_sample(
    activation_memory: float, batch_size: int, bytes_per_activation: float = 4, unit_bytes: float = 1e9
) -> float:
    """Activations per sample that a printed activation memory implies.

    ``activation_memory`` in units of ``unit_bytes`` (1e9 for GB, 2**30 for GiB), divided
    by ``batch_size`` x ``bytes_per_activation``. E.g. 0.71 GB at batch 128 and 4 bytes:
    1,386,719 activations per sample; 0.71 GiB: 1,488,978.

    >>> round(implied_activations_per_sample(0.71, 128))
    1386719
    >>> round(implied_activations_per_sample(0.71, 128, unit_bytes=2**30))
    1488978
    """
    memory = _count(activation_memory, "activation_memory")
    batch = _positive_int(batch_size, "batch_size")
    size = _count(bytes_per_activation, "bytes_per_activation")
    unit = _count(unit_bytes, "unit_bytes")
    if size == 0 or unit == 0:
        raise InputError("bytes_per_activation and unit_bytes must be > 0")
    return memory * unit / (batch * size)
