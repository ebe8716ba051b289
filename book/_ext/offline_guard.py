"""Sphinx extension: keep every page self-contained and free of duplicate scripts.

1. sphinx-thebe adds its inline configuration script (``const THEBE_JS_URL = ...``) once
   per read of the environment, so a page can carry the same ``const`` declaration
   twice, which raises "Identifier 'THEBE_JS_URL' has already been declared" in every
   browser. This book does not use thebe (no live kernel on a static site), so the
   thebe scripts are dropped from every page, and any other exact duplicate script is
   removed as well.
2. After the build, every HTML page and every stylesheet of the site is scanned for
   anything the browser would load from outside the site by itself
   (:func:`dltrends.build.offline.external_loads`: src, srcset, link rel=stylesheet,
   preload or preconnect, object data, poster, SVG image href, meta refresh, CSS url()
   and @import, quoted or not). Each one is reported as a Sphinx warning, which ``-W``
   turns into a failed build. Ordinary hyperlinks (``<a href>``) to the cited papers
   are allowed.
3. The theme loads Sphinx's search (searchtools.js, language_data.js and the 157 KB
   searchindex.js) into every page's head, synchronously, for its search-as-you-type,
   which this book leaves off (``search_as_you_type = False``, the theme's default): the
   search box sends the reader to search.html, which loads them itself. They are removed
   from the other pages, and so are sphinx-design's stylesheet and script from pages
   that use none of its components, and the vendored chart scripts from pages without
   a chart.
4. The theme's 1.5 MB Font Awesome script is removed from every page: its stylesheet
   already draws the same icons with a web font.
5. The book's own static files (``html_static_path``) are copied again after every build
   when they differ from the site's copy: Sphinx copies them only when some page is
   rebuilt, so an edit of ``book.css`` or ``tables.js`` alone would otherwise never reach
   the site.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from dltrends.build.offline import css_external_loads, external_loads

logger = logging.getLogger(__name__)

_THEBE_MARKERS = ("THEBE_JS_URL", "sphinx-thebe.js", "thebe@")


def _script_key(script: object) -> tuple[str, str]:
    filename = str(getattr(script, "filename", "") or "")
    body = str(getattr(script, "attributes", {}).get("body", "") or "")
    return filename, body


def _clean_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[str, str]] = set()
    kept = []
    for script in scripts:
        key = _script_key(script)
        if any(marker in key[0] or marker in key[1] for marker in _THEBE_MARKERS):
            continue
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    context["script_files"] = kept


def site_external_loads(outdir: Path) -> list[tuple[str, str]]:
    """(file, URL and construct) for every outside load of every page and stylesheet."""
    found = []
    for path in sorted(outdir.rglob("*")):
        if path.suffix == ".html":
            urls = external_loads(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".css":
            urls = [
                f"{url} (stylesheet)"
                for url in css_external_loads(path.read_text(encoding="utf-8", errors="replace"))
            ]
        else:
            continue
        found.extend((str(path.relative_to(outdir)), url) for url in urls)
    return found


#: The theme's 1.5 MB icon script: its stylesheet already draws the same icons with a web
#: font, so the script is removed from every page (the theme writes it in its template).
_ICON_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


#: The search scripts the theme writes into every page's head.
_SEARCH_SCRIPT = re.compile(
    r'\s*<script (?:defer )?src="(?:[^"]*/)?'
    r'(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>'
)
#: The vendored chart scripts (vega, vega-lite, vega-embed: 830 KB), needed only where
#: there is a chart.
_CHART_SCRIPTS = re.compile(r'\s*<script src="[^"]*_static/vendor/vega[^"]*"></script>')
#: sphinx-design's assets, loaded on every page whether it uses a component or not.
_DESIGN_ASSETS = re.compile(
    r'\s*<link rel="stylesheet" type="text/css" href="[^"]*sphinx-design\.min\.css[^"]*" />'
    r'|\s*<script[^>]*src="[^"]*design-tabs\.js[^"]*"></script>'
)


def lighten(text: str, search_page: bool = False) -> str:
    """A page without the icon script, the search scripts (except on the search page),
    sphinx-design's assets where it uses no sphinx-design component, and the chart
    scripts where it has no chart.

    >>> lighten('<p>x</p><script src="../searchindex.js"></script>')
    '<p>x</p>'
    >>> lighten('<script src="searchindex.js"></script>', search_page=True)
    '<script src="searchindex.js"></script>'
    """
    text = _ICON_SCRIPT.sub("", text)
    if not search_page:
        text = _SEARCH_SCRIPT.sub("", text)
    if 'class="sd-' not in text and " sd-" not in text:
        text = _DESIGN_ASSETS.sub("", text)
    if "dltrends-chart" not in text:
        text = _CHART_SCRIPTS.sub("", text)
    return text


def _lighten_pages(outdir: Path, search_as_you_type: bool) -> None:
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lighter = lighten(text, search_page=search_as_you_type or page.name == "search.html")
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")


def sync_static(sources: list[Path], outdir: Path) -> list[str]:
    """Copy every file of the ``sources`` folders into ``outdir/_static`` where it is
    missing or differs; return the paths copied (relative to ``_static``).
    """
    import filecmp
    import shutil

    copied = []
    for folder in sources:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.name.endswith("_t"):  # a template Sphinx renders
                continue
            relative = path.relative_to(folder)
            target = outdir / "_static" / relative
            if target.exists() and filecmp.cmp(path, target, shallow=False):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            copied.append(str(relative))
    return copied


def _check_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    # The book's own folders only (extensions add theirs, with templates, as absolute paths).
    static = [Path(app.confdir) / p for p in app.config.html_static_path if not Path(p).is_absolute()]
    for name in sync_static([p for p in static if p.is_dir()], Path(app.outdir)):
        logger.info("offline_guard: copied the changed static file %s", name)
    options = app.config.html_theme_options or {}
    as_you_type = str(options.get("search_as_you_type", False)).lower() == "true"
    _lighten_pages(Path(app.outdir), as_you_type)
    for page, url in site_external_loads(Path(app.outdir)):
        logger.warning("%s loads %s from outside the site", page, url, type="offline_guard")


def setup(app: Sphinx) -> dict:
    """Register the event handlers with Sphinx."""
    app.connect("html-page-context", _clean_scripts, priority=900)
    app.connect("build-finished", _check_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
