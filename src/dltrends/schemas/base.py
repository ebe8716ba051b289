"""The parts of a schema: columns with their type and plausible range, and keys."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

#: Dates outside these bounds are not plausible for this book's data.
EARLIEST_DATE = pd.Timestamp("2009-01-01")
LATEST_DATE = pd.Timestamp("2026-12-31")

S, F, INT, D = "str", "float", "int", "date"
OPT = {"required": False}


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
    #: Add ``<column>_decimals`` (the decimals as printed, trailing zeros counted) for
    #: every float column: the files of printed values, whose precision is the tolerance.
    printed: bool = False


def num(low: float, high: float, *, exclusive: bool = True, required: bool = True, kind: str = F) -> Col:
    """A numeric column with its plausible range (low exclusive by default)."""
    return Col(kind, required=required, min=low, max=high, min_exclusive=exclusive)


def pct(required: bool = True) -> Col:
    """A percentage, 0 to 100."""
    return Col(F, required=required, min=0.0, max=100.0)
