"""Layer-by-layer shapes, parameters and multiply-accumulates of CNNs.

A network is a sequence of small frozen layer specs (:class:`Input`, :class:`Conv`,
:class:`BatchNorm`, :class:`MaxPool`, :class:`AvgPool`, :class:`AdaptiveAvgPool`,
:class:`FC` and :class:`Residual` for skip connections). :func:`layer_table` walks the
sequence and returns one row per layer with its output shape, its activations (output
elements per sample), weights, biases, parameters, MACs and FLOPs.

Conventions (the same as torchvision's model documentation and fvcore):

* Output size of a convolution or pooling window: ``floor((in + 2p - k) / s) + 1``.
* **MACs** count the multiply-accumulates of convolutions and fully connected layers
  only: ``out_h * out_w * out_c * k * k * in_c / groups`` and ``in_features *
  out_features``. Bias additions, batch norm, pooling, ReLU and residual additions count
  0 MACs.
* **FLOPs** = 2 x MACs, converted by :func:`dltrends.units.macs_to_flops` (the convention of
  Desislavov et al. 2023 and NVIDIA).
* **Parameters** are trainable tensors only: convolution/FC weights and biases, and batch
  norm's scale and shift (2 x C, as ``torchvision`` counts them). Batch-norm running mean
  and variance are buffers, not parameters.
* **Activations** of a row are the elements of that layer's output for one sample. The
  input row holds the input image, as in seed 003's AlexNet table, whose activation total
  (936,323) counts it. In-place layers (ReLU, dropout) and AlexNet's local response
  normalisation add no parameters and are not rows, as in seed 003.

Sources: seed 003 ("Ch1. Model memory requirement", AlexNet layer table, transcribed in
``data/alexnet_layers.csv``); torchvision's model definitions and documented parameter
counts and GFLOPS (AlexNet 61,100,840 / 0.71; VGG-16 138,357,544 / 15.47; ResNet-50
25,557,032 / 4.09, where torchvision's "GFLOPS" are GMACs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Integral

import pandas as pd

from dltrends.checks import InputError

from .units import macs_to_flops

#: Columns of :func:`layer_table`, in order.
TABLE_COLUMNS: tuple[str, ...] = (
    "name",
    "layer_type",
    "output_height",
    "output_width",
    "output_channels",
    "kernel_size",
    "stride",
    "padding",
    "activations",
    "weights",
    "biases",
    "parameters",
    "macs",
    "flops",
)

_OPTIONAL_INT_COLUMNS = ("kernel_size", "stride", "padding")


def _check_int(value: object, name: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise InputError(f"{name} must be an integer, got {type(value).__name__}: {value!r}")
    if value < minimum:
        raise InputError(f"{name} must be >= {minimum}, got {value!r}")
    return int(value)


def _check_name(name: object) -> None:
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise InputError(f"name must be a non-empty string or None, got {name!r}")


# --------------------------------------------------------------------------- layer specs


@dataclass(frozen=True)
class Input:
    """The network input: one sample of ``height x width x channels`` elements."""

    height: int
    width: int
    channels: int
    name: str | None = None

    def __post_init__(self) -> None:
        """Validate the sizes (positive integers)."""
        for field_name in ("height", "width", "channels"):
            _check_int(getattr(self, field_name), f"Input.{field_name}")
        _check_name(self.name)


@dataclass(frozen=True)
class Conv:
    """2-D convolution with a square ``kernel``, ``stride``, zero ``padding`` and ``groups``."""

    out_channels: int
    kernel: int
    stride: int = 1
    padding: int = 0
    groups: int = 1
    bias: bool = True
    name: str | None = None

    def __post_init__(self) -> None:
        """Validate the hyper-parameters."""
        _check_int(self.out_channels, "Conv.out_channels")
        _check_int(self.kernel, "Conv.kernel")
        _check_int(self.stride, "Conv.stride")
        _check_int(self.padding, "Conv.padding", minimum=0)
        _check_int(self.groups, "Conv.groups")
        if not isinstance(self.bias, bool):
            raise InputError(f"Conv.bias must be True or False, got {self.bias!r}")
        if self.out_channels % self.groups:
            raise InputError(
                f"Conv.out_channels ({self.out_channels}) must be divisible by groups ({self.groups})"
            )
        _check_name(self.name)


@dataclass(frozen=True)
class BatchNorm:
    """Batch normalisation over channels: 2 x C parameters (scale and shift), 0 MACs."""

    name: str | None = None

    def __post_init__(self) -> None:
        """Validate the name."""
        _check_name(self.name)


@dataclass(frozen=True)
class _Pool:
    kernel: int
    stride: int | None = None
    padding: int = 0
    name: str | None = None

    def __post_init__(self) -> None:
        kind = type(self).__name__
        _check_int(self.kernel, f"{kind}.kernel")
        if self.stride is not None:
            _check_int(self.stride, f"{kind}.stride")
        _check_int(self.padding, f"{kind}.padding", minimum=0)
        if 2 * self.padding > self.kernel:
            # PyTorch: "pad should be at most half of effective kernel size".
            raise InputError(
                f"{kind}.padding ({self.padding}) must be at most half the kernel ({self.kernel})"
            )
        _check_name(self.name)

    @property
    def effective_stride(self) -> int:
        """The stride, which defaults to the kernel size (as in PyTorch)."""
        return self.kernel if self.stride is None else self.stride


@dataclass(frozen=True)
class MaxPool(_Pool):
    """Max pooling with a square window; ``stride`` defaults to ``kernel``."""


@dataclass(frozen=True)
class AvgPool(_Pool):
    """Average pooling with a square window; ``stride`` defaults to ``kernel``."""


@dataclass(frozen=True)
class AdaptiveAvgPool:
    """Average pooling to a fixed ``output_size x output_size`` grid (channels unchanged)."""

    output_size: int
    name: str | None = None

    def __post_init__(self) -> None:
        """Validate the output size."""
        _check_int(self.output_size, "AdaptiveAvgPool.output_size")
        _check_name(self.name)


@dataclass(frozen=True)
class FC:
    """Fully connected layer; its input is flattened (``in = height x width x channels``)."""

    out_features: int
    bias: bool = True
    name: str | None = None

    def __post_init__(self) -> None:
        """Validate the width."""
        _check_int(self.out_features, "FC.out_features")
        if not isinstance(self.bias, bool):
            raise InputError(f"FC.bias must be True or False, got {self.bias!r}")
        _check_name(self.name)


@dataclass(frozen=True)
class Residual:
    """A residual block: ``body(x) + shortcut(x)``; an empty shortcut is the identity.

    The rows of the body come first, then those of the shortcut, then one ``add`` row (the
    element-wise sum, 0 MACs, 0 parameters). Sub-layers are named ``<block>.<sub-name>``.
    """

    body: tuple[object, ...]
    shortcut: tuple[object, ...] = ()
    name: str | None = None

    def __post_init__(self) -> None:
        """Validate that the branches are tuples of layer specs (no Input inside)."""
        for branch_name in ("body", "shortcut"):
            branch = getattr(self, branch_name)
            if not isinstance(branch, tuple):
                raise InputError(f"Residual.{branch_name} must be a tuple of layer specs")
            for spec in branch:
                if not isinstance(spec, _LAYER_TYPES) or isinstance(spec, Input):
                    raise InputError(f"Residual.{branch_name} holds {spec!r}, which is not a layer spec")
        if not self.body:
            raise InputError("Residual.body must hold at least one layer")
        _check_name(self.name)


Layer = Input | Conv | BatchNorm | MaxPool | AvgPool | AdaptiveAvgPool | FC | Residual
_LAYER_TYPES = (Input, Conv, BatchNorm, MaxPool, AvgPool, AdaptiveAvgPool, FC, Residual)

_TYPE_LABEL = {
    Input: "input",
    Conv: "conv",
    BatchNorm: "batchnorm",
    MaxPool: "maxpool",
    AvgPool: "avgpool",
    AdaptiveAvgPool: "adaptiveavgpool",
    FC: "fc",
}
_DEFAULT_PREFIX = {
    Conv: "Conv",
    BatchNorm: "BatchNorm",
    MaxPool: "MaxPool",
    AvgPool: "AvgPool",
    AdaptiveAvgPool: "AdaptiveAvgPool",
    FC: "FC",
    Residual: "Residual",
}


# --------------------------------------------------------------------------- shape maths


def conv_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0) -> int:
    """Output length of a convolution or pooling window: ``floor((size + 2p - k) / s) + 1``.

    ``size``, ``kernel``, ``stride`` and ``padding`` are element counts along one spatial
    axis. Raises ValueError when the kernel is larger than the padded input.

    >>> conv_output_size(227, 11, 4)
    55
    >>> conv_output_size(224, 11, 4, 2)
    55
    """
    size = _check_int(size, "size")
    kernel = _check_int(kernel, "kernel")
    stride = _check_int(stride, "stride")
    padding = _check_int(padding, "padding", minimum=0)
    padded = size + 2 * padding
    if kernel > padded:
        raise InputError(f"kernel {kernel} is larger than the padded input {size} + 2 x {padding} = {padded}")
    return (padded - kernel) // stride + 1


@dataclass(frozen=True)
class _Shape:
    height: int
    width: int
    channels: int

    @property
    def elements(self) -> int:
        return self.height * self.width * self.channels


def _row(name: str, layer_type: str, shape: _Shape, **values: int | None) -> dict[str, object]:
    weights = int(values.pop("weights", 0) or 0)
    biases = int(values.pop("biases", 0) or 0)
    macs = int(values.pop("macs", 0) or 0)
    return {
        "name": name,
        "layer_type": layer_type,
        "output_height": shape.height,
        "output_width": shape.width,
        "output_channels": shape.channels,
        "kernel_size": values.get("kernel_size"),
        "stride": values.get("stride"),
        "padding": values.get("padding"),
        "activations": shape.elements,
        "weights": weights,
        "biases": biases,
        "parameters": weights + biases,
        "macs": macs,
        "flops": int(macs_to_flops(macs)),
    }


def _apply(spec: Layer, shape: _Shape, name: str) -> tuple[list[dict[str, object]], _Shape]:
    """Rows produced by one spec on an input of ``shape``, and the output shape."""
    label = _TYPE_LABEL.get(type(spec))
    where = f"layer {name!r}"
    if isinstance(spec, Conv):
        if shape.channels % spec.groups:
            raise InputError(
                f"{where}: input channels ({shape.channels}) not divisible by groups ({spec.groups})"
            )
        try:
            height = conv_output_size(shape.height, spec.kernel, spec.stride, spec.padding)
            width = conv_output_size(shape.width, spec.kernel, spec.stride, spec.padding)
        except ValueError as error:
            raise InputError(f"{where}: {error}") from None
        out = _Shape(height, width, spec.out_channels)
        per_output = spec.kernel * spec.kernel * (shape.channels // spec.groups)
        row = _row(
            name,
            "conv",
            out,
            kernel_size=spec.kernel,
            stride=spec.stride,
            padding=spec.padding,
            weights=spec.out_channels * per_output,
            biases=spec.out_channels if spec.bias else 0,
            macs=out.elements * per_output,
        )
        return [row], out
    if isinstance(spec, _Pool):
        stride = spec.effective_stride
        try:
            height = conv_output_size(shape.height, spec.kernel, stride, spec.padding)
            width = conv_output_size(shape.width, spec.kernel, stride, spec.padding)
        except ValueError as error:
            raise InputError(f"{where}: {error}") from None
        out = _Shape(height, width, shape.channels)
        row = _row(name, label, out, kernel_size=spec.kernel, stride=stride, padding=spec.padding)
        return [row], out
    if isinstance(spec, AdaptiveAvgPool):
        out = _Shape(spec.output_size, spec.output_size, shape.channels)
        return [_row(name, label, out)], out
    if isinstance(spec, BatchNorm):
        return [_row(name, label, shape, weights=shape.channels, biases=shape.channels)], shape
    if isinstance(spec, FC):
        in_features = shape.elements
        out = _Shape(1, 1, spec.out_features)
        row = _row(
            name,
            "fc",
            out,
            weights=in_features * spec.out_features,
            biases=spec.out_features if spec.bias else 0,
            macs=in_features * spec.out_features,
        )
        return [row], out
    if isinstance(spec, Residual):
        rows: list[dict[str, object]] = []
        body_rows, body_shape = _walk(spec.body, shape, prefix=f"{name}.")
        short_rows, short_shape = _walk(spec.shortcut, shape, prefix=f"{name}.")
        if body_shape != short_shape:
            raise InputError(
                f"{where}: body output {body_shape.height}x{body_shape.width}x"
                f"{body_shape.channels} does not match shortcut output {short_shape.height}x"
                f"{short_shape.width}x{short_shape.channels}"
            )
        rows.extend(body_rows)
        rows.extend(short_rows)
        rows.append(_row(f"{name}.add", "add", body_shape))
        return rows, body_shape
    if isinstance(spec, Input):
        raise InputError(f"{where}: Input may only be the first layer")
    raise InputError(f"{where}: {spec!r} is not a layer spec")


def _walk(specs: Sequence[Layer], shape: _Shape, prefix: str = "") -> tuple[list[dict[str, object]], _Shape]:
    counters: dict[type, int] = {}
    rows: list[dict[str, object]] = []
    for spec in specs:
        kind = Residual if isinstance(spec, Residual) else type(spec)
        counters[kind] = counters.get(kind, 0) + 1
        default = f"{_DEFAULT_PREFIX.get(kind, kind.__name__)}-{counters[kind]}"
        name = prefix + (spec.name or default)
        new_rows, shape = _apply(spec, shape, name)
        rows.extend(new_rows)
    return rows, shape


def layer_table(layers: Sequence[Layer]) -> pd.DataFrame:
    """One row per layer: output shape, activations, weights, biases, parameters, MACs, FLOPs.

    ``layers`` starts with one :class:`Input`. Columns (see :data:`TABLE_COLUMNS`):
    ``name``, ``layer_type``, ``output_height``, ``output_width``, ``output_channels``,
    ``kernel_size``/``stride``/``padding`` (empty where not a window), ``activations``
    (output elements per sample), ``weights``, ``biases``, ``parameters`` (counts),
    ``macs`` (multiply-accumulates per sample) and ``flops`` (2 x MACs via
    :func:`dltrends.units.macs_to_flops`). Residual blocks expand into their sub-layers and
    an ``add`` row. Raises ValueError on an empty sequence, a missing or repeated Input, a
    kernel larger than its (padded) input, channels not divisible by groups, or residual
    branches whose shapes differ.
    """
    if isinstance(layers, (str, bytes)) or not isinstance(layers, Sequence):
        raise InputError(f"layers must be a sequence of layer specs, got {type(layers).__name__}")
    if not layers:
        raise InputError("layers is empty: it must start with an Input")
    first = layers[0]
    if not isinstance(first, Input):
        raise InputError(f"the first layer must be an Input, got {first!r}")
    for spec in layers[1:]:
        if not isinstance(spec, _LAYER_TYPES):
            raise InputError(f"{spec!r} is not a layer spec")
    shape = _Shape(first.height, first.width, first.channels)
    rows = [_row(first.name or "Input", "input", shape)]
    more, _ = _walk(layers[1:], shape)
    rows.extend(more)
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    for column in _OPTIONAL_INT_COLUMNS:
        table[column] = table[column].astype("Int64")
    for column in TABLE_COLUMNS[2:]:
        if column not in _OPTIONAL_INT_COLUMNS:
            table[column] = table[column].astype("int64")
    return table


def model_totals(layers: Sequence[Layer]) -> dict[str, int]:
    """Totals of :func:`layer_table`: parameters, activations, MACs and FLOPs per sample.

    Keys: ``parameters``, ``weights``, ``biases``, ``activations`` (all rows, input
    included, as seed 003 sums them), ``activations_excluding_input``, ``macs`` and
    ``flops`` (= 2 x ``macs``).
    """
    table = layer_table(layers)
    activations = int(table["activations"].sum())
    input_activations = int(table.loc[table["layer_type"] == "input", "activations"].sum())
    return {
        "parameters": int(table["parameters"].sum()),
        "weights": int(table["weights"].sum()),
        "biases": int(table["biases"].sum()),
        "activations": activations,
        "activations_excluding_input": activations - input_activations,
        "macs": int(table["macs"].sum()),
        "flops": int(table["flops"].sum()),
    }


# --------------------------------------------------------------------------- named models


def alexnet_seed003(grouped: bool = False) -> tuple[Layer, ...]:
    """AlexNet as seed 003 tabulates it (``data/alexnet_layers.csv``).

    227 x 227 x 3 input; Conv 96 k11 s4 p0; MaxPool k3 s2; Conv 256 k5 p2; MaxPool k3 s2;
    Conv 384, 384, 256 k3 p1; MaxPool k3 s2; FC 4096, 4096, 1000. Totals: 62,378,344
    parameters and 936,323 activations with the input image (seed 003, Total row).

    The seed counts Conv-2, Conv-4 and Conv-5 without AlexNet's two-GPU grouping (614,400,
    1,327,104 and 884,736 weights rather than 307,200, 663,552 and 442,368). With
    ``grouped=True`` the three layers have ``groups=2``, as Krizhevsky et al. (2012, Sec.
    3.5) describe them (kernels of 5 x 5 x 48, 3 x 3 x 192 and 3 x 3 x 192); Conv-3 and the
    fully connected layers see both halves either way. The grouped count is the "61M
    parameters" the seed quotes for its rule of thumb.

    >>> model_totals(alexnet_seed003(grouped=True))["parameters"]
    60965224
    """
    if not isinstance(grouped, bool):
        raise InputError(f"grouped must be True or False, got {grouped!r}")
    groups = 2 if grouped else 1
    return (
        Input(227, 227, 3, name="Input image"),
        Conv(96, kernel=11, stride=4, padding=0, name="Conv-1"),
        MaxPool(3, stride=2, name="MaxPool-1"),
        Conv(256, kernel=5, stride=1, padding=2, groups=groups, name="Conv-2"),
        MaxPool(3, stride=2, name="MaxPool-2"),
        Conv(384, kernel=3, stride=1, padding=1, name="Conv-3"),
        Conv(384, kernel=3, stride=1, padding=1, groups=groups, name="Conv-4"),
        Conv(256, kernel=3, stride=1, padding=1, groups=groups, name="Conv-5"),
        MaxPool(3, stride=2, name="MaxPool-3"),
        FC(4096, name="FC-1"),
        FC(4096, name="FC-2"),
        FC(1000, name="FC-3"),
    )


def alexnet_torchvision() -> tuple[Layer, ...]:
    """AlexNet as ``torchvision.models.alexnet`` defines it (the "one weird trick" variant).

    224 x 224 x 3 input; Conv 64 k11 s4 p2; MaxPool k3 s2; Conv 192 k5 p2; MaxPool k3 s2;
    Conv 384, 256, 256 k3 p1; MaxPool k3 s2; AdaptiveAvgPool 6x6; FC 9216 -> 4096 -> 4096
    -> 1000. 61,100,840 parameters and 714,188,480 MACs = 0.714 GMACs = 1.43 GFLOPs.

    Link to Desislavov et al. (2023): their Table 2 prints **1.42 GFLOPs** for AlexNet.
    torchvision documents AlexNet at 0.71 "GFLOPS", which are multiply-accumulates
    (GMACs); the paper counts 2 FLOPs per MAC, so 2 x 0.71 = 1.42. Doubling the unrounded
    0.714 GMACs gives 1.43 GFLOPs; the 0.01 difference is rounding before doubling.
    """
    return (
        Input(224, 224, 3),
        Conv(64, kernel=11, stride=4, padding=2),
        MaxPool(3, stride=2),
        Conv(192, kernel=5, padding=2),
        MaxPool(3, stride=2),
        Conv(384, kernel=3, padding=1),
        Conv(256, kernel=3, padding=1),
        Conv(256, kernel=3, padding=1),
        MaxPool(3, stride=2),
        AdaptiveAvgPool(6),
        FC(4096),
        FC(4096),
        FC(1000),
    )


def vgg16() -> tuple[Layer, ...]:
    """VGG-16 (configuration D) as ``torchvision.models.vgg16`` defines it, 224 x 224 input.

    Thirteen 3x3 convolutions (padding 1, with bias) in five stages of 64, 128, 256, 512,
    512 channels, each followed by MaxPool k2 s2; AdaptiveAvgPool 7x7; FC 25088 -> 4096 ->
    4096 -> 1000. 138,357,544 parameters and about 15.5 GMACs (torchvision: 15.47 GFLOPS,
    i.e. GMACs).
    """
    stages = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))
    specs: list[Layer] = [Input(224, 224, 3)]
    for channels, repeats in stages:
        specs.extend(Conv(channels, kernel=3, padding=1) for _ in range(repeats))
        specs.append(MaxPool(2, stride=2))
    specs.extend([AdaptiveAvgPool(7), FC(4096), FC(4096), FC(1000)])
    return tuple(specs)


def bottleneck(
    mid_channels: int,
    stride: int = 1,
    downsample: bool = False,
    expansion: int = 4,
    name: str | None = None,
) -> Residual:
    """Build a ResNet v1.5 bottleneck block (torchvision): 1x1, 3x3 (strided), 1x1 convs.

    Body: Conv ``mid`` 1x1 - BN - Conv ``mid`` 3x3 stride ``stride`` p1 - BN - Conv
    ``mid x expansion`` 1x1 - BN, all convolutions without bias. With ``downsample`` the
    shortcut is Conv ``mid x expansion`` 1x1 stride ``stride`` - BN; otherwise the
    identity. v1.5 puts the stride in the 3x3 convolution (v1 put it in the first 1x1).
    """
    mid_channels = _check_int(mid_channels, "mid_channels")
    stride = _check_int(stride, "stride")
    expansion = _check_int(expansion, "expansion")
    if not isinstance(downsample, bool):
        raise InputError(f"downsample must be True or False, got {downsample!r}")
    out_channels = mid_channels * expansion
    body = (
        Conv(mid_channels, kernel=1, bias=False, name="conv1"),
        BatchNorm(name="bn1"),
        Conv(mid_channels, kernel=3, stride=stride, padding=1, bias=False, name="conv2"),
        BatchNorm(name="bn2"),
        Conv(out_channels, kernel=1, bias=False, name="conv3"),
        BatchNorm(name="bn3"),
    )
    shortcut: tuple[Layer, ...] = ()
    if downsample:
        shortcut = (
            Conv(out_channels, kernel=1, stride=stride, bias=False, name="downsample.0"),
            BatchNorm(name="downsample.1"),
        )
    return Residual(body, shortcut, name=name)


def resnet50() -> tuple[Layer, ...]:
    """ResNet-50 v1.5 as ``torchvision.models.resnet50`` defines it, 224 x 224 input.

    Stem: Conv 64 k7 s2 p3 (no bias) - BN - MaxPool k3 s2 p1. Four stages of 3, 4, 6, 3
    :func:`bottleneck` blocks with 64, 128, 256, 512 middle channels (x4 out); the first
    block of each stage has a projection shortcut and stages 2-4 stride 2 in the 3x3
    convolution. AdaptiveAvgPool 1x1; FC 2048 -> 1000. Batch-norm scale and shift are
    counted: 25,557,032 parameters and about 4.09 GMACs (torchvision: 4.09 GFLOPS, GMACs).
    """
    specs: list[Layer] = [
        Input(224, 224, 3),
        Conv(64, kernel=7, stride=2, padding=3, bias=False, name="conv1"),
        BatchNorm(name="bn1"),
        MaxPool(3, stride=2, padding=1, name="maxpool"),
    ]
    for stage, (mid, blocks) in enumerate(((64, 3), (128, 4), (256, 6), (512, 3)), start=1):
        for block in range(blocks):
            stride = 2 if (block == 0 and stage > 1) else 1
            specs.append(bottleneck(mid, stride=stride, downsample=block == 0, name=f"layer{stage}.{block}"))
    specs.extend([AdaptiveAvgPool(1, name="avgpool"), FC(1000, name="fc")])
    return tuple(specs)


# --------------------------------------------------------------------------- input size


def with_input_size(layers: Sequence[Layer], height: int, width: int | None = None) -> tuple[Layer, ...]:
    """The same network with another input size (channels and name kept).

    ``layers`` starts with an :class:`Input`; ``width`` defaults to ``height``. Layers whose
    output depends on the input size (convolutions, pooling, and the first FC layer, whose
    input features follow the last feature map) change in :func:`layer_table`; an
    :class:`AdaptiveAvgPool` keeps the FC layers as they are.

    >>> model_totals(with_input_size(alexnet_seed003(), 227))["parameters"]
    62378344
    """
    if isinstance(layers, (str, bytes)) or not isinstance(layers, Sequence) or not layers:
        raise InputError("layers must be a non-empty sequence of layer specs")
    first = layers[0]
    if not isinstance(first, Input):
        raise InputError(f"the first layer must be an Input, got {first!r}")
    height = _check_int(height, "height")
    width = height if width is None else _check_int(width, "width")
    return (Input(height, width, first.channels, name=first.name), *layers[1:])


#: Pairs (column of :func:`layer_table`, column of ``data/alexnet_layers.csv``) compared by
#: :func:`compare_with_printed`.
PRINTED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("output_height", "output_height"),
    ("output_width", "output_width"),
    ("output_channels", "output_channels"),
    ("kernel_size", "kernel_size"),
    ("stride", "stride"),
    ("padding", "padding"),
    ("activations", "activation_size"),
    ("weights", "kernels"),
    ("biases", "biases"),
    ("parameters", "parameters"),
)


def compare_with_printed(table: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Check a computed layer table cell by cell against a printed one (seed 003's AlexNet).

    ``table`` is :func:`layer_table` of :func:`alexnet_seed003`, ``printed`` is
    ``data.load("alexnet_layers")``; rows are matched by position and must carry the same
    layer names. For each pair of :data:`PRINTED_COLUMNS`, a printed cell matches when
    the computed value equals it; empty printed cells (the seed leaves max-pool padding
    unprinted and prints '-' for pooling biases, and kernel, stride and padding do not
    apply to the input and FC rows) are not compared and are listed in ``unprinted``.

    Columns: ``layer``, ``match`` ('yes' when every printed cell of the row matches),
    ``output_shape`` (computed, H x W x C), ``output_shape_printed``, ``activations``,
    ``activations_printed``, ``weights``, ``weights_printed``, ``biases``,
    ``biases_printed``, ``parameters``, ``parameters_printed``, ``cells_compared``,
    ``cells_matching`` and ``unprinted``.
    """
    if not isinstance(table, pd.DataFrame) or not isinstance(printed, pd.DataFrame):
        raise InputError("table and printed must be DataFrames")
    if len(table) != len(printed):
        raise InputError(f"{len(table)} computed rows but {len(printed)} printed rows")
    names = [str(n) for n in table["name"]]
    printed_names = [str(n) for n in printed["layer"]]
    if names != printed_names:
        raise InputError(f"layer names differ: {names} vs {printed_names}")
    rows = []
    for (_, mine), (_, theirs) in zip(table.iterrows(), printed.iterrows(), strict=True):
        compared = matching = 0
        unprinted = []
        for ours, column in PRINTED_COLUMNS:
            value = theirs[column]
            if pd.isna(value):
                unprinted.append(column)
                continue
            compared += 1
            matching += int(not pd.isna(mine[ours]) and int(mine[ours]) == int(value))

        def shape(row: pd.Series) -> str:
            return f"{int(row['output_height'])}x{int(row['output_width'])}x{int(row['output_channels'])}"

        def cell(value: object) -> object:
            return pd.NA if pd.isna(value) else int(value)

        rows.append(
            {
                "layer": str(mine["name"]),
                "output_shape": shape(mine),
                "output_shape_printed": shape(theirs),
                "activations": int(mine["activations"]),
                "activations_printed": cell(theirs["activation_size"]),
                "weights": int(mine["weights"]),
                "weights_printed": cell(theirs["kernels"]),
                "biases": int(mine["biases"]),
                "biases_printed": cell(theirs["biases"]),
                "parameters": int(mine["parameters"]),
                "parameters_printed": cell(theirs["parameters"]),
                "cells_compared": compared,
                "cells_matching": matching,
                "unprinted": ", ".join(unprinted),
                "match": "yes" if compared == matching else "no",
            }
        )
    out = pd.DataFrame(rows)
    out = out[["layer", "match", *[c for c in out.columns if c not in ("layer", "match")]]]
    for column in ("activations_printed", "weights_printed", "biases_printed", "parameters_printed"):
        out[column] = out[column].astype("Int64")
    return out
