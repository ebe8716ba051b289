"""Schemas of the references the book adds to its sources.

data/energy_references.csv: the energy and population references inference energy is
compared with, each with its basis, year and source. data/ngc_benchmark_flops.csv: the
FLOPs of one item of each NVIDIA NGC benchmark, to turn the throughputs of the paper's
Table 3 into achieved TFLOPS.
"""

from __future__ import annotations

from dltrends.schemas.base import OPT, Col, S, Schema, num

ENERGY_REFERENCES = Schema(
    {
        "quantity_id": Col(S),
        "quantity": Col(S),
        "value": num(0, 1e12),
        "unit": Col(S),
        "year": num(1990, 2026, exclusive=False, kind="int", required=False),
        "basis": Col(
            "category",
            allowed=("electricity", "primary energy", "food energy", "population", "conversion"),
        ),
        "source": Col(S),
        "checked": Col("category", allowed=("yes", "no")),
        "checked_in": Col(S, **OPT),
        "notes": Col(S, **OPT),
    },
    key=("quantity_id",),
    description="energy and population references, with their basis and year",
)

NGC_BENCHMARK_FLOPS = Schema(
    {
        "model": Col(S),
        "framework": Col(S, **OPT),
        "item": Col("category", allowed=("image", "sequence", "token")),
        "input": Col(S),
        "gmacs_per_item": num(0.001, 1e4, required=False),
        "gflops_per_item": num(0.001, 1e4),
        "derivation": Col(S),
        "source": Col(S),
        "checked": Col("category", allowed=("yes", "no")),
        "checked_in": Col(S, **OPT),
        "notes": Col(S, **OPT),
    },
    key=("model", "framework"),
    description="FLOPs of one inference item of each NGC benchmark of Table 3",
)

DATA: dict[str, Schema] = {"energy_references": ENERGY_REFERENCES, "ngc_benchmark_flops": NGC_BENCHMARK_FLOPS}
