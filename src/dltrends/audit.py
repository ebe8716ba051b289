"""Data audit: systematic checks of the book's data, run by code over ``data/``.

Three kinds of check (:data:`KINDS`):

* **across sources**: the same model in two documents (Desislavov et al. 2023 and the
  AI and Memory Wall tables): parameters, FLOPs, dates, names and input sizes. Rows are
  matched through an explicit table of names, :data:`CANONICAL_NAMES`, never by fuzzy
  matching.
* **within a table**: a table against itself or against the rule it says it follows:
  printed totals against the sum of their parts (Memory Wall memory breakdown, seed
  003), a derived column against its formula (Table 8 GFLOPS/W = 1000 x TFLOPS / W,
  Table 3 speed-ups = throughput ratios, Table 9 = Tables 8 + 4), Table 7's input
  lengths against the prose's "single input of length 128", units (GB or GiB),
  same-name rows, dates out of order and citations that look wrong.
* **against original publications**: the values that were checked by hand against the
  models' own publications (notes/reconstruction.md), tabulated in :data:`ORIGINALS`
  with the citation key of ``book/references.bib``.

Every check is a function ``check_<id>(frames) -> DataFrame``: ``frames`` maps file
names (``cv_models``, ``paper_reported/table8_gflops_per_watt``, ...) to the frames of
:func:`dltrends.data.load` / :func:`~dltrends.data.load_reported` (:func:`load_frames`
loads them all), and the result has one row per finding with the columns of
:data:`FINDING_COLUMNS`: a stable ``finding`` id, the ``check`` id, its ``kind``, what
was ``compared``, ``where`` (document, table, row), the ``values``, the likely
``explanation`` and which value the book uses (``book_uses``). A check that finds
nothing returns an empty frame with those columns; a check whose files are missing from
``frames`` is skipped (empty result). :func:`build_audit` runs them all; the
pipeline (:mod:`dltrends.build.pipeline`) writes ``data/derived/data_audit.csv``.

Values are compared at the precision they are printed with: a value printed with ``k``
decimals stands for an interval of +/- half a unit in its last decimal, and two values
disagree when their intervals do not overlap (:func:`values_agree`). Trailing zeros are
not taken as significant, since Desislavov et al.'s Table 2 pads whole numbers to two
decimals ("61.00").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pandas as pd

from dltrends.checks import InputError

from . import data, hardware, layers, memory, scaling, units

KINDS = ("across sources", "within a table", "against original publications")

FINDING_COLUMNS = [
    "finding",
    "check",
    "kind",
    "compared",
    "where",
    "values",
    "explanation",
    "book_uses",
]

#: Files of data/paper_reported/ that the checks read (keys "paper_reported/<name>").
REPORTED_FILES = (
    "table1_alexnet_band",
    "table3_speedups",
    "table4_speedup_ratios",
    "table8_gflops_per_watt",
    "table9_adapted",
    "text_claims",
    "seed003_memory_rule",
)

#: Where each file comes from, for the ``where`` column.
WHERE = {
    "cv_models": "Desislavov et al. 2023, Table 2 (cv_models.csv)",
    "nlp_models": "Desislavov et al. 2023, Table 7 (nlp_models.csv)",
    "gpus": "Desislavov et al. 2023, Table 8 (gpus.csv)",
    "ngc_inference_throughput": "Desislavov et al. 2023, Table 3 (ngc_inference_throughput.csv)",
    "memory_wall_nlp": "AI and Memory Wall, NLP Models table (memory_wall_nlp.csv)",
    "memory_wall_cv": "AI and Memory Wall, CV tables (memory_wall_cv.csv)",
    "memory_wall_training_memory": (
        "AI and Memory Wall, Memory Breakdown table (memory_wall_training_memory.csv)"
    ),
    "alexnet_layers": "Seed 003, AlexNet layer table (alexnet_layers.csv)",
    "paper_reported/table1_alexnet_band": (
        "Desislavov et al. 2023, Table 1 (paper_reported/table1_alexnet_band.csv)"
    ),
    "paper_reported/table3_speedups": (
        "Desislavov et al. 2023, Table 3, Speed-up column (paper_reported/table3_speedups.csv)"
    ),
    "paper_reported/table8_gflops_per_watt": (
        "Desislavov et al. 2023, Table 8, GFLOPS/Watt column (paper_reported/table8_gflops_per_watt.csv)"
    ),
    "paper_reported/table9_adapted": "Desislavov et al. 2023, Table 9 (paper_reported/table9_adapted.csv)",
    "paper_reported/text_claims": "Desislavov et al. 2023, prose (paper_reported/text_claims.csv)",
    "paper_reported/seed003_memory_rule": (
        "Seed 003, worked example (paper_reported/seed003_memory_rule.csv)"
    ),
}

#: The name-matching table: every printed name of a model that appears in more than one
#: source, mapped to one canonical id. Names not listed are not matched across sources.
#: "Transformer" is the base model of Table 7 and of the Memory Wall NLP table;
#: "Transformer Big (WMT)" of the memory breakdown is a different, larger model.
#: Different variants are deliberately not merged: 002's "SENet154 (vd)" is not Table 2's
#: SENet-154, and "Fix_ResNeXt101(32x48d_wsl)" (FixRes, 320 px) is not Table 2's
#: ResNeXt-101 32x48d.
CANONICAL_NAMES: dict[str, str] = {
    # computer vision
    "AlexNet": "alexnet",
    "ZFNet": "zfnet",
    "Inception V1/GoogleLeNet": "googlenet",
    "GoogleLeNet": "googlenet",
    "MobileNet": "mobilenet",
    "MobileNetV2 1.4": "mobilenetv2-1.4",
    "EfficientNet-B1": "efficientnet-b1",
    "NoisyStudent-B1": "noisystudent-b1",
    "VGG-19": "vgg-19",
    "VGG19": "vgg-19",
    "Inception V3": "inception-v3",
    "InceptionV3": "inception-v3",
    "ResNet-50": "resnet-50",
    "ResNet50": "resnet-50",
    "ResNet-152": "resnet-152",
    "ResNet152": "resnet-152",
    "Inception V4": "inception-v4",
    "InceptionV4": "inception-v4",
    "Xception": "xception",
    "ResNeXt-101 (64x4d)": "resnext-101-64x4d",
    "ResNeXt101(64x4d)": "resnext-101-64x4d",
    "ResNeXt101 (64x4d)": "resnext-101-64x4d",
    "Densenet-201": "densenet-201",
    "DenseNet201": "densenet-201",
    # natural language
    "Transformer": "transformer",
    "Transformer Big (WMT)": "transformer-big",
    "ELMo": "elmo",
    "GPT-1": "gpt-1",
    "BERT Large": "bert-large",
    "GPT-2": "gpt-2",
    "Megatron": "megatron",
    "ALBERT-xxl": "albert-xxl",
    "ALBERT xxl": "albert-xxl",
    "Microsoft T-NLG": "t-nlg",
    "Microsoft T-NLP": "t-nlg",
    "ELECTRA Large": "electra-large",
    "GPT-3": "gpt-3",
}

#: Table 9 names that differ from Table 8's for the same GPU (an explicit map).
TABLE9_TO_TABLE8_NAMES = {"Tesla T4": "T4"}

_EMPTY = pd.DataFrame(columns=FINDING_COLUMNS)


# ----------------------------------------------------------------------------- helpers


def decimals(value: float) -> int:
    """Number of decimals a value is printed with (trailing zeros not counted).

    >>> decimals(60.19), decimals(61.0), decimals(1040.0), decimals(0.5)
    (2, 0, 0, 1)
    """
    text = f"{float(value):.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def values_agree(a: float, b: float) -> bool:
    """Return whether two printed values can be the same quantity, given their rounding.

    Each value stands for +/- half a unit of its last decimal (:func:`decimals`); they
    agree when the two intervals overlap.

    >>> values_agree(20.01, 20), values_agree(60.0, 55.0), values_agree(22.6, 23.05)
    (True, False, False)
    """
    half = 0.5 * 10.0 ** -decimals(a) + 0.5 * 10.0 ** -decimals(b)
    return abs(float(a) - float(b)) <= half + 1e-9


def normalized_name(name: str) -> str:
    """Lower-case a model name and keep only letters and digits (``×`` counts as ``x``).

    >>> normalized_name("ResNeXt101 (64x4d)") == normalized_name("ResNeXt-101 (64×4d)")
    True
    """
    return re.sub(r"[^0-9a-z]", "", str(name).lower().replace("×", "x"))


def implied_tflops(gflops_per_watt: float, watts: float) -> float:
    """TFLOPS that a printed efficiency implies at a given power: GFLOPS/W x W / 1000.

    The inverse of :func:`dltrends.hardware.gflops_per_watt` (Table 8). Used to test
    whether a printed GFLOPS/W was computed from an unrounded TFLOPS value.

    >>> round(implied_tflops(16.62, 250), 3)
    4.155
    """
    return (
        units._check_positive(gflops_per_watt, "gflops_per_watt")
        * units._check_positive(watts, "watts")
        / 1000.0
    )


def _fmt(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return str(value.date())
    if isinstance(value, float):
        if math.isnan(value):
            return "empty"
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 1e4 else f"{value:g}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 1e4 else str(value)
    return str(value)


def _finding(
    finding: str,
    check: str,
    compared: str,
    where: str,
    values: str,
    explanation: str,
    book_uses: str,
) -> dict[str, str]:
    return {
        "finding": finding,
        "check": check,
        "kind": CHECKS[check].kind,
        "compared": compared,
        "where": where,
        "values": values,
        "explanation": EXPLANATIONS.get(finding, explanation),
        "book_uses": BOOK_USES.get(finding, book_uses),
    }


def _frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    if not rows:
        return _EMPTY.copy()
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def _has(frames: Mapping[str, pd.DataFrame], *names: str) -> bool:
    return all(name in frames and frames[name] is not None for name in names)


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", str(text).lower().replace("×", "x")).strip("-")


# ----------------------------------------------------------------------------- matching


def matched_rows(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every row of every model in :data:`CANONICAL_NAMES`, in one long frame.

    Columns: ``canonical``, ``file``, ``label`` (a short name of the source table, e.g.
    "Table 2" or "Memory Wall CV Models (000)"), ``printed`` (the name as printed),
    ``where``, ``params_millions``, ``gflops``, ``release_date``, ``input`` (tokens or
    resolution, as text).
    """
    rows: list[dict[str, object]] = []

    def add(file: str, frame: pd.DataFrame, name_col: str, label_of, **cols: str | None) -> None:
        for _, row in frame.iterrows():
            printed = str(row[name_col])
            canonical = CANONICAL_NAMES.get(printed)
            if canonical is None:
                continue
            label = label_of(row)
            rows.append(
                {
                    "canonical": canonical,
                    "file": file,
                    "label": label,
                    "printed": printed,
                    "where": f"{label} ({file.split('/')[-1]}.csv), row '{printed}'",
                    **{
                        key: (row[col] if col is not None and col in frame.columns else None)
                        for key, col in cols.items()
                    },
                }
            )

    if _has(frames, "cv_models"):
        add(
            "cv_models",
            frames["cv_models"],
            "model",
            lambda r: "Desislavov Table 2",
            params_millions="params_millions",
            gflops="gflops",
            release_date="release_date",
            input=None,
        )
    if _has(frames, "paper_reported/table1_alexnet_band"):
        add(
            "paper_reported/table1_alexnet_band",
            frames["paper_reported/table1_alexnet_band"],
            "model",
            lambda r: "Desislavov Table 1",
            params_millions=None,
            gflops="gflops",
            release_date=None,
            input=None,
        )
    if _has(frames, "nlp_models"):
        add(
            "nlp_models",
            frames["nlp_models"],
            "model",
            lambda r: "Desislavov Table 7",
            params_millions="params_millions",
            gflops="gflops",
            release_date="release_date",
            input="input_tokens",
        )
    if _has(frames, "memory_wall_cv"):
        add(
            "memory_wall_cv",
            frames["memory_wall_cv"],
            "model",
            lambda r: (
                "Memory Wall CV Models (000)"
                if str(r["source_table"]).startswith("000")
                else "Memory Wall accuracy table (002)"
            ),
            params_millions="params_millions",
            gflops="inference_gflops",
            release_date="release_date",
            input="input_resolution",
        )
    if _has(frames, "memory_wall_nlp"):
        add(
            "memory_wall_nlp",
            frames["memory_wall_nlp"],
            "model_as_printed",
            lambda r: f"Memory Wall NLP Models ({r['source_document']})",
            params_millions="params_millions",
            gflops="inference_gflops",
            release_date="release_date",
            input="token_size",
        )
    if _has(frames, "memory_wall_training_memory"):
        add(
            "memory_wall_training_memory",
            frames["memory_wall_training_memory"],
            "model",
            lambda r: "Memory Wall memory breakdown",
            params_millions=None,
            gflops=None,
            release_date=None,
            input="input_size",
        )
    columns = [
        "canonical",
        "file",
        "label",
        "printed",
        "where",
        "params_millions",
        "gflops",
        "release_date",
        "input",
    ]
    return pd.DataFrame(rows, columns=columns)


def _cross_source(
    frames: Mapping[str, pd.DataFrame],
    check: str,
    column: str,
    compared: str,
    disagree: Callable[[object, object], bool],
    explain: Callable[[pd.DataFrame], str],
    book_uses: str,
) -> pd.DataFrame:
    table = matched_rows(frames)
    table = table[table[column].notna()]
    findings = []
    for canonical, group in table.groupby("canonical", sort=False):
        # Identical rows of one table printed in two documents count once.
        group = group.drop_duplicates(["label", column])
        if group["label"].nunique() < 2:
            continue
        values = list(group[column])
        if not any(disagree(a, b) for a, b in combinations(values, 2)):
            continue
        findings.append(
            _finding(
                f"{check}.{canonical}",
                check,
                compared,
                "; ".join(group["where"]),
                "; ".join(f"{lab}: {_fmt(v)}" for lab, v in zip(group["label"], values, strict=True)),
                explain(group),
                book_uses,
            )
        )
    return _frame(findings)


_BOOK_USES_ACROSS = (
    "each table's own value, where the book reproduces that table (Desislavov et al.'s for "
    "inference compute and energy); nothing in data/ is overwritten"
)


def check_params_across_sources(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Parameter counts (millions) of the same model in different tables.

    A finding where two counts disagree beyond their printed rounding
    (:func:`values_agree`), e.g. ELMo 96 (Table 7) vs 94 (Memory Wall).
    """
    return _cross_source(
        frames,
        "params_across_sources",
        "params_millions",
        "number of parameters (millions) of the same model in two sources",
        lambda a, b: not values_agree(a, b),
        lambda g: (
            "the sources print different parameter counts: a different model variant, "
            "a different way of counting, or a typo"
        ),
        _BOOK_USES_ACROSS,
    )


def check_flops_across_sources(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """GFLOPs of one forward pass of the same model in different tables.

    The explanation is computed where it can be: different input lengths (NLP), or one
    value about twice the other (multiply-adds counted as one FLOP or two).
    """

    def explain(group: pd.DataFrame) -> str:
        inputs = group["input"].dropna().astype(str).unique()
        if len(inputs) > 1:
            return (
                f"the GFLOPs are for different inputs ({' vs '.join(inputs)}): both can be "
                "right for their own input"
            )
        values = sorted(float(v) for v in group["gflops"])
        if values[0] > 0 and abs(values[-1] / values[0] - 2.0) < 0.1:
            return (
                f"one value is about twice the other ({values[-1] / values[0]:.2f}x): one source "
                "counts a multiply-add as one FLOP, the other as two"
            )
        return "the sources count FLOPs differently (model variant, counting tool or rounding)"

    return _cross_source(
        frames,
        "flops_across_sources",
        "gflops",
        "GFLOPs of one forward pass of the same model in two sources",
        lambda a, b: not values_agree(a, b),
        explain,
        _BOOK_USES_ACROSS,
    )


def _swap_day_month(date: pd.Timestamp) -> pd.Timestamp | None:
    if date.day > 12:
        return None
    return pd.Timestamp(year=date.year, month=date.day, day=date.month)


def check_dates_across_sources(frames: Mapping[str, pd.DataFrame], tolerance_days: int = 0) -> pd.DataFrame:
    """Release dates of the same model in different tables.

    Dates more than ``tolerance_days`` apart are a finding. The explanation is computed:
    the same printed string read under the two date conventions (Desislavov et al. print
    day/month/year, the Memory Wall month/day/year), a different month only (a typo), or
    different days (versions of a preprint).
    """
    if isinstance(tolerance_days, bool) or not isinstance(tolerance_days, int) or tolerance_days < 0:
        raise InputError(f"tolerance_days must be a whole number >= 0, got {tolerance_days!r}")

    def disagree(a: object, b: object) -> bool:
        return abs((pd.Timestamp(a) - pd.Timestamp(b)).days) > tolerance_days

    def explain(group: pd.DataFrame) -> str:
        dates = [pd.Timestamp(d) for d in group["release_date"]]
        for a, b in combinations(dates, 2):
            if _swap_day_month(a) == b:
                return (
                    f"{a.date()} and {b.date()} are the same printed string "
                    f"({a.day:02d}/{a.month:02d}/{a.year}) read as day/month (Desislavov et al.) "
                    "and as month/day (Memory Wall)"
                )
        for a, b in combinations(dates, 2):
            if a.year == b.year and a.day == b.day and a.month != b.month:
                return "only the month differs: likely a typo in one of the sources"
        return "different days for the same publication: likely different versions of its preprint"

    return _cross_source(
        frames,
        "dates_across_sources",
        "release_date",
        "release date of the same model in two sources",
        disagree,
        explain,
        "each table's own date; the trend fits use Desislavov et al.'s dates (cv_models.csv, nlp_models.csv)",
    )


def check_names_across_sources(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Printed names of one model that differ beyond case, spaces and punctuation.

    Models are matched through :data:`CANONICAL_NAMES`; e.g. "Microsoft T-NLG" (000) vs
    "Microsoft T-NLP" (002).
    """
    table = matched_rows(frames)
    table = table.assign(norm=table["printed"].map(normalized_name))
    findings = []
    for canonical, group in table.groupby("canonical", sort=False):
        if group["norm"].nunique() < 2:
            continue
        group = group.drop_duplicates(["label", "printed"])
        findings.append(
            _finding(
                f"names_across_sources.{canonical}",
                "names_across_sources",
                "printed name of the same model in two sources",
                "; ".join(group["where"]),
                "; ".join(f"{lab}: '{p}'" for lab, p in zip(group["label"], group["printed"], strict=True)),
                "the sources spell the model's name differently",
                "each table's name as printed; rows are matched through the audit's explicit "
                "name table (dltrends.audit.CANONICAL_NAMES)",
            )
        )
    return _frame(findings)


def check_inputs_across_sources(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Input sizes (tokens, or pixels as ``HxW``) of the same model in different tables."""

    def norm(value: object) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return re.sub(r"\s", "", str(value))

    return _cross_source(
        frames,
        "inputs_across_sources",
        "input",
        "input size (tokens or pixels) of the same model in two sources",
        lambda a, b: norm(a) != norm(b),
        lambda g: "the tables give the model's cost or memory for different inputs",
        "each table's own input size, stated beside its values",
    )


# ----------------------------------------------------------------------------- within a table


def check_identical_rows(frames: Mapping[str, pd.DataFrame], min_columns: int = 3) -> pd.DataFrame:
    """Different models with identical values in every size column (at least ``min_columns``).

    Size columns: parameters, features, GFLOPs, training PFLOPs and accuracy, where a
    file has them. Rows of the same model (per the file's canonical ``model`` column)
    are not compared. Example: the Memory Wall's RoBERTa Large row repeats GPT-2's
    parameters, features and GFLOPs.
    """
    columns_by_file = {
        "cv_models": ("model", ["params_millions", "gflops", "top1_accuracy"]),
        "nlp_models": ("model", ["params_millions", "gflops", "glue_score"]),
        "memory_wall_nlp": (
            "model",
            ["params_millions", "features_millions", "inference_gflops", "training_pflops"],
        ),
        "memory_wall_cv": (
            "model",
            ["params_millions", "inference_gflops", "training_pflops", "top1_accuracy"],
        ),
    }
    findings = []
    for file, (name_col, columns) in columns_by_file.items():
        if not _has(frames, file):
            continue
        frame = frames[file].reset_index(drop=True)
        present = [c for c in columns if c in frame.columns]
        records = frame[[name_col, *present]].to_dict("records")
        for a, b in combinations(records, 2):
            if str(a[name_col]) == str(b[name_col]):
                continue
            shared = [c for c in present if pd.notna(a[c]) and pd.notna(b[c])]
            if len(shared) < min_columns or any(float(a[c]) != float(b[c]) for c in shared):
                continue
            findings.append(
                _finding(
                    f"identical_rows.{_slug(a[name_col])}.{_slug(b[name_col])}",
                    "identical_rows",
                    f"{', '.join(shared)} of two different models in one table",
                    f"{WHERE[file]}, rows '{a[name_col]}' and '{b[name_col]}'",
                    "; ".join(f"{c}: {_fmt(float(a[c]))}" for c in shared) + " in both rows",
                    "one row's values were likely copied from the other",
                    "the rows as printed, flagged here",
                )
            )
    return _frame(findings)


def check_totals_vs_parts(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Printed totals against the sum of their printed parts.

    * the Memory Wall memory breakdown: total vs params + optimizer + activations memory
      (:func:`dltrends.memory.memory_wall_recompute`), at the 0.015 GB that three
      two-decimal parts can add up to;
    * seed 003's AlexNet Total row vs the sums of its layer table (``alexnet_layers``).
    """
    findings = []
    if _has(frames, "memory_wall_training_memory"):
        table = frames["memory_wall_training_memory"]
        recomputed = memory.memory_wall_recompute(table, {}).drop_duplicates("model")
        for _, row in recomputed.iterrows():
            total, parts = row["total_printed"], row["sum_of_printed_parts"]
            if abs(total - parts) <= 0.015 + 1e-9:
                continue
            with_multiplier = row["sum_with_optimizer_as_multiplier_x_params"]
            if abs(with_multiplier - total) <= 0.005 + 1e-9:
                explanation = (
                    f"the total equals params + {row['optimizer_multiplier']} x params + "
                    f"activations = {with_multiplier:.2f}: it was summed with optimizer memory "
                    f"{row['optimizer_multiplier']} x {row['params_memory_printed']:.2f}, not the "
                    f"printed {row['optimizer_memory_printed']:.2f}"
                )
            elif sorted(f"{total:.2f}") == sorted(f"{parts:.2f}"):
                explanation = (
                    f"{total:.2f} has the digits of the sum {parts:.2f} in another order: most "
                    "likely transposed digits"
                )
            else:
                explanation = "the total does not follow from the printed parts"
            findings.append(
                _finding(
                    f"totals_vs_parts.memory_wall.{_slug(row['model'])}",
                    "totals_vs_parts",
                    "printed total memory vs params + optimizer + activation memory",
                    f"{WHERE['memory_wall_training_memory']}, row '{row['model']}'",
                    f"total {total:.2f} GB; parts {row['params_memory_printed']:.2f} + "
                    f"{row['optimizer_memory_printed']:.2f} + "
                    f"{parts - row['params_memory_printed'] - row['optimizer_memory_printed']:.2f} "
                    f"= {parts:.2f} GB",
                    explanation,
                    "the printed parts; the total is recomputed as their sum",
                )
            )
    if _has(frames, "alexnet_layers", "paper_reported/seed003_memory_rule"):
        layer_table = frames["alexnet_layers"]
        rule = _seed003_values(frames["paper_reported/seed003_memory_rule"])
        for column, item in (
            ("parameters", SEED003_ITEMS["params"]),
            ("activation_size", SEED003_ITEMS["activations"]),
        ):
            total = int(layer_table[column].sum())
            printed = rule.get((item, "parameters" if column == "parameters" else "activations"))
            if printed is None or int(printed) == total:
                continue
            findings.append(
                _finding(
                    f"totals_vs_parts.seed003.{column}",
                    "totals_vs_parts",
                    f"the Total row vs the sum of the {column} column",
                    f"{WHERE['alexnet_layers']}; {WHERE['paper_reported/seed003_memory_rule']}, row '{item}'",
                    f"Total {int(printed):,}; sum of the rows {total:,}",
                    "the Total row does not equal the sum of the layer rows",
                    "the sum of the layer rows (dltrends.layers.model_totals)",
                )
            )
    return _frame(findings)


def check_optimizer_rule(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Memory Wall optimizer memory against the multiple of params memory its row implies.

    CV rows have optimizer = 1 x params memory (SGD with momentum), NLP rows 2 x (Adam);
    a finding where the printed optimizer memory is not that multiple of the printed
    params memory (:func:`dltrends.memory.memory_wall_recompute`).
    """
    if not _has(frames, "memory_wall_training_memory"):
        return _frame([])
    recomputed = memory.memory_wall_recompute(frames["memory_wall_training_memory"], {})
    findings = []
    for _, row in recomputed.drop_duplicates("model").iterrows():
        if row["optimizer_equals_multiplier_x_printed_params"]:
            continue
        m, p, o = row["optimizer_multiplier"], row["params_memory_printed"], row["optimizer_memory_printed"]
        with_rule = row["sum_with_optimizer_as_multiplier_x_params"]
        consistent_total = abs(with_rule - row["total_printed"]) <= 0.005
        findings.append(
            _finding(
                f"optimizer_rule.{_slug(row['model'])}",
                "optimizer_rule",
                "optimizer memory vs the multiple of params memory the other rows follow "
                f"({row['inferred_optimizer']})",
                f"{WHERE['memory_wall_training_memory']}, row '{row['model']}'",
                f"optimizer {o:.2f} GB; {m} x params {p:.2f} = {m * p:.2f} GB",
                (
                    f"the printed total uses {m * p:.2f}: the optimizer cell is likely a typo"
                    if consistent_total
                    else "the optimizer cell does not follow the table's rule"
                ),
                "the printed parts, flagged; the total is recomputed as their sum",
            )
        )
    return _frame(findings)


def check_units_gb_gib(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Memory Wall params memory, labelled GB, against 4 bytes x every parameter count.

    For each row, the parameter counts of the book's data
    (:func:`dltrends.memory.memory_wall_param_candidates`) are converted to GB (10^9 B)
    and GiB (2^30 B); a finding where no count gives the printed value in GB, the unit
    the table states. Rows with no parameter count in the data are not checked.
    """
    needed = ("memory_wall_training_memory",)
    if not _has(frames, *needed):
        return _frame([])
    candidates = memory.memory_wall_param_candidates(frames)
    table = frames["memory_wall_training_memory"]
    recomputed = memory.memory_wall_recompute(table, candidates)
    findings = []
    for model, rows in recomputed.groupby("model", sort=False):
        rows = rows[rows["params_millions"].notna()]
        if rows.empty or rows["params_unit"].isin(["GB", "both"]).any():
            continue
        printed = rows["params_memory_printed"].iloc[0]
        values = "; ".join(
            f"{r.params_millions:g} M ({r.params_source}): {r.params_memory_gb_computed:.3f} GB, "
            f"{r.params_memory_gib_computed:.3f} GiB"
            for r in rows.itertuples()
        )
        gib = rows[rows["params_unit"] == "GiB"]
        if not gib.empty:
            explanation = (
                f"{gib['params_millions'].iloc[0]:g} M x 4 B rounds to the printed {printed:.2f} "
                "in GiB (2^30 B), not in the GB (10^9 B) the table says; the table mixes units "
                "(BERT Large's row is in GB)"
            )
        else:
            explanation = (
                f"no parameter count in the data gives {printed:.2f} in either unit; it implies "
                f"{rows['implied_params_millions_if_gb'].iloc[0]:,.0f} M parameters (GB) or "
                f"{rows['implied_params_millions_if_gib'].iloc[0]:,.0f} M (GiB)"
            )
        findings.append(
            _finding(
                f"units_gb_gib.{_slug(model)}",
                "units_gb_gib",
                "printed params memory (labelled GB) vs 4 bytes x parameters in GB and in GiB",
                f"{WHERE['memory_wall_training_memory']}, row '{model}'",
                f"printed {printed:.2f}; " + values,
                explanation,
                "bytes, from parameter counts (dltrends.memory); printed values are shown with "
                "their unit stated (GB or GiB)",
            )
        )
    return _frame(findings)


def check_table8_rule(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Table 8's printed GFLOPS/W against 1000 x TFLOPS / W from the same row.

    A finding where the printed value differs from the recomputed one by more than its
    rounding (0.005). The explanation is computed: if the printed GFLOPS/W times the
    watts gives a TFLOPS value that rounds to the printed TFLOPS, the column was computed
    from an unrounded TFLOPS; if Table 9 is given, its value for the GPU is quoted.
    """
    if not _has(frames, "gpus", "paper_reported/table8_gflops_per_watt"):
        return _frame([])
    gpus = hardware.with_gflops_per_watt(frames["gpus"])
    printed = frames["paper_reported/table8_gflops_per_watt"]
    merged = gpus.merge(printed, on=["gpu", "precision"], suffixes=("", "_printed"))
    table9 = frames.get("paper_reported/table9_adapted")
    findings = []
    for _, row in merged.iterrows():
        computed, shown = row["gflops_per_watt"], row["gflops_per_watt_printed"]
        if abs(computed - shown) <= 0.005 + 1e-9:
            continue
        implied = implied_tflops(shown, row["watts"])
        slack = 0.005 + 0.005 * row["watts"] / 1000.0
        if abs(implied - row["tflops"]) <= slack + 1e-9:
            explanation = (
                f"printed {shown:.2f} x {row['watts']:g} W = {implied:.4f} TFLOPS, which rounds to "
                f"the printed {row['tflops']:.2f}: the column was computed from an unrounded TFLOPS "
                "value"
            )
        else:
            explanation = "the printed value does not follow from the printed TFLOPS and watts"
        if table9 is not None:
            names9 = table9["gpu"].map(lambda g: TABLE9_TO_TABLE8_NAMES.get(g, g))
            same = table9[(names9 == row["gpu"]) & (table9["precision"] == str(row["precision"]))]
            if not same.empty:
                explanation += f"; Table 9 prints {float(same['gflops_per_watt'].iloc[0]):.2f}"
                if abs(float(same["gflops_per_watt"].iloc[0]) - computed) <= 0.005 + 1e-9:
                    explanation += ", the value recomputed from the printed TFLOPS"
        findings.append(
            _finding(
                f"table8_rule.{_slug(row['gpu'])}.{_slug(row['precision'])}",
                "table8_rule",
                "printed GFLOPS/W vs 1000 x TFLOPS / W of the same row",
                f"{WHERE['paper_reported/table8_gflops_per_watt']}, row '{row['gpu']}, {row['precision']}'",
                f"printed {shown:.2f}; {row['tflops']:.2f} TFLOPS / {row['watts']:g} W = "
                f"{computed:.3f} GFLOPS/W",
                explanation,
                "the recomputed value (dltrends.hardware.gflops_per_watt from the printed TFLOPS "
                "and watts), as Table 9 prints it",
            )
        )
    return _frame(findings)


def check_table3_rule(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Table 3's printed speed-ups against the throughput ratios they stand for.

    Speed-up = throughput / FP32 throughput of the same benchmark on the reference GPU
    (:func:`dltrends.hardware.speedups`); a finding beyond the 0.005 of rounding.
    """
    if not _has(frames, "ngc_inference_throughput", "paper_reported/table3_speedups"):
        return _frame([])
    keys = ["task", "model", "framework", "batch_size", "gpu", "precision"]
    computed = hardware.speedups(frames["ngc_inference_throughput"])
    printed = frames["paper_reported/table3_speedups"].copy()
    computed = computed.assign(**{k: computed[k].astype(str) for k in keys})
    printed = printed.assign(**{k: printed[k].astype(str) for k in keys})
    merged = computed.merge(printed[keys + ["speedup"]], on=keys, suffixes=("", "_printed"))
    findings = []
    for _, row in merged.iterrows():
        if abs(row["speedup"] - row["speedup_printed"]) <= 0.005 + 1e-9:
            continue
        label = ", ".join(str(row[k]) for k in keys)
        findings.append(
            _finding(
                "table3_rule." + ".".join(_slug(row[k]) for k in keys),
                "table3_rule",
                "printed speed-up vs throughput / FP32 throughput of the reference GPU",
                f"{WHERE['paper_reported/table3_speedups']}, row '{label}'",
                f"printed {row['speedup_printed']:.2f}; ratio {row['speedup']:.4f} "
                f"(reference {row['reference_gpu']} FP32)",
                "the printed speed-up does not follow from the printed throughputs",
                "the ratio recomputed from the throughputs (dltrends.hardware.speedups)",
            )
        )
    return _frame(findings)


def check_table9_rule(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Table 9 against its rule: Table 8's FP32 rows plus rows adapted with Table 4.

    Recomputes Table 9 with every FP32 row of Table 8
    (:func:`dltrends.hardware.adapted_gpus` with nothing omitted) and compares it with the
    printed Table 9: rows of the rule that Table 9 leaves out, printed rows the rule does
    not give, TFLOPS or GFLOPS/W that differ beyond rounding, and GPU names that differ
    from Table 8's (matched through :data:`TABLE9_TO_TABLE8_NAMES`).
    """
    if not _has(frames, "gpus", "ngc_inference_throughput", "paper_reported/table9_adapted"):
        return _frame([])
    rule = hardware.adapted_gpus(frames["gpus"], frames["ngc_inference_throughput"], omit_fp32=())
    printed = frames["paper_reported/table9_adapted"].copy()
    printed["gpu_table8"] = printed["gpu"].map(lambda g: TABLE9_TO_TABLE8_NAMES.get(g, g))
    keys = ["adapted", "gpu", "precision"]
    rule_keys = set(zip(rule["adapted"], rule["gpu"], rule["precision"].astype(str), strict=True))
    printed_keys = set(
        zip(printed["adapted"], printed["gpu_table8"], printed["precision"].astype(str), strict=True)
    )
    where = WHERE["paper_reported/table9_adapted"]
    findings = []
    for adapted, gpu, precision in sorted(rule_keys - printed_keys):
        findings.append(
            _finding(
                f"table9_rule.missing.{_slug(gpu)}.{_slug(precision)}",
                "table9_rule",
                "the rows of Table 9 vs Table 8's FP32 rows plus the adapted rows",
                f"{where}; {WHERE['gpus']}, row '{gpu}, {precision}'",
                f"{gpu} {precision} ({adapted}) is in Table 8 but not in Table 9",
                "Table 9 leaves this FP32 row out; the paper gives no reason",
                "Table 9 as printed for the efficiency trends (dltrends.hardware.adapted_gpus "
                "omits the same rows by default)",
            )
        )
    for adapted, gpu, precision in sorted(printed_keys - rule_keys):
        findings.append(
            _finding(
                f"table9_rule.extra.{_slug(gpu)}.{_slug(precision)}",
                "table9_rule",
                "the rows of Table 9 vs Table 8's FP32 rows plus the adapted rows",
                f"{where}, row '{gpu}, {precision}'",
                f"{gpu} {precision} ({adapted}) is in Table 9 but not given by the rule",
                "the row does not follow from Tables 8 and 4",
                "the rows the rule gives",
            )
        )
    merged = rule.assign(precision=rule["precision"].astype(str)).merge(
        printed.assign(precision=printed["precision"].astype(str)),
        left_on=keys,
        right_on=["adapted", "gpu_table8", "precision"],
        suffixes=("", "_printed"),
    )
    for _, row in merged.iterrows():
        for column in ("tflops", "gflops_per_watt"):
            if abs(row[column] - row[f"{column}_printed"]) <= 0.005 + 1e-9:
                continue
            findings.append(
                _finding(
                    f"table9_rule.{column}.{_slug(row['adapted'])}.{_slug(row['gpu'])}.{_slug(row['precision'])}",
                    "table9_rule",
                    f"printed {column} vs Table 8 x Table 4",
                    f"{where}, row '{row['adapted']}, {row['gpu_printed']}, {row['precision']}'",
                    f"printed {row[f'{column}_printed']:.2f}; recomputed {row[column]:.4f}",
                    "the printed value does not follow from Tables 8 and 4",
                    "the recomputed value (dltrends.hardware.adapted_gpus)",
                )
            )
    renamed = printed[printed["gpu"] != printed["gpu_table8"]].drop_duplicates("gpu")
    for _, row in renamed.iterrows():
        findings.append(
            _finding(
                f"table9_rule.name.{_slug(row['gpu'])}",
                "table9_rule",
                "GPU names in Table 9 vs Table 8",
                f"{where}, rows '{row['gpu']}'; {WHERE['gpus']}, rows '{row['gpu_table8']}'",
                f"Table 9: '{row['gpu']}'; Table 8: '{row['gpu_table8']}'",
                "the same GPU under two names",
                "Table 8's name (gpus.csv)",
            )
        )
    return _frame(findings)


#: The claim of text_claims.csv that Table 7's input lengths are checked against.
TOKENS_CLAIM = "NLP GFLOPs are for a single input of this length"


def check_table7_tokens_vs_prose(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Table 7's input lengths against the prose: "GFLOPs are for single input of length 128"."""
    if not _has(frames, "nlp_models", "paper_reported/text_claims"):
        return _frame([])
    claims = frames["paper_reported/text_claims"].set_index("claim")
    if TOKENS_CLAIM not in claims.index:
        return _frame([])
    stated = int(claims.loc[TOKENS_CLAIM, "value"])
    findings = []
    for _, row in frames["nlp_models"].iterrows():
        if int(row["input_tokens"]) == stated:
            continue
        source = row.get("gflops_source")
        taken = f" (the GFLOPs are taken from {source})" if isinstance(source, str) and source else ""
        findings.append(
            _finding(
                f"table7_tokens_vs_prose.{_slug(row['model'])}",
                "table7_tokens_vs_prose",
                "Table 7's input length vs the prose's 'single input of length 128'",
                f"{WHERE['nlp_models']}, row '{row['model']}'; "
                f"{WHERE['paper_reported/text_claims']}, '{TOKENS_CLAIM}'",
                f"input tokens {int(row['input_tokens'])}; prose {stated}; "
                f"GFLOPs {_fmt(float(row['gflops']))}",
                f"the row's GFLOPs are for its model's own input length{taken}, not 128 tokens",
                "the printed GFLOPs with their printed input length, as the paper's figures do",
            )
        )
    return _frame(findings)


@dataclass(frozen=True)
class ProseCheck:
    """A number of the paper's prose (text_claims.csv) and the table cell it restates.

    ``transform`` is ``"value"`` (compare the cell) or ``"year"`` (compare the year of a
    date cell).
    """

    claim: str
    file: str
    key_column: str
    key: str
    column: str
    transform: str = "value"


#: Prose numbers that restate a table value.
PROSE_CHECKS: tuple[ProseCheck, ...] = (
    ProseCheck(
        "AlexNet Top-1 accuracy in 2012 (single model, one crop)",
        "cv_models",
        "model_id",
        "alexnet",
        "top1_accuracy",
    ),
    ProseCheck(
        "Meta Pseudo Labels (EfficientNet-L2) Top-1 accuracy",
        "cv_models",
        "model_id",
        "meta-pseudo-labels-l2",
        "top1_accuracy",
    ),
    ProseCheck(
        "Year of Meta Pseudo Labels result as stated in prose",
        "cv_models",
        "model_id",
        "meta-pseudo-labels-l2",
        "release_date",
        "year",
    ),
    ProseCheck("AlexNet forward pass compute", "cv_models", "model_id", "alexnet", "gflops"),
    ProseCheck("EfficientNet-L2 forward pass compute", "cv_models", "model_id", "noisystudent-l2", "gflops"),
    ProseCheck(
        "EfficientNet-B1 Top-1 accuracy, same operations as AlexNet, no extra data (2019)",
        "cv_models",
        "model_id",
        "efficientnet-b1",
        "top1_accuracy",
    ),
    ProseCheck(
        "NoisyStudent-B1 Top-1 accuracy, with extra data (2019)",
        "cv_models",
        "model_id",
        "noisystudent-b1",
        "top1_accuracy",
    ),
    ProseCheck(
        "EfficientNet-B1 Top-1 accuracy, same operations as AlexNet, no extra data (2019)",
        "cv_models",
        "model_id",
        "efficientnet-b1",
        "release_date",
        "year",
    ),
)


def check_prose_vs_tables(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Numbers in the paper's prose against the table cells they restate (:data:`PROSE_CHECKS`).

    Values are compared at their printed precision (:func:`values_agree`); years exactly.
    The year of the EfficientNet-B1 claim is read from its label ("(2019)").
    """
    if not _has(frames, "paper_reported/text_claims"):
        return _frame([])
    claims = frames["paper_reported/text_claims"].set_index("claim")
    findings = []
    for spec in PROSE_CHECKS:
        if spec.claim not in claims.index or not _has(frames, spec.file):
            continue
        frame = frames[spec.file]
        rows = frame[frame[spec.key_column] == spec.key]
        if rows.empty:
            continue
        cell = rows[spec.column].iloc[0]
        if spec.transform == "year":
            table_value = pd.Timestamp(cell).year
            match = re.search(r"\((\d{4})\)", spec.claim)
            prose_value = int(match.group(1)) if match else int(claims.loc[spec.claim, "value"])
            agree = table_value == prose_value
        else:
            table_value = float(cell)
            prose_value = float(claims.loc[spec.claim, "value"])
            agree = values_agree(table_value, prose_value)
        if agree:
            continue
        findings.append(
            _finding(
                f"prose_vs_tables.{_slug(spec.key)}.{spec.column}",
                "prose_vs_tables",
                f"a number of the prose vs the {spec.column} of the table row it restates",
                f"{WHERE['paper_reported/text_claims']}, '{spec.claim}'; {WHERE[spec.file]}, "
                f"row '{spec.key}'",
                f"prose {_fmt(prose_value)}; table {_fmt(table_value)}",
                "the prose and the table disagree",
                "the table's value",
            )
        )
    return _frame(findings)


def check_duplicate_names(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows of one table with the same name (after :func:`normalized_name`).

    The Memory Wall NLP table is checked per document (000 and 002), and the CV file per
    source table. The explanation is computed where the rows differ in training data.
    """
    findings = []

    def scan(file: str, frame: pd.DataFrame, name_col: str, table_label: str) -> None:
        norm = frame[name_col].map(normalized_name)
        for _, group in frame.groupby(norm, sort=False):
            if len(group) < 2:
                continue
            names = list(dict.fromkeys(group[name_col].astype(str)))
            explanation = "the same name twice in one table"
            if "extra_data" in group.columns and group["extra_data"].astype(str).nunique() == len(group):
                ids = ", ".join(group["model_id"].astype(str)) if "model_id" in group else ""
                data_sets = ", ".join(group["extra_data"].astype(str))
                explanation = (
                    f"the same network trained with different data ({data_sets}): legitimate; "
                    f"the rows are kept apart by model_id ({ids})"
                )
            findings.append(
                _finding(
                    f"duplicate_names.{_slug(file)}.{_slug(names[0])}",
                    "duplicate_names",
                    "model names within one table",
                    f"{table_label}, rows " + ", ".join(f"'{n}'" for n in group[name_col].astype(str)),
                    f"{len(group)} rows named " + " / ".join(f"'{n}'" for n in names),
                    explanation,
                    "every row, each with its own model_id",
                )
            )

    for file in ("cv_models", "nlp_models", "memory_wall_training_memory"):
        if _has(frames, file):
            scan(file, frames[file], "model", WHERE[file])
    if _has(frames, "memory_wall_cv"):
        frame = frames["memory_wall_cv"]
        for table, part in frame.groupby(frame["source_table"].astype(str), sort=False):
            scan("memory_wall_cv", part, "model", f"AI and Memory Wall, {table} (memory_wall_cv.csv)")
    if _has(frames, "memory_wall_nlp"):
        frame = frames["memory_wall_nlp"]
        for document in ("000", "002"):
            part = frame[frame["source_document"].astype(str).str.contains(document)]
            label = f"{WHERE['memory_wall_nlp']}, document {document}"
            scan("memory_wall_nlp", part, "model_as_printed", label)
    return _frame(findings)


def check_dates_out_of_order(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Dates that contradict each other within one table.

    * rows that cite the same publication but carry different release dates (Table 2:
      ZFNet-b one day before ZFNet, both Zeiler and Fergus 2013);
    * a row dated earlier than the row above it, in tables printed in date order
      (Tables 2 and 7, the Memory Wall model tables, Table 9's FP32 rows).
    """
    findings = []
    for file in ("cv_models", "nlp_models"):
        if not _has(frames, file):
            continue
        frame = frames[file]
        for reference, group in frame.groupby("paper_reference", sort=False):
            if group["release_date"].nunique() < 2:
                continue
            findings.append(
                _finding(
                    f"dates_out_of_order.citation.{_slug(reference)}",
                    "dates_out_of_order",
                    "release dates of rows that cite the same publication",
                    f"{WHERE[file]}, rows " + ", ".join(f"'{m}'" for m in group["model"]),
                    "; ".join(
                        f"{m}: {d.date()}" for m, d in zip(group["model"], group["release_date"], strict=True)
                    )
                    + f" (all cite '{reference}')",
                    "one publication, two dates: one of them is likely wrong",
                    "each row's printed date",
                )
            )
    ordered = [
        ("cv_models", "model", None),
        ("nlp_models", "model", None),
        ("memory_wall_nlp", "model_as_printed", None),
        ("memory_wall_cv", "model", None),
        ("paper_reported/table9_adapted", "gpu", ("adapted", "No")),
    ]
    for file, name_col, subset in ordered:
        if not _has(frames, file):
            continue
        frame = frames[file]
        date_col = "launch_date" if "launch_date" in frame.columns else "release_date"
        if subset is not None:
            frame = frame[frame[subset[0]] == subset[1]]
        frame = frame[frame[date_col].notna()].reset_index(drop=True)
        running = frame[date_col].cummax().shift(1)
        seen: set[str] = set()
        for i in frame.index[frame[date_col] < running]:
            earlier = frame.loc[: i - 1]
            above = earlier.loc[earlier[date_col].idxmax()]
            row = frame.loc[i]
            if str(row[name_col]) in seen:  # the same model printed in two documents
                continue
            seen.add(str(row[name_col]))
            findings.append(
                _finding(
                    f"dates_out_of_order.order.{_slug(file)}.{_slug(row[name_col])}",
                    "dates_out_of_order",
                    "the order of rows vs their dates, in a table printed in date order",
                    f"{WHERE[file]}, rows '{above[name_col]}' and '{row[name_col]}'",
                    f"{row[name_col]} ({row[date_col].date()}) is listed after "
                    f"{above[name_col]} ({above[date_col].date()})",
                    "the table is not strictly in date order here; no value depends on the order",
                    "the printed dates; the book sorts by date where order matters",
                )
            )
    return _frame(findings)


def _name_stem(name: str) -> str:
    return str(name).split()[0].split("(")[0]


def check_suspicious_citations(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Variants of one model (same name stem, same release date) that cite different papers.

    In Table 2, PNASNet-5 (N = 4, F = 216) cites Liu et al. 2018 and PNASNet-5 (N = 3,
    F = 54), released the same day, cites Hu et al. 2019 (the SENet paper).
    """
    findings = []
    for file in ("cv_models", "nlp_models"):
        if not _has(frames, file):
            continue
        frame = frames[file]
        stems = frame["model"].map(_name_stem)
        for (stem, _date), group in frame.groupby([stems, frame["release_date"]], sort=False):
            if group["paper_reference"].nunique() < 2:
                continue
            findings.append(
                _finding(
                    f"suspicious_citations.{_slug(stem)}",
                    "suspicious_citations",
                    "the citations of variants of one model released the same day",
                    f"{WHERE[file]}, rows " + ", ".join(f"'{m}'" for m in group["model"]),
                    "; ".join(
                        f"{m}: [{r}]" for m, r in zip(group["model"], group["paper_reference"], strict=True)
                    ),
                    "variants of one model, released together, should cite the same publication",
                    "the values as printed; the citation does not enter any calculation",
                )
            )
    return _frame(findings)


#: Items of seed003_memory_rule.csv that :func:`check_seed003_printed_values` reads.
SEED003_ITEMS = {
    "params": "AlexNet total parameters (layer table Total)",
    "activations": "AlexNet total activations (layer table Total)",
    "lines": (
        "Parameter memory, fp16 (62,378,344 x 2 byte)",
        "Gradient memory, fp16 (62,378,344 x 2 byte)",
        "Optimizer state: parameter copy, fp32 (62,378,344 x 4 byte)",
        "Optimizer state: gradient, fp32 (62,378,344 x 4 byte)",
        "Optimizer state: momentum, fp32 (62,378,344 x 4 byte)",
        "Optimizer state: variance, fp32 (62,378,344 x 4 byte)",
        "Activation memory, 1 batch (936,323 x 4 byte)",
    ),
    "total": "Total minimum training memory, AlexNet",
    "alexnet_rule_params": "AlexNet parameters used in the rule-of-thumb example",
    "alexnet_rule_gb": "AlexNet minimum memory by the rule of thumb (61M x 20)",
    "coatnet_quoted": "CoAtNet-7 parameters in the quoted text",
    "coatnet_formula": "CoAtNet-7 parameters used in the formula",
    "coatnet_gb": "CoAtNet-7 minimum memory by the rule of thumb (2240M x 20)",
    "gpt3_params": "GPT-3 parameters",
    "gpt3_tb": "GPT-3 minimum memory by the rule of thumb (175B x 20)",
}


def _seed003_values(frame: pd.DataFrame) -> dict[tuple[str, str], float]:
    columns = zip(frame["item"], frame["unit"], frame["value"], strict=True)
    return {(str(i), str(u)): float(v) for i, u, v in columns}


def check_seed003_printed_values(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Seed 003's printed byte lines, totals and rule-of-thumb examples, recomputed.

    * each line of the AlexNet calculation vs count x bytes
      (:func:`dltrends.memory.seed003_breakdown`);
    * the total vs the sum of the printed lines, and its GB value;
    * each rule-of-thumb example vs parameters x 20 bytes
      (:func:`dltrends.memory.rule_of_thumb_bytes`), for every parameter count the note
      prints (CoAtNet-7 has two);
    * the two AlexNet parameter counts of the note against each other.
    """
    if not _has(frames, "paper_reported/seed003_memory_rule"):
        return _frame([])
    values = _seed003_values(frames["paper_reported/seed003_memory_rule"])
    where = WHERE["paper_reported/seed003_memory_rule"]
    findings = []

    def get(key: str, unit: str) -> float | None:
        return values.get((SEED003_ITEMS[key], unit))

    params, acts = get("params", "parameters"), get("activations", "activations")
    if params is not None and acts is not None:
        breakdown = memory.seed003_breakdown(params, acts)
        for item, (_, line) in zip(SEED003_ITEMS["lines"], breakdown.iloc[:-1].iterrows(), strict=True):
            printed = values.get((item, "bytes"))
            if printed is None or printed == line["bytes"]:
                continue
            findings.append(
                _finding(
                    f"seed003_printed_values.{_slug(line['item'])}",
                    "seed003_printed_values",
                    "a printed byte line vs its count x bytes per item",
                    f"{where}, row '{item}'",
                    f"printed {printed:,.0f} B; {line['count']:,.0f} x {line['bytes_per_item']:g} = "
                    f"{line['bytes']:,.0f} B",
                    f"the printed line is {printed / 4:,.0f} x 4 B, not an AlexNet quantity that can be "
                    "found: an arithmetic or copying slip (dltrends.memory, "
                    "SEED003_ACTIVATION_LINE_BYTES)",
                    "count x bytes (dltrends.memory.seed003_total_consistent); the printed total is "
                    "reproduced as printed (seed003_total_as_printed)",
                )
            )
        printed_lines = [values.get((item, "bytes")) for item in SEED003_ITEMS["lines"]]
        total = get("total", "bytes")
        if total is not None and None not in printed_lines and total != sum(printed_lines):
            findings.append(
                _finding(
                    "seed003_printed_values.total",
                    "seed003_printed_values",
                    "the printed total vs the sum of the printed lines",
                    f"{where}, row '{SEED003_ITEMS['total']}'",
                    f"printed {total:,.0f} B; sum of the lines {sum(printed_lines):,.0f} B",
                    "the total does not follow from the printed lines",
                    "the recomputed sum",
                )
            )
        total_gb = get("total", "GB")
        if (
            total is not None
            and total_gb is not None
            and not values_agree(units.bytes_to_gb(total), total_gb)
        ):
            findings.append(
                _finding(
                    "seed003_printed_values.total_gb",
                    "seed003_printed_values",
                    "the total in GB vs the total in bytes",
                    f"{where}, row '{SEED003_ITEMS['total']}'",
                    f"printed {total_gb:g} GB; {total:,.0f} B = {units.bytes_to_gb(total):.4f} GB",
                    "the two printed forms of the total disagree",
                    "bytes",
                )
            )
    examples = (
        ("alexnet_rule_params", 1e6, "alexnet_rule_gb", "GB", units.BYTES_PER_GB),
        ("coatnet_formula", 1e6, "coatnet_gb", "GB", units.BYTES_PER_GB),
        ("coatnet_quoted", 1e6, "coatnet_gb", "GB", units.BYTES_PER_GB),
        ("gpt3_params", 1e9, "gpt3_tb", "TB", units.BYTES_PER_TB),
    )
    for param_key, scale, result_key, unit, unit_bytes in examples:
        count_unit = "million parameters" if scale == 1e6 else "billion parameters"
        count, printed = get(param_key, count_unit), get(result_key, unit)
        if count is None or printed is None:
            continue
        computed = memory.rule_of_thumb_bytes(count * scale) / unit_bytes
        if values_agree(computed, printed):
            continue
        findings.append(
            _finding(
                f"seed003_printed_values.{param_key}",
                "seed003_printed_values",
                "a rule-of-thumb result vs parameters x 20 bytes",
                f"{where}, rows '{SEED003_ITEMS[param_key]}' and '{SEED003_ITEMS[result_key]}'",
                f"{count:g} {count_unit} x 20 B = {computed:g} {unit}; printed {printed:g} {unit}",
                "the note prints two parameter counts for this model; the printed result follows "
                "from the other one",
                "the count the printed formula uses",
            )
        )
    rule_params = get("alexnet_rule_params", "million parameters")
    if params is not None and rule_params is not None and not values_agree(params / 1e6, rule_params):
        findings.append(
            _finding(
                "seed003_printed_values.alexnet_params",
                "seed003_printed_values",
                "the two AlexNet parameter counts of one note",
                f"{where}, rows '{SEED003_ITEMS['params']}' and '{SEED003_ITEMS['alexnet_rule_params']}'",
                f"layer table {params:,.0f}; rule-of-thumb example {rule_params:g} M",
                "two AlexNet variants: the layer table counts conv-2 without AlexNet's two groups "
                "(62.4 M); 61 M is the single-GPU variant (torchvision: 61,100,840)",
                "each count where the note uses it; the layer calculator reproduces both "
                "(dltrends.layers.alexnet_seed003, alexnet_torchvision)",
            )
        )
    return _frame(findings)


# ----------------------------------------------------------------------------- originals


@dataclass(frozen=True)
class Location:
    """Where the book's data (or a book constant) holds a value checked by hand.

    ``file`` is a frame name (``cv_models``...) or ``"scaling"`` for a constant of
    :data:`dltrends.scaling.ARCHITECTURES` (``key`` = architecture, ``column`` =
    attribute). ``transform``: ``"value"``, ``"year"`` (of a date) or ``"first_int"``
    (the first whole number of a text such as ``"227x227"``).
    """

    file: str
    key_column: str | None
    key: str
    column: str
    transform: str = "value"


@dataclass(frozen=True)
class Original:
    """A value checked by hand against a model's own publication (notes/reconstruction.md).

    ``original`` is the value the publication gives, in ``unit``; ``tolerance`` is how far
    the book's data may be from it (absolute, in ``unit``); ``citation`` is a key of
    book/references.bib; ``notes`` the item of notes/reconstruction.md. ``lost``
    describes what the seed text lost, when the paper's value did not survive extraction:
    the book then uses ``constant`` (a :class:`Location` in ``scaling``) instead.
    """

    id: str
    quantity: str
    original: float
    unit: str
    tolerance: float
    citation: str
    notes: str
    locations: tuple[Location, ...] = ()
    lost: str | None = None
    explanation: str = ""
    book_uses: str = ""


def _arch(name: str, attribute: str = "resolution_px") -> Location:
    return Location("scaling", None, name, attribute)


#: The by-hand checks (notes/reconstruction.md), one row per quantity.
ORIGINALS: tuple[Original, ...] = (
    Original(
        "fixefficientnet-b0.resolution",
        "FixEfficientNet-B0 test resolution",
        320,
        "px",
        0,
        "touvron2020fixefficientnet",
        "item 3 (FixRes README_FixEfficientNet.md)",
        (_arch("FixEfficientNet-B0"),),
        lost="the appendix's '[320]' and '(320/224)^2' were lost from the seed text",
        book_uses="320 px (dltrends.scaling): 0.78 x (320/224)^2 = 1.59, the paper's 1.6 GFLOPs",
    ),
    Original(
        "fixefficientnet-b7.resolution",
        "FixEfficientNet-B7 test resolution",
        632,
        "px",
        0,
        "touvron2020fixefficientnet",
        "item 3 (FixRes README_FixEfficientNet.md)",
        (_arch("FixEfficientNet-B7"),),
        lost="the appendix's '[632]' was lost from the seed text",
        book_uses="632 px (dltrends.scaling): 74 x (632/600)^2 = 82.1, the paper's 82 GFLOPs",
    ),
    Original(
        "fixefficientnet-l2.resolution",
        "FixEfficientNet-L2 test resolution",
        600,
        "px",
        0,
        "touvron2020fixefficientnet",
        "item 3 (FixRes README_FixEfficientNet.md)",
        (_arch("FixEfficientNet-L2"),),
        lost="the appendix's '[600]' was lost from the seed text",
        book_uses="600 px (dltrends.scaling): Eq. 4 without resolution scaling, 585 GFLOPs",
    ),
    Original(
        "efficientnet-b7.resolution",
        "EfficientNet-B7 test resolution (Table 5)",
        600,
        "px",
        0,
        "noisystudentcode",
        "item 2 (efficientnet_builder.py)",
        (_arch("EfficientNet-B7"),),
        lost="Table 5's test-resolution column was lost from the seed text",
        book_uses="600 px (dltrends.scaling, Eq. 4)",
    ),
    Original(
        "efficientnet-l2.resolution",
        "EfficientNet-L2 test resolution (Table 5)",
        800,
        "px",
        0,
        "noisystudentcode",
        "item 2 (efficientnet_builder.py)",
        (_arch("EfficientNet-L2"),),
        lost="Table 5's test-resolution column was lost from the seed text",
        book_uses="800 px (dltrends.scaling): Eq. 4 gives 1039.7, the paper's 1040 GFLOPs",
    ),
    Original(
        "efficientnet-l2.width",
        "EfficientNet-L2 width factor w (Table 5)",
        4.3,
        "factor",
        0,
        "noisystudentcode",
        "item 2 (efficientnet_builder.py)",
        (
            Location(
                "paper_reported/text_claims",
                "claim",
                "EfficientNet-L2 width scaling factor w (Table 5)",
                "value",
            ),
            _arch("EfficientNet-L2", "width"),
        ),
    ),
    Original(
        "efficientnet-l2.depth",
        "EfficientNet-L2 depth factor d (Table 5)",
        5.3,
        "factor",
        0,
        "noisystudentcode",
        "item 2 (efficientnet_builder.py)",
        (
            Location(
                "paper_reported/text_claims",
                "claim",
                "EfficientNet-L2 depth scaling factor d (Table 5)",
                "value",
            ),
            _arch("EfficientNet-L2", "depth"),
        ),
    ),
    Original(
        "efficientnet-b7.width",
        "EfficientNet-B7 width factor w (Table 5)",
        2.0,
        "factor",
        0,
        "noisystudentcode",
        "item 2 (efficientnet_builder.py)",
        (
            Location(
                "paper_reported/text_claims",
                "claim",
                "EfficientNet-B7 width scaling factor w (Table 5)",
                "value",
            ),
            _arch("EfficientNet-B7", "width"),
        ),
    ),
    Original(
        "efficientnet-b7.depth",
        "EfficientNet-B7 depth factor d (Table 5)",
        3.1,
        "factor",
        0,
        "noisystudentcode",
        "item 2 (efficientnet_builder.py)",
        (
            Location(
                "paper_reported/text_claims",
                "claim",
                "EfficientNet-B7 depth scaling factor d (Table 5)",
                "value",
            ),
            _arch("EfficientNet-B7", "depth"),
        ),
    ),
    Original(
        "vit-g14.resolution",
        "ViT-G/14 fine-tuning (and assumed test) resolution",
        518,
        "px",
        0,
        "zhai2022scaling",
        "item 4 (Appendix D)",
        (_arch("ViT-G/14"),),
        lost="the appendix's resolutions were lost from the seed text",
        book_uses="518 px (dltrends.scaling): 2859.9 x (518/384)^2 = 5204 GFLOPs; the paper prints 5270",
    ),
    Original(
        "vit-g14.table6-resolution-1",
        "ViT-G/14: resolution of Table 6's first GFLOPs column",
        224,
        "px",
        0,
        "zhai2022scaling",
        "item 4 (Table 2 of Zhai et al.)",
        (_arch("ViT-G/14 @224"),),
        lost="Table 6's column headers were lost from the seed text",
        book_uses="224 px for 965.3 GFLOPs (dltrends.scaling)",
    ),
    Original(
        "vit-g14.table6-resolution-2",
        "ViT-G/14: resolution of Table 6's second GFLOPs column",
        384,
        "px",
        0,
        "zhai2022scaling",
        "item 4 (Table 2 of Zhai et al.)",
        (_arch("ViT-G/14 @384"),),
        lost="Table 6's column headers were lost from the seed text",
        book_uses="384 px for 2859.9 GFLOPs (dltrends.scaling)",
    ),
    Original(
        "vit-g14.gflops-224",
        "ViT-G/14 GFLOPs at 224 px",
        965.3,
        "GFLOPs",
        0.05,
        "zhai2022scaling",
        "item 4 (Table 2 of Zhai et al.)",
        (
            Location(
                "paper_reported/text_claims",
                "claim",
                "ViT-G/14 GFLOPS at the first resolution of Table 6",
                "value",
            ),
            _arch("ViT-G/14 @224", "gflops"),
        ),
    ),
    Original(
        "vit-g14.gflops-384",
        "ViT-G/14 GFLOPs at 384 px",
        2859.9,
        "GFLOPs",
        0.05,
        "zhai2022scaling",
        "item 4 (Table 2 of Zhai et al.)",
        (
            Location(
                "paper_reported/text_claims",
                "claim",
                "ViT-G/14 GFLOPS at the second resolution of Table 6",
                "value",
            ),
            _arch("ViT-G/14 @384", "gflops"),
        ),
    ),
    Original(
        "vit-g14.params",
        "ViT-G/14 parameters",
        1843,
        "millions",
        0.5,
        "zhai2022scaling",
        "item 4 (Table 2 of Zhai et al.)",
        (Location("cv_models", "model_id", "vit-g14", "params_millions"),),
    ),
    Original(
        "fixefficientnet-l2.params",
        "FixEfficientNet-L2 parameters",
        480,
        "millions",
        0.5,
        "touvron2020fixefficientnet",
        "item 3",
        (Location("cv_models", "model_id", "fixefficientnet-l2", "params_millions"),),
    ),
    Original(
        "fixefficientnet-b7.params",
        "FixEfficientNet-B7 parameters",
        66,
        "millions",
        0.5,
        "touvron2020fixefficientnet",
        "item 3",
        (Location("cv_models", "model_id", "fixefficientnet-b7", "params_millions"),),
    ),
    Original(
        "fixefficientnet-b0.params",
        "FixEfficientNet-B0 parameters",
        5.3,
        "millions",
        0.05,
        "touvron2020fixefficientnet",
        "item 3",
        (Location("cv_models", "model_id", "fixefficientnet-b0", "params_millions"),),
    ),
    Original(
        "alexnet.input",
        "AlexNet input side",
        224,
        "px",
        0,
        "krizhevsky2012imagenet",
        "item 8 (AlexNet details)",
        (
            Location("alexnet_layers", "layer", "Input image", "output_height"),
            Location("memory_wall_cv", "model", "AlexNet", "input_resolution", "first_int"),
            Location("memory_wall_training_memory", "model", "AlexNet", "input_size", "first_int"),
        ),
        explanation=(
            f"the AlexNet paper says 224 px, but an 11 x 11 kernel with stride 4 and no padding "
            f"gives {layers.conv_output_size(224, 11, 4)} x "
            f"{layers.conv_output_size(224, 11, 4)} from 224 px and the paper's "
            f"{layers.conv_output_size(227, 11, 4)} x {layers.conv_output_size(227, 11, 4)} "
            "from 227 px: 227 is the size that works (a known inconsistency of the paper)"
        ),
        book_uses=(
            "227 px for the seed 003 and Memory Wall tables (as printed); torchvision's 224 px "
            "with padding 2 for the FLOPs count (dltrends.layers.alexnet_torchvision)"
        ),
    ),
    Original(
        "tesla-v100.launch-year",
        "Tesla V100 launch year",
        2017,
        "year",
        0,
        "nvidia2017volta",
        "—",
        (Location("gpus", "gpu", "Tesla V100", "launch_date", "year"),),
        explanation=(
            "the V100 was announced, and its architecture whitepaper published, in 2017; the "
            "paper's 27/03/2018 is likely the announcement of the 32 GB version (GTC 2018)"
        ),
        book_uses="the paper's date (gpus.csv), which the efficiency trend uses as printed",
    ),
    Original(
        "alexnet.params",
        "AlexNet parameters (torchvision)",
        61.10084,
        "millions",
        0.5,
        "torchvisionmodels",
        "item 8",
        (Location("cv_models", "model_id", "alexnet", "params_millions"),),
    ),
    Original(
        "vgg-16.params",
        "VGG-16 parameters (torchvision)",
        138.357544,
        "millions",
        0.5,
        "torchvisionmodels",
        "item 8",
        (Location("cv_models", "model_id", "vgg-16", "params_millions"),),
    ),
    Original(
        "vgg-19.params",
        "VGG-19 parameters (torchvision)",
        143.66724,
        "millions",
        0.5,
        "torchvisionmodels",
        "item 7 (Memory Wall table)",
        (
            Location("cv_models", "model_id", "vgg-19", "params_millions"),
            Location("memory_wall_cv", "model", "VGG-19", "params_millions"),
        ),
        explanation="138 M is VGG-16's parameter count, printed on the VGG-19 row",
        book_uses=(
            "Table 2's 144 M for inference; the Memory Wall's printed 0.54 GB params memory "
            "follows from 144 M in GiB (units_gb_gib)"
        ),
    ),
    Original(
        "resnet-50.params",
        "ResNet-50 parameters (torchvision)",
        25.557032,
        "millions",
        0.5,
        "torchvisionmodels",
        "item 8",
        (
            Location("cv_models", "model_id", "resnet-50", "params_millions"),
            Location("memory_wall_cv", "model", "ResNet50", "params_millions"),
        ),
    ),
    Original(
        "resnet-152.params",
        "ResNet-152 parameters (torchvision)",
        60.192808,
        "millions",
        0.5,
        "torchvisionmodels",
        "item 7 (Memory Wall table)",
        (
            Location("cv_models", "model_id", "resnet-152", "params_millions"),
            Location("memory_wall_cv", "model", "ResNet152", "params_millions"),
        ),
        explanation="55 M matches no ResNet-152 count; the Memory Wall's own 002 table prints 60.19",
        book_uses="Table 2's 60 M for inference; the Memory Wall rows as printed",
    ),
    Original(
        "densenet-201.params",
        "DenseNet-201 parameters (torchvision)",
        20.013928,
        "millions",
        0.5,
        "torchvisionmodels",
        "item 7 (Memory Wall table)",
        (
            Location("cv_models", "model_id", "densenet-201", "params_millions"),
            Location("memory_wall_cv", "model", "DenseNet201", "params_millions"),
        ),
    ),
    Original(
        "resnext-101-64x4d.params",
        "ResNeXt-101 (64x4d) parameters (torchvision)",
        83.455272,
        "millions",
        0.5,
        "torchvisionmodels",
        "item 7 (Memory Wall table)",
        (
            Location("cv_models", "model_id", "resnext-101-64x4d", "params_millions"),
            Location("memory_wall_cv", "model", "ResNeXt101(64x4d)", "params_millions"),
        ),
    ),
    Original(
        "alexnet.gflops",
        "AlexNet GFLOPs: 2 x torchvision's 0.71 GMACs",
        units.macs_to_flops(0.71),
        "GFLOPs",
        0.05,
        "torchvisionmodels",
        "item 8",
        (Location("cv_models", "model_id", "alexnet", "gflops"),),
    ),
    Original(
        "vgg-16.gflops",
        "VGG-16 GFLOPs: 2 x torchvision's 15.47 GMACs",
        units.macs_to_flops(15.47),
        "GFLOPs",
        0.1,
        "torchvisionmodels",
        "item 8",
        (Location("cv_models", "model_id", "vgg-16", "gflops"),),
    ),
    Original(
        "resnet-50.gflops",
        "ResNet-50 (v1) GFLOPs: 2 x He et al.'s 3.8 G multiply-adds",
        units.macs_to_flops(3.8),
        "GFLOPs",
        0.1,
        "he2016resnet",
        "item 8",
        (Location("cv_models", "model_id", "resnet-50", "gflops"),),
        explanation=(
            "Table 2's ResNet-50 should be twice He et al.'s 3.8 G multiply-adds; torchvision's "
            "ResNet-50 is the v1.5 variant (4.09 GMACs)"
        ),
    ),
)


def _locate(frames: Mapping[str, pd.DataFrame], loc: Location) -> tuple[object, str] | None:
    """The value at a location, and a label for it; None if the file is not given."""
    if loc.file == "scaling":
        value = getattr(scaling.ARCHITECTURES[loc.key], loc.column)
        return value, f"dltrends.scaling.ARCHITECTURES['{loc.key}'].{loc.column}"
    if not _has(frames, loc.file):
        return None
    frame = frames[loc.file]
    rows = frame[frame[loc.key_column].astype(str) == loc.key]
    if rows.empty:
        return None
    value = rows[loc.column].iloc[0]
    if loc.transform == "year":
        value = pd.Timestamp(value).year
    elif loc.transform == "first_int":
        value = int(re.match(r"\d+", str(value)).group(0))
    label = f"{WHERE.get(loc.file, loc.file)}, row '{loc.key}', {loc.column}"
    return value, label


def check_against_originals(
    frames: Mapping[str, pd.DataFrame], originals: tuple[Original, ...] | None = None
) -> pd.DataFrame:
    """The book's data against the original publications checked by hand (:data:`ORIGINALS`).

    A finding where a data value (or a book constant) is further from the original than
    the row's tolerance, and one for each value the seed text lost and the book restored
    from the original (the constant is compared too). ``originals`` defaults to
    :data:`ORIGINALS`.
    """
    findings = []
    for spec in ORIGINALS if originals is None else originals:
        compared = f"{spec.quantity} vs {spec.citation} ({spec.original:g} {spec.unit})"
        if spec.lost is not None:
            located = [found for loc in spec.locations if (found := _locate(frames, loc)) is not None]
            constants = "; ".join(f"{label} = {_fmt(value)}" for value, label in located)
            agrees = all(abs(float(v) - spec.original) <= spec.tolerance + 1e-9 for v, _ in located)
            findings.append(
                _finding(
                    f"against_originals.{spec.id}.lost",
                    "against_originals",
                    compared,
                    "Desislavov et al. 2023 (seed text): " + spec.lost,
                    f"lost in the seed; original {spec.original:g} {spec.unit}; book: {constants}",
                    "restored from the original publication (notes/reconstruction.md, "
                    f"{spec.notes}); the restored value "
                    + ("reproduces the paper's numbers" if agrees else "DIFFERS from the book's constant"),
                    spec.book_uses or "the original's value",
                )
            )
            continue
        for loc in spec.locations:
            found = _locate(frames, loc)
            if found is None:
                continue
            value, label = found
            if pd.isna(value) or abs(float(value) - spec.original) <= spec.tolerance + 1e-9:
                continue
            findings.append(
                _finding(
                    f"against_originals.{spec.id}.{_slug(loc.file)}",
                    "against_originals",
                    compared,
                    label,
                    f"data {_fmt(value)}; original {spec.original:g} {spec.unit} "
                    f"(tolerance {spec.tolerance:g}; notes/reconstruction.md {spec.notes})",
                    spec.explanation or "the data differs from the original publication",
                    spec.book_uses or "the value as printed in the source the book reproduces",
                )
            )
    return _frame(findings)


def originals_table() -> pd.DataFrame:
    """:data:`ORIGINALS` as a table: the quantities checked by hand and their sources."""
    rows = [
        {
            "quantity": o.quantity,
            "original": o.original,
            "unit": o.unit,
            "tolerance": o.tolerance,
            "citation": o.citation,
            "notes/reconstruction.md": o.notes,
            "lost from the seed text": "yes" if o.lost else "",
        }
        for o in ORIGINALS
    ]
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Check:
    """A registered check: its function, its kind and what it compares."""

    function: Callable[..., pd.DataFrame]
    kind: str
    description: str


CHECKS: dict[str, Check] = {
    "params_across_sources": Check(
        check_params_across_sources, KINDS[0], "parameter counts of the same model in two sources"
    ),
    "flops_across_sources": Check(
        check_flops_across_sources, KINDS[0], "GFLOPs of the same model in two sources"
    ),
    "dates_across_sources": Check(
        check_dates_across_sources, KINDS[0], "release dates of the same model in two sources"
    ),
    "names_across_sources": Check(
        check_names_across_sources, KINDS[0], "printed names of the same model in two sources"
    ),
    "inputs_across_sources": Check(
        check_inputs_across_sources, KINDS[0], "input sizes of the same model in two sources"
    ),
    "identical_rows": Check(check_identical_rows, KINDS[1], "two different models with identical values"),
    "totals_vs_parts": Check(check_totals_vs_parts, KINDS[1], "printed totals vs the sum of their parts"),
    "optimizer_rule": Check(
        check_optimizer_rule, KINDS[1], "Memory Wall optimizer memory vs m x params memory"
    ),
    "units_gb_gib": Check(check_units_gb_gib, KINDS[1], "Memory Wall params memory in GB vs GiB"),
    "table8_rule": Check(check_table8_rule, KINDS[1], "Table 8 GFLOPS/W vs TFLOPS / W"),
    "table3_rule": Check(check_table3_rule, KINDS[1], "Table 3 speed-ups vs throughput ratios"),
    "table9_rule": Check(check_table9_rule, KINDS[1], "Table 9 vs Table 8's FP32 rows and Table 4"),
    "table7_tokens_vs_prose": Check(
        check_table7_tokens_vs_prose, KINDS[1], "Table 7 input lengths vs the prose's 128 tokens"
    ),
    "prose_vs_tables": Check(
        check_prose_vs_tables, KINDS[1], "numbers of the prose vs the table cells they restate"
    ),
    "duplicate_names": Check(check_duplicate_names, KINDS[1], "rows of one table with the same name"),
    "dates_out_of_order": Check(
        check_dates_out_of_order, KINDS[1], "one publication with two dates; rows out of date order"
    ),
    "suspicious_citations": Check(
        check_suspicious_citations, KINDS[1], "variants of one model citing different papers"
    ),
    "seed003_printed_values": Check(
        check_seed003_printed_values, KINDS[1], "seed 003's printed lines and examples, recomputed"
    ),
    "against_originals": Check(
        check_against_originals, KINDS[2], "values checked by hand against the original publications"
    ),
}


#: The likely explanation of specific findings on the book's data, where it needs
#: knowledge beyond the tables (finding id -> explanation). Others are computed.
EXPLANATIONS: dict[str, str] = {
    "params_across_sources.vgg-19": (
        "138 M is VGG-16's parameter count; VGG-19 has 144 M (Simonyan and Zisserman 2015; "
        "torchvision 143.7 M), which the Memory Wall's own 0.54 GB params memory implies"
    ),
    "params_across_sources.resnet-152": (
        "55 M matches no ResNet-152 count; 60.19 M is the exact count and Table 2's 60 its rounding"
    ),
    "params_across_sources.elmo": (
        "the two sources give different counts for ELMo; no original count was checked here"
    ),
    "params_across_sources.inception-v4": (
        "Table 2's 42.68 M (from Sémery 2019) is Inception-v4's usual count; the Memory Wall's 82 M "
        "has no evident source"
    ),
    "params_across_sources.gpt-1": (
        "117 M is the size usually quoted for GPT-1; 110 M is BERT-Base's, a model built to match "
        "GPT-1's size: nearly the same architecture, counted differently"
    ),
    "params_across_sources.bert-large": (
        "BERT-Large is usually quoted as 335-340 M; the Memory Wall's 330 M gives its own 1.32 GB "
        "params memory exactly (330 M x 4 B)"
    ),
    "params_across_sources.electra-large": (
        "ELECTRA-Large has BERT-Large's size (335 M in Table 7); the Memory Wall prints 330 M for both"
    ),
    "flops_across_sources.bert-large": (
        "Table 7 gives ELECTRA-Large's GFLOPs for 128 tokens (the paper found none for "
        "BERT-Large); the Memory Wall gives BERT-Large's for 512 tokens"
    ),
    "flops_across_sources.resnet-50": (
        "Table 2's 7.6 is twice He et al.'s 3.8 G multiply-adds (ResNet-50 v1); 002's 8.19 "
        "counts the v1.5 variant (stride in the 3 x 3 convolution, about 4.1 GMACs)"
    ),
    "flops_across_sources.resnet-152": (
        "Table 2's 22.6 is twice He et al.'s 11.3 G multiply-adds (v1); 002's 23.05 is likely the "
        "v1.5 variant, as for ResNet-50"
    ),
    "flops_across_sources.densenet-201": (
        "two counting tools: Table 2 takes Sémery 2019's count, the Memory Wall another"
    ),
    "dates_across_sources.megatron": (
        "Megatron-LM is arXiv 1909.08053, from September 2019: Table 7's 2019-09-17 fits it; the "
        "Memory Wall's 08/17/2019 has the wrong month"
    ),
    "dates_across_sources.inception-v4": (
        "arXiv 1602.07261 (February 2016): the two dates are likely its submission and a later "
        "listing or version"
    ),
    "dates_across_sources.densenet-201": (
        "arXiv 1608.06993: 2016-08-25 is its first version; 2016-12-03 is likely a later version"
    ),
    "names_across_sources.t-nlg": "002's 'T-NLP' is a typo: the model is Turing-NLG (T-NLG)",
    "names_across_sources.googlenet": (
        "Table 1 shortens Table 2's 'Inception V1/GoogleLeNet' (same accuracy and GFLOPs); both "
        "misspell GoogLeNet"
    ),
    "inputs_across_sources.gpt-2": (
        "'2014' is a typo for 1024, GPT-2's context length, which the Memory Wall's NLP table gives"
    ),
    "inputs_across_sources.gpt-1": (
        "Table 7 gives GPT-1's GFLOPs for 128 tokens (from Clark et al. 2020); the Memory Wall "
        "for 512: both right for their input"
    ),
    "inputs_across_sources.bert-large": (
        "Table 7 gives GFLOPs for 128 tokens (ELECTRA-Large's); the Memory Wall for 512 tokens"
    ),
    "identical_rows.gpt-2.roberta-large": (
        "RoBERTa Large is a BERT-Large-sized model (about 355 M parameters); the row repeats "
        "GPT-2's values, likely copied"
    ),
    "prose_vs_tables.alexnet.top1_accuracy": (
        "the prose truncates Table 2's 56.52 % to 56 % (rounding would give 57 %)"
    ),
    "prose_vs_tables.meta-pseudo-labels-l2.release_date": (
        "Table 2 dates the preprint (arXiv 2003.10580, March 2020); the prose's 2021 is the year "
        "of the CVPR publication (Pham et al. 2021)"
    ),
    "dates_out_of_order.citation.zeiler-and-fergus-2013": (
        "ZFNet-b and ZFNet come from the same paper, so they should share one date; ZFNet-b's is "
        "one day earlier: likely a typo"
    ),
    "dates_out_of_order.citation.hu-et-al-2019": (
        "PNASNet-5 (N = 3, F = 54) carries the SENet citation (see suspicious_citations); its "
        "date is PNASNet-5's, not the SENet paper's"
    ),
    "suspicious_citations.pnasnet-5": (
        "PNASNet-5 is Liu et al. 2018; 'Hu et al., 2019' is the SENet paper, likely where the "
        "small model's numbers were read, not its own publication"
    ),
    "table9_rule.missing.a100.fp32": (
        "the paper has no FP32 measurement for the A100 (TF32 replaces it) and uses its adapted "
        "TF32 and mixed-precision rows instead"
    ),
    "table9_rule.name.tesla-t4": "the same GPU: NVIDIA's product name is 'Tesla T4' or 'T4'",
}

#: Which value the book uses, for specific findings (finding id -> text).
BOOK_USES: dict[str, str] = {
    "identical_rows.gpt-2.roberta-large": (
        "the row as printed, flagged; RoBERTa Large is not in Desislavov et al.'s Table 7"
    ),
    "names_across_sources.t-nlg": "'Microsoft T-NLG' (memory_wall_nlp.csv keeps the printed name)",
}


def load_frames(data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every data file and the reported files the checks use, keyed by name.

    Data files by their name (``cv_models``...), reported files as
    ``paper_reported/<name>``.
    """
    frames = {name: data.load(name, data_dir) for name in data.SCHEMAS}
    for name in REPORTED_FILES:
        frames[f"paper_reported/{name}"] = data.load_reported(name, data_dir)
    return frames


def build_audit(
    frames: Mapping[str, pd.DataFrame] | None = None, date_tolerance_days: int = 0
) -> pd.DataFrame:
    """Run every check of :data:`CHECKS`, in order; one row per finding.

    ``frames`` defaults to :func:`load_frames`; ``date_tolerance_days`` is passed to
    :func:`check_dates_across_sources`. Finding ids are unique.
    """
    frames = load_frames() if frames is None else frames
    results = []
    for check_id, check in CHECKS.items():
        if check_id == "dates_across_sources":
            result = check.function(frames, tolerance_days=date_tolerance_days)
        else:
            result = check.function(frames)
        results.append(result)
    audit = pd.concat([r for r in results if not r.empty] or [_EMPTY], ignore_index=True)
    duplicated = audit["finding"][audit["finding"].duplicated()]
    if not duplicated.empty:
        raise InputError(f"duplicate finding ids: {sorted(set(duplicated))}")
    return audit[FINDING_COLUMNS]


def counts_by_check(audit: pd.DataFrame) -> pd.DataFrame:
    """Findings per check, in :data:`CHECKS` order: ``check``, ``kind``, ``description``, ``findings``.

    Checks that found nothing are listed with 0.
    """
    counts = audit.groupby("check").size() if not audit.empty else pd.Series(dtype=int)
    rows = [
        {
            "check": check_id,
            "kind": check.kind,
            "description": check.description,
            "findings": int(counts.get(check_id, 0)),
        }
        for check_id, check in CHECKS.items()
    ]
    return pd.DataFrame(rows)


def counts_by_kind(audit: pd.DataFrame) -> pd.DataFrame:
    """Findings and checks per kind, in :data:`KINDS` order: ``kind``, ``checks``, ``findings``."""
    by_check = counts_by_check(audit)
    rows = [
        {
            "kind": kind,
            "checks": int((by_check["kind"] == kind).sum()),
            "findings": int(by_check.loc[by_check["kind"] == kind, "findings"].sum()),
        }
        for kind in KINDS
    ]
    return pd.DataFrame(rows)


def findings_of_kind(audit: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The findings of one kind, for display: every column but ``kind``."""
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}; known: {list(KINDS)}")
    return audit[audit["kind"] == kind].drop(columns="kind").reset_index(drop=True)


def html_table(frame: pd.DataFrame, table_id: str, min_widths: Mapping[str, str] | None = None):
    """A compact HTML table of ``frame`` for a book page (no index, a fixed id).

    Smaller than a pandas Styler (no per-cell ids) and, unlike the default display of a
    DataFrame, never truncates long text; numbers are printed with up to ten significant
    digits and no padding zeros. The table sits in a box that scrolls sideways
    when it is wider than the page; ``min_widths`` maps columns to a CSS minimum width
    (e.g. ``{"note": "22em"}``) so that long text does not wrap into a narrow column.
    Returns an ``IPython.display.HTML`` object.
    """
    from IPython.display import HTML

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", str(table_id)):
        raise InputError(f"table_id must be a simple HTML id, got {table_id!r}")
    unknown = set(min_widths or {}) - set(frame.columns)
    if unknown:
        raise InputError(f"min_widths names unknown column(s) {sorted(unknown)}")
    html = frame.to_html(
        index=False,
        table_id=table_id,
        classes="dltrends-table",
        border=0,
        na_rep="",
        col_space=dict(min_widths) if min_widths else None,
        float_format="{:.10g}".format,
    )
    return HTML(f'<div class="dltrends-table-box" style="overflow-x: auto;">{html}</div>')


_FINDING_LABELS = (
    ("where", "where"),
    ("values", "values"),
    ("explanation", "likely explanation"),
    ("book_uses", "the book uses"),
)


def findings_html(findings: pd.DataFrame, element_id: str):
    """Findings as a readable list, grouped by check, for a book page.

    Each check is introduced by its id, what it compares and its number of findings;
    each finding shows its id, then where, the values, the likely explanation and the
    value the book uses (and what was compared, where it differs from the check's
    description). Returns an ``IPython.display.HTML`` object; text is HTML-escaped.
    """
    from html import escape

    from IPython.display import HTML

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", str(element_id)):
        raise InputError(f"element_id must be a simple HTML id, got {element_id!r}")
    missing = set(FINDING_COLUMNS) - {"kind"} - set(findings.columns)
    if missing:
        raise InputError(f"findings lack column(s) {sorted(missing)}")
    parts = [f'<div id="{element_id}" class="dltrends-findings">']
    if findings.empty:
        parts.append("<p>No findings.</p>")
    for check_id, group in findings.groupby("check", sort=False):
        compared = group["compared"].unique()
        shared = compared[0] if len(compared) == 1 else CHECKS[check_id].description
        count = f"{len(group)} finding" + ("s" if len(group) != 1 else "")
        parts.append(
            f"<p><strong><code>{escape(check_id)}</code></strong>: {escape(shared)} ({count})</p><ul>"
        )
        for _, row in group.iterrows():
            items = [] if len(compared) == 1 else [("compared", row["compared"])]
            items += [(label, row[column]) for column, label in _FINDING_LABELS]
            lines = "".join(
                f"<li><em>{escape(label)}:</em> {escape(str(value))}</li>" for label, value in items
            )
            parts.append(f"<li><code>{escape(row['finding'])}</code><ul>{lines}</ul></li>")
        parts.append("</ul>")
    parts.append("</div>")
    return HTML("".join(parts))
