"""The FLOPs vs FLOPS chapter re-runs with other parameters, and its numbers follow."""

import pytest
from conftest import ROOT

from dltrends import data, energy, hardware
from dltrends.build import pipeline
from dltrends.build.notebooks import glued_values


def test_stored_worked_example_matches_the_library():
    values = glued_values(ROOT / "book" / "flops_vs_flops.ipynb")
    table9 = hardware.adapted_gpus(data.load("gpus"), data.load("ngc_inference_throughput"))
    # Defaults: AlexNet (1.42 GFLOPs) on a V100 in mixed precision, adapted for CNNs
    # (Table 9: 119.03 GFLOPS/W) = 11.93 mJ.
    assert values["chosen_efficiency"] == pytest.approx(119.03, abs=0.01)
    assert values["chosen_mj"] == pytest.approx(1000 * energy.joules_per_inference(1.42, 119.03), rel=1e-3)
    assert values["chosen_efficiency"] == pytest.approx(
        energy.gpu_gflops_per_watt(table9, "Tesla V100", "Mixed", "CNN")
    )
    # The tensor-core peak of the V100 (125 TFLOPS / 300 W) against the measured speed-up.
    assert values["v100_tensor_peak"] == pytest.approx(416.67, abs=0.01)
    assert values["v100_peak_over_real"] == pytest.approx(416.67 / 119.03, rel=1e-3)


def test_other_parameters_change_the_worked_example(tmp_path):
    out = tmp_path / "flops_vs_flops.ipynb"
    pipeline.execute(
        "flops_vs_flops", {"model_id": "efficientnet-b0", "gpu": "T4", "precision": "Mixed"}, output=out
    )
    values = glued_values(out)
    assert values["model_name"] == "EfficientNet-B0"
    assert values["model_gflops"] == 0.78
    # T4 mixed precision adapted for CNN work: 312.15 GFLOPS/W (Table 9).
    assert values["chosen_efficiency"] == pytest.approx(312.15, abs=0.01)
    assert values["chosen_mj"] == pytest.approx(1000 * 0.78 / 312.15, rel=1e-3)
    # Parts of the chapter that do not depend on the parameters stay as they were.
    assert values["alexnet_gflops"] == pytest.approx(1.42837696)


def test_unknown_gpu_fails_with_a_clear_message(tmp_path):
    with pytest.raises(pipeline.ChapterFailed, match="unknown GPU and precision"):
        pipeline.execute("flops_vs_flops", {"gpu": "GTX 9999"}, output=tmp_path / "x.ipynb")
