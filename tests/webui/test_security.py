"""Escaping, headers, bounded parameters and error pages without internals."""
from __future__ import annotations

import re

import pytest

from webui import create_app


def test_script_in_title_and_text_is_escaped_everywhere(client, ids, web_data):
    script = web_data["script"]
    urls = ["/?q=raadsvoorstel", "/?q=alert", f"/documents/{ids['script']}", f"/documents/{ids['script']}?q=alert",
            f"/documents/{ids['script']}?q={script}", f"/?q={script}", "/overzicht"]
    for url in urls:
        response = client.get(url)
        html = response.get_data(as_text=True)
        assert script not in html, url
        # the only scripts on any page are our own file
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>'], url
    document = client.get(f"/documents/{ids['script']}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document, "shown as text, not dropped"
    api = client.get(f"/api/documents/{ids['script']}").get_json()
    assert script in api["title"], "JSON carries the real value; it is served as application/json"


def test_security_headers_on_pages_api_and_errors(client, ids):
    for url in ("/", "/api/search", "/nergens", f"/documents/{ids['mandaat']}", "/static/style.css"):
        headers = client.get(url).headers
        assert "default-src 'self'" in headers["Content-Security-Policy"] or "default-src 'none'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"


def test_no_inline_scripts_or_styles_that_the_policy_would_block(client, ids):
    for url in ("/", f"/documents/{ids['mandaat']}", "/overzicht", "/nergens"):
        html = client.get(url).get_data(as_text=True)
        assert " style=" not in html and " onclick=" not in html and "<style" not in html


@pytest.mark.parametrize("query", ["per_page=500", "page=1001", "q=" + "x" * 1001, "page=abc", "sort=titel",
                                   "from=2013-02-30", "year=twintig"])
def test_bad_parameters_give_a_dutch_400_page(client, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Ongeldige vraag" in html and 'lang="nl"' in html
    assert "Traceback" not in html and "QueryError" not in html


def test_document_highlight_query_is_bounded(client, ids):
    assert client.get(f"/documents/{ids['mandaat']}?q=" + "x" * 1001).status_code == 400


def test_unexpected_errors_show_a_dutch_500_without_internals(web_data):
    app = create_app({"FUSIEARCHIEF_DATA": str(web_data["root"])})

    @app.get("/kapot")
    def broken():
        raise RuntimeError("geheim /etc/wachtwoorden")

    for url in ("/kapot",):
        response = app.test_client().get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 500
        assert "Er ging iets mis" in html and "geheim" not in html and "Traceback" not in html


def test_app_needs_its_data_folder_passed_in():
    with pytest.raises(ValueError):
        create_app({})


def test_downloads_are_by_id_only(client):
    for url in ("/documents/..%2F..%2Fcatalog.sqlite3/original", "/documents/catalog.sqlite3/original",
                "/originals/catalog.sqlite3", "/static/../catalog.sqlite3"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"SQLite" not in response.data
