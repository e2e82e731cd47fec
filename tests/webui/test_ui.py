"""What users hit first (issue 13): state and focus, facet search, organisation and municipality pages,
feeds, preview headers, one Dutch voice, the API documentation page."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.webui.test_pages import get_page

ATOM = "{http://www.w3.org/2005/Atom}"
ENGLISH = re.compile(r"\b(must|should|the|whole number|not found|error|failed|cannot|invalid)\b", re.IGNORECASE)


def main_text(html: str) -> str:
    main = html[html.index("<main"):html.index("</main>")]
    return re.sub(r"<[^>]+>", " ", main)


def municipality_boxes(html: str) -> list[str]:
    return re.findall(r'name="municipality" value="([^"]+)"', html)


# -- focus and state -------------------------------------------------------------------------------
def test_filters_and_pages_lead_to_the_focusable_results_heading(client):
    html, page = get_page(client, "/?q=besluit&municipality=GM1774&per_page=1")
    assert 'action="/#resultaten"' in html
    assert re.search(r'<h2 id="resultaten" tabindex="-1">', html)
    assert page.link("Dinkelland ×").endswith("#resultaten")
    assert page.link("Volgende").endswith("#resultaten")


def test_result_links_and_the_way_back_keep_the_whole_search(client, ids):
    state = "q=besluit&organisation=noaberkracht&sort=-date&per_page=1&page=2"
    _, search = get_page(client, f"/?{state}")
    link = next(href for _, href in search.links if href.startswith("/documents/"))
    assert parse_qs(urlsplit(link).query) == parse_qs(state)
    html, page = get_page(client, link)
    back = page.link("Terug naar zoeken")
    assert back.endswith("#resultaten") and parse_qs(urlsplit(back).query) == parse_qs(state)
    # marking other words on the page keeps the state too
    for name, value in (("organisation", "noaberkracht"), ("sort", "-date"), ("per_page", "1"), ("page", "2")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in html


# -- facets ------------------------------------------------------------------------------------------
def test_more_values_are_named_in_the_plural(client):
    html, _ = get_page(client, "/")
    assert re.search(r"<summary>Meer gemeenten \(\d+\)</summary>", html)
    assert "Meer gemeente (" not in html


def test_facet_values_can_be_searched_without_javascript(client):
    everything, _ = get_page(client, "/")
    assert len(municipality_boxes(everything)) > 3
    html, _ = get_page(client, "/?facet_filter_municipality=barend")
    assert municipality_boxes(html) == ["GM0489"]
    assert 'name="facet_filter_municipality" type="search" value="barend"' in html
    assert "1 waarde met ‘barend’" in html
    # a ticked value stays while the list is narrowed to something else
    html, _ = get_page(client, "/?facet_filter_municipality=ridder&municipality=GM1774")
    assert set(municipality_boxes(html)) == {"GM0597", "GM1774"}
    # other facets are untouched
    assert 'name="organisation" value="noaberkracht"' in html


def test_unknown_type_and_language_values_get_a_notice_with_the_known_ones(client):
    html, _ = get_page(client, "/?type=mandaatbesluiten&language=nederlands")
    assert "Onbekende soort document: ‘mandaatbesluiten’" in html
    assert "Mandaatbesluit (mandaatbesluit)" in html
    assert "Onbekende taal: ‘nederlands’" in html and "Nederlands (nl)" in html
    html, _ = get_page(client, "/?type=mandaatbesluit&language=nl")
    assert "Onbekende" not in html


# -- organisation and municipality pages --------------------------------------------------------------
def test_organisation_page_lists_members_and_documents_over_time(client):
    html, page = get_page(client, "/organisaties/bar")
    assert page.headings[0] == ("h1", "BAR-organisatie")
    for code, name in (("GM0489", "Barendrecht"), ("GM0613", "Albrandswaard"), ("GM0597", "Ridderkerk")):
        assert page.link(name) == f"/gemeenten/{code}" and code in html
    assert "2014" in html  # the start year
    found = client.get("/api/search?organisation=bar&per_page=100").get_json()
    assert f"Alle {found['total']} documenten zoeken" in html
    by_year_and_type = {}
    for hit in found["hits"]:
        if hit["year"]:
            key = (str(hit["year"]), hit["type_label"])
            by_year_and_type[key] = by_year_and_type.get(key, 0) + 1
    for (year, label), count in by_year_and_type.items():
        assert re.search(rf"<th scope=\"row\">{year}</th>.*?{re.escape(label)}</a> \({count}\)", html, re.S)


def test_organisation_with_an_end_and_merged_members(client):
    html, page = get_page(client, "/organisaties/groningen-ten-boer")
    assert "2018" in html and "ontvlochten" in html
    # Ten Boer was merged into Groningen: shown with the date and a link
    assert "opgeheven na 31 december 2018" in html and page.link("Groningen") == "/gemeenten/GM0014"


def test_municipality_page_names_code_organisation_and_history(client):
    html, page = get_page(client, "/gemeenten/GM1774")
    assert page.headings[0] == ("h1", "Gemeente Dinkelland") and "GM1774" in html and "Overijssel" in html
    assert page.link("Noaberkracht") == "/organisaties/noaberkracht"
    html, page = get_page(client, "/gemeenten/gm0009")
    assert "Ten Boer" in html and page.link("Groningen") == "/gemeenten/GM0014"
    html, page = get_page(client, "/gemeenten/GM0014")
    assert page.link("Ten Boer") == "/gemeenten/GM0009"  # a predecessor


def test_unknown_organisations_and_municipalities_are_dutch_404s(client):
    for url in ("/organisaties/bestaat-niet", "/gemeenten/GM9999", "/gemeenten/Dinkelland"):
        html, _ = get_page(client, url, 404)
        assert "Niet gevonden" in html and "register" in html


def test_pages_of_organisations_and_municipalities_are_linked_everywhere(client, ids):
    _, search = get_page(client, "/?q=mandaat")
    hrefs = [href for _, href in search.links]
    assert "/organisaties/noaberkracht" in hrefs  # in the result row and the facet
    assert "/gemeenten/GM1774" in hrefs
    assert search.link("Pagina over Dinkelland") == "/gemeenten/GM1774"
    _, document = get_page(client, f"/documents/{ids['mandaat']}")
    assert "/organisaties/noaberkracht" in [href for _, href in document.links]
    assert "/gemeenten/GM1774" in [href for _, href in document.links]
    html, listing = get_page(client, "/organisaties")
    assert listing.link("BAR-organisatie") == "/organisaties/bar"
    assert html.count('<li>\n    <h2>') >= 20


# -- feeds ---------------------------------------------------------------------------------------------
def test_every_search_has_an_atom_feed_newest_first(client, ids):
    html, page = get_page(client, "/?q=besluit&organisation=noaberkracht")
    link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html)
    assert link and page.link("Atom-feed") == link.group(1).replace("&amp;", "&")
    url = page.link("Atom-feed")
    assert parse_qs(urlsplit(url).query) == {"q": ["besluit"], "organisation": ["noaberkracht"]}
    response = client.get(url)
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "Fusiearchief: ‘besluit’; Fusieorganisatie: Noaberkracht Dinkelland Tubbergen"
    assert feed.find(f"{ATOM}updated").text
    entries = feed.findall(f"{ATOM}entry")
    found = client.get("/api/search?q=besluit&organisation=noaberkracht&sort=-date&per_page=50").get_json()
    assert [e.find(f"{ATOM}id").text.rsplit("/", 1)[1] for e in entries] == [h["id"] for h in found["hits"]]
    assert ids["mandaat"] in [e.find(f"{ATOM}id").text.rsplit("/", 1)[1] for e in entries]
    published = [e.find(f"{ATOM}published").text for e in entries if e.find(f"{ATOM}published") is not None]
    assert published == sorted(published, reverse=True) and published
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith("http://localhost/documents/")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", entry.find(f"{ATOM}updated").text)


def test_a_feed_with_a_bad_parameter_is_a_dutch_400(client):
    response = client.get("/feed.atom?from=gisteren")
    assert response.status_code == 400 and "JJJJ" in response.get_data(as_text=True)


# -- preview --------------------------------------------------------------------------------------------
def test_inline_original_is_sandboxed_and_only_for_pdf_and_images(client, ids, web_data):
    response = client.get(f"/documents/{ids['mandaat']}/original?inline=1")
    assert response.status_code == 200 and response.data == web_data["files"]["mandaat"].read_bytes()
    assert response.headers["Content-Disposition"].startswith("inline; filename=")
    policy = response.headers["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    # pages themselves still refuse to be framed
    assert client.get(f"/documents/{ids['mandaat']}").headers["X-Frame-Options"] == "DENY"
    for name in ("html", "statuut"):
        refused = client.get(f"/documents/{ids[name]}/original?inline=1")
        assert refused.status_code == 400 and "voorbeeld" in refused.get_data(as_text=True)


def test_only_pdf_and_raster_images_are_shown_inline():
    from webui.preview import inline_kind

    assert inline_kind({"mime": "application/pdf"}) == "pdf"
    assert inline_kind({"mime": "image/png"}) == inline_kind({"mime": "image/jpeg"}) == "image"
    for unsafe in ("image/svg+xml", "text/html", "application/xhtml+xml", "text/plain", None):
        assert inline_kind({"mime": unsafe}) is None


def test_text_blocks_make_headings_and_paragraphs_and_keep_marks():
    from webui.preview import text_blocks

    text = "# Sociaal plan\nInleiding\nDe medewerkers behouden hun rechten.\nDit geldt voor\niedereen.\n\nslot"
    marked = text.replace("medewerkers", "<mark>medewerkers</mark>")
    blocks = [(b["kind"], str(b["html"])) for b in text_blocks(text, marked)]
    assert blocks == [
        ("heading", "Sociaal plan"),
        ("heading", "Inleiding"),
        ("paragraph", "De <mark>medewerkers</mark> behouden hun rechten."),
        ("paragraph", "Dit geldt voor<br>iedereen."),
        ("paragraph", "slot"),
    ]
    escaped = text_blocks("<script>x</script> is geen kop.")
    assert str(escaped[0]["html"]) == "&lt;script&gt;x&lt;/script&gt; is geen kop."


# -- one voice -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("url, status", [
    ("/?page=x", 400), ("/?from=2013-13", 400), ("/?year=13", 400), ("/?sort=oud", 400),
    ("/bestaat-niet", 404), ("/documents/ffffffffffffffff", 404),
])
def test_error_pages_speak_dutch_only(client, url, status):
    html, _ = get_page(client, url, status)
    text = main_text(html)
    assert not ENGLISH.search(text), text


def test_overview_shows_runs_with_dutch_dates_and_states(client):
    html, _ = get_page(client, "/overzicht")
    runs = html[html.index("Laatste inleesrondes"):]
    runs = runs[:runs.index("</table>")]
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d", runs), "no raw ISO timestamps"
    assert re.search(r"<td>klaar</td>", runs) and not re.search(r"<td>(ok|failed|interrupted)</td>", runs)


def test_api_errors_speak_dutch_too(client):
    message = client.get("/api/search?page=x").get_json()["error"]["message"]
    assert not ENGLISH.search(message) and "paginanummer" in message


def test_failures_are_explained_in_dutch_by_code(client, ids, web_data):
    from archive import Catalog
    from webui.formatting import FAILURE_MESSAGES

    with Catalog(web_data["root"] / "catalog.sqlite3", readonly=True) as catalog:
        doc = catalog.get(ids["broken"])
    html, _ = get_page(client, f"/documents/{ids['broken']}")
    assert FAILURE_MESSAGES[doc.failure.code] in html
    assert doc.failure.message not in html  # the extractor's English message


def test_api_documentation_page_is_rendered_from_the_openapi_description(client):
    from webui.openapi import openapi_document

    spec = openapi_document()
    html, page = get_page(client, "/api")
    for path, methods in spec["paths"].items():
        for method in methods:
            assert f"{method.upper()} {path}" in html
    for name, schema in spec["components"]["schemas"].items():
        assert f'id="schema-{name}"' in html
        for field in schema.get("properties", {}):
            assert f"<code>{field}</code>" in html
    for parameter in spec["paths"]["/api/search"]["get"]["parameters"]:
        assert f"<code>{parameter['name']}</code>" in html
    assert page.link("/api/openapi.json") == "/api/openapi.json"
    assert not re.search(r'(src|href)="(https?:)?//', html), "no external resources"
