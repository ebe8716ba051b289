"""The chapters "CV trends" and "NLP trends": chart builders, parameters, stored results,
the literal keys of their numbers, browser.
"""

from pathlib import Path

import pytest
from conftest import SITE, open_page, unavailable

from dltrends import nlp as nlp_domain
from dltrends import trends
from dltrends.build import pipeline
from dltrends.build.notebooks import glued_values
from dltrends.chapters import cv_trends as cv_ch
from dltrends.chapters import nlp_trends as nlp_ch
from dltrends.display import charts

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def _mark(layer: dict) -> str:
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def _dataset(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer.get("data", spec.get("data"))["name"]]


def _no_bars_on_log_scales(spec: dict) -> None:
    for layer in _layers(spec):
        if _mark(layer) == "bar":
            for channel in ("x", "y"):
                scale = layer.get("encoding", {}).get(channel, {}).get("scale", {})
                assert scale.get("type") != "log", "a bar on a log scale draws with zero size"


# ----------------------------------------------------------------------------- chart builders


def _tooltips(layer: dict) -> list[dict]:
    tips = layer.get("encoding", {}).get("tooltip", [])
    return tips if isinstance(tips, list) else [tips]


def _shows_model_date_value(layer: dict, value_title: str) -> None:
    """A point layer's tooltip names the model, its release date and the value with its unit."""
    tips = _tooltips(layer)
    fields = [t["field"] for t in tips]
    titles = [t.get("title", "") for t in tips]
    assert "model" in fields and "release_date" in fields
    date = tips[fields.index("release_date")]
    assert date["type"] == "temporal" and date["format"] == "%Y-%m-%d"
    assert value_title in titles


def test_params_flops_chart(cv):
    spec = charts.params_flops_chart(cv).to_dict()
    enc = spec["encoding"]
    assert enc["x"]["scale"]["type"] == "log" and enc["y"]["scale"]["type"] == "log"
    assert enc["x"]["title"] == "parameters, millions (log scale)"
    assert enc["y"]["title"] == "GFLOPs per forward pass (log scale)"
    assert enc["color"]["scale"]["domain"] == ["CNN", "Transformer", "Hybrid"]
    assert enc["color"]["scale"]["range"] == [
        charts.ARCHITECTURE_COLORS[a] for a in ("CNN", "Transformer", "Hybrid")
    ]
    assert enc["shape"]["legend"]["title"] == enc["color"]["legend"]["title"] == "architecture"
    _shows_model_date_value(spec, "GFLOPs per forward pass")
    assert "parameters (millions)" in [t.get("title") for t in _tooltips(spec)]
    rows = spec["datasets"][spec["data"]["name"]]
    assert len(rows) == 94
    assert {"model", "params_millions", "gflops", "architecture"} <= set(rows[0])
    assert spec["width"] <= 620
    with pytest.raises(ValueError, match="missing columns"):
        charts.params_flops_chart(cv.drop(columns="architecture"))


def test_score_date_bubble_chart_area_is_proportional_and_fits(cv):
    spec = charts.score_date_bubble_chart(
        cv_ch.with_training(cv),
        "top1_accuracy",
        "top-1 accuracy (%, one crop)",
        "architecture",
        charts.ARCHITECTURE_COLORS,
        "training",
        max_area=3000,
    ).to_dict()
    bubbles, centres = spec["layer"]
    size = bubbles["encoding"]["size"]
    # Vega-Lite sizes are areas: a linear scale from 0 to the largest GFLOPs (ViT-G/14, 5270)
    # onto 0 to max_area pixels makes each area proportional to the GFLOPs.
    assert size["scale"] == {"type": "linear", "domain": [0, 5270.0], "range": [0, 3000], "zero": True}
    assert size["legend"]["values"] == [1000.0, 5000.0]
    assert "size" not in centres["encoding"]
    assert bubbles["encoding"]["shape"]["field"] == "training"
    assert bubbles["encoding"]["shape"]["legend"]["title"] == "training"
    x, y = bubbles["encoding"]["x"], bubbles["encoding"]["y"]
    assert x["field"] == "release_date" and x["type"] == "temporal"
    # The largest bubble (radius sqrt(3000 / pi) = 31 px) stays inside the plot: both axes
    # keep that much free at their ends, and the dates span whole years (2012 to 2022).
    radius = (3000 / 3.141592653589793) ** 0.5
    assert x["scale"]["padding"] >= radius and y["scale"]["padding"] >= radius
    assert [d["year"] for d in x["scale"]["domain"]] == [2012, 2022]
    _shows_model_date_value(bubbles, "top-1 accuracy (%, one crop)")
    _shows_model_date_value(bubbles, "GFLOPs per forward pass")


def test_score_date_bubble_chart_leaves_out_unscored(nlp):
    spec = charts.score_date_bubble_chart(nlp, "glue_score", "GLUE score").to_dict()
    rows = (
        _dataset(spec, spec["layer"][0])
        if "data" in spec["layer"][0]
        else spec["datasets"][spec["data"]["name"]]
    )
    assert len(rows) == 11  # 19 models, 8 without a GLUE score
    assert spec["layer"][0]["encoding"]["size"]["scale"]["domain"] == [0, 79.0]
    assert spec["layer"][0]["encoding"]["y"]["title"] == "GLUE score"
    assert "glue score" not in str(spec)
    with pytest.raises(ValueError, match="no row"):
        charts.score_date_bubble_chart(nlp.assign(glue_score=float("nan")), "glue_score", "GLUE score")


def test_flops_trend_chart(cv):
    fits = cv_ch.fig3_fits(cv)
    lines = cv_ch.trend_lines(fits, cv)
    points = cv_ch.fig3_points(cv)
    spec = charts.flops_trend_chart(
        points, lines, "architecture", charts.ARCHITECTURE_COLORS, dashes={cv_ch.BEST: "dashed"}
    ).to_dict()
    marks = [_mark(layer) for layer in spec["layer"]]
    assert marks == ["area", "point", "point", "line"]  # band, models, rings, fits
    for layer in spec["layer"]:
        assert layer["encoding"]["y"]["scale"]["type"] == "log"
        assert "(log scale)" in layer["encoding"]["y"]["title"]
    dash = spec["layer"][-1]["encoding"]["strokeDash"]
    assert dash["scale"]["domain"] == [cv_ch.BEST, cv_ch.ALL]
    assert dash["scale"]["range"] == [charts.TREND_DASHES["dashed"], charts.TREND_DASHES["solid"]]
    ring_rows = _dataset(spec, spec["layer"][2])
    assert sum(row["highlight"] for row in ring_rows) == 10
    # The rings sit on top of the points: they show the same tooltip, not the name alone.
    assert _tooltips(spec["layer"][2]) == _tooltips(spec["layer"][1])
    _shows_model_date_value(spec["layer"][1], "GFLOPs per forward pass")
    # Lines from trends.line (decimal years) are drawn at dates: 2012-01-01 to 2021-12-31.
    line_rows = _dataset(spec, spec["layer"][-1])
    assert line_rows[0]["date"] == "2012-01-01" and line_rows[-1]["date"] == "2021-12-31"
    assert {t["field"] for t in _tooltips(spec["layer"][-1])} == {"fit", "date", "fitted"}
    no_band = charts.flops_trend_chart(
        points.drop(columns="highlight"), lines, "architecture", band=False
    ).to_dict()
    assert [_mark(layer) for layer in no_band["layer"]] == ["point", "line"]
    _no_bars_on_log_scales(spec)


def test_flops_trend_chart_orders_token_lengths_naturally(nlp):
    models = nlp_domain.normalise_to_tokens(nlp, None)
    lines = cv_ch.trend_lines(nlp_ch.fig6_fits(models), models)
    points = nlp_ch.fig6_points(models)
    spec = charts.flops_trend_chart(points, lines, "input_tokens", shape_col="input_tokens").to_dict()
    color = spec["layer"][1]["encoding"]["color"]
    assert color["scale"]["domain"] == [f"{n} tokens (as printed)" for n in (128, 512, 1024, 2048)]
    assert color["legend"]["title"] == "input tokens"
    with pytest.raises(ValueError, match="missing columns"):
        charts.flops_trend_chart(points, lines.drop(columns="ci_lower"), "input_tokens")


def test_score_flops_chart_with_frontier(cv):
    frontier = cv_ch.frontier(cv)
    spec = charts.score_flops_chart(cv, "top1_accuracy", "top-1 accuracy (%, one crop)", frontier).to_dict()
    line, points = spec["layer"]
    assert _mark(line) == "line" and line["mark"]["interpolate"] == "step-after"
    assert len(_dataset(spec, line)) == 16
    assert points["encoding"]["x"]["scale"]["type"] == "log"
    color = points["encoding"]["color"]
    assert color["field"] == "release_date" and color["scale"]["scheme"] == "viridis"
    # The colour scale spans whole years, so AlexNet's 2012 is on the legend.
    assert [d["year"] for d in color["scale"]["domain"]] == [2012, 2021]
    # No point is cut at an edge: both axes keep a margin.
    assert points["encoding"]["x"]["scale"]["padding"] > 0 and points["encoding"]["y"]["scale"]["padding"] > 0
    _shows_model_date_value(points, "top-1 accuracy (%, one crop)")
    assert len(_dataset(spec, points)) == 94
    alone = charts.score_flops_chart(cv, "top1_accuracy", "top-1 accuracy, %").to_dict()
    assert len(alone["layer"]) == 1


def test_rescaled_flops_chart(nlp):
    rescaled = nlp_domain.normalise_to_tokens(nlp, 128)
    lines = cv_ch.trend_lines(nlp_ch.rescaled_fits(nlp, 128), nlp)
    spec = charts.rescaled_flops_chart(rescaled, lines, 128).to_dict()
    rule, points, trend = spec["layer"]
    assert _mark(rule) == "rule" and rule["transform"] == [
        {"filter": "datum.gflops != datum.gflops_as_printed"}
    ]
    assert points["transform"][0]["fold"] == ["gflops_as_printed", "gflops"]
    assert points["encoding"]["color"]["scale"]["domain"] == ["as printed (Table 7)", "at 128 tokens"]
    assert points["encoding"]["color"]["scale"]["range"] == [
        charts.SOURCE_COLORS["paper"],
        charts.SOURCE_COLORS["this book"],
    ]
    assert trend["encoding"]["strokeDash"]["scale"]["domain"] == ["as printed", "at 128 tokens"]
    _shows_model_date_value(points, "GFLOPs per forward pass")
    rows = _dataset(spec, rule)
    assert sum(row["gflops"] != row["gflops_as_printed"] for row in rows) == 6
    for layer in spec["layer"]:
        assert layer["encoding"]["y"]["scale"]["type"] == "log"


# ----------------------------------------------------------------------------- stored chapters


def test_cv_chapter_stored_values_match_the_paper():
    values = glued_values(BOOK / "cv_trends.ipynb")
    assert round(values["cnn_r"], 3) == values["paper_cnn_r"] == 0.772
    assert values["transformer_r"] == pytest.approx(values["paper_transformer_r"], abs=0.001)
    assert values["table1_verdict"] == "the same models as" and values["table1_n"] == 7
    assert values["l2_computed"] == pytest.approx(values["l2_printed"], rel=0.001)
    assert values["vit_computed"] == pytest.approx(5204.13, abs=0.01) and values["vit_printed"] == 5270.0
    assert values["gflops_best_growth"] == pytest.approx(2.350, abs=0.001)
    assert values["gflops_best_growth_low"] == pytest.approx(1.932, abs=0.001)
    assert values["gflops_best_growth_high"] == pytest.approx(2.858, abs=0.001)
    assert values["best_doubling_ci"] == "7.9 to 12.6"
    assert values["gflops_all_growth"] == pytest.approx(1.424, abs=0.001)
    assert values["pareto_n"] == 16
    assert values["alexnet_table2_gflops"] == 1.42
    assert (values["b7_tan_le"], values["b0_tan_le"]) == (37.0, 0.39)


def test_nlp_chapter_stored_values():
    values = glued_values(BOOK / "nlp_trends.ipynb")
    assert values["paper_tokens"] == 128 and values["n_long"] == 6
    assert values["n_long_same_as_wall"] == 6
    assert values["gpt3_two_n_l"] == pytest.approx(716_800)
    assert values["gpt3_printed"] == 740_000
    assert values["gpt3_params_billions"] == 175.0
    assert values["records_growth"] == pytest.approx(23.37, abs=0.01)
    assert values["records_growth_low"] == pytest.approx(3.557, abs=0.001)
    assert values["cmp_records_growth"] == pytest.approx(15.79, abs=0.01)
    assert values["cmp_records_growth_low"] == pytest.approx(7.553, abs=0.001)
    assert values["cmp_records_growth_high"] == pytest.approx(33.00, abs=0.01)
    assert values["n_unscored"] == 8


# ----------------------------------------------------------------------------- parameters


def test_cv_chapter_with_other_parameters(tmp_path, cv):
    default = glued_values(BOOK / "cv_trends.ipynb")
    out = pipeline.execute(
        "cv_trends",
        parameters={"year_from": 2015, "include_extra_data": False, "flops_band_factor": 2.0},
        output=tmp_path / "cv.ipynb",
    )
    values = glued_values(out)
    expected = cv_ch.selection(cv, 2015, 2021, include_extra_data=False)
    assert values["n_models"] == len(expected) == 61
    assert values["n_extra"] == 0 and values["extra_data_choice"] == "left out"
    assert values["year_first"] == 2015
    best = trends.select_best_per_year(expected)
    assert values["best_n"] == len(best)
    assert values["gflops_best_growth"] == pytest.approx(trends.fit_frame(best, "gflops").growth_per_year)
    assert values["gflops_best_growth"] != pytest.approx(default["gflops_best_growth"], rel=0.01)
    assert values["gflops_all_growth"] != pytest.approx(default["gflops_all_growth"], rel=0.01)
    assert values["band_factor"] == 2.0
    assert values["table1_verdict"] == "not the same models as"
    assert values["pareto_extra"] == 0
    assert values["cnn_r"] != pytest.approx(default["cnn_r"], abs=1e-3)


def test_nlp_chapter_normalised_to_128_tokens(tmp_path, nlp):
    default = glued_values(BOOK / "nlp_trends.ipynb")
    out = pipeline.execute(
        "nlp_trends", parameters={"normalise_to_tokens": 128}, output=tmp_path / "nlp.ipynb"
    )
    values = glued_values(out)
    at128 = nlp_domain.normalise_to_tokens(nlp, 128)
    records = trends.select_record_setters(at128, "gflops")
    assert values["records_n"] == len(records) == 8
    assert values["records_growth"] == pytest.approx(trends.fit_frame(records, "gflops").growth_per_year)
    assert values["records_growth"] == pytest.approx(default["cmp_records_growth"])
    assert values["records_growth"] < default["records_growth"]
    assert values["gflops_all_growth"] != pytest.approx(default["gflops_all_growth"], rel=0.01)
    assert values["gflops_choice"] == "rescaled to 128 tokens for every model"
    # The comparison section does not depend on the page's choice.
    assert values["printed_records_growth"] == pytest.approx(default["printed_records_growth"])


# ----------------------------------------------------------------------------- browser


@pytest.mark.parametrize("page, charts_expected", [("cv_trends.html", 4), ("nlp_trends.html", 4)])
def test_chapter_charts_draw(browser, page, charts_expected):
    path = SITE / page
    if not path.exists():
        unavailable(f"{page} is not built: run `make book` first")
    report = open_page(browser, path)
    assert report.blocked == [] and report.errors == []
    assert report.charts == charts_expected
    assert report.drawn == charts_expected


def test_stored_notebooks_have_no_warnings_or_random_ids():
    import nbformat

    for name in ("cv_trends", "nlp_trends"):
        nb = nbformat.read(BOOK / f"{name}.ipynb", as_version=4)
        streams = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "stream"]
        assert streams == [], f"{name}: stray output {streams[:1]}"
        assert "altair-viz-" not in (BOOK / f"{name}.ipynb").read_text(encoding="utf-8")
