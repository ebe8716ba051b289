"""The built site in a real browser: offline, free of JavaScript errors, every chart drawn.

Opens every HTML page of ``book/_build/html`` (built by ``make book``) in headless
Chromium, with every request that is not ``file://`` blocked and counted (fixtures in
conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SITE, open_page, site_pages, unavailable

from dltrends import data
from dltrends.build import browser as measure


def test_site_has_every_page_of_the_toc():
    if not site_pages():
        unavailable(f"no built site in {SITE}: run `make book` first")
    from dltrends.build.pipeline import chapters_in_toc_order

    names = {p.name for p in site_pages()}
    expected = {"intro.html"} | {f"{name}.html" for name in chapters_in_toc_order(ROOT / "book")}
    assert expected <= names, f"missing pages: {sorted(expected - names)}"


@pytest.mark.parametrize("relative", [str(p.relative_to(SITE)) for p in site_pages()] or ["none"])
def test_page_offline_no_errors_all_charts(browser, relative):
    report = open_page(browser, SITE / relative)
    assert report.outside == [], f"{relative} loads from outside the site: {report.outside}"
    assert report.errors == [], f"{relative} raised JavaScript exceptions: {report.errors}"
    assert report.drawn == report.charts, (
        f"{relative}: {report.drawn} of {report.charts} charts rendered an SVG"
    )


def test_index_redirects_to_the_root_page(browser):
    index = SITE / "index.html"
    if not index.exists():
        unavailable(f"no built site in {SITE}: run `make book` first")
    context = browser.new_context()
    page = context.new_page()
    page.goto(index.as_uri())
    page.wait_for_url("**/intro.html")
    assert page.locator("h1").first.inner_text().startswith("What deep learning costs to run")
    context.close()


def test_downloads_open(browser):
    """Every download link of the data appendix points into the site and opens."""
    page_path = SITE / "data.html"
    if not page_path.exists():
        unavailable(f"{page_path} not built: run `make book` first")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(page_path.as_uri())
    links = page.locator("a.download")
    # One per data file and per file of printed values.
    assert links.count() == len(data.SCHEMAS) + len(data.REPORTED_SCHEMAS), links.count()
    for index in range(links.count()):
        link = links.nth(index)
        href = link.evaluate("el => el.href")
        assert href.startswith("file://"), href
        with page.expect_download() as info:
            link.click()
        saved = Path(info.value.path()).read_text(encoding="utf-8")
        header = saved.splitlines()[0]
        assert "," in header, (href, saved[:80])
        # The file the reader gets is the CSV in data/, byte for byte.
        name = href.rsplit("/", 1)[1]
        folder = "paper_reported" if name.removesuffix(".csv") in data.REPORTED_SCHEMAS else ""
        assert saved == (ROOT / "data" / folder / name).read_text(encoding="utf-8"), name
    context.close()


# ----------------------------------------------------------------------------- the reader's view
# Issue 14's "done when", measured in headless Chromium at 1280 x 800 and 390 x 844,
# offline, by dltrends.build.browser (the same code `dltrends bench` prints with).


def _toc_pages() -> list[str]:
    from dltrends.build.pipeline import chapters_in_toc_order

    return chapters_in_toc_order(ROOT / "book")


@pytest.mark.parametrize("name", _toc_pages())
def test_what_a_reader_sees(browser, name):
    path = SITE / f"{name}.html"
    if not path.exists():
        unavailable(f"{path} not built: run `make book` first")
    desk = measure.page_facts(browser, path, measure.DESKTOP)
    phone = measure.page_facts(browser, path, measure.PHONE)
    # The answer first: computed numbers before the first section.
    assert desk["numbers_up_front"] >= measure.MIN_NUMBERS_UP_FRONT, desk
    assert desk["bold_numbers"] == 0 and desk["glue_code_lines"] == 0, desk
    assert desk["bad_cells"] == 0 and desk["index_tables"] == 0, desk
    assert desk["charts_with_csv"] == desk["charts_drawn"] == desk["charts"], desk
    assert desk["bytes"] <= measure.BUDGET_PAGE_BYTES, desk["bytes"]
    # On a phone nothing widens the page and chart text stays readable.
    assert phone["scroll_width"] <= measure.PHONE[0], phone["scroll_width"]
    if desk["charts"]:
        assert phone["min_chart_font_px"] >= measure.MIN_CHART_FONT_PHONE_PX, phone
        assert desk["min_chart_font_px"] >= 11, desk


def test_first_chart_is_drawn_quickly(browser):
    if not measure.chart_pages(SITE):
        unavailable(f"no built site in {SITE}: run `make book` first")
    result = measure.speed(browser, SITE, runs=3)
    print(
        f"first chart: median of medians {result['median_of_medians_ms']:.0f} ms, "
        f"median of fastest {result['median_of_fastest_ms']:.0f} ms"
    )
    # Over the chart pages, the median of each page's median of three loads.
    assert result["median_of_medians_ms"] <= measure.BUDGET_FIRST_CHART_MS, result


def test_chart_csv_is_the_data_it_plots(browser):
    path = SITE / "hardware.html"
    if not path.exists():
        unavailable(f"{path} not built: run `make book` first")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(path.as_uri())
    link = page.locator("a.dltrends-chart-csv").first
    chart_id = link.get_attribute("data-chart")
    page.wait_for_function(f"() => document.getElementById('{chart_id}').querySelector('svg.marks')")
    rows = page.evaluate(
        f"() => {{ const s = document.getElementById('{chart_id}').dltrendsSpec;"
        " const d = document.querySelector('a.dltrends-chart-csv').dataset.dataset;"
        " return d ? s.datasets[d] : s.data.values; }"
    )
    with page.expect_download() as info:
        link.click()
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(rows) + 1 and len(rows) > 10
    header = lines[0].split(",")
    assert set(header) == {key for row in rows for key in row}
    first = dict(zip(header, lines[1].split(","), strict=False))
    assert first["gpu"] == str(rows[0]["gpu"])
    context.close()
