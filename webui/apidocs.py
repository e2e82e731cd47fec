"""The API documentation as a readable Dutch page, rendered on the server from the same OpenAPI
description /api/openapi.json serves (no external viewer)."""
from __future__ import annotations

from flask import render_template

from webui.openapi import openapi_document
from webui.pages import pages


TYPE_NAMES = {"string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "ja/nee",
              "object": "object", "array": "lijst", "null": "null"}


def _resolve(spec: dict, schema: dict) -> tuple[str, dict]:
    """(name, schema) for a $ref, or ('', schema) as given."""
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        name = ref.rsplit("/", 1)[1]
        return name, spec["components"]["schemas"][name]
    return "", schema


def _type_text(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[1]
    declared: str | list[str] = schema.get("type", "")
    if isinstance(declared, list):
        kind = " of ".join(TYPE_NAMES.get(k, k) for k in declared)
    else:
        kind = TYPE_NAMES.get(declared, declared)
    if kind == "lijst":
        return f"lijst van {_type_text(schema.get('items', {}))}"
    if "enum" in schema:
        return f"{kind}: {', '.join(str(v) for v in schema['enum'])}"
    if "anyOf" in schema or "oneOf" in schema:
        return " of ".join(_type_text(s) for s in schema.get("anyOf", schema.get("oneOf", [])))
    if schema.get("nullable"):
        return f"{kind} of null"
    return kind or "object"


def operations(spec: dict) -> list[dict]:
    found = []
    for path, methods in spec.get("paths", {}).items():
        for method, operation in methods.items():
            responses = []
            for status, response in operation.get("responses", {}).items():
                schema = response.get("content", {}).get("application/json", {}).get("schema", {})
                responses.append({"status": status, "description": response.get("description", ""),
                                  "schema": _resolve(spec, schema)[0] or _type_text(schema)})
            found.append({
                "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                "id": operation.get("operationId", path),
                "parameters": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                "type": _type_text(p.get("schema", {})), "description": p.get("description", ""),
                                "default": p.get("schema", {}).get("default")}
                               for p in operation.get("parameters", [])],
                "responses": responses,
            })
    return found


def schemas(spec: dict) -> list[dict]:
    found = []
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        found.append({"name": name, "description": schema.get("description", ""),
                      "fields": [{"name": field, "type": _type_text(sub), "required": field in required,
                                  "description": sub.get("description", "")}
                                 for field, sub in schema.get("properties", {}).items()]})
    return found


@pages.get("/api")
def api_docs():
    spec = openapi_document()
    return render_template("api_docs.html", spec=spec, operations=operations(spec), schemas=schemas(spec))
