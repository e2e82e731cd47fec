"""The application core both front ends (cli.py, webui/) use: one Fusiearchief object per data folder,
with a Reader for searching, documents and exports and a Writer, the single writer, for ingest,
edit, redetect and reindex. It calls the archive, the ingest pipeline and the search engine boundary;
nothing above it opens the catalog or the index itself.

What the front ends need from the layers below (named data, request limits, labels, the reference
register, table writers) they import from here too, so that this __all__ is their whole view of the code.
"""
from importlib import import_module

from archive.errors import FusiearchiefError
from archive.records import MANIFEST_COLUMNS, Arrival, Document, MunicipalityRef, OrganisationRef, PartialDate
from indexer.detect import reference
from indexer.detect.labels import LANGUAGE_LABELS, facet_label
from indexer.detect.normalise import name_key
from indexer.detect.roles import concerned, mentioned
from indexer.detect.taxonomy import type_label
from indexer.search import FACETS, QueryError, SearchRequest
from indexer.search.budget import MAX_EXPANDED_TERMS, SEARCH_SECONDS
from indexer.search.hits import Hit, SearchResult
from indexer.search.request import MAX_FILTER_VALUES, MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS, SORTS
from indexer.service.core import Fusiearchief, NoArchive, Reader, Writer
from indexer.service.export import archive_name, write_csv, write_json, write_xlsx
from indexer.service.filters import request_from_params
from indexer.tables import CSV_DIALECTS, DEFAULT_CSV_DIALECT, write_csv_table

# What only the ingest and `evaluate` need is loaded when first asked for: extraction pulls in
# pdfminer, python-docx and friends, which a web server (each of its workers) never uses.
_LAZY = {
    "Limits": "indexer.extract", "Manifest": "indexer.ingest", "Progress": "indexer.ingest.progress",
    "run_ingest": "indexer.service.ingest", "format_report": "indexer.detect.evaluate",
    "write_misses": "indexer.detect.evaluate",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'indexer.service' has no attribute {name!r}")


def evaluate_labels(labels):
    """Detection measured against a labels CSV (touches no data folder)."""
    from indexer.detect.evaluate import evaluate
    from indexer.extract import extract_file

    return evaluate(labels, extract_file)


__all__ = [
    "CSV_DIALECTS", "DEFAULT_CSV_DIALECT", "FACETS", "LANGUAGE_LABELS", "MANIFEST_COLUMNS", "MAX_EXPANDED_TERMS",
    "MAX_FILTER_VALUES", "MAX_PAGE", "MAX_PER_PAGE", "MAX_QUERY_CHARS", "SEARCH_SECONDS", "SORTS",
    "Arrival", "Document", "Fusiearchief", "FusiearchiefError", "Hit", "Limits", "Manifest", "MunicipalityRef",
    "NoArchive", "OrganisationRef", "PartialDate", "Progress", "QueryError", "Reader", "SearchRequest", "SearchResult",
    "Writer",
    "archive_name", "concerned", "evaluate_labels", "facet_label", "format_report", "mentioned", "name_key", "reference",
    "request_from_params", "run_ingest", "type_label", "write_csv", "write_csv_table", "write_json", "write_misses",
    "write_xlsx",
]
