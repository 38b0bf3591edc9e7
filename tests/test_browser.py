"""A real browser: headless Chromium (Debian's chromium + chromium-driver, driven by selenium) loads
the discovery page, a feed page and an article page from ``feeds serve`` and we assert on what it rendered.

Screenshots go to $FEEDS_ARTIFACTS when set (docs/output.md's come from FEEDS_ARTIFACTS=docs/screenshots),
else to the test's temporary folder.
"""

from __future__ import annotations

import http.client
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from lxml import etree

from feeds.build import build
from feeds.config import site_from_mapping
from feeds.serve import make_server

from .conftest import SEEDS, TEST_SITE, require_binary

AT = datetime(2026, 11, 1, tzinfo=UTC)
KOREAN_TITLE = "AI 산업의 성공 속에 OpenAI가 실패한다면"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser")
    out = root / "out"
    out.mkdir()
    httpd = make_server(out, 0)
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    # The site URL is the server's, so every link on the pages can be followed in the browser.
    site = site_from_mapping({**TEST_SITE, "title": "피드 데모", "language": "ko", "url": url})
    assert not build(site, SEEDS, out, at=AT).errors
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield url
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium = require_binary("chromium")
    driver_path = require_binary("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=412,915", "--lang=ko-KR"):  # fmt: skip
        options.add_argument(argument)  # a phone-sized window: the pages must read on a phone
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("FEEDS_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def status_and_type(url: str) -> tuple[int, str]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.request("GET", parts.path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Content-Type") or ""
    finally:
        connection.close()


def test_index_page_renders_and_its_links_work(browser: object, site_url: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(site_url)  # type: ignore[attr-defined]
    assert driver.title == "피드 데모"  # type: ignore[attr-defined]
    heading = driver.find_element(By.TAG_NAME, "h1")  # type: ignore[attr-defined]
    assert heading.text == "피드 데모" and heading.is_displayed() and heading.size["width"] > 0
    alternates = driver.find_elements(By.CSS_SELECTOR, 'head link[rel="alternate"]')  # type: ignore[attr-defined]
    assert [a.get_attribute("type") for a in alternates] == [
        "application/rss+xml", "application/atom+xml", "application/feed+json",
    ]  # fmt: skip
    links = driver.find_elements(By.CSS_SELECTOR, "main a[href]")  # type: ignore[attr-defined]
    entries = driver.find_elements(By.CSS_SELECTOR, "main ol.entries h3 a[href]")  # type: ignore[attr-defined]
    hrefs = [a.get_attribute("href") for a in links if a not in entries]
    assert len(hrefs) >= 3 + 3 + 1 + 1  # main feed, AI feed, AI page, OPML
    for href in hrefs:  # every link to what feeds published works
        status, _ = status_and_type(href)
        assert status == 200, href
    # The main feed's latest entries, shown and linked to the articles (which the site, not feeds,
    # publishes: their links are the feed items' links).
    assert KOREAN_TITLE in [a.text for a in entries] and all(a.is_displayed() for a in entries)
    with urlopen(site_url + "rss.xml", timeout=10) as response:
        items = [item.findtext("link") for item in etree.fromstring(response.read()).iter("item")]
    assert [a.get_attribute("href") for a in entries] == items
    # The page fits a phone: nothing wider than the window.
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")  # type: ignore[attr-defined]
    driver.save_screenshot(str(artifacts(tmp_path) / "index.png"))  # type: ignore[attr-defined]


def test_feed_page_shows_korean_entries(browser: object, site_url: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(site_url + "tags/ai/")  # type: ignore[attr-defined]
    titles = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "ol.entries h3")]  # type: ignore[attr-defined]
    assert titles == [KOREAN_TITLE]
    entry = driver.find_element(By.CSS_SELECTOR, "ol.entries h3")  # type: ignore[attr-defined]
    assert entry.is_displayed() and entry.size["width"] > 0 and entry.size["height"] > 0
    # Korean renders with a real CJK font, not boxes: fonts-noto-cjk is installed and matched.
    assert driver.execute_script(  # type: ignore[attr-defined]
        "return document.fonts.check('16px \"Noto Sans CJK KR\"', '한국어')"
    )
    for input_element in driver.find_elements(By.CSS_SELECTOR, "ul.feeds input"):  # type: ignore[attr-defined]
        url = input_element.get_attribute("value")
        status, media_type = status_and_type(url)
        assert status == 200 and media_type.split(";")[0] in (
            "application/rss+xml", "application/atom+xml", "application/feed+json",
        ), url  # fmt: skip
    driver.save_screenshot(str(artifacts(tmp_path) / "feed-page.png"))  # type: ignore[attr-defined]


def article_url(site_url: str) -> str:
    """The page of the Korean AI article: the first item's link in the main feed that names it."""
    with urlopen(site_url + "rss.xml", timeout=10) as response:
        items = etree.fromstring(response.read()).iter("item")
    return next(str(item.findtext("link")) for item in items if item.findtext("title") == KOREAN_TITLE)


def test_article_page_renders(browser: object, site_url: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(article_url(site_url))  # type: ignore[attr-defined]
    heading = driver.find_element(By.TAG_NAME, "h1")  # type: ignore[attr-defined]
    assert heading.text == KOREAN_TITLE and heading.is_displayed()
    content = driver.find_element(By.CSS_SELECTOR, "article .content")  # type: ignore[attr-defined]
    assert content.is_displayed() and len(content.text) > 100
    tags = driver.find_elements(By.CSS_SELECTOR, "ul.article-tags a[rel=tag]")  # type: ignore[attr-defined]
    assert tags and all(status_and_type(a.get_attribute("href"))[0] == 200 for a in tags)
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")  # type: ignore[attr-defined]
    driver.save_screenshot(str(artifacts(tmp_path) / "article.png"))  # type: ignore[attr-defined]


def test_pages_on_a_desktop_and_in_dark_mode(browser: object, site_url: str, tmp_path: Path) -> None:
    driver = browser
    pages = {"index": site_url, "feed-page": site_url + "tags/ai/", "article": article_url(site_url)}
    driver.set_window_size(1280, 900)  # type: ignore[attr-defined]
    try:
        for name, url in pages.items():
            driver.get(url)  # type: ignore[attr-defined]
            main_width = driver.execute_script("return document.querySelector('main').offsetWidth")  # type: ignore[attr-defined]
            assert main_width < 800  # a readable measure, not a line across the screen
            driver.save_screenshot(str(artifacts(tmp_path) / f"{name}-desktop.png"))  # type: ignore[attr-defined]
        driver.execute_cdp_cmd(  # type: ignore[attr-defined]
            "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
        )
        driver.get(pages["article"])  # type: ignore[attr-defined]
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")  # type: ignore[attr-defined]
        assert background == "rgb(20, 20, 22)"
        driver.save_screenshot(str(artifacts(tmp_path) / "article-dark.png"))  # type: ignore[attr-defined]
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})  # type: ignore[attr-defined]
        driver.set_window_size(412, 915)  # type: ignore[attr-defined]


def axe_source() -> str:
    """axe-core (npm), from $AXE_CORE_JS or ./node_modules, where .ci/run installs it."""
    candidates = [os.environ.get("AXE_CORE_JS", ""), "node_modules/axe-core/axe.min.js"]
    root = Path(__file__).resolve().parent.parent
    for candidate in filter(None, candidates):
        path = Path(candidate) if Path(candidate).is_absolute() else root / candidate
        if path.is_file():
            return path.read_text(encoding="utf-8")
    message = "axe-core is not installed (npm install --no-save axe-core@4; .ci/run installs it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; CI=true, so this fails instead of skipping", pytrace=False)
    pytest.skip(message)


@pytest.mark.parametrize("page", ["", "tags/ai/", "article"])
def test_pages_have_no_serious_accessibility_violations(browser: object, site_url: str, page: str) -> None:
    source = axe_source()
    driver = browser
    driver.get(article_url(site_url) if page == "article" else site_url + page)  # type: ignore[attr-defined]
    driver.execute_script(source)  # type: ignore[attr-defined]
    driver.set_script_timeout(60)  # type: ignore[attr-defined]
    results = driver.execute_async_script(  # type: ignore[attr-defined]
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));"
    )
    assert isinstance(results, list), results
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results
        if v.get("impact") in ("serious", "critical")
    ]
    assert serious == []
