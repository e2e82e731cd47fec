"""Real-browser tests: Debian's Chromium through Playwright against the app served by waitress."""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-gpu"]


@pytest.fixture(scope="module")
def base_url(web_data):
    from webui.server import make_server

    server = make_server(web_data["root"], "127.0.0.1", 0, EXPORT_MAX=50)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="nl-NL")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def test_search_filter_open_and_download(page, base_url, ids, web_data):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Direct naar de inhoud"
    page.get_by_label("Zoekterm").fill("mandaat")
    page.get_by_label("Zoekterm").press("Enter")
    page.wait_for_url("**/?q=mandaat*")
    assert page.locator("ol.hits mark").count() > 0
    # ticking a facet value searches at once (app.js) and shows it as a removable filter
    page.get_by_label("Dinkelland", exact=False).first.check()
    page.wait_for_url("**municipality=GM1774*#resultaten")
    # the new page opens at the results with keyboard focus on their heading, not at the top
    assert page.evaluate("document.activeElement.id") == "resultaten"
    assert page.get_by_role("link", name="Gemeente: Dinkelland").is_visible()
    page.locator("ol.hits h3 a").filter(has_text="Mandaatbesluit Dinkelland 2013").click()
    page.wait_for_url(f"**/documents/{ids['mandaat']}?q=mandaat&municipality=GM1774")
    assert page.get_by_role("heading", level=1).inner_text() == "Mandaatbesluit Dinkelland 2013"
    assert page.locator(".doc-text mark").count() > 0
    with page.expect_download() as info:
        page.get_by_role("link", name="Origineel downloaden").click()
    download = info.value
    assert download.suggested_filename in {web_data["files"]["mandaat"].name, web_data["files"]["copy"].name}
    assert Path(download.path()).read_bytes() == web_data["files"]["mandaat"].read_bytes()
    # the way back restores the whole search: query, filter and results
    page.get_by_role("link", name="Terug naar zoeken").click()
    page.wait_for_url("**/?q=mandaat&municipality=GM1774#resultaten")
    assert page.get_by_label("Zoekterm").input_value() == "mandaat"
    assert page.locator('input[name="municipality"][value="GM1774"]').is_checked()
    assert page.evaluate("document.activeElement.id") == "resultaten"


def test_zip_export_from_the_search_page(page, base_url):
    page.goto(base_url + "/?q=noaberkracht")
    with page.expect_download() as info:
        page.get_by_role("link", name="Originelen als ZIP").click()
    data = Path(info.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as result:
        manifest = json.loads(result.read("manifest.json"))
        assert manifest
        for row in manifest:
            assert hashlib.sha256(result.read(row["archive_name"])).hexdigest() == row["sha256"]


def test_script_in_a_document_never_runs(page, base_url, ids):
    page.goto(base_url + f"/documents/{ids['script']}?q=alert")
    page.goto(base_url + "/?q=raadsvoorstel")
    assert page.dialogs == []
    assert "<script>alert(1)</script>" in page.locator("ol.hits").inner_text()


def test_filters_work_without_javascript(browser, base_url, ids):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + "/")
        page.get_by_label("Barendrecht", exact=False).first.check()
        page.get_by_role("button", name="Filters toepassen").click()
        page.wait_for_url("**municipality=GM0489*#resultaten")
        titles = page.locator("ol.hits h3").all_inner_texts()
        assert titles == ["Sociaal statuut BAR-organisatie"]
        # without JavaScript the fragment still brings the keyboard to the results: the next Tab
        # lands on the results (the feed link under the heading), not back at the top of the page
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.results') !== null")
        page.get_by_role("link", name="Gemeente: Barendrecht").click()
        page.wait_for_url(base_url + "/#resultaten")
        assert page.locator("ol.hits h3").count() > 1
    finally:
        context.close()
