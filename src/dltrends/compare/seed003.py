"""Seed 003 (the note on training memory): its printed numbers against the book's.

:func:`printed_values` reads the note's printed numbers from
data/paper_reported/seed003_memory_rule.csv by the keys of :data:`ITEMS`; :func:`lines`
is the AlexNet memory calculation line by line beside the printed lines (with the totals
:func:`total_as_printed` and :func:`total_consistent`); :func:`rule_examples` recomputes
the rule-of-thumb examples; :func:`claims` gives the scorecard's rows. The memory chapter,
the data audit and the scorecard use these functions, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

import pandas as pd

from dltrends import layers, memory, units
from dltrends.checks import InputError
from dltrends.compare import Claim, agrees_at_print

SEED003 = "Seed 003, 'Ch1. Model memory requirement'"

#: The items of seed003_memory_rule.csv by role: (item as written, unit).
ITEMS: dict[str, tuple[str, str]] = {
    "params": ("AlexNet total parameters (layer table Total)", "parameters"),
    "activations": ("AlexNet total activations (layer table Total)", "activations"),
    "fp16_params_bytes": ("Parameter memory, fp16 (62,378,344 x 2 byte)", "bytes"),
    "fp16_gradients_bytes": ("Gradient memory, fp16 (62,378,344 x 2 byte)", "bytes"),
    "fp32_params_bytes": ("Optimizer state: parameter copy, fp32 (62,378,344 x 4 byte)", "bytes"),
    "fp32_gradients_bytes": ("Optimizer state: gradient, fp32 (62,378,344 x 4 byte)", "bytes"),
    "fp32_momentum_bytes": ("Optimizer state: momentum, fp32 (62,378,344 x 4 byte)", "bytes"),
    "fp32_variance_bytes": ("Optimizer state: variance, fp32 (62,378,344 x 4 byte)", "bytes"),
    "activation_bytes": ("Activation memory, 1 batch (936,323 x 4 byte)", "bytes"),
    "total_bytes": ("Total minimum training memory, AlexNet", "bytes"),
    "total_gb": ("Total minimum training memory, AlexNet", "GB"),
    "bytes_per_param": ("Rule of thumb: bytes per parameter", "bytes"),
    "bytes_per_activation": ("Rule of thumb: bytes per activation", "bytes"),
    "alexnet_rule_params": ("AlexNet parameters used in the rule-of-thumb example", "million parameters"),
    "alexnet_rule_gb": ("AlexNet minimum memory by the rule of thumb (61M x 20)", "GB"),
    "coatnet_quoted": ("CoAtNet-7 parameters in the quoted text", "million parameters"),
    "coatnet_formula": ("CoAtNet-7 parameters used in the formula", "million parameters"),
    "coatnet_gb": ("CoAtNet-7 minimum memory by the rule of thumb (2240M x 20)", "GB"),
    "gpt3_params": ("GPT-3 parameters", "billion parameters"),
    "gpt3_tb": ("GPT-3 minimum memory by the rule of thumb (175B x 20)", "TB"),
}

#: The seven byte lines of the AlexNet calculation, in the note's order.
LINES = (
    "fp16_params_bytes",
    "fp16_gradients_bytes",
    "fp32_params_bytes",
    "fp32_gradients_bytes",
    "fp32_momentum_bytes",
    "fp32_variance_bytes",
    "activation_bytes",
)


def printed_values(reported: pd.DataFrame) -> dict[str, tuple[float, int]]:
    """(value, printed decimals) of every item of :data:`ITEMS` present in ``reported``."""
    decimals = (
        reported["value_decimals"] if "value_decimals" in reported else pd.Series(0, index=reported.index)
    )
    found = {
        (str(i), str(u)): (float(v), int(d))
        for i, u, v, d in zip(reported["item"], reported["unit"], reported["value"], decimals, strict=True)
    }
    return {key: found[item] for key, item in ITEMS.items() if item in found}


def lines(reported: pd.DataFrame) -> pd.DataFrame:
    """The AlexNet calculation: each byte line recomputed (count x bytes) beside the printed one.

    The counts are the layer calculator's totals (:func:`dltrends.layers.alexnet_seed003`,
    which reproduces the note's Total row). Columns ``line``, ``item``, ``count``,
    ``bytes_per_item``, ``recomputed``, ``printed``, ``agrees``; then the two totals: the
    sum of the recomputed lines and the sum of the printed lines, beside the printed total.
    """
    printed = printed_values(reported)
    totals = layers.model_totals(layers.alexnet_seed003())
    breakdown = memory.seed003_breakdown(totals["parameters"], totals["activations"])
    rows = []
    for line, (_, step) in zip(LINES, breakdown.iloc[:-1].iterrows(), strict=True):
        value, decimals = printed[line]
        rows.append(
            {
                "line": line,
                "item": ITEMS[line][0],
                "count": int(step["count"]),
                "bytes_per_item": float(step["bytes_per_item"]),
                "recomputed": int(step["bytes"]),
                "printed": int(value),
                "agrees": agrees_at_print(value, decimals, step["bytes"]),
            }
        )
    out = pd.DataFrame(rows)
    total, decimals = printed["total_bytes"]
    for label, value in (
        ("total of the recomputed lines", int(out["recomputed"].sum())),
        ("total of the printed lines", int(out["printed"].sum())),
    ):
        out.loc[len(out)] = {
            "line": label,
            "item": ITEMS["total_bytes"][0],
            "count": None,
            "bytes_per_item": None,
            "recomputed": value,
            "printed": int(total),
            "agrees": agrees_at_print(total, decimals, value),
        }
    return out


def total_as_printed(reported: pd.DataFrame) -> int:
    """The note's AlexNet total as its own printed lines add up (the printed total)."""
    return int(lines(reported).iloc[len(LINES) + 1]["recomputed"])


def total_consistent(reported: pd.DataFrame) -> int:
    """The AlexNet total with every line recomputed as count x bytes."""
    return int(lines(reported).iloc[len(LINES)]["recomputed"])


def activation_subsets_summing_to(activations: Mapping[str, int], target: int) -> list[tuple[str, ...]]:
    """All subsets of named activation counts whose sum is ``target`` (exhaustive search).

    Used to test whether the note's printed activation line, divided by its 4 bytes, is a
    partial sum of its AlexNet rows: it is not (the result is empty). At most 20 items.

    >>> activation_subsets_summing_to({"a": 1, "b": 2, "c": 3}, 3)
    [('c',), ('a', 'b')]
    """
    if not isinstance(activations, Mapping) or not activations:
        raise InputError("activations must be a non-empty mapping of name -> count")
    if len(activations) > 20:
        raise InputError(f"at most 20 items can be searched, got {len(activations)}")
    items = [(str(k), int(v)) for k, v in activations.items()]
    return [
        tuple(k for k, _ in combo)
        for size in range(1, len(items) + 1)
        for combo in combinations(items, size)
        if sum(v for _, v in combo) == target
    ]


#: The rule-of-thumb examples: (example, key of the count, the count's scale, key of the
#: printed result, the result's unit).
_EXAMPLES = (
    ("AlexNet (rule example)", "alexnet_rule_params", 1e6, "alexnet_rule_gb", "GB"),
    ("AlexNet (layer table)", "params", 1.0, "alexnet_rule_gb", "GB"),
    ("CoAtNet-7 (formula)", "coatnet_formula", 1e6, "coatnet_gb", "GB"),
    ("CoAtNet-7 (quoted text)", "coatnet_quoted", 1e6, "coatnet_gb", "GB"),
    ("GPT-3", "gpt3_params", 1e9, "gpt3_tb", "TB"),
)

_SCALES = {"GB": (units.BYTES_PER_GB, 2**30, "GiB"), "TB": (units.BYTES_PER_TB, 2**40, "TiB")}


def rule_examples(reported: pd.DataFrame) -> pd.DataFrame:
    """The note's rule-of-thumb examples recomputed with :func:`dltrends.memory.rule_of_thumb_bytes`.

    Activations are left out, as the note leaves them in its "+ alpha". One row per
    parameter count the note prints for an example: AlexNet with the count of the rule
    example and with its layer table's Total row, CoAtNet-7 with the count of the formula
    and of the quoted text, GPT-3. Columns: ``example``, ``key`` (of :data:`ITEMS`),
    ``params`` (a count), ``bytes``, ``printed``, ``printed_unit`` (the note's result,
    GB = 10^9 B, TB = 10^12 B) and ``printed_decimals``, ``computed_in_printed_unit``, ``agrees``
    (:func:`dltrends.compare.agrees_at_print` at the printed precision), and ``binary`` /
    ``binary_unit``: the same bytes in GiB (2^30) or TiB (2^40).
    """
    printed = printed_values(reported)
    rows = []
    for example, count_key, scale, result_key, unit in _EXAMPLES:
        params = printed[count_key][0] * scale
        value, decimals = printed[result_key]
        n_bytes = memory.rule_of_thumb_bytes(params)
        decimal, binary, binary_unit = _SCALES[unit]
        computed = n_bytes / decimal
        rows.append(
            {
                "example": example,
                "key": count_key,
                "params": int(round(params)),
                "bytes": int(round(n_bytes)),
                "printed": value,
                "printed_unit": unit,
                "printed_decimals": decimals,
                "computed_in_printed_unit": computed,
                "agrees": agrees_at_print(value, decimals, computed),
                "binary": n_bytes / binary,
                "binary_unit": binary_unit,
            }
        )
    return pd.DataFrame(rows)


def claims(frames: Mapping[str, pd.DataFrame]) -> list[Claim]:
    """The scorecard's claims of seed 003."""
    reported = frames["paper_reported/seed003_memory_rule"]
    printed = printed_values(reported)
    totals = layers.model_totals(layers.alexnet_seed003())
    source = f"{SEED003}, AlexNet"

    def claim(claim_id: str, key: str, kind: str, recomputed: float, unit: str, **kw) -> Claim:
        value, decimals = printed[key]
        return Claim(claim_id, kind, kw.pop("source", source), value, decimals, recomputed, unit, **kw)

    out = [
        claim(
            "seed003.alexnet.params",
            "params",
            "independent",
            totals["parameters"],
            "parameters",
            source=f"{source} layer table, Total row",
            note="the layer calculator, from the printed layer shapes (dltrends.layers.alexnet_seed003)",
        ),
        claim(
            "seed003.alexnet.activations",
            "activations",
            "independent",
            totals["activations"],
            "activations",
            source=f"{source} layer table, Total row",
            note="input image included, as the note sums them (dltrends.layers.model_totals)",
        ),
    ]
    calc = lines(reported)
    for _, row in calc.iloc[: len(LINES)].iterrows():
        wrong = row["line"] == "activation_bytes"
        out.append(
            claim(
                f"seed003.alexnet.{row['line']}",
                row["line"],
                "identity",
                row["recomputed"],
                "bytes",
                source=f"{source}, memory lines ({row['item']})",
                note=f"{row['count']:,.0f} x {row['bytes_per_item']:g} B: the note's own count and bytes",
                explanation=(
                    f"the note prints {row['printed']:,} B = {row['printed'] / 4:,.0f} x 4 B, not the "
                    f"{row['count']:,} activations of its own table; no layer output and no subset of the "
                    "table's rows has that many values: an arithmetic or copying slip, carried into the total"
                    if wrong
                    else None
                ),
            )
        )
    consistent = int(calc.iloc[len(LINES)]["recomputed"])
    sum_printed = int(calc.iloc[len(LINES) + 1]["recomputed"])
    out.append(
        claim(
            "seed003.alexnet.total_bytes",
            "total_bytes",
            "independent",
            consistent,
            "bytes",
            source=f"{source}, <total>",
            note="the sum of the lines recomputed from the layer table",
            explanation=(
                f"the note's total is the sum of its printed lines ({sum_printed:,} B), including the "
                "activation line that does not follow from its count"
            ),
        )
    )
    out.append(
        claim(
            "seed003.alexnet.total_bytes_sum",
            "total_bytes",
            "consistency",
            sum_printed,
            "bytes",
            source=f"{source}, <total> against its lines",
            note="the printed total against the sum of the printed lines",
        )
    )
    out.append(
        claim(
            "seed003.alexnet.total_gb",
            "total_gb",
            "consistency",
            units.bytes_to_gb(printed["total_bytes"][0]),
            "GB (10^9 B)",
            source=f"{source}, <total> in GB",
            note="the printed total in bytes, in GB",
        )
    )
    out.append(
        claim(
            "seed003.rule.bytes_per_param",
            "bytes_per_param",
            "identity",
            memory.bytes_per_parameter("seed003_mixed_adam"),
            "bytes per parameter",
            source=f"{SEED003}, rule of thumb",
            note="2 (fp16 weights) + 2 (fp16 gradients) + 4 x 4 (fp32 optimizer state): the rule's "
            "definition",
        )
    )
    out.append(
        claim(
            "seed003.rule.bytes_per_activation",
            "bytes_per_activation",
            "identity",
            memory.CONVENTIONS["seed003_mixed_adam"].bytes_per_activation,
            "bytes per activation",
            source=f"{SEED003}, rule of thumb",
            note="fp32 activations: the rule's definition",
        )
    )
    examples = rule_examples(reported).set_index("example")
    params = printed["alexnet_rule_params"][0]
    out.append(
        claim(
            "seed003.alexnet.rule_of_thumb_gb",
            "alexnet_rule_gb",
            "identity",
            float(examples.loc["AlexNet (rule example)", "computed_in_printed_unit"]),
            "GB (10^9 B)",
            source=f"{SEED003}, rule-of-thumb examples (AlexNet)",
            note=f"{params:g} M parameters x 20 B, activations omitted as in the note",
        )
    )
    formula, quoted = printed["coatnet_formula"][0], printed["coatnet_quoted"][0]
    quoted_gb = examples.loc["CoAtNet-7 (quoted text)", "computed_in_printed_unit"]
    out.append(
        claim(
            "seed003.coatnet7.bytes",
            "coatnet_gb",
            "identity",
            float(examples.loc["CoAtNet-7 (formula)", "computed_in_printed_unit"]),
            "GB (10^9 B)",
            source=f"{SEED003}, rule-of-thumb examples (CoAtNet-7)",
            note=(
                f"{formula:,.0f} M parameters (the formula line) x 20 B; the quoted text says "
                f"{quoted:,.0f} M, "
                f"which would give {quoted_gb:.1f} GB "
                "(see the data audit)"
            ),
        )
    )
    gpt3 = printed["gpt3_params"][0]
    out.append(
        claim(
            "seed003.gpt3.bytes",
            "gpt3_tb",
            "identity",
            float(examples.loc["GPT-3", "computed_in_printed_unit"]),
            "TB (10^12 B)",
            source=f"{SEED003}, rule-of-thumb examples (GPT-3)",
            note=f"{gpt3:g} B parameters x 20 B",
        )
    )
    return out
