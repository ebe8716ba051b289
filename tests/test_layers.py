"""Layer-shape calculator: seed 003's AlexNet table cell by cell, and torchvision models."""

import pandas as pd
import pytest

from dltrends import data
from dltrends import layers as L
from dltrends.units import macs_to_flops

# ----------------------------------------------------------------------------- seed 003


@pytest.fixture(scope="module")
def seed_table():
    return L.layer_table(L.alexnet_seed003())


@pytest.fixture(scope="module")
def reference():
    return data.load("alexnet_layers")


def test_alexnet_seed003_rows_and_names(seed_table, reference):
    assert list(seed_table["name"]) == list(reference["layer"].astype(str))
    assert list(seed_table["layer_type"]) == list(reference["layer_type"].astype(str))


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("output_height", "output_height"),
        ("output_width", "output_width"),
        ("output_channels", "output_channels"),
        ("activations", "activation_size"),
        ("weights", "kernels"),
        ("parameters", "parameters"),
    ],
)
def test_alexnet_seed003_cell_by_cell(seed_table, reference, ours, theirs):
    for row, (mine, printed) in enumerate(zip(seed_table[ours], reference[theirs], strict=True)):
        assert int(mine) == int(printed), (reference["layer"][row], ours, mine, printed)


def test_alexnet_seed003_biases(seed_table, reference):
    # The seed prints '-' (empty in the CSV) for pooling biases; we count 0.
    for mine, printed in zip(seed_table["biases"], reference["biases"], strict=True):
        assert int(mine) == (0 if pd.isna(printed) else int(printed))


def test_alexnet_seed003_kernel_stride_padding(seed_table, reference):
    for column in ("kernel_size", "stride", "padding"):
        for mine, printed in zip(seed_table[column], reference[column], strict=True):
            if pd.notna(printed):  # the seed leaves max-pool padding unprinted
                assert int(mine) == int(printed)


def test_alexnet_seed003_totals():
    totals = L.model_totals(L.alexnet_seed003())
    assert totals["parameters"] == 62_378_344
    assert totals["activations"] == 936_323
    assert totals["activations_excluding_input"] == 936_323 - 227 * 227 * 3
    reported = data.load_reported("seed003_memory_rule").set_index("item")["value"]
    assert totals["parameters"] == reported["AlexNet total parameters (layer table Total)"]
    assert totals["activations"] == reported["AlexNet total activations (layer table Total)"]


def test_alexnet_seed003_grouped():
    """Krizhevsky et al. 2012, Sec. 3.5: Conv-2 has 256 kernels of 5 x 5 x 48, Conv-4 384 of
    3 x 3 x 192 and Conv-5 256 of 3 x 3 x 192; the seed counts them over all input channels."""
    ungrouped = L.layer_table(L.alexnet_seed003()).set_index("name")
    grouped = L.layer_table(L.alexnet_seed003(grouped=True)).set_index("name")
    assert grouped.loc["Conv-2", "weights"] == 256 * 5 * 5 * 48 == 307_200
    assert grouped.loc["Conv-4", "weights"] == 384 * 3 * 3 * 192 == 663_552
    assert grouped.loc["Conv-5", "weights"] == 256 * 3 * 3 * 192 == 442_368
    changed = grouped.index[grouped["weights"] != ungrouped["weights"]].tolist()
    assert changed == ["Conv-2", "Conv-4", "Conv-5"]  # Conv-3 and the FC layers see both GPUs
    assert (ungrouped.loc[changed, "weights"] == 2 * grouped.loc[changed, "weights"]).all()
    totals = L.model_totals(L.alexnet_seed003(grouped=True))
    assert totals["parameters"] == 62_378_344 - 1_413_120 == 60_965_224  # "61M parameters"
    assert totals["activations"] == 936_323  # grouping changes no output shape
    with pytest.raises(ValueError):
        L.alexnet_seed003(grouped="yes")


def test_flops_are_two_per_mac(seed_table):
    for macs, flops in zip(seed_table["macs"], seed_table["flops"], strict=True):
        assert flops == macs_to_flops(macs) == 2 * macs


# ----------------------------------------------------------------------------- torchvision


def test_alexnet_torchvision():
    totals = L.model_totals(L.alexnet_torchvision())
    assert totals["parameters"] == 61_100_840
    assert totals["macs"] == 714_188_480
    assert round(totals["macs"] / 1e9, 2) == 0.71  # torchvision's "0.71 GFLOPS" are GMACs
    assert round(totals["flops"] / 1e9, 2) == 1.43
    assert macs_to_flops(0.71) == pytest.approx(1.42)  # Desislavov et al. Table 2
    table = L.layer_table(L.alexnet_torchvision())
    pool = table[table["layer_type"] == "adaptiveavgpool"].iloc[0]
    assert (pool["output_height"], pool["output_width"], pool["output_channels"]) == (6, 6, 256)


def test_vgg16():
    totals = L.model_totals(L.vgg16())
    assert totals["parameters"] == 138_357_544
    assert totals["macs"] / 1e9 == pytest.approx(15.47, abs=0.01)


def test_resnet50():
    totals = L.model_totals(L.resnet50())
    assert totals["parameters"] == 25_557_032
    assert totals["macs"] / 1e9 == pytest.approx(4.1, rel=0.02)
    table = L.layer_table(L.resnet50())
    last = table.iloc[-1]
    assert last["name"] == "fc" and last["parameters"] == 2048 * 1000 + 1000
    # v1.5: the stride sits in the 3x3 conv of the first block of stages 2-4
    conv2 = table.set_index("name").loc["layer2.0.conv2"]
    assert conv2["stride"] == 2 and conv2["output_height"] == 28
    assert table.set_index("name").loc["layer2.0.conv1", "stride"] == 1
    adds = table[table["layer_type"] == "add"]
    assert len(adds) == 16
    bn = table[table["layer_type"] == "batchnorm"]
    assert (bn["parameters"] == 2 * bn["output_channels"]).all()


def test_groups_halve_conv2_weights():
    grouped = L.layer_table((L.Input(27, 27, 96), L.Conv(256, kernel=5, padding=2, groups=2)))
    assert grouped["weights"].iloc[-1] == 307_200  # AlexNet's two-GPU Conv-2
    assert grouped["macs"].iloc[-1] == 27 * 27 * 256 * 5 * 5 * 48


def test_conv_output_size():
    assert L.conv_output_size(227, 11, 4) == 55
    assert L.conv_output_size(55, 3, 2) == 27
    assert L.conv_output_size(224, 7, 2, 3) == 112


# ----------------------------------------------------------------------------- bad input


def test_kernel_larger_than_input():
    with pytest.raises(ValueError, match="larger than the padded input"):
        L.layer_table((L.Input(5, 5, 3), L.Conv(8, kernel=7)))
    with pytest.raises(ValueError, match="larger than the padded input"):
        L.conv_output_size(2, 3)


def test_bad_layer_specs():
    with pytest.raises(ValueError, match="out_channels"):
        L.Conv(0, kernel=3)
    with pytest.raises(ValueError, match="kernel"):
        L.Conv(8, kernel=-1)
    with pytest.raises(ValueError, match="integer"):
        L.Input(2.5, 4, 3)
    with pytest.raises(ValueError, match="padding"):
        L.MaxPool(2, padding=2)


def test_bad_sequences():
    with pytest.raises(ValueError, match="empty"):
        L.layer_table(())
    with pytest.raises(ValueError, match="first layer must be an Input"):
        L.layer_table((L.Conv(8, kernel=3),))
    with pytest.raises(ValueError, match="only be the first"):
        L.layer_table((L.Input(8, 8, 3), L.Input(8, 8, 3)))
    with pytest.raises(ValueError, match="groups"):
        L.layer_table((L.Input(8, 8, 3), L.Conv(8, kernel=3, groups=2)))


def test_residual_shape_mismatch():
    block = L.Residual((L.Conv(16, kernel=3, padding=1),))  # identity shortcut, 3 != 16
    with pytest.raises(ValueError, match="does not match shortcut"):
        L.layer_table((L.Input(8, 8, 3), block))
