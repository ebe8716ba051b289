"""The book's one table formatter.

:func:`show` turns a DataFrame into a compact, deterministic HTML table for a page: no
index column, readable headers with units, numbers right-aligned at their precision with
thousands separators (never ``3.33e+03`` or ``62378344.0``), empty cells empty (never
``NaN``, ``<NA>`` or ``None``), ``yes``/``no`` for booleans, dates as ``YYYY-MM-DD``,
text never cut. The table sits in a box that scrolls sideways, with a visible cue, when
it is wider than the page (on a phone). The same frame always gives the same bytes.

>>> import pandas as pd
>>> html = show(pd.DataFrame({"gpu": ["V100"], "gflops_per_watt": [119.03], "ok": [True]}), "t-demo").data
>>> '>GFLOPS/W</th>' in html, '<td class="num">119.030</td>' in html, "<td>yes</td>" in html
(True, True, True)
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from numbers import Integral, Real

import numpy as np
import pandas as pd

from dltrends.checks import InputError
from dltrends.stable import stable_float

#: Text longer than this (characters) marks its column as long (a minimum width).
LONG_TEXT = 60

#: Readable headers for the column names the book's frames use most (others: words).
HEADERS: dict[str, str] = {
    "gpu": "GPU",
    "gflops": "GFLOPs",
    "tflops": "TFLOPS",
    "watts": "TDP (W)",
    "gflops_per_watt": "GFLOPS/W",
    "params_millions": "parameters (millions)",
    "top1_accuracy": "top-1 accuracy (%)",
    "glue_score": "GLUE score",
    "release_date": "release date",
    "launch_date": "launch date",
    "joules": "joules",
    "model": "model",
    "precision": "precision",
    "task": "task",
    "architecture": "architecture",
    "extra_data": "extra data",
    "input_tokens": "input tokens",
    "r2": "R²",
}

_ACRONYMS = {
    "gpu": "GPU",
    "cv": "CV",
    "nlp": "NLP",
    "gb": "GB",
    "gib": "GiB",
    "tb": "TB",
    "fp32": "FP32",
    "fp16": "FP16",
    "tf32": "TF32",
    "bf16": "BF16",
    "fp8": "FP8",
    "fp4": "FP4",
    "int8": "INT8",
    "tdp": "TDP",
    "gflops": "GFLOPs",
    "tflops": "TFLOPS",
    "pi": "PI",
    "ci": "CI",
    "id": "id",
}


def header(column: object) -> str:
    """A readable header for a column name: :data:`HEADERS`, else its words.

    >>> header("gflops_per_watt"), header("growth_low"), header("fp32_tflops")
    ('GFLOPS/W', 'growth low', 'FP32 TFLOPS')
    """
    name = str(column)
    if name in HEADERS:
        return HEADERS[name]
    words = [_ACRONYMS.get(w, w) for w in name.split("_")]
    return " ".join(words)


def number(value: float, digits: int = 3, significant: bool = False, whole: bool = True) -> str:
    """A number as the book prints it in tables.

    Whole numbers without decimals (unless ``whole`` is False: a whole value in a column
    of decimals keeps the column's decimals, 72.00 beside 3.25); otherwise ``digits``
    decimals, or ``digits`` significant digits when ``significant``; thousands
    separators; magnitudes of 10^9 and more or below 10^-4 as ``1.2 × 10^25`` (HTML
    superscript).

    >>> number(62378344.0), number(3330.4, 3, True), number(0.9208306, 4), number(1.2e25, 2, True)
    ('62,378,344', '3,330', '0.9208', '1.2 × 10<sup>25</sup>')
    >>> number(72.0, 2), number(72.0, 2, whole=False)
    ('72', '72.00')
    """
    value = float(value)
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e9 and not (value.is_integer() and magnitude < 1e15) or magnitude < 1e-4:
        exponent = math.floor(math.log10(magnitude))
        mantissa = value / 10**exponent
        places = max(digits - 1, 0) if significant else min(digits, 2)
        shown = f"{mantissa:.{places}f}".rstrip("0").rstrip(".")
        return f"{shown} × 10<sup>{exponent}</sup>"
    if value.is_integer() and (whole or significant):
        return f"{value:,.0f}"
    if significant:
        decimals = max(0, digits - 1 - math.floor(math.log10(magnitude)))
        return f"{value:,.{decimals}f}"
    return f"{value:,.{digits}f}"


def _cell(value: object, digits: int, significant: bool, whole: bool, year: bool) -> tuple[str, str]:
    """(HTML of one cell, its class: "num", "date" or "")."""
    if value is None or value is pd.NA or value is pd.NaT:
        return "", ""
    if isinstance(value, bool | np.bool_):
        return ("yes" if value else "no"), ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d"), "date"
    if isinstance(value, Integral):
        return (f"{int(value)}" if year else f"{int(value):,}"), "num"
    if isinstance(value, Real):
        if math.isnan(value):
            return "", ""
        if year and float(value).is_integer():
            return f"{int(value)}", "num"
        return number(float(value), digits, significant, whole), "num"
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return text, "date"
    return html.escape(text), ""


def _is_year(column: str) -> bool:
    """A column of years (printed without a thousands separator): its name says year."""
    return "year" in column.lower().split("_")


def show(
    frame: pd.DataFrame,
    table_id: str,
    *,
    headers: Mapping[str, str] | None = None,
    digits: int | Mapping[str, int] = 3,
    significant: bool | set[str] = False,
    caption: str | None = None,
    filterable: bool = False,
    filters: tuple[str, ...] = (),
):
    """Render ``frame`` as the book's table (an ``IPython.display.HTML``).

    ``headers`` maps column names to the header to show (with its unit); other columns
    get :func:`header`. ``digits`` gives decimals for every float column or per column;
    ``significant`` (True or a set of columns) switches to significant digits, for
    columns that span orders of magnitude. ``table_id`` is the table's HTML id.
    ``filterable`` adds, in the browser, a text filter, a select for each column of
    ``filters`` and sorting by a click on a header (``book/_static/tables.js``, offline);
    numeric cells then carry their value for sorting.
    """
    from IPython.display import HTML

    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"show: expected a pandas DataFrame, got {type(frame).__name__}")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", str(table_id)):
        raise InputError(f"table_id must be a simple HTML id, got {table_id!r}")
    unknown = set(headers or {}) - set(frame.columns)
    if unknown:
        raise InputError(f"headers names unknown column(s) {sorted(unknown)}")
    unknown = set(filters) - set(frame.columns)
    if unknown:
        raise InputError(f"filters names unknown column(s) {sorted(unknown)}")
    frame = frame.reset_index(drop=True)
    names = [str(c) for c in frame.columns]
    shown = [html.escape((headers or {}).get(c, header(c))) for c in names]

    def rule(column: str) -> tuple[int, bool]:
        d = digits.get(column, 3) if isinstance(digits, Mapping) else digits
        s = column in significant if isinstance(significant, set) else bool(significant)
        return d, s

    rules = [rule(c) for c in names]
    numeric_column = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    ]
    # A float column with any fractional value prints its whole values with decimals too.
    whole_ok = []
    for c, numeric in zip(frame.columns, numeric_column, strict=True):
        values = pd.to_numeric(frame[c], errors="coerce") if numeric else None
        fractional = numeric and bool(((values.dropna() % 1) != 0).any()) if values is not None else False
        whole_ok.append(not fractional)
    years = [_is_year(c) for c in names]
    # A column of long text gets a minimum width (class "long"), so that on a narrow
    # screen the table scrolls sideways instead of wrapping it into very tall rows.
    long_text = [
        not numeric and frame[c].map(lambda v: len(str(v)) if isinstance(v, str) else 0).max() > LONG_TEXT
        for c, numeric in zip(frame.columns, numeric_column, strict=True)
    ]

    def head_class(numeric: bool, long: bool) -> str:
        return ' class="num"' if numeric else ' class="long"' if long else ""

    head = "".join(
        f'<th{head_class(numeric, long)} data-column="{html.escape(name)}">{h}</th>'
        for name, h, numeric, long in zip(names, shown, numeric_column, long_text, strict=True)
    )
    body = []
    for row in frame.itertuples(index=False, name=None):
        cells = []
        for value, (d, s), whole, year, long in zip(row, rules, whole_ok, years, long_text, strict=True):
            text, kind = _cell(value, d, s, whole, year)
            if kind == "num" and filterable:
                cells.append(f'<td class="num" data-value="{stable_float(value)!r}">{text}</td>')
            elif kind:
                cells.append(f'<td class="{kind}">{text}</td>')
            elif long:
                cells.append(f'<td class="long">{text}</td>')
            else:
                cells.append(f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    extra = ""
    if filterable:
        extra = ' data-filterable="true"'
        if filters:
            extra += f' data-filters="{html.escape(",".join(filters))}"'
    table = (
        f'<table class="dltrends-table" id="{table_id}"{extra}>{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )
    box = '<div class="dltrends-table-box" tabindex="0" role="region" aria-label="table">'
    return HTML(f"{box}{table}</div>")
