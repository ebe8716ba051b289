"""Charts of the appendices: the reproduction scorecard and the data audit."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dltrends.display.charts.base import (
    AUDIT_KIND_COLORS,
    KIND_SHAPES,
    STATUS_COLORS,
    WIDTH,
    color_scale,
    require,
)


def scorecard_gap_chart(gaps: pd.DataFrame) -> alt.Chart:
    """Gap between each recomputed value and the printed one, per group of claims.

    ``gaps`` is :func:`dltrends.scorecard.gap_table` (columns ``claim``, ``group``,
    ``kind``, ``status``, ``paper_value``, ``recomputed_value``, ``gap_percent``). One
    point per claim, x = 100 x (recomputed - printed) / printed on a symmetric log scale
    (linear within +/-1 %, logarithmic beyond), coloured by status, shaped by kind.
    """
    require(
        gaps,
        {"claim", "group", "kind", "status", "paper_value", "recomputed_value", "gap_percent"},
        "scorecard_gap_chart",
    )
    order = list(dict.fromkeys(gaps["group"]))
    ticks = [-1000, -300, -100, -30, -10, -3, -1, 0, 1, 3, 10, 30, 100, 300, 1000]
    low = max([t for t in ticks if t <= min(float(gaps["gap_percent"].min()), 0.0)] or [ticks[0]])
    high = min([t for t in ticks if t >= max(float(gaps["gap_percent"].max()), 0.0)] or [ticks[-1]])
    return (
        alt.Chart(gaps)
        .mark_point(filled=True, size=70, opacity=0.75)
        .encode(
            y=alt.Y("group:N", title=None, sort=order),
            x=alt.X(
                "gap_percent:Q",
                title="recomputed minus printed, % of the printed value (symmetric log scale)",
                scale=alt.Scale(type="symlog", constant=1, domain=[low, high], nice=False),
                axis=alt.Axis(values=[t for t in ticks if low <= t <= high]),
            ),
            color=color_scale({k: v for k, v in STATUS_COLORS.items() if k in set(gaps["status"])}, "status"),
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(
                    domain=[k for k in KIND_SHAPES if k in set(gaps["kind"])],
                    range=[v for k, v in KIND_SHAPES.items() if k in set(gaps["kind"])],
                ),
            ),
            tooltip=[
                alt.Tooltip("claim:N"),
                alt.Tooltip("kind:N"),
                alt.Tooltip("paper_value:Q", title="printed", format=",.6g"),
                alt.Tooltip("recomputed_value:Q", title="recomputed", format=",.6g"),
                alt.Tooltip("gap_percent:Q", title="gap, %", format=".3f"),
                alt.Tooltip("status:N"),
            ],
        )
        .properties(width=WIDTH - 240, height=alt.Step(24))
        .configure_legend(orient="bottom")
    )


def audit_findings_chart(counts: pd.DataFrame) -> alt.Chart:
    """Number of findings of each data-audit check, coloured by the kind of check.

    ``counts`` is :func:`dltrends.audit.counts_by_check` (columns ``check``, ``kind``,
    ``description``, ``findings``). Horizontal bars on a linear axis, in the order given.
    """
    require(counts, {"check", "kind", "description", "findings"}, "audit_findings_chart")
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y("check:N", title=None, sort=list(counts["check"])),
            x=alt.X("findings:Q", title="findings (count)", axis=alt.Axis(tickMinStep=1)),
            color=color_scale(
                {k: v for k, v in AUDIT_KIND_COLORS.items() if k in set(counts["kind"])}, "kind"
            ),
            tooltip=[
                alt.Tooltip("check:N"),
                alt.Tooltip("description:N", title="compares"),
                alt.Tooltip("findings:Q"),
            ],
        )
        .properties(width=WIDTH - 260, height=alt.Step(20))
        .configure_legend(orient="bottom", direction="vertical")
    )
