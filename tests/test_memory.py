"""Training and inference memory: conventions, seed 003's worked example, the Memory Wall.

Bytes are compared exactly; floats with the relative tolerance stated at the assertion.
"""

import pytest

from dltrends import data
from dltrends import layers as L
from dltrends import memory as M
from dltrends.compare import memory_wall as MW
from dltrends.compare import seed003 as S
from dltrends.units import bytes_to_gb, gb_to_bytes


@pytest.fixture(scope="module")
def reported():
    return data.load_reported("seed003_memory_rule").set_index("item")["value"]


# ----------------------------------------------------------------------------- conventions


@pytest.mark.parametrize(
    ("name", "per_param", "per_activation"),
    [
        ("seed003_mixed_adam", 20, 4),
        ("zero_mixed_adam", 16, 2),
        ("fp32_adam", 16, 4),
        ("fp32_sgd_momentum", 12, 4),
        ("fp32_sgd", 8, 4),
        ("memory_wall_adam", 12, 4),
        ("memory_wall_sgd_momentum", 8, 4),
    ],
)
def test_conventions(name, per_param, per_activation):
    assert M.bytes_per_parameter(name) == per_param
    assert M.CONVENTIONS[name].bytes_per_activation == per_activation
    assert M.training_memory_bytes(10, 3, name) == 10 * per_param + 3 * per_activation


def test_conventions_table():
    table = M.conventions_table()
    assert list(table.columns) == [
        "name",
        "bytes_per_param",
        "bytes_per_activation",
        "breakdown",
        "assumes",
        "source",
    ]
    assert set(table["name"]) == set(M.CONVENTIONS)
    assert table["source"].str.len().min() > 10


def test_inference_memory():
    assert M.inference_memory_bytes(1000, "fp32") == 4000
    assert M.inference_memory_bytes(1000, "fp16") == 2000
    assert M.inference_memory_bytes(1000, "BF16") == 2000
    assert M.inference_memory_bytes(1000, "int8") == 1000


# ----------------------------------------------------------------------------- seed 003


@pytest.fixture(scope="module")
def reported_frame():
    return data.load_reported("seed003_memory_rule")


def test_seed003_lines(reported):
    totals = L.model_totals(L.alexnet_seed003())
    table = M.seed003_breakdown(totals["parameters"], totals["activations"]).set_index("item")
    fp16 = reported["Parameter memory, fp16 (62,378,344 x 2 byte)"]
    fp32 = reported["Optimizer state: momentum, fp32 (62,378,344 x 4 byte)"]
    assert table.loc["parameter (fp16)", "bytes"] == fp16 == 124_756_688
    assert table.loc["gradient (fp16)", "bytes"] == fp16
    for line in ("parameter", "gradient", "momentum", "variance"):
        assert table.loc[f"optimizer state: {line} (fp32)", "bytes"] == fp32 == 249_513_376
    assert table.loc["activation (1 batch, fp32)", "bytes"] == 3_745_292  # 936,323 x 4
    assert table.loc["total", "bytes"] == 1_251_312_172


def test_seed003_lines_against_the_printed_ones(reported_frame):
    lines = S.lines(reported_frame)
    assert list(lines["agrees"]) == [True] * 6 + [False, False, True]
    line = lines.set_index("line")
    assert line.loc["activation_bytes", ["recomputed", "printed"]].tolist() == [3_745_292, 1_209_312]
    assert line.loc["total of the printed lines", "recomputed"] == 1_248_776_192


def test_seed003_totals(reported, reported_frame):
    printed = reported["Total minimum training memory, AlexNet"]
    assert S.total_as_printed(reported_frame) == 1_248_776_192
    assert (printed == 1_248_776_192).any()
    assert round(bytes_to_gb(S.total_as_printed(reported_frame)), 2) == 1.25
    assert S.total_consistent(reported_frame) == 20 * 62_378_344 + 4 * 936_323 == 1_251_312_172
    totals = L.model_totals(L.alexnet_seed003())
    assert M.training_memory_bytes(totals["parameters"], totals["activations"]) == 1_251_312_172
    # The first edition's functions still answer, from the same data.
    printed = data.load_reported("seed003_memory_rule")
    assert S.total_as_printed(printed) == 1_248_776_192
    assert S.total_consistent(printed) - S.total_as_printed(printed) == 3_745_292 - 1_209_312
    # The printed total follows from the printed activation line: 20 B x params + that line.
    as_printed = M.seed003_breakdown(
        totals["parameters"],
        totals["activations"],
        activation_line_bytes=reported["Activation memory, 1 batch (936,323 x 4 byte)"],
    )
    assert as_printed["bytes"].iloc[-1] == 1_248_776_192


def test_seed003_activation_line_is_no_subset_of_the_table(reported):
    printed = reported["Activation memory, 1 batch (936,323 x 4 byte)"]
    assert printed % 4 == 0
    table = L.layer_table(L.alexnet_seed003())
    rows = dict(zip(table["name"], table["activations"], strict=True))
    assert S.activation_subsets_summing_to(rows, printed // 4) == []
    tv = L.layer_table(L.alexnet_torchvision())
    tv_rows = dict(zip(tv["name"], tv["activations"], strict=True))
    assert S.activation_subsets_summing_to(tv_rows, printed // 4) == []
    # sanity: the search does find real partial sums
    assert ("FC-1", "FC-3") in S.activation_subsets_summing_to(rows, 5096)
    with pytest.raises(ValueError):
        S.activation_subsets_summing_to({}, 1)


def test_rule_examples(reported_frame):
    rule = S.rule_examples(reported_frame).set_index("example")
    assert rule.loc["AlexNet (rule example)", "bytes"] == 61e6 * 20
    assert rule.loc["AlexNet (rule example)", "agrees"]
    assert rule.loc["AlexNet (layer table)", "computed_in_printed_unit"] == pytest.approx(
        1.24756688, rel=1e-12
    )
    assert not rule.loc["AlexNet (layer table)", "agrees"]
    assert rule.loc["CoAtNet-7 (formula)", "computed_in_printed_unit"] == pytest.approx(44.8, rel=1e-12)
    assert rule.loc["CoAtNet-7 (quoted text)", "computed_in_printed_unit"] == pytest.approx(48.8, rel=1e-12)
    assert not rule.loc["CoAtNet-7 (quoted text)", "agrees"]
    assert rule.loc["GPT-3", "computed_in_printed_unit"] == pytest.approx(3.5, rel=1e-12)
    assert rule.loc["GPT-3", "binary"] == pytest.approx(3.5e12 / 2**40, rel=1e-12)
    assert (rule.loc["GPT-3", "binary_unit"], rule.loc["GPT-3", "printed_decimals"]) == ("TiB", 1)
    assert list(rule["agrees"]) == [True, False, True, False, True]


# ----------------------------------------------------------------------------- rule of thumb


def test_rule_of_thumb(reported):
    assert reported["Rule of thumb: bytes per parameter"] == M.bytes_per_parameter()
    assert reported["Rule of thumb: bytes per activation"] == 4
    alexnet = reported["AlexNet parameters used in the rule-of-thumb example"] * 1e6
    assert M.rule_of_thumb_bytes(alexnet) == pytest.approx(
        gb_to_bytes(reported["AlexNet minimum memory by the rule of thumb (61M x 20)"])
    )
    coatnet_used = reported["CoAtNet-7 parameters used in the formula"] * 1e6
    coatnet_quoted = reported["CoAtNet-7 parameters in the quoted text"] * 1e6
    printed = reported["CoAtNet-7 minimum memory by the rule of thumb (2240M x 20)"]
    assert M.rule_of_thumb_bytes(coatnet_used) == pytest.approx(gb_to_bytes(printed))
    assert M.rule_of_thumb_bytes(coatnet_quoted) == pytest.approx(48.8e9)
    gpt3 = reported["GPT-3 parameters"] * 1e9
    tb = reported["GPT-3 minimum memory by the rule of thumb (175B x 20)"]
    assert M.rule_of_thumb_bytes(gpt3) == pytest.approx(tb * 1e12)


# ----------------------------------------------------------------------------- activations


def test_setup_memory_bytes():
    assert M.setup_memory_bytes(175e9, "seed003_mixed_adam") == 3.5e12
    assert M.setup_memory_bytes(1.5e9, "zero_mixed_adam") == 24e9  # ZeRO's GPT-2 example
    assert M.setup_memory_bytes(1e9, "inference_fp16") == 2e9
    with pytest.raises(ValueError):
        M.setup_memory_bytes(1e9, "inference_fp8")
    with pytest.raises(ValueError):
        M.setup_memory_bytes(-1, "fp32_adam")


def test_implied_activations_per_sample():
    assert M.implied_activations_per_sample(0.71, 128) == pytest.approx(0.71e9 / 512, rel=1e-12)
    assert M.implied_activations_per_sample(0.71, 128, unit_bytes=2**30) == pytest.approx(
        0.71 * 2**30 / 512, rel=1e-12
    )
    assert M.implied_activations_per_sample(1, 1, 4, 2**30) == 2**28
    with pytest.raises(ValueError):
        M.implied_activations_per_sample(1, 0)


def test_activation_bytes():
    assert M.activation_bytes(936_323, 1) == 3_745_292
    assert M.activation_bytes(936_323, 128, 2) == 936_323 * 128 * 2


def test_transformer_activation_bytes():
    # Korthikanti et al. 2022, Eq. 1: s*b*h*(34 + 5*a*s/h) per layer
    s, b, h, a, n = 2048, 1, 12288, 96, 96  # GPT-3 175B shapes
    expected = n * s * b * h * (34 + 5 * a * s / h)
    assert M.transformer_activation_bytes(s, b, h, a, n) == pytest.approx(expected)
    assert M.transformer_activation_bytes(512, 2, 1024, 16, 24) == 24 * (
        34 * 512 * 2 * 1024 + 5 * 16 * 512**2 * 2
    )


# ----------------------------------------------------------------------------- Memory Wall


@pytest.fixture(scope="module")
def memory_wall():
    frames = {k: data.load(k) for k in ("memory_wall_cv", "memory_wall_nlp", "cv_models")}
    frames["nlp_models"] = data.load("nlp_models")
    candidates = MW.param_candidates(frames)
    return MW.recompute(data.load("memory_wall_training_memory"), candidates)


def _unit(table, model, source):
    row = table[(table["model"] == model) & (table["params_source"] == source)]
    assert len(row) == 1, (model, source)
    return row.iloc[0]["params_unit"]


def test_memory_wall_units(memory_wall):
    t = memory_wall
    assert _unit(t, "AlexNet", "memory_wall_cv.csv: AlexNet (000)") == "GiB"
    assert _unit(t, "VGG19", "cv_models.csv: vgg-19") == "GiB"  # 144M, not 000's 138M
    assert _unit(t, "VGG19", "memory_wall_cv.csv: VGG-19 (000)") == "neither"
    assert _unit(t, "ResNet152", "memory_wall_cv.csv: ResNet152 (000)") == "GB"  # 55M
    assert _unit(t, "ResNet152", "memory_wall_cv.csv: ResNet152 (002)") == "GiB"  # 60.19M
    assert _unit(t, "DenseNet201", "memory_wall_cv.csv: DenseNet201 (000)") == "GiB"
    assert _unit(t, "ResNeXt101 (64x4d)", "cv_models.csv: resnext-101-64x4d") == "GiB"
    assert _unit(t, "BERT Large", "memory_wall_nlp.csv: BERT Large") == "GB"  # 330M
    assert _unit(t, "GPT-2", "memory_wall_nlp.csv: GPT-2") == "neither"
    assert _unit(t, "Transformer Big (WMT)", "none in the book's data") == "neither"


def test_memory_wall_optimizer_multiplier(memory_wall):
    per_model = memory_wall.drop_duplicates("model").set_index("model")
    cv = ["AlexNet", "VGG19", "ResNet152", "DenseNet201", "ResNeXt101 (64x4d)"]
    assert (per_model.loc[cv, "optimizer_multiplier"] == 1).all()
    nlp = ["Transformer Big (WMT)", "BERT Large", "GPT-2"]
    assert (per_model.loc[nlp, "optimizer_multiplier"] == 2).all()
    consistent = per_model["optimizer_equals_multiplier_x_printed_params"]
    assert not consistent["GPT-2"] and consistent.drop("GPT-2").all()  # 11.62 != 2 x 5.86


def test_memory_wall_totals(memory_wall):
    per_model = memory_wall.drop_duplicates("model").set_index("model")
    assert per_model.loc["AlexNet", "sum_of_printed_parts"] == pytest.approx(1.17)
    assert per_model.loc["AlexNet", "total_printed"] == pytest.approx(1.71)
    assert per_model.loc["GPT-2", "sum_of_printed_parts"] == pytest.approx(26.11)
    assert per_model.loc["GPT-2", "sum_with_optimizer_as_multiplier_x_params"] == pytest.approx(26.21)
    others = per_model.drop(["AlexNet", "GPT-2"])
    assert (others["total_minus_sum_printed"].abs() < 1e-9).all()


def test_memory_wall_bare_number():
    table = data.load("memory_wall_training_memory")
    out = MW.recompute(table, {"BERT Large": 330})
    row = out[out["model"] == "BERT Large"].iloc[0]
    assert row["params_source"] == "given" and row["params_unit"] == "GB"


# ----------------------------------------------------------------------------- bad input


def test_negative_params():
    with pytest.raises(ValueError, match="params must be >= 0"):
        M.training_memory_bytes(-1)
    with pytest.raises(ValueError, match="params must be >= 0"):
        M.inference_memory_bytes(-5, "fp16")
    with pytest.raises(ValueError, match="params must be >= 0"):
        M.rule_of_thumb_bytes(-61e6)
    with pytest.raises(ValueError, match="must be a number"):
        M.training_memory_bytes("61M")


def test_unknown_convention_and_precision():
    with pytest.raises(ValueError, match="unknown convention"):
        M.bytes_per_parameter("fp8_lion")
    with pytest.raises(ValueError, match="unknown convention"):
        M.training_memory_bytes(10, convention="adam")
    with pytest.raises(ValueError, match="unknown precision"):
        M.inference_memory_bytes(10, "fp64")


def test_bad_shapes():
    with pytest.raises(ValueError, match="batch_size"):
        M.activation_bytes(10, 0)
    with pytest.raises(ValueError, match="divisible by heads"):
        M.transformer_activation_bytes(128, 1, 1000, 16, 1)
    with pytest.raises(ValueError, match="seq_len"):
        M.transformer_activation_bytes(0, 1, 1024, 16, 1)


def test_bad_memory_wall_table():
    with pytest.raises(ValueError, match="columns"):
        MW.recompute(data.load("cv_models"), {})
