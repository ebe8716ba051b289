"""The appendix "The data": every file, its source, its size and its dictionary.

The groups of files (:data:`GROUPS`) follow the book: the sources' tables, the
references of the energy comparisons, what came after 2021, the measurements, the values
the sources print (references only) and the curation files. A test checks that every
file with a schema appears in exactly one group.
"""

from __future__ import annotations

import pandas as pd

from dltrends import data
from dltrends.display import tables

#: The files of each section of the appendix, in page order (names as for
#: :func:`dltrends.data.dictionary`: ``gpus``, ``paper_reported/table3_speedups``).
GROUPS: dict[str, tuple[str, ...]] = {
    "the sources' tables": (
        "cv_models",
        "nlp_models",
        "gpus",
        "ngc_inference_throughput",
        "ngc_benchmark_flops",
        "memory_wall_nlp",
        "memory_wall_cv",
        "memory_wall_training_memory",
        "alexnet_layers",
    ),
    "energy references": ("energy_references",),
    "since 2021": (
        "accelerators",
        "accelerator_specs",
        "imagenet_models_since_2021",
        "language_models_since_2018",
    ),
    "measurements": ("mlperf_power", "mlenergy_llm", "aienergyscore", "reported_energy_figures"),
    "printed values": tuple(f"paper_reported/{n}" for n in data.REPORTED_SCHEMAS),
}


def _frame(name: str) -> pd.DataFrame:
    if name.startswith("paper_reported/"):
        return data.load_reported(name.removeprefix("paper_reported/"))
    return data.load(name)


def inventory() -> pd.DataFrame:
    """One row per file of :data:`GROUPS`: ``file``, ``rows``, ``columns``, ``values``
    (non-empty cells), ``description`` and ``group``.
    """
    files = data.curated_all("files").set_index("file")
    rows = []
    for group, names in GROUPS.items():
        for name in names:
            frame = _frame(name)
            rows.append(
                {
                    "file": f"{name}.csv",
                    "rows": len(frame),
                    "columns": len(frame.columns),
                    "values": int(frame.notna().sum().sum()),
                    "description": str(files.loc[name, "description"]),
                    "group": group,
                }
            )
    return pd.DataFrame(rows)


def curation_inventory() -> pd.DataFrame:
    """The files of data/curation/: ``file``, ``rows``, ``description`` (from the schema)."""
    families = {"_since_2021": " (the files since 2021)", "_measured": " (the measurement files)"}
    rows = []
    for name, schema in data.CURATION_SCHEMAS.items():
        frame = data.load_curated(name)
        family = next((text for end, text in families.items() if name.endswith(end)), "")
        rows.append(
            {"file": f"curation/{name}.csv", "rows": len(frame), "description": schema.description + family}
        )
    return pd.DataFrame(rows)


def headline_numbers(files: pd.DataFrame, curation: pd.DataFrame) -> dict[str, object]:
    """The numbers at the top of the appendix."""
    inputs = files[files["group"] != "printed values"]
    printed = files[files["group"] == "printed values"]
    return {
        "data_n_files": len(inputs),
        "data_n_rows": int(inputs["rows"].sum()),
        "data_n_values": int(inputs["values"].sum()),
        "data_n_printed_files": len(printed),
        "data_n_printed_rows": int(printed["rows"].sum()),
        "data_n_curation_files": len(curation),
        "data_n_curation_rows": int(curation["rows"].sum()),
    }


def show(name: str):
    """One file's entry: its source, size and download link (Markdown), then its
    dictionary as the book's table.
    """
    from IPython.display import Markdown, display

    text, dictionary = data.appendix_entry(name)
    display(Markdown(text))
    table_id = "dictionary-" + name.replace("/", "-").replace("_", "-")
    display(tables.show(dictionary, table_id))
