"""Schemas of the 2021-2026 data: accelerators and their specifications, models since 2021.

* ``accelerators``: AI accelerators launched from mid-2021 (one row each: vendor, kind,
  launch date and its source);
* ``accelerator_specs``: their specifications in long form, one row per accelerator and
  quantity (dense peaks per precision, TDP, memory, bandwidth), each with its source. The
  loader checks one range for every value; the plausible band of each quantity, in its
  unit, is :data:`dltrends.accelerators.QUANTITIES` (checked by the tests);
* ``imagenet_models_since_2021``: ImageNet-1k classifiers first published after
  2021-06-30, GFLOPs in the paper's convention (1 multiply-add = 2 FLOPs);
* ``language_models_since_2018``: language models with total and active parameters.

Curation notes: notes/curation_accelerators.md and notes/curation_models_since_2021.md.
Units and meanings of the columns are in data/curation/columns_since_2021.csv.
"""

from __future__ import annotations

from dltrends.schemas.base import INT, OPT, Col, D, F, S, Schema, num

VENDORS = ("NVIDIA", "AMD", "Google", "Intel", "AWS", "Microsoft", "Meta")

#: The quantities of data/accelerator_specs.csv (units in data/curation/columns_since_2021.csv
#: and :data:`dltrends.accelerators.QUANTITIES`).
QUANTITY_NAMES = (
    "fp32_tflops",
    "tf32_tflops",
    "fp16_bf16_tflops",
    "fp8_tflops",
    "int8_tops",
    "fp4_tflops",
    "tdp_watts",
    "memory_gb",
    "memory_bandwidth_gbs",
)

YES_NO = ("yes", "no")

ACCELERATORS = Schema(
    {
        "accelerator": Col(S),
        "vendor": Col("category", allowed=VENDORS),
        "kind": Col("category", allowed=("server", "desktop", "edge")),
        "launch_date": Col(D),
        "launch_date_source": Col(S),
        "notes": Col(S, **OPT),
    },
    key=("accelerator",),
    description="AI accelerators launched from mid-2021",
)

ACCELERATOR_SPECS = Schema(
    {
        "accelerator": Col(S),
        "quantity": Col("category", allowed=QUANTITY_NAMES),
        # The widest band of any quantity (FP4 TFLOPS); each quantity's own band is
        # dltrends.accelerators.QUANTITIES.
        "value": num(0, 40_000),
        "source": Col(S),
        "checked": Col("category", allowed=YES_NO),
        "checked_in": Col(S, **OPT),
        "notes": Col(S, **OPT),
    },
    key=("accelerator", "quantity"),
    description="Specifications of the accelerators launched from mid-2021 (long form)",
)

IMAGENET_MODELS_SINCE_2021 = Schema(
    {
        "model": Col(S),
        "paper_reference": Col(S),
        "release_date": Col(D),
        "release_date_source": Col(S),
        "top1_accuracy": Col(F, min=60.0, max=100.0),
        "top1_accuracy_source": Col(S),
        "top1_evaluation": Col("category", allowed=("fine-tuned", "zero-shot", "linear probe")),
        "weights_origin": Col("category", allowed=("authors", "timm")),
        "params_millions": num(0.1, 1e5),
        "params_millions_source": Col(S),
        "gflops": num(0.01, 1e5, required=False),
        "gflops_as_printed": num(0.005, 1e5, required=False),
        "gflops_convention_printed": Col("category", required=False, allowed=("MACs", "FLOPs")),
        "gflops_source": Col(S, **OPT),
        "resolution_px": num(32, 2048, kind=INT, required=False),
        "extra_data": Col(S),
        "architecture": Col("category", allowed=("CNN", "Transformer", "Hybrid")),
        "checked": Col("category", allowed=YES_NO),
        "notes": Col(S, **OPT),
    },
    key=("model",),
    description="ImageNet-1k classifiers first published after 2021-06-30",
)

LANGUAGE_MODELS_SINCE_2018 = Schema(
    {
        "model": Col(S),
        "organization": Col(S),
        "release_date": Col(D),
        "release_date_source": Col(S),
        "total_params_billions": num(0.01, 1e5),
        "active_params_billions": num(0.01, 1e5, required=False),
        "params_source": Col(S),
        "architecture": Col("category", allowed=("dense", "mixture-of-experts")),
        "open_weights": Col("category", allowed=YES_NO),
        "checked": Col("category", allowed=YES_NO),
        "notes": Col(S, **OPT),
    },
    key=("model",),
    description="Language models 2018-2026: total and active parameters",
)

DATA: dict[str, Schema] = {
    "accelerators": ACCELERATORS,
    "accelerator_specs": ACCELERATOR_SPECS,
    "imagenet_models_since_2021": IMAGENET_MODELS_SINCE_2021,
    "language_models_since_2018": LANGUAGE_MODELS_SINCE_2018,
}

__all__ = ["DATA", "QUANTITY_NAMES", "VENDORS"]
