"""Exports of the current search from the web: CSV, JSON, a streamed ZIP, and the EXPORT_MAX cap."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile


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
        names = [r["archive_name"] for r in csv.DictReader(io.StringIO(result.read("manifest.csv").decode()))]
        assert names == [row["archive_name"] for row in manifest]


def test_csv_and_json_exports_follow_the_search(client, ids):
    api_ids = [h["id"] for h in client.get("/api/search?q=noaberkracht&sort=-date&per_page=100").get_json()["hits"]]
    rows = json.loads(client.get("/export.json?q=noaberkracht&sort=-date").get_data(as_text=True))
    assert [r["id"] for r in rows] == api_ids
    response = client.get("/export.csv?q=noaberkracht&sort=-date")
    assert response.mimetype == "text/csv" and response.headers["Content-Disposition"].startswith("attachment")
    parsed = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["id"] for r in parsed] == api_ids
    assert any("GM1774" in r["municipalities"].split(";") for r in parsed)


def test_export_refuses_more_than_export_max_in_dutch(client):
    total = client.get("/api/search").get_json()["total"]
    assert total > 5, "the session app has EXPORT_MAX 5"
    for kind in ("zip", "csv", "json"):
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
