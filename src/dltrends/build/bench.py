"""Benchmark the book: build time, pipeline time, page sizes. It prints; it changes no file.

``dltrends bench`` (``make bench``) copies ``book/`` and ``data/`` into a temporary
folder and measures there, so the repository is left exactly as it was:

1. seconds for ``jupyter-book build book`` from the committed, executed notebooks, from
   a clean ``_build`` (nothing cached);
2. seconds for the full pipeline (execute every chapter, write data/derived, build);
3. each page's HTML size in KB, and the whole site's, with the shared vendored
   JavaScript (cached by the browser) apart;
4. in headless Chromium, offline (:mod:`dltrends.build.browser`; needs the test
   requirements): per page the bytes it loads, the milliseconds to its first chart
   (median and fastest of three loads), the computed numbers before its first section,
   and on a phone its width and its smallest chart text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_BUILD_S = 30
BUDGET_PIPELINE_S = 120
BUDGET_PAGE_KB = 500


def _timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed


def _copy_book(root: Path, target: Path) -> None:
    ignore = shutil.ignore_patterns("_build", ".ipynb_checkpoints", "__pycache__")
    shutil.copytree(root / "book", target / "book", ignore=ignore)
    shutil.copytree(root / "data", target / "data", ignore=ignore)
    if (root / "notes").exists():  # pages offer some notes as downloads
        shutil.copytree(root / "notes", target / "notes", ignore=ignore)
    if (root / "jupytext.toml").exists():
        shutil.copy2(root / "jupytext.toml", target / "jupytext.toml")


def _kb(path: Path) -> float:
    return path.stat().st_size / 1024


def main(root: Path, build_only: bool = False) -> int:
    """Measure in a temporary copy of the book; print the figures; return 0."""
    jupyter_book = str(Path(sys.executable).with_name("jupyter-book"))
    with tempfile.TemporaryDirectory(prefix="dltrends-bench-") as tmp:
        copy = Path(tmp)
        _copy_book(root, copy)
        build_s = _timed([jupyter_book, "build", "book", "-W", "-n", "--keep-going"], cwd=copy)
        print(f"build from committed outputs (clean): {build_s:6.1f} s   (budget {BUDGET_BUILD_S} s)")
        if not build_only:
            shutil.rmtree(copy / "book" / "_build")
            env = {**os.environ, "DLTRENDS_ROOT": str(copy)}
            pipeline_s = _timed([sys.executable, "-m", "dltrends", "pipeline"], cwd=copy, env=env)
            print(
                f"full pipeline (execute + build):      {pipeline_s:6.1f} s   (budget {BUDGET_PIPELINE_S} s)"
            )
        site = copy / "book" / "_build" / "html"
        pages = sorted(
            p
            for p in site.rglob("*.html")
            if not any(part.startswith("_") for part in p.relative_to(site).parts)
        )
        print("\npage sizes (HTML only):")
        worst = 0.0
        for page in pages:
            size = _kb(page)
            worst = max(worst, size)
            flag = "  OVER BUDGET" if size > BUDGET_PAGE_KB else ""
            print(f"  {page.relative_to(site)!s:40} {size:8.1f} KB{flag}")
        vendor = site / "_static" / "vendor"
        vendor_kb = sum(_kb(p) for p in vendor.rglob("*") if p.is_file()) if vendor.exists() else 0.0
        total_kb = sum(_kb(p) for p in site.rglob("*") if p.is_file())
        print(f"\nlargest page: {worst:.1f} KB (budget {BUDGET_PAGE_KB} KB)")
        print(f"shared vendored JavaScript: {vendor_kb:.0f} KB")
        without = (total_kb - vendor_kb) / 1024
        print(f"whole site: {total_kb / 1024:.2f} MB ({without:.2f} MB without vendored JS)")
        _browser_figures(site, pages)
    return 0


def _browser_figures(site: Path, pages: list[Path]) -> None:
    """Print what the browser measures (skipped, with a note, without Playwright)."""
    import statistics

    from dltrends.build import browser

    try:
        import playwright  # noqa: F401
    except ImportError:
        print("\n(browser figures need the test requirements: make setup-test)")
        return
    with browser.launched() as chromium:
        print("\nin the browser (offline; first chart: median / fastest of 3 loads):")
        print(
            f"  {'page':28} {'loaded':>9} {'first chart':>14} {'numbers up front':>17}"
            f" {'phone width':>12} {'phone font':>11}"
        )
        medians, fastest, heaviest = [], [], 0
        for page in pages:
            if page.stat().st_size < 500:  # index.html: a redirect to the first page
                continue
            desk = browser.page_facts(chromium, page, browser.DESKTOP)
            phone = browser.page_facts(chromium, page, browser.PHONE)
            heaviest = max(heaviest, desk["bytes"])
            first = "-"
            if desk["charts"]:
                times = browser.first_chart_ms(chromium, page, 3)
                medians.append(statistics.median(times))
                fastest.append(min(times))
                first = f"{medians[-1]:.0f} / {fastest[-1]:.0f} ms"
            font = "-" if phone["min_chart_font_px"] is None else f"{phone['min_chart_font_px']:.0f} px"
            print(
                f"  {page.relative_to(site)!s:28} {desk['bytes'] / 1e6:7.2f} MB {first:>14} "
                f"{desk['numbers_up_front']:>17} {phone['scroll_width']:>9} px {font:>11}"
            )
        if medians:
            print(
                f"first chart over the chart pages: median {statistics.median(medians):.0f} ms, "
                f"median of the fastest {statistics.median(fastest):.0f} ms "
                f"(budget {browser.BUDGET_FIRST_CHART_MS} ms)"
            )
        print(f"heaviest page: {heaviest / 1e6:.2f} MB (budget {browser.BUDGET_PAGE_BYTES / 1e6:.2f} MB)")
