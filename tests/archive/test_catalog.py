import sqlite3

import pytest

from archive import Catalog, CatalogError, DocumentNotFound
from archive.migrations import SCHEMA_VERSION

SHA = "ab" * 32
DETECTED = {
    "title": {"value": "Mandaatbesluit Noaberkracht", "source": "heading"},
    "type": {"value": "mandaatbesluit", "source": "title"},
    "date": {"value": "2013-04-09", "precision": "day", "role": "ondertekening"},
    "language": {"value": "nl"},
    "issuer": "GM1774",
    "municipalities": [{"code": "GM1774", "name": "Dinkelland", "role": "issuer"}],
    "organisations": [{"key": "noaberkracht", "name": "Noaberkracht"}],
}


def add(catalog, sha=SHA, failure=None, path="/in/mandaat.pdf"):
    return catalog.add_document(
        sha256=sha, size=10, ext="pdf",
        extraction=None if failure else {"format": "pdf", "mime": "application/pdf", "text": "tekst", "pages": 2},
        failure=failure, detected=DETECTED,
        arrivals=[{"path": path, "size": 10, "mtime_ns": 1, "run_id": None}],
    )


def test_document_with_provenance_and_effective_metadata(tmp_path):
    catalog = Catalog(tmp_path / "c.sqlite3")
    doc_id = add(catalog)
    doc = catalog.get(doc_id)
    assert doc_id == SHA[:16]
    assert (doc.title, doc.type, doc.date_iso, doc.date.precision) == (
        "Mandaatbesluit Noaberkracht", "mandaatbesluit", "2013-04-09", "day")
    assert doc.origins["type"] == "detected"
    assert [p.path for p in catalog.provenance(doc_id)] == ["/in/mandaat.pdf"]
    assert catalog.integrity_errors() == []


def test_duplicate_arrival_adds_provenance_only(tmp_path):
    catalog = Catalog(tmp_path / "c.sqlite3")
    doc_id = add(catalog)
    assert catalog.add_provenance(doc_id, path="/in/ridderkerk/statuut.pdf", size=10, mtime_ns=2, run_id=None)
    assert not catalog.add_provenance(doc_id, path="/in/ridderkerk/statuut.pdf", size=10, mtime_ns=2, run_id=None)
    assert catalog.count_documents() == 1
    assert len(catalog.provenance(doc_id)) == 2
    assert catalog.known_paths()["/in/ridderkerk/statuut.pdf"] == (10, 2)


def test_overrides_win_over_detection_and_survive_redetection(tmp_path):
    catalog = Catalog(tmp_path / "c.sqlite3")
    doc_id = add(catalog)
    catalog.set_overrides(doc_id, {"type": "raadsbesluit"}, origin="corrected")
    catalog.set_overrides(doc_id, {"type": "nota", "date": "2013"}, origin="supplied")
    catalog.set_detected(doc_id, {**DETECTED, "type": {"value": "overig"}})
    doc = catalog.get(doc_id)
    # a correction by hand beats a manifest value, which beats detection
    assert doc.type == "raadsbesluit" and doc.origins["type"] == "corrected"
    assert doc.date_iso == "2013" and doc.date.precision == "year" and doc.origins["date"] == "supplied"
    catalog.reset_overrides(doc_id, ["type"])
    assert catalog.get(doc_id).type == "overig"
    with pytest.raises(CatalogError):
        catalog.set_overrides(doc_id, {"colour": "blue"}, origin="corrected")


def test_failed_document_has_a_failure_row_per_path_until_a_retry_succeeds(tmp_path):
    catalog = Catalog(tmp_path / "c.sqlite3")
    failure = {"stage": "extract", "code": "encrypted", "message": "password protected"}
    doc_id = add(catalog, failure=failure)
    catalog.add_provenance(doc_id, path="/in/copy.pdf", size=10, mtime_ns=3, run_id=None)
    assert sorted(f["path"] for f in catalog.failures()) == ["/in/copy.pdf", "/in/mandaat.pdf"]
    assert {f["sha256"] for f in catalog.failures("encrypted")} == {SHA}
    assert catalog.integrity_errors() == []
    catalog.replace_extraction(doc_id, extraction={"format": "pdf", "text": "nu wel"}, failure=None, detected=DETECTED)
    assert catalog.failures() == [] and catalog.get(doc_id).status == "ok"


def test_unread_failure_is_replaced_when_the_path_is_archived(tmp_path):
    catalog = Catalog(tmp_path / "c.sqlite3")
    catalog.record_failure(path="/in/x.pdf", document_id=None, size=None, mtime_ns=None, stage="read",
                           code="unreadable", message="permission denied", run_id=None)
    add(catalog, path="/in/x.pdf")
    assert catalog.failures() == []
    assert catalog.integrity_errors() == []


def test_resolve_id_by_prefix_and_clear_errors(tmp_path):
    catalog = Catalog(tmp_path / "c.sqlite3")
    add(catalog)
    add(catalog, sha="ab" * 3 + "cd" * 29, path="/in/b.pdf")
    assert catalog.resolve_id(SHA[:10]) == SHA[:16]
    assert catalog.resolve_id(SHA) == SHA[:16]
    with pytest.raises(DocumentNotFound, match="ambiguous"):
        catalog.resolve_id("ababab")
    with pytest.raises(DocumentNotFound, match="not a document id"):
        catalog.resolve_id("../../etc")
    with pytest.raises(DocumentNotFound, match="No document"):
        catalog.resolve_id("ffffffff")


def test_readonly_catalog_requires_an_existing_archive(tmp_path):
    with pytest.raises(CatalogError, match="fusiearchief ingest"):
        Catalog(tmp_path / "none.sqlite3", readonly=True)
    Catalog(tmp_path / "c.sqlite3").close()
    reader = Catalog(tmp_path / "c.sqlite3", readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        reader.db.execute("DELETE FROM documents")


def test_newer_schema_is_refused(tmp_path):
    Catalog(tmp_path / "c.sqlite3").close()
    db = sqlite3.connect(tmp_path / "c.sqlite3")
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(CatalogError, match="newer"):
        Catalog(tmp_path / "c.sqlite3")


def test_stats_and_runs(tmp_path):
    catalog = Catalog(tmp_path / "c.sqlite3")
    run = catalog.start_run({"paths": ["/in"]})
    add(catalog)
    add(catalog, sha="cd" * 32, failure={"stage": "extract", "code": "corrupt", "message": "kapot"}, path="/in/k.pdf")
    catalog.finish_run(run, {"new": 1, "failed": 1}, "ok")
    numbers = catalog.stats()
    assert numbers["documents"] == 2 and numbers["by_status"] == {"failed": 1, "ok": 1}
    assert numbers["failures_by_code"] == {"corrupt": 1}
    assert catalog.runs()[0]["counts"] == {"failed": 1, "new": 1} and catalog.runs()[0]["status"] == "ok"
