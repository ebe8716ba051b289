"""Printed values against recomputed ones: one implementation per printed table or claim.

Every comparison of the book goes through here, so the chapter that shows a table, the
data audit and the reproduction scorecard cannot disagree:

* :mod:`.desislavov`: Desislavov et al.'s Tables 1, 3, 4, 8 and 9, Fig. 1, Eq. 4 and the
  numbers of their prose;
* :mod:`.memory_wall`: the AI and Memory Wall tables;
* :mod:`.seed003`: the note on training memory (seed 003).

**One rule.** A printed value stands for every number that rounds to it: ``2.70`` for
2.695 to 2.705. A recomputed value *agrees* when it lies within half a unit of the
printed value's last digit (:func:`agrees_at_print`), the digit read from the printed
text itself (``2.70`` has two decimals even though the float 2.7 has one).

**Kinds.** What an agreement is worth depends on how the value was recomputed
(:data:`KINDS`): only an ``independent`` agreement counts as *reproduced*.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from dltrends.checks import InputError

#: What a comparison is worth, by how the recomputed value was obtained.
KINDS: dict[str, str] = {
    "independent": "recomputed from the inputs by the method the source describes",
    "consistency": "a total against its parts, or a value against the same value elsewhere in the sources",
    "identity": "true by construction (a baseline of 1, count x bytes, a repeated row)",
    "inferred": "a rule or procedure chosen because it yields the printed result: consistent with, "
    "not reproduced",
    "prediction": "a forecast the source's data made for a later date, scored against what happened",
    "measurement": "an estimate of the source's method against a published measurement of the same work",
}

#: How a claim came out.
STATUSES: tuple[str, ...] = ("agrees", "differs-explained", "differs")

COLUMNS = [
    "claim",
    "kind",
    "source",
    "paper_value",
    "recomputed_value",
    "unit",
    "tolerance",
    "status",
    "note",
]


def slug(text: object, sep: str = "-") -> str:
    """An id part of a claim or finding: lower case, runs of other characters as one ``sep``.

    >>> slug("ResNeXt101 (64×4d)"), slug("FP16/FP32 Tensor"), slug("EVA-02-L", "_")
    ('resnext101-64x4d', 'fp16-fp32-tensor', 'eva_02_l')
    """
    return re.sub(r"[^0-9a-z]+", sep, str(text).lower().replace("×", "x")).strip(sep)


def tolerance(decimals: int, factor: float = 1.0) -> float:
    """Half a unit of the last printed decimal, times ``factor``.

    >>> tolerance(2), tolerance(0), tolerance(-3)
    (0.005, 0.5, 500.0)
    """
    return 0.5 * 10.0 ** (-int(decimals)) * float(factor)


def agrees_at_print(
    printed: float, decimals: int, value: float, factor: float = 1.0, carried: float = 0.0
) -> bool:
    """Whether ``value`` rounds to ``printed``, printed with ``decimals`` decimals.

    The one rule of the book: ``|value - printed| <= tolerance(decimals) x factor``
    (with a margin of 1e-9 relative for the float representation of the bound). When
    ``value`` is itself built from printed numbers, ``carried`` is the rounding it carries
    (three parts printed to 0.01 carry 0.015), added to the bound.

    >>> agrees_at_print(2.70, 2, 2.6953), agrees_at_print(0.994, 3, 0.9947), agrees_at_print(20, 0, 20.4)
    (True, False, True)
    """
    if (
        value is None
        or printed is None
        or any(isinstance(v, float) and math.isnan(v) for v in (value, printed))
    ):
        return False
    bound = tolerance(decimals, factor) + carried * factor
    return abs(float(value) - float(printed)) <= bound + 1e-9 * max(1.0, abs(float(printed)), bound)


def _round(value: object) -> object:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


@dataclass(frozen=True)
class Claim:
    """One printed value against the book's recomputed value.

    ``decimals`` is the printed value's precision (None for a text claim, compared for
    equality). ``explanation``: why the two differ, when the book knows; a claim that
    does not agree is ``differs-explained`` with one and ``differs`` without.
    ``agrees`` overrides the rule for a non-numeric comparison (a list of models).
    """

    claim: str
    kind: str
    source: str
    printed: object
    decimals: int | None
    recomputed: object
    unit: str
    note: str = ""
    explanation: str | None = None
    agrees: bool | None = None
    #: Rounding the recomputed value carries when it is built from printed numbers (a
    #: sum of printed parts): added to the tolerance, so that two printed intervals that
    #: overlap agree.
    carried: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InputError(f"claim {self.claim!r}: kind must be one of {list(KINDS)}, got {self.kind!r}")

    def row(self, factor: float = 1.0) -> dict[str, object]:
        """The scorecard row, with the tolerance scaled by ``factor``."""
        numeric = self.decimals is not None
        if self.agrees is not None:
            agrees = self.agrees
        elif numeric:
            agrees = agrees_at_print(self.printed, self.decimals, self.recomputed, factor, self.carried)
        else:
            agrees = str(self.printed) == str(self.recomputed)
        if agrees:
            status, note = "agrees", self.note
        elif self.explanation:
            status = "differs-explained"
            note = self.explanation
            if self.note:  # the explanation, then how the value was recomputed
                note = f"{self.explanation.rstrip('.')}. {self.note[:1].upper()}{self.note[1:]}"
        else:
            status, note = "differs", self.note or self._gap_note(factor)
        return {
            "claim": self.claim,
            "kind": self.kind,
            "source": self.source,
            "paper_value": _round(self.printed),
            "recomputed_value": _round(self.recomputed),
            "unit": self.unit,
            "tolerance": (tolerance(self.decimals, factor) + self.carried * factor) if numeric else math.nan,
            "status": status,
            "note": note,
        }

    def _gap_note(self, factor: float) -> str:
        if self.recomputed is None or (isinstance(self.recomputed, float) and math.isnan(self.recomputed)):
            return "no recomputed value"
        if self.decimals is None:
            return "the recomputed text differs from the printed text"
        gap = float(self.recomputed) - float(self.printed)
        return (
            f"recomputed {self.recomputed:.6g} vs printed {self.printed:.6g}: the gap {gap:.3g} exceeds "
            f"the printed precision (± {tolerance(self.decimals, factor):g})"
        )


def claims_frame(claims: list[Claim], factor: float = 1.0) -> pd.DataFrame:
    """The rows of a list of claims, with the columns of :data:`COLUMNS`; ids must be unique."""
    frame = pd.DataFrame([c.row(factor) for c in claims], columns=COLUMNS)
    duplicated = frame["claim"][frame["claim"].duplicated()]
    if not duplicated.empty:
        raise InputError(f"duplicate claim ids: {sorted(set(duplicated))}")
    return frame
