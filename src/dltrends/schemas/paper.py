"""Schemas of the files transcribed from the three source documents (the first edition).

``DATA``: data/*.csv, the transcribed tables (Desislavov et al. Tables 2, 3, 7 and 8; the
AI and Memory Wall tables; seed 003's AlexNet table). ``REPORTED``:
data/paper_reported/*.csv, values the sources print that the book recomputes (references
only). Units and meanings of the columns are in data/curation/columns.csv, the sources of
the files in data/curation/files.csv.
"""

from __future__ import annotations

from dataclasses import replace

from dltrends.schemas.base import INT, OPT, Col, D, S, Schema, num, pct

CV_MODELS = Schema(
    {
        "model_id": Col(S),
        "model": Col(S),
        "paper_reference": Col(S),
        "top1_accuracy": pct(),
        "top1_accuracy_source": Col(S, **OPT),
        "params_millions": num(0.01, 1e5),
        "params_millions_source": Col(S, **OPT),
        "gflops": num(0.001, 1e5),
        "gflops_source": Col(S, **OPT),
        "extra_data": Col("category"),
        "release_date": Col(D),
        "architecture": Col("category", allowed=("CNN", "Transformer", "Hybrid")),
        "notes": Col(S, **OPT),
    },
    key=("model_id",),
    description="Desislavov et al. (2023), Table 2: ImageNet models",
)

NLP_MODELS = Schema(
    {
        "model_id": Col(S),
        "model": Col(S),
        "paper_reference": Col(S),
        "input_tokens": num(0, 1e6, kind=INT),
        "gflops": num(0.001, 1e8),
        "gflops_source": Col(S, **OPT),
        "params_millions": num(0.01, 1e7),
        "release_date": Col(D),
        "glue_score": pct(required=False),
        "glue_score_source": Col(S, **OPT),
        "notes": Col(S, **OPT),
    },
    key=("model_id",),
    description="Desislavov et al. (2023), Table 7: GLUE models",
)

GPUS = Schema(
    {
        "gpu": Col(S),
        "precision": Col("category", allowed=("FP32", "FP16", "FP16/FP32 Tensor")),
        "tflops": num(0.01, 1e4),
        "watts": num(1, 2000),
        "launch_date": Col(D),
        "gpu_type": Col("category", allowed=("Desktop", "Server")),
        "source": Col(S),
    },
    key=("gpu", "precision"),
    description="Desislavov et al. (2023), Table 8: NVIDIA GPUs",
)

NGC_INFERENCE_THROUGHPUT = Schema(
    {
        "task": Col("category", allowed=("CV", "NLP")),
        "model": Col(S),
        "framework": Col(S),
        "batch_size": num(0, 1e5, kind=INT),
        "gpu": Col(S),
        "precision": Col("category", allowed=("FP32", "Mixed", "TF32")),
        "throughput": num(0.01, 1e7),
        "source": Col(S),
    },
    key=("task", "model", "framework", "batch_size", "gpu", "precision"),
    description="Desislavov et al. (2023), Table 3: NVIDIA NGC inference throughput",
)

MEMORY_WALL_NLP = Schema(
    {
        "model": Col(S),
        "model_as_printed": Col(S),
        "source_document": Col("category", allowed=("000", "002", "000+002")),
        "release_date": Col(D),
        "token_size": num(0, 1e6, kind=INT, required=False),
        "params_millions": num(0.01, 1e8, required=False),
        "features_millions": num(0.001, 1e8, required=False),
        "inference_gflops": num(0.001, 1e8, required=False),
        "training_pflops": num(0.001, 1e12, required=False),
        "notes": Col(S, **OPT),
    },
    key=("model", "source_document"),
    description="AI and Memory Wall: NLP models",
)

MEMORY_WALL_CV = Schema(
    {
        "model": Col(S),
        "source_document": Col("category", allowed=("000", "002", "000+002")),
        "source_table": Col(S),
        "release_date": Col(D, **OPT),
        "input_resolution": Col(S),
        "params_millions": num(0.01, 1e5),
        "top1_accuracy": pct(required=False),
        "inference_gflops": num(0.001, 1e5, required=False),
        "training_pflops": num(0.001, 1e9, required=False),
        "notes": Col(S, **OPT),
    },
    key=("model", "source_table"),
    description="AI and Memory Wall: CV models (training PFLOPs table and accuracy table)",
)

MEMORY_WALL_TRAINING_MEMORY = Schema(
    {
        "model": Col(S),
        "source_document": Col("category", allowed=("000", "002", "000+002")),
        "year": num(2009, 2026, exclusive=False, kind=INT),
        "input_size": Col(S),
        "batch_size": num(0, 1e5, kind=INT),
        "params_memory_gb_printed": num(0, 1e5, exclusive=False),
        "optimizer_memory_gb_printed": num(0, 1e5, exclusive=False),
        "activation_memory_gb_printed": num(0, 1e5, exclusive=False),
        "total_memory_gb_printed": num(0, 1e5, exclusive=False),
        "notes": Col(S, **OPT),
    },
    key=("model", "source_document"),
    description="AI and Memory Wall: training memory breakdown",
)

ALEXNET_LAYERS = Schema(
    {
        "layer": Col(S),
        "layer_type": Col("category", allowed=("input", "conv", "maxpool", "fc")),
        "output_height": num(0, 1e5, kind=INT),
        "output_width": num(0, 1e5, kind=INT),
        "output_channels": num(0, 1e6, kind=INT),
        "kernel_size": num(0, 1e3, kind=INT, required=False),
        "stride": num(0, 1e3, kind=INT, required=False),
        "padding": num(0, 1e3, kind=INT, required=False, exclusive=False),
        "activation_size": num(0, 1e10, kind=INT),
        "kernels": num(0, 1e12, kind=INT, exclusive=False),
        "biases": num(0, 1e9, kind=INT, required=False, exclusive=False),
        "parameters": num(0, 1e12, kind=INT, exclusive=False),
    },
    key=("layer",),
    description="Seed 003: AlexNet layer table",
)

DATA: dict[str, Schema] = {
    "cv_models": CV_MODELS,
    "nlp_models": NLP_MODELS,
    "gpus": GPUS,
    "ngc_inference_throughput": NGC_INFERENCE_THROUGHPUT,
    "memory_wall_nlp": MEMORY_WALL_NLP,
    "memory_wall_cv": MEMORY_WALL_CV,
    "memory_wall_training_memory": MEMORY_WALL_TRAINING_MEMORY,
    "alexnet_layers": ALEXNET_LAYERS,
}

#: Columns shared by the reported-values files.
_SOURCE = {"source": Col(S)}
_NOTES = {"notes": Col(S, **OPT)}


REPORTED_SEED003_MEMORY_RULE = Schema(
    {"item": Col(S), "value": num(0, 1e15), "unit": Col(S), **_SOURCE, **_NOTES},
    key=("item", "unit"),
    description="Seed 003: the printed memory numbers of the AlexNet example and the rule of thumb",
)

REPORTED_TABLE1_ALEXNET_BAND = Schema(
    {
        "model": Col(S),
        "top1_accuracy": pct(),
        "gflops": num(0.001, 1e5),
        "year": num(2009, 2026, exclusive=False, kind=INT),
        **_SOURCE,
    },
    key=("model",),
    description="Desislavov et al. (2023), Table 1: models with FLOPs similar to AlexNet",
)

REPORTED_TABLE3_SPEEDUPS = Schema(
    {
        "task": Col("category", allowed=("CV", "NLP")),
        "model": Col(S),
        "framework": Col(S),
        "batch_size": num(0, 1e5, kind=INT),
        "gpu": Col(S),
        "precision": Col("category", allowed=("FP32", "Mixed", "TF32")),
        "speedup": num(0.01, 100),
        **_SOURCE,
        **_NOTES,
    },
    key=("task", "model", "framework", "batch_size", "gpu", "precision"),
    description="Desislavov et al. (2023), Table 3: the printed speed-up column",
)

REPORTED_TABLE4_SPEEDUP_RATIOS = Schema(
    {
        "gpu": Col(S),
        "precision": Col("category", allowed=("Mixed", "TF32")),
        "ratio_to": Col(S),
        "cv": num(0.01, 100),
        "nlp": num(0.01, 100),
        **_SOURCE,
    },
    key=("gpu", "precision"),
    description="Desislavov et al. (2023), Table 4: mean speed-ups",
)

REPORTED_TABLE8_GFLOPS_PER_WATT = Schema(
    {
        "gpu": Col(S),
        "precision": Col("category", allowed=("FP32", "FP16", "FP16/FP32 Tensor")),
        "gflops_per_watt": num(0.01, 1e5),
        **_SOURCE,
        **_NOTES,
    },
    key=("gpu", "precision"),
    description="Desislavov et al. (2023), Table 8: the printed GFLOPS/W column",
)

REPORTED_TABLE9_ADAPTED = Schema(
    {
        "adapted": Col("category", allowed=("No", "For CNN", "For NLP")),
        "gpu": Col(S),
        "precision": Col("category", allowed=("FP32", "Mixed", "TF32")),
        "tflops": num(0.01, 1e4),
        "watts": num(1, 2000, kind=INT),
        "launch_date": Col(D),
        "gpu_type": Col("category", allowed=("Desktop", "Server")),
        "gflops_per_watt": num(0.01, 1e5),
        **_SOURCE,
        **_NOTES,
    },
    key=("adapted", "gpu", "precision"),
    description="Desislavov et al. (2023), Table 9: adapted GPU efficiencies",
)

REPORTED_TEXT_CLAIMS = Schema(
    {"claim": Col(S), "value": num(0, 1e30, exclusive=False), "unit": Col(S), **_SOURCE, **_NOTES},
    key=("claim", "unit"),
    description="Numbers printed in the sources' prose",
)

#: Every file of printed values keeps the printed decimals of its numbers.
REPORTED: dict[str, Schema] = {
    "seed003_memory_rule": replace(REPORTED_SEED003_MEMORY_RULE, printed=True),
    "table1_alexnet_band": replace(REPORTED_TABLE1_ALEXNET_BAND, printed=True),
    "table3_speedups": replace(REPORTED_TABLE3_SPEEDUPS, printed=True),
    "table4_speedup_ratios": replace(REPORTED_TABLE4_SPEEDUP_RATIOS, printed=True),
    "table8_gflops_per_watt": replace(REPORTED_TABLE8_GFLOPS_PER_WATT, printed=True),
    "table9_adapted": replace(REPORTED_TABLE9_ADAPTED, printed=True),
    "text_claims": replace(REPORTED_TEXT_CLAIMS, printed=True),
}
