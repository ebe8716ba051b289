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
"""

from __future__ import annotations

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


def _check_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page, url in site_external_loads(Path(app.outdir)):
        logger.warning("%s loads %s from outside the site", page, url, type="offline_guard")


def setup(app: Sphinx) -> dict:
    """Register the two event handlers with Sphinx."""
    app.connect("html-page-context", _clean_scripts, priority=900)
    app.connect("build-finished", _check_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
