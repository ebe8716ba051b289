"""Data audit: systematic checks of the book's data, run by code over ``data/``.

Three kinds of check (:data:`KINDS`):

* **across sources** (:mod:`.across`): the same model in Desislavov et al. (2023) and in
  the AI and Memory Wall tables: parameters, FLOPs, dates, names and input sizes, matched
  through the explicit name table data/curation/model_names.csv;
* **within a table** (:mod:`.within`, :mod:`.recomputed`): a table against itself or
  against the rule it says it follows: totals against their parts, units (GB or GiB),
  Table 7's input lengths and the prose against the tables, same-name rows, dates,
  citations; and the printed columns that :mod:`dltrends.compare` recomputes (Tables 3,
  8 and 9, seed 003's worked example), the same comparisons the chapters show and the
  reproduction scorecard counts;
* **against original publications** (:mod:`.originals`): the values checked against
  the models' papers and the GPUs' announcements, data/curation/originals.csv, each
  with its source.

Every check is a function ``check_<id>(frames) -> DataFrame``: ``frames`` maps file
names (``cv_models``, ``paper_reported/table8_gflops_per_watt``, ...) to the frames of
:func:`dltrends.data.load` / :func:`~dltrends.data.load_reported` (:func:`load_frames`
loads them all), and the result has one row per finding with the columns of
:data:`FINDING_COLUMNS`: a stable ``finding`` id, the ``check``, its ``kind``, what was
``compared``, ``where`` (document, table, row), the ``values``, the ``explanation``, the
value the book uses (``book_uses``) and the ``source`` of an explanation that states a
fact about an original publication. An explanation that could not be checked says
"unverified". A check whose files are missing from ``frames`` finds nothing.
:func:`build_audit` runs them all (:data:`CHECKS`); the pipeline writes
``data/derived/data_audit.csv``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dltrends import data
from dltrends.audit import across, originals, recomputed, within
from dltrends.audit.across import (
    canonical_names,
    check_dates_across_sources,
    check_flops_across_sources,
    check_inputs_across_sources,
    check_names_across_sources,
    check_params_across_sources,
    matched_rows,
)
from dltrends.audit.core import EMPTY, FINDING_COLUMNS, KINDS, normalized_name, printed_values_agree
from dltrends.audit.originals import check_against_originals, originals_table
from dltrends.audit.recomputed import (
    check_seed003_printed_values,
    check_table3_rule,
    check_table8_rule,
    check_table9_rule,
)
from dltrends.audit.within import (
    TOKENS_CLAIM,
    check_dates_out_of_order,
    check_duplicate_names,
    check_identical_rows,
    check_optimizer_rule,
    check_prose_vs_tables,
    check_suspicious_citations,
    check_table7_tokens_vs_prose,
    check_totals_vs_parts,
    check_units_gb_gib,
)
from dltrends.checks import InputError

__all__ = [
    "CHECKS",
    "FINDING_COLUMNS",
    "KINDS",
    "REPORTED_FILES",
    "TOKENS_CLAIM",
    "Check",
    "build_audit",
    "canonical_names",
    "counts_by_check",
    "counts_by_kind",
    "findings_of_kind",
    "load_frames",
    "matched_rows",
    "normalized_name",
    "originals_table",
    "printed_values_agree",
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


@dataclass(frozen=True)
class Check:
    """A registered check: its function, its kind and what it compares."""

    function: Callable[..., pd.DataFrame]
    kind: str
    description: str


def _check(function: Callable[..., pd.DataFrame], module: object, description: str) -> Check:
    return Check(function, module.KIND, description)


#: Every check, in the order the audit runs and reports them.
CHECKS: dict[str, Check] = {
    "params_across_sources": _check(
        check_params_across_sources, across, "parameter counts of the same model in two sources"
    ),
    "flops_across_sources": _check(
        check_flops_across_sources, across, "GFLOPs of the same model in two sources"
    ),
    "dates_across_sources": _check(
        check_dates_across_sources, across, "release dates of the same model in two sources"
    ),
    "names_across_sources": _check(
        check_names_across_sources, across, "printed names of the same model in two sources"
    ),
    "inputs_across_sources": _check(
        check_inputs_across_sources, across, "input sizes of the same model in two sources"
    ),
    "identical_rows": _check(check_identical_rows, within, "two different models with identical values"),
    "totals_vs_parts": _check(check_totals_vs_parts, within, "printed totals vs the sum of their parts"),
    "optimizer_rule": _check(
        check_optimizer_rule, within, "Memory Wall optimizer memory vs m x params memory"
    ),
    "units_gb_gib": _check(check_units_gb_gib, within, "Memory Wall params memory in GB vs GiB"),
    "table8_rule": _check(check_table8_rule, recomputed, "Table 8 GFLOPS/W vs TFLOPS / W"),
    "table3_rule": _check(check_table3_rule, recomputed, "Table 3 speed-ups vs throughput ratios"),
    "table9_rule": _check(check_table9_rule, recomputed, "Table 9 vs Table 8's FP32 rows and Table 4"),
    "table7_tokens_vs_prose": _check(
        check_table7_tokens_vs_prose, within, "Table 7 input lengths vs the prose's 128 tokens"
    ),
    "prose_vs_tables": _check(
        check_prose_vs_tables, within, "numbers of the prose vs the table cells they restate"
    ),
    "duplicate_names": _check(check_duplicate_names, within, "rows of one table with the same name"),
    "dates_out_of_order": _check(
        check_dates_out_of_order, within, "one publication with two dates; rows out of date order"
    ),
    "suspicious_citations": _check(
        check_suspicious_citations, within, "variants of one model citing different papers"
    ),
    "seed003_printed_values": _check(
        check_seed003_printed_values, recomputed, "seed 003's printed lines and examples, recomputed"
    ),
    "against_originals": _check(
        check_against_originals, originals, "values checked against the original publications"
    ),
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
            results.append(check.function(frames, tolerance_days=date_tolerance_days))
        else:
            results.append(check.function(frames))
    audit = pd.concat([r for r in results if not r.empty] or [EMPTY], ignore_index=True)
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
