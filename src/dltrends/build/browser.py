"""What a reader's browser sees: the measurements the browser tests assert and
``dltrends bench`` prints.

Each page of the built site is opened in headless Chromium, offline (every request that
is not a local file is aborted), at a desktop size (1280 x 800) and a phone size
(390 x 844). :func:`page_facts` reads, from the page as drawn:

* the computed numbers (glued values) before the page's first section, and how many of
  all its computed numbers are bold;
* visible code lines that call ``glue``; table cells that show ``NaN``, ``<NA>``,
  ``None`` or ``NaT``; tables with a 0..n index column;
* charts, charts drawn, and charts with a CSV download;
* the page's width (wider than the viewport means it scrolls sideways) and the smallest
  font size of any chart text as rendered;
* the bytes the page loaded (every file, the page included).

:func:`first_chart_ms` times, from navigation, the moment the first chart's SVG appears.
Playwright is a test requirement; this module imports it only when called.
"""

from __future__ import annotations

import shutil
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DESKTOP = (1280, 800)
PHONE = (390, 844)
LOCAL = ("file:///", "data:", "blob:", "about:")

#: Budgets of issue 14.
BUDGET_FIRST_CHART_MS = 500
BUDGET_PAGE_BYTES = 2_000_000
MIN_CHART_FONT_PHONE_PX = 9
MIN_NUMBERS_UP_FRONT = 3

_FACTS = r"""() => {
  const main = document.querySelector('article.bd-article')
    || document.querySelector('main') || document.body;
  const numbers = [...main.querySelectorAll('.pasted-text')];
  const firstSection = main.querySelector('h2');
  const upFront = firstSection
    ? numbers.filter(n => n.compareDocumentPosition(firstSection) & Node.DOCUMENT_POSITION_FOLLOWING).length
    : numbers.length;
  const bold = numbers.filter(n => !n.closest('h1,h2,h3,h4,h5,h6')
    && parseInt(getComputedStyle(n).fontWeight, 10) >= 600).length;
  const code = [...main.querySelectorAll('div.cell_input pre, div.highlight pre')]
    .flatMap(pre => pre.textContent.split('\n'));
  const glueLines = code.filter(line => /\bglue(_all)?\(/.test(line)).length;
  const tables = [...main.querySelectorAll('table')];
  const badCells = tables.flatMap(t => [...t.querySelectorAll('td, th')])
    .filter(c => ['NaN', 'nan', '<NA>', 'None', 'NaT'].includes(c.textContent.trim())).length;
  const indexTables = tables.filter(t => {
    const head = t.querySelector('thead tr');
    const rows = [...t.querySelectorAll('tbody tr')];
    if (!head || !rows.length || head.cells[0].textContent.trim() !== '') return false;
    return rows.every((r, i) => r.cells[0] && r.cells[0].textContent.trim() === String(i));
  }).length;
  const boxes = [...main.querySelectorAll('.dltrends-chart-box')];
  const withCsv = boxes.filter(b => b.querySelector('a.dltrends-chart-csv')).length;
  let minFont = null;
  main.querySelectorAll('.dltrends-chart svg.marks').forEach(svg => {
    const drawn = svg.getBoundingClientRect().width;
    const own = svg.width && svg.width.baseVal ? svg.width.baseVal.value : drawn;
    const scale = own ? drawn / own : 1;
    svg.querySelectorAll('text').forEach(t => {
      if (!t.textContent.trim() || t.getBoundingClientRect().height === 0) return;
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (minFont === null || size < minFont) minFont = size;
    });
  });
  return {
    numbers: numbers.length, numbers_up_front: upFront, bold_numbers: bold,
    glue_code_lines: glueLines, tables: tables.length, bad_cells: badCells,
    index_tables: indexTables, charts: main.querySelectorAll('.dltrends-chart').length,
    charts_with_csv: withCsv, charts_drawn: main.querySelectorAll('.dltrends-chart svg.marks').length,
    scroll_width: document.documentElement.scrollWidth, min_chart_font_px: minFont,
  };
}"""

_FIRST_CHART = """
window.__dltrendsFirstChart = null;
new MutationObserver((records, observer) => {
  if (document.querySelector('.dltrends-chart svg.marks')) {
    window.__dltrendsFirstChart = performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, childList: true});
"""


def chromium() -> str | None:
    """The Chromium the tests and the benchmark use (Debian's, or Playwright's own)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def launched() -> Iterator[Any]:
    """A headless Chromium (Playwright), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = chromium()
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser
        finally:
            browser.close()


def _offline_page(browser: Any, size: tuple[int, int], init: str | None = None):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    if init:
        context.add_init_script(init)
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL) else r.abort())
    return context, page


def page_facts(browser: Any, path: Path, size: tuple[int, int] = DESKTOP) -> dict[str, Any]:
    """The facts of one page at one window size (see the module's docstring), with
    ``bytes``: the size of every file the page loaded.
    """
    context, page = _offline_page(browser, size)
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(path.as_uri(), wait_until="load")
    if page.locator(".dltrends-chart").count():
        page.wait_for_function(
            "() => [...document.querySelectorAll('.dltrends-chart')]"
            ".every(el => el.querySelector('svg.marks') || el.textContent.length)",
            timeout=30_000,
        )
    facts = page.evaluate(_FACTS)
    facts["bytes"] = sum(len(r.body()) for r in responses if r.ok)
    context.close()
    return facts


def first_chart_ms(browser: Any, path: Path, runs: int = 3) -> list[float]:
    """Milliseconds from navigation to the first chart's SVG, for ``runs`` fresh loads."""
    times = []
    for _ in range(runs):
        context, page = _offline_page(browser, DESKTOP, _FIRST_CHART)
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("() => window.__dltrendsFirstChart !== null", timeout=30_000)
        times.append(float(page.evaluate("window.__dltrendsFirstChart")))
        context.close()
    return times


def chart_pages(site: Path) -> list[Path]:
    """The pages of the site that have a chart."""
    return [
        p
        for p in sorted(site.glob("*.html"))
        if "dltrends-chart-box" in p.read_text(encoding="utf-8", errors="replace")
    ]


def speed(browser: Any, site: Path, runs: int = 3) -> dict[str, Any]:
    """First-chart times of every chart page: per page the median and the fastest of
    ``runs`` loads, and over the pages the median of each.
    """
    per_page = {p.stem: first_chart_ms(browser, p, runs) for p in chart_pages(site)}
    return {
        "pages": per_page,
        "median_of_medians_ms": statistics.median(statistics.median(t) for t in per_page.values()),
        "median_of_fastest_ms": statistics.median(min(t) for t in per_page.values()),
    }
