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


def test_preview_shows_a_pdf_inline_and_text_formats_with_headings(page, base_url, ids):
    page.goto(base_url + f"/documents/{ids['mandaat']}")
    frame = page.locator("iframe.preview-frame")
    assert frame.get_attribute("src") == f"/documents/{ids['mandaat']}/original?inline=1"
    # Chromium's own PDF viewer opens inside the frame (a download would leave the frame empty)
    viewer = None
    for _ in range(50):
        urls = [f.url for f in page.frames]
        viewer = next((u for u in urls if u.startswith("chrome-extension://")), None)
        if viewer:
            break
        page.wait_for_timeout(100)
    assert f"{base_url}/documents/{ids['mandaat']}/original?inline=1" in [f.url for f in page.frames]
    assert viewer, [f.url for f in page.frames]
    # download stays one click
    assert page.get_by_role("link", name="Origineel downloaden").get_attribute("download") is not None
    # a DOCX: no frame, its extracted text with the heading as a heading and the search terms marked
    page.goto(base_url + f"/documents/{ids['statuut']}?q=medewerkers")
    assert page.locator("iframe").count() == 0
    assert page.locator(".doc-text h3").first.inner_text() == "Sociaal statuut BAR-organisatie"
    assert page.locator(".doc-text p mark").first.inner_text().lower() == "medewerkers"


def pages_to_check(ids: dict) -> list[str]:
    return [
        "/", "/?q=mandaat&municipality=GM1774", "/?type=mandaatbesluti", "/?q=zzzyyyxxx",
        f"/documents/{ids['mandaat']}?q=mandaat", f"/documents/{ids['statuut']}", f"/documents/{ids['broken']}",
        f"/documents/{ids['nonascii']}", "/overzicht", "/organisaties", "/organisaties/noaberkracht",
        "/gemeenten/GM1774", "/gemeenten/GM0489", "/api", "/documents/ffffffffffffffff", "/?page=x",
    ]


def test_nothing_scrolls_sideways_at_390_px_and_results_come_first(browser, base_url, ids):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = context.new_page()
    try:
        for url in pages_to_check(ids):
            page.goto(base_url + url)
            widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
            assert widths[0] <= widths[1], f"{url} scrolls sideways: {widths}"
        page.goto(base_url + "/?q=mandaat")
        # the results heading is on the first screen; the filters wait folded behind their summary
        assert page.locator("#resultaten").bounding_box()["y"] < 844 / 2
        assert not page.locator('input[name="municipality"]').first.is_visible()
        page.get_by_text("Filters", exact=True).first.click()
        assert page.locator('input[name="municipality"]').first.is_visible()
    finally:
        context.close()


AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_wcag_21_aa_violations(browser, base_url, ids, width):
    # bypass_csp only here: the app's policy rightly refuses the injected test script
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True, locale="nl-NL")
    page = context.new_page()
    found = {}
    try:
        for url in pages_to_check(ids):
            page.goto(base_url + url)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
            assert len(result["passes"]) > 10, f"axe did not run on {url}"
            violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
            if violations:
                found[url] = violations
    finally:
        context.close()
    assert found == {}


def test_overview_tables_keep_their_own_height(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + "/overzicht")
    tables = page.evaluate("[...document.querySelectorAll('.columns table')].map(t => "
                           "[Math.round(t.getBoundingClientRect().y), t.rows.length, t.getBoundingClientRect().height])")
    lines: dict[int, list] = {}
    for y, rows, height in tables:
        lines.setdefault(y, []).append((rows, height))
    compared = 0
    for line in lines.values():
        for rows, height in line:
            for other_rows, other_height in line:
                if rows < other_rows:
                    assert height < other_height, tables
                    compared += 1
    assert compared, f"no two tables of different length side by side: {tables}"
