"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium); nothing is downloaded.

Without Chromium the tests skip with a clear message, unless REQUIRE_BROWSER=1 (CI), where that fails.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_missing_reason():
    if not Path(CHROMIUM).exists():
        return (
            f"未找到 Chromium（{CHROMIUM}）：apt-get install chromium fonts-wqy-microhei 后再运行浏览器测试"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "未安装 playwright（pip install playwright）"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = chromium_missing_reason()
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
    # live server's own thread are unaffected, and the test thread only touches the DB to set up data.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def login(page, live_server, username, password):
    """Sign in through the real login form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
