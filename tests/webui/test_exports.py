"""Exports of the current search from the web: CSV, XLSX, JSON, a streamed ZIP, and the EXPORT_MAX cap."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile

from tests.indexer.test_export import read_as_excel, read_xlsx


def test_zip_export_of_a_search_streams_originals_and_manifests(client, ids, web_data):
    response = client.get("/export.zip?organisation=noaberkracht&type=mandaatbesluit")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.is_streamed
    assert "attachment" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as result:
        manifest = json.loads(result.read("manifest.json"))
        assert ids["mandaat"] in [row["id"] for row in manifest]
        assert all(row["type"] == "mandaatbesluit" for row in manifest)
        for row in manifest:
            assert hashlib.sha256(result.read(row["archive_name"])).hexdigest() == row["sha256"]
        names = [r["archive_name"] for r in read_as_excel(result.read("manifest.csv"))]
        assert names == [row["archive_name"] for row in manifest]
        assert [r["archive_name"].value for r in read_xlsx(result.read("manifest.xlsx"))] == names


def test_csv_and_json_exports_follow_the_search(client, ids):
    api_ids = [h["id"] for h in client.get("/api/search?q=noaberkracht&sort=-date&per_page=100").get_json()["hits"]]
    rows = json.loads(client.get("/export.json?q=noaberkracht&sort=-date").get_data(as_text=True))
    assert [r["id"] for r in rows] == api_ids
    response = client.get("/export.csv?q=noaberkracht&sort=-date")
    assert response.mimetype == "text/csv" and response.headers["Content-Disposition"].startswith("attachment")
    parsed = read_as_excel(response.get_data())
    assert [r["id"] for r in parsed] == api_ids
    assert any("GM1774" in r["municipalities"].split(";") for r in parsed)
    plain = client.get("/export.csv?q=noaberkracht&sort=-date&dialect=rfc4180").get_data()
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert list(csv.DictReader(io.StringIO(plain.decode("utf-8")))) == parsed
    assert client.get("/export.csv?q=noaberkracht&dialect=semicolon").get_json()["error"]["code"] == "bad_parameter"


def test_spreadsheet_exports_keep_skarsterlan_and_never_hold_a_live_formula(client, ids, web_data):
    formula = web_data["formula"]
    rows = read_as_excel(client.get("/export.csv?q=Skarsterl%C3%A2n").get_data())
    row = next(r for r in rows if r["id"] == ids["formula"])
    assert row["title"] == "'" + formula
    response = client.get("/export.xlsx?q=Skarsterl%C3%A2n")
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    cells = next(r for r in read_xlsx(response.get_data()) if r["id"].value == ids["formula"])
    assert cells["title"].value == formula and cells["title"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(client.get("/export.zip?q=Skarsterl%C3%A2n").get_data())) as result:
        manifest = read_as_excel(result.read("manifest.csv"))
    assert [r["title"] for r in manifest if r["id"] == ids["formula"]] == ["'" + formula]
    assert any("Skarsterlân" in r["municipality_names"] for r in manifest)
    page = client.get("/?q=Skarsterl%C3%A2n").get_data(as_text=True)
    assert "/export.xlsx?q=Skarsterl" in page


def test_export_refuses_more_than_export_max_in_dutch(client):
    total = client.get("/api/search").get_json()["total"]
    assert total > 5, "the session app has EXPORT_MAX 5"
    for kind in ("zip", "csv", "json", "xlsx"):
        response = client.get(f"/export.{kind}")
        assert response.status_code == 400, kind
        text = response.get_data(as_text=True)
        assert "meer dan 5 documenten" in text and "Verfijn" in text
    assert client.get("/export.json").get_json()["error"]["code"] == "export_too_large"
    page = client.get("/").get_data(as_text=True)
    assert "Exporteren kan tot 5 documenten" in page and "/export.zip" not in page
    narrowed = client.get("/?q=mandaat").get_data(as_text=True)
    assert "/export.zip?q=mandaat" in narrowed


def test_export_with_bad_parameters_is_400(client):
    assert client.get("/export.csv?sort=zomaar").status_code == 400
    assert client.get("/export.zip?from=gisteren").status_code == 400
