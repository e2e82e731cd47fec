"""The Dutch pages over a real ingested data folder: search with facets, document, original, overview."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

from archive import Catalog


class Page(HTMLParser):
    """The bits of a page the tests look at: links, form controls, headings, landmarks, ids."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.inputs: list[dict] = []
        self.labels_for: set[str] = set()
        self.ids: list[str] = []
        self.tags: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.html_lang = None
        self._link: dict | None = None
        self._heading: list | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "a":
            self._link = {"href": attrs.get("href", ""), "text": ""}
        if tag in ("input", "select") and attrs.get("type") not in ("hidden", "submit"):
            self.inputs.append(attrs)
        if tag == "label" and attrs.get("for"):
            self.labels_for.add(attrs["for"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag, ""]

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data
        if self._heading is not None:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((" ".join(self._link["text"].split()), self._link["href"]))
            self._link = None
        if self._heading is not None and tag == self._heading[0]:
            self.headings.append((tag, " ".join(self._heading[1].split())))
            self._heading = None

    def link(self, text_part: str) -> str:
        found = [href for text, href in self.links if text_part in text]
        assert found, f"no link with '{text_part}' in {self.links}"
        return found[0]


def get_page(client, url: str, status: int = 200) -> tuple[str, Page]:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    html = response.get_data(as_text=True)
    return html, Page(html)


def test_search_page_is_accessible_dutch_html(client):
    html, page = get_page(client, "/")
    assert page.html_lang == "nl"
    assert {"header", "nav", "main", "aside", "footer"} <= set(page.tags)
    assert page.links[0] == ("Direct naar de inhoud", "#inhoud") and "inhoud" in page.ids
    assert [level for level, _ in page.headings].count("h1") == 1
    assert len(page.ids) == len(set(page.ids)), "ids must be unique"
    unlabelled = [i for i in page.inputs if i.get("id") not in page.labels_for]
    assert unlabelled == [], "every form control has a label"
    assert "cdn" not in html.lower() and "fonts.googleapis" not in html
    assert 'method="get"' in html


def test_search_finds_and_highlights_with_facets(client, ids):
    html, page = get_page(client, "/?q=mandaat")
    assert f"/documents/{ids['mandaat']}?q=mandaat" in [href for _, href in page.links]
    assert "<mark>" in html
    assert re.search(r'name="municipality" value="GM1774"', html), "Dinkelland is a facet value"
    assert "Mandaatbesluit" in html and "Noaberkracht" in html


def test_facet_filter_narrows_and_can_be_removed(client, ids):
    html, page = get_page(client, "/?municipality=GM1774")
    assert re.search(r'value="GM1774" checked', html)
    hits = {href.split("/documents/")[1].split("?")[0] for _, href in page.links if "/documents/" in href}
    assert ids["mandaat"] in hits and ids["statuut"] not in hits
    remove = page.link("Dinkelland ×")
    assert "municipality" not in parse_qs(urlsplit(remove).query)
    _, unfiltered = get_page(client, "/" + remove.lstrip("/"))
    all_hits = {href for _, href in unfiltered.links if "/documents/" in href}
    assert len(all_hits) > len(hits)


def test_two_values_of_one_facet_mean_either(client, ids):
    one, _ = get_page(client, "/?municipality=GM1774")
    html, page = get_page(client, "/?municipality=GM1774&organisation=bar&municipality=GM0489")
    assert re.search(r'value="GM0489" checked', html) and re.search(r'value="GM1774" checked', html)
    assert "Barendrecht ×" in " ".join(t for t, _ in page.links)


def test_pagination_keeps_the_search_state(client):
    html, page = get_page(client, "/?per_page=2&sort=-date")
    nxt = page.link("Volgende")
    params = parse_qs(urlsplit(nxt).query)
    assert params == {"sort": ["-date"], "per_page": ["2"], "page": ["2"]}
    html2, page2 = get_page(client, nxt)
    assert 'aria-current="page"' in html2 and page2.link("Vorige")
    first = {h for _, h in page.links if "/documents/" in h}
    second = {h for _, h in page2.links if "/documents/" in h}
    assert first and second and not first & second


def test_date_sort_orders_hits(client, app):
    response = client.get("/api/search?sort=date&per_page=100")
    dates = [h["date"] for h in response.get_json()["hits"] if h["date"]]
    assert dates == sorted(dates) and len(dates) >= 3
    html, _ = get_page(client, "/?sort=date")
    assert '<option value="date" selected>' in html


def test_date_range_filters_and_shows_as_removable(client, ids):
    html, page = get_page(client, "/?from=2013-01-01&to=2013-12-31")
    hits = {href.split("/documents/")[1].split("?")[0] for _, href in page.links if "/documents/" in href}
    assert ids["mandaat"] in hits and ids["nonascii"] not in hits
    assert "vanaf 2013-01-01" in html
    assert "from" not in parse_qs(urlsplit(page.link("vanaf 2013-01-01")).query)


def test_suggestion_and_empty_state(client):
    html, page = get_page(client, "/?q=mandaatbesluiten+dinkellnd")
    assert "Bedoelde u" in html
    suggested = parse_qs(urlsplit(page.link("dinkelland")).query)["q"][0]
    assert "dinkelland" in suggested.lower()
    html, _ = get_page(client, "/?q=zzzyyyxxx")
    assert "Geen documenten gevonden" in html and "sterretje" in html


def test_document_page_shows_metadata_origins_provenance_and_highlight(client, ids, web_data):
    html, page = get_page(client, f"/documents/{ids['mandaat']}?q=mandaat")
    assert "gedetecteerd" in html
    assert "Dinkelland" in html and "GM1774" in html
    # the names it arrived under, never the server's folders, and times as Dutch dates
    assert web_data["files"]["mandaat"].name in html and web_data["files"]["copy"].name in html
    assert str(web_data["files"]["mandaat"].parent) not in html
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", html), "no raw ISO timestamps"
    assert re.search(r"<td>\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                     r"november|december) \d{4}, \d{2}:\d{2}</td>", html)
    assert "<mark>" in html
    assert page.link("Origineel downloaden") == f"/documents/{ids['mandaat']}/original"
    assert page.link("Terug naar zoeken") == "/?q=mandaat#resultaten"


def test_document_page_shows_origin_of_a_correction(app, client, ids, web_data):
    html, _ = get_page(client, f"/documents/{ids['odt']}")
    assert 'class="origin">gecorrigeerd<' not in html
    # A correction as 'fusiearchief edit' makes it: written straight into the catalog while the app runs.
    with Catalog(web_data["root"] / "catalog.sqlite3") as catalog:
        catalog.set_overrides(ids["odt"], {"language": "fy"}, origin="corrected", source="test")
    try:
        html, _ = get_page(client, f"/documents/{ids['odt']}")
        assert re.search(r'Fries <span class="origin">gecorrigeerd</span>', html)
    finally:
        with Catalog(web_data["root"] / "catalog.sqlite3") as catalog:
            catalog.reset_overrides(ids["odt"], ["language"])


def test_failed_document_shows_code_and_message(client, ids):
    html, _ = get_page(client, f"/documents/{ids['broken']}")
    assert "kon niet gelezen worden" in html
    assert re.search(r"Foutcode <code>[a-z_]+</code>", html)


def test_original_download_by_id_with_safe_name(client, ids, web_data):
    response = client.get(f"/documents/{ids['nonascii']}/original")
    assert response.status_code == 200
    assert response.data == web_data["files"]["nonascii"].read_bytes()
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=\"")
    star = re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1)
    assert unquote(star) == web_data["files"]["nonascii"].name
    assert response.mimetype.startswith("text/plain")
    pdf = client.get(f"/documents/{ids['mandaat']}/original")
    assert pdf.mimetype == "application/pdf" and pdf.data[:5] == b"%PDF-"
    assert "sandbox" in pdf.headers["Content-Security-Policy"]


def test_failed_original_can_still_be_downloaded(client, ids, web_data):
    response = client.get(f"/documents/{ids['broken']}/original")
    assert response.status_code == 200 and response.data == web_data["files"]["broken"].read_bytes()


def test_unknown_documents_give_dutch_404(client):
    for url in ("/documents/ffffffffffffffff", "/documents/not-an-id", "/documents/ffffffffffffffff/original"):
        html, page = get_page(client, url, 404)
        assert "Niet gevonden" in html and "Traceback" not in html


def test_overview_counts(client, web_data):
    html, page = get_page(client, "/overzicht")
    with Catalog(web_data["root"] / "catalog.sqlite3", readonly=True) as catalog:
        stats = catalog.stats()
    assert re.search(rf"<dt>Documenten</dt><dd>{stats['documents']}</dd>", html)
    assert re.search(rf"<dt>Mislukt</dt><dd>{stats['failures']}</dd>", html)
    assert page.link("Dinkelland") == "/?municipality=GM1774"
    for caption in ("Gemeente", "Fusieorganisatie", "Soort document", "Jaar"):
        assert f"<caption>{caption}</caption>" in html


def test_long_facets_are_cut_but_keep_selected_values():
    from webui.pages import facet_groups

    values = [{"value": f"GM{n:04d}", "label": f"Gemeente {n}", "count": 200 - n, "selected": n == 140} for n in range(150)]
    group = facet_groups({"municipality": values}, head=8, limit=100)["municipality"]
    assert [v["value"] for v in group["head"]] == [f"GM{n:04d}" for n in range(8)]
    assert len(group["tail"]) == 93 and group["tail"][-1]["value"] == "GM0140"
    assert group["hidden"] == 49
