"""A deterministic, offline Altair renderer for the book.

Altair's default HTML renderer loads vega from a CDN and writes a random
``altair-viz-<uuid>`` id into every output, so charts vanish offline and nbval sees
churn on every run. This renderer writes a ``<div id="chart-<hash of the spec>">`` and
one ``vegaEmbed`` call; the vega, vega-lite and vega-embed scripts are served by the
book itself from ``book/_static/vendor`` (listed in ``html_js_files`` in
``book/_config.yml``). The same spec always gives the same bytes.

What every chart of the book gets here, in one place:

* it fills the text column (``width: "container"``) at every screen size, with axis
  and legend labels of 12 px, so a phone shows them at 12 px instead of shrinking a
  fixed-width picture;
* in the theme's dark mode it is drawn with light text on a transparent background
  (and redrawn when the reader switches);
* vega-embed's menu exports it as PNG or SVG, offline; under it, a link downloads a CSV
  of exactly the data it plots (one per dataset; ``book/_static/tables.js`` writes the
  CSV from the spec on click, so the page carries the data once), and a link points to
  the chart;
* it is drawn as soon as its script runs (the vendored scripts load before it), not
  after the whole page and the theme's scripts: the first chart appears early.

The output bundle also carries the Vega-Lite spec under Altair's own MIME type, so a
reader who opens the notebook in JupyterLab sees the chart through JupyterLab's
built-in renderer; the book's HTML pages use only the ``text/html`` part.

Every float in the spec is rounded by :func:`dltrends.stable.stable`, and Altair's
dataset names (an MD5 of the unrounded values) are replaced by a hash of the rounded
ones, so a chart computed on another processor stores the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections import Counter
from typing import Any

import altair as alt

from dltrends.stable import stable

#: Versions of the vendored scripts in book/_static/vendor (see scripts/vendor_js.sh).
VEGA_VERSION = "6.4.0"
VEGALITE_VERSION = "6.4.1"
VEGAEMBED_VERSION = "7.3.0"

_MIME = "application/vnd.vegalite.v6+json"
_seen: Counter[str] = Counter()

#: The book's chart theme: label sizes that stay readable on a phone.
CONFIG: dict[str, Any] = {
    "axis": {"labelFontSize": 12, "titleFontSize": 13, "titleFontWeight": "normal"},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal", "labelLimit": 260},
    "header": {"labelFontSize": 12, "titleFontSize": 13},
    "title": {"fontSize": 14},
    "text": {"fontSize": 12},
}

_TEMPLATE = """<div class="dltrends-chart-box">
<div id="{div_id}" class="dltrends-chart" role="img" aria-label="{label}"></div>
<p class="dltrends-chart-links">{links} · <a href="#{div_id}">link to this chart</a></p>
</div>
<script type="text/javascript">
(function () {{
  var spec = {spec};
  var el = document.getElementById("{div_id}");
  el.dltrendsSpec = spec;
  function dark() {{ return document.documentElement.dataset.theme === "dark"; }}
  function theme() {{
    if (!dark()) return {{}};
    var ink = "#e6e6e6", faint = "#8c8c8c";
    return {{
      background: "transparent",
      axis: {{labelColor: ink, titleColor: ink, domainColor: faint, tickColor: faint, gridColor: "#3a3a3a"}},
      legend: {{labelColor: ink, titleColor: ink}},
      title: {{color: ink}}, header: {{labelColor: ink, titleColor: ink}},
      text: {{color: ink}}, view: {{stroke: "#555"}}
    }};
  }}
  var shown = null;
  function show() {{
    if (typeof vegaEmbed !== "function") {{
      el.textContent = "This chart needs vega-embed, which the book serves from its _static folder.";
      return;
    }}
    var mode = dark();
    if (shown === mode) return;
    shown = mode;
    // One chart at a time, in page order: the first is drawn before the next is compiled.
    var job = (window.dltrendsCharts || Promise.resolve()).then(function () {{
      return vegaEmbed(el, spec, {{
        renderer: "svg",
        actions: {{export: true, source: false, compiled: false, editor: false}},
        config: theme()
      }});
    }});
    window.dltrendsCharts = job.catch(function () {{}});  // a failed chart does not stop the others
    job.catch(function (err) {{
      el.textContent = "Chart error: " + err;
      throw err;  // reported as the page's error
    }});
  }}
  show();
  new MutationObserver(show).observe(
    document.documentElement, {{attributes: true, attributeFilter: ["data-theme"]}}
  );
}})();
</script>"""


def spec_hash(spec: dict[str, Any]) -> str:
    """Return a short stable hash of a Vega-Lite spec (sorted-key JSON, SHA-256)."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stable_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """Return ``spec`` with every float rounded and its datasets named by their content.

    >>> stable_spec({"datasets": {"data-1": [{"x": 0.1 + 0.2}]}, "data": {"name": "data-1"}})
    {'data': {'name': 'data-3159b367a51bc108'}, 'datasets': {'data-3159b367a51bc108': [{'x': 0.3}]}}
    """
    rounded = stable(spec)
    datasets = rounded.get("datasets")
    if not isinstance(datasets, dict):
        return rounded
    text = json.dumps(rounded, sort_keys=True, separators=(",", ":"))
    for old, values in datasets.items():
        content = json.dumps(values, sort_keys=True, separators=(",", ":"))
        new = "data-" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
        text = text.replace(json.dumps(old), json.dumps(new))
    return json.loads(text)


#: The widest a column of category labels on a y axis may be: 40 % of the chart's
#: container (at least 80 px), so that on a phone the plot keeps most of the width; a
#: longer label ends in an ellipsis (its tooltip has it whole).
Y_LABEL_LIMIT = {"expr": "max(80, containerSize()[0] * 0.4)"}


def _limit_y_labels(node: Any) -> None:
    """Give every y axis of categories in ``node`` (a spec or part of one) the
    :data:`Y_LABEL_LIMIT`, unless its axis is switched off.
    """
    if isinstance(node, list):
        for item in node:
            _limit_y_labels(item)
        return
    if not isinstance(node, dict):
        return
    y = (node.get("encoding") or {}).get("y")
    if isinstance(y, dict) and y.get("type") in ("nominal", "ordinal") and y.get("axis", {}) is not None:
        y["axis"] = {**(y.get("axis") or {}), "labelLimit": Y_LABEL_LIMIT}
    for key in ("layer", "hconcat", "vconcat", "concat", "spec"):
        if key in node:
            _limit_y_labels(node[key])


def responsive(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with the book's theme, y-axis category labels limited to a share of
    the width (:data:`Y_LABEL_LIMIT`) and, for a single or layered view, the width of
    the text column (``width: "container"``); the layers' own widths are dropped.
    """
    out = json.loads(json.dumps(spec))
    _limit_y_labels(out)
    config = dict(out.get("config", {}))
    for key, values in CONFIG.items():
        config[key] = {**values, **config.get(key, {})}
    out["config"] = config
    if not any(key in out for key in ("hconcat", "vconcat", "concat", "facet", "repeat")):
        out["width"] = "container"
        # "fit-x": the whole chart, axes and legends included, fits the column.
        out["autosize"] = {"type": "fit-x", "contains": "padding", "resize": True}
        for layer in out.get("layer", []):
            if isinstance(layer, dict):
                layer.pop("width", None)
    return out


def data_links(spec: dict[str, Any], name: str) -> str:
    """Links that download each dataset of ``spec`` (of the chart ``name``) as CSV; the
    CSV is written in the browser from the spec on click (``book/_static/tables.js``).
    """
    datasets = {key: values for key, values in (spec.get("datasets") or {}).items() if values}
    if not datasets and isinstance(spec.get("data"), dict) and spec["data"].get("values"):
        datasets = {"": spec["data"]["values"]}
    links = []
    for index, key in enumerate(datasets, start=1):
        label = "data (CSV)" if len(datasets) == 1 else f"data {index} of {len(datasets)} (CSV)"
        links.append(
            f'<a class="dltrends-chart-csv" href="#{name}" download="{name}-{index}.csv" '
            f'data-chart="{name}" data-dataset="{html.escape(key)}">{label}</a>'
        )
    return " · ".join(links) if links else "no data"


def chart_html(spec: dict[str, Any]) -> str:
    """Return the deterministic HTML for one chart spec.

    A spec shown a second time in the same kernel gets a ``-2``, ``-3``... suffix so
    two identical charts on one page still have distinct element ids.
    """
    digest = spec_hash(spec)
    _seen[digest] += 1
    suffix = "" if _seen[digest] == 1 else f"-{_seen[digest]}"
    div_id = f"chart-{digest}{suffix}"
    shown = responsive(spec)
    # json.dumps does not escape "</", which would end the <script> element early.
    spec_json = json.dumps(shown, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    title = spec.get("title") or spec.get("description") or "chart"
    if isinstance(title, dict):
        title = title.get("text", "chart")
    return _TEMPLATE.format(
        div_id=div_id,
        spec=spec_json,
        links=data_links(spec, div_id),
        label=html.escape(str(title), quote=True),
    )


def book_renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    """Altair renderer entry point: a MIME bundle with deterministic HTML."""
    spec = stable_spec(spec)
    title = spec.get("title") or spec.get("description") or "chart"
    if isinstance(title, dict):
        title = title.get("text", "chart")
    return {
        "text/html": chart_html(spec),
        _MIME: spec,
        "text/plain": f"<chart: {html.escape(str(title))}>",
    }


def enable() -> None:
    """Register and enable the book renderer (idempotent)."""
    if "dltrends" not in alt.renderers.names():
        alt.renderers.register("dltrends", book_renderer)
    alt.renderers.enable("dltrends")


class VegaLiteMimePlugin:
    """myst-nb plugin: accept the Vega-Lite part of a chart output and show nothing for it.

    A chart output carries the spec twice: as ``text/html`` (what the book shows, with
    the vendored vega-embed) and under Altair's MIME type (what JupyterLab shows). myst-nb
    parses every part of an output and warns on a type it does not know, which ``-W``
    makes fatal; this plugin (registered under the ``myst_nb.mime_renderers`` entry point
    in pyproject.toml) tells it that the Vega-Lite part is known and renders to nothing.
    """

    mime_priority_overrides: tuple = ()

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list | None:
        """Return an empty node list for Vega-Lite data, None (not mine) otherwise."""
        if str(data.mime_type).startswith("application/vnd.vegalite."):
            return []
        return None
