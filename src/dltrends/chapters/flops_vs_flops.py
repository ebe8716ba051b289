"""The chapter "FLOPs vs FLOPS": what its page shows, computed here."""

from __future__ import annotations

import pandas as pd

from dltrends import energy, hardware, layers, units
from dltrends.chapters.hardware import tensor_over_fp32


def alexnet_table() -> pd.DataFrame:
    """Torchvision's AlexNet layer by layer (:mod:`dltrends.layers`): the page's table."""
    table = layers.layer_table(layers.alexnet_torchvision())
    return table[["name", "output_height", "output_width", "output_channels", "parameters", "macs"]]


def alexnet_numbers(table: pd.DataFrame, cv_models: pd.DataFrame) -> dict:
    """The numbers of the section on multiply-accumulates."""
    macs = int(table["macs"].sum())
    first = table.iloc[0]
    return {
        "input_px": f"{first['output_height']} x {first['output_width']}",
        "alexnet_gmacs": macs / 1e9,
        "alexnet_gflops": units.macs_to_flops(macs / 1e9),
        "alexnet_params_m": int(table["parameters"].sum()) / 1e6,
        "paper_alexnet_gflops": float(cv_models.set_index("model_id").loc["alexnet", "gflops"]),
    }


def precision_numbers(gpus: pd.DataFrame) -> dict:
    """The numbers of the list of precision formats: tensor-core peak over FP32 peak."""
    ratio = tensor_over_fp32(gpus).set_index("gpu")["ratio"]
    return {"tensor_ratio_v100": float(ratio["Tesla V100"]), "tensor_ratio_a100": float(ratio["A100"])}


def peak_numbers(gpus: pd.DataFrame, table9: pd.DataFrame) -> dict:
    """The numbers of the section on peak against measured efficiency."""
    spec = gpus.set_index(["gpu", "precision"]).loc[("Tesla V100", "FP16/FP32 Tensor")]
    peak = hardware.gflops_per_watt(spec["tflops"], spec["watts"])
    mixed = energy.gpu_gflops_per_watt(table9, "Tesla V100", "Mixed", "CNN")
    return {"v100_tensor_peak": peak, "v100_mixed_cnn": mixed, "v100_peak_over_real": peak / mixed}


def example_numbers(model: pd.Series, table9: pd.DataFrame, gpu: str, precision: str) -> dict:
    """The numbers of the worked example: one model on one GPU."""
    efficiency = energy.gpu_gflops_per_watt(table9, gpu, precision, "CNN")
    joules = energy.joules_per_inference(float(model["gflops"]), efficiency)
    return {
        "model_name": str(model["model"]),
        "model_gflops": float(model["gflops"]),
        "chosen_setting": f"{gpu} in {precision} precision",
        "chosen_efficiency": efficiency,
        "chosen_mj": joules * 1000,
        # Three significant digits: the estimate is not better than that.
        "images_per_kwh": float(f"{units.KWH_IN_JOULES / joules:.3g}"),
    }


def summary_numbers(cv_models: pd.DataFrame, nlp_models: pd.DataFrame) -> dict:
    """The numbers of the summary."""
    return {"n_cv_models": len(cv_models), "n_nlp_models": len(nlp_models)}
