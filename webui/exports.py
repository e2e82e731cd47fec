"""Exports of the current search (same URL parameters as the search page): CSV, XLSX, JSON, or a ZIP
of the originals with manifest.csv, manifest.xlsx and manifest.json, streamed while it is written.
CSV is for Dutch Excel unless `dialect=rfc4180` asks for plain comma-separated values."""
from __future__ import annotations

import io
from datetime import date

from flask import Response, current_app, request

from indexer.service import CSV_DIALECTS, DEFAULT_CSV_DIALECT, write_csv, write_json, write_xlsx
from webui.downloads import content_disposition
from webui.errors import Problem
from webui.pages import pages, search_request
from webui.resources import core, reader


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_ids() -> list[str]:
    limit = int(current_app.config["EXPORT_MAX"])
    ids = reader().matching_ids(search_request(), limit=limit + 1)
    if len(ids) > limit:
        raise Problem(400, "export_too_large",
                      f"Deze zoekopdracht levert meer dan {limit} documenten op; dat is te veel om in één keer te "
                      "exporteren. Verfijn de zoekopdracht met een zoekterm, filters of een periode.")
    return ids


def file_name(extension: str) -> str:
    return f"fusiearchief-export-{date.today():%Y-%m-%d}.{extension}"


def csv_dialect() -> str:
    dialect = request.args.get("dialect", DEFAULT_CSV_DIALECT)
    if dialect not in CSV_DIALECTS:
        raise Problem(400, "bad_parameter", "De parameter 'dialect' is 'excel' (puntkomma's, voor Excel; de "
                                            "standaard) of 'rfc4180' (komma's).")
    return dialect


def text_export(writer, extension: str, mimetype: str) -> Response:
    rows = reader().export_rows(export_ids())
    buffer = io.StringIO(newline="")
    writer(buffer, rows)
    return Response(buffer.getvalue(), mimetype=mimetype,
                    headers={"Content-Disposition": content_disposition(file_name(extension))})


@pages.get("/export.csv")
def export_csv():
    dialect = csv_dialect()
    return text_export(lambda out, rows: write_csv(out, rows, dialect), "csv", "text/csv; charset=utf-8")


@pages.get("/export.xlsx")
def export_xlsx():
    rows = reader().export_rows(export_ids())
    buffer = io.BytesIO()
    write_xlsx(buffer, rows)
    return Response(buffer.getvalue(), mimetype=XLSX_MIME,
                    headers={"Content-Disposition": content_disposition(file_name("xlsx"))})


@pages.get("/export.json")
def export_json():
    return text_export(write_json, "json", "application/json")


@pages.get("/export.zip")
def export_zip():
    dialect = csv_dialect()
    ids = export_ids()  # errors are raised here, before the first byte is sent
    archive = core()

    def stream():
        # Its own reader: the request's one is closed when the view returns, before streaming ends.
        with archive.read() as own:
            yield from own.iter_zip(ids, dialect)

    return Response(stream(), mimetype="application/zip",
                    headers={"Content-Disposition": content_disposition(file_name("zip"))})
