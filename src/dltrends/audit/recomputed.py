"""Checks within a table that recompute a printed column: the comparisons of
:mod:`dltrends.compare`, reported as findings.

Table 8's GFLOPS/W, Table 3's speed-ups, Table 9 and seed 003's worked example are
compared with their printed values once, in :mod:`dltrends.compare.desislavov` and
:mod:`dltrends.compare.seed003`, by the book's one rule
(:func:`dltrends.compare.agrees_at_print`); the hardware and memory chapters show the same
frames and the reproduction scorecard counts them. Here every row of those frames that
does not agree becomes a finding.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dltrends import hardware, units
from dltrends.audit.core import KINDS, finding, fmt, frame, has
from dltrends.audit.core import where as _where
from dltrends.checks import InputError
from dltrends.compare import agrees_at_print, desislavov, seed003
from dltrends.compare import slug as _slug

KIND = KINDS[1]

_T8 = "paper_reported/table8_gflops_per_watt"
_T3 = "paper_reported/table3_speedups"
_T9 = "paper_reported/table9_adapted"
_SEED003 = "paper_reported/seed003_memory_rule"


def check_table8_rule(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Table 8's printed GFLOPS/W against 1000 x TFLOPS / W of the same row
    (:func:`dltrends.compare.desislavov.table8`).

    A finding for each printed value that does not agree, with the comparison's own
    explanation: whether the printed value was computed from an unrounded TFLOPS figure,
    and what Table 9 prints for the GPU when Table 9 is given.
    """
    if not has(frames, "gpus", _T8):
        return frame([])
    table = desislavov.table8(frames["gpus"], frames[_T8], frames.get(_T9))
    findings = []
    for _, row in table[~table["agrees"]].iterrows():
        findings.append(
            finding(
                KIND,
                "table8_rule",
                f"table8_rule.{_slug(row['gpu'])}.{_slug(row['precision'])}",
                "printed GFLOPS/W vs 1000 x TFLOPS / W of the same row",
                f"{_where(_T8)}, row '{row['gpu']}, {row['precision']}'",
                f"printed {row['printed']:.2f}; {row['tflops']:.2f} TFLOPS / {row['watts']:g} W = "
                f"{row['recomputed']:.3f} GFLOPS/W",
                str(row["explanation"]),
                "the recomputed value (dltrends.hardware.gflops_per_watt from the printed TFLOPS "
                "and watts), as Table 9 prints it",
            )
        )
    return frame(findings)


def check_table3_rule(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Table 3's printed speed-ups against the throughput ratios they stand for
    (:func:`dltrends.compare.desislavov.table3`): throughput / FP32 throughput of the same
    benchmark on the reference GPU.
    """
    if not has(frames, "ngc_inference_throughput", _T3):
        return frame([])
    table = desislavov.table3(frames["ngc_inference_throughput"], frames[_T3])
    keys = ["task", "model", "framework", "batch_size", "gpu", "precision"]
    findings = []
    for _, row in table[~table["agrees"]].iterrows():
        findings.append(
            finding(
                KIND,
                "table3_rule",
                "table3_rule." + ".".join(_slug(row[k]) for k in keys),
                "printed speed-up vs throughput / FP32 throughput of the reference GPU",
                f"{_where(_T3)}, row '{', '.join(str(row[k]) for k in keys)}'",
                f"printed {row['printed']:.2f}; ratio {row['recomputed']:.4f} "
                f"(reference {row['reference_gpu']} FP32)",
                "the printed speed-up does not follow from the printed throughputs",
                "the ratio recomputed from the throughputs (dltrends.hardware.speedups)",
            )
        )
    return frame(findings)


def _keys(table: pd.DataFrame) -> pd.Series:
    return pd.Series(
        list(
            zip(
                table["adapted"].astype(str),
                table["gpu"].astype(str),
                table["precision"].astype(str),
                strict=True,
            )
        ),
        index=table.index,
    )


def table9_values(gpus: pd.DataFrame, ngc: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame | None:
    """:func:`dltrends.compare.desislavov.table9` on the rows Table 9 and its rule share.

    The comparison needs the printed rows to be those of the paper's rule
    (:func:`dltrends.hardware.adapted_gpus`, which leaves out the FP32 rows of
    :data:`dltrends.hardware.TABLE9_OMITTED_FP32`): other FP32 rows the printed table
    leaves out are left out of Table 8 for it, printed rows the rule does not give are left
    out of the printed table (:func:`check_table9_rule` reports both). None when the rest
    cannot be recomputed (the FP32 row of a GPU that adapted rows need is missing).
    """
    gaps = desislavov.table9_rule_gaps(gpus, ngc, printed)
    missing = gaps[(gaps["where"] == "rule only") & (gaps["adapted"] == "No")]
    missing = missing[~missing["gpu"].isin(hardware.TABLE9_OMITTED_FP32)]  # left out by the rule too
    leave_out = gpus["gpu"].astype(str).isin(missing["gpu"]) & (gpus["precision"].astype(str) == "FP32")
    try:
        rule = _keys(hardware.adapted_gpus(gpus[~leave_out], ngc))
        shown = printed.assign(gpu=printed["gpu"].astype(str).replace(desislavov.TABLE9_TO_TABLE8))
        keep = _keys(shown).isin(set(rule))
        return desislavov.table9(gpus[~leave_out], ngc, printed[keep.to_numpy()])
    except InputError:
        return None


def check_table9_rule(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Table 9 against its rule: Table 8's FP32 rows plus rows adapted with Table 4.

    Rows of the rule that Table 9 leaves out and printed rows the rule does not give
    (:func:`dltrends.compare.desislavov.table9_rule_gaps`), TFLOPS or GFLOPS/W that do not
    agree with their recomputation (:func:`dltrends.compare.desislavov.table9`), and GPU
    names that differ from Table 8's
    (:data:`dltrends.compare.desislavov.TABLE9_TO_TABLE8`).
    """
    if not has(frames, "gpus", "ngc_inference_throughput", _T9):
        return frame([])
    gpus, ngc, printed = frames["gpus"], frames["ngc_inference_throughput"], frames[_T9]
    findings = []
    for _, gap in desislavov.table9_rule_gaps(gpus, ngc, printed).iterrows():
        gpu, precision, adapted = gap["gpu"], gap["precision"], gap["adapted"]
        if gap["where"] == "rule only":
            findings.append(
                finding(
                    KIND,
                    "table9_rule",
                    f"table9_rule.missing.{_slug(gpu)}.{_slug(precision)}",
                    "the rows of Table 9 vs Table 8's FP32 rows plus the adapted rows",
                    f"{_where(_T9)}; {_where('gpus')}, row '{gpu}, {precision}'",
                    f"{gpu} {precision} ({adapted}) is in Table 8 but not in Table 9",
                    "Table 9 leaves this row out",
                    "Table 9 as printed for the efficiency trends (dltrends.hardware.adapted_gpus "
                    "omits the same rows by default)",
                )
            )
        else:
            findings.append(
                finding(
                    KIND,
                    "table9_rule",
                    f"table9_rule.extra.{_slug(gpu)}.{_slug(precision)}",
                    "the rows of Table 9 vs Table 8's FP32 rows plus the adapted rows",
                    f"{_where(_T9)}, row '{gpu}, {precision}'",
                    f"{gpu} {precision} ({adapted}) is in Table 9 but not given by the rule",
                    "the row does not follow from Tables 8 and 4",
                    "the rows the rule gives",
                )
            )
    values = table9_values(gpus, ngc, printed)
    for _, row in (values if values is not None else pd.DataFrame()).iterrows():
        for column, agrees, shown, recomputed in (
            ("tflops", "tflops_agrees", "tflops_printed", "tflops_recomputed"),
            ("gflops_per_watt", "agrees", "printed", "recomputed"),
        ):
            if row[agrees]:
                continue
            findings.append(
                finding(
                    KIND,
                    "table9_rule",
                    f"table9_rule.{column}.{_slug(row['adapted'])}.{_slug(row['gpu'])}.{_slug(row['precision'])}",
                    f"printed {column} vs Table 8 x Table 4",
                    f"{_where(_T9)}, row '{row['adapted']}, {row['gpu_as_printed']}, {row['precision']}'",
                    f"printed {row[shown]:.2f}; recomputed {row[recomputed]:.4f}",
                    "the printed value does not follow from Tables 8 and 4",
                    "the recomputed value (dltrends.hardware.adapted_gpus)",
                )
            )
    for name in sorted(set(printed["gpu"].astype(str)) & set(desislavov.TABLE9_TO_TABLE8)):
        table8_name = desislavov.TABLE9_TO_TABLE8[name]
        findings.append(
            finding(
                KIND,
                "table9_rule",
                f"table9_rule.name.{_slug(name)}",
                "GPU names in Table 9 vs Table 8",
                f"{_where(_T9)}, rows '{name}'; {_where('gpus')}, rows '{table8_name}'",
                f"Table 9: '{name}'; Table 8: '{table8_name}'",
                "the same GPU under two names",
                "Table 8's name (gpus.csv)",
            )
        )
    return frame(findings)


# ----------------------------------------------------------------------------- seed 003

#: Finding ids of the rule-of-thumb examples, by the key of their parameter count.
_EXAMPLE_IDS = {"params": "alexnet_params"}

_SEED003_USES = (
    "count x bytes (dltrends.compare.seed003.total_consistent); the printed total is "
    "reproduced as printed (dltrends.compare.seed003.total_as_printed)"
)


def _line_explanation(row: pd.Series, layers_table: pd.DataFrame | None) -> str:
    text = f"the printed line is {row['printed'] / row['bytes_per_item']:,.0f} x {row['bytes_per_item']:g} B"
    if row["line"] == "activation_bytes" and layers_table is not None:
        sizes = dict(
            zip(layers_table["layer"].astype(str), layers_table["activation_size"].astype(int), strict=True)
        )
        target = row["printed"] / row["bytes_per_item"]
        subsets = seed003.activation_subsets_summing_to(sizes, int(target)) if target.is_integer() else []
        if not subsets:
            return (
                f"{text}, not the {row['count']:,.0f} activations of the note's own table; no layer "
                "output and no subset of the table's rows has that many values: an arithmetic or "
                "copying slip, carried into the total"
            )
    return f"{text}, not the count x bytes of its label"


def check_seed003_printed_values(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Seed 003's printed byte lines, totals and rule-of-thumb examples, recomputed
    (:func:`dltrends.compare.seed003.lines`, :func:`~dltrends.compare.seed003.rule_examples`).

    A finding for each line that is not count x bytes, for the printed total against the
    recomputed lines and against its printed lines, for its GB value against its bytes, and
    for each rule-of-thumb example (every parameter count the note prints for it) that is
    not parameters x 20 bytes.
    """
    if not has(frames, _SEED003):
        return frame([])
    reported = frames[_SEED003]
    printed = seed003.printed_values(reported)
    here = _where(_SEED003)
    findings = []
    try:
        lines = seed003.lines(reported)
    except KeyError:  # a line or the total is not printed
        lines = pd.DataFrame()
    n_lines = len(seed003.LINES)
    layers_table = frames.get("alexnet_layers")
    for i, row in lines.iterrows():
        if row["agrees"]:
            continue
        if i < n_lines:
            finding_id, compared = row["line"], "a printed byte line vs its count x bytes per item"
            values = (
                f"printed {row['printed']:,} B; {row['count']:,.0f} x {row['bytes_per_item']:g} = "
                f"{row['recomputed']:,} B"
            )
            explanation = _line_explanation(row, layers_table)
        elif i == n_lines:
            wrong = ", ".join(
                f"'{item}'" for item in lines.iloc[:n_lines].loc[~lines.iloc[:n_lines]["agrees"], "item"]
            )
            finding_id, compared = (
                "total_bytes",
                "the printed total vs the sum of the lines recomputed as count x bytes",
            )
            values = f"printed {row['printed']:,} B; sum of the recomputed lines {row['recomputed']:,} B"
            sum_agrees = bool(lines.iloc[n_lines + 1]["agrees"])
            explanation = (
                f"the printed total is the sum of the printed lines, including {wrong}, which does not "
                "follow from its count"
                if sum_agrees and wrong
                else "the total does not follow from the lines"
            )
        else:
            finding_id, compared = "total_bytes_sum", "the printed total vs the sum of the printed lines"
            values = f"printed {row['printed']:,} B; sum of the printed lines {row['recomputed']:,} B"
            explanation = "the total does not follow from the printed lines"
        findings.append(
            finding(
                KIND,
                "seed003_printed_values",
                f"seed003_printed_values.{finding_id}",
                compared,
                f"{here}, row '{row['item']}'",
                values,
                explanation,
                _SEED003_USES if i <= n_lines else "the recomputed sum",
            )
        )
    if "total_bytes" in printed and "total_gb" in printed:
        total, (total_gb, decimals) = printed["total_bytes"][0], printed["total_gb"]
        if not agrees_at_print(total_gb, decimals, units.bytes_to_gb(total)):
            findings.append(
                finding(
                    KIND,
                    "seed003_printed_values",
                    "seed003_printed_values.total_gb",
                    "the total in GB vs the total in bytes",
                    f"{here}, row '{seed003.ITEMS['total_gb'][0]}'",
                    f"printed {total_gb:g} GB; {total:,.0f} B = {units.bytes_to_gb(total):.4f} GB",
                    "the two printed forms of the total disagree",
                    "bytes",
                )
            )
    try:
        examples = seed003.rule_examples(reported)
    except KeyError:  # an example is not printed
        examples = pd.DataFrame()
    for _, row in examples.iterrows():
        if row["agrees"]:
            continue
        key, unit = row["key"], row["printed_unit"]
        result = next(
            (k for k, (v, _) in printed.items() if seed003.ITEMS[k][1] == unit and v == row["printed"]), key
        )
        agreeing = examples[
            examples["agrees"] & (examples["printed"] == row["printed"]) & (examples["printed_unit"] == unit)
        ]
        explanation = (
            f"the note prints two parameter counts for this model; the printed result follows from the "
            f"other one ({agreeing['example'].iloc[0]})"
            if not agreeing.empty
            else "the printed result is not parameters x 20 bytes"
        )
        count, count_unit = printed[key][0], seed003.ITEMS[key][1]
        findings.append(
            finding(
                KIND,
                "seed003_printed_values",
                f"seed003_printed_values.{_EXAMPLE_IDS.get(key, key)}",
                "a rule-of-thumb result vs parameters x 20 bytes",
                f"{here}, rows '{seed003.ITEMS[key][0]}' and '{seed003.ITEMS[result][0]}'",
                f"{fmt(count)} {count_unit} x 20 B = {row['computed_in_printed_unit']:.4g} {unit}; "
                f"printed {row['printed']:g} {unit}",
                explanation,
                "the count the printed formula uses",
            )
        )
    return frame(findings)
