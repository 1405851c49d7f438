"""Debian's Chromium driven by Playwright, as the browser tests use it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "var" / "test-artifacts"
# `make test` (and so CI) sets this: there a browser test that cannot run fails, it is never skipped.
REQUIRED = "NEWSROOM_BROWSER_REQUIRED"


def may_skip(*, installed: bool, required: bool) -> bool:
    """Whether the browser tests are skipped: only where Chromium is missing and nobody requires them."""
    return not installed and not required


needs_chromium = pytest.mark.skipif(
    may_skip(installed=CHROMIUM.exists(), required=os.environ.get(REQUIRED) == "1"),
    reason="needs Debian's chromium (make test installs it)",
)

# axe-core's rules for WCAG 2.0/2.1 levels A and AA (its colour-contrast rule among them).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in the test's thread; our database calls stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@contextmanager
def chromium_page(*, width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A fresh headless page in Debian's Chromium (no download of Playwright's own browser)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium ({REQUIRED}=1 is set)")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()


def admin_login(page: Any, *, username: str, password: str) -> None:
    """Sign in on the admin's login form the page shows (where it goes next is the form's ?next=)."""
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("input[type=submit]").click()
