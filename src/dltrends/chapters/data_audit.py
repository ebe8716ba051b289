"""The appendix "Data audit": what its page shows, computed here.

The audit itself is :func:`dltrends.audit.build_audit` (its checks in
:mod:`dltrends.audit`); this module turns its findings into the page's tables and the
numbers its prose quotes, under literal keys (search a key to land on its line).
"""

from __future__ import annotations

import pandas as pd

from dltrends import audit
from dltrends.audit import originals

#: The columns of the table of every finding, in the order shown, with their headers:
#: what a reader needs first (the row, the values, the explanation), then where and why.
FINDING_HEADERS = {
    "check": "check",
    "row": "finding",
    "values": "values",
    "explanation": "explanation",
    "book_uses": "the book uses",
    "source": "source of the explanation",
    "where": "where",
    "compared": "compared",
    "kind": "kind",
}


def findings_table(findings: pd.DataFrame) -> pd.DataFrame:
    """Every finding for the page, the columns of :data:`FINDING_HEADERS`; ``row`` is the
    finding id without its check (the id is ``check.row``).
    """
    table = findings.assign(
        row=[f.removeprefix(f"{c}.") for f, c in zip(findings["finding"], findings["check"], strict=True)]
    )
    return table[list(FINDING_HEADERS)].reset_index(drop=True)


def kind_numbers(findings: pd.DataFrame) -> dict[str, int]:
    """The counts per kind of check (the key results and the first section)."""
    by_check = audit.counts_by_check(findings)
    by_kind = audit.counts_by_kind(findings).set_index("kind")["findings"]
    return {
        "n_checks": len(by_check),
        "n_findings": len(findings),
        "n_across": int(by_kind["across sources"]),
        "n_within": int(by_kind["within a table"]),
        "n_originals": int(by_kind["against original publications"]),
        "n_quiet": int((by_check["findings"] == 0).sum()),
    }


def check_numbers(
    findings: pd.DataFrame, text_claims: pd.DataFrame, date_tolerance_days: int
) -> dict[str, int]:
    """The numbers of the section on the findings per check."""
    counts = audit.counts_by_check(findings).set_index("check")["findings"]
    prose = text_claims.set_index("claim")["value"]
    return {
        "n_table8_rule": int(counts["table8_rule"]),
        "n_table3_rule": int(counts["table3_rule"]),
        "n_units": int(counts["units_gb_gib"]),
        "n_tokens": int(counts["table7_tokens_vs_prose"]),
        "n_dates": int(counts["dates_across_sources"]),
        "prose_tokens": int(prose[audit.TOKENS_CLAIM]),
        "date_tolerance_days": int(date_tolerance_days),
    }


def transformer_numbers(nlp_models: pd.DataFrame, memory_wall_nlp: pd.DataFrame) -> dict[str, str]:
    """The Transformer's date in both sources: one printed string read two ways."""
    paper = nlp_models.loc[nlp_models["model"] == "Transformer", "release_date"].iloc[0]
    wall = memory_wall_nlp.loc[memory_wall_nlp["model"] == "Transformer", "release_date"].iloc[0]
    return {
        "transformer_paper": paper.strftime("%d %B %Y"),
        "transformer_memory_wall": wall.strftime("%d %B %Y"),
    }


def originals_view(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The values checked against original publications, with the book's data beside
    them and the source of each (:func:`dltrends.audit.originals_table`).
    """
    return audit.originals_table(frames)


def launch_dates(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Table 8's launch dates checked against NVIDIA's announcements: ``gpu``, ``printed``
    (gpus.csv), ``original``, ``precision`` ('day' or 'month'), ``agrees`` and
    ``month_early`` (same day and year, the month one too early).
    """
    table = originals.originals()
    dated = table[table["unit"] == "date"]
    found = originals.compared(frames, dated).set_index("id")
    rows = []
    for _, row in dated.iterrows():
        printed, original = pd.Timestamp(found.loc[row["id"], "value"]), pd.Timestamp(row["original_date"])
        rows.append(
            {
                "gpu": row["quantity"].removesuffix(" launch date"),
                "printed": printed,
                "original": original,
                "precision": str(row["date_precision"]),
                "agrees": bool(found.loc[row["id"], "agrees"]),
                "month_early": row["date_precision"] == "day"
                and (printed.year, printed.day) == (original.year, original.day)
                and original.month - printed.month == 1,
            }
        )
    return pd.DataFrame(rows)


def originals_numbers(frames: dict[str, pd.DataFrame]) -> dict[str, object]:
    """The numbers of the section on the values checked against original publications."""
    table = originals.originals()
    dates = launch_dates(frames)
    return {
        "n_by_hand": len(table),
        "n_lost": int(table["lost"].notna().sum()),
        "n_primary": int((table["evidence"] == "primary").sum()),
        "n_reports": int((table["evidence"] == "contemporaneous report").sum()),
        "n_gpu_dates_differ": int((~dates["agrees"]).sum()),
        "n_month_early": int(dates["month_early"].sum()),
        "month_early_gpus": ", ".join(dates.loc[dates["month_early"], "gpu"]),
    }
