"""Checks across sources: the same model in two documents.

Desislavov et al. (2023) and the AI and Memory Wall tables print parameters, GFLOPs,
dates, names and input sizes of the same models. Rows are matched through the explicit
name table data/curation/model_names.csv (:func:`canonical_names`), never by fuzzy
matching: "VGG19" and "VGG-19" are one model, "Transformer Big (WMT)" and "Transformer"
are not; 002's "SENet154 (vd)" is not Table 2's SENet-154, and
"Fix_ResNeXt101(32x48d_wsl)" (FixRes, 320 px) is not Table 2's ResNeXt-101 32x48d, so
neither is listed. Numbers agree when the intervals their printed digits stand for
overlap (:func:`dltrends.audit.core.printed_values_agree`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import combinations

import pandas as pd

from dltrends.audit.core import (
    KINDS,
    curated,
    finding,
    fmt,
    frame,
    has,
    normalized_name,
    printed_values_agree,
)
from dltrends.checks import InputError

KIND = KINDS[0]

#: Which value the book uses, for the findings of parameters and GFLOPs.
BOOK_USES = (
    "each table's own value, where the book reproduces that table (Desislavov et al.'s for "
    "inference compute and energy); nothing in data/ is overwritten"
)

#: Where :func:`matched_rows` reads each file: (name column, label of a row, and the
#: column of each quantity, None where the file has none).
_SOURCES: dict[str, tuple[str, Callable[[pd.Series], str], dict[str, str | None]]] = {
    "cv_models": (
        "model",
        lambda r: "Desislavov Table 2",
        {
            "params_millions": "params_millions",
            "gflops": "gflops",
            "release_date": "release_date",
            "input": None,
        },
    ),
    "paper_reported/table1_alexnet_band": (
        "model",
        lambda r: "Desislavov Table 1",
        {"params_millions": None, "gflops": "gflops", "release_date": None, "input": None},
    ),
    "nlp_models": (
        "model",
        lambda r: "Desislavov Table 7",
        {
            "params_millions": "params_millions",
            "gflops": "gflops",
            "release_date": "release_date",
            "input": "input_tokens",
        },
    ),
    "memory_wall_cv": (
        "model",
        lambda r: (
            "Memory Wall CV Models (000)"
            if str(r["source_table"]).startswith("000")
            else "Memory Wall accuracy table (002)"
        ),
        {
            "params_millions": "params_millions",
            "gflops": "inference_gflops",
            "release_date": "release_date",
            "input": "input_resolution",
        },
    ),
    "memory_wall_nlp": (
        "model_as_printed",
        lambda r: f"Memory Wall NLP Models ({r['source_document']})",
        {
            "params_millions": "params_millions",
            "gflops": "inference_gflops",
            "release_date": "release_date",
            "input": "token_size",
        },
    ),
    "memory_wall_training_memory": (
        "model",
        lambda r: "Memory Wall memory breakdown",
        {"params_millions": None, "gflops": None, "release_date": None, "input": "input_size"},
    ),
}

_MATCHED_COLUMNS = [
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


def canonical_names() -> dict[str, str]:
    """Every printed name of a model that appears in more than one source -> one
    canonical id (data/curation/model_names.csv). Names not listed are never matched.
    """
    table = curated("model_names")
    return dict(zip(table["printed_name"].astype(str), table["canonical"].astype(str), strict=True))


def matched_rows(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every row of every model of :func:`canonical_names`, in one long frame.

    Columns: ``canonical``, ``file``, ``label`` (a short name of the source table, e.g.
    "Desislavov Table 2" or "Memory Wall CV Models (000)"), ``printed`` (the name as
    printed), ``where``, ``params_millions``, ``gflops``, ``release_date``, ``input``
    (tokens or resolution).
    """
    names = canonical_names()
    rows: list[dict[str, object]] = []
    for file, (name_col, label_of, columns) in _SOURCES.items():
        if not has(frames, file):
            continue
        table = frames[file]
        for _, row in table.iterrows():
            printed = str(row[name_col])
            if printed not in names:
                continue
            label = label_of(row)
            values = {
                key: (row[col] if col is not None and col in table.columns else None)
                for key, col in columns.items()
            }
            rows.append(
                {
                    "canonical": names[printed],
                    "file": file,
                    "label": label,
                    "printed": printed,
                    "where": f"{label} ({file.split('/')[-1]}.csv), row '{printed}'",
                    **values,
                }
            )
    return pd.DataFrame(rows, columns=_MATCHED_COLUMNS)


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
            finding(
                KIND,
                check,
                f"{check}.{canonical}",
                compared,
                "; ".join(group["where"]),
                "; ".join(f"{lab}: {fmt(v)}" for lab, v in zip(group["label"], values, strict=True)),
                explain(group),
                book_uses,
            )
        )
    return frame(findings)


def check_params_across_sources(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Parameter counts (millions) of the same model in different tables, e.g. ELMo 96
    (Table 7) vs 94 (Memory Wall).
    """
    return _cross_source(
        frames,
        "params_across_sources",
        "params_millions",
        "number of parameters (millions) of the same model in two sources",
        lambda a, b: not printed_values_agree(a, b),
        lambda g: (
            "the sources print different parameter counts: a different model variant, "
            "a different way of counting, or a typo"
        ),
        BOOK_USES,
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
        lambda a, b: not printed_values_agree(a, b),
        explain,
        BOOK_USES,
    )


def _swap_day_month(date: pd.Timestamp) -> pd.Timestamp | None:
    if date.day > 12:
        return None
    return pd.Timestamp(year=date.year, month=date.day, day=date.month)


def check_dates_across_sources(frames: Mapping[str, pd.DataFrame], tolerance_days: int = 0) -> pd.DataFrame:
    """Release dates of the same model in different tables.

    Dates more than ``tolerance_days`` apart are a finding. The explanation is computed:
    the same printed string read under the two date conventions (Desislavov et al. print
    day/month/year, the Memory Wall month/day/year), a different month only, or
    different days.
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
                return "only the month differs: a typo in one of the sources would explain it (unverified)"
        return (
            "different days for the same publication: which dates they are (versions of a "
            "preprint?) is unverified"
        )

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
    """Printed names of one model that differ beyond case, spaces and punctuation, e.g.
    "Microsoft T-NLG" (000) vs "Microsoft T-NLP" (002).
    """
    table = matched_rows(frames)
    table = table.assign(norm=table["printed"].map(normalized_name))
    findings = []
    for canonical, group in table.groupby("canonical", sort=False):
        if group["norm"].nunique() < 2:
            continue
        group = group.drop_duplicates(["label", "printed"])
        findings.append(
            finding(
                KIND,
                "names_across_sources",
                f"names_across_sources.{canonical}",
                "printed name of the same model in two sources",
                "; ".join(group["where"]),
                "; ".join(f"{lab}: '{p}'" for lab, p in zip(group["label"], group["printed"], strict=True)),
                "the sources spell the model's name differently",
                "each table's name as printed; rows are matched through the audit's explicit "
                "name table (data/curation/model_names.csv)",
            )
        )
    return frame(findings)


def check_inputs_across_sources(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Input sizes (tokens, or pixels as ``HxW``) of the same model in different tables."""

    def norm(value: object) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return "".join(str(value).split())

    return _cross_source(
        frames,
        "inputs_across_sources",
        "input",
        "input size (tokens or pixels) of the same model in two sources",
        lambda a, b: norm(a) != norm(b),
        lambda g: "the tables give the model's cost or memory for different inputs",
        "each table's own input size, stated beside its values",
    )
