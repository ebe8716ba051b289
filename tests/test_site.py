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
