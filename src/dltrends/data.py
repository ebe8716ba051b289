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
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from dltrends import schemas
from dltrends.checks import DltrendsError
from dltrends.schemas.base import EARLIEST_DATE, LATEST_DATE, Col, Schema

#: Environment variable naming another data folder.
DATA_VARIABLE = "DLTRENDS_DATA"
PACKAGE_DATA = Path(__file__).resolve().parent / "_data"


def data_dir() -> Path:
    """The data folder: ``$DLTRENDS_DATA`` if set, else the package's own copy of ``data/``."""
    if os.environ.get(DATA_VARIABLE):
        return Path(os.environ[DATA_VARIABLE]).expanduser()
    return PACKAGE_DATA.resolve()


DATA_DIR = data_dir()


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


#: The schemas of every file (dltrends.schemas): data/, data/paper_reported/, data/curation/.
SCHEMAS: dict[str, Schema] = schemas.DATA
REPORTED_SCHEMAS: dict[str, Schema] = schemas.REPORTED
CURATION_SCHEMAS: dict[str, Schema] = schemas.CURATION
F, INT, D = "float", "int", "date"


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
    if schema.printed:
        position = {name: index for index, name in enumerate(table.header)}
        for name, col in schema.columns.items():
            if col.kind == F:
                parsed[f"{name}_decimals"] = pd.array(
                    [printed_decimals(record[position[name]]) for record in table.rows], dtype="Int64"
                )
    return parsed


def printed_decimals(text: str) -> int | None:
    """Decimals of a number as printed, trailing zeros counted; None for an empty cell.

    >>> printed_decimals("1.00"), printed_decimals("2.7"), printed_decimals("1040"), printed_decimals("1.5e3")
    (2, 1, 0, 0)
    """
    text = text.strip()
    if not text:
        return None
    mantissa, _, exponent = text.lower().partition("e")
    digits = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return max(0, digits - int(exponent or 0))


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


def column_decimals(name: str, column: str, data_dir: Path | str | None = None) -> pd.Series:
    """The decimals of ``column`` of ``data/<name>.csv`` as printed (trailing zeros counted).

    Aligned with :func:`load`'s rows (same index). The data files keep each number at the
    precision its source prints (``61.00``), which a float loses; comparisons use this
    to know a printed value's rounding.
    """
    _known(name, SCHEMAS, "data")
    if column not in SCHEMAS[name].columns:
        raise DataError(Path("data") / f"{name}.csv", [f"no column {column!r}"])
    table = _split(Path(data_dir or DATA_DIR) / f"{name}.csv")
    position = table.header.index(column)
    return pd.Series([printed_decimals(row[position]) for row in table.rows], dtype="Int64", name=column)


def load_curated(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load ``data/curation/<name>.csv``: facts the book curates (dictionary, sources, ...)."""
    _known(name, CURATION_SCHEMAS, "data/curation")
    return read_csv(Path(data_dir or DATA_DIR) / "curation" / f"{name}.csv", CURATION_SCHEMAS[name])


def curated_all(prefix: str) -> pd.DataFrame:
    """Every curation file named ``<prefix>`` or ``<prefix>_*``, stacked (the dictionary
    and the file sources are split by family of files).
    """
    names = [n for n in CURATION_SCHEMAS if n == prefix or n.startswith(prefix + "_")]
    folder = Path(DATA_DIR) / "curation"
    frames = [load_curated(n) for n in names if (folder / f"{n}.csv").exists()]
    return pd.concat(frames, ignore_index=True)


def load_reported(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load ``data/paper_reported/<name>.csv``: values printed by the sources.

    These are references only (tests and the reproduction scorecard compare the book's
    computed values with them). Only the files of :data:`REPORTED_SCHEMAS` can be read:
    a name cannot leave the folder.
    """
    _known(name, REPORTED_SCHEMAS, "data/paper_reported")
    return read_csv(Path(data_dir or DATA_DIR) / "paper_reported" / f"{name}.csv", REPORTED_SCHEMAS[name])


def _schema_of(name: str) -> Schema:
    """The schema of a file by its name: ``gpus``, ``paper_reported/table3_speedups``, ..."""
    for prefix, registry in (("paper_reported/", REPORTED_SCHEMAS), ("curation/", CURATION_SCHEMAS)):
        if name.startswith(prefix):
            return registry[_known(name.removeprefix(prefix), registry, prefix.rstrip("/"))]
    return SCHEMAS[_known(name, SCHEMAS, "data")]


def dictionary(name: str) -> pd.DataFrame:
    """The data dictionary of one file: column, type, unit, required, allowed values, meaning.

    ``name`` is a file of data/ (``gpus``) or ``paper_reported/<name>``; units and meanings
    come from data/curation/columns.csv.
    """
    schema = _schema_of(name)
    columns = curated_all("columns")
    docs = {
        c: (u if isinstance(u, str) else "", m)
        for c, u, m in zip(
            columns.loc[columns["file"] == name, "column"],
            columns.loc[columns["file"] == name, "unit"],
            columns.loc[columns["file"] == name, "meaning"],
            strict=True,
        )
    }
    rows = []
    for column, col in schema.columns.items():
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
    schema = _schema_of(name)
    reported = name.removeprefix("paper_reported/")
    frame = load_reported(reported) if reported != name else load(name)
    relative = "../" * docname_depth + f"data/{name}.csv"
    files = curated_all("files").set_index("file")
    key = f"**key:** {', '.join(schema.key)}." if schema.key else "**key:** none."
    text = (
        f"**Source:** {files.loc[name, 'source']}.  \n"
        f"**Rows:** {len(frame)}; **columns:** {len(frame.columns)}; {key}  \n"
        f"**Download:** {{download}}`{name.split('/')[-1]}.csv <{relative}>`"
    )
    return text, dictionary(name)


class LazyTable(Mapping):
    """A read-only mapping built from data files on first use (``build()`` returns the
    dict), so that importing a module reads no file and a bad file is reported, with its
    line, when the table is first needed.
    """

    def __init__(self, build: Callable[[], dict]) -> None:
        self._build = build
        self._table: dict | None = None

    def _get(self) -> dict:
        if self._table is None:
            self._table = self._build()
        return self._table

    def __getitem__(self, key: object) -> object:
        return self._get()[key]

    def __iter__(self) -> Iterator:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())
