"""Roles that mean something, end to end: a real ingest of one letter that is issued by Utrecht and
only mentions Amersfoort; the facet, the filters, the hit list, the document page and the export
show Utrecht as the document's municipality and keep Amersfoort apart as mentioned."""
from __future__ import annotations

import csv
import io
import re

import pytest

from archive import Catalog, DataDir
from indexer.service import run_ingest
from webui import create_app

LETTER = (
    "Besluit\n\n"
    "Het college van burgemeester en wethouders van de gemeente Utrecht;\n\n"
    "gelet op de aanvraag van een bedrijf uit Amersfoort van 3 maart 2020;\n\n"
    "besluit:\n\nde vergunning te verlenen.\n\n"
    "Aldus besloten in de vergadering van 10 maart 2020.\n"
)


@pytest.fixture(scope="module")
def roles_app(tmp_path_factory):
    base = tmp_path_factory.mktemp("roles")
    (base / "in").mkdir()
    (base / "in" / "vergunning.txt").write_text(LETTER, encoding="utf-8")
    data = DataDir(base / "data")
    run_ingest(data, [base / "in"], jobs=1, progress=False)
    with Catalog(data.catalog_path, readonly=True) as catalog:
        doc_id = catalog.arrived_as(path=str(base / "in" / "vergunning.txt"))[0]
        roles = {m.code: m.role for m in catalog.get(doc_id).municipalities}
    # The precondition of everything below: detection gave these roles.
    assert roles == {"GM0344": "issuer", "GM0307": "mentioned"}
    app = create_app({"FUSIEARCHIEF_DATA": str(data.root), "TESTING": True})
    return app.test_client(), doc_id


def _api(client, query: str) -> dict:
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 200
    return response.get_json()


def test_facet_and_filters_know_only_the_issuer_and_participants(roles_app):
    client, doc_id = roles_app
    result = _api(client, "")
    assert [f["value"] for f in result["facets"]["municipality"]] == ["GM0344"]
    assert [h["id"] for h in _api(client, "municipality=GM0344")["hits"]] == [doc_id]
    assert _api(client, "municipality=GM0307")["total"] == 0
    assert _api(client, "q=cbs:GM0307")["total"] == 0
    assert _api(client, "q=gemeente:Amersfoort")["total"] == 0
    assert _api(client, "q=gemeente:Utrecht")["total"] == 1


def test_a_mention_is_found_with_the_genoemd_field_by_name_or_code(roles_app):
    client, doc_id = roles_app
    assert [h["id"] for h in _api(client, "q=genoemd:Amersfoort")["hits"]] == [doc_id]
    assert [h["id"] for h in _api(client, "q=genoemd:GM0307")["hits"]] == [doc_id]
    assert _api(client, "q=genoemd:Utrecht")["total"] == 0
    # The JSON keeps every municipality with its role, so a client can tell them apart too.
    hit = _api(client, "")["hits"][0]
    assert {m["code"]: m["role"] for m in hit["municipalities"]} == {"GM0344": "issuer", "GM0307": "mentioned"}


def test_document_page_puts_mentions_under_their_own_heading(roles_app):
    client, doc_id = roles_app
    html = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    own = re.search(r"<dt>Gemeenten</dt>(.*?)</dd>", html, re.S).group(1)
    named = re.search(r"<dt>Genoemde gemeenten</dt>(.*?)</dd>", html, re.S).group(1)
    assert "Utrecht" in own and "Amersfoort" not in own
    assert "Amersfoort" in named and "genoemd%3AGM0307" in named
    hit_meta = re.search(r'<p class="meta">(.*?)</p>', client.get("/?q=vergunning").get_data(as_text=True), re.S)
    assert "Utrecht" in hit_meta.group(1) and "Amersfoort" not in hit_meta.group(1)


def test_export_lists_own_municipalities_and_mentions_apart(roles_app):
    client, _ = roles_app
    response = client.get("/export.csv?q=vergunning&dialect=rfc4180")
    assert response.status_code == 200
    row = next(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert row["municipalities"] == "GM0344" and row["municipality_names"] == "Utrecht"
    assert row["mentioned_municipalities"] == "GM0307"
