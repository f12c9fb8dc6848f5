"""The report in a real browser: headless Chromium opens the HTML from file://, on a
desktop and a phone width, and finds no console error and no request leaving the file.
Screenshots (and a print PDF) are saved in the test's temporary directory.

`.ci/run` installs Debian's chromium when it is missing; elsewhere the test is skipped
without it (in CI, where CI is set, a missing browser fails the test instead).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tasklint.cli import app
from tests.cdp_support import Browser, chromium_binary

runner = CliRunner()

if chromium_binary() is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (.ci/run installs it)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    with Browser.start(tmp_path_factory.mktemp("chromium-profile")) as running:
        yield running


@pytest.mark.parametrize(
    ("plan", "locale"),
    [("examples/marketing-plan.zh.csv", "zh"), ("examples/marketing-plan.en.xlsx", "en")],
)
def test_the_page_opens_offline_without_errors(browser, tmp_path: Path, plan: str, locale: str):
    page = tmp_path / f"report-{locale}.html"
    result = runner.invoke(app, ["report", plan, "--today", "2025-06-20", "--out", str(page)])
    assert result.exit_code == 0, result.output
    url = page.resolve().as_uri()

    desktop = browser.open(url, width=1280, height=900)
    assert desktop.errors == []
    assert desktop.requests == [url], "the page requested something besides itself"
    assert desktop.evaluate("document.querySelectorAll('svg.pygal-chart').length") >= 4
    assert desktop.evaluate("document.documentElement.lang") == (
        "zh-CN" if locale == "zh" else "en"
    )
    shot = desktop.screenshot(tmp_path / f"desktop-{locale}.png")
    assert shot.stat().st_size > 50_000
    pdf = desktop.pdf(tmp_path / f"print-{locale}.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000

    phone = browser.open(url, width=390, height=844, mobile=True)
    assert phone.errors == []
    assert phone.requests == [url]
    # Readable on a phone: nothing wider than the screen (wide charts scroll in place).
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 14
    assert phone.screenshot(tmp_path / f"phone-{locale}.png").stat().st_size > 50_000


def test_a_page_that_fetches_something_is_caught(browser, tmp_path: Path):
    """The check itself works: a page with a remote image shows a request and an error."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="https://example.invalid/x.png">'
        "<script>console.error('boom')</script></body></html>",
        encoding="utf-8",
    )
    visit = browser.open(page.resolve().as_uri())
    assert any(url.startswith("https://example.invalid/") for url in visit.requests)
    assert visit.errors
