"""The book's chart builders, by topic. Each returns an Altair chart, tested via ``to_dict()``.

* :mod:`.base`: sizes, the colour of each meaning, the one column check;
* :mod:`.models`: CV and NLP trends; :mod:`.hardware`: hardware, energy, forecasting;
* :mod:`.memory`: the memory wall; :mod:`.appendix`: scorecard and audit;
* :mod:`.since_2021` and :mod:`.measured`: the two chapters after the first edition
  (their builders are called through the submodule: ``charts.since_2021.<name>``).

Conventions kept across the book: lower-case axis titles with units; log scales say
"(log scale)"; one colour meaning per book. Importing this package enables the offline
renderer of :mod:`dltrends.render`.
"""

from dltrends import render
from dltrends.display.charts import measured, since_2021
from dltrends.display.charts.appendix import (
    audit_findings_chart,
    scorecard_gap_chart,
)
from dltrends.display.charts.base import (
    ARCHITECTURE_COLORS,
    AUDIT_KIND_COLORS,
    DOMAIN_COLORS,
    HEIGHT,
    KIND_SHAPES,
    MEMORY_ROLE_COLORS,
    PRECISION_COLORS,
    SELECTION_COLORS,
    SELECTION_DASHES,
    SOURCE_COLORS,
    STATUS_COLORS,
    TREND_DASHES,
    WIDTH,
    YEAR_AXIS,
    color_scale,
    natural_order,
    plain_columns,
    require,
    year_axis,
)
from dltrends.display.charts.hardware import (
    adapted_efficiency_chart,
    efficiency_by_precision_chart,
    energy_per_inference_chart,
    gpu_efficiency_chart,
    joules_forecast_chart,
    joules_trend_chart,
    population_power_chart,
    score_vs_joules_chart,
    utilisation_chart,
)
from dltrends.display.charts.memory import (
    activation_batch_chart,
    bytes_per_param_chart,
    layer_memory_chart,
    memory_calculator_chart,
    memory_wall_growth_chart,
    rule_of_thumb_chart,
    training_memory_breakdown_chart,
    transformer_activation_chart,
    unit_check_chart,
)
from dltrends.display.charts.models import (
    flops_trend_chart,
    params_flops_chart,
    rescaled_flops_chart,
    score_date_bubble_chart,
    score_flops_chart,
)

render.enable()

__all__ = [
    "measured",
    "since_2021",
    "ARCHITECTURE_COLORS",
    "AUDIT_KIND_COLORS",
    "DOMAIN_COLORS",
    "HEIGHT",
    "KIND_SHAPES",
    "MEMORY_ROLE_COLORS",
    "PRECISION_COLORS",
    "SELECTION_COLORS",
    "SELECTION_DASHES",
    "SOURCE_COLORS",
    "STATUS_COLORS",
    "TREND_DASHES",
    "WIDTH",
    "YEAR_AXIS",
    "activation_batch_chart",
    "adapted_efficiency_chart",
    "audit_findings_chart",
    "bytes_per_param_chart",
    "color_scale",
    "efficiency_by_precision_chart",
    "energy_per_inference_chart",
    "flops_trend_chart",
    "gpu_efficiency_chart",
    "joules_forecast_chart",
    "joules_trend_chart",
    "layer_memory_chart",
    "memory_calculator_chart",
    "memory_wall_growth_chart",
    "natural_order",
    "params_flops_chart",
    "plain_columns",
    "population_power_chart",
    "utilisation_chart",
    "require",
    "rescaled_flops_chart",
    "rule_of_thumb_chart",
    "score_date_bubble_chart",
    "score_flops_chart",
    "score_vs_joules_chart",
    "scorecard_gap_chart",
    "training_memory_breakdown_chart",
    "transformer_activation_chart",
    "unit_check_chart",
    "year_axis",
]
