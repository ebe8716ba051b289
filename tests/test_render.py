import json
import re

import altair as alt
import pandas as pd

from dltrends import render
from dltrends.display import charts


def _chart(values=(1, 2, 3)):
    frame = pd.DataFrame({"x": list(values), "y": [v * v for v in values]})
    return alt.Chart(frame).mark_point().encode(x="x:Q", y="y:Q")


def test_same_spec_same_html_and_id():
    spec = _chart().to_dict()
    html_a = render.chart_html(spec)
    html_b = render.chart_html(spec)
    id_a = re.search(r'id="(chart-[0-9a-f]{16}(?:-\d+)?)"', html_a).group(1)
    id_b = re.search(r'id="(chart-[0-9a-f]{16}(?:-\d+)?)"', html_b).group(1)
    assert id_a.startswith("chart-" + render.spec_hash(spec))
    # A repeat of the same spec in one kernel gets a numbered suffix, deterministically.
    assert id_b == id_a.split("-")[0] + "-" + id_a.split("-")[1] + f"-{int(id_b.rsplit('-', 1)[1])}"
    assert html_a.replace(id_a, "ID") == html_b.replace(id_b, "ID")


def test_different_data_different_id():
    assert render.spec_hash(_chart((1, 2)).to_dict()) != render.spec_hash(_chart((1, 3)).to_dict())


def test_bundle_has_no_cdn_and_no_random_id():
    bundle = render.book_renderer(_chart().to_dict())
    html = bundle["text/html"]
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
    assert "altair-viz-" not in html
    assert "vegaEmbed(" in html
    assert bundle["application/vnd.vegalite.v6+json"]["mark"]["type"] == "point"


def test_script_end_tag_in_data_is_escaped():
    frame = pd.DataFrame({"x": [1], "label": ["</script><b>"]})
    spec = alt.Chart(frame).mark_text().encode(x="x:Q", text="label:N").to_dict()
    html = render.chart_html(spec)
    assert html.count("</script>") == 1
    payload = re.search(r"var spec = (.*);\n", html).group(1)
    assert json.loads(payload.replace("<\\/", "</"))["mark"]["type"] == "text"


def test_renderer_is_enabled_by_charts():
    assert charts is not None
    assert alt.renderers.active == "dltrends"


def test_vendored_versions_match_altair():
    from pathlib import Path

    from altair.vegalite.v6 import display

    vendor = Path(__file__).resolve().parents[1] / "book" / "_static" / "vendor"
    assert render.VEGALITE_VERSION == alt.SCHEMA_VERSION.lstrip("v")
    assert render.VEGA_VERSION.split(".")[0] == display.VEGA_VERSION
    assert render.VEGAEMBED_VERSION.split(".")[0] == display.VEGAEMBED_VERSION
    # Each minified bundle carries its own version string.
    assert f'"{render.VEGALITE_VERSION}"' in (vendor / "vega-lite.min.js").read_text()
    assert f'"{render.VEGA_VERSION}"' in (vendor / "vega.min.js").read_text()
    assert f'"{render.VEGAEMBED_VERSION}"' in (vendor / "vega-embed.min.js").read_text()


def test_y_category_labels_are_limited_to_a_share_of_the_width():
    """On a phone a column of long category labels would leave the plot a sliver."""
    import altair as alt
    import pandas as pd

    from dltrends.render import Y_LABEL_LIMIT, responsive

    frame = pd.DataFrame({"name": ["a rather long category label", "b"], "value": [1.0, 2.0]})
    bars = alt.Chart(frame).mark_bar().encode(y="name:N", x="value:Q")
    hidden = alt.Chart(frame).mark_text().encode(y=alt.Y("name:N", axis=None), x="value:Q")
    out = responsive(alt.layer(bars, hidden).to_dict())
    first, second = out["layer"]
    assert first["encoding"]["y"]["axis"]["labelLimit"] == Y_LABEL_LIMIT
    assert second["encoding"]["y"]["axis"] is None  # an axis switched off stays off
    # A quantitative y axis is left alone.
    plain = responsive(alt.Chart(frame).mark_point().encode(y="value:Q", x="value:Q").to_dict())
    assert "axis" not in plain["encoding"]["y"]
