"""Shared fixtures: the built site and a headless Chromium with outside requests blocked.

``browser`` (module scope) launches Debian's Chromium (or Playwright's own); ``open_page``
loads one page of ``book/_build/html`` with every request that is not ``file://`` blocked
and counted, and reports JavaScript exceptions and how many charts drew non-empty marks.
On a reader's machine without Chromium the browser tests skip with one line; in CI (``CI``
set) a missing browser or site is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "book" / "_build" / "html"
IN_CI = bool(os.environ.get("CI"))


def unavailable(reason: str):
    """Skip on a reader's machine, fail in CI."""
    if IN_CI:
        pytest.fail(f"browser test cannot run in CI: {reason}")
    pytest.skip(reason)


def is_redirect(path: Path) -> bool:
    """Jupyter Book writes index.html as a one-line meta-refresh to the root page."""
    return path.stat().st_size < 500 and 'http-equiv="Refresh"' in path.read_text(encoding="utf-8")


def site_pages() -> list[Path]:
    """Every HTML page of the built site (theme templates and redirect stubs left out)."""
    if not SITE.exists():
        return []
    return sorted(
        p
        for p in SITE.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(SITE).parts) and not is_redirect(p)
    )


@pytest.fixture(scope="module")
def browser(chromium):
    """Chromium, for tests of the built site (which must exist)."""
    if not site_pages():
        unavailable(f"no built site in {SITE}: run `make book` first")
    return chromium


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium (Debian's, else Playwright's own)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed")
    from dltrends.build.browser import chromium

    executable = chromium()
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(
                executable_path=executable,
                args=["--no-sandbox", "--disable-gpu"],
            )
        except Exception as error:  # no browser: Debian's chromium nor playwright's own
            unavailable(f"no Chromium to run ({str(error).splitlines()[0]})")
        yield browser
        browser.close()


# A chart counts as drawn when its SVG exists and every data-mark group (outside axes,
# legends and titles) has at least one element of non-zero size: a bar of zero width,
# as a log scale gives a bar that starts at 0, does not count.
DRAWN_CHARTS = """() => [...document.querySelectorAll('.dltrends-chart')].filter(el => {
  const svg = el.querySelector('svg.marks');
  if (!svg) return false;
  const groups = [...svg.querySelectorAll('g.role-mark')]
    .filter(g => !g.closest('.role-axis, .role-legend, .role-title'));
  if (groups.length === 0) return false;
  return groups.every(g => [...g.children].some(c => {
    const box = c.getBBox();
    const isArea = g.classList.contains('mark-rect') || g.classList.contains('mark-area');
    return isArea ? box.width > 0 && box.height > 0 : box.width + box.height > 0;
  }));
}).length"""


class PageReport:
    """What happened while one page loaded.

    ``blocked``: requests for anything that is not a local file (aborted); ``external``:
    what the page's DOM, after its scripts ran, would load from outside the site (the
    scanner of the build's offline guard, :mod:`dltrends.build.offline`), which also
    catches what makes no request here (a preconnect, a ``//host`` URL that a file page
    resolves to ``file://host``).
    """

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.external: list[str] = []
        self.errors: list[str] = []
        self.charts = 0
        self.drawn = 0

    @property
    def outside(self) -> list[str]:
        """Everything from outside the site, requested or merely referenced."""
        return self.blocked + self.external


def open_page(browser, path: Path, action=None) -> PageReport:
    """Load ``path`` with outside requests blocked; count charts and drawn charts."""
    report = PageReport()
    context = browser.new_context()
    page = context.new_page()

    def route(route):
        url = route.request.url
        if url.startswith(("file:///", "data:", "blob:", "about:")):
            route.continue_()
        else:
            report.blocked.append(url)
            route.abort()

    def request(req):
        if not req.url.startswith(("file:///", "data:", "blob:", "about:")):
            report.blocked.append(req.url)

    page.route("**/*", route)
    page.on("request", request)
    page.on("pageerror", lambda error: report.errors.append(str(error)))
    page.goto(path.as_uri(), wait_until="load")
    report.charts = page.locator(".dltrends-chart").count()
    if report.charts:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.dltrends-chart')]"
            ".every(el => el.querySelector('svg') || el.textContent.length)",
            timeout=30_000,
        )
    report.drawn = page.evaluate(DRAWN_CHARTS)
    from dltrends.build.offline import external_loads

    report.external = external_loads(page.content())
    report.blocked = sorted(set(report.blocked))
    if action is not None:
        action(page, report)
    context.close()
    return report


# The data most test files need, loaded once per session. A test file may override one
# by defining a fixture of the same name (test_chapter_memory.py's cv and nlp do).


@pytest.fixture(scope="session")
def gpus():
    """data/gpus.csv (Table 8)."""
    from dltrends import data

    return data.load("gpus")


@pytest.fixture(scope="session")
def ngc():
    """data/ngc_inference_throughput.csv (Table 3)."""
    from dltrends import data

    return data.load("ngc_inference_throughput")


@pytest.fixture(scope="session")
def table9(gpus, ngc):
    """The adapted Table 9 as dltrends computes it."""
    from dltrends import hardware

    return hardware.adapted_gpus(gpus, ngc)


@pytest.fixture(scope="session")
def cv():
    """data/cv_models.csv (Table 2)."""
    from dltrends import data

    return data.load("cv_models")


@pytest.fixture(scope="session")
def nlp():
    """data/nlp_models.csv (Table 7)."""
    from dltrends import data

    return data.load("nlp_models")


@pytest.fixture(scope="session")
def claims():
    """data/paper_reported/text_claims.csv: numbers in the paper's prose."""
    from dltrends import data

    return data.load_reported("text_claims")
