"""What a hostile or unlucky client found (issue 15): budgets answered in the usual error shapes, an
empty index, the index being built, a rebuild switching generations, the Host header, 405 and 431,
non-ASCII digits, invisible characters in download names; and the CLI's side of the same."""
from __future__ import annotations

import threading

import pytest
from click.testing import CliRunner

from archive import Catalog, DataDir
from archive.lock import exclusive_lock
from cli import main
from indexer.search import SearchIndex
from webui import create_app

from tests.indexer.search.test_backend import DOCS
from tests.indexer.test_export import read_as_excel, read_xlsx


def cli(root, *args: str):
    return CliRunner().invoke(main, ["--data-dir", str(root), *args])


def test_a_search_past_its_budget_is_a_503_json_or_dutch_page(web_data):
    client = create_app({"FUSIEARCHIEF_DATA": str(web_data["root"]), "SEARCH_SECONDS": 0.0}).test_client()
    api = client.get("/api/search?q=besluit")
    assert api.status_code == 503 and api.get_json()["error"]["code"] == "search_timeout"
    page = client.get("/?q=besluit")
    html = page.get_data(as_text=True)
    assert page.status_code == 503 and 'lang="nl"' in html and "te veel tijd" in html


def test_a_too_broad_query_is_a_400_with_a_dutch_message(client):
    body = client.get("/api/search?q=*a*").get_json()
    assert body["error"]["code"] == "query_too_broad" and "zet er minstens één letter" in body["error"]["message"]
    page = client.get("/documents/x?q=*a*")
    assert page.status_code in (400, 404)


def test_openapi_server_is_relative_whatever_the_host_header(client):
    spec = client.get("/api/openapi.json", headers={"Host": "evil.example"}).get_json()
    assert spec["servers"] == [{"url": "/"}]
    assert "evil.example" not in client.get("/api/openapi.json", headers={"Host": "evil.example"}).get_data(as_text=True)


def test_405_says_which_methods_are_allowed(client):
    for url in ("/api/search", "/", "/export.csv"):
        response = client.post(url)
        assert response.status_code == 405 and "GET" in response.headers["Allow"], url
    assert client.post("/api/search").get_json()["error"]["code"] == "method_not_allowed"


def test_oversized_headers_get_431_in_the_usual_shape(client):
    big = {"X-Padding": "x" * 40_000}
    api = client.get("/api/search", headers=big)
    assert api.status_code == 431 and api.get_json()["error"]["code"] == "headers_too_large"
    page = client.get("/", headers=big)
    assert page.status_code == 431 and 'lang="nl"' in page.get_data(as_text=True)
    assert client.get("/api/search", headers={"X-Padding": "x" * 4000}).status_code == 200


@pytest.mark.parametrize("query", ["page=%EF%BC%91", "per_page=%D9%A5", "year=%D9%A2%D9%A0%D9%A1%D9%A3",
                                   "from=%EF%BC%92%EF%BC%90%EF%BC%91%EF%BC%93"])
def test_non_ascii_digits_are_refused_as_invalid(client, query):
    api = client.get(f"/api/search?{query}")
    assert api.status_code == 400 and api.get_json()["error"]["code"] == "bad_parameter"
    assert client.get(f"/?{query}").status_code == 400


def test_download_names_lose_bidirectional_overrides(client, ids):
    response = client.get(f"/documents/{ids['formula']}/original")
    disposition = response.headers["Content-Disposition"]
    assert "\u202e" not in disposition and "%E2%80%AE" not in disposition
    assert "notulenfdp.exe.txt" in disposition
    assert "\u202e" not in client.get(f"/api/documents/{ids['formula']}").get_json()["download_name"]


def test_an_empty_index_answers_every_page_and_the_cli(tmp_path):
    root = tmp_path / "data"
    assert cli(root, "init").exit_code == 0
    assert cli(root, "reindex").exit_code == 0
    result = cli(root, "search", "besluit")
    assert result.exit_code == 0 and result.output.startswith("0 documents"), result.output
    assert cli(root, "search", "besluit", "--format", "csv").exit_code == 0
    client = create_app({"FUSIEARCHIEF_DATA": str(root)}).test_client()
    for url in ("/", "/?q=besluit", "/api/search?q=besluit&sort=-date", "/overzicht", "/export.csv", "/export.xlsx"):
        assert client.get(url).status_code == 200, url
    assert client.get("/api/search").get_json()["total"] == 0


def test_during_a_first_ingest_search_says_the_index_is_being_built(tmp_path):
    data = DataDir(tmp_path / "data")
    data.create()
    Catalog(data.catalog_path).close()
    client = create_app({"FUSIEARCHIEF_DATA": str(data.root)}).test_client()
    with exclusive_lock(data.ingest_lock, "ingest"):
        api = client.get("/api/search?q=fusie").get_json()["error"]
        assert api["code"] == "index_building" and "reindex" not in api["message"]
        assert "opgebouwd" in client.get("/?q=fusie").get_data(as_text=True)
        result = cli(data.root, "search", "fusie")
        assert result.exit_code == 2 and "being built" in result.output and "reindex" not in result.output
    assert client.get("/api/search?q=fusie").get_json()["error"]["code"] == "no_index"


def test_searches_during_rebuilds_never_see_a_missing_index(tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.update(DOCS)
    done = threading.Event()

    def rebuild() -> None:
        try:
            for _ in range(25):
                SearchIndex(index.dir).rebuild(DOCS)
        finally:
            done.set()

    builder = threading.Thread(target=rebuild)
    builder.start()
    statuses = []
    while not done.is_set():
        statuses.append(index.schema_status())
        index.doc_count()
    builder.join()
    assert statuses and set(statuses) == {"ok"}


def test_cli_exports_for_excel_and_refuses_runaway_queries(web_data, tmp_path):
    root = web_data["root"]
    out = tmp_path / "skarsterlan.xlsx"
    result = cli(root, "export", "Skarsterlân", "--format", "xlsx", "-O", str(out))
    assert result.exit_code == 0, result.output
    rows = read_xlsx(out.read_bytes())
    assert any(r["title"].value == web_data["formula"] for r in rows)
    assert cli(root, "export", "Skarsterlân", "--format", "xlsx").exit_code == 2
    csv_out = tmp_path / "skarsterlan.csv"
    assert cli(root, "export", "Skarsterlân", "--format", "csv", "-O", str(csv_out)).exit_code == 0
    assert any(r["title"] == "'" + web_data["formula"] for r in read_as_excel(csv_out.read_bytes()))
    searched = cli(root, "search", "Skarsterlân", "--format", "csv", "--csv-dialect", "rfc4180")
    assert searched.exit_code == 0 and "\ufeff" not in searched.output
    assert ",'=HYPERLINK(" in searched.output.replace('"\'', "'")
    refused = cli(root, "search", "*a* *e*")
    assert refused.exit_code == 2 and "starts with a wildcard" in refused.output and "Traceback" not in refused.output
