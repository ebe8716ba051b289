"""A deterministic, offline Altair renderer for the book.

Altair's default HTML renderer loads vega from a CDN and writes a random
``altair-viz-<uuid>`` id into every output, so charts vanish offline and nbval sees
churn on every run. This renderer writes a ``<div id="chart-<hash of the spec>">`` and
one ``vegaEmbed`` call; the vega, vega-lite and vega-embed scripts are served by the
book itself from ``book/_static/vendor`` (listed in ``html_js_files`` in
``book/_config.yml``). The same spec always gives the same bytes.

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

_TEMPLATE = """<div id="{div_id}" class="dltrends-chart"></div>
<script type="text/javascript">
(function () {{
  var spec = {spec};
  var el = document.getElementById("{div_id}");
  function show() {{
    if (typeof vegaEmbed !== "function") {{
      el.textContent = "This chart needs vega-embed, which the book serves from its _static folder.";
      return;
    }}
    vegaEmbed(el, spec, {{"actions": false, "renderer": "svg"}}).catch(function (err) {{
      el.textContent = "Chart error: " + err;
      throw err;
    }});
  }}
  if (document.readyState === "loading") {{
    document.addEventListener("DOMContentLoaded", show);
  }} else {{
    show();
  }}
}})();
</script>"""


def spec_hash(spec: dict[str, Any]) -> str:
    """Return a short stable hash of a Vega-Lite spec (sorted-key JSON, SHA-256)."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def chart_html(spec: dict[str, Any]) -> str:
    """Return the deterministic HTML for one chart spec.

    A spec shown a second time in the same kernel gets a ``-2``, ``-3``... suffix so
    two identical charts on one page still have distinct element ids.
    """
    digest = spec_hash(spec)
    _seen[digest] += 1
    suffix = "" if _seen[digest] == 1 else f"-{_seen[digest]}"
    div_id = f"chart-{digest}{suffix}"
    # json.dumps does not escape "</", which would end the <script> element early.
    spec_json = json.dumps(spec, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")
    return _TEMPLATE.format(div_id=div_id, spec=spec_json)


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
