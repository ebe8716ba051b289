"""Schemas of the measured-energy data.

MLPerf Power results, ML.ENERGY configurations, AI Energy Score, published headline figures.
Units and meanings of the columns are in data/curation/columns_measured.csv, the sources
of the files in data/curation/files_measured.csv; the selection rules and the caveats in
notes/curation_measured_energy.md.
"""

from __future__ import annotations

from dltrends.schemas.base import INT, OPT, Col, D, S, Schema, num

MLPERF_POWER = Schema(
    {
        "result_id": Col(S),
        "round": Col(
            "category", allowed=("v1.0", "v1.1", "v2.0", "v2.1", "v3.0", "v3.1", "v4.0", "v4.1", "v5.1")
        ),
        "round_date": Col(D),
        "submitter": Col(S),
        "system": Col(S),
        "model": Col(
            "category",
            allowed=(
                "resnet50",
                "bert-99",
                "bert-99.9",
                "gptj-99",
                "gptj-99.9",
                "llama2-70b-99",
                "llama2-70b-99.9",
                "mixtral-8x7b",
                "llama3.1-8b",
                "llama3.1-405b",
            ),
        ),
        "scenario": Col("category", allowed=("Offline", "Server")),
        "accelerator": Col(S),
        "accelerators_per_node": num(1, 64, exclusive=False, kind=INT),
        "nodes": num(1, 64, exclusive=False, kind=INT),
        # 40 GPT-J sequences/s to 887,855 ResNet-50 images/s in the file.
        "performance": num(1, 1e7),
        "performance_unit": Col("category", allowed=("samples/s", "queries/s", "tokens/s")),
        # One node at the wall: from a single small accelerator card to a full 8-GPU server.
        "system_power_watts": num(50, 20_000),
        "precision": Col("category", required=False, allowed=("int8", "fp16", "fp8", "float8", "fp4")),
        "source": Col(S),
        "notes": Col(S, **OPT),
    },
    key=("result_id", "model", "scenario"),
    description="MLPerf Inference datacenter, closed division, power results: performance and wall power",
)

MLENERGY_LLM = Schema(
    {
        "leaderboard_version": Col("category", allowed=("v1", "v2", "v3")),
        "date": Col(D),
        "model": Col(S),
        "total_params_billions": num(0.1, 5000),
        "active_params_billions": num(0.1, 5000, required=False),
        "architecture": Col("category", allowed=("dense", "mixture-of-experts")),
        "gpu_model": Col(S),
        "num_gpus": num(1, 64, exclusive=False, kind=INT, required=False),
        "max_batch_size": num(1, 100_000, exclusive=False, kind=INT),
        "task": Col(
            "category",
            allowed=("chat", "chat-concise", "instruct", "instruct-concise", "lm-arena-chat", "gpqa"),
        ),
        "weight_precision": Col("category", required=False, allowed=("float16", "bfloat16", "fp8", "mxfp4")),
        # GPU energy per generated token: 0.03 J (a small MoE at a large batch) to 22 J.
        "energy_per_token_joules": num(1e-3, 100),
        "energy_per_request_joules": num(0.1, 1e6),
        # All GPUs of one instance together (up to 16 at up to 1 kW each).
        "avg_power_watts": num(10, 20_000, required=False),
        "output_tokens_per_second": num(0.1, 1e6),
        "source": Col(S),
        "notes": Col(S, **OPT),
    },
    key=("leaderboard_version", "model", "gpu_model", "num_gpus", "max_batch_size", "task"),
    description="ML.ENERGY Leaderboard v1, v2 and v3: GPU energy per token of open language models",
)

AIENERGYSCORE = Schema(
    {
        "task": Col(
            "category",
            allowed=(
                "text_generation",
                "image_classification",
                "image_generation",
                "object_detection",
                "question_answering",
                "sentence_similarity",
                "text_classification",
            ),
        ),
        "model": Col(S),
        "size_class": Col("category", required=False, allowed=("A", "B", "C")),
        # 5.5e-5 Wh (bert-tiny) to 3.4 Wh (Command-R Plus) per query on one H100.
        "gpu_energy_wh_per_query": num(1e-6, 100),
        "energy_score_stars": num(1, 5, exclusive=False, kind=INT),
        "source": Col(S),
        "cross_checked_in": Col(S, **OPT),
        "notes": Col(S, **OPT),
    },
    key=("task", "model"),
    description="Hugging Face AI Energy Score: GPU energy per query on an NVIDIA H100",
)

REPORTED_ENERGY_FIGURES = Schema(
    {
        "figure_id": Col(S),
        "publisher": Col(S),
        "publication": Col(S),
        "publication_date": Col(D, **OPT),
        "quantity": Col(S),
        # Units differ by row (Wh per prompt to TWh per year): the bound is the widest
        # plausible number in any of them.
        "value": num(0, 1e5),
        "unit": Col(
            "category",
            allowed=(
                "Wh per prompt",
                "Wh per query",
                "Wh per interaction",
                "Wh per request",
                "kWh per 1000 inferences",
                "Wh per 1000 queries",
                "TWh per year",
                "percent of global electricity",
                "times (ratio old/new)",
                "gCO2e per response",
            ),
        ),
        "boundary": Col(
            "category", allowed=("accelerator", "gpu", "server", "system-wall", "datacentre", "top-down")
        ),
        "includes": Col(S),
        "year_of_data": num(2009, 2040, exclusive=False, kind=INT),
        "checked": Col("category", allowed=("yes", "no")),
        "checked_in": Col(S, **OPT),
        "notes": Col(S, **OPT),
    },
    key=("figure_id",),
    description="Published headline figures of AI energy: per prompt, per 1,000 inferences, TWh per year",
)

DATA: dict[str, Schema] = {
    "mlperf_power": MLPERF_POWER,
    "mlenergy_llm": MLENERGY_LLM,
    "aienergyscore": AIENERGYSCORE,
    "reported_energy_figures": REPORTED_ENERGY_FIGURES,
}
