"""Checks within a table: a table against itself or against the rule its rows follow.

Printed totals against the sum of their parts (the Memory Wall memory breakdown, seed
003's AlexNet table), the breakdown's optimizer rule and units (GB or GiB), Table 7's
input lengths and the prose's numbers against the table cells they restate, same-name
rows, dates that contradict each other and citations that look wrong. The checks that
recompute a printed column through :mod:`dltrends.compare` (Tables 3, 8 and 9, seed 003's
lines) are in :mod:`dltrends.audit.recomputed`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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
from dltrends.audit.core import where as _where
from dltrends.compare import agrees_at_print, memory_wall, seed003, tolerance
from dltrends.compare import slug as _slug
from dltrends.compare.desislavov import decimals_of

KIND = KINDS[1]

#: The claim of text_claims.csv that Table 7's input lengths are checked against.
TOKENS_CLAIM = "NLP GFLOPs are for a single input of this length"

#: The size columns compared by :func:`check_identical_rows`, per file: (name column, columns).
IDENTICAL_COLUMNS = {
    "cv_models": ("model", ["params_millions", "gflops", "top1_accuracy"]),
    "nlp_models": ("model", ["params_millions", "gflops", "glue_score"]),
    "memory_wall_nlp": (
        "model",
        ["params_millions", "features_millions", "inference_gflops", "training_pflops"],
    ),
    "memory_wall_cv": ("model", ["params_millions", "inference_gflops", "training_pflops", "top1_accuracy"]),
}


def check_identical_rows(frames: Mapping[str, pd.DataFrame], min_columns: int = 3) -> pd.DataFrame:
    """Different models with identical values in every size column (at least ``min_columns``).

    Rows of the same model (per the file's ``model`` column) are not compared. Example:
    the Memory Wall's RoBERTa Large row repeats GPT-2's parameters, features and GFLOPs.
    """
    findings = []
    for file, (name_col, columns) in IDENTICAL_COLUMNS.items():
        if not has(frames, file):
            continue
        table = frames[file].reset_index(drop=True)
        present = [c for c in columns if c in table.columns]
        records = table[[name_col, *present]].to_dict("records")
        for a, b in combinations(records, 2):
            if str(a[name_col]) == str(b[name_col]):
                continue
            shared = [c for c in present if pd.notna(a[c]) and pd.notna(b[c])]
            if len(shared) < min_columns or any(float(a[c]) != float(b[c]) for c in shared):
                continue
            findings.append(
                finding(
                    KIND,
                    "identical_rows",
                    f"identical_rows.{_slug(a[name_col])}.{_slug(b[name_col])}",
                    f"{', '.join(shared)} of two different models in one table",
                    f"{_where(file)}, rows '{a[name_col]}' and '{b[name_col]}'",
                    "; ".join(f"{c}: {fmt(float(a[c]))}" for c in shared) + " in both rows",
                    "a copy of one row into the other is the simplest reading (unverified)",
                    "the rows as printed, flagged here",
                )
            )
    return frame(findings)


def check_totals_vs_parts(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Printed totals against the sum of their printed parts.

    * the Memory Wall memory breakdown: total vs params + optimizer + activations memory
      (:func:`dltrends.compare.memory_wall.recompute`), the sum carrying the rounding of
      three two-decimal parts;
    * seed 003's AlexNet Total row vs the sums of its layer table (``alexnet_layers``).
    """
    findings = []
    if has(frames, "memory_wall_training_memory"):
        table = frames["memory_wall_training_memory"]
        recomputed = memory_wall.recompute(table, {}).drop_duplicates("model")
        for _, row in recomputed.iterrows():
            total, parts = row["total_printed"], row["sum_of_printed_parts"]
            if agrees_at_print(total, 2, parts, carried=3 * tolerance(2)):
                continue
            with_multiplier = row["sum_with_optimizer_as_multiplier_x_params"]
            if agrees_at_print(total, 2, with_multiplier):
                explanation = (
                    f"the total equals params + {row['optimizer_multiplier']} x params + "
                    f"activations = {with_multiplier:.2f}: it was summed with optimizer memory "
                    f"{row['optimizer_multiplier']} x {row['params_memory_printed']:.2f}, not the "
                    f"printed {row['optimizer_memory_printed']:.2f}"
                )
            elif sorted(f"{total:.2f}") == sorted(f"{parts:.2f}"):
                explanation = (
                    f"{total:.2f} has the digits of the sum {parts:.2f} in another order: transposed "
                    "digits are the simplest reading (unverified)"
                )
            else:
                explanation = "the total does not follow from the printed parts"
            activations = parts - row["params_memory_printed"] - row["optimizer_memory_printed"]
            findings.append(
                finding(
                    KIND,
                    "totals_vs_parts",
                    f"totals_vs_parts.memory_wall.{_slug(row['model'])}",
                    "printed total memory vs params + optimizer + activation memory",
                    f"{_where('memory_wall_training_memory')}, row '{row['model']}'",
                    f"total {total:.2f} GB; parts {row['params_memory_printed']:.2f} + "
                    f"{row['optimizer_memory_printed']:.2f} + {activations:.2f} = {parts:.2f} GB",
                    explanation,
                    "the printed parts; the total is recomputed as their sum",
                )
            )
    if has(frames, "alexnet_layers", "paper_reported/seed003_memory_rule"):
        layer_table = frames["alexnet_layers"]
        printed = seed003.printed_values(frames["paper_reported/seed003_memory_rule"])
        for column, key in (("parameters", "params"), ("activation_size", "activations")):
            total = int(layer_table[column].sum())
            if key not in printed or int(printed[key][0]) == total:
                continue
            item = seed003.ITEMS[key][0]
            findings.append(
                finding(
                    KIND,
                    "totals_vs_parts",
                    f"totals_vs_parts.seed003.{column}",
                    f"the Total row vs the sum of the {column} column",
                    f"{_where('alexnet_layers')}; "
                    f"{_where('paper_reported/seed003_memory_rule')}, row '{item}'",
                    f"Total {int(printed[key][0]):,}; sum of the rows {total:,}",
                    "the Total row does not equal the sum of the layer rows",
                    "the sum of the layer rows (dltrends.layers.model_totals)",
                )
            )
    return frame(findings)


def check_optimizer_rule(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Memory Wall optimizer memory against the multiple of params memory its row implies.

    CV rows have optimizer = 1 x params memory (SGD with momentum), NLP rows 2 x (Adam);
    a finding where the printed optimizer memory is not that multiple of the printed
    params memory (:func:`dltrends.compare.memory_wall.recompute`).
    """
    if not has(frames, "memory_wall_training_memory"):
        return frame([])
    recomputed = memory_wall.recompute(frames["memory_wall_training_memory"], {})
    findings = []
    for _, row in recomputed.drop_duplicates("model").iterrows():
        if row["optimizer_equals_multiplier_x_printed_params"]:
            continue
        m, p, o = row["optimizer_multiplier"], row["params_memory_printed"], row["optimizer_memory_printed"]
        consistent_total = agrees_at_print(
            row["total_printed"], 2, row["sum_with_optimizer_as_multiplier_x_params"]
        )
        findings.append(
            finding(
                KIND,
                "optimizer_rule",
                f"optimizer_rule.{_slug(row['model'])}",
                "optimizer memory vs the multiple of params memory the other rows follow "
                f"({row['inferred_optimizer']})",
                f"{_where('memory_wall_training_memory')}, row '{row['model']}'",
                f"optimizer {o:.2f} GB; {m} x params {p:.2f} = {m * p:.2f} GB",
                (
                    f"the printed total uses {m * p:.2f}, not the optimizer cell: a typo in that cell "
                    "is the simplest reading (unverified)"
                    if consistent_total
                    else "the optimizer cell does not follow the table's rule"
                ),
                "the printed parts, flagged; the total is recomputed as their sum",
            )
        )
    return frame(findings)


def check_units_gb_gib(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Memory Wall params memory, labelled GB, against 4 bytes x every parameter count.

    :func:`dltrends.compare.memory_wall.unit_verdicts` converts the parameter counts of the
    book's data to GB (10^9 B) and GiB (2^30 B); a finding where no count gives the printed
    value in GB, the unit the table states. Rows without a parameter count are not checked.
    """
    if not has(frames, "memory_wall_training_memory"):
        return frame([])
    recomputed = memory_wall.breakdown(frames)
    verdicts = memory_wall.unit_verdicts(recomputed).set_index("model")
    findings = []
    for model, rows in recomputed.groupby("model", sort=False):
        verdict = verdicts.loc[model, "verdict"]
        if verdict not in ("GiB", "neither"):
            continue
        rows = rows[rows["params_millions"].notna()]
        printed = rows["params_memory_printed"].iloc[0]
        values = "; ".join(
            f"{r.params_millions:g} M ({r.params_source}): {r.params_memory_gb_computed:.3f} GB, "
            f"{r.params_memory_gib_computed:.3f} GiB"
            for r in rows.itertuples()
        )
        if verdict == "GiB":
            gib = rows[rows["params_unit"] == "GiB"]
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
            finding(
                KIND,
                "units_gb_gib",
                f"units_gb_gib.{_slug(model)}",
                "printed params memory (labelled GB) vs 4 bytes x parameters in GB and in GiB",
                f"{_where('memory_wall_training_memory')}, row '{model}'",
                f"printed {printed:.2f}; " + values,
                explanation,
                "bytes, from parameter counts (dltrends.memory); printed values are shown with "
                "their unit stated (GB or GiB)",
            )
        )
    return frame(findings)


def check_table7_tokens_vs_prose(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Table 7's input lengths against the prose: "GFLOPs are for single input of length 128"."""
    if not has(frames, "nlp_models", "paper_reported/text_claims"):
        return frame([])
    claims = frames["paper_reported/text_claims"].set_index("claim")
    if TOKENS_CLAIM not in claims.index:
        return frame([])
    stated = int(claims.loc[TOKENS_CLAIM, "value"])
    findings = []
    for _, row in frames["nlp_models"].iterrows():
        if int(row["input_tokens"]) == stated:
            continue
        source = row.get("gflops_source")
        taken = f" (the GFLOPs are taken from {source})" if isinstance(source, str) and source else ""
        findings.append(
            finding(
                KIND,
                "table7_tokens_vs_prose",
                f"table7_tokens_vs_prose.{_slug(row['model'])}",
                "Table 7's input length vs the prose's 'single input of length 128'",
                f"{_where('nlp_models')}, row '{row['model']}'; "
                f"{_where('paper_reported/text_claims')}, '{TOKENS_CLAIM}'",
                f"input tokens {int(row['input_tokens'])}; prose {stated}; "
                f"GFLOPs {fmt(float(row['gflops']))}",
                f"the row's GFLOPs are for its model's own input length{taken}, not 128 tokens",
                "the printed GFLOPs with their printed input length, as the paper's figures do",
            )
        )
    return frame(findings)


def check_prose_vs_tables(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Numbers in the paper's prose against the table cells they restate
    (data/curation/prose_checks.csv).

    Values are compared at their printed precision (the prose's read from its text);
    years exactly. A year in the claim's label ("(2019)") is the year the prose states.
    """
    if not has(frames, "paper_reported/text_claims"):
        return frame([])
    claims = frames["paper_reported/text_claims"].reset_index(drop=True)
    claims = claims.assign(decimals=decimals_of(claims, "value").to_numpy()).set_index("claim")
    findings = []
    for _, spec in curated("prose_checks").iterrows():
        if spec["claim"] not in claims.index or not has(frames, spec["file"]):
            continue
        table = frames[spec["file"]]
        rows = table[table[spec["key_column"]].astype(str) == spec["key"]]
        if rows.empty:
            continue
        cell = rows[spec["column"]].iloc[0]
        prose = claims.loc[spec["claim"]]
        if spec["transform"] == "year":
            table_value = pd.Timestamp(cell).year
            match = re.search(r"\((\d{4})\)", spec["claim"])
            prose_value = int(match.group(1)) if match else int(prose["value"])
            agree = table_value == prose_value
        else:
            table_value = float(cell)
            prose_value = float(prose["value"])
            agree = printed_values_agree(prose_value, table_value, decimals_a=int(prose["decimals"]))
        if agree:
            continue
        findings.append(
            finding(
                KIND,
                "prose_vs_tables",
                f"prose_vs_tables.{_slug(spec['key'])}.{spec['column']}",
                f"a number of the prose vs the {spec['column']} of the table row it restates",
                f"{_where('paper_reported/text_claims')}, '{spec['claim']}'; {_where(spec['file'])}, "
                f"row '{spec['key']}'",
                f"prose {fmt(prose_value)}; table {fmt(table_value)}",
                "the prose and the table disagree",
                "the table's value",
            )
        )
    return frame(findings)


def check_duplicate_names(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows of one table with the same name (after :func:`~dltrends.audit.core.normalized_name`).

    The Memory Wall NLP table is checked per document (000 and 002), and the CV file per
    source table. The explanation is computed where the rows differ in training data.
    """
    findings = []

    def scan(file: str, table: pd.DataFrame, name_col: str, table_label: str) -> None:
        norm = table[name_col].map(normalized_name)
        for _, group in table.groupby(norm, sort=False):
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
                finding(
                    KIND,
                    "duplicate_names",
                    f"duplicate_names.{_slug(file)}.{_slug(names[0])}",
                    "model names within one table",
                    f"{table_label}, rows " + ", ".join(f"'{n}'" for n in group[name_col].astype(str)),
                    f"{len(group)} rows named " + " / ".join(f"'{n}'" for n in names),
                    explanation,
                    "every row, each with its own model_id",
                )
            )

    for file in ("cv_models", "nlp_models", "memory_wall_training_memory"):
        if has(frames, file):
            scan(file, frames[file], "model", _where(file))
    if has(frames, "memory_wall_cv"):
        table = frames["memory_wall_cv"]
        for source_table, part in table.groupby(table["source_table"].astype(str), sort=False):
            scan("memory_wall_cv", part, "model", f"AI and Memory Wall, {source_table} (memory_wall_cv.csv)")
    if has(frames, "memory_wall_nlp"):
        table = frames["memory_wall_nlp"]
        for document in ("000", "002"):
            part = table[table["source_document"].astype(str).str.contains(document)]
            scan(
                "memory_wall_nlp",
                part,
                "model_as_printed",
                f"{_where('memory_wall_nlp')}, document {document}",
            )
    return frame(findings)


#: Tables printed in date order: (file, name column, (column, value) of the rows in order).
ORDERED = (
    ("cv_models", "model", None),
    ("nlp_models", "model", None),
    ("memory_wall_nlp", "model_as_printed", None),
    ("memory_wall_cv", "model", None),
    ("paper_reported/table9_adapted", "gpu", ("adapted", "No")),
)


def check_dates_out_of_order(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Dates that contradict each other within one table.

    * rows that cite the same publication but carry different release dates (Table 2:
      ZFNet-b one day before ZFNet, both Zeiler and Fergus 2013);
    * a row dated earlier than the row above it, in tables printed in date order
      (:data:`ORDERED`).
    """
    findings = []
    for file in ("cv_models", "nlp_models"):
        if not has(frames, file):
            continue
        table = frames[file]
        for reference, group in table.groupby("paper_reference", sort=False):
            if group["release_date"].nunique() < 2:
                continue
            findings.append(
                finding(
                    KIND,
                    "dates_out_of_order",
                    f"dates_out_of_order.citation.{_slug(reference)}",
                    "release dates of rows that cite the same publication",
                    f"{_where(file)}, rows " + ", ".join(f"'{m}'" for m in group["model"]),
                    "; ".join(
                        f"{m}: {d.date()}" for m, d in zip(group["model"], group["release_date"], strict=True)
                    )
                    + f" (all cite '{reference}')",
                    "one publication, two dates: they cannot both be its date",
                    "each row's printed date",
                )
            )
    for file, name_col, subset in ORDERED:
        if not has(frames, file):
            continue
        table = frames[file]
        date_col = "launch_date" if "launch_date" in table.columns else "release_date"
        if subset is not None:
            table = table[table[subset[0]] == subset[1]]
        table = table[table[date_col].notna()].reset_index(drop=True)
        running = table[date_col].cummax().shift(1)
        seen: set[str] = set()
        for i in table.index[table[date_col] < running]:
            earlier = table.loc[: i - 1]
            above = earlier.loc[earlier[date_col].idxmax()]
            row = table.loc[i]
            if str(row[name_col]) in seen:  # the same model printed in two documents
                continue
            seen.add(str(row[name_col]))
            findings.append(
                finding(
                    KIND,
                    "dates_out_of_order",
                    f"dates_out_of_order.order.{_slug(file)}.{_slug(row[name_col])}",
                    "the order of rows vs their dates, in a table printed in date order",
                    f"{_where(file)}, rows '{above[name_col]}' and '{row[name_col]}'",
                    f"{row[name_col]} ({row[date_col].date()}) is listed after "
                    f"{above[name_col]} ({above[date_col].date()})",
                    "the table is not strictly in date order here; no value depends on the order",
                    "the printed dates; the book sorts by date where order matters",
                )
            )
    return frame(findings)


def check_suspicious_citations(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Variants of one model (same name stem, same release date) that cite different papers.

    In Table 2, PNASNet-5 (N = 4, F = 216) cites Liu et al. 2018 and PNASNet-5 (N = 3,
    F = 54), released the same day, cites Hu et al. 2019 (the SENet paper).
    """
    findings = []
    for file in ("cv_models", "nlp_models"):
        if not has(frames, file):
            continue
        table = frames[file]
        stems = table["model"].map(lambda name: str(name).split()[0].split("(")[0])
        for (stem, _date), group in table.groupby([stems, table["release_date"]], sort=False):
            if group["paper_reference"].nunique() < 2:
                continue
            findings.append(
                finding(
                    KIND,
                    "suspicious_citations",
                    f"suspicious_citations.{_slug(stem)}",
                    "the citations of variants of one model released the same day",
                    f"{_where(file)}, rows " + ", ".join(f"'{m}'" for m in group["model"]),
                    "; ".join(
                        f"{m}: [{r}]" for m, r in zip(group["model"], group["paper_reference"], strict=True)
                    ),
                    "variants of one model, released together, should cite the same publication",
                    "the values as printed; the citation does not enter any calculation",
                )
            )
    return frame(findings)
