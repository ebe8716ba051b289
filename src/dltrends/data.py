"""Load the book's CSV files into typed, validated pandas frames.

``load("cv_models")`` reads ``data/cv_models.csv``; ``load_reported("table4_speedup_ratios")``
reads ``data/paper_reported/table4_speedup_ratios.csv``, a file of values the sources
print (used only as references). Every file has a schema below: its columns, their
types, which may be empty, their physically plausible ranges, and its key.

Bad input raises one :class:`DataError` listing every problem found, each naming the
file, the physical line (and the data row), the column and what is wrong; nothing loads
silently. The file is checked before pandas sees it: that it exists and is a file, that
it is UTF-8 text, that every record has as many fields as the header (an unquoted comma
in ``1,000`` adds one). Values are parsed strictly here (plain decimal numbers, ISO
dates); the rules (ranges, allowed values, required cells, unique keys) are checked by a
pandera ``DataFrameSchema`` built from the same specification.

The data folder is ``data/`` of the repository, shipped inside the package as
``dltrends/_data`` (a link in a checkout, a copy in an installed wheel). Set
``DLTRENDS_DATA`` to use another folder, or pass ``data_dir=`` to :func:`load` and
:func:`load_reported` to check one.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from dltrends.checks import DltrendsError

#: Environment variable naming another data folder.
DATA_VARIABLE = "DLTRENDS_DATA"
PACKAGE_DATA = Path(__file__).resolve().parent / "_data"


def data_dir() -> Path:
    """The data folder: ``$DLTRENDS_DATA`` if set, else the package's own copy of ``data/``."""
    if os.environ.get(DATA_VARIABLE):
        return Path(os.environ[DATA_VARIABLE]).expanduser()
    return PACKAGE_DATA.resolve()


DATA_DIR = data_dir()

#: Dates outside these bounds are not plausible for this book's data.
EARLIEST_DATE = pd.Timestamp("2009-01-01")
LATEST_DATE = pd.Timestamp("2026-12-31")


class DataError(DltrendsError, ValueError):
    """A data file does not match its schema. ``problems`` lists each finding."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        shown = problems[:25]
        more = f"\n  ... and {len(problems) - 25} more" if len(problems) > 25 else ""
        super().__init__(f"{path}: {len(problems)} problem(s)\n  " + "\n  ".join(shown) + more)


class UnknownFileError(DataError, KeyError):
    """A name that is not one of the book's data files."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return ValueError.__str__(self)


@dataclass(frozen=True)
class Col:
    """One column: kind is str, float, int, date or category.

    Numeric columns carry the bounds of a physically plausible value (``min`` < value
    when ``min_exclusive``, else ``min`` <= value; value <= ``max``).
    """

    kind: str = "str"
    required: bool = True
    min: float | None = None
    max: float | None = None
    min_exclusive: bool = False
    allowed: tuple[str, ...] | None = None

    def bounds_text(self) -> str:
        """The allowed values or range, for the data dictionary."""
        if self.allowed:
            return "one of: " + ", ".join(self.allowed)
        if self.kind in (F, INT) and self.min is not None and self.max is not None:
            low = ">" if self.min_exclusive else ">="
            return f"{low} {self.min:g} and <= {self.max:g}"
        if self.kind == D:
            return f"{EARLIEST_DATE.date()} to {LATEST_DATE.date()}"
        return ""


@dataclass(frozen=True)
class Schema:
    """The columns of one file, in order, and the columns that form its key."""

    columns: dict[str, Col]
    key: tuple[str, ...] = ()
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)


S, F, INT, D = "str", "float", "int", "date"
OPT = {"required": False}


def num(low: float, high: float, *, exclusive: bool = True, required: bool = True, kind: str = F) -> Col:
    """A numeric column with its plausible range (low exclusive by default)."""
    return Col(kind, required=required, min=low, max=high, min_exclusive=exclusive)


def pct(required: bool = True) -> Col:
    """A percentage, 0 to 100."""
    return Col(F, required=required, min=0.0, max=100.0)


SCHEMAS: dict[str, Schema] = {
    "cv_models": Schema(
        {
            "model_id": Col(S),
            "model": Col(S),
            "paper_reference": Col(S),
            "top1_accuracy": pct(),
            "top1_accuracy_source": Col(S, **OPT),
            "params_millions": num(0.01, 1e5),
            "params_millions_source": Col(S, **OPT),
            "gflops": num(0.001, 1e5),
            "gflops_source": Col(S, **OPT),
            "extra_data": Col("category"),
            "release_date": Col(D),
            "architecture": Col("category", allowed=("CNN", "Transformer", "Hybrid")),
            "notes": Col(S, **OPT),
        },
        key=("model_id",),
        description="Desislavov et al. (2023), Table 2: ImageNet models",
    ),
    "nlp_models": Schema(
        {
            "model_id": Col(S),
            "model": Col(S),
            "paper_reference": Col(S),
            "input_tokens": num(0, 1e6, kind=INT),
            "gflops": num(0.001, 1e8),
            "gflops_source": Col(S, **OPT),
            "params_millions": num(0.01, 1e7),
            "release_date": Col(D),
            "glue_score": pct(required=False),
            "glue_score_source": Col(S, **OPT),
            "notes": Col(S, **OPT),
        },
        key=("model_id",),
        description="Desislavov et al. (2023), Table 7: GLUE models",
    ),
    "gpus": Schema(
        {
            "gpu": Col(S),
            "precision": Col("category", allowed=("FP32", "FP16", "FP16/FP32 Tensor")),
            "tflops": num(0.01, 1e4),
            "watts": num(1, 2000),
            "launch_date": Col(D),
            "gpu_type": Col("category", allowed=("Desktop", "Server")),
            "source": Col(S),
        },
        key=("gpu", "precision"),
        description="Desislavov et al. (2023), Table 8: NVIDIA GPUs",
    ),
    "ngc_inference_throughput": Schema(
        {
            "task": Col("category", allowed=("CV", "NLP")),
            "model": Col(S),
            "framework": Col(S),
            "batch_size": num(0, 1e5, kind=INT),
            "gpu": Col(S),
            "precision": Col("category", allowed=("FP32", "Mixed", "TF32")),
            "throughput": num(0.01, 1e7),
            "source": Col(S),
        },
        key=("task", "model", "framework", "batch_size", "gpu", "precision"),
        description="Desislavov et al. (2023), Table 3: NVIDIA NGC inference throughput",
    ),
    "memory_wall_nlp": Schema(
        {
            "model": Col(S),
            "model_as_printed": Col(S),
            "source_document": Col("category", allowed=("000", "002", "000+002")),
            "release_date": Col(D),
            "token_size": num(0, 1e6, kind=INT, required=False),
            "params_millions": num(0.01, 1e8, required=False),
            "features_millions": num(0.001, 1e8, required=False),
            "inference_gflops": num(0.001, 1e8, required=False),
            "training_pflops": num(0.001, 1e12, required=False),
            "notes": Col(S, **OPT),
        },
        key=("model", "source_document"),
        description="AI and Memory Wall: NLP models",
    ),
    "memory_wall_cv": Schema(
        {
            "model": Col(S),
            "source_document": Col("category", allowed=("000", "002", "000+002")),
            "source_table": Col(S),
            "release_date": Col(D, **OPT),
            "input_resolution": Col(S),
            "params_millions": num(0.01, 1e5),
            "top1_accuracy": pct(required=False),
            "inference_gflops": num(0.001, 1e5, required=False),
            "training_pflops": num(0.001, 1e9, required=False),
            "notes": Col(S, **OPT),
        },
        key=("model", "source_table"),
        description="AI and Memory Wall: CV models (training PFLOPs table and accuracy table)",
    ),
    "memory_wall_training_memory": Schema(
        {
            "model": Col(S),
            "source_document": Col("category", allowed=("000", "002", "000+002")),
            "year": num(2009, 2026, exclusive=False, kind=INT),
            "input_size": Col(S),
            "batch_size": num(0, 1e5, kind=INT),
            "params_memory_gb_printed": num(0, 1e5, exclusive=False),
            "optimizer_memory_gb_printed": num(0, 1e5, exclusive=False),
            "activation_memory_gb_printed": num(0, 1e5, exclusive=False),
            "total_memory_gb_printed": num(0, 1e5, exclusive=False),
            "notes": Col(S, **OPT),
        },
        key=("model", "source_document"),
        description="AI and Memory Wall: training memory breakdown",
    ),
    "alexnet_layers": Schema(
        {
            "layer": Col(S),
            "layer_type": Col("category", allowed=("input", "conv", "maxpool", "fc")),
            "output_height": num(0, 1e5, kind=INT),
            "output_width": num(0, 1e5, kind=INT),
            "output_channels": num(0, 1e6, kind=INT),
            "kernel_size": num(0, 1e3, kind=INT, required=False),
            "stride": num(0, 1e3, kind=INT, required=False),
            "padding": num(0, 1e3, kind=INT, required=False, exclusive=False),
            "activation_size": num(0, 1e10, kind=INT),
            "kernels": num(0, 1e12, kind=INT, exclusive=False),
            "biases": num(0, 1e9, kind=INT, required=False, exclusive=False),
            "parameters": num(0, 1e12, kind=INT, exclusive=False),
        },
        key=("layer",),
        description="Seed 003: AlexNet layer table",
    ),
}

#: Columns shared by the reported-values files.
_SOURCE = {"source": Col(S)}
_NOTES = {"notes": Col(S, **OPT)}

#: Schemas of ``data/paper_reported/*.csv``: values the sources print, references only.
REPORTED_SCHEMAS: dict[str, Schema] = {
    "seed003_memory_rule": Schema(
        {"item": Col(S), "value": num(0, 1e15), "unit": Col(S), **_SOURCE, **_NOTES},
        key=("item", "unit"),
        description="Seed 003: the printed memory numbers of the AlexNet example and the rule of thumb",
    ),
    "table1_alexnet_band": Schema(
        {
            "model": Col(S),
            "top1_accuracy": pct(),
            "gflops": num(0.001, 1e5),
            "year": num(2009, 2026, exclusive=False, kind=INT),
            **_SOURCE,
        },
        key=("model",),
        description="Desislavov et al. (2023), Table 1: models with FLOPs similar to AlexNet",
    ),
    "table3_speedups": Schema(
        {
            "task": Col("category", allowed=("CV", "NLP")),
            "model": Col(S),
            "framework": Col(S),
            "batch_size": num(0, 1e5, kind=INT),
            "gpu": Col(S),
            "precision": Col("category", allowed=("FP32", "Mixed", "TF32")),
            "speedup": num(0.01, 100),
            **_SOURCE,
            **_NOTES,
        },
        key=("task", "model", "framework", "batch_size", "gpu", "precision"),
        description="Desislavov et al. (2023), Table 3: the printed speed-up column",
    ),
    "table4_speedup_ratios": Schema(
        {
            "gpu": Col(S),
            "precision": Col("category", allowed=("Mixed", "TF32")),
            "ratio_to": Col(S),
            "cv": num(0.01, 100),
            "nlp": num(0.01, 100),
            **_SOURCE,
        },
        key=("gpu", "precision"),
        description="Desislavov et al. (2023), Table 4: mean speed-ups",
    ),
    "table8_gflops_per_watt": Schema(
        {
            "gpu": Col(S),
            "precision": Col("category", allowed=("FP32", "FP16", "FP16/FP32 Tensor")),
            "gflops_per_watt": num(0.01, 1e5),
            **_SOURCE,
            **_NOTES,
        },
        key=("gpu", "precision"),
        description="Desislavov et al. (2023), Table 8: the printed GFLOPS/W column",
    ),
    "table9_adapted": Schema(
        {
            "adapted": Col("category", allowed=("No", "For CNN", "For NLP")),
            "gpu": Col(S),
            "precision": Col("category", allowed=("FP32", "Mixed", "TF32")),
            "tflops": num(0.01, 1e4),
            "watts": num(1, 2000, kind=INT),
            "launch_date": Col(D),
            "gpu_type": Col("category", allowed=("Desktop", "Server")),
            "gflops_per_watt": num(0.01, 1e5),
            **_SOURCE,
            **_NOTES,
        },
        key=("adapted", "gpu", "precision"),
        description="Desislavov et al. (2023), Table 9: adapted GPU efficiencies",
    ),
    "text_claims": Schema(
        {"claim": Col(S), "value": num(0, 1e30, exclusive=False), "unit": Col(S), **_SOURCE, **_NOTES},
        key=("claim", "unit"),
        description="Numbers printed in the sources' prose",
    ),
}

# ----------------------------------------------------------------------------- reading

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"


@dataclass
class _Table:
    """A CSV file split into records, each with the physical line it starts on."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]

    def where(self, position: int) -> str:
        return f"row {position + 1} (line {self.lines[position]})"


def _split(path: Path) -> _Table:
    """Read ``path`` as UTF-8 CSV into records; raise DataError on any structural problem."""
    if not path.exists():
        raise DataError(path, ["file not found"])
    if path.is_dir():
        raise DataError(path, ["is a directory, not a CSV file"])
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(path, [f"cannot be read: {error.strerror or error}"]) from None
    if not raw.strip():
        raise DataError(path, ["empty file: a CSV file needs a header line and at least one data row"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        raise DataError(
            path, [f"line {line}, character {column}: byte 0x{byte} is not UTF-8 (save the file as UTF-8)"]
        ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise DataError(path, [f"line {line}: a NUL character (this is not a text file)"])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    header_line = 0
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[str] = []
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(f"line {reader.line_num}: not valid CSV ({error}); check the quotes")
            break
        if not record or all(not cell.strip() for cell in record) and len(record) <= 1:
            continue  # a blank line
        if header is None:
            header, header_line = record, start
            continue
        if len(record) != len(header):
            hint = (
                " (an unquoted comma? write numbers without thousands separators and quote "
                'text that contains commas, e.g. "Smith, 2020")'
                if len(record) > len(header)
                else " (a missing value must still have its comma)"
            )
            problems.append(
                f"line {start}: {len(record)} fields, but the header (line {header_line}) has "
                f"{len(header)}{hint}"
            )
            continue
        rows.append(record)
        lines.append(start)
    if header is None:
        raise DataError(path, ["no header line"])
    names = [name.strip() for name in header]
    if any(not name for name in names):
        problems.append(f"line {header_line}: the header has an empty column name")
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        problems.append(f"line {header_line}: the header repeats column(s) {duplicated}")
    if problems:
        raise DataError(path, problems)
    if not rows:
        raise DataError(path, [f"no data rows: only a header (line {header_line})"])
    return _Table(names, rows, lines)


def _parse_cell(text: str, col: Col) -> tuple[object, str | None]:
    """Parse one non-empty cell; return (value, problem or None)."""
    if col.kind in (F, INT):
        if not _NUMBER.fullmatch(text):
            return None, f"not a number: {_describe(text)} (write plain numbers such as 1500 or 1.5e3)"
        value = float(text)
        if not math.isfinite(value):
            return None, f"not a finite number: {_describe(text)} (too large for a double)"
        if col.kind == INT and not value.is_integer():
            return None, f"not a whole number: {_describe(text)}"
        return value, None
    if col.kind == D:
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce") if _DATE.fullmatch(text) else pd.NaT
        if pd.isna(parsed):
            return None, f"not a valid date in ISO form YYYY-MM-DD: {_describe(text)}"
        return parsed, None
    return text, None


def _parse(table: _Table, schema: Schema, problems: list[str]) -> tuple[pd.DataFrame, set[tuple[int, str]]]:
    """Typed columns from the records; cells that failed to parse are listed and empty."""
    position = {name: index for index, name in enumerate(table.header)}
    failed: set[tuple[int, str]] = set()
    out = pd.DataFrame(index=range(len(table.rows)))
    for name, col in schema.columns.items():
        values: list[object] = []
        for row, record in enumerate(table.rows):
            text = record[position[name]].strip()
            if not text:
                values.append(None)
                continue
            value, problem = _parse_cell(text, col)
            if problem:
                problems.append(f"{table.where(row)}, column '{name}': {problem}")
                failed.add((row, name))
            values.append(value)
        if col.kind == F:
            out[name] = pd.array([math.nan if v is None else v for v in values], dtype="float64")
        elif col.kind == INT:
            out[name] = pd.array([None if v is None else int(v) for v in values], dtype="Int64")
        elif col.kind == D:
            out[name] = pd.to_datetime(pd.Series(values, dtype="object"))
        else:
            out[name] = pd.array(values, dtype="string")
    return out, failed


def _pandera_schema(schema: Schema) -> pa.DataFrameSchema:
    columns = {}
    for name, col in schema.columns.items():
        checks = []
        if col.kind in (F, INT) and col.min is not None and col.max is not None:
            checks.append(
                pa.Check.in_range(
                    col.min,
                    col.max,
                    include_min=not col.min_exclusive,
                    error=f"outside the plausible range ({col.bounds_text()})",
                )
            )
        if col.kind == D:
            checks.append(
                pa.Check.in_range(
                    EARLIEST_DATE,
                    LATEST_DATE,
                    error=f"date outside {EARLIEST_DATE.date()} to {LATEST_DATE.date()}",
                )
            )
        if col.allowed:
            checks.append(pa.Check.isin(col.allowed, error=f"must be one of {list(col.allowed)}"))
        columns[name] = pa.Column(nullable=not col.required, checks=checks or None)
    return pa.DataFrameSchema(columns, unique=list(schema.key) or None, report_duplicates="all")


def _translate(
    errors: pa.errors.SchemaErrors, table: _Table, failed: set[tuple[int, str]], problems: list[str]
) -> None:
    for _, case in errors.failure_cases.iterrows():
        column = case.get("column")
        check = str(case.get("check"))
        index = case.get("index")
        value = case.get("failure_case")
        if pd.notna(index) and (int(index), column) in failed:
            continue  # already reported as unparseable
        where = table.where(int(index)) if pd.notna(index) else "file"
        if check == "not_nullable":
            problems.append(f"{where}, column '{column}': empty, but a value is required")
        elif "unique" in check or check == "multiple_fields_uniqueness":
            problems.append(
                f"{where}: duplicate key {column!s} = {_describe(value)} (the key must be unique)"
            )
        else:
            if isinstance(value, pd.Timestamp):
                shown = str(value.date())
            elif isinstance(value, float):
                shown = f"{value:g}"
            else:
                shown = _describe(value)
            problems.append(f"{where}, column '{column}': {check}: {shown}")


def read_csv(path: Path, schema: Schema) -> pd.DataFrame:
    """Read and validate one CSV file against ``schema``; raise DataError on any problem."""
    path = Path(path)
    table = _split(path)
    missing = [c for c in schema.columns if c not in table.header]
    unexpected = [c for c in table.header if c not in schema.columns]
    problems: list[str] = []
    if missing:
        problems.append(f"header: missing column(s) {missing}")
    if unexpected:
        problems.append(f"header: unexpected column(s) {unexpected} (check the spelling)")
    if problems:
        raise DataError(path, problems)
    parsed, failed = _parse(table, schema, problems)
    try:
        _pandera_schema(schema).validate(parsed, lazy=True)
    except pa.errors.SchemaErrors as errors:
        _translate(errors, table, failed, problems)
    if problems:
        raise DataError(path, problems)
    for name, col in schema.columns.items():
        if col.kind == "category":
            categories = list(col.allowed) if col.allowed else sorted(parsed[name].dropna().unique())
            parsed[name] = pd.Categorical(parsed[name], categories=categories)
    return parsed


def _known(name: object, schemas: dict[str, Schema], folder: str) -> str:
    if not isinstance(name, str) or name not in schemas:
        raise UnknownFileError(
            Path(folder) / f"{name}.csv", [f"unknown data file {name!r}; known: {sorted(schemas)}"]
        )
    return name


def load(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load ``data/<name>.csv`` as a typed frame, validated against its schema.

    Dates are ``datetime64``, categories are pandas categoricals, numbers are floats
    (or nullable integers), text is ``string``. ``data_dir`` checks another folder.
    """
    _known(name, SCHEMAS, "data")
    return read_csv(Path(data_dir or DATA_DIR) / f"{name}.csv", SCHEMAS[name])


def load_reported(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load ``data/paper_reported/<name>.csv``: values printed by the sources.

    These are references only (tests and the reproduction scorecard compare the book's
    computed values with them). Only the files of :data:`REPORTED_SCHEMAS` can be read:
    a name cannot leave the folder.
    """
    _known(name, REPORTED_SCHEMAS, "data/paper_reported")
    return read_csv(Path(data_dir or DATA_DIR) / "paper_reported" / f"{name}.csv", REPORTED_SCHEMAS[name])


#: Data dictionary: file -> column -> (unit, meaning). Sources are per row or per value
#: (the *_source and source columns) and per file (data/SOURCES.md, FILE_SOURCES).
DICTIONARY: dict[str, dict[str, tuple[str, str]]] = {
    "cv_models": {
        "model_id": ("", "unique identifier (slug) of the row"),
        "model": ("", "model name as printed"),
        "paper_reference": ("", "the model's own publication, as cited in Table 2"),
        "top1_accuracy": ("%", "ImageNet top-1 accuracy, single model, one crop"),
        "top1_accuracy_source": ("", "where the accuracy comes from if not the model's paper"),
        "params_millions": ("millions", "number of parameters"),
        "params_millions_source": ("", "where the parameter count comes from if not the model's paper"),
        "gflops": (
            "GFLOPs",
            "FLOPs of one forward pass at the inference resolution, 1 multiply-add = 2 FLOPs",
        ),
        "gflops_source": ("", "where the GFLOPs come from if not the model's paper (estimates: see notes)"),
        "extra_data": ("", "extra training data beyond ImageNet-1k ('No' if none)"),
        "release_date": ("date", "release date (paper's Table 2, printed day/month/year)"),
        "architecture": ("", "CNN, Transformer or Hybrid"),
        "notes": ("", "transcription notes and suspicious values"),
    },
    "nlp_models": {
        "model_id": ("", "unique identifier (slug) of the row"),
        "model": ("", "model name as printed"),
        "paper_reference": ("", "the model's own publication, as cited in Table 7"),
        "input_tokens": ("tokens", "input sequence length the GFLOPs are for"),
        "gflops": ("GFLOPs", "FLOPs of one forward pass for that input length"),
        "gflops_source": ("", "where the GFLOPs come from if not the model's paper"),
        "params_millions": ("millions", "number of parameters"),
        "release_date": ("date", "release date (paper's Table 7, printed day/month/year)"),
        "glue_score": ("score", "GLUE test-set score (empty where the paper prints '-')"),
        "glue_score_source": ("", "where the score comes from if not the model's paper"),
        "notes": ("", "transcription notes and suspicious values"),
    },
    "gpus": {
        "gpu": ("", "NVIDIA GPU as named in Table 8"),
        "precision": ("", "FP32, FP16 or FP16/FP32 Tensor (tensor cores)"),
        "tflops": ("TFLOPS", "peak throughput from the manufacturer's specification"),
        "watts": ("W", "thermal design power (TDP)"),
        "launch_date": ("date", "launch date (printed day/month/year)"),
        "gpu_type": ("", "Desktop or Server"),
        "source": ("", "publication and table"),
    },
    "ngc_inference_throughput": {
        "task": ("", "CV or NLP"),
        "model": ("", "benchmarked network"),
        "framework": ("", "PyTorch or TensorFlow"),
        "batch_size": ("inputs", "inference batch size"),
        "gpu": ("", "GPU and its memory as printed"),
        "precision": ("", "FP32, Mixed (FP16 tensor cores with FP32) or TF32"),
        "throughput": ("inputs/s", "inference throughput (images or sequences per second)"),
        "source": ("", "publication, table and original measurement source"),
    },
    "memory_wall_nlp": {
        "model": ("", "canonical model name"),
        "model_as_printed": ("", "model name as printed in that document"),
        "source_document": ("", "seed document(s): 000 repository README, 002 Markdown copy"),
        "release_date": ("date", "release date (printed month/day/year)"),
        "token_size": ("tokens", "input sequence length"),
        "params_millions": ("millions", "number of parameters"),
        "features_millions": ("millions", "number of features (activations) of one input"),
        "inference_gflops": ("GFLOPs", "FLOPs of one forward pass"),
        "training_pflops": ("PFLOPs", "total FLOPs to train, with the setup of the model's paper"),
        "notes": ("", "source text such as 'N/A' or '~O(0.1)', and transcription notes"),
    },
    "memory_wall_cv": {
        "model": ("", "model name as printed"),
        "source_document": ("", "seed document: 000 or 002"),
        "source_table": ("", "which of the two CV tables the row comes from"),
        "release_date": ("date", "release date (printed month/day/year; empty in 002)"),
        "input_resolution": ("pixels", "input image height x width"),
        "params_millions": ("millions", "number of parameters"),
        "top1_accuracy": ("%", "ImageNet top-1 accuracy (002's table only)"),
        "inference_gflops": ("GFLOPs", "FLOPs of one forward pass"),
        "training_pflops": ("PFLOPs", "total FLOPs to train (000's table only)"),
        "notes": ("", "transcription notes and suspicious values"),
    },
    "memory_wall_training_memory": {
        "model": ("", "model name as printed"),
        "source_document": ("", "seed document(s)"),
        "year": ("year", "year of the model"),
        "input_size": ("pixels or tokens", "input resolution, or sentence length for NLP models, as printed"),
        "batch_size": ("inputs", "training batch size of the breakdown"),
        "params_memory_gb_printed": ("GB as printed", "memory of the parameters"),
        "optimizer_memory_gb_printed": ("GB as printed", "memory of the optimizer state"),
        "activation_memory_gb_printed": ("GB as printed", "memory of the activations for the batch"),
        "total_memory_gb_printed": ("GB as printed", "printed total"),
        "notes": ("", "transcription notes and suspicious values"),
    },
    "alexnet_layers": {
        "layer": ("", "layer name as printed"),
        "layer_type": ("", "input, conv, maxpool or fc"),
        "output_height": ("values", "height of the layer's output"),
        "output_width": ("values", "width of the layer's output"),
        "output_channels": ("values", "channels (or features) of the layer's output"),
        "kernel_size": ("values", "kernel size k (empty where not printed)"),
        "stride": ("values", "stride s"),
        "padding": ("values", "padding p (not printed for max-pool layers)"),
        "activation_size": ("values", "number of output values (activations) for one input"),
        "kernels": ("parameters", "number of weights"),
        "biases": ("parameters", "number of biases (empty where printed '-')"),
        "parameters": ("parameters", "weights + biases"),
    },
}

#: Where each file comes from (document, table), for the data appendix.
FILE_SOURCES: dict[str, str] = {
    "cv_models": "Desislavov et al. (2023), appendix Table 2; per-value sources in the *_source columns",
    "nlp_models": "Desislavov et al. (2023), appendix Table 7; per-value sources in the *_source columns",
    "gpus": "Desislavov et al. (2023), appendix Table 8 (manufacturer specification sheets)",
    "ngc_inference_throughput": "Desislavov et al. (2023), appendix Table 3 (NVIDIA NGC catalog)",
    "memory_wall_nlp": (
        "AI and Memory Wall data repository (seed 000) and its Markdown copy (seed 002): NLP Models"
    ),
    "memory_wall_cv": "AI and Memory Wall (seeds 000 and 002): the CV Models table and the CV accuracy table",
    "memory_wall_training_memory": "AI and Memory Wall (seeds 000 and 002): the training-memory breakdown",
    "alexnet_layers": "Seed 003, 'Ch1. Model memory requirement': the AlexNet layer table",
}


def dictionary(name: str) -> pd.DataFrame:
    """The data dictionary of one file: column, type, unit, required, allowed values, meaning."""
    _known(name, SCHEMAS, "data")
    docs = DICTIONARY[name]
    rows = []
    for column, col in SCHEMAS[name].columns.items():
        unit, meaning = docs.get(column, ("", ""))
        rows.append(
            {
                "column": column,
                "type": col.kind,
                "unit": unit,
                "required": "yes" if col.required else "no",
                "allowed": col.bounds_text(),
                "meaning": meaning,
            }
        )
    return pd.DataFrame(rows)


def appendix_entry(name: str, docname_depth: int = 1) -> tuple[str, pd.DataFrame]:
    """Markdown for one file in the data appendix, and its dictionary.

    The Markdown gives the source, the row count and a ``{download}`` link to the CSV,
    relative to a page ``docname_depth`` folders below the repository root.
    """
    frame = load(name)
    relative = "../" * docname_depth + f"data/{name}.csv"
    text = (
        f"**Source:** {FILE_SOURCES[name]}.  \n"
        f"**Rows:** {len(frame)}; **columns:** {len(frame.columns)}; "
        f"**key:** {', '.join(SCHEMAS[name].key)}.  \n"
        f"**Download:** {{download}}`{name}.csv <{relative}>`"
    )
    return text, dictionary(name)
