"""The offline guard and the browser test catch every way a page can load something.

Each construct below, planted in a page, must be found by the scanner
(:mod:`dltrends.build.offline`), must fail a real Jupyter Book build through the book's
Sphinx extension (``book/_ext/offline_guard.py``), and must fail the browser check that
every page of the site goes through (``conftest.open_page``).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, open_page

from dltrends.build.offline import css_external_loads, external_loads, is_external

PLANTED = {
    "script src": '<script src="https://cdn.example.org/a.js"></script>',
    "unquoted src": '<img src=https://cdn.example.org/b.png alt="">',
    "srcset": '<img src="local.png" srcset="local.png 1x, https://cdn.example.org/c.png 2x" alt="">',
    "preconnect": '<link rel="preconnect" href="https://fonts.example.org">',
    "dns-prefetch": '<link rel="dns-prefetch" href="//fonts.example.org">',
    "stylesheet": '<link rel="stylesheet" href="//cdn.example.org/d.css">',
    "inline url()": '<div style="background-image: url(https://cdn.example.org/e.png)">x</div>',
    "@import": '<style>@import "https://cdn.example.org/f.css";</style>',
    "style url()": "<style>body { background: url('https://cdn.example.org/f2.png') }</style>",
    "object data": '<object data="https://cdn.example.org/g.svg"></object>',
    "embed": '<embed src="https://cdn.example.org/h.swf">',
    "poster": '<video poster="https://cdn.example.org/i.png"></video>',
    "svg image href": '<svg><image href="https://cdn.example.org/j.png" width="1" height="1"/></svg>',
    "svg xlink:href": '<svg><image xlink:href="https://cdn.example.org/k.png" width="1" height="1"/></svg>',
    "iframe": '<iframe src="https://cdn.example.org/l.html"></iframe>',
    "upper-case tag": '<IMG SRC="HTTPS://cdn.example.org/n.png">',
}

ALLOWED = (
    '<a href="https://arxiv.org/abs/2109.05472">the paper</a>'
    '<link rel="canonical" href="https://example.org/book/">'
    '<img src="_static/logo.png" srcset="_static/logo.png 1x, data:image/png;base64,AAAA 2x">'
    '<script src="_static/vendor/vega.min.js"></script>'
    "<div style=\"background: url('_static/x.png')\">x</div>"
)


@pytest.mark.parametrize("construct", sorted(PLANTED))
def test_scanner_finds_each_construct(construct):
    found = external_loads(PLANTED[construct])
    assert len(found) == 1 and "example.org" in found[0], found


def test_scanner_allows_links_and_local_files():
    assert external_loads(ALLOWED) == []


def test_stylesheets_and_urls():
    assert css_external_loads("@import url(https://x.org/a.css); a { b: url(img/c.png) }") == [
        "https://x.org/a.css"
    ]
    assert is_external("//x.org/a.js") and is_external("ftp://x.org/a") and not is_external("#top")
    assert not is_external("../data/gpus.csv") and not is_external("data:text/csv,a")


@pytest.fixture(scope="module")
def planted_build(tmp_path_factory):
    """A one-page Jupyter Book with every construct, built with the book's guard."""
    root = tmp_path_factory.mktemp("planted")
    book = root / "book"
    shutil.copytree(ROOT / "book" / "_ext", book / "_ext")
    (book / "_static").mkdir()
    (book / "_static" / "extra.css").write_text("@import url(https://fonts.example.org/x.css);\n")
    (book / "_config.yml").write_text(
        "title: planted\nexecute:\n  execute_notebooks: 'off'\n"
        "sphinx:\n  local_extensions:\n    offline_guard: _ext\n"
        "  config:\n    html_static_path: ['_static']\n    html_css_files: ['extra.css']\n"
    )
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n")
    html = "\n".join(f"<p>{name}</p>\n{snippet}" for name, snippet in PLANTED.items())
    (book / "index.md").write_text("# Planted\n\n```{raw} html\n" + html + "\n```\n")
    program = str(Path(sys.executable).with_name("jupyter-book"))
    result = subprocess.run(
        [program, "build", str(book), "-W", "-n", "--keep-going"], capture_output=True, text=True, cwd=root
    )
    return result, book / "_build" / "html"


def test_planted_constructs_fail_the_build(planted_build):
    result, _ = planted_build
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for name, snippet in PLANTED.items():
        url = external_loads(snippet)[0].split(" ")[0]
        assert url in output, f"the build did not report {name}: {url}"
    assert "https://fonts.example.org/x.css (stylesheet)" in output


@pytest.mark.parametrize("construct", sorted(PLANTED))
def test_planted_constructs_fail_the_browser_check(chromium, tmp_path, construct):
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><html><head></head><body>{PLANTED[construct]}</body></html>")
    report = open_page(chromium, page)
    assert report.outside, f"the browser check missed {construct}"


def test_a_clean_page_passes_the_browser_check(chromium, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><html><head></head><body>{ALLOWED}</body></html>")
    assert open_page(chromium, page).outside == []


def test_static_files_reach_the_site_even_when_no_page_changed(tmp_path):
    """Sphinx copies html_static_path only when a page is rebuilt; the guard copies a
    changed book.css (and nothing else, and no template) after every build."""
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    try:
        from offline_guard import sync_static
    finally:
        sys.path.pop(0)
    static, out = tmp_path / "_static", tmp_path / "html"
    (static / "vendor").mkdir(parents=True)
    (static / "book.css").write_text("a { color: red }", encoding="utf-8")
    (static / "vendor" / "v.js").write_text("1", encoding="utf-8")
    (static / "copybutton.js_t").write_text("{{ x }}", encoding="utf-8")
    assert sync_static([static], out) == ["book.css", "vendor/v.js"]
    assert sync_static([static], out) == []  # nothing changed, nothing copied
    (static / "book.css").write_text("a { color: blue }", encoding="utf-8")
    assert sync_static([static], out) == ["book.css"]
    assert (out / "_static" / "book.css").read_text(encoding="utf-8") == "a { color: blue }"
    assert not (out / "_static" / "copybutton.js_t").exists()
