"""The hardware, energy and forecasting chapters: chart builders, stored numbers, other
parameters, and the interactive chart in a real browser."""

import json

import pytest
from conftest import ROOT, SITE, open_page, unavailable

from dltrends import data, energy, forecast
from dltrends.build import pipeline
from dltrends.build.notebooks import glued_values
from dltrends.chapters import energy as che
from dltrends.chapters import forecasting as chf
from dltrends.chapters import hardware as chh
from dltrends.compare import desislavov
from dltrends.display import charts


@pytest.fixture(scope="module")
def cv_energy(table9):
    return energy.model_energy(data.load("cv_models"), table9, "CV")


@pytest.fixture(scope="module")
def nlp_energy(table9):
    return energy.model_energy(data.load("nlp_models"), table9, "NLP")


@pytest.fixture(scope="module")
def fc():
    gpus, ngc = data.load("gpus"), data.load("ngc_inference_throughput")
    return chf.forecasts(data.load("cv_models"), data.load("nlp_models"), gpus, ngc)


@pytest.fixture(scope="module")
def basis():
    return chf.energy_basis(data.load("energy_references"))


def _layers(spec):
    """Every single-view spec inside a (possibly layered) chart spec."""
    if "layer" in spec:
        return [view for layer in spec["layer"] for view in _layers(layer)]
    return [spec]


def _mark(view):
    mark = view["mark"]
    return mark["type"] if isinstance(mark, dict) else mark


def _titles(spec):
    titles = []
    for view in _layers(spec):
        for channel in ("x", "y"):
            title = view.get("encoding", {}).get(channel, {}).get("title")
            if title:
                titles.append(title)
    return titles


def _check_book_conventions(chart):
    spec = chart.to_dict()
    assert spec.get("width", 0) <= 620
    for title in _titles(spec):
        # Lower-case words; unit symbols (GFLOPS, W) keep their case.
        assert title[0].islower(), title
    for view in _layers(spec):
        encoding = view.get("encoding", {})
        for channel in ("x", "y"):
            scale = encoding.get(channel, {}).get("scale", {})
            if scale.get("type") == "log":
                assert "(log scale)" in encoding[channel]["title"]
                assert _mark(view) != "bar", "bars on a log scale have no width"
    return spec


# ----------------------------------------------------------------------------- chart builders


def test_gpu_efficiency_chart():
    points = chh.peak_points(data.load("gpus"))
    spec = _check_book_conventions(charts.gpu_efficiency_chart(points))
    assert spec["mark"]["type"] == "point"
    assert spec["encoding"]["y"]["scale"]["type"] == "log"
    assert spec["encoding"]["shape"]["field"] == "gpu_type"
    color = spec["encoding"]["color"]["scale"]
    assert color["domain"] == ["FP32", "FP16", "FP16/FP32 Tensor"]
    assert color["range"] == [charts.PRECISION_COLORS[p] for p in color["domain"]]
    rows = spec["datasets"][spec["data"]["name"]]
    assert len(rows) == 48
    with pytest.raises(ValueError, match="missing columns"):
        charts.gpu_efficiency_chart(points.drop(columns=["gpu_type"]))


def test_adapted_efficiency_chart(table9):
    chart = charts.adapted_efficiency_chart(chh.adapted_points(table9), chh.fig8_lines(table9))
    spec = _check_book_conventions(chart)
    marks = [_mark(v) for v in _layers(spec)]
    assert marks == ["line", "point", "text"]
    text_rows = spec["datasets"][_layers(spec)[2]["data"]["name"]]
    assert [r["label"] for r in text_rows] == ["T4 Mixed, 70 W"]
    lines = spec["datasets"][_layers(spec)[0]["data"]["name"]]
    assert {r["fit"] for r in lines} == {"CNN fit", "NLP fit"}
    # Without labels there is no text layer (an empty mark would not draw).
    plain = charts.adapted_efficiency_chart(chh.adapted_points(table9, None), chh.fig8_lines(table9))
    assert [_mark(v) for v in _layers(plain.to_dict())] == ["line", "point"]


def test_joules_trend_chart(cv_energy, nlp_energy):
    spec = _check_book_conventions(
        charts.joules_trend_chart(che.model_points(cv_energy, "CV"), che.energy_lines(cv_energy, "CV"))
    )
    dots, lines = _layers(spec)
    assert dots["encoding"]["color"]["field"] == "architecture"
    assert lines["encoding"]["strokeDash"]["scale"]["range"] == [[6, 3], [1, 0], [2, 2]]
    assert lines["encoding"]["color"]["scale"]["range"] == list(charts.SELECTION_COLORS.values())
    assert spec["resolve"]["scale"]["color"] == "independent"
    rows = spec["datasets"][dots["data"]["name"]]
    assert len(rows) == 94 and sum(r["fit"] == "in the best-models fit" for r in rows) == 10
    nlp_spec = charts.joules_trend_chart(
        che.model_points(nlp_energy, "NLP"),
        che.energy_lines(nlp_energy, "NLP"),
        by_architecture=False,
    ).to_dict()
    assert _layers(nlp_spec)[0]["encoding"]["color"] == {"value": "#555555"}


def test_score_vs_joules_chart(cv_energy):
    frontier = che.frontier_line(cv_energy, "top1_accuracy")
    spec = _check_book_conventions(
        charts.score_vs_joules_chart(
            che.model_points(cv_energy, "CV"), frontier, "top1_accuracy", "imagenet top-1 accuracy, %"
        )
    )
    front, dots = _layers(spec)
    assert front["mark"]["interpolate"] == "step-after"
    assert dots["encoding"]["x"]["scale"]["type"] == "log"
    assert dots["encoding"]["y"]["title"] == "imagenet top-1 accuracy, %"
    assert len(spec["datasets"][front["data"]["name"]]) == len(frontier)


def test_joules_forecast_chart(fc, basis):
    human = desislavov.human_references(data.load_reported("text_claims"))
    refs = chf.reference_lines(chf.references_table(human, basis))
    spec = _check_book_conventions(
        charts.joules_forecast_chart(
            che.model_points(fc["CV"].frame, "CV"), fc["CV"].bands(2030), refs, fc["CV"].end
        )
    )
    marks = [_mark(v) for v in _layers(spec)]
    assert marks == ["area", "area", "line", "point", "rule", "text", "rule"]
    band_rows = spec["datasets"][_layers(spec)[0]["data"]["name"]]
    assert max(r["year"] for r in band_rows) == pytest.approx(2030)
    assert all(r["pi_lower"] < r["fitted"] < r["pi_upper"] for r in band_rows)
    # The references are on one basis: the paper's primary energy is also shown as electricity.
    ref_rows = spec["datasets"][_layers(spec)[4]["data"]["name"]]
    assert len(ref_rows) == len(refs) >= 3


def test_references_share_one_basis(basis):
    human = desislavov.human_references(data.load_reported("text_claims"))
    table = chf.references_table(human, basis).set_index("reference")
    primary = table.loc["US total energy use per person, 2019", "watts"]
    as_electricity = table.loc["the same, as electricity", "watts"]
    # 79,897 kWh a year of primary energy is 9,120.66 W; divided by OWID's 2.476
    # primary kWh per kWh of electricity (substitution, 2019) it is 3,683 W.
    assert primary == pytest.approx(9120.66, abs=0.01)
    assert as_electricity == pytest.approx(primary / basis["primary_per_electricity"])
    assert as_electricity == pytest.approx(3683.3, abs=0.1)
    assert set(table["basis"]) == {"food energy", "primary energy", "electricity equivalent", "electricity"}
    # World electricity 2019: 22,848 TWh is an average of 2.61 TW.
    assert basis["world_watts"] == pytest.approx(22_848 * 3.6e15 / (365 * 86_400))
    assert basis["population_2019"] == pytest.approx(7.713e9, rel=1e-3)


def test_population_power_chart_computes_in_the_spec(fc, basis):
    world = basis["world_watts"]
    refs = chf.interactive_references(7.7e9, 96.85, basis["us_electricity_watts"], world)
    chart = charts.population_power_chart(
        chf.interactive_series(fc, 2021, 2040), refs, 7.7e9, 2030, 1.0, world, (2021, 2040)
    )
    spec = _check_book_conventions(chart)
    params = {p["name"]: p for p in spec["params"]}
    assert params["forecast_year"]["value"] == 2030
    assert params["forecast_year"]["bind"] == {
        "input": "range",
        "min": 2021,
        "max": 2040,
        "step": 1,
        "name": "year ",
    }
    # The rate is chosen in words, not as a power of ten.
    assert params["rate"]["value"] == 1.0
    assert params["rate"]["bind"]["input"] == "select"
    assert "one a second" in params["rate"]["bind"]["labels"]
    assert params["rate"]["bind"]["options"][0] == pytest.approx(1 / 86_400)
    calculates = [t["calculate"] for v in _layers(spec) for t in v.get("transform", []) if "calculate" in t]
    assert any("datum.slope" in c and "datum.year_center" in c for c in calculates)
    assert any("rate" in c and "7700000000.0" in c for c in calculates)
    # The y scale is fixed and clamped: moving a control moves the lines, not the axis.
    y_scales = [
        v["encoding"]["y"]["scale"] for v in _layers(spec) if "scale" in v.get("encoding", {}).get("y", {})
    ]
    assert y_scales and all(sc["domain"] == [1e7, 1e16] and sc["clamp"] for sc in y_scales)
    with pytest.raises(ValueError, match="outside the slider"):
        charts.population_power_chart(
            chf.interactive_series(fc, 2021, 2040), refs, 7.7e9, 2050, 1.0, world, (2021, 2040)
        )


def test_population_power_table(fc, basis):
    power = chf.population_power(fc, 2030, 1.0, 8e9, 96.85, basis["world_watts"]).set_index("trend")
    row = power.loc["CV, all models"]
    assert row["watts"] == pytest.approx(row["joules"] * 8e9)
    assert row["times_world"] == pytest.approx(row["watts"] / basis["world_watts"])
    assert row["times_world_low"] < row["times_world"] < row["times_world_high"]
    assert chf.rate_for_world(row["joules"], 8e9, basis["world_watts"]) == pytest.approx(
        1 / row["times_world"]
    )
    with pytest.raises(ValueError, match="must be > 0"):
        chf.rate_for_world(0.0, 8e9, basis["world_watts"])


# ----------------------------------------------------------------------------- stored chapters


def test_stored_hardware_numbers(table9):
    values = glued_values(ROOT / "book" / "hardware.ipynb")
    assert values["t8_n_wrong"] == 8
    assert values["t8_fixed_in_t9"] == 8
    assert values["t3_n"] == 58 and values["t3_max_diff"] <= 0.005
    assert values["t4_max_diff"] <= 0.005 and values["t9_max_diff"] <= 0.005 + 1e-9
    assert values["fit_cnn_growth"] == pytest.approx(energy.efficiency_trend(table9, "CNN").growth_per_year)
    assert values["fit_cnn_doubling_years"] == pytest.approx(2.640, abs=1e-3)
    assert values["fit_nlp_doubling_years"] == pytest.approx(2.452, abs=1e-3)
    assert values["standout_gpu"] == "T4 in Mixed precision"
    assert values["standout_year"] == values["paper_standout_year"] == 2018
    assert values["fit_rows"] == "Table 9 as printed" and values["fit_cnn_n"] == 32


def test_stored_energy_numbers():
    values = glued_values(ROOT / "book" / "energy.ipynb")
    assert values["en_cv_n"] == 94 and values["en_nlp_n"] == 19
    assert values["en_cv_high_model"] == "ViT-G/14" and values["en_nlp_high_model"] == "GPT-3"
    assert values["en_cv_best_growth"] == pytest.approx(1.8072, abs=1e-4)
    assert values["dec_cv_best_share_cancelled"] == pytest.approx(0.3073, abs=1e-4)
    assert values["dec_cv_best_joules_growth"] == pytest.approx(
        values["dec_cv_best_flops_growth"] / values["dec_cv_best_efficiency_growth"]
    )
    assert values["en_cv_efficiency"].startswith("the CNN efficiency trend")


def test_stored_forecasting_numbers(basis):
    values = glued_values(ROOT / "book" / "forecasting.ipynb")
    assert values["fc_somatic"] == pytest.approx(forecast.somatic_power_watts())
    assert values["fc_external"] == pytest.approx(forecast.external_power_watts())
    assert values["fc_somatic_paper"] == 100 and values["fc_external_paper"] == 10_000
    assert values["fc_year"] == 2030
    assert values["fc_cv_best_joules"] == pytest.approx(3334.5, abs=0.1)
    # The default population is the 2019 world population of the same basis as the
    # world electricity it is compared with.
    assert values["fc_population_billion"] == pytest.approx(basis["population_2019"] / 1e9)
    assert values["fc_pop_cv_all_watts"] == pytest.approx(
        values["fc_cv_all_joules"] * basis["population_2019"]
    )
    assert values["fc_pop_cv_all_share_of_world_electricity"] == pytest.approx(
        values["fc_pop_cv_all_watts"] / basis["world_watts"]
    )


# ----------------------------------------------------------------------------- other parameters


def test_hardware_with_the_omitted_fp32_rows(tmp_path):
    out = tmp_path / "hardware.ipynb"
    pipeline.execute("hardware", {"include_omitted_fp32": True}, output=out)
    values = glued_values(out)
    assert values["fit_rows"] == "every FP32 row of Table 8"
    assert values["fit_cnn_n"] == 35
    assert values["fit_cnn_growth"] == pytest.approx(1.2682, abs=1e-4)
    assert values["fit_cnn_doubling_years"] == pytest.approx(2.918, abs=1e-3)
    # The comparisons with the printed tables do not depend on the parameter.
    assert values["t8_n_wrong"] == 8 and values["t9_n"] == 36


def test_energy_on_a_named_gpu(tmp_path):
    out = tmp_path / "energy.ipynb"
    pipeline.execute("energy", {"gpu": "A100", "precision": "Mixed"}, output=out)
    values = glued_values(out)
    assert values["en_cv_efficiency"].startswith("a A100 in Mixed precision (130.9 GFLOPS/W")
    # On one GPU every ImageNet model runs at 130.88 GFLOPS/W (Table 9).
    assert values["en_cv_eff_low"] == pytest.approx(130.88, abs=0.01)
    assert values["en_cv_eff_high"] == pytest.approx(values["en_cv_eff_low"])
    # ViT-G/14's 5270 GFLOPs / 130.88 GFLOPS/W.
    assert values["en_cv_high"] == pytest.approx(5270 / 130.876, rel=1e-4)
    # A fixed efficiency cancels nothing: joules grow like FLOPs.
    assert values["dec_cv_best_share_cancelled"] == 0
    assert values["en_cv_best_growth"] == pytest.approx(values["dec_cv_best_flops_growth"])
    assert values["en_cv_best_growth"] == pytest.approx(2.3498, abs=1e-4)


def test_forecasting_other_year_rate_and_population(tmp_path):
    out = tmp_path / "forecasting.ipynb"
    pipeline.execute(
        "forecasting",
        {"year": 2025, "inferences_per_second_per_person": 10.0, "population": 1.0e9},
        output=out,
    )
    values = glued_values(out)
    assert values["fc_year"] == 2025
    gpus, ngc = data.load("gpus"), data.load("ngc_inference_throughput")
    cv = chf.forecasts(data.load("cv_models"), data.load("nlp_models"), gpus, ngc)["CV"]
    expected = float(cv.at("all models", 2025)["fitted"])
    assert values["fc_cv_all_joules"] == pytest.approx(expected)
    assert values["fc_pop_cv_all_watts"] == pytest.approx(expected * 10 * 1e9)
    assert values["fc_population_billion"] == pytest.approx(1.0)
    assert values["fc_cv_best_joules"] < 3334.5  # 2025 comes before 2030 on a growing trend
    # The references do not depend on the parameters.
    assert values["fc_somatic"] == pytest.approx(96.85, abs=0.01)


# ----------------------------------------------------------------------------- the browser


READ_LABELS = """() => {
  const input = document.querySelector('.dltrends-chart input[type=range]');
  const chart = input.closest('.dltrends-chart');
  return [...chart.querySelectorAll('g.mark-text text')]
    .map(t => t.querySelectorAll('tspan').length
      ? [...t.querySelectorAll('tspan')].map(s => s.textContent).join('|')
      : t.textContent)
    .filter(t => t.includes('per inference'));
}"""

SET_YEAR = """(value) => {
  const input = document.querySelector('.dltrends-chart input[type=range]');
  input.value = value;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new Event('change', {bubbles: true}));
}"""

SET_RATE = """(label) => {
  const select = document.querySelector('.dltrends-chart select');
  const option = [...select.options].find(o => o.textContent.trim() === label);
  select.value = option.value;
  select.dispatchEvent(new Event('change', {bubbles: true}));
  return select.options.length;
}"""


def test_interactive_chart_follows_its_controls(browser):
    path = SITE / "forecasting.html"
    if not path.exists():
        unavailable(f"{path} not built: run `make book` first")
    seen = {}

    def action(page, report):
        page.wait_for_function(
            "() => document.querySelector('.dltrends-chart input[type=range]') !== null"
            " && document.querySelector('.dltrends-chart select') !== null"
        )
        page.wait_for_function(f"() => ({READ_LABELS})().length === 4")
        seen["before"] = page.evaluate(READ_LABELS)
        page.evaluate(SET_YEAR, "2035")
        page.wait_for_function(f"() => ({READ_LABELS})().every(t => t.includes(', 2035|'))")
        seen["year"] = page.evaluate(READ_LABELS)
        seen["options"] = page.evaluate(SET_RATE, "a hundred a second")
        page.wait_for_function(
            f"() => JSON.stringify(({READ_LABELS})()) !== {json.dumps(json.dumps(seen['year']))}"
        )
        seen["rate"] = page.evaluate(READ_LABELS)

    report = open_page(browser, path, action)
    assert report.errors == [] and report.blocked == []
    assert report.drawn == report.charts
    before, after_year, after_rate = seen["before"], seen["year"], seen["rate"]
    assert seen["options"] == 7
    assert len(before) == 4 and all(", 2030|" in t for t in before), before
    assert after_year != before
    # The rate changes the power, not the joules per inference: 100 a second is 100 x one a second.
    assert after_rate != after_year
    for old, new in zip(after_year, after_rate, strict=True):
        assert old.split(" per inference")[0] == new.split(" per inference")[0]
        assert _watts(new) == pytest.approx(100 * _watts(old), rel=0.01)


_SI = {"W": 1.0, "kW": 1e3, "MW": 1e6, "GW": 1e9, "TW": 1e12}


def _watts(label):
    """The power in a label's 'everyone: 5.96 GW' (or '1.2 × 10^15 W') line, in watts."""
    text = label.split("everyone: ")[1].split("|")[0].strip()
    if "× 10^" in text:
        mantissa, rest = text.split(" × 10^")
        return float(mantissa) * 10 ** int(rest.split()[0])
    number, unit = text.rsplit(" ", 1)
    return float(number.replace(",", "")) * _SI[unit]
