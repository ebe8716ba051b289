"""The chapter "Measured energy": everything its page shows, computed here.

Each function returns what one section shows: a frame for a chart or a table, or the
numbers its prose quotes under literal keys (search a key to land on its line). The
calculations are in :mod:`dltrends.measured`; the scorecard's claims in
:mod:`dltrends.compare.measured`, the same function the reproduction scorecard calls.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from dltrends import data, forecast, measured
from dltrends.checks import InputError
from dltrends.compare import claims_frame
from dltrends.compare import measured as compare_measured
from dltrends.schemas.base import OPT, Col, S, Schema, num

#: How data/accelerator_specs.csv is read while the 2021-2026 schemas do not list it
#: (the file belongs to the chapter on 2021-2026; its own schema wins once registered).
SPECS_FALLBACK = Schema(
    {
        "accelerator": Col(S),
        "quantity": Col(S),
        "value": num(0, 1e7),
        "source": Col(S),
        "checked": Col(S),
        "checked_in": Col(S, **OPT),
        "notes": Col(S, **OPT),
    },
    key=("accelerator", "quantity"),
)

BENCHMARK_NAMES = {"resnet50": "ResNet-50", "bert-99": "BERT-Large"}

#: The figures of the ladder that are parts of a prompt's energy, not a prompt's energy.
LADDER_PARTS = (
    "google2025-gemini-median-prompt-host",
    "google2025-gemini-median-prompt-idle",
    "google2025-gemini-median-prompt-overhead",
)

#: Figures for the energy-per-prompt choice of the per-person chart, by id.
PROMPT_OPTIONS = (
    "google2025-gemini-median-prompt-total",
    "epoch2025-chatgpt-gpt4o-typical-query",
    "openai2025-altman-chatgpt-average-query",
    "jegham2025-gpt4o-short-prompt",
    "devries2023-llm-interaction",
    "jegham2025-deepseek-r1-long-prompt",
)


def accelerator_specs(data_dir: Path | None = None) -> pd.DataFrame | None:
    """data/accelerator_specs.csv (peak TFLOPS, TDP, memory bandwidth of the GPUs after
    2021), validated; None when the file is absent (the H100, H200 and B200 rows of
    this chapter are then left out).
    """
    if "accelerator_specs" in data.SCHEMAS:
        return data.load("accelerator_specs", data_dir)
    path = Path(data_dir or data.DATA_DIR) / "accelerator_specs.csv"
    if not path.exists():
        return None
    return data.read_csv(path, SPECS_FALLBACK)


def _median(frame: pd.DataFrame, column: str) -> float:
    if frame.empty:
        return math.nan
    return float(frame[column].median())


# ----------------------------------------------------------------------------- MLPerf


def ratio_points(comparison: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.measured.ratios_long` in millijoules, with a short ``label`` per
    result (benchmark, accelerators, submitter, MLPerf ID, MaxQ), for the ratio chart.
    """
    long = measured.ratios_long(comparison)
    lookup = comparison.set_index(["result_id", "model"])
    submitter = [
        str(lookup.loc[(r, m), "submitter"]) for r, m in zip(long["result_id"], long["model"], strict=True)
    ]
    long["label"] = [
        f"{BENCHMARK_NAMES.get(m, m)}, {n:.0f}x {g}, {s} {r}{', MaxQ' if q else ''}"
        for m, n, g, s, r, q in zip(
            long["model"],
            long["accelerators"],
            long["gpu"],
            submitter,
            long["result_id"],
            long["maxq"],
            strict=True,
        )
    ]
    long["measured_mj"] = 1000 * long["measured_j"]
    long["estimate_mj"] = 1000 * long["estimate_j"]
    return long.sort_values(
        ["model", "gpu", "label"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


def mlperf_view(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.measured.ratio_summary` for the page: energies in mJ."""
    return pd.DataFrame(
        {
            "benchmark": summary["model"].map(BENCHMARK_NAMES),
            "GPU": summary["gpu"],
            "estimate": summary["estimate"],
            "results": summary["results"],
            "measured_mj": 1000 * summary["measured_j"],
            "estimate_mj": 1000 * summary["estimate_j"],
            "ratio": summary["ratio"],
            "ratio_low": summary["ratio_low"],
            "ratio_high": summary["ratio_high"],
        }
    )


def mlperf_numbers(
    comparison: pd.DataFrame, table: pd.DataFrame, left_out: pd.DataFrame
) -> dict[str, object]:
    """The numbers of the section on ResNet-50 and BERT."""
    a100 = comparison[comparison["gpu"] == "A100"]
    resnet = a100[a100["model"] == "resnet50"]
    bert = a100[a100["model"] == "bert-99"]
    h100 = comparison[comparison["gpu"] == "H100 SXM"]
    h100_resnet = h100[h100["model"] == "resnet50"]
    h100_bert = h100[h100["model"] == "bert-99"]
    newer = comparison[comparison["gpu"] != "A100"]
    pcie = left_out[left_out["accelerator"].str.contains("A100", regex=False)]
    return {
        "me_n_results": len(comparison),
        "me_n_a100": len(a100),
        "me_n_newer": len(newer),
        "me_newer_gpus": ", ".join(sorted(set(newer["gpu"]))),
        "me_n_maxq": int(comparison["maxq"].sum()),
        "me_n_noted_tdp": int(
            comparison.loc[
                comparison["tdp_watts"] != comparison["gpu"].map(table["tdp_watts"]), "result_id"
            ].nunique()
        ),
        "me_n_left_out": int(left_out["results"].sum()),
        "me_n_left_out_a100": int(pcie["results"].sum()),
        "me_gflops_resnet": float(resnet["gflops"].iloc[0]),
        "me_gflops_bert": float(bert["gflops"].iloc[0]),
        "me_bert_tokens": measured.MLPERF_BERT_TOKENS,
        "me_a100_eq2_cnn": float(table.loc["A100", "eq2_cnn"]),
        "me_a100_eq2_nlp": float(table.loc["A100", "eq2_nlp"]),
        "me_a100_peak": measured.peak_gflops_per_watt(table, "A100"),
        "me_a100_tdp": float(table.loc["A100", "tdp_watts"]),
        "me_resnet_n": len(resnet),
        "me_resnet_mj": 1000 * _median(resnet, "measured_j"),
        "me_resnet_mj_low": 1000 * float(resnet["measured_j"].min()),
        "me_resnet_mj_high": 1000 * float(resnet["measured_j"].max()),
        "me_resnet_eq2_mj": 1000 * float(resnet["eq2_j"].iloc[0]),
        "me_resnet_eq2_times": 1 / _median(resnet, "eq2_ratio"),
        "me_resnet_peak_mj": 1000
        * float(resnet["gflops"].iloc[0])
        / measured.peak_gflops_per_watt(table, "A100"),
        "me_resnet_peak_ratio": _median(resnet, "peak_ratio"),
        "me_bert_j": _median(bert, "measured_j"),
        "me_bert_eq2_j": float(bert["eq2_j"].iloc[0]),
        "me_bert_eq2_times": 1 / _median(bert, "eq2_ratio"),
        "me_bert_peak_ratio": _median(bert, "peak_ratio"),
        "me_wall_over_tdp": _median(a100, "wall_over_tdp"),
        "me_wall_over_tdp_low": float(comparison["wall_over_tdp"].min()),
        "me_wall_over_tdp_high": float(comparison["wall_over_tdp"].max()),
        "me_wall_over_tdp_high_id": str(comparison.loc[comparison["wall_over_tdp"].idxmax(), "result_id"]),
        "me_h100_peak": measured.peak_gflops_per_watt(table, "H100 SXM")
        if "H100 SXM" in table.index
        else math.nan,
        "me_h100_resnet_peak_ratio": _median(h100_resnet, "peak_ratio"),
        "me_h100_bert_peak_ratio": _median(h100_bert, "peak_ratio"),
    }


# ----------------------------------------------------------------------------- tokens


def token_view(best: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.measured.best_configs` narrowed for the page."""
    return pd.DataFrame(
        {
            "model": best["short"],
            "design": best["architecture"].map({"dense": "dense", "mixture-of-experts": "MoE"}),
            "active_b": best["active_params_billions"],
            "GPUs": best["gpus"].map(lambda n: f"{n:.0f}x ") + best["gpu"],
            "format": best["precision"],
            "mean_batch": best["mean_batch"],
            "measured_j": best["measured_j"],
            "flops_j": best["flops_j"],
            "flops_ratio": best["flops_ratio"],
            "power_fraction": best["power_fraction"],
        }
    )


def token_series(estimates: pd.DataFrame, version: str = "v3", task: str = "lm-arena-chat") -> pd.DataFrame:
    """Per configuration of ``version`` (on ``task`` where the model has it, else its
    one task), three rows: the measured energy per token, the roofline estimate and the
    FLOPs estimate, for the per-token chart: ``model``, ``setup``, ``series``,
    ``mean_batch``, ``joules``.
    """
    rows = estimates[estimates["version"] == version]
    has_task = rows.groupby("model")["task"].transform(lambda t: (t == task).any())
    rows = rows[(rows["task"] == task) | ~has_task]
    setup = rows["gpus"].map(lambda n: f"{n:.0f} x ") + rows["gpu"]
    names = ("measured (GPU energy)", "roofline estimate (weights only)", "FLOPs estimate (tensor-core peak)")
    frames = []
    for name, column in zip(names, ("measured_j", "roofline_j", "flops_j"), strict=True):
        frames.append(
            pd.DataFrame(
                {
                    "model": rows["short"],
                    "setup": setup,
                    "series": name,
                    "mean_batch": rows["mean_batch"],
                    "joules": rows[column],
                }
            )
        )
    return pd.concat(frames, ignore_index=True).sort_values(
        ["model", "setup", "series", "mean_batch"], kind="stable"
    )


def token_numbers(estimates: pd.DataFrame, best: pd.DataFrame, sweeps: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on energy per token."""
    dense = best[best["architecture"] == "dense"]["flops_ratio"]
    moe = best[best["architecture"] == "mixture-of-experts"]["flops_ratio"]
    v3 = estimates[estimates["version"] == "v3"]
    small = v3[
        (v3["short"] == "Llama-3.1-8B-Instruct") & (v3["gpu"] == "H100 SXM") & (v3["max_batch_size"] == 8)
    ].iloc[0]
    large = best[(best["short"] == "Llama-3.1-8B-Instruct") & (best["gpu"] == "H100 SXM")].iloc[0]
    llama8 = sweeps[
        (sweeps["model"] == "meta-llama/Llama-3.1-8B-Instruct") & (sweeps["gpu_model"] == "H100")
    ].iloc[0]
    widest = sweeps.loc[sweeps["span"].idxmax()]
    return {
        "me_tok_n_configs": len(v3),
        "me_tok_n_models": int(best["model"].nunique()),
        "me_tok_median_ratio": float(best["flops_ratio"].median()),
        "me_tok_dense_low": float(dense.min()),
        "me_tok_dense_high": float(dense.max()),
        "me_tok_moe_low": float(moe.min()),
        "me_tok_moe_high": float(moe.max()),
        "me_tok_dense_median": float(dense.median()),
        "me_tok_moe_median": float(moe.median()),
        "me_tok_power_low": float(best["power_fraction"].min()),
        "me_tok_power_high": float(best["power_fraction"].max()),
        "me_batch_n_sweeps": len(sweeps),
        "me_batch_span_median": float(sweeps["span"].median()),
        "me_batch_span_low": float(sweeps["span"].min()),
        "me_batch_span_high": float(widest["span"]),
        "me_batch_widest": (
            f"{str(widest['model']).split('/')[-1]} on {widest['num_gpus']:.0f} {widest['gpu_model']}"
        ),
        "me_batch_llama8_span": float(llama8["span"]),
        "me_batch_llama8_small": int(llama8["smallest_batch"]),
        "me_batch_llama8_large": int(llama8["largest_batch"]),
        "me_roof_small_batch": float(small["mean_batch"]),
        "me_roof_small_measured": float(small["measured_j"]),
        "me_roof_small_roofline": float(small["roofline_j"]),
        "me_roof_small_flops": float(small["flops_j"]),
        "me_roof_small_bytes_gb": float(small["bytes"]) / 1e9,
        "me_roof_small_intensity": float(small["intensity"]),
        "me_roof_ridge": float(small["ridge"]),
        "me_roof_small_ratio": float(small["roofline_ratio"]),
        "me_roof_large_batch": float(large["mean_batch"]),
        "me_roof_large_ratio": float(large["roofline_ratio"]),
        "me_roof_large_power": float(large["power_fraction"]),
    }


def a100_numbers(estimates: pd.DataFrame) -> dict[str, object]:
    """The numbers of the paragraph on the paper's Eq. 2 for language models on the A100."""
    a100 = measured.best_configs(estimates, "v2")
    a100 = a100[a100["gpu"] == "A100"]
    h100 = measured.best_configs(estimates, "v2")
    h100 = h100[h100["gpu"] == "H100 SXM"]
    return {
        "me_a100_llm_n": len(a100),
        "me_a100_llm_ratio_low": float(a100["eq2_ratio"].min()),
        "me_a100_llm_ratio_high": float(a100["eq2_ratio"].max()),
        "me_a100_llm_peak_ratio_low": float(a100["flops_ratio"].min()),
        "me_a100_llm_peak_ratio_high": float(a100["flops_ratio"].max()),
    }


# ----------------------------------------------------------------------------- the ladder


def reference_config(
    estimates: pd.DataFrame, model: str, gpu: str, max_batch: int, version: str = "v3"
) -> pd.Series:
    """The configuration of :func:`dltrends.measured.llm_estimates` the ladder is built on."""
    rows = estimates[
        (estimates["version"] == version)
        & (estimates["model"] == model)
        & (estimates["gpu"] == gpu)
        & (estimates["max_batch_size"] == max_batch)
    ]
    if len(rows) != 1:
        known = sorted(set(estimates.loc[estimates["version"] == version, "model"]))
        raise InputError(
            f"{len(rows)} {version} configurations of {model!r} on {gpu!r} at batch {max_batch}; "
            f"models: {known}"
        )
    return rows.iloc[0]


def measured_prompts(mlenergy: pd.DataFrame, aienergyscore: pd.DataFrame) -> pd.DataFrame:
    """Measured GPU energy of one request beside the published figures: the AI Energy
    Score's text-generation models of lowest and highest energy and Llama 3.1 8B (H100,
    batch 1), and ML.ENERGY's most energy-hungry request (a reasoning task at a small
    batch). Columns ``label``, ``quantity``, ``wh``.
    """
    text = aienergyscore[aienergyscore["task"] == "text_generation"]
    rows = []
    picks = {
        "lowest": text.loc[text["gpu_energy_wh_per_query"].idxmin()],
        "Llama 3.1 8B": text[text["model"] == "meta-llama/Meta-Llama-3.1-8B"].iloc[0],
        "highest": text.loc[text["gpu_energy_wh_per_query"].idxmax()],
    }
    for which, row in picks.items():
        name = str(row["model"]).split("/")[-1]
        rows.append(
            {
                "label": f"AI Energy Score: {name}",
                "quantity": (
                    f"GPU energy per query, one H100, batch 1 ({which} of the text-generation models)"
                ),
                "wh": float(row["gpu_energy_wh_per_query"]),
            }
        )
    top = mlenergy.loc[mlenergy["energy_per_request_joules"].idxmax()]
    rows.append(
        {
            "label": f"ML.ENERGY: {str(top['model']).split('/')[-1]}, {top['task']}",
            "quantity": (
                f"GPU energy per request, {top['num_gpus']:.0f} {top['gpu_model']}, max batch "
                f"{top['max_batch_size']}, a reasoning task with long answers"
            ),
            "wh": float(top["energy_per_request_joules"]) / measured.JOULES_PER_WH,
        }
    )
    return pd.DataFrame(rows)


def ladder_points(steps: pd.DataFrame, figures: pd.DataFrame, measured_rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of the ladder chart, narrow boundary first: this book's ladder, the
    measured requests (level 2) and the published per-prompt figures (not the parts of
    Google's split). Columns ``label``, ``level``, ``wh``, ``status``, ``quantity``.
    """
    book = pd.DataFrame(
        {
            "label": "this book: " + steps["step"],
            "level": steps["level"],
            "wh": steps["wh_per_prompt"],
            "status": "this book's ladder",
            "quantity": steps["basis"],
        }
    )
    mine = measured_rows.assign(level=measured.LEVELS["gpu"], status="measured (ML.ENERGY, AI Energy Score)")
    published = measured.prompt_figures(figures)
    published = published[~published["figure_id"].isin(LADDER_PARTS)]
    published = published[published["figure_id"] != "google2009-search-query"]
    pub = pd.DataFrame(
        {
            "label": [
                f"{_publisher(p)} {y}: {v:.3g} Wh"
                for p, y, v in zip(published["publisher"], published["year"], published["value"], strict=True)
            ],
            "level": published["level"],
            "wh": published["value"],
            "status": published["checked"].map({"yes": "checked in the publication", "no": "unverified"}),
            "quantity": published["quantity"],
        }
    )
    out = pd.concat([book, mine[["label", "level", "wh", "status", "quantity"]], pub], ignore_index=True)
    order = {level: i for i, level in enumerate(measured.LEVELS.values())}
    out["rank"] = out["level"].map(order)
    return out.sort_values(["rank", "wh"], kind="stable").drop(columns="rank").reset_index(drop=True)


def _publisher(name: object) -> str:
    """A short name for a publisher of the reported figures."""
    text = str(name)
    for short in ("Google", "Epoch AI", "OpenAI", "de Vries", "IEA", "Hugging Face"):
        if short in text:
            return short
    if "Rhode Island" in text:
        return "Jegham et al."
    return text.split(" (")[0]


def ladder_view(steps: pd.DataFrame) -> pd.DataFrame:
    """The ladder's steps for the page."""
    return steps[["step", "wh_per_prompt", "factor", "basis", "status"]].rename(
        columns={"wh_per_prompt": "Wh per prompt", "factor": "factor over the step before"}
    )


def figures_view(figures: pd.DataFrame) -> pd.DataFrame:
    """The published per-prompt figures for the page, with what each includes."""
    rows = measured.prompt_figures(figures)
    rows = rows[rows["figure_id"] != "google2009-search-query"]
    return pd.DataFrame(
        {
            "source": [f"{_publisher(p)} {y}" for p, y in zip(rows["publisher"], rows["year"], strict=True)],
            "Wh": rows["value"],
            "boundary": rows["boundary"],
            "includes": rows["includes"],
            "verified": rows["checked"].map({"yes": "yes", "no": "unverified"}),
        }
    )


def ladder_numbers(
    steps: pd.DataFrame,
    reference: pd.Series,
    figures: pd.DataFrame,
    mlenergy: pd.DataFrame,
    population: float,
) -> dict[str, object]:
    """The numbers of the section on the ladder."""
    top = mlenergy.loc[mlenergy["energy_per_request_joules"].idxmax()]
    factors = measured.google_factors(figures)
    dc_2024 = measured.figure(figures, "iea2025-datacentre-electricity-2024")
    share = measured.figure(figures, "iea2025-datacentre-electricity-2024-share")
    dc_2030 = measured.figure(figures, "iea2025-datacentre-electricity-2030-base")
    dc_2035 = measured.figure(figures, "iea2025-datacentre-electricity-2035-base")
    lift = measured.figure(figures, "iea2025-datacentre-electricity-2035-lift-off")
    value = {key: float(measured.figure(figures, i)["value"]) for key, i in measured.GOOGLE_SPLIT.items()}

    def wh(figure_id: str) -> float:
        return float(measured.figure(figures, figure_id)["value"])

    return {
        "me_ref_model": str(reference["short"]),
        "me_ref_gpus": f"{reference['gpus']:.0f} {reference['gpu']}",
        "me_ref_batch": float(reference["mean_batch"]),
        "me_ref_tokens": float(reference["output_tokens"]),
        "me_ladder_chip": float(steps["wh_per_prompt"].iloc[0]),
        "me_ladder_gpu": float(steps["wh_per_prompt"].iloc[1]),
        "me_ladder_server": float(steps["wh_per_prompt"].iloc[2]),
        "me_ladder_dc": float(steps["wh_per_prompt"].iloc[3]),
        "me_ladder_gpu_factor": float(steps["factor"].iloc[1]),
        "me_ladder_host_factor": factors["host"],
        "me_ladder_dc_factor": factors["datacentre"],
        "me_ladder_total_factor": float(steps["wh_per_prompt"].iloc[3] / steps["wh_per_prompt"].iloc[0]),
        "me_google_total": value["total"],
        "me_google_acc": value["accelerators"],
        "me_google_host": value["host"],
        "me_google_idle": value["idle"],
        "me_google_overhead": value["overhead"],
        "me_google_existing": wh("google2025-gemini-median-prompt-existing-approach"),
        "me_google_reduction": wh("google2025-gemini-energy-reduction-one-year"),
        "me_epoch": wh("epoch2025-chatgpt-gpt4o-typical-query"),
        "me_altman": wh("openai2025-altman-chatgpt-average-query"),
        "me_jegham_short": wh("jegham2025-gpt4o-short-prompt"),
        "me_jegham_short_server": wh("jegham2025-gpt4o-short-prompt-no-overhead"),
        "me_jegham_long": wh("jegham2025-deepseek-r1-long-prompt"),
        "me_devries": wh("devries2023-llm-interaction"),
        "me_devries_request": wh("devries2023-chatgpt-semianalysis"),
        "me_devries_year": int(measured.figure(figures, "devries2023-llm-interaction")["year_of_data"]),
        "me_top_request_model": str(top["model"]).split("/")[-1],
        "me_top_request_tokens": float(top["energy_per_request_joules"] / top["energy_per_token_joules"]),
        "me_top_request_batch": int(top["max_batch_size"]),
        "me_top_request_wh": float(top["energy_per_request_joules"]) / measured.JOULES_PER_WH,
        "me_iea_2024": float(dc_2024["value"]),
        "me_iea_2024_year": int(dc_2024["year_of_data"]),
        "me_iea_2030_year": int(dc_2030["year_of_data"]),
        "me_iea_2035_year": int(dc_2035["year_of_data"]),
        "me_iea_2024_share": float(share["value"]),
        "me_iea_2030": float(dc_2030["value"]),
        "me_iea_2035": float(dc_2035["value"]),
        "me_iea_2035_lift": float(lift["value"]),
        "me_iea_prompts_per_person": measured.prompts_per_person_per_day(
            float(dc_2024["value"]), value["total"], population
        ),
        "me_population_billion": population / 1e9,
    }


# ----------------------------------------------------------------------------- per person


def energy_options(steps: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """The energies per prompt a reader can choose in the per-person chart: this book's
    ladder at the data centre, then the published figures of :data:`PROMPT_OPTIONS`.
    Columns ``label``, ``wh_per_prompt``, ``checked``.
    """
    rows = [
        {
            "label": f"{steps['wh_per_prompt'].iloc[-1]:.3g} Wh: this book's ladder (data centre)",
            "wh_per_prompt": float(steps["wh_per_prompt"].iloc[-1]),
            "checked": "computed",
        }
    ]
    for figure_id in PROMPT_OPTIONS:
        row = measured.figure(figures, figure_id)
        flag = "" if str(row["checked"]) == "yes" else ", unverified"
        who = f"{_publisher(row['publisher'])} {int(row['year_of_data'])}"
        rows.append(
            {
                "label": f"{float(row['value']):.3g} Wh: {who}{flag}",
                "wh_per_prompt": float(row["value"]),
                "checked": str(row["checked"]),
            }
        )
    return pd.DataFrame(rows)


def per_person_numbers(
    options: pd.DataFrame, references: pd.DataFrame, prompts_per_day: float, population: float
) -> dict[str, object]:
    """The numbers of the section on the multiplicative effect."""
    google = options[options["label"].str.contains("Google")].iloc[0]
    longest = options.loc[options["wh_per_prompt"].idxmax()]
    dc, world = float(references["twh"].iloc[0]), float(references["twh"].iloc[-1])
    per_second = forecast.SECONDS_PER_DAY
    twh = measured.annual_twh(float(google["wh_per_prompt"]), prompts_per_day, population)
    twh_long = measured.annual_twh(float(longest["wh_per_prompt"]), prompts_per_day, population)
    paper = measured.annual_twh(float(google["wh_per_prompt"]), per_second, population)
    world_per_person = world * 1e12 / (365 * measured.HOURS_PER_DAY) / population
    return {
        "me_pp_prompts": prompts_per_day,
        "me_pp_google_wh": float(google["wh_per_prompt"]),
        "me_pp_google_twh": twh,
        "me_pp_google_watts": measured.watts_per_person(float(google["wh_per_prompt"]), prompts_per_day),
        "me_pp_google_dc_share": twh / dc,
        "me_pp_google_world_share": twh / world,
        "me_pp_long_wh": float(longest["wh_per_prompt"]),
        "me_pp_long_twh": twh_long,
        "me_pp_long_dc_share": twh_long / dc,
        "me_pp_paper_rate": per_second,
        "me_pp_paper_twh": paper,
        "me_pp_paper_world_times": paper / world,
        "me_pp_world_twh": world,
        "me_pp_world_watts_per_person": world_per_person,
        "me_pp_external_watts": forecast.external_power_watts(),
        "me_pp_somatic_watts": forecast.somatic_power_watts(),
    }


def scenario_view(scenarios: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.measured.per_person_scenarios` for the page."""
    out = scenarios.rename(
        columns={"label": "energy per prompt", "watts_per_person": "W per person", "twh": "TWh a year"}
    )
    return out.drop(columns=["wh_per_prompt"])


# ----------------------------------------------------------------------------- 2023 to 2026


def history_points(mlenergy: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.measured.llama_history` for the history chart: ``edition`` (version
    and data month), ``gpu`` (family), ``setup``.
    """
    points = measured.llama_history(mlenergy)
    points["edition"] = points["version"] + ", " + points["date"].dt.strftime("%Y-%m")
    points["gpu"] = (
        points["gpu_model"].astype(str).str.extract(r"(V100|A100|A40|H100|H200|B200)", expand=False)
    )
    gpus = points["gpus"].map(lambda n: "" if pd.isna(n) else f"{n:.0f} x ")
    points["setup"] = gpus + points["gpu_model"].astype(str)
    return points


def pairs_view(pairs: pd.DataFrame) -> pd.DataFrame:
    """:func:`dltrends.measured.factor_pairs` for the page."""
    return pairs.rename(
        columns={"before_j": "before, J/token", "after_j": "after, J/token", "times": "times less"}
    )


def history_numbers(pairs: pd.DataFrame, points: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on 2023 to 2026."""

    def times(factor: str, index: int = 0) -> float:
        return float(pairs.loc[pairs["factor"] == factor, "times"].iloc[index])

    every = pairs[pairs["factor"] == "all together"].iloc[0]
    batching = [older for factor, _, older, _ in measured.PAIRS if factor == "batching"][0]
    chain = times("batching") * times("hardware: A100 -> H100", 1) * times("hardware: H100 -> B200", 1)
    chain *= times("software and workload: 2024 -> 2026", 1)
    return {
        "me_hist_n": len(points),
        "me_hist_total": float(every["times"]),
        "me_hist_before": float(every["before_j"]),
        "me_hist_after": float(every["after_j"]),
        "me_hist_batching": times("batching"),
        "me_hist_small_batch": int(batching[-1]),
        "me_hist_a100_h100_70b": times("hardware: A100 -> H100"),
        "me_hist_a100_h100_8b": times("hardware: A100 -> H100", 1),
        "me_hist_h100_b200_70b": times("hardware: H100 -> B200"),
        "me_hist_h100_b200_8b": times("hardware: H100 -> B200", 1),
        "me_hist_software_8b": times("software and workload: 2024 -> 2026", 1),
        "me_hist_precision": times("precision: BF16 -> FP8"),
        "me_hist_moe": times("architecture: dense -> mixture of experts"),
        "me_hist_chain_8b": chain,
        "me_hist_unexplained": float(every["times"]) / chain,
    }


# ----------------------------------------------------------------------------- the scorecard


def scorecard_claims(frames: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The chapter's claims as the reproduction scorecard lists them; ``frames`` defaults
    to the files the claims read (:data:`dltrends.compare.measured.INPUTS`).
    """
    if frames is None:
        frames = {name: data.load(name) for name in compare_measured.INPUTS}
    return claims_frame(compare_measured.claims(frames))


def claims_view(card: pd.DataFrame) -> pd.DataFrame:
    """The claims for the page."""
    return card[["claim", "paper_value", "recomputed_value", "unit", "status"]].rename(
        columns={"paper_value": "measured", "recomputed_value": "Eq. 2 estimate"}
    )


def claims_numbers(card: pd.DataFrame) -> dict[str, object]:
    """The numbers of the section on the scorecard."""
    return {
        "me_claims_n": len(card),
        "me_claims_agree": int((card["status"] == "agrees").sum()),
        "me_claims_factor": compare_measured.AGREEMENT_FACTOR,
    }
