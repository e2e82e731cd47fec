"""The JSON API: search equals SearchIndex.search, documents, errors, and real responses validated
against the OpenAPI description (with a small validator for the subset of OpenAPI 3.0 it uses)."""
from __future__ import annotations

import pytest

from archive import Catalog, DataDir
from indexer.search import SearchRequest
from indexer.service.sync import open_index
from webui import create_app


def resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = spec["components"]["schemas"][name]
    return schema


TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "integer": int, "number": (int, float)}


def violations(spec: dict, schema: dict, value, where: str = "$") -> list[str]:
    """Where value breaks schema: type, nullable, required, properties, items, enum,
    additionalProperties, minimum/maximum."""
    schema = resolve(spec, schema)
    if value is None:
        return [] if schema.get("nullable") else [f"{where}: null not allowed"]
    expected = schema.get("type")
    if expected:
        if isinstance(value, bool) and expected in ("integer", "number"):
            return [f"{where}: boolean is not {expected}"]
        if not isinstance(value, TYPES[expected]):
            return [f"{where}: {type(value).__name__} is not {expected}"]
    problems = []
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, dict):
        problems += [f"{where}: missing {key}" for key in schema.get("required", []) if key not in value]
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                problems += violations(spec, properties[key], item, f"{where}.{key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                problems += violations(spec, schema["additionalProperties"], item, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                problems.append(f"{where}: unexpected {key}")
    if isinstance(value, list) and "items" in schema:
        for number, item in enumerate(value):
            problems += violations(spec, schema["items"], item, f"{where}[{number}]")
    return problems


def test_the_validator_catches_mismatches():
    spec = {"components": {"schemas": {"X": {"type": "object", "required": ["a"],
                                             "properties": {"a": {"type": "integer"}, "b": {"type": "string", "nullable": True}}}}}}
    ref = {"$ref": "#/components/schemas/X"}
    assert violations(spec, ref, {"a": 1, "b": None}) == []
    assert violations(spec, ref, {"b": "x"}) == ["$: missing a"]
    assert violations(spec, ref, {"a": "1"}) == ["$.a: str is not integer"]
    assert violations(spec, ref, {"a": True}) == ["$.a: boolean is not integer"]


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/api/openapi.json").get_json()


def response_schema(spec, path, status):
    return spec["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]["schema"]


def test_openapi_describes_every_api_route(app, spec):
    assert spec["openapi"].startswith("3.0")
    routes = {rule.rule for rule in app.url_map.iter_rules()
              if rule.rule.startswith(("/api/", "/export.")) and "<path:" not in rule.rule}
    described = {path.replace("{id}", "<doc_id>") for path in spec["paths"]}
    assert routes == described
    params = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert params == {"q", "municipality", "organisation", "type", "year", "language", "ocr", "from", "to", "sort",
                      "page", "per_page"}


@pytest.mark.parametrize("query", [
    "q=mandaat", "q=mandaat&sort=-date", "municipality=GM1774&municipality=GM0489&per_page=3",
    "q=zzzyyyxxx", "q=dinkellnd", "from=2013&to=2015-12",
])
def test_search_responses_match_the_schema_and_the_index(client, spec, web_data, query):
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert violations(spec, response_schema(spec, "/api/search", 200), body) == []
    # exactly what SearchIndex.search returns (the CLI's --format json shape)
    from urllib.parse import parse_qs

    data = DataDir(web_data["root"])
    with Catalog(data.catalog_path, readonly=True) as catalog:
        expected = open_index(data).search(SearchRequest.from_params(parse_qs(query)), texts=catalog.texts)
    assert body == expected


def test_search_params_are_validated(client, spec):
    cases = {"per_page=101": "per_page", "page=1001": "page", "page=0": "page", "sort=title": "sort",
             "q=" + "a" * 1001: "q", "from=2013-13-01": "from", "year=13": "year"}
    for query, _param in cases.items():
        response = client.get(f"/api/search?{query}")
        assert response.status_code == 400, query
        body = response.get_json()
        assert violations(spec, response_schema(spec, "/api/search", 400), body) == []
        assert body["error"]["code"] == "bad_parameter"
    long = client.get("/api/search?q=" + "a" * 1001).get_json()["error"]["message"]
    assert "te lang" in long and "1000" in long


def test_document_json_has_metadata_origins_and_provenance(client, spec, ids, web_data):
    body = client.get(f"/api/documents/{ids['mandaat']}").get_json()
    assert violations(spec, response_schema(spec, "/api/documents/{id}", 200), body) == []
    assert "text" not in body
    assert body["id"] == ids["mandaat"] and body["type"] == "mandaatbesluit"
    assert body["origins"]["type"] == "detected"
    assert {p["path"] for p in body["provenance"]} == {str(web_data["files"]["mandaat"]), str(web_data["files"]["copy"])}
    assert client.get(body["original_url"]).status_code == 200
    with_text = client.get(f"/api/documents/{ids['mandaat']}?text=1").get_json()
    assert "Noaberkracht" in with_text["text"]
    assert violations(spec, response_schema(spec, "/api/documents/{id}", 200), with_text) == []
    failed = client.get(f"/api/documents/{ids['broken']}").get_json()
    assert failed["status"] == "failed" and failed["failure"]["code"]
    assert violations(spec, response_schema(spec, "/api/documents/{id}", 200), failed) == []


def test_document_errors_are_json(client, spec):
    for url, status in (("/api/documents/ffffffffffffffff", 404), ("/api/documents/xyz", 404),
                        ("/api/nergens", 404), ("/api/documents/ffffffffffffffff?text=ja", 400)):
        response = client.get(url)
        assert response.status_code == status, url
        assert response.mimetype == "application/json"
        assert set(response.get_json()["error"]) == {"code", "message"}
    assert client.post("/api/search").status_code == 405
    assert client.post("/api/search").get_json()["error"]["code"] == "method_not_allowed"


def test_without_index_the_api_answers_503(tmp_path, fixture_files, spec):
    data = DataDir(tmp_path / "data")
    data.create()
    Catalog(data.catalog_path).close()
    client = create_app({"FUSIEARCHIEF_DATA": str(data.root)}).test_client()
    response = client.get("/api/search?q=fusie")
    assert response.status_code == 503
    assert violations(spec, response_schema(spec, "/api/search", 503), response.get_json()) == []
    assert response.get_json()["error"]["code"] == "no_index"
    page = client.get("/?q=fusie")
    assert page.status_code == 503 and "zoekindex" in page.get_data(as_text=True)
    overview = client.get("/overzicht")
    assert overview.status_code == 200 and "zoekindex" in overview.get_data(as_text=True)
    empty = create_app({"FUSIEARCHIEF_DATA": str(tmp_path / "nothing")}).test_client()
    assert empty.get("/api/documents/abcdef1234").status_code == 503
