"""Exports: readable archive names, manifest rows, CSV/JSON and a ZIP written to a stream that cannot seek."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from docx import Document
from reportlab.pdfgen import canvas

from archive import Catalog, OriginalStore
from archive.store import sha256_file
from indexer.export import archive_name, iter_zip, manifest_rows, write_csv, write_json, write_zip


def make_pdf(path: Path, lines: list[str]) -> Path:
    pdf = canvas.Canvas(str(path))
    for number, line in enumerate(lines):
        pdf.drawString(72, 760 - 16 * number, line)
    pdf.save()
    return path


def make_docx(path: Path, title: str, body: str) -> Path:
    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(body)
    document.save(str(path))
    return path


def archive_file(catalog: Catalog, store: OriginalStore, path: Path, *, detected: dict, arrived_as: list[str]) -> str:
    sha, size = sha256_file(path)
    ext = path.suffix.lstrip(".")
    store.put(path, sha, ext)
    return catalog.add_document(
        sha256=sha, size=size, ext=ext,
        extraction={"format": ext, "mime": "application/octet-stream", "text": "tekst", "pages": 1},
        failure=None, detected=detected,
        arrivals=[{"path": p, "size": size, "mtime_ns": 1, "run_id": None} for p in arrived_as],
    )


MANDAAT = {
    "title": {"value": "Mandaatbesluit Dinkelland 2013"},
    "type": {"value": "mandaatbesluit"},
    "date": {"value": "2013-04-09"},
    "language": {"value": "nl"},
    "issuer": "GM1774",
    "municipalities": [{"code": "GM1774", "name": "Dinkelland", "role": "issuer"},
                       {"code": "GM0183", "name": "Tubbergen", "role": "participant"}],
    "organisations": [{"key": "noaberkracht", "name": "Noaberkracht"}],
}


@pytest.fixture
def archive(tmp_path):
    """A catalog and store with three real originals: two share every part of their name."""
    catalog = Catalog(tmp_path / "data" / "catalog.sqlite3")
    store = OriginalStore(tmp_path / "data" / "originals")
    inbox = tmp_path / "in"
    inbox.mkdir()
    ids = {
        "pdf": archive_file(catalog, store, make_pdf(inbox / "mandaat.pdf", ["Mandaatbesluit Dinkelland", "Artikel 1"]),
                            detected=MANDAAT, arrived_as=[str(inbox / "mandaat.pdf"), "/elders/kopie.pdf"]),
        "twin": archive_file(catalog, store, make_pdf(inbox / "mandaat2.pdf", ["Mandaatbesluit Dinkelland", "Artikel 2"]),
                             detected=MANDAAT, arrived_as=[str(inbox / "mandaat2.pdf")]),
        "docx": archive_file(catalog, store, make_docx(inbox / "Sociaal plan.docx", "Sociaal plan", "Voor medewerkers."),
                             detected={"title": {"value": "Sociaal plan ‘Één organisatie’ — BAR"},
                                       "type": {"value": "sociaal_plan"}, "date": {"value": "2014"}},
                             arrived_as=[str(inbox / "Sociaal plan.docx")]),
    }
    yield catalog, store, ids, inbox
    catalog.close()


def test_archive_name_is_readable_and_safe():
    doc = {"id": "0123456789abcdef", "issuer": "GM1982", "doc_date": "2013-04-09", "doc_type": "mandaatbesluit",
           "title": "Mandaatbesluit Land van Cuijk: ‘directeur’ & ../../etc/passwd", "ext": "pdf"}
    assert archive_name(doc) == "GM1982_2013-04-09_mandaatbesluit_land-van-cuijk-directeur-etc-passwd.pdf"
    accents = archive_name({"id": "ab" * 8, "title": "Één Fusie à la Súdwest-Fryslân", "ext": "docx"})
    assert accents == "een-fusie-a-la-sudwest-fryslan.docx"


def test_archive_name_is_bounded_and_never_empty():
    long_title = " ".join(["gemeenschappelijkeregeling"] * 40)
    name = archive_name({"id": "ab" * 8, "issuer": "GM0363", "doc_date": "2020", "doc_type": "nota",
                         "title": long_title, "ext": "pdf"})
    assert len(name) <= 100 and name.startswith("GM0363_2020_nota_gemeenschappelijkeregeling")
    assert not name.endswith("-.pdf")
    assert archive_name({"id": "cd" * 8, "title": "<<>>", "ext": "../x"}) == "cdcdcdcdcdcdcdcd.x"
    # no title: the file name it arrived under serves
    assert archive_name({"id": "ef" * 8, "filenames": ["Besluit raad.PDF"], "ext": "pdf"}) == "besluit-raad.pdf"


def test_archive_name_adds_the_id_only_when_needed():
    taken: set[str] = set()
    first = {"id": "1" * 16, "doc_type": "nota", "title": "Nota", "ext": "pdf"}
    second = {"id": "2" * 16, "doc_type": "nota", "title": "Nota", "ext": "pdf"}
    assert archive_name(first, taken) == "nota.pdf"
    assert archive_name(second, taken) == f"nota_{'2' * 16}.pdf"


def test_manifest_rows_follow_the_given_order(archive):
    catalog, _store, ids, inbox = archive
    rows = manifest_rows(catalog, [ids["docx"], "ffffffffffffffff", ids["twin"], ids["pdf"]])
    assert [r["id"] for r in rows] == [ids["docx"], ids["twin"], ids["pdf"]]
    docx, twin, pdf = rows
    assert twin["archive_name"] == "GM1774_2013-04-09_mandaatbesluit_dinkelland-2013.pdf"
    assert pdf["archive_name"] == f"GM1774_2013-04-09_mandaatbesluit_dinkelland-2013_{ids['pdf']}.pdf"
    assert pdf["municipalities"] == ["GM1774", "GM0183"]
    assert pdf["municipality_names"] == ["Dinkelland", "Tubbergen"]
    assert pdf["organisations"] == ["noaberkracht"]
    assert sorted(pdf["filenames"]) == ["kopie.pdf", "mandaat.pdf"]
    assert docx["archive_name"] == "2014_sociaal-plan_een-organisatie-bar.docx"
    assert docx["size"] == (inbox / "Sociaal plan.docx").stat().st_size


def test_csv_and_json_carry_the_same_rows(archive):
    catalog, _store, ids, _inbox = archive
    rows = manifest_rows(catalog, list(ids.values()))
    text = io.StringIO()
    write_csv(text, rows)
    parsed = list(csv.DictReader(io.StringIO(text.getvalue())))
    assert [r["id"] for r in parsed] == [r["id"] for r in rows]
    assert parsed[0]["municipalities"] == "GM1774;GM0183"
    assert parsed[0]["title"] == "Mandaatbesluit Dinkelland 2013"
    as_json = io.StringIO()
    write_json(as_json, rows)
    assert json.loads(as_json.getvalue()) == rows


class Pipe(io.RawIOBase):
    """A write-only stream like a socket: no tell, no seek."""

    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.data += b
        return len(b)

    def seekable(self):
        return False

    def tell(self):
        raise OSError("not seekable")


def test_zip_on_a_stream_holds_originals_byte_for_byte_and_manifests(archive):
    catalog, store, ids, _inbox = archive
    pipe = Pipe()
    written = write_zip(pipe, catalog, store, [ids["pdf"], ids["twin"], ids["docx"]])
    assert written == len(pipe.data) > 0
    with zipfile.ZipFile(io.BytesIO(bytes(pipe.data))) as result:
        assert result.testzip() is None
        names = result.namelist()
        manifest = json.loads(result.read("manifest.json"))
        assert names[:2] == ["manifest.csv", "manifest.json"]
        assert names[2:] == [row["archive_name"] for row in manifest]
        for row in manifest:
            assert hashlib.sha256(result.read(row["archive_name"])).hexdigest() == row["sha256"]
        csv_rows = list(csv.DictReader(io.StringIO(result.read("manifest.csv").decode("utf-8"))))
        assert [r["archive_name"] for r in csv_rows] == [r["archive_name"] for r in manifest]


def test_zip_streams_in_pieces_and_survives_a_missing_original(archive, tmp_path):
    catalog, store, ids, _inbox = archive
    missing = store.find(catalog.get(ids["docx"])["sha256"])
    missing.unlink()
    chunks = list(iter_zip(catalog, store, [ids["pdf"], ids["docx"]]))
    assert sum(1 for c in chunks if c) >= 3, "manifests and each original go out as they are written"
    with zipfile.ZipFile(io.BytesIO(b"".join(chunks))) as result:
        manifest = json.loads(result.read("manifest.json"))
        assert [r["id"] for r in manifest] == [ids["pdf"], ids["docx"]]
        assert len(result.namelist()) == 3  # the manifests and the one original that still exists
    out = tmp_path / "export.zip"
    with open(out, "wb") as handle:
        write_zip(handle, catalog, store, [ids["pdf"]])
    assert zipfile.is_zipfile(out)
